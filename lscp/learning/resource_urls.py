"""Learning products (One Minute Guides, 7-Point Briefings, ...) and L&D's learning needs with what
covers them (views in resource_views and needs_views)."""

from django.urls import path

from lscp.learning import needs_views, resource_views

urlpatterns = [
    path("resources/", resource_views.resources, name="resources"),
    path("resources/add/", resource_views.resource_add, name="resource-add"),
    path("resources/review/", resource_views.resources_due, name="resources-due"),
    path("resources/<slug:slug>/", resource_views.resource, name="resource"),
    path("resources/<slug:slug>/edit/", resource_views.resource_edit, name="resource-edit"),
    path("resources/<slug:slug>/versions/add/", resource_views.version_add, name="version-add"),
    path("resources/<slug:slug>/file/", resource_views.resource_file, name="resource-file"),
    path("needs/", needs_views.learning_needs, name="learning-needs"),
]
