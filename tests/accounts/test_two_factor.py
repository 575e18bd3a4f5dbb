"""Enrolling an authenticator app, and backup codes that each work once."""

import re
import time

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lscp.accounts.roles import Role
from lscp.core.models import AccessEntry, AccessKind
from tests.accounts.conftest import authenticator_for, sign_in_with_password, totp_code

pytestmark = pytest.mark.django_db


def enrol(client, user) -> list[str]:
    """Sign in, set up the app from the secret on the page, and return the backup codes shown."""
    sign_in_with_password(client, user.email)
    page = client.get("/account/two-factor/set-up/?next=/account/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/account/two-factor/set-up/", {"token": totp_code(device), "next": "/account/"})
    assert response.status_code == 200
    return re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())


def test_enrolment_from_first_sign_in_to_home(client, make_user):
    user = make_user(email="chair@example.org", roles=[Role.GROUP_CHAIR])
    sign_in_with_password(client, "chair@example.org")
    page = client.get("/", follow=True)
    assert page.redirect_chain[-1][0] == "/account/two-factor/set-up/?next=%2F"
    html = page.content.decode()
    assert '<svg role="img" aria-label="QR code' in html
    assert "style=" not in html

    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is False
    secret = re.search(r'id="secret-key"><strong>([A-Z2-7 ]+)</strong>', html).group(1)
    assert secret.replace(" ", "") in device.config_url

    response = client.post("/account/two-factor/set-up/", {"token": totp_code(device), "next": "/"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/").status_code == 200


def test_enrolment_refuses_a_wrong_code_and_audits_it(client, make_user):
    user = make_user(email="chair@example.org", roles=[Role.GROUP_CHAIR])
    sign_in_with_password(client, "chair@example.org")
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        "/account/two-factor/set-up/", {"token": "000000" if totp_code(device) != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert b"The security code is not right" in response.content
    device.refresh_from_db()
    assert device.confirmed is False
    assert AccessEntry.objects.filter(user=user, kind=AccessKind.TWO_FACTOR_FAILED).exists()
    assert client.get("/").status_code == 302


def test_the_qr_code_stays_the_same_on_reload(client, make_user):
    user = make_user(email="chair@example.org", roles=[Role.GROUP_CHAIR])
    sign_in_with_password(client, "chair@example.org")
    first = client.get("/account/two-factor/set-up/").content.decode()
    second = client.get("/account/two-factor/set-up/").content.decode()
    assert re.search(r"<svg.*</svg>", first).group() == re.search(r"<svg.*</svg>", second).group()
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_someone_with_an_authenticator_cannot_enrol_another_to_get_round_it(client, make_user):
    user = make_user(email="bo@example.org", roles=[Role.BUSINESS_OFFICER])
    authenticator_for(user)
    sign_in_with_password(client, "bo@example.org")
    response = client.get("/account/two-factor/set-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/?next=")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_backup_code_works_once_only(make_user, client_factory):
    user = make_user(email="bo@example.org", roles=[Role.BUSINESS_OFFICER])
    codes = enrol(client_factory(), user)
    assert len(codes) == 10

    first = client_factory()
    sign_in_with_password(first, "bo@example.org")
    response = first.post("/account/two-factor/", {"token": codes[0], "next": "/"})
    assert response["Location"] == "/"
    assert first.get("/").status_code == 200

    second = client_factory()
    sign_in_with_password(second, "bo@example.org")
    response = second.post("/account/two-factor/", {"token": codes[0]})
    assert response.status_code == 200
    assert b"The security code is not right" in response.content
    assert second.get("/").status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_new_backup_codes_replace_the_old_ones(client_for, make_user, client_factory):
    user = make_user(email="bo@example.org", roles=[Role.BUSINESS_OFFICER])
    old_codes = enrol(client_factory(), user)
    client = client_for(user)

    page = client.get("/account/two-factor/backup-codes/")
    assert b"You have <strong>10</strong> backup codes left" in page.content

    response = client.post("/account/two-factor/backup-codes/")
    new_codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(new_codes) == 10
    assert not set(new_codes) & set(old_codes)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(
        new_codes
    )


def test_backup_codes_page_needs_the_second_factor_first(client, make_user):
    user = make_user(email="bo@example.org", roles=[Role.BUSINESS_OFFICER])
    authenticator_for(user)
    sign_in_with_password(client, "bo@example.org")
    response = client.post("/account/two-factor/backup-codes/")
    assert response.status_code == 302
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_a_code_from_the_previous_window_still_works(client, make_user):
    # Phones drift: one step either side is accepted (django-otp's default tolerance).
    user = make_user(email="bo@example.org", roles=[Role.BUSINESS_OFFICER])
    device = authenticator_for(user)
    sign_in_with_password(client, "bo@example.org")
    response = client.post("/account/two-factor/", {"token": totp_code(device, at=time.time() - 30)})
    assert response.status_code == 302
