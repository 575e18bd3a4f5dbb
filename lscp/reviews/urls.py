from django.urls import path

from lscp.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notifications/add/", views.notification_add, name="notification-add"),
    path("notifications/<int:pk>/", views.notification, name="notification"),
    path("notifications/<int:pk>/edit/", views.notification_edit, name="notification-edit"),
    path("notifications/<int:pk>/rapid-review/", views.rapid_review_start, name="rapid-review-start"),
    path("refer/", views.referral_add, name="refer"),
    path("referrals/", views.referrals, name="referrals"),
    path("referrals/mine/", views.my_referrals, name="my-referrals"),
    path("referrals/<int:pk>/", views.referral, name="referral"),
    path("referrals/<int:pk>/triage/", views.referral_triage, name="triage"),
    path("returns/", views.returns_owed, name="returns-owed"),
    path("rapid-reviews/<int:pk>/", views.rapid_review, name="rapid-review"),
    path("rapid-reviews/<int:pk>/edit/", views.rapid_review_edit, name="rapid-review-edit"),
    path("rapid-reviews/<int:pk>/decision/", views.rapid_review_decision, name="decision"),
    path("rapid-reviews/<int:pk>/returns/add/", views.return_add, name="return-add"),
    path("rapid-reviews/<int:pk>/returns/<int:return_pk>/upload/", views.return_upload, name="return-upload"),
    path("rapid-reviews/<int:pk>/returns/<int:return_pk>/file/", views.return_file, name="return-file"),
    path(
        "rapid-reviews/<int:pk>/recommendations/add/",
        views.rapid_review_recommendation,
        name="rapid-review-recommendation",
    ),
    path("practice-reviews/<int:pk>/", views.practice_review, name="practice-review"),
    path("practice-reviews/<int:pk>/edit/", views.practice_review_edit, name="practice-review-edit"),
    path("practice-reviews/<int:pk>/engagement/add/", views.engagement_add, name="engagement-add"),
    path(
        "practice-reviews/<int:pk>/recommendations/add/",
        views.practice_review_recommendation,
        name="practice-review-recommendation",
    ),
]
