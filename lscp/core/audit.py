"""The one entry point for the access trail.

Changes to records are logged by django-auditlog (every model, automatically). What that cannot
see is reading: every view of a restricted record, and every sign-in event, is written here.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

from lscp.core.models import AccessEntry, AccessKind


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_access(request: HttpRequest, obj: models.Model, kind: str = AccessKind.VIEWED) -> AccessEntry:
    """Note that request.user looked at obj (a child, a notification, a case)."""
    user = request.user if request.user.is_authenticated else None
    return AccessEntry.objects.create(
        user=user,
        kind=kind,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        path=request.get_full_path()[:500],
        ip_address=client_ip(request),
    )


def record_event(
    kind: str, request: HttpRequest | None, user=None, username: str = "", what: str = ""
) -> AccessEntry:
    """Sign-in, sign-out, a refused password or code, a lockout, an export, an import (`what`
    says what was imported, as the trail shows it)."""
    return AccessEntry.objects.create(
        user=user if user is not None and user.pk else None,
        username=(username or getattr(user, "email", ""))[:254],
        kind=kind,
        object_repr=what[:200],
        path=request.get_full_path()[:500] if request is not None else "",
        ip_address=client_ip(request),
    )
