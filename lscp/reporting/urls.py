from django.urls import path

from lscp.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.reports, name="reports"),
    path("<fy:year>/", views.report, name="report"),
    path("<fy:year>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<fy:year>/report.json", views.report_json, name="report-json"),
    path("<fy:year>/checklist/", views.checklist, name="checklist"),
    path("<fy:year>/publish/", views.publish, name="publish"),
]
