"""Every view declares who may see it. Deny by default.

Views are wrapped with `@rule("app.perm", get_object)` (a django-rules permission, checked
against the object the view shows) or marked `@public`. tests/core/test_url_rules.py walks every
URL pattern and fails on a view that has neither.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

View = Callable[..., HttpResponseBase]
ObjectGetter = Callable[..., Any]


def rule(perm: str, get_object: ObjectGetter | None = None) -> Callable[[View], View]:
    """Let the view run only for a signed-in user who has `perm` (on the object, if given).

    The object, when there is one, is passed to the view as `obj` so it is fetched once.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if get_object is None:
                if not request.user.has_perm(perm):
                    raise PermissionDenied
                return view(request, *args, **kwargs)
            obj = get_object(request, *args, **kwargs)
            if not request.user.has_perm(perm, obj):
                raise PermissionDenied
            return view(request, *args, obj=obj, **kwargs)

        checked.lscp_rule = perm  # type: ignore[attr-defined]
        return checked

    return decorator


def public(view: View) -> View:
    """Anyone may reach this view, signed in or not (sign-in pages, health check)."""
    view.lscp_rule = "public"  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in person may reach this view; what it shows is filtered to them."""
    return rule("core.signed_in")(view)
