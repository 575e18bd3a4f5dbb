from django.urls import path

from lscp.improvement import views

app_name = "improvement"

urlpatterns = [
    path("", views.actions, name="actions"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("<int:pk>/", views.action, name="action"),
    path("<int:pk>/update/", views.add_update, name="add-update"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
