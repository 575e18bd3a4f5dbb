from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest

from lscp.core.navigation import navigation_for


def partnership(request: HttpRequest) -> dict:
    return {
        "partnership": SimpleNamespace(
            name=settings.PARTNERSHIP_NAME,
            short_name=settings.PARTNERSHIP_SHORT_NAME,
            brand_colour=settings.PARTNERSHIP_BRAND_COLOUR,
            logo_url=settings.PARTNERSHIP_LOGO_URL,
        ),
        "navigation": navigation_for(request),
    }
