"""The emails a booking change sends: confirmation (with its calendar file), the line manager's
approval request, the waiting list, offers, cancellations, not approved. Each once, queued in the
transaction that makes the change."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from lscp.learning import booking, mail
from lscp.learning.models import BookingStatus, CourseFormat, EmailKind, LearningEmail
from tests.learning.factories import CourseFactory, PractitionerFactory, SessionFactory
from tests.smtp import body_of, smtp_server_fixture

pytestmark = pytest.mark.django_db
smtp_server = smtp_server_fixture()

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2024, 2, 1, 10, 0, tzinfo=LONDON)
STARTS = dt.datetime(2024, 3, 12, 9, 30, tzinfo=LONDON)


def dated_session(**fields):
    fields.setdefault("starts_at", STARTS)
    fields.setdefault("ends_at", fields["starts_at"] + dt.timedelta(hours=3))
    return SessionFactory(**fields)


def sent(**filters) -> list[tuple[str, int, str]]:
    """(kind, round, to) of the LearningEmail rows, oldest first."""
    rows = LearningEmail.objects.filter(**filters).order_by("pk")
    return [(row.kind, row.round, row.sent_to) for row in rows]


def queued() -> list[dict]:
    """The send_email tasks queued, as their keyword arguments."""
    return [task.args_kwargs["kwargs"] for task in DBTaskResult.objects.order_by("enqueued_at", "id")]


def unfold(text: str) -> dict[str, str]:
    lines = text.replace("\r\n ", "").split("\r\n")
    return dict(line.split(":", 1) for line in lines if ":" in line)


def test_a_booking_is_confirmed_by_email_with_a_calendar_file_through_the_worker(smtp_server, run_tasks):
    session = dated_session(course=CourseFactory(title="Working with men"), venue="Training room 1")
    person = PractitionerFactory(full_name="Sam Carter")
    place = booking.book(session, person, now=NOW)
    assert sent() == [(EmailKind.CONFIRMATION, 1, person.email)]
    assert LearningEmail.objects.get().sent_at == NOW  # the moment of the change

    run_tasks()
    (message,) = smtp_server
    assert message["X-Envelope-To"] == person.email
    assert message["Subject"] == "Place booked: Working with men, 12 March 2024"
    text = body_of(message)
    assert text.startswith("Hello Sam,")
    assert "When: Tuesday 12 March 2024, 9:30am to 12:30pm" in text
    assert "Where: Training room 1" in text
    assert f"{settings.LSCP_BASE_URL.rstrip('/')}/learning/mine/" in text
    (attachment,) = [part for part in message.walk() if part.get_filename()]
    assert attachment.get_filename() == "working-with-men.ics"
    assert attachment.get_content_type() == "text/calendar"
    calendar = attachment.get_payload(decode=True).decode()
    assert calendar.startswith("BEGIN:VCALENDAR\r\n") and calendar.endswith("END:VCALENDAR\r\n")
    event = unfold(calendar)
    assert event["UID"].startswith(f"learning-booking-{place.pk}@")
    assert (event["DTSTART"], event["DTEND"]) == ("20240312T093000Z", "20240312T123000Z")
    assert event["DTSTAMP"] == "20240201T100000Z"
    assert event["SUMMARY"] == "Working with men"

    run_tasks()
    assert len(smtp_server) == 1  # once


def test_cancelling_and_booking_again_sends_a_new_confirmation_for_the_same_event():
    session = dated_session()
    person = PractitionerFactory()
    place = booking.book(session, person, now=NOW)
    booking.cancel(place, now=NOW + dt.timedelta(days=1))
    booking.book(session, person, now=NOW + dt.timedelta(days=2))
    assert sent() == [
        (EmailKind.CONFIRMATION, 1, person.email),
        (EmailKind.CANCELLATION, 1, person.email),
        (EmailKind.CONFIRMATION, 2, person.email),
    ]
    first, cancelled, second = queued()
    assert "is cancelled, as you asked" in cancelled["body_text"]
    assert "remove it" in cancelled["body_text"]
    one, two = (unfold(task["attachments"][0][1]) for task in (first, second))
    assert one["UID"] == two["UID"] and (one["SEQUENCE"], two["SEQUENCE"]) == ("0", "1")


def test_a_late_cancellation_says_it_may_be_charged(settings):
    settings.LSCP_LEARNING = {**settings.LSCP_LEARNING, "non_attendance_charge": "50.00"}
    session = dated_session()
    place = booking.book(session, PractitionerFactory(), now=NOW)
    booking.cancel(place, now=STARTS - dt.timedelta(days=1))  # Monday, for Tuesday
    assert queued()[-1]["subject"] == f"Booking cancelled: {session.course.title}, 12 March 2024"
    assert "late cancellation" in queued()[-1]["body_text"] and "£50" in queued()[-1]["body_text"]


def test_a_course_that_needs_approval_asks_the_line_manager_then_tells_the_booker():
    course = CourseFactory(needs_manager_approval=True)
    person = PractitionerFactory(full_name="Alex Jones")
    manager = person.learner.line_manager_email
    place = booking.book(dated_session(course=course), person, now=NOW)
    assert place.status == BookingStatus.AWAITING_APPROVAL
    assert sent() == [(EmailKind.APPROVAL_REQUEST, 1, manager)]
    request = queued()[0]
    assert request["to"] == [manager]
    assert "Alex Jones" in request["subject"]
    assert f"/approval/{place.manager_token}/" in request["body_text"]

    booking.decide_approval(place, approved=False, now=NOW + dt.timedelta(days=1))
    assert sent()[-1] == (mail.NOT_APPROVED, 1, person.email)
    assert queued()[-1]["subject"].startswith("Booking not approved:")

    # Booked again and approved this time: asked again, then confirmed.
    place = booking.book(place.session, person, now=NOW + dt.timedelta(days=2))
    booking.decide_approval(place, approved=True, now=NOW + dt.timedelta(days=3))
    assert sent()[-2:] == [
        (EmailKind.APPROVAL_REQUEST, 2, manager),
        (EmailKind.CONFIRMATION, 1, person.email),
    ]


def test_no_line_manager_on_record_means_no_approval_email():
    person = PractitionerFactory()
    person.learner.line_manager_email = ""
    person.learner.save()
    booking.book(dated_session(course=CourseFactory(needs_manager_approval=True)), person, now=NOW)
    assert sent() == [] and queued() == []


def test_the_waiting_list_then_an_offer_with_its_deadline():
    session = dated_session(capacity=1)
    first, second = PractitionerFactory(), PractitionerFactory()
    held = booking.book(session, first, now=NOW)
    waiting = booking.book(session, second, now=NOW)
    assert sent(booking=waiting) == [(EmailKind.WAITING, 1, second.email)]
    assert "waiting list" in queued()[-1]["body_text"]

    booking.cancel(held, now=dt.datetime(2024, 2, 5, 14, 0, tzinfo=LONDON))
    assert sent(booking=waiting)[-1] == (EmailKind.OFFER, 1, second.email)
    offer = queued()[-1]
    assert offer["subject"] == f"Place offered on {session.course.title}: answer by 2pm on 7 February 2024"
    assert "by Wednesday 7 February 2024, 2pm" in offer["body_text"]
    assert f"/bookings/{waiting.pk}/offer/" in offer["body_text"]


def test_an_on_demand_course_is_confirmed_without_a_calendar_file():
    course = CourseFactory(format=CourseFormat.RECORDED)
    session = SessionFactory(course=course, starts_at=NOW - dt.timedelta(days=10), venue="")
    booking.book(session, PractitionerFactory(), now=NOW)
    (task,) = queued()
    assert "attachments" not in task
    assert task["subject"] == f"You are booked on {course.title}"


def test_a_cancelled_session_tells_everyone_booked_or_waiting():
    session = dated_session(capacity=1)
    people = [PractitionerFactory() for _ in range(3)]
    for person in people:
        booking.book(session, person, now=NOW)
    booking.cancel_session(session, now=NOW + dt.timedelta(days=1))
    cancellations = sent(kind=EmailKind.CANCELLATION)
    assert sorted(to for _, _, to in cancellations) == sorted(p.email for p in people)
    assert all(task["subject"].startswith("Session cancelled:") for task in queued()[-3:])


def test_a_change_that_fails_sends_nothing():
    session = dated_session()
    with pytest.raises(RuntimeError), transaction.atomic():
        booking.book(session, PractitionerFactory(), now=NOW)
        raise RuntimeError("the request failed after booking")
    assert sent() == [] and queued() == []


def test_a_second_send_of_the_same_round_is_refused():
    place = booking.book(dated_session(), PractitionerFactory(), now=NOW)
    message = mail.emails.reminder(place)
    assert mail.send_once(place, EmailKind.REMINDER, "x@example.org", message, now=NOW)
    assert not mail.send_once(place, EmailKind.REMINDER, "x@example.org", message, now=NOW)
    assert len(sent(kind=EmailKind.REMINDER)) == 1 and len(queued()) == 2  # confirmation + one reminder


def test_the_messages_name_nobody_else():
    session = dated_session(capacity=1)
    other = PractitionerFactory(full_name="Other Person")
    booking.book(session, other, now=NOW)
    booking.book(session, PractitionerFactory(), now=NOW)
    assert all("Other Person" not in task["body_text"] for task in queued()[1:])


def test_a_late_booking_is_told_what_comes_next():
    early = booking.book(dated_session(), PractitionerFactory(), now=NOW)
    booking.book(early.session, PractitionerFactory(), now=STARTS - dt.timedelta(days=10))
    booking.book(early.session, PractitionerFactory(), now=STARTS - dt.timedelta(days=2))
    texts = [task["body_text"] for task in queued()]
    assert "We will remind you 14 days before, and send joining instructions 5 days before." in texts[0]
    assert "We will send joining instructions 5 days before." in texts[1] and "remind" not in texts[1]
    assert "joining instructions in a separate email shortly" in texts[2]
