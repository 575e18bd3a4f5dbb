from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lscp.core.permissions import signed_in


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/dashboard.html", {})
