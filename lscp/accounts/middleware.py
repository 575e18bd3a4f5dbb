"""Two-factor for every staff role, and sessions that end when left idle."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from lscp.accounts.two_factor import is_verified

# Pages a signed-in person can reach before their second factor: the factor itself, signing
# out, and what every page needs (static files, the health check).
TWO_FACTOR_OPEN_PREFIXES = (
    "/account/two-factor/",
    "/account/sign-out/",
    "/static/",
    "/healthz",
    "/brand.css",
)


class TwoFactorRequiredMiddleware:
    """A staff user who has a password but no verified second factor sees only the 2FA pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.needs_two_factor
            and not is_verified(user)
            and not request.path.startswith(TWO_FACTOR_OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('accounts:two-factor')}?next={request.get_full_path()}")
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Sign out a session that has had no request for SESSION_IDLE_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get("last_seen", now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                return redirect(f"{reverse('accounts:sign-in')}?timed_out=1&next={request.get_full_path()}")
            # Writing the session on every request is the cost of idle expiry; skip it within a minute.
            if now - last_seen >= 60 or "last_seen" not in request.session:
                request.session["last_seen"] = now
        return self.get_response(request)
