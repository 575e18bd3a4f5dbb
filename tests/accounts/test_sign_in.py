"""Signing in: password, then a second factor for everyone but practitioners."""

import time

import pytest
from django_otp.plugins.otp_static.models import StaticDevice

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.models import AccessEntry, AccessKind
from tests.accounts.conftest import authenticator_for, sign_in_with_password, totp_code

pytestmark = pytest.mark.django_db


def test_signs_in_with_email_and_password(client, make_user):
    user = make_user(email="ada.okafor@example.org", roles=[Role.PRACTITIONER])
    response = sign_in_with_password(client, "Ada.Okafor@example.org")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_is_refused_and_audited(client, make_user):
    make_user(email="ada@example.org")
    response = sign_in_with_password(client, "ada@example.org", "not the password")
    assert response.status_code == 200
    assert b"Enter a correct email address and password" in response.content
    assert "_auth_user_id" not in client.session
    assert AccessEntry.objects.filter(kind=AccessKind.SIGN_IN_FAILED, username="ada@example.org").exists()


def test_practitioner_signs_in_with_password_alone(client, make_user):
    make_user(email="p@example.org", full_name="Priya Shah", roles=[Role.PRACTITIONER])
    sign_in_with_password(client, "p@example.org")
    response = client.get("/")
    assert response.status_code == 200
    assert b"Welcome, Priya" in response.content


@pytest.mark.parametrize("page", ["/", "/account/", "/account/people/"])
def test_staff_see_nothing_before_their_second_factor(client, make_user, page):
    user = make_user(email="bo@example.org", roles=[Role.BUSINESS_OFFICER])
    authenticator_for(user)
    sign_in_with_password(client, "bo@example.org")
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/?next=")


def test_staff_member_passes_with_a_code_from_their_app(client, make_user):
    user = make_user(email="bo@example.org", full_name="Nadia Brennan", roles=[Role.BUSINESS_OFFICER])
    device = authenticator_for(user)
    sign_in_with_password(client, "bo@example.org")
    response = client.post(
        "/account/two-factor/?next=/account/", {"token": totp_code(device), "next": "/account/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.get("/").status_code == 200


def test_wrong_code_is_refused_and_audited(client, make_user):
    user = make_user(email="bo@example.org", roles=[Role.BUSINESS_OFFICER])
    device = authenticator_for(user)
    sign_in_with_password(client, "bo@example.org")
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/account/two-factor/", {"token": wrong})
    assert response.status_code == 200
    assert b"The security code is not right" in response.content
    assert client.get("/").status_code == 302
    entry = AccessEntry.objects.get(kind=AccessKind.TWO_FACTOR_FAILED)
    assert entry.user == user


def test_staff_member_with_no_authenticator_is_sent_to_set_one_up(client, make_user):
    make_user(email="chair@example.org", roles=[Role.GROUP_CHAIR])
    sign_in_with_password(client, "chair@example.org")
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/two-factor/set-up/")


def test_sign_in_and_sign_out_are_audited(client, make_user):
    user = make_user(email="p@example.org", roles=[Role.PRACTITIONER])
    sign_in_with_password(client, "p@example.org")
    client.post("/account/sign-out/")
    kinds = list(AccessEntry.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))
    assert kinds == [AccessKind.SIGNED_IN, AccessKind.SIGNED_OUT]
    assert client.get("/").status_code == 302


def test_sign_out_needs_a_post(client_for, make_user):
    client = client_for(make_user(roles=[Role.PRACTITIONER]))
    assert client.get("/account/sign-out/").status_code == 405
    assert client.get("/").status_code == 200


def test_deactivated_person_cannot_sign_in_and_is_kept(client, make_user):
    user = make_user(email="gone@example.org", roles=[Role.PRACTITIONER])
    user.deactivate()
    response = sign_in_with_password(client, "gone@example.org")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(pk=user.pk, is_active=False, deactivated_at__isnull=False).exists()


def test_deactivation_ends_a_session_already_open(client_for, make_user):
    user = make_user(roles=[Role.PRACTITIONER])
    client = client_for(user)
    assert client.get("/").status_code == 200
    user.deactivate()
    assert client.get("/").status_code == 302


def test_lockout_after_five_failures(client, make_user):
    make_user(email="target@example.org", roles=[Role.PRACTITIONER])
    statuses = [sign_in_with_password(client, "target@example.org", "guess").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    # Locked out even with the right password now.
    response = sign_in_with_password(client, "target@example.org")
    assert response.status_code == 429
    assert b"Sign-in locked" in response.content
    assert b"1 hour" in response.content
    assert b'<main class="govuk-main-wrapper"' in response.content
    assert "_auth_user_id" not in client.session
    assert AccessEntry.objects.filter(kind=AccessKind.LOCKED_OUT, username="target@example.org").exists()
    assert AccessEntry.objects.filter(kind=AccessKind.SIGN_IN_FAILED).count() >= 5


def test_idle_session_is_signed_out(client_for, make_user, settings):
    settings.SESSION_IDLE_SECONDS = 60
    user = make_user(roles=[Role.BUSINESS_OFFICER])
    client = client_for(user)
    assert client.get("/").status_code == 200

    session = client.session
    session["last_seen"] = int(time.time()) - 61
    session.save()
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?timed_out=1")
    assert client.get("/").status_code == 302
    assert AccessEntry.objects.filter(user=user, kind=AccessKind.SIGNED_OUT).exists()


def test_recent_activity_keeps_the_session(client_for, make_user, settings):
    settings.SESSION_IDLE_SECONDS = 60
    client = client_for(make_user(roles=[Role.PRACTITIONER]))
    session = client.session
    session["last_seen"] = int(time.time()) - 50
    session.save()
    assert client.get("/").status_code == 200


def test_timed_out_sign_in_page_says_why(client):
    response = client.get("/account/sign-in/?timed_out=1")
    assert b"You were signed out because you had not done anything for a while" in response.content


def test_backup_codes_device_alone_does_not_count_as_a_second_factor(client, make_user):
    # An empty backup-code device (every code used) must send the person to set up an app.
    user = make_user(email="bo@example.org", roles=[Role.BUSINESS_OFFICER])
    StaticDevice.objects.create(user=user, name="backup codes")
    sign_in_with_password(client, "bo@example.org")
    response = client.get("/account/two-factor/")
    assert response["Location"].startswith("/account/two-factor/set-up/")
