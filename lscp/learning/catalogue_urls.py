"""The catalogue, booking, registration, the trainer's register and the business unit's running of
courses and sessions (views in catalogue_views, booking_views and manage_views)."""

from django.urls import path

from lscp.learning import booking_views, catalogue_views, manage_views

urlpatterns = [
    path("", catalogue_views.catalogue, name="catalogue"),
    path("courses/<slug:slug>/", catalogue_views.course, name="course"),
    path("sessions/<int:pk>/", catalogue_views.session, name="session"),
    path("sign-up/", catalogue_views.sign_up, name="sign-up"),
    path("sign-up/check-your-email/", catalogue_views.sign_up_sent, name="sign-up-sent"),
    path("sessions/<int:pk>/book/", booking_views.book, name="book"),
    path("mine/", booking_views.my_learning, name="my-learning"),
    path("bookings/<int:pk>/cancel/", booking_views.cancel, name="cancel-booking"),
    path("bookings/<int:pk>/offer/", booking_views.offer, name="offer"),
    path("bookings/<int:pk>/watched/", booking_views.confirm_watched, name="confirm-watched"),
    path("approval/<uuid:token>/", booking_views.approval, name="approval"),
    path("sessions/<int:pk>/attendance/", booking_views.attendance, name="attendance"),
    path("manage/", manage_views.manage, name="manage"),
    path("manage/courses/add/", manage_views.course_add, name="course-add"),
    path("manage/courses/<slug:slug>/edit/", manage_views.course_edit, name="course-edit"),
    path("manage/courses/<slug:slug>/sessions/add/", manage_views.session_add, name="session-add"),
    path("sessions/<int:pk>/edit/", manage_views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/cancel/", manage_views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/bookings/", manage_views.session_bookings, name="session-bookings"),
    path("bookings/<int:pk>/decide/", manage_views.decide_for_manager, name="decide-for-manager"),
    path("charges/", manage_views.charges, name="charges"),
    path("charges.csv", manage_views.charges_csv, name="charges-csv"),
]
