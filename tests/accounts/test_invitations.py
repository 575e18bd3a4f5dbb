"""Invitations and password resets: an email with a link that sets a password once."""

import pytest
from django.test import Client

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from tests.accounts.conftest import link_path_in, sign_in_with_password
from tests.factories import AgencyFactory
from tests.smtp import body_of

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long new passphrase 42"


@pytest.fixture
def business_manager(client_for, make_user):
    return client_for(make_user(roles=[Role.BUSINESS_MANAGER]))


def invite(client, agency, **changes):
    details = {
        "full_name": "Tomasz Nowak",
        "email": "Tomasz.Nowak@example.org",
        "job_title": "Detective inspector",
        "agency": agency.pk,
        "roles": [Role.GROUP_MEMBER.value],
        **changes,
    }
    return client.post("/account/people/invite/", details)


def set_password_through(link: str, password: str = NEW_PASSWORD):
    """Open the link in a fresh browser and set a password; return that browser's last response."""
    browser = Client()
    opened = browser.get(link)
    if opened.status_code != 302:
        return opened
    return browser.post(opened["Location"], {"new_password1": password, "new_password2": password})


def test_invitation_email_sets_the_password_once(business_manager, smtp_server, run_tasks, settings):
    settings.LSCP_BASE_URL = "https://wscp.example.org"
    agency = AgencyFactory(name="Westbrook Police")
    response = invite(business_manager, agency)
    invited = User.objects.get(email="tomasz.nowak@example.org")
    assert response["Location"] == f"/account/people/{invited.pk}/"
    assert invited.agency == agency and invited.roles == {Role.GROUP_MEMBER}
    assert not invited.has_usable_password()
    assert smtp_server == []  # sent by the worker, not the request

    run_tasks()
    (message,) = smtp_server
    assert message["To"] == "tomasz.nowak@example.org"
    assert "https://wscp.example.org/account/set-password/" in body_of(message)
    assert "authenticator app" in body_of(message)
    link = link_path_in(message)

    done = set_password_through(link)
    assert done.status_code == 302 and done["Location"] == "/account/sign-in/"
    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)

    again = set_password_through(link, "another passphrase 99")
    assert again.status_code == 200
    assert b"This link no longer works" in again.content
    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)


def test_invited_staff_set_up_two_factor_at_first_sign_in(business_manager, smtp_server, run_tasks):
    invite(business_manager, AgencyFactory())
    run_tasks()
    set_password_through(link_path_in(smtp_server[0]))
    browser = Client()
    sign_in_with_password(browser, "tomasz.nowak@example.org", NEW_PASSWORD)
    response = browser.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/two-factor/set-up/")


def test_a_weak_password_is_refused_with_an_error_summary(business_manager, smtp_server, run_tasks):
    invite(business_manager, AgencyFactory())
    run_tasks()
    response = set_password_through(link_path_in(smtp_server[0]), "password")
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not User.objects.get(email="tomasz.nowak@example.org").has_usable_password()


def test_invitation_can_be_sent_again(business_manager, smtp_server, run_tasks):
    invite(business_manager, AgencyFactory())
    invited = User.objects.get(email="tomasz.nowak@example.org")
    response = business_manager.post(f"/account/people/{invited.pk}/resend-invitation/")
    assert response.status_code == 302
    run_tasks()
    assert len(smtp_server) == 2
    assert set_password_through(link_path_in(smtp_server[1]))["Location"] == "/account/sign-in/"


def test_invitation_form_reports_every_problem(business_manager):
    AgencyFactory()
    existing = User.objects.first()
    response = invite(business_manager, AgencyFactory(), full_name="", email=existing.email.upper(), roles=[])
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter the person&#x27;s full name" in content
    assert "Someone already has an account with this email address" in content
    assert "Select at least one role" in content
    assert 'href="#id_roles-0"' in content and 'id="id_roles-0"' in content


def test_business_officer_cannot_make_a_system_administrator_or_business_manager(client_for, make_user):
    officer = client_for(make_user(roles=[Role.BUSINESS_OFFICER]))
    form = officer.get("/account/people/invite/").content.decode()
    assert 'value="Business officer"' in form
    assert 'value="Business manager"' not in form
    assert 'value="System administrator"' not in form
    response = invite(officer, AgencyFactory(), roles=[Role.SYSTEM_ADMINISTRATOR.value])
    assert response.status_code == 200
    assert not User.objects.filter(email="tomasz.nowak@example.org").exists()


def test_password_reset_says_the_same_whoever_asks(client, make_user, smtp_server, run_tasks):
    make_user(email="known@example.org")
    known = client.post("/account/password-reset/", {"email": "known@example.org"})
    unknown = client.post("/account/password-reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert b"If the address you entered belongs to an account" in client.get(known["Location"]).content

    run_tasks()
    (message,) = smtp_server
    assert message["To"] == "known@example.org"


def test_password_reset_link_sets_a_new_password_once(client, make_user, smtp_server, run_tasks):
    user = make_user(email="known@example.org")
    client.post("/account/password-reset/", {"email": "Known@Example.org"})
    run_tasks()
    link = link_path_in(smtp_server[0])
    assert set_password_through(link)["Location"] == "/account/sign-in/"
    assert sign_in_with_password(Client(), user.email, NEW_PASSWORD).status_code == 302
    assert b"This link no longer works" in set_password_through(link).content


def test_no_reset_email_for_a_deactivated_account(client, make_user, smtp_server, run_tasks):
    make_user(email="gone@example.org").deactivate()
    client.post("/account/password-reset/", {"email": "gone@example.org"})
    run_tasks()
    assert smtp_server == []
