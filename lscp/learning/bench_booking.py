"""Booking throughput for `make bench`: twenty people booking at once, each on their own database
connection, onto sessions with few places, through lscp.learning.booking.book.

Every booker tries every session, in their own random order, so each session is fought over by
all of them at once. The figure is bookings (places and waiting-list places) per second; the check
is that no session ends with more places taken than it has (zero overbooking), that every place
was taken (nobody was put on the waiting list while a place was free), and that every attempt got
an answer.

It runs only against PostgreSQL (BENCH_DATABASE_URL). On SQLite it reports why it was skipped:
SQLite lets one writer at a time into the whole file and has no row locks, so twenty bookers
would measure the file lock, not lscp; production runs on PostgreSQL.
"""

import datetime as dt
import random
import threading
import time
import uuid

from django.db import connection, connections
from django.db.models import Count, Q
from django.utils import timezone

from lscp.accounts.models import User
from lscp.learning import booking
from lscp.learning.models import HOLDS_A_PLACE, Booking, BookingStatus, Course, CourseFormat, Session

THREADS = 20
SESSIONS = 50
PLACES = 3
SKIPPED_ON_SQLITE = (
    "skipped: SQLite lets one writer at a time into the whole file and has no row locks, so "
    "concurrent bookers would measure its file lock, not lscp. Set BENCH_DATABASE_URL to a scratch "
    "PostgreSQL database to measure it."
)


class Overbooked(AssertionError):
    pass


def measure(threads: int = THREADS, sessions: int = SESSIONS, places: int = PLACES, seed: int = 2022) -> dict:
    """Bookings per second with `threads` bookers at once; raises Overbooked if any session has
    more places taken than it has. On SQLite: {"skipped": why}."""
    if connection.vendor != "postgresql":
        return {"skipped": SKIPPED_ON_SQLITE, "database": connection.vendor}
    run = uuid.uuid4().hex[:8]
    session_ids, people = _set_up(run, threads, sessions, places)
    errors: list[BaseException] = []
    answered = [0] * threads
    start_line = threading.Barrier(threads)

    def booker(n: int) -> None:
        order = random.Random(f"{seed}:{n}").sample(session_ids, len(session_ids))
        person = User.objects.get(pk=people[n])
        try:
            start_line.wait()
            for session_id in order:
                booking.book(Session(pk=session_id), person)
                answered[n] += 1
        except BaseException as error:  # reported below, with the figures
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    workers = [threading.Thread(target=booker, args=(n,)) for n in range(threads)]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - began
    attempts = sum(answered)
    figures = _check(session_ids, places, threads)
    result = {
        "database": connection.vendor,
        "threads": threads,
        "sessions": sessions,
        "places_per_session": places,
        "attempts": threads * sessions,
        "answered": attempts,
        "seconds": round(seconds, 3),
        "bookings_per_second": round(attempts / seconds, 1) if seconds else 0.0,
        "errors": [repr(e) for e in errors[:5]],
        **figures,
    }
    if figures["overbooked_sessions"]:
        raise Overbooked(f"{figures['overbooked_sessions']} sessions overbooked: {result}")
    return result


def _set_up(run: str, threads: int, sessions: int, places: int) -> tuple[list[int], list[int]]:
    """A published course, `sessions` sessions a month ahead with `places` places each, and one
    booker per thread (committed: each thread reads them on its own connection)."""
    course = Course.objects.create(
        title=f"Bench booking course {run}",
        slug=f"bench-booking-{run}",
        format=CourseFormat.VIRTUAL,
        summary="Bench: booking throughput.",
        outcomes="Book a place",
        duration_minutes=60,
        is_published=True,
    )
    starts = timezone.now() + dt.timedelta(days=30)
    made = Session.objects.bulk_create(
        Session(
            course=course,
            starts_at=starts + dt.timedelta(hours=n),
            ends_at=starts + dt.timedelta(hours=n + 1),
            capacity=places,
        )
        for n in range(sessions)
    )
    bookers = User.objects.bulk_create(
        User(email=f"bench.booker.{run}.{n:02d}@bench.lscp.invalid", full_name=f"Bench Booker {n:02d}")
        for n in range(threads)
    )
    return [s.pk for s in made], [u.pk for u in bookers]


def _check(session_ids: list[int], places: int, threads: int) -> dict:
    counts = (
        Booking.objects.filter(session_id__in=session_ids)
        .values("session_id")
        .annotate(
            held=Count("pk", filter=Q(status__in=HOLDS_A_PLACE)),
            waiting=Count("pk", filter=Q(status=BookingStatus.WAITING)),
        )
        .order_by()
    )
    by_session = {row["session_id"]: row for row in counts}
    expected_held = min(places, threads)
    over = sum(1 for row in by_session.values() if row["held"] > places)
    under = sum(1 for pk in session_ids if by_session.get(pk, {"held": 0})["held"] < expected_held)
    return {
        "overbooked_sessions": over,
        "sessions_with_a_free_place": under,
        "places_taken": sum(row["held"] for row in by_session.values()),
        "waiting": sum(row["waiting"] for row in by_session.values()),
    }
