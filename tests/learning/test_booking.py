"""The booking service (lscp.learning.booking), on the models: places and the waiting list, offers
that move on, line-manager approval, cancellation late or not by working days, the register,
cancelling a session. The pages have their own tests."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lscp.learning import booking
from lscp.learning.booking import BookingError
from lscp.learning.models import Booking, BookingStatus, CourseFormat
from tests.factories import UserFactory
from tests.learning.factories import CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

S = BookingStatus
LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=9, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def people(n: int) -> list:
    return [PractitionerFactory() for _ in range(n)]


def status_of(each: Booking) -> str:
    each.refresh_from_db()
    return each.status


# Places and the waiting list


def test_the_last_place_then_the_waiting_list_then_an_offer_when_a_place_frees():
    session = SessionFactory(capacity=1)
    first, second = people(2)
    held = booking.book(session, first)
    waiting = booking.book(session, second)
    assert (held.status, waiting.status) == (S.BOOKED, S.WAITING)
    assert booking.places_left(session) == 0
    booking.cancel(held)
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED and waiting.offer_expires_at is not None
    assert booking.accept_offer(waiting).status == S.BOOKED


def test_the_booking_records_the_agency_the_person_is_in_when_they_book():
    person = PractitionerFactory()
    made = booking.book(SessionFactory(), person)
    assert made.agency == person.agency


def test_someone_waiting_keeps_their_turn_even_while_a_place_is_being_offered():
    session = SessionFactory(capacity=1)
    holder, first, second = people(3)
    held = booking.book(session, holder)
    booking.book(session, first)
    booking.cancel(held)  # the place is offered to `first`
    late_comer = booking.book(session, second)
    assert late_comer.status == S.WAITING


def test_waiting_positions_follow_the_order_people_joined():
    session = SessionFactory(capacity=1)
    booking.book(session, PractitionerFactory())
    joined = [booking.book(session, person) for person in people(3)]
    positions = dict(
        booking.with_waiting_position(Booking.objects.filter(status=S.WAITING)).values_list(
            "pk", "waiting_position"
        )
    )
    assert [positions[each.pk] for each in joined] == [1, 2, 3]


def test_a_booker_cannot_hold_two_places():
    session, person = SessionFactory(), PractitionerFactory()
    booking.book(session, person)
    with pytest.raises(BookingError, match="already have this session"):
        booking.book(session, person)
    assert session.bookings.count() == 1


def test_cancelling_and_booking_again_reuses_the_one_row():
    session, person = SessionFactory(), PractitionerFactory()
    first = booking.book(session, person)
    booking.cancel(first)
    again = booking.book(session, person)
    assert again.pk == first.pk and again.status == S.BOOKED


def test_a_late_cancellation_cannot_be_wiped_by_booking_again():
    now = timezone.now()
    session, person = SessionFactory(starts_at=now + dt.timedelta(days=1)), PractitionerFactory()
    made = booking.book(session, person, now=now)
    booking.cancel(made, now=now)
    with pytest.raises(BookingError, match="cannot book this session again: your booking is cancelled late"):
        booking.book(session, person, now=now)
    assert status_of(made) == S.LATE_CANCELLATION


@pytest.mark.parametrize(
    "change, message",
    [
        ({"is_cancelled": True}, "has been cancelled"),
        ({"starts_at": timezone.now() - dt.timedelta(minutes=1)}, "already started"),
    ],
)
def test_a_session_that_is_cancelled_or_has_started_cannot_be_booked(change, message):
    session = SessionFactory(**change)
    with pytest.raises(BookingError, match=message):
        booking.book(session, PractitionerFactory())
    assert not session.bookings.exists()


def test_a_draft_course_cannot_be_booked():
    session = SessionFactory(course=CourseFactory(is_published=False))
    with pytest.raises(BookingError, match="not open for booking"):
        booking.book(session, PractitionerFactory())


def test_a_recorded_session_can_be_booked_whenever():
    course = CourseFactory(format=CourseFormat.RECORDED)
    session = SessionFactory(course=course, starts_at=timezone.now() - dt.timedelta(days=100))
    assert booking.book(session, PractitionerFactory()).status == S.BOOKED


# Offers move on


def test_a_declined_offer_goes_to_the_next_person_waiting():
    session = SessionFactory(capacity=1)
    holder, first, second = people(3)
    held = booking.book(session, holder)
    offered_first = booking.book(session, first)
    next_in_line = booking.book(session, second)
    booking.cancel(held)
    booking.decline_offer(offered_first)
    assert (status_of(offered_first), status_of(next_in_line)) == (S.CANCELLED, S.OFFERED)


def test_an_offer_not_taken_up_in_time_lapses_and_moves_on():
    now = timezone.now()
    session = SessionFactory(capacity=1, starts_at=now + dt.timedelta(days=20))
    holder, first, second = people(3)
    held = booking.book(session, holder, now=now)
    slow = booking.book(session, first, now=now)
    quick = booking.book(session, second, now=now + dt.timedelta(seconds=1))
    booking.cancel(held, now=now)
    slow.refresh_from_db()
    assert slow.offer_expires_at == now + dt.timedelta(hours=48)

    assert booking.expire_offers(now=now + dt.timedelta(hours=47)) == 0
    assert booking.expire_offers(now=now + dt.timedelta(hours=48)) == 1
    assert (status_of(slow), status_of(quick)) == (S.OFFER_LAPSED, S.OFFERED)
    with pytest.raises(BookingError, match="no offer to accept"):
        booking.accept_offer(slow, now=now + dt.timedelta(hours=49))


def test_an_offer_cannot_be_accepted_after_its_time_even_before_the_job_runs():
    now = timezone.now()
    session = SessionFactory(capacity=1, starts_at=now + dt.timedelta(days=20))
    held = booking.book(session, PractitionerFactory(), now=now)
    waiting = booking.book(session, PractitionerFactory(), now=now)
    booking.cancel(held, now=now)
    with pytest.raises(BookingError, match="offer has ended"):
        booking.accept_offer(waiting, now=now + dt.timedelta(hours=48))


def test_an_offer_close_to_the_session_ends_when_it_starts():
    now = timezone.now()
    starts = now + dt.timedelta(hours=5)
    session = SessionFactory(capacity=1, starts_at=starts)
    held = booking.book(session, PractitionerFactory(), now=now)
    waiting = booking.book(session, PractitionerFactory(), now=now)
    booking.cancel(held, now=now)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == starts


def test_added_places_are_offered_to_the_people_waiting():
    session = SessionFactory(capacity=1)
    booking.book(session, PractitionerFactory())
    waiting = [booking.book(session, person) for person in people(3)]
    session.capacity = 3
    session.save()
    offered = booking.reopen_places(session)
    assert [each.pk for each in offered] == [waiting[0].pk, waiting[1].pk]
    assert status_of(waiting[2]) == S.WAITING


# Cancelling: late by working days, charged under the non-attendance policy


def booked_on(starts_at: dt.datetime, **course) -> Booking:
    session = SessionFactory(starts_at=starts_at, course=CourseFactory(**course))
    return booking.book(session, PractitionerFactory(), now=starts_at - dt.timedelta(days=60))


@pytest.mark.parametrize(
    "cancelled_on, late",
    [
        (at(2024, 9, 4), False),  # Wednesday: Thursday, Friday and Monday are left
        (at(2024, 9, 5), True),  # Thursday: only Friday and Monday
        (at(2024, 9, 6, 17), True),
    ],
)
def test_cancelling_less_than_three_working_days_before_is_late(cancelled_on, late, settings):
    settings.LSCP_LEARNING = {**settings.LSCP_LEARNING, "cancel_until_working_days": 3}
    made = booked_on(at(2024, 9, 9, 10))  # a Monday
    booking.cancel(made, now=cancelled_on)
    made.refresh_from_db()
    assert made.status == (S.LATE_CANCELLATION if late else S.CANCELLED)
    assert made.charge == (Decimal(settings.LSCP_LEARNING["non_attendance_charge"]) if late else None)


def test_a_bank_holiday_is_not_a_working_day_for_the_notice(settings):
    settings.LSCP_LEARNING = {**settings.LSCP_LEARNING, "cancel_until_working_days": 3}
    # Tuesday 27 August 2024 follows the summer bank holiday: on Thursday 22 only Friday and the
    # Tuesday itself are left, so it is late; Wednesday 21 is the last day without charge.
    made = booked_on(at(2024, 8, 27, 10))
    assert booking.last_day_to_cancel(made.session) == dt.date(2024, 8, 21)
    assert booking.cancellation_is_late(made.session, at(2024, 8, 22))
    assert not booking.cancellation_is_late(made.session, at(2024, 8, 21, 23))


def test_a_saturday_session_gets_three_working_days_notice(settings):
    settings.LSCP_LEARNING = {**settings.LSCP_LEARNING, "cancel_until_working_days": 3}
    made = booked_on(at(2024, 9, 14, 10))  # a Saturday
    assert booking.last_day_to_cancel(made.session) == dt.date(2024, 9, 10)  # Wednesday, Thursday, Friday


def test_the_charge_is_the_policys(settings):
    settings.LSCP_LEARNING = {**settings.LSCP_LEARNING, "non_attendance_charge": "75.00"}
    made = booked_on(at(2024, 9, 9, 10))
    assert booking.cancel(made, now=at(2024, 9, 8)).charge == Decimal("75.00")


def test_leaving_the_waiting_list_or_an_unapproved_place_late_is_not_charged():
    starts = at(2024, 9, 9, 10)
    session = SessionFactory(capacity=1, starts_at=starts, course=CourseFactory(needs_manager_approval=True))
    early = starts - dt.timedelta(days=60)
    awaiting = booking.book(session, PractitionerFactory(), now=early)
    waiting = booking.book(session, PractitionerFactory(), now=early)
    booking.cancel(waiting, now=starts - dt.timedelta(hours=2))
    booking.cancel(awaiting, now=starts - dt.timedelta(hours=1))
    assert (status_of(awaiting), status_of(waiting)) == (S.CANCELLED, S.CANCELLED)
    assert not Booking.objects.filter(charge__isnull=False).exists()


def test_a_recorded_session_is_never_cancelled_late():
    made = booked_on(timezone.now() - dt.timedelta(days=1), format=CourseFormat.E_LEARNING)
    assert booking.last_day_to_cancel(made.session) is None
    assert booking.cancel(made).status == S.CANCELLED


def test_once_the_session_has_started_the_trainer_records_attendance_instead():
    made = booked_on(timezone.now() + dt.timedelta(days=10))
    with pytest.raises(BookingError, match="has started"):
        booking.cancel(made, now=made.session.starts_at + dt.timedelta(minutes=5))


def test_nothing_to_cancel_twice():
    made = booked_on(timezone.now() + dt.timedelta(days=10))
    booking.cancel(made)
    with pytest.raises(BookingError, match="nothing to cancel"):
        booking.cancel(made)


# Line-manager approval


def test_a_place_waiting_for_approval_is_held_until_the_manager_answers():
    session = SessionFactory(capacity=1, course=CourseFactory(needs_manager_approval=True))
    asked = booking.book(session, PractitionerFactory())
    assert asked.status == S.AWAITING_APPROVAL
    assert booking.book(session, PractitionerFactory()).status == S.WAITING
    assert booking.decide_approval(asked, approved=True).status == S.BOOKED


def test_a_refusal_frees_the_place_for_the_next_person_waiting():
    session = SessionFactory(capacity=1, course=CourseFactory(needs_manager_approval=True))
    asked = booking.book(session, PractitionerFactory())
    waiting = booking.book(session, PractitionerFactory())
    assert booking.decide_approval(asked, approved=False).status == S.NOT_APPROVED
    assert status_of(waiting) == S.OFFERED


def test_an_accepted_offer_still_needs_the_managers_approval():
    session = SessionFactory(capacity=1, course=CourseFactory(needs_manager_approval=True))
    asked = booking.book(session, PractitionerFactory())
    waiting = booking.book(session, PractitionerFactory())
    booking.decide_approval(asked, approved=False)
    assert booking.accept_offer(waiting).status == S.AWAITING_APPROVAL


def test_the_manager_answers_once_and_not_after_the_session_starts():
    now = timezone.now()
    session = SessionFactory(
        starts_at=now + dt.timedelta(days=3), course=CourseFactory(needs_manager_approval=True)
    )
    answered = booking.book(session, PractitionerFactory(), now=now)
    booking.decide_approval(answered, approved=True, now=now)
    with pytest.raises(BookingError, match="no longer waiting"):
        booking.decide_approval(answered, approved=False, now=now)
    too_late = booking.book(session, PractitionerFactory(), now=now)
    with pytest.raises(BookingError, match="already started"):
        booking.decide_approval(too_late, approved=True, now=session.starts_at)
    assert status_of(too_late) == S.AWAITING_APPROVAL


# The register


def started_session_with(*statuses: str):
    session = SessionFactory(starts_at=timezone.now() - dt.timedelta(minutes=10))
    return session, [
        Booking.objects.create(session=session, person=PractitionerFactory(), status=s) for s in statuses
    ]


def test_the_register_opens_when_the_session_starts():
    session = SessionFactory(starts_at=timezone.now() + dt.timedelta(hours=1))
    made = booking.book(session, PractitionerFactory())
    with pytest.raises(BookingError, match="opens when the session starts"):
        booking.mark(made, S.ATTENDED, by=UserFactory())
    assert booking.mark(made, S.ATTENDED, by=UserFactory(), now=session.starts_at).status == S.ATTENDED


def test_attended_absent_and_late_cancellation_with_the_charges(settings):
    session, (came, stayed_away, called_off) = started_session_with(S.BOOKED, S.BOOKED, S.BOOKED)
    trainer = UserFactory()
    booking.mark(came, S.ATTENDED, by=trainer)
    booking.mark(stayed_away, S.ABSENT, by=trainer)
    booking.mark(called_off, S.LATE_CANCELLATION, by=trainer)
    charge = Decimal(settings.LSCP_LEARNING["non_attendance_charge"])
    came.refresh_from_db()
    assert (came.attended_on, came.charge, came.attendance_marked_by) == (
        timezone.localdate(session.starts_at),
        None,
        trainer,
    )
    assert [status_of(stayed_away), status_of(called_off)] == [S.ABSENT, S.LATE_CANCELLATION]
    assert list(Booking.objects.filter(charge=charge).order_by("pk")) == [stayed_away, called_off]


def test_a_mark_can_be_corrected_and_the_charge_goes_with_it():
    session, (made,) = started_session_with(S.BOOKED)
    booking.mark(made, S.ABSENT, by=UserFactory())
    booking.mark(made, S.ATTENDED, by=UserFactory())
    made.refresh_from_db()
    assert (made.status, made.charge) == (S.ATTENDED, None)


def test_only_people_with_a_place_are_marked():
    session, (cancelled, waiting) = started_session_with(S.CANCELLED, S.WAITING)
    for each in (cancelled, waiting):
        with pytest.raises(BookingError, match="no place to mark"):
            booking.mark(each, S.ATTENDED, by=UserFactory())


def test_the_register_knows_only_its_three_marks():
    session, (made,) = started_session_with(S.BOOKED)
    with pytest.raises(BookingError, match="attended, absent or a late cancellation"):
        booking.mark(made, S.CANCELLED, by=UserFactory())


# Recorded sessions: watched, then counted once evaluated


def test_a_recorded_session_counts_once_watched():
    made = booked_on(timezone.now() - dt.timedelta(days=3), format=CourseFormat.RECORDED)
    with pytest.raises(BookingError, match="Confirm you have watched"):
        booking.count_on_demand_attendance(made)
    booking.confirm_watched(made)
    counted = booking.count_on_demand_attendance(made)
    assert (counted.status, counted.attended_on) == (S.ATTENDED, timezone.localdate())


def test_a_classroom_session_cannot_be_confirmed_as_watched():
    made = booked_on(timezone.now() + dt.timedelta(days=3))
    with pytest.raises(BookingError, match="Only a booked recorded session"):
        booking.confirm_watched(made)


# The partnership cancels a session


def test_cancelling_a_session_tells_everyone_with_a_place_or_waiting():
    session = SessionFactory(capacity=2)
    placed = [booking.book(session, person) for person in people(3)]
    already_gone = booking.book(session, PractitionerFactory())
    booking.cancel(placed[0])  # the third person is offered the place
    booking.cancel(already_gone)
    assert booking.cancel_session(session) == 2  # the second booker and the third, offered the place
    session.refresh_from_db()
    assert session.is_cancelled
    assert sorted(status_of(each) for each in placed) == [
        S.CANCELLED,
        S.SESSION_CANCELLED,
        S.SESSION_CANCELLED,
    ]
    with pytest.raises(BookingError, match="has been cancelled"):
        booking.book(session, PractitionerFactory())
