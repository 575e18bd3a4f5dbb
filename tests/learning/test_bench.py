"""The national-scale learning seed, run small; the three pages it is measured on; and booking
throughput with twenty bookers at once (PostgreSQL only: on SQLite it reports why it was skipped)."""

import random
from dataclasses import dataclass

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from lscp.accounts.models import User
from lscp.learning import bench, bench_booking
from lscp.learning.bench_pages import bench_pages
from lscp.learning.models import (
    HOLDS_A_PLACE,
    Booking,
    BookingStatus,
    Course,
    Evaluation,
    FollowUp,
    LearnerProfile,
    Resource,
    Session,
)
from tests.factories import AgencyFactory

S = BookingStatus


@dataclass(frozen=True)
class TinyScale:
    practitioners: int = 300
    learning_sessions: int = 120
    bookings: int = 2000
    evaluations: int = 900


@dataclass(frozen=True)
class ScaleWithoutLearning:
    users: int = 10


@pytest.mark.django_db
def test_the_seed_makes_what_the_scale_asks_and_never_overbooks(client_for):
    AgencyFactory.create_batch(5)
    bench.seed(TinyScale(), random.Random(1))
    practitioners = User.objects.filter(email__startswith=bench.EMAIL_PREFIX)
    assert practitioners.count() == 300
    assert LearnerProfile.objects.filter(user__in=practitioners).count() == 300
    assert all(u.has_role("Practitioner") for u in practitioners[:5])
    assert Session.objects.count() == 120
    assert Booking.objects.count() == 2000
    assert Evaluation.objects.count() == 900
    assert FollowUp.objects.count() == 900 // 4
    assert Course.objects.count() == bench.sizes(TinyScale())["courses"]
    assert Resource.objects.exists()
    # Evaluations only for those who attended; follow-ups only after an evaluation.
    assert not Evaluation.objects.exclude(booking__status=S.ATTENDED).exists()
    assert not FollowUp.objects.filter(booking__evaluation__isnull=True).exists()
    assert not Booking.objects.filter(status=S.ATTENDED, attended_on__isnull=True).exists()
    assert not Booking.objects.filter(booked_at__gt=timezone.now()).exists()
    # Past sessions: attended, absent and late cancellations within the capacity. Future ones: the
    # places booked, and a waiting list only once they are all gone.
    now = timezone.now()
    ended = (S.ATTENDED, S.ABSENT, S.LATE_CANCELLATION)
    sessions = Session.objects.exclude(course__format="recorded").annotate(
        held=Count("bookings", filter=Q(bookings__status__in=(*ended, *HOLDS_A_PLACE))),
        waiting=Count("bookings", filter=Q(bookings__status=S.WAITING)),
    )
    assert sessions.filter(starts_at__gt=now).exists() and sessions.filter(starts_at__lt=now).exists()
    for session in sessions:
        assert session.held <= session.capacity, session
        assert not session.waiting or session.held == session.capacity, session
    # The manager tokens are unique (they are in emailed links).
    assert Booking.objects.values("manager_token").distinct().count() == 2000
    assert (
        Booking.objects.filter(charge__isnull=False).count()
        == Booking.objects.filter(status__in=(S.ABSENT, S.LATE_CANCELLATION)).count()
    )

    pages = bench_pages(client_for)
    assert [name for name, _, _ in pages] == [
        "learning catalogue",
        "session register",
        "evaluation report, one year",
    ]
    assert pages[0][2] == "/learning/"
    assert "/attendance/" in pages[1][2] and "?year=20" in pages[2][2]
    for name, client, url in pages:
        assert client.get(url).status_code == 200, name


@pytest.mark.django_db
def test_a_scale_without_learning_figures_seeds_nothing():
    bench.seed(ScaleWithoutLearning(), random.Random(1))
    assert not Booking.objects.exists() and not User.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_twenty_bookers_at_once_never_overbook():
    if connection.vendor != "postgresql":
        result = bench_booking.measure(threads=4, sessions=3, places=2)
        assert result["skipped"].startswith("skipped: SQLite lets one writer at a time")
        return
    result = bench_booking.measure(threads=20, sessions=6, places=3)
    assert result["errors"] == []
    assert result["answered"] == result["attempts"] == 120
    assert result["overbooked_sessions"] == 0
    assert result["sessions_with_a_free_place"] == 0
    assert result["places_taken"] == 6 * 3 and result["waiting"] == 6 * 17
    assert result["bookings_per_second"] > 0
