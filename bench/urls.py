"""The site's URLs plus the floor page the benchmark measures every page against."""

from django.shortcuts import render
from django.urls import path

from lscp.core.permissions import signed_in
from lscp.urls import urlpatterns as site_urlpatterns


@signed_in
def floor(request):
    """A signed-in page that renders the base template and does nothing else."""
    return render(request, "base.html")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
