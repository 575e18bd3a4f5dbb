"""The trainer's attendance register: who may take it, when it opens, marking and correcting."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.learning.models import Booking, BookingStatus
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

S = BookingStatus


def register_url(session) -> str:
    return reverse("learning:attendance", args=[session.pk])


@pytest.fixture
def started():
    """A session that began ten minutes ago, with a trainer, three people booked and one who
    cancelled in good time."""
    session = SessionFactory(starts_at=timezone.now() - dt.timedelta(minutes=10))
    trainer = PractitionerFactory(full_name="Trainer Tess")
    session.trainers.add(trainer)
    booked = [
        BookingFactory(session=session, person=PractitionerFactory(full_name=name))
        for name in ["Ann Able", "Ben Brook", "Cas Cole"]
    ]
    BookingFactory(session=session, person=PractitionerFactory(full_name="Dee Done"), status=S.CANCELLED)
    return session, trainer, booked


def test_the_trainer_marks_each_person(client_for, started, settings):
    session, trainer, (ann, ben, cas) = started
    client = client_for(trainer)
    html = client.get(register_url(session)).content.decode()
    assert all(name in html for name in ["Ann Able", "Ben Brook", "Cas Cole"]) and "Dee Done" not in html
    response = client.post(
        register_url(session), {f"booking_{ann.pk}": S.ATTENDED, f"booking_{ben.pk}": S.ABSENT}
    )
    assert response["Location"] == register_url(session)
    assert "Register saved: 2 changes; 1 still to mark" in client.get(response["Location"]).content.decode()
    ann.refresh_from_db()
    ben.refresh_from_db()
    assert (ann.status, ann.attendance_marked_by, ann.charge) == (S.ATTENDED, trainer, None)
    assert (ben.status, ben.charge) == (S.ABSENT, Decimal(settings.LSCP_LEARNING["non_attendance_charge"]))
    assert Booking.objects.get(pk=cas.pk).status == S.BOOKED


def test_marks_already_made_are_shown_and_can_be_corrected(client_for, started):
    session, trainer, (ann, ben, cas) = started
    client = client_for(trainer)
    client.post(register_url(session), {f"booking_{ann.pk}": S.ABSENT})
    html = client.get(register_url(session)).content.decode()
    assert f'name="booking_{ann.pk}" type="radio" value="absent" checked' in html
    client.post(register_url(session), {f"booking_{ann.pk}": S.ATTENDED})
    ann.refresh_from_db()
    assert (ann.status, ann.charge) == (S.ATTENDED, None)


def test_each_person_has_their_own_label_and_mark(client_for, started):
    """The register's fields are copies of one field: each keeps its own person and mark."""
    session, trainer, (ann, ben, cas) = started
    client = client_for(trainer)
    client.post(register_url(session), {f"booking_{ann.pk}": S.ABSENT, f"booking_{ben.pk}": S.ATTENDED})
    html = client.get(register_url(session)).content.decode()
    checked = {
        b.pk: html.count(f'name="booking_{b.pk}" type="radio" value="{m}" checked')
        for b, m in [(ann, S.ABSENT), (ben, S.ATTENDED)]
    }
    assert checked == {ann.pk: 1, ben.pk: 1}
    assert html.count(" checked") == 2  # Cas is not marked yet
    legends = [f">{p.person.full_name}" for p in (ann, ben, cas)]
    assert all(html.count(legend) == 1 for legend in legends)


def test_a_wrong_mark_is_reported(client_for, started):
    session, trainer, (ann, _, _) = started
    html = (
        client_for(trainer).post(register_url(session), {f"booking_{ann.pk}": "cancelled"}).content.decode()
    )
    assert "<title>Error: " in html and "Choose attended, did not attend or cancelled late" in html
    assert Booking.objects.get(pk=ann.pk).status == S.BOOKED


def test_the_register_opens_when_the_session_starts(client_for):
    session = SessionFactory(starts_at=timezone.now() + dt.timedelta(hours=2))
    made = BookingFactory(session=session, person=PractitionerFactory(full_name="Early Eve"))
    officer = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    html = officer.get(register_url(session)).content.decode()
    assert "The register opens when the session starts" in html and "Early Eve" in html
    assert 'type="radio"' not in html
    officer.post(register_url(session), {f"booking_{made.pk}": S.ATTENDED})
    assert Booking.objects.get(pk=made.pk).status == S.BOOKED


@pytest.mark.parametrize(
    "role, allowed",
    [
        (Role.BUSINESS_MANAGER, True),
        (Role.BUSINESS_OFFICER, True),
        (Role.SYSTEM_ADMINISTRATOR, True),
        (Role.DATA_ANALYST, False),
        (Role.PRACTITIONER, False),
        (Role.GROUP_CHAIR, False),
    ],
)
def test_who_may_take_the_register(client_for, started, role, allowed):
    session, _, (ann, _, _) = started
    client = client_for(UserFactory(roles=[role]))
    assert client.get(register_url(session)).status_code == (200 if allowed else 403)
    client.post(register_url(session), {f"booking_{ann.pk}": S.ATTENDED})
    assert Booking.objects.get(pk=ann.pk).status == (S.ATTENDED if allowed else S.BOOKED)


def test_the_register_needs_signing_in(started):
    session, _, _ = started
    assert Client().get(register_url(session))["Location"].startswith("/account/sign-in/")


def test_the_register_fits_a_phone(client_for, started):
    session, trainer, _ = started
    html = client_for(trainer).get(register_url(session)).content.decode()
    assert 'name="viewport" content="width=device-width' in html
    assert "<table" not in html  # one question per person, stacked: no wide table to scroll
