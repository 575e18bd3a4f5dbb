"""The analysis and import pages' URLs (included by urls.py within the child_deaths namespace)."""

from django.urls import path

from lscp.child_deaths import analysis_views

urlpatterns = [
    path("analysis/", analysis_views.analysis, name="analysis"),
    path("import/", analysis_views.import_cases, name="import"),
    path("import/template.csv", analysis_views.import_template, name="import-template"),
]
