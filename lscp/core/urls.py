from django.urls import path

from lscp.core import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("brand.css", views.brand_css, name="brand-css"),
    path("agencies/", views.agencies, name="agencies"),
    path("agencies/new/", views.agency_add, name="agency-add"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency-edit"),
    path("audit/", views.audit_trail, name="audit"),
]
