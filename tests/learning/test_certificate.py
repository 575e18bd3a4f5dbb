"""The certificate of attendance: a PDF for an attended booking only, naming the person, the course,
the date, its duration and the partnership."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.learning.evaluation_views import duration_words
from lscp.learning.models import Booking, BookingStatus
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db


def booking(status=BookingStatus.ATTENDED, minutes: int = 180) -> Booking:
    starts = timezone.make_aware(dt.datetime(2021, 6, 15, 9, 30))
    session = SessionFactory(
        course=CourseFactory(title="Neglect: seeing the child", slug="neglect", duration_minutes=minutes),
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=minutes),
    )
    attended_on = dt.date(2021, 6, 15) if status == BookingStatus.ATTENDED else None
    return BookingFactory(
        session=session,
        status=status,
        attended_on=attended_on,
        person=PractitionerFactory(full_name="Ada Okafor"),
    )


def url(found: Booking) -> str:
    return reverse("learning:certificate", args=[found.pk])


class Captured:
    """Stands in for WeasyPrint's HTML, keeping what it was asked to print."""

    printed: list[str] = []

    def __init__(self, string: str, base_url: str = "") -> None:
        Captured.printed.append(string)

    def write_pdf(self) -> bytes:
        return b"%PDF-1.7 captured"


def test_the_booker_downloads_a_real_pdf(client_for):
    attended = booking()
    response = client_for(attended.person).get(url(attended))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="certificate-neglect-2021-06-15.pdf"'


@override_settings(PARTNERSHIP_NAME="Eastmoor Safeguarding Children Partnership")
def test_it_names_the_person_the_course_the_date_the_duration_and_the_partnership(client_for, monkeypatch):
    monkeypatch.setattr("weasyprint.HTML", Captured)
    Captured.printed = []
    attended = booking(minutes=150)
    client_for(attended.person).get(url(attended))
    (html,) = Captured.printed
    for text in (
        "Ada Okafor",
        "Neglect: seeing the child",
        "15 June 2021",
        "2 hours 30 minutes",
        "Eastmoor Safeguarding Children Partnership",
        "Certificate of attendance",
    ):
        assert text in html


@pytest.mark.parametrize(
    "status", [BookingStatus.BOOKED, BookingStatus.ABSENT, BookingStatus.CANCELLED, BookingStatus.WAITING]
)
def test_only_an_attendance_has_a_certificate(client_for, status):
    found = booking(status=status)
    response = client_for(found.person).get(url(found))
    assert response.status_code == 404
    assert "A certificate is available once the learning counts as attended" in response.content.decode()


def test_who_may_download_a_certificate(client, client_for):
    attended = booking()
    assert client.get(url(attended)).status_code == 302
    assert client_for(PractitionerFactory()).get(url(attended)).status_code == 403
    # The business unit's editors can issue one again for someone; the analyst reads figures only.
    assert client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).get(url(attended)).status_code == 200
    assert client_for(UserFactory(roles=[Role.DATA_ANALYST])).get(url(attended)).status_code == 403
    assert client_for(UserFactory(roles=[Role.GROUP_CHAIR])).get(url(attended)).status_code == 403


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (180, "3 hours"),
        (60, "1 hour"),
        (90, "1 hour 30 minutes"),
        (45, "45 minutes"),
        (61, "1 hour 1 minute"),
    ],
)
def test_durations_in_words(minutes, words):
    assert duration_words(minutes) == words
