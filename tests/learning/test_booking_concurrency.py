"""Two people taking the last place at the same moment, each on their own database connection:
the session's row lock serves them one after the other, so exactly one gets the place and the
other joins the waiting list. PostgreSQL only: SQLite has one writer at a time anyway."""

import threading

import pytest
from django.db import connection, connections

from lscp.learning import booking
from lscp.learning.models import BookingStatus
from tests.learning.factories import PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 5  # the race is real each time; more rounds, more chances for a wrong interleaving


def book_at_once(session, people: list) -> tuple[list[str], list[BaseException]]:
    """Everyone books the session at the same instant, each in a thread with its own connection."""
    start = threading.Barrier(len(people))
    statuses: list[str] = []
    errors: list[BaseException] = []

    def take(person) -> None:
        try:
            start.wait()
            statuses.append(booking.book(session, person).status)
        except BaseException as error:  # noqa: BLE001 (reported by the test below)
            errors.append(error)
        finally:
            connections.close_all()  # this thread's connection, so the test database can be dropped

    threads = [threading.Thread(target=take, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses, errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two real connections: PostgreSQL")
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_people_taking_the_last_place_at_once(round_):
    session = SessionFactory(capacity=3)
    for _ in range(2):
        booking.book(session, PractitionerFactory())
    statuses, errors = book_at_once(session, [PractitionerFactory(), PractitionerFactory()])
    assert errors == []
    assert sorted(statuses) == [BookingStatus.BOOKED, BookingStatus.WAITING]
    assert session.bookings.filter(status=BookingStatus.BOOKED).count() == 3
    assert booking.places_left(session) == 0
