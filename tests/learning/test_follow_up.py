"""The impact follow-up 3 to 6 months later, and the line manager's view of that impact."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.learning import windows
from lscp.learning.models import Booking, BookingStatus, FollowUp, UsedLearning
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "used_learning": UsedLearning.YES,
    "example": "I asked the school about the child's attendance first, and a referral was made sooner.",
    "impact": "4",
}


def attended_months_ago(months: int, days: int = 0) -> Booking:
    attended_on = windows.add_months(timezone.localdate(), -months) - dt.timedelta(days=days)
    starts = timezone.make_aware(dt.datetime.combine(attended_on, dt.time(10)))
    session = SessionFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=3))
    return BookingFactory(session=session, status=BookingStatus.ATTENDED, attended_on=attended_on)


def url(booking: Booking) -> str:
    return reverse("learning:follow-up", args=[booking.pk])


def manager_url(booking: Booking) -> str:
    return reverse("learning:manager-follow-up", args=[booking.manager_token])


def test_the_booker_says_how_the_learning_changed_their_practice(client_for):
    booking = attended_months_ago(4)
    client = client_for(booking.person)
    page = client.get(url(booking))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Have you used what you learned in your work?" in html and "Not yet" in html
    response = client.post(url(booking), ANSWERS)
    assert response.status_code == 302
    saved = FollowUp.objects.get(booking=booking)
    assert (saved.used_learning, saved.impact, saved.example) == ("yes", 4, ANSWERS["example"])
    assert saved.publishable is False  # the business unit chooses what is published


def test_the_example_is_optional_but_the_answers_are_not(client_for):
    booking = attended_months_ago(4)
    client = client_for(booking.person)
    response = client.post(url(booking), {"example": "Something"})
    html = response.content.decode()
    assert "Select whether you have used what you learned" in html
    assert "Select how much the learning has changed your practice" in html
    assert not FollowUp.objects.exists()
    client.post(url(booking), {"used_learning": "no", "impact": "1"})
    assert FollowUp.objects.get(booking=booking).example == ""


@pytest.mark.parametrize(
    ("months", "days", "is_open"),
    [(2, 0, False), (3, -1, False), (3, 0, True), (5, 0, True), (6, 1, False), (8, 0, False)],
)
def test_open_only_from_3_to_6_months_after_attending(client_for, months, days, is_open):
    """`days` moves the attendance earlier. The last day (6 months on) is tested with fixed dates in
    test_follow_up_windows: near a month's end, "6 months before today" can fall outside it."""
    booking = attended_months_ago(months, days)
    client = client_for(booking.person)
    page = client.get(url(booking)).content.decode()
    response = client.post(url(booking), ANSWERS)
    assert FollowUp.objects.exists() is is_open
    if not is_open:
        assert response.status_code == 400
        opens = windows.follow_up_opens_on(booking.attended_on)
        closes = windows.follow_up_closes_on(booking.attended_on)
        expected = f"opens 3 months after the learning, on {opens:%-d %B %Y}" if months < 6 else "closed on"
        assert expected in page
        assert f"{closes:%-d %B %Y}" in page


def test_a_second_follow_up_is_refused(client_for):
    booking = attended_months_ago(4)
    client = client_for(booking.person)
    client.post(url(booking), ANSWERS)
    again = client.post(url(booking), {**ANSWERS, "impact": "1"})
    assert again.status_code == 409 and "already told us about the impact" in again.content.decode()
    assert FollowUp.objects.get(booking=booking).impact == 4


def test_two_follow_ups_at_once_the_constraint_refuses_the_second(client_for, monkeypatch):
    booking = attended_months_ago(4)
    real = windows.why_follow_up_is_closed

    def the_other_request_saves_first(found, today=None):
        FollowUp.objects.create(booking=found, used_learning=UsedLearning.NO, impact=2)
        return real(found, today)

    monkeypatch.setattr(windows, "why_follow_up_is_closed", the_other_request_saves_first)
    response = client_for(booking.person).post(url(booking), ANSWERS)
    assert response.status_code == 409 and "already told us" in response.content.decode()
    assert FollowUp.objects.get(booking=booking).impact == 2


def test_an_absence_has_no_follow_up(client_for):
    booking = attended_months_ago(4)
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.ABSENT, attended_on=None)
    response = client_for(booking.person).get(url(booking))
    assert "for people who attended" in response.content.decode()


def test_only_the_booker_fills_in_their_follow_up(client, client_for):
    booking = attended_months_ago(4)
    assert client.get(url(booking)).status_code == 302
    assert client_for(PractitionerFactory()).get(url(booking)).status_code == 403
    assert (
        client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).post(url(booking), ANSWERS).status_code == 403
    )
    assert not FollowUp.objects.exists()


# The line manager


def followed_up(months: int = 4, manager: str = "") -> Booking:
    booking = attended_months_ago(months)
    FollowUp.objects.create(
        booking=booking, used_learning=UsedLearning.PARTLY, impact=3, from_line_manager=manager
    )
    return booking


def test_the_line_manager_gives_their_view_once_without_signing_in(client):
    booking = followed_up()
    page = client.get(manager_url(booking))
    assert page.status_code == 200
    html = page.content.decode()
    assert booking.person.full_name in html and booking.session.course.title in html
    saved = client.post(
        manager_url(booking), {"from_line_manager": "  Her assessments now ask about fathers.  "}
    )
    assert saved.status_code == 200 and "is saved" in saved.content.decode()
    assert FollowUp.objects.get(booking=booking).from_line_manager == "Her assessments now ask about fathers."
    again = client.post(manager_url(booking), {"from_line_manager": "Something else"})
    assert again.status_code == 409 and "already recorded" in again.content.decode()
    assert FollowUp.objects.get(booking=booking).from_line_manager == "Her assessments now ask about fathers."


def test_the_managers_answer_is_required(client):
    booking = followed_up()
    response = client.post(manager_url(booking), {"from_line_manager": "   "})
    html = response.content.decode()
    assert (
        "Enter what difference the learning has made to their practice" in html and "<title>Error: " in html
    )
    assert FollowUp.objects.get(booking=booking).from_line_manager == ""


def test_before_the_practitioners_follow_up_the_manager_is_asked_to_come_back(client):
    booking = attended_months_ago(4)
    page = client.get(manager_url(booking))
    assert page.status_code == 200
    assert "has not yet told us how the learning has changed their practice" in page.content.decode()
    assert client.post(manager_url(booking), {"from_line_manager": "Good"}).status_code == 400
    assert not FollowUp.objects.exists()  # nothing invented to hold the answer


def test_the_managers_time_runs_out_a_month_after_the_follow_up_closes(client):
    late = followed_up(months=8)
    page = client.get(manager_url(late)).content.decode()
    assert "The time to answer ended on" in page
    assert client.post(manager_url(late), {"from_line_manager": "Good"}).status_code == 400
    in_time = followed_up(months=6)
    assert client.post(manager_url(in_time), {"from_line_manager": "Good"}).status_code == 200


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("learning:manager-follow-up", args=[uuid.uuid4()])).status_code == 404


def test_empty_submissions_show_the_errors(client, client_for):
    booking = attended_months_ago(4)
    html = client_for(booking.person).post(url(booking), {}).content.decode()
    assert "govuk-error-summary" in html and "Select whether you have used what you learned" in html
    answered = followed_up()
    html = client.post(manager_url(answered), {}).content.decode()
    assert "govuk-error-summary" in html and "Enter what difference the learning has made" in html
