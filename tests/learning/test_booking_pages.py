"""The booking pages: booking from a session's page (and why it can be refused), "Your learning",
an offered place, cancelling (late or not), confirming a recording was watched, and the line
manager's approval page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.learning import booking
from lscp.learning.models import Booking, BookingStatus, CourseFormat, Evaluation
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

S = BookingStatus


def book_url(session) -> str:
    return reverse("learning:book", args=[session.pk])


def follow(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


# Booking


def test_booking_a_place(client_for):
    session = SessionFactory(capacity=5)
    person = PractitionerFactory()
    client = client_for(person)
    response = client.post(book_url(session))
    assert response["Location"] == session.get_absolute_url()
    assert Booking.objects.get().status == S.BOOKED
    html = client.get(response["Location"]).content.decode()
    assert "You have a place on" in html and "Cancel your booking" in html


def test_a_full_session_puts_the_booker_on_the_waiting_list_with_their_number(client_for):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    BookingFactory(session=session, status=S.WAITING)
    client = client_for(PractitionerFactory())
    html = follow(client, client.post(book_url(session)))
    assert "you are number 2 on the waiting list" in html


def test_a_course_that_needs_approval_says_the_manager_is_asked(client_for):
    session = SessionFactory(course=CourseFactory(needs_manager_approval=True))
    client = client_for(PractitionerFactory())
    html = follow(client, client.post(book_url(session)))
    assert "We have asked your line manager to approve your place" in html
    assert Booking.objects.get().status == S.AWAITING_APPROVAL


@pytest.mark.parametrize(
    "session_kwargs, message",
    [
        ({"is_cancelled": True}, "This session has been cancelled"),
        ({"starts_at": timezone.now() - dt.timedelta(minutes=30)}, "This session has already started"),
    ],
)
def test_a_refused_booking_is_explained_on_the_session_page(client_for, session_kwargs, message):
    session = SessionFactory(**session_kwargs)
    response = client_for(PractitionerFactory()).post(book_url(session))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and "There is a problem" in html and message in html
    assert not Booking.objects.exists()


def test_booking_twice_is_explained(client_for):
    session, person = SessionFactory(), PractitionerFactory()
    client = client_for(person)
    client.post(book_url(session))
    html = client.post(book_url(session)).content.decode()
    assert "You already have this session in your bookings: booked" in html
    assert Booking.objects.count() == 1


def test_booking_needs_a_signed_in_person_and_a_post():
    session = SessionFactory()
    response = Client().post(book_url(session))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
    assert not Booking.objects.exists()


def test_booking_is_a_post(client_for):
    assert client_for(PractitionerFactory()).get(book_url(SessionFactory())).status_code == 405


# Your learning


def test_your_learning_lists_each_kind_of_booking(client_for):
    person = PractitionerFactory()
    now = timezone.now()
    upcoming = SessionFactory(course=CourseFactory(title="Upcoming course"))
    BookingFactory(session=upcoming, person=person)
    full = SessionFactory(capacity=1, course=CourseFactory(title="Full course"))
    BookingFactory(session=full)
    BookingFactory(session=full, status=S.WAITING, booked_at=now - dt.timedelta(hours=1))
    BookingFactory(session=full, person=person, status=S.WAITING)
    offered = SessionFactory(course=CourseFactory(title="Offered course"))
    BookingFactory(
        session=offered, person=person, status=S.OFFERED, offer_expires_at=now + dt.timedelta(hours=20)
    )
    past = SessionFactory(course=CourseFactory(title="Past course"), starts_at=now - dt.timedelta(days=10))
    attended = BookingFactory(
        session=past,
        person=person,
        status=S.ATTENDED,
        attended_on=timezone.localdate() - dt.timedelta(days=10),
    )
    recorded = SessionFactory(course=CourseFactory(title="Recorded course", format=CourseFormat.RECORDED))
    BookingFactory(session=recorded, person=person)
    BookingFactory(
        person=PractitionerFactory(), session=SessionFactory(course=CourseFactory(title="Not mine"))
    )

    html = client_for(person).get(reverse("learning:my-learning")).content.decode()
    for title in ["Upcoming course", "Full course", "Offered course", "Past course", "Recorded course"]:
        assert title in html
    assert "Not mine" not in html
    assert "Number 2" in html  # the person's place on the waiting list
    assert (
        reverse("learning:offer", args=[BookingFactory._meta.model.objects.get(session=offered).pk]) in html
    )
    assert reverse("learning:evaluate", args=[attended.pk]) in html
    assert reverse("learning:certificate", args=[attended.pk]) in html
    assert reverse("learning:follow-up", args=[attended.pk]) not in html  # too soon, and not evaluated
    assert "I have watched it" in html


def test_the_impact_follow_up_is_linked_months_after_an_evaluated_course(client_for):
    person = PractitionerFactory()
    months_ago = timezone.localdate() - dt.timedelta(days=100)
    session = SessionFactory(starts_at=timezone.now() - dt.timedelta(days=100))
    attended = BookingFactory(session=session, person=person, status=S.ATTENDED, attended_on=months_ago)
    Evaluation.objects.create(
        booking=attended,
        quality=5,
        relevance=5,
        knowledge_before=2,
        knowledge_after=4,
        confidence_before=2,
        confidence_after=4,
        improved=True,
    )
    html = client_for(person).get(reverse("learning:my-learning")).content.decode()
    assert reverse("learning:follow-up", args=[attended.pk]) in html
    assert reverse("learning:evaluate", args=[attended.pk]) not in html


def test_your_learning_with_no_bookings_points_to_the_catalogue(client_for):
    html = client_for(PractitionerFactory()).get(reverse("learning:my-learning")).content.decode()
    assert "You have no bookings yet" in html


def test_your_learning_needs_signing_in():
    response = Client().get(reverse("learning:my-learning"))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


# Cancelling


def cancel_url(made) -> str:
    return reverse("learning:cancel-booking", args=[made.pk])


def test_cancelling_in_good_time_costs_nothing(client_for):
    made = BookingFactory(session=SessionFactory(starts_at=timezone.now() + dt.timedelta(days=30)))
    client = client_for(made.person)
    page = client.get(cancel_url(made)).content.decode()
    assert "There is no charge for cancelling until the end of" in page and "late cancellation" not in page
    html = follow(client, client.post(cancel_url(made)))
    assert "Booking cancelled" in html
    made.refresh_from_db()
    assert (made.status, made.charge) == (S.CANCELLED, None)


def test_cancelling_late_says_so_and_what_the_agency_is_charged(client_for, settings):
    settings.LSCP_LEARNING = {**settings.LSCP_LEARNING, "non_attendance_charge": "60.00"}
    made = BookingFactory(session=SessionFactory(starts_at=timezone.now() + dt.timedelta(hours=20)))
    client = client_for(made.person)
    page = client.get(cancel_url(made)).content.decode()
    assert "Cancelling now is a late cancellation" in page
    assert f"{made.agency.name} will be charged £60.00" in page
    assert "Cancel and accept the charge" in page
    html = follow(client, client.post(cancel_url(made)))
    assert "It was a late cancellation, so the agency is charged £60.00" in html
    made.refresh_from_db()
    assert (made.status, made.charge) == (S.LATE_CANCELLATION, Decimal("60.00"))


def test_leaving_the_waiting_list(client_for):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    waiting = BookingFactory(session=session, status=S.WAITING)
    client = client_for(waiting.person)
    assert "Leave the waiting list" in client.get(cancel_url(waiting)).content.decode()
    client.post(cancel_url(waiting))
    waiting.refresh_from_db()
    assert waiting.status == S.CANCELLED


def test_cancelling_after_the_start_is_refused_with_the_reason(client_for):
    made = BookingFactory(session=SessionFactory(starts_at=timezone.now() - dt.timedelta(minutes=5)))
    html = client_for(made.person).post(cancel_url(made)).content.decode()
    assert "There is a problem" in html and "The session has started" in html
    made.refresh_from_db()
    assert made.status == S.BOOKED


def test_nobody_else_may_cancel_a_booking_but_the_business_unit(client_for):
    made = BookingFactory()
    assert client_for(PractitionerFactory()).post(cancel_url(made)).status_code == 403
    assert client_for(UserFactory(roles=[Role.DATA_ANALYST])).get(cancel_url(made)).status_code == 403
    officer = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    assert made.person.full_name in officer.get(cancel_url(made)).content.decode()
    response = officer.post(cancel_url(made))
    assert response["Location"] == reverse("learning:session-bookings", args=[made.session.pk])
    made.refresh_from_db()
    assert made.status == S.CANCELLED


# An offered place


def offered_place():
    session = SessionFactory(capacity=1)
    held = booking.book(session, PractitionerFactory())
    waiting = booking.book(session, PractitionerFactory())
    booking.cancel(held)
    waiting.refresh_from_db()
    return waiting


def offer_url(made) -> str:
    return reverse("learning:offer", args=[made.pk])


def test_an_offer_shows_its_deadline_and_can_be_accepted(client_for):
    waiting = offered_place()
    client = client_for(waiting.person)
    local = timezone.localtime(waiting.offer_expires_at)
    page = client.get(offer_url(waiting)).content.decode()
    assert f"{local:%A} {local.day} {local:%B %Y}" in page
    html = follow(client, client.post(offer_url(waiting), {"answer": "yes"}))
    assert "You have a place on" in html
    waiting.refresh_from_db()
    assert waiting.status == S.BOOKED


def test_an_offer_can_be_declined_and_moves_on(client_for):
    waiting = offered_place()
    next_in_line = BookingFactory(session=waiting.session, status=S.WAITING)
    client = client_for(waiting.person)
    html = follow(client, client.post(offer_url(waiting), {"answer": "no"}))
    assert "it has been offered to the next person waiting" in html
    next_in_line.refresh_from_db()
    assert next_in_line.status == S.OFFERED


def test_an_offer_needs_an_answer(client_for):
    waiting = offered_place()
    html = client_for(waiting.person).post(offer_url(waiting), {}).content.decode()
    assert "<title>Error: " in html and "Choose whether you want the place" in html


def test_an_offer_that_has_ended_is_explained(client_for):
    waiting = offered_place()
    Booking.objects.filter(pk=waiting.pk).update(offer_expires_at=timezone.now() - dt.timedelta(minutes=1))
    html = client_for(waiting.person).post(offer_url(waiting), {"answer": "yes"}).content.decode()
    assert "The offer has ended" in html


def test_no_offer_open(client_for):
    made = BookingFactory()
    html = client_for(made.person).get(offer_url(made)).content.decode()
    assert "There is no place waiting for an answer on this booking: it is booked" in html


def test_someone_elses_offer_is_forbidden(client_for):
    assert client_for(PractitionerFactory()).get(offer_url(offered_place())).status_code == 403


# Recorded sessions


def test_confirming_a_recording_was_watched(client_for):
    made = BookingFactory(session=SessionFactory(course=CourseFactory(format=CourseFormat.RECORDED)))
    client = client_for(made.person)
    url = reverse("learning:confirm-watched", args=[made.pk])
    assert client.get(url).status_code == 405
    html = follow(client, client.post(url))
    assert "Complete the evaluation" in html
    made.refresh_from_db()
    assert made.watched_confirmed_at is not None


def test_a_classroom_session_cannot_be_confirmed_as_watched(client_for):
    made = BookingFactory()
    client = client_for(made.person)
    html = follow(client, client.post(reverse("learning:confirm-watched", args=[made.pk])))
    assert "Only a booked recorded session" in html


# The line manager's approval


def approval_url(made) -> str:
    return reverse("learning:approval", args=[made.manager_token])


def awaiting_approval():
    session = SessionFactory(course=CourseFactory(title="Child exploitation", needs_manager_approval=True))
    return booking.book(session, PractitionerFactory(full_name="Priya Shah"))


def test_the_manager_approves_from_the_emailed_link_without_an_account():
    made = awaiting_approval()
    manager = Client()
    page = manager.get(approval_url(made)).content.decode()
    assert "Priya Shah" in page and "Child exploitation" in page
    html = manager.post(approval_url(made), {"answer": "yes"}).content.decode()
    assert "Place approved" in html
    made.refresh_from_db()
    assert made.status == S.BOOKED
    again = manager.get(approval_url(made)).content.decode()
    assert "no longer waiting for approval: it is booked" in again


def test_the_manager_declines():
    made = awaiting_approval()
    html = Client().post(approval_url(made), {"answer": "no"}).content.decode()
    assert "Place not approved" in html
    made.refresh_from_db()
    assert made.status == S.NOT_APPROVED


def test_the_manager_must_choose():
    made = awaiting_approval()
    html = Client().post(approval_url(made), {}).content.decode()
    assert "Choose whether you approve the place" in html


def test_an_unknown_approval_link_is_not_found():
    assert (
        Client().get(reverse("learning:approval", args=["00000000-0000-4000-8000-000000000000"])).status_code
        == 404
    )


def test_a_draft_course_cannot_be_booked_or_seen_by_posting(client_for):
    session = SessionFactory(course=CourseFactory(is_published=False))
    assert client_for(PractitionerFactory()).post(book_url(session)).status_code == 404
    assert not Booking.objects.exists()
