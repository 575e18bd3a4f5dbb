"""The booking service's core promises, end to end on the models (the pages have their own tests)."""

import pytest

from lscp.learning import booking
from lscp.learning.models import BookingStatus
from tests.learning.factories import PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_the_last_place_then_the_waiting_list_then_an_offer_when_a_place_frees():
    session = SessionFactory(capacity=1)
    first, second = PractitionerFactory(), PractitionerFactory()
    held = booking.book(session, first)
    waiting = booking.book(session, second)
    assert (held.status, waiting.status) == (BookingStatus.BOOKED, BookingStatus.WAITING)
    booking.cancel(held)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.OFFERED and waiting.offer_expires_at is not None
    assert booking.accept_offer(waiting).status == BookingStatus.BOOKED


def test_a_booker_cannot_hold_two_places():
    session, person = SessionFactory(), PractitionerFactory()
    booking.book(session, person)
    with pytest.raises(booking.BookingError, match="already have this session"):
        booking.book(session, person)
    assert session.bookings.count() == 1
