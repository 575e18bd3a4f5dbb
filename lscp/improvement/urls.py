from django.urls import path

from lscp.improvement import recommendation_views as rec
from lscp.improvement import views

app_name = "improvement"

urlpatterns = [
    path("actions/", views.actions, name="actions"),
    path("actions/export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("actions/export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("actions/<int:pk>/", views.action, name="action"),
    path("actions/<int:pk>/update/", views.add_update, name="add-update"),
    path("actions/<int:pk>/edit/", views.edit, name="edit"),
    # The golden thread
    path("recommendations/", rec.tracker, name="recommendations"),
    path("recommendations/export.csv", rec.export, {"fmt": "csv"}, name="recommendations-csv"),
    path("recommendations/export.xlsx", rec.export, {"fmt": "xlsx"}, name="recommendations-xlsx"),
    path("recommendations/add/", rec.add, name="recommendation-add"),
    path("recommendations/<int:pk>/", rec.recommendation, name="recommendation"),
    path("recommendations/<int:pk>/actions/add/", rec.action_add, name="recommendation-action-add"),
    path("recommendations/<int:pk>/evidence/add/", rec.evidence_add, name="evidence-add"),
    path("recommendations/<int:pk>/move/", rec.move_status, name="recommendation-move"),
    path("recommendations/<int:pk>/step-across/", rec.step_across_view, name="step-across"),
    path("recommendations/evidence/<int:pk>/file", rec.evidence_file, name="evidence-file"),
    path("recommendations/agency/<int:pk>/", rec.agency, name="agency"),
    path("recommendations/learning-needs/", rec.learning_needs, name="learning-needs"),
    path(
        "recommendations/learning-needs/<int:pk>/response/",
        rec.learning_response,
        name="learning-response",
    ),
    path("learning-themes/", rec.themes, name="themes"),
    path("learning-themes/add/", rec.theme_add, name="theme-add"),
]
