"""The evaluation on the day: who may fill it in, when it opens, what is saved, and that a second
one is refused (even when two arrive at once) with nothing duplicated."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.learning import windows
from lscp.learning.models import Booking, BookingStatus, CourseFormat, Evaluation
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "quality": "4",
    "relevance": "5",
    "knowledge_before": "2",
    "knowledge_after": "4",
    "confidence_before": "1",
    "confidence_after": "3",
    "improved": "yes",
    "will_do_differently": "Ask about the lived experience of the child at every visit.",
    "comments": "",
}


def attended(*, ended=dt.timedelta(hours=1), **booking) -> Booking:
    """A booking marked attended at a session that ended `ended` ago."""
    ends = timezone.now() - ended
    session = SessionFactory(starts_at=ends - dt.timedelta(hours=3), ends_at=ends)
    booking.setdefault("status", BookingStatus.ATTENDED)
    if booking["status"] == BookingStatus.ATTENDED:
        booking.setdefault("attended_on", timezone.localdate(session.starts_at))
    return BookingFactory(session=session, **booking)


def on_demand(*, watched: bool) -> Booking:
    session = SessionFactory(
        course=CourseFactory(format=CourseFormat.RECORDED, recording_url="https://video.example.org/1"),
        starts_at=timezone.now() - dt.timedelta(days=60),
        ends_at=timezone.now() + dt.timedelta(days=300),
    )
    watched_at = timezone.now() - dt.timedelta(minutes=5) if watched else None
    return BookingFactory(session=session, status=BookingStatus.BOOKED, watched_confirmed_at=watched_at)


def url(booking: Booking) -> str:
    return reverse("learning:evaluate", args=[booking.pk])


def test_the_booker_evaluates_an_attended_session_and_every_answer_is_kept(client_for):
    booking = attended()
    client = client_for(booking.person)
    page = client.get(url(booking))
    assert page.status_code == 200
    html = page.content.decode()
    assert booking.session.course.title in html
    assert 'type="radio" value="5"' in html and "5: Excellent" in html  # GOV.UK radios for the scales
    response = client.post(url(booking), ANSWERS)
    assert response.status_code == 302 and response["Location"] == reverse("learning:my-learning")
    saved = Evaluation.objects.get(booking=booking)
    assert (saved.quality, saved.relevance) == (4, 5)
    assert (saved.knowledge_before, saved.knowledge_after) == (2, 4)
    assert (saved.confidence_before, saved.confidence_after) == (1, 3)
    assert saved.improved is True and saved.will_do_differently == ANSWERS["will_do_differently"]


def test_no_is_kept_as_no(client_for):
    booking = attended()
    client_for(booking.person).post(url(booking), {**ANSWERS, "improved": "no"})
    assert Evaluation.objects.get(booking=booking).improved is False


def test_a_second_evaluation_is_refused_and_nothing_is_duplicated(client_for):
    booking = attended()
    client = client_for(booking.person)
    client.post(url(booking), ANSWERS)
    again = client.post(url(booking), {**ANSWERS, "quality": "1"})
    assert again.status_code == 409
    assert "already evaluated this session" in again.content.decode()
    assert Evaluation.objects.filter(booking=booking).count() == 1
    assert Evaluation.objects.get(booking=booking).quality == 4
    # Opening the page again says so too, without a form.
    page = client.get(url(booking))
    assert page.status_code == 200 and "already evaluated" in page.content.decode()
    assert '<form method="post" novalidate>' not in page.content.decode()


def test_two_evaluations_at_once_the_constraint_refuses_the_second_with_the_same_message(
    client_for, monkeypatch
):
    """Both requests pass the check before either saves: the second insert hits the one-to-one."""
    booking = attended()
    real = windows.why_evaluation_is_closed

    def the_other_request_saves_first(found, now=None):
        Evaluation.objects.create(booking=found, **{k: 3 for k in ("quality", "relevance")}, **_levels())
        return real(found, now)

    monkeypatch.setattr(windows, "why_evaluation_is_closed", the_other_request_saves_first)
    response = client_for(booking.person).post(url(booking), ANSWERS)
    assert response.status_code == 409
    assert "already evaluated this session" in response.content.decode()
    assert Evaluation.objects.filter(booking=booking).count() == 1
    assert Evaluation.objects.get(booking=booking).quality == 3  # the first stands


def _levels() -> dict:
    return {
        "knowledge_before": 2,
        "knowledge_after": 3,
        "confidence_before": 2,
        "confidence_after": 3,
        "improved": True,
    }


def test_every_question_but_the_free_text_is_required_and_named_in_the_error_summary(client_for):
    booking = attended()
    response = client_for(booking.person).post(url(booking), {"comments": "Good"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html
    for message in (
        "Select how good the session was",
        "Select how relevant it was",
        "Select how much you knew about the subject before the session",
        "Select how confident you are after the session",
        "Select yes if your skills and knowledge improved",
    ):
        assert message in html
    assert 'href="#id_quality-0"' in html  # the summary links to the first radio
    assert not Evaluation.objects.exists()


def test_a_rating_outside_1_to_5_is_refused(client_for):
    booking = attended()
    response = client_for(booking.person).post(url(booking), {**ANSWERS, "quality": "6"})
    assert "Select how good the session was" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_evaluation_opens_at_the_end_of_the_session(client_for):
    booking = attended(ended=-dt.timedelta(hours=1))  # marked attended, still running for an hour
    client = client_for(booking.person)
    page = client.get(url(booking))
    assert page.status_code == 200 and "opens at the end of the session" in page.content.decode()
    refused = client.post(url(booking), ANSWERS)
    assert refused.status_code == 400 and not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("status", "says"),
    [
        (BookingStatus.ABSENT, "(this booking: did not attend)"),
        (BookingStatus.CANCELLED, "(this booking: cancelled)"),
        (BookingStatus.BOOKED, "once the trainer has recorded that you attended"),
    ],
)
def test_only_an_attendance_can_be_evaluated(client_for, status, says):
    booking = attended(status=status)
    client = client_for(booking.person)
    assert says in client.get(url(booking)).content.decode()
    assert client.post(url(booking), ANSWERS).status_code == 400
    assert not Evaluation.objects.exists()


def test_a_watched_recording_counts_as_attended_when_it_is_evaluated(client_for):
    booking = on_demand(watched=True)
    response = client_for(booking.person).post(url(booking), ANSWERS)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED and booking.attended_on == timezone.localdate()
    assert Evaluation.objects.filter(booking=booking).count() == 1


def test_a_recording_not_yet_watched_cannot_be_evaluated(client_for):
    booking = on_demand(watched=False)
    client = client_for(booking.person)
    assert "Confirm you have watched the session first" in client.get(url(booking)).content.decode()
    assert client.post(url(booking), ANSWERS).status_code == 400
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED and not Evaluation.objects.exists()


def test_when_counting_the_attendance_fails_the_evaluation_is_not_kept(client_for, monkeypatch):
    from lscp.learning import booking as booking_service

    booking = on_demand(watched=True)

    def refuse(found, now=None):
        raise booking_service.BookingError("Confirm you have watched the session first")

    monkeypatch.setattr(booking_service, "count_on_demand_attendance", refuse)
    response = client_for(booking.person).post(url(booking), ANSWERS)
    assert response.status_code == 400 and "Confirm you have watched" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_only_the_booker_may_evaluate(client, client_for):
    booking = attended()
    assert client.get(url(booking)).status_code == 302  # signed out: to sign in
    assert client_for(PractitionerFactory()).get(url(booking)).status_code == 403
    for role in (Role.BUSINESS_MANAGER, Role.SYSTEM_ADMINISTRATOR):
        assert client_for(UserFactory(roles=[role])).get(url(booking)).status_code == 403
    assert client_for(PractitionerFactory()).post(url(booking), ANSWERS).status_code == 403
    assert not Evaluation.objects.exists()


def test_an_unknown_booking_is_not_found(client_for):
    assert (
        client_for(PractitionerFactory()).get(reverse("learning:evaluate", args=[999999])).status_code == 404
    )


def test_an_empty_submission_shows_the_errors_rather_than_a_blank_form(client_for):
    booking = attended()
    html = client_for(booking.person).post(url(booking), {}).content.decode()
    assert "govuk-error-summary" in html and "Select how good the session was" in html
    assert not Evaluation.objects.exists()
