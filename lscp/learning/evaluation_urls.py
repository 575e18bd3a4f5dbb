"""Evaluations on the day and months later, the course evaluation report, certificates
(views in evaluation_views and report_views)."""

from django.urls import path

from lscp.learning import evaluation_views, report_views

urlpatterns = [
    path("bookings/<int:pk>/evaluation/", evaluation_views.evaluate, name="evaluate"),
    path("bookings/<int:pk>/follow-up/", evaluation_views.follow_up, name="follow-up"),
    path("follow-up/manager/<uuid:token>/", evaluation_views.manager_follow_up, name="manager-follow-up"),
    path("bookings/<int:pk>/certificate.pdf", evaluation_views.certificate, name="certificate"),
    path("evaluation/", report_views.evaluations, name="evaluations"),
    path("courses/<slug:slug>/evaluation/", report_views.report, name="evaluation-report"),
    path("courses/<slug:slug>/evaluation.pdf", report_views.report_pdf, name="evaluation-report-pdf"),
    path("courses/<slug:slug>/evaluation.csv", report_views.report_csv, name="evaluation-report-csv"),
    path("follow-ups/<int:pk>/publish/", report_views.publish_example, name="publish-example"),
]
