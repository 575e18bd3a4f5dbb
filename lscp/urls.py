from django.urls import include, path, register_converter

from lscp.core.years import FinancialYearConverter
from lscp.governance.views import dashboard

register_converter(FinancialYearConverter, "fy")

urlpatterns = [
    path("", dashboard, name="home"),
    path("", include("lscp.core.urls")),
    path("account/", include("lscp.accounts.urls")),
    path("", include("lscp.governance.urls")),
    path("", include("lscp.improvement.urls")),
    path("reviews/", include("lscp.reviews.urls")),
    path("child-deaths/", include("lscp.child_deaths.urls")),
    path("performance/", include("lscp.performance.urls")),
    path("learning/", include("lscp.learning.urls")),
    path("reports/", include("lscp.reporting.urls")),
]
