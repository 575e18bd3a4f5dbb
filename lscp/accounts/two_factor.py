"""The second factor: an authenticator app (TOTP) plus single-use backup codes.

A person enrols once: we make an unconfirmed TOTP device, show its secret as a QR code and as
text, and confirm it only when they type a code it generated (so we know their app holds the
secret). Confirming also issues the backup codes, the way back in when the phone is lost.
"""

from base64 import b32encode
from typing import Protocol, cast

import qrcode
import qrcode.image.svg
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
AUTHENTICATOR_NAME = "authenticator app"
BACKUP_DEVICE_NAME = "backup codes"


class _Verifiable(Protocol):
    def is_verified(self) -> bool: ...


def is_verified(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Has this person passed their second factor in this session?

    django-otp's OTPMiddleware gives request.user an `is_verified()` at runtime; the User model,
    and so the type checker, knows nothing of it. Call it only on request.user.
    """
    return cast(_Verifiable, user).is_verified()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_second_factor(user) -> bool:
    """Can this person pass the two-factor step as things stand?"""
    return has_authenticator(user) or backup_codes_left(user) > 0


def may_enrol(user) -> bool:
    """Enrolment must not become a way round a factor someone already has: only a person with
    no usable factor, or one who has just proved theirs, may set up an authenticator."""
    if is_verified(user):
        return not has_authenticator(user)
    return not has_second_factor(user)


def pending_authenticator(user) -> TOTPDevice:
    """The unconfirmed device being enrolled; reused on reload so the QR code stays the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def confirm_authenticator(device: TOTPDevice, token: str) -> bool:
    """Confirm the device if the code is right (verify_token throttles repeated failures)."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # One authenticator per person: an older one (from an earlier phone) stops working.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return True


def issue_backup_codes(user) -> list[str]:
    """Replace any backup codes the person has with a fresh set; each works once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def readable_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, as authenticator apps ask for it by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// link as an inline SVG QR code (no styles: CSP allows none inline)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    label = escape("QR code to scan with your authenticator app")
    # qrcode's output is markup we made from our own data; only the label is added to it.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1))  # noqa: S308
