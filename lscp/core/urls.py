from django.urls import path

from lscp.core import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("brand.css", views.brand_css, name="brand-css"),
]
