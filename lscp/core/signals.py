"""Sign-in events, from Django's and django-axes's signals, into the access trail."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from lscp.core.audit import record_event
from lscp.core.models import AccessKind


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record_event(AccessKind.SIGNED_IN, request, user)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(AccessKind.SIGNED_OUT, request, user)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    record_event(AccessKind.SIGN_IN_FAILED, request, username=credentials.get("username", ""))


@receiver(user_locked_out)
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record_event(AccessKind.LOCKED_OUT, request, username=username or "")
