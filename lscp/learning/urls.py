"""Learning and development's pages. Each part has its own URL module, included here."""

from django.urls import include, path

app_name = "learning"

urlpatterns = [
    path("", include("lscp.learning.catalogue_urls")),
    path("", include("lscp.learning.evaluation_urls")),
    path("", include("lscp.learning.resource_urls")),
]
