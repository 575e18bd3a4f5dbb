import re
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.smtp import body_of, smtp_server_fixture

PASSWORD = "correct horse battery"

smtp_server = smtp_server_fixture()


def sign_in_with_password(client: Client, email: str, password: str = PASSWORD):
    return client.post("/account/sign-in/", {"username": email, "password": password})


def totp_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code the person's authenticator app would show now (or at `at`)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():0{device.digits}d}"


def authenticator_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)


def link_path_in(message) -> str:
    """The path of the one set-password link in a received email."""
    (url,) = re.findall(r"https?://\S+", body_of(message))
    return urlsplit(url).path


@pytest.fixture
def client_factory():
    """Fresh, separate browsers (test clients) for the same test."""
    return Client
