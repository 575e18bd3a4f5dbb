"""When the evaluation and the follow-up are open: each rule as a test of one booking agrees with
the same rule as a database filter (the emails and the report use the filter), day by day."""

import datetime as dt

import pytest
from django.utils import timezone

from lscp.learning import windows
from lscp.learning.models import Booking, BookingStatus, CourseFormat
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2021, 6, 15), 3, dt.date(2021, 9, 15)),
        (dt.date(2021, 5, 31), 3, dt.date(2021, 8, 31)),
        (dt.date(2021, 11, 30), 3, dt.date(2022, 2, 28)),
        (dt.date(2023, 11, 30), 3, dt.date(2024, 2, 29)),
        (dt.date(2021, 10, 15), 6, dt.date(2022, 4, 15)),
        (dt.date(2021, 8, 31), -6, dt.date(2021, 2, 28)),
        (dt.date(2022, 1, 10), -3, dt.date(2021, 10, 10)),
    ],
)
def test_months_are_calendar_months_ending_on_the_last_day_there_is(day, months, expected):
    assert windows.add_months(day, months) == expected


def test_the_follow_up_is_open_from_3_to_6_months_after_attending_both_days_included():
    attended_on = dt.date(2021, 6, 10)
    assert windows.follow_up_opens_on(attended_on) == dt.date(2021, 9, 10)
    assert windows.follow_up_closes_on(attended_on) == dt.date(2021, 12, 10)
    booking = Booking(status=BookingStatus.ATTENDED, attended_on=attended_on)
    assert not windows.follow_up_is_open(booking, dt.date(2021, 9, 9))
    assert windows.follow_up_is_open(booking, dt.date(2021, 9, 10))
    assert windows.follow_up_is_open(booking, dt.date(2021, 12, 10))
    assert not windows.follow_up_is_open(booking, dt.date(2021, 12, 11))
    assert not windows.follow_up_is_open(
        Booking(status=BookingStatus.ABSENT, attended_on=None), dt.date(2021, 10, 1)
    )


def test_the_filter_bounds_agree_with_the_window_on_every_day_of_two_years():
    """Month ends are where 'n months before' is not the inverse of 'n months after'."""
    first = dt.date(2022, 10, 1)
    attended_days = [dt.date(2021, 12, 1) + dt.timedelta(days=n) for n in range(400)]
    for offset in range(730):
        today = first + dt.timedelta(days=offset)
        latest = windows.latest_attended_on_opened_by(today)
        earliest = windows.earliest_attended_on_still_open(today)
        for day in attended_days:
            assert (windows.follow_up_opens_on(day) <= today) == (day <= latest), (today, day)
            assert (windows.follow_up_closes_on(day) >= today) == (day >= earliest), (today, day)


@pytest.mark.django_db
def test_the_follow_up_filter_finds_exactly_the_bookings_whose_follow_up_is_open():
    course = CourseFactory()
    person = PractitionerFactory()
    start = dt.date(2021, 1, 1)
    sessions = [
        SessionFactory(
            course=course,
            starts_at=timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=n), dt.time(10))),
            ends_at=timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=n), dt.time(13))),
        )
        for n in range(0, 330, 3)
    ]
    bookings = [
        BookingFactory(
            session=s,
            person=person,
            status=BookingStatus.ATTENDED,
            attended_on=timezone.localdate(s.starts_at),
        )
        for s in sessions
    ]
    for today in (dt.date(2021, 5, 31), dt.date(2021, 8, 31), dt.date(2021, 9, 30), dt.date(2022, 2, 28)):
        found = set(Booking.objects.filter(windows.follow_up_open_filter(today)).values_list("pk", flat=True))
        assert found == {b.pk for b in bookings if windows.follow_up_is_open(b, today)}
        assert found  # each day has some open, so the comparison says something
        due = set(Booking.objects.filter(windows.follow_up_due_filter(today)).values_list("pk", flat=True))
        assert due == {b.pk for b in bookings if windows.follow_up_opens_on(b.attended_on) <= today}


@pytest.mark.django_db
def test_the_evaluation_filter_finds_exactly_the_bookings_whose_evaluation_is_open():
    now = timezone.now()
    hour = dt.timedelta(hours=1)
    live_ended = SessionFactory(starts_at=now - 4 * hour, ends_at=now - hour)
    live_running = SessionFactory(starts_at=now - hour, ends_at=now + hour)
    recorded = SessionFactory(
        course=CourseFactory(format=CourseFormat.E_LEARNING),
        starts_at=now - dt.timedelta(days=30),
        ends_at=now + dt.timedelta(days=300),
    )
    cases = [
        (BookingFactory(session=live_ended, status=BookingStatus.ATTENDED), True),
        (BookingFactory(session=live_ended, status=BookingStatus.BOOKED), False),
        (BookingFactory(session=live_ended, status=BookingStatus.ABSENT), False),
        (BookingFactory(session=live_running, status=BookingStatus.ATTENDED), False),
        (
            BookingFactory(session=recorded, status=BookingStatus.BOOKED, watched_confirmed_at=now - hour),
            True,
        ),
        (BookingFactory(session=recorded, status=BookingStatus.BOOKED), False),
        (
            BookingFactory(session=recorded, status=BookingStatus.ATTENDED, watched_confirmed_at=now - hour),
            True,
        ),
        (
            BookingFactory(session=recorded, status=BookingStatus.CANCELLED, watched_confirmed_at=now - hour),
            False,
        ),
    ]
    found = set(Booking.objects.filter(windows.evaluation_open_filter(now)).values_list("pk", flat=True))
    assert found == {b.pk for b, is_open in cases if is_open}
    for booking, is_open in cases:
        booking = Booking.objects.select_related("session__course").get(pk=booking.pk)
        assert windows.evaluation_is_open(booking, now) is is_open
        assert (windows.why_evaluation_is_closed(booking, now) == "") is is_open
