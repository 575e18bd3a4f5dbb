"""The year's plan and report narrative: included in governance.urls (namespace "governance")."""

from django.urls import path

from lscp.governance import year_group_views as group_views
from lscp.governance import year_views as views

urlpatterns = [
    path("years/", views.years, name="years"),
    path("years/start/", views.year_start, name="year-start"),
    path("years/<fy:year>/", views.year, name="year"),
    path("years/<fy:year>/introduction/", views.year_introduction, name="year-introduction"),
    path("years/<fy:year>/scrutiny/", views.year_scrutiny, name="year-scrutiny"),
    path("years/<fy:year>/sign-off/", views.year_sign_off, name="year-sign-off"),
    path("years/<fy:year>/reopen/", views.year_reopen, name="year-reopen"),
    path("years/<fy:year>/priorities/add/", views.priority_add, name="priority-add"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority-edit"),
    path("priorities/<int:pk>/remove/", views.priority_remove, name="priority-remove"),
    path("priorities/<int:pk>/updates/add/", views.priority_update, name="priority-update"),
    path("priorities/updates/<int:pk>/edit/", views.priority_update_edit, name="priority-update-edit"),
    path("years/<fy:year>/engagement/add/", views.engagement_add, name="engagement-add"),
    path("engagement/<int:pk>/edit/", views.engagement_edit, name="engagement-edit"),
    path("engagement/<int:pk>/remove/", views.engagement_remove, name="engagement-remove"),
    path("years/<fy:year>/groups/<slug:slug>/", group_views.group_year, name="group-year"),
    path(
        "years/<fy:year>/groups/<slug:slug>/function/",
        group_views.group_year_function,
        name="group-year-function",
    ),
    path("years/<fy:year>/groups/<slug:slug>/key-steps/add/", group_views.key_step_add, name="key-step-add"),
    path("key-steps/<int:pk>/edit/", group_views.key_step_edit, name="key-step-edit"),
    path("key-steps/<int:pk>/remove/", group_views.key_step_remove, name="key-step-remove"),
    path("key-steps/<int:pk>/progress/add/", group_views.key_step_progress, name="key-step-progress"),
    path(
        "key-steps/progress/<int:pk>/edit/",
        group_views.key_step_progress_edit,
        name="key-step-progress-edit",
    ),
    path("years/<fy:year>/groups/<slug:slug>/development/add/", group_views.area_add, name="area-add"),
    path("development/<int:pk>/edit/", group_views.area_edit, name="area-edit"),
    path("development/<int:pk>/remove/", group_views.area_remove, name="area-remove"),
    path("development/<int:pk>/impact/add/", group_views.impact_add, name="impact-add"),
    path("development/impact/<int:pk>/edit/", group_views.impact_edit, name="impact-edit"),
    path("development/impact/<int:pk>/remove/", group_views.impact_remove, name="impact-remove"),
]
