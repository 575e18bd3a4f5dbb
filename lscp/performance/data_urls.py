"""The pages that bring values in: the import upload and template, and each agency's own entry
(included by urls.py within the performance namespace)."""

from django.urls import path

from lscp.performance import data_views

urlpatterns = [
    path("import/", data_views.import_values, name="import"),
    path("import/template.csv", data_views.import_template, name="import-template"),
    path("entry/", data_views.entry, name="entry"),
    path("entry/<str:code>/", data_views.entry_indicator, name="entry-indicator"),
]
