from django.urls import path

from lscp.improvement import views

app_name = "improvement"

urlpatterns = [
    path("actions/", views.actions, name="actions"),
    path("actions/export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("actions/export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("actions/<int:pk>/", views.action, name="action"),
    path("actions/<int:pk>/update/", views.add_update, name="add-update"),
    path("actions/<int:pk>/edit/", views.edit, name="edit"),
]
