"""Links that let a person set their password: the invitation, and the reset when it is lost.

Both use Django's password-reset token. It is built from the password hash (and last sign-in),
so setting a password makes every earlier link stop working: each link works once, and for
PASSWORD_RESET_TIMEOUT at most. Emails go through the background worker (lscp.core.mail).
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lscp.accounts.models import User
from lscp.accounts.people import set_roles
from lscp.core import mail


def set_password_url(person: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("accounts:set-password", kwargs={"uidb64": uid, "token": token})
    return f"{settings.LSCP_BASE_URL.rstrip('/')}{path}"


def _send_link(person: User, template: str, subject: str) -> None:
    context = {
        "person": person,
        "url": set_password_url(person),
        "partnership_name": settings.PARTNERSHIP_NAME,
        "valid_days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
        "needs_two_factor": person.needs_two_factor,
    }
    mail.send([person.email], subject, render_to_string(template, context))


@transaction.atomic
def invite(*, full_name: str, email: str, job_title: str, agency, roles: list[str]) -> User:
    """Create the account with no usable password and email the person a link to set one."""
    person = User.objects.create_user(email, None, full_name=full_name, job_title=job_title, agency=agency)
    set_roles(person, roles)
    send_invitation(person)
    return person


def send_invitation(person: User) -> None:
    _send_link(
        person,
        "accounts/email/invitation.txt",
        f"You have been invited to {settings.PARTNERSHIP_SHORT_NAME}",
    )


def send_password_reset(email: str) -> None:
    """Email a reset link if the address belongs to an active account; say nothing either way."""
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is not None:
        _send_link(
            person,
            "accounts/email/password_reset.txt",
            f"Reset your {settings.PARTNERSHIP_SHORT_NAME} password",
        )
