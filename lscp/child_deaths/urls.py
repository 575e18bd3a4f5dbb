from django.urls import include, path

from lscp.child_deaths import views

app_name = "child_deaths"

case = "cases/<int:pk>/"

urlpatterns = [
    path("", include("lscp.child_deaths.analysis_urls")),
    path("cases/", views.cases, name="cases"),
    path("notify/", views.notify, name="notify"),
    path("notified/", views.my_notifications, name="my-notifications"),
    path(case, views.case, name="case"),
    path(f"{case}edit/", views.case_edit, name="case-edit"),
    path(f"{case}lead-nurse/", views.lead_nurse, name="lead-nurse"),
    path(f"{case}joint-agency-response/", views.joint_agency_response, name="jar"),
    path(f"{case}information/ask/", views.request_information, name="information-request"),
    path(f"{case}information/<int:request_pk>/upload/", views.information_upload, name="information-upload"),
    path(f"{case}information/<int:request_pk>/file/", views.information_file, name="information-file"),
    path(f"{case}review-meeting/", views.review_meeting, name="cdrm"),
    path(f"{case}list-for-panel/", views.list_for_panel, name="list-for-panel"),
    path(f"{case}panel-review/", views.panel_review, name="panel-review"),
    path(f"{case}family-contact/", views.family_contact, name="family-contact"),
    path(
        f"{case}learning/<int:point_pk>/recommendation/",
        views.learning_point_recommendation,
        name="learning-point-recommendation",
    ),
]
