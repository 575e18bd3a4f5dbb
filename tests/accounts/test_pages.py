"""Every account page: one h1, a label for every control, nothing the CSP would block."""

import re

import pytest
from django.test import Client

from lscp.accounts.roles import Role
from tests.accounts.conftest import authenticator_for, sign_in_with_password
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def assert_well_formed(response) -> None:
    assert response.status_code in (200, 429), response.status_code
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "style=" not in html
    assert re.search(r"<title>[^<]+ – ", html)
    controls = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html)
    for control in controls:
        assert f'for="{control}"' in html, f"no label for #{control}"


@pytest.fixture
def manager(client_for, make_user):
    return client_for(make_user(roles=[Role.BUSINESS_MANAGER]))


@pytest.mark.parametrize(
    "path",
    [
        "/account/",
        "/account/password/",
        "/account/two-factor/backup-codes/",
        "/account/people/",
        "/account/people/invite/",
        "/account/people/{pk}/",
        "/account/people/{pk}/edit/",
        "/account/people/{pk}/deactivate/",
    ],
)
def test_signed_in_pages(manager, path):
    person = UserFactory(roles=[Role.GROUP_MEMBER])
    assert_well_formed(manager.get(path.format(pk=person.pk)))


def test_reactivate_page(manager):
    person = UserFactory()
    person.deactivate()
    assert_well_formed(manager.get(f"/account/people/{person.pk}/reactivate/"))


@pytest.mark.parametrize(
    "path",
    [
        "/account/sign-in/",
        "/account/password-reset/",
        "/account/password-reset/sent/",
        "/account/set-password/MQ/nope/",
    ],
)
def test_public_pages(client, path):
    assert_well_formed(client.get(path))


def test_pages_with_errors(client, manager):
    assert_well_formed(client.post("/account/sign-in/", {}))
    assert_well_formed(client.post("/account/password-reset/", {"email": "not an address"}))
    assert_well_formed(manager.post("/account/people/invite/", {}))
    assert_well_formed(manager.post("/account/password/", {}))


def test_two_factor_pages(client, make_user):
    staff = make_user(email="chair@example.org", roles=[Role.GROUP_CHAIR])
    sign_in_with_password(client, "chair@example.org")
    assert_well_formed(client.get("/account/two-factor/set-up/"))
    assert_well_formed(client.post("/account/two-factor/set-up/", {"token": "12"}))
    authenticator_for(staff)
    other = Client()
    sign_in_with_password(other, "chair@example.org")
    assert_well_formed(other.get("/account/two-factor/"))


def test_lockout_page(client, make_user):
    make_user(email="p@example.org")
    for _ in range(5):
        response = sign_in_with_password(client, "p@example.org", "guess")
    assert_well_formed(response)


def test_change_password_needs_the_current_one(client, make_user):
    make_user(email="p@example.org", roles=[Role.PRACTITIONER])
    sign_in_with_password(client, "p@example.org")
    new = "a long new passphrase 42"
    refused = client.post(
        "/account/password/", {"old_password": "wrong", "new_password1": new, "new_password2": new}
    )
    assert b"Your current password is not right" in refused.content
    changed = client.post(
        "/account/password/",
        {"old_password": "correct horse battery", "new_password1": new, "new_password2": new},
    )
    assert changed["Location"] == "/account/"
    assert client.get("/account/").status_code == 200  # still signed in
    assert sign_in_with_password(Client(), "p@example.org", new).status_code == 302
