from django.urls import include, path

from lscp.performance import baseline_views, views

app_name = "performance"

urlpatterns = [
    path("", include("lscp.performance.data_urls")),
    path("", views.index, name="index"),
    path("groups/<slug:slug>/", views.group_report, name="group-report"),
    path("groups/<slug:slug>/report.pdf", views.group_report_pdf, name="group-report-pdf"),
    path("groups/<slug:slug>/data.xlsx", views.group_report_data, name="group-report-data"),
    path("baselines/", baseline_views.baseline_list, name="baselines"),
    path("baselines/<int:pk>/remove/", baseline_views.remove_baseline, name="remove-baseline"),
    path("groups/<slug:slug>/exceptions/<str:code>/", views.raise_exception, name="raise-exception"),
]
