"""Practitioners register themselves to book training: a practitioner account, a learner profile,
and an email to set the password (the invitation's). An address already registered learns nothing
new: the same page, and a password reset link to the address's owner."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.learning.models import LearnerProfile
from tests.factories import AgencyFactory, UserFactory
from tests.learning.factories import PractitionerFactory

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("learning:sign-up")
SENT = reverse("learning:sign-up-sent")


def details(agency, **changes) -> dict:
    return {
        "full_name": "Amara Osei",
        "email": "Amara.Osei@westbrook.gov.uk",
        "agency": agency.pk,
        "service_area": "health",
        "job_title": "Health visitor",
        "line_manager_email": "team.lead@westbrook.gov.uk",
        **changes,
    }


def link_in(message) -> str:
    (url,) = re.findall(r"https?://\S+", message.body)
    return urlsplit(url).path


def test_a_practitioner_registers_and_sets_a_password_from_the_email(mailoutbox, run_tasks):
    agency = AgencyFactory(name="Westbrook Community Health")
    response = Client().post(SIGN_UP, details(agency))
    assert response.status_code == 302 and response["Location"] == SENT
    person = User.objects.get(email="amara.osei@westbrook.gov.uk")
    assert (person.full_name, person.job_title, person.agency) == ("Amara Osei", "Health visitor", agency)
    assert person.roles == {Role.PRACTITIONER} and not person.has_usable_password()
    profile = LearnerProfile.objects.get(user=person)
    assert (profile.service_area, profile.line_manager_email) == ("health", "team.lead@westbrook.gov.uk")

    run_tasks()
    (message,) = mailoutbox
    assert message.to == ["amara.osei@westbrook.gov.uk"]
    browser = Client()
    opened = browser.get(link_in(message))
    assert opened.status_code == 302
    done = browser.post(
        opened["Location"], {"new_password1": "a long passphrase 42", "new_password2": "a long passphrase 42"}
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a long passphrase 42")


def test_the_check_your_email_page():
    html = Client().get(SENT).content.decode()
    assert "Check your email" in html and "already had an account" in html


def test_every_problem_is_reported_and_nothing_typed_is_lost():
    agency = AgencyFactory()
    response = Client().post(
        SIGN_UP,
        details(agency, full_name="", email="not an email", service_area="", line_manager_email="boss@"),
    )
    html = response.content.decode()
    assert "<title>Error: " in html and "There is a problem" in html
    for message in [
        "Enter your full name",
        "Enter an email address in the correct format, like name@example.org",
        "Choose your service area",
    ]:
        assert message in html
    assert 'value="Health visitor"' in html
    assert not User.objects.exists()


def test_an_empty_form_is_reported():
    html = Client().post(SIGN_UP, {}).content.decode()
    assert "Enter your full name" in html and "Choose your agency" in html
    assert "Enter your line manager&#x27;s email address" in html


def test_only_active_agencies_are_offered():
    AgencyFactory(name="Open agency")
    closed = AgencyFactory(name="Closed agency", is_active=False)
    html = Client().get(SIGN_UP).content.decode()
    assert "Open agency" in html and "Closed agency" not in html
    assert "Choose your agency from the list" in Client().post(SIGN_UP, details(closed)).content.decode()


def test_work_email_domains_are_enforced_when_set(settings):
    settings.LSCP_LEARNING = {**settings.LSCP_LEARNING, "work_email_domains": ["westbrook.gov.uk", "nhs.net"]}
    agency = AgencyFactory()
    refused = Client().post(SIGN_UP, details(agency, email="amara@gmail.com")).content.decode()
    assert "Enter your work email address: it must end in @westbrook.gov.uk or @nhs.net" in refused
    assert not User.objects.exists()
    assert Client().post(SIGN_UP, details(agency, email="amara@nhs.net"))["Location"] == SENT
    assert Client().post(SIGN_UP, details(agency, email="b@school.westbrook.gov.uk"))["Location"] == SENT
    assert User.objects.count() == 2


def test_the_line_manager_is_someone_else():
    agency = AgencyFactory()
    html = Client().post(SIGN_UP, details(agency, line_manager_email="amara.osei@westbrook.gov.uk")).content
    assert b"not your own" in html


def test_an_address_already_registered_gets_the_same_page_and_a_reset_link(mailoutbox, run_tasks):
    existing = PractitionerFactory(
        email="amara.osei@westbrook.gov.uk", full_name="Amara Osei", job_title="Nurse"
    )
    response = Client().post(SIGN_UP, details(AgencyFactory(), full_name="Someone Else"))
    assert response["Location"] == SENT
    existing.refresh_from_db()
    assert (existing.full_name, existing.job_title) == ("Amara Osei", "Nurse")
    assert User.objects.count() == 1
    run_tasks()
    (message,) = mailoutbox
    assert message.to == ["amara.osei@westbrook.gov.uk"] and "password" in message.subject.lower()


def test_a_deactivated_account_gets_the_same_page_and_no_email(mailoutbox, run_tasks):
    gone = UserFactory(email="amara.osei@westbrook.gov.uk")
    gone.deactivate()
    assert Client().post(SIGN_UP, details(AgencyFactory()))["Location"] == SENT
    run_tasks()
    assert mailoutbox == []


def test_someone_signed_in_is_sent_to_their_learning(client_for):
    response = client_for(PractitionerFactory()).get(SIGN_UP)
    assert response.status_code == 302 and response["Location"] == reverse("learning:my-learning")
