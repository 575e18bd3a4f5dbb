"""The learning demo: a year like the reference report's, today's offer, the demo practitioner's
own learning, resources, and the needs page's story; a second run adds nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.models import User
from lscp.learning.demo import CORE_SLUG, RECORDING_SLUG, YEAR_END, YEAR_START, headlines
from lscp.learning.models import (
    CHARGED,
    HOLDS_A_PLACE,
    Booking,
    BookingStatus,
    Course,
    CourseFormat,
    Evaluation,
    FollowUp,
    LearnerProfile,
    Resource,
    Session,
)

pytestmark = pytest.mark.django_db
S = BookingStatus
PASSWORD = "DemoPartnership2022!"
PRACTITIONER = "practitioner@demo.lscp.invalid"


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def learning_counts() -> dict[str, int]:
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_app_config("learning").get_models()}
    counts["accounts.User"] = User.objects.count()
    counts["improvement.LearningTheme"] = apps.get_model("improvement", "LearningTheme").objects.count()
    return counts


def test_the_year_looks_like_the_reference_report_and_a_second_run_adds_nothing():
    output = run_demo()
    first = learning_counts()
    figures = headlines()
    assert f"{figures.reached} practitioners reached" in output
    assert figures.reached > 830
    assert figures.sessions >= 30
    assert 86 <= figures.improved_percent <= 95  # about nine in ten
    assert figures.evaluations > 600 and figures.follow_ups > 150 and figures.publishable >= 5
    assert figures.charged > 20
    # The courses and masterclasses of the year, the core course by its slug.
    assert Course.objects.filter(slug=CORE_SLUG, is_published=True).exists()
    year = Session.objects.filter(starts_at__date__range=(YEAR_START, YEAR_END))
    assert year.filter(course__format=CourseFormat.MASTERCLASS).count() == 2
    masterclass = year.get(course__slug="safeguarding-babies-and-infants-masterclass")
    assert masterclass.bookings.filter(status=S.ATTENDED).count() > 150
    # Charges for the no-shows and late cancellations, and only for them.
    charged = Booking.objects.filter(status__in=CHARGED)
    assert charged.filter(status=S.ABSENT).exists() and charged.filter(status=S.LATE_CANCELLATION).exists()
    assert not charged.filter(charge__isnull=True).exists()
    assert not Booking.objects.exclude(status__in=CHARGED).filter(charge__isnull=False).exists()
    # Follow-ups with examples, some chosen for publication; all after the session.
    assert FollowUp.objects.filter(publishable=True).exclude(example="").count() >= 5
    assert not FollowUp.objects.filter(publishable=True, example="").exists()
    assert not Evaluation.objects.exclude(booking__status=S.ATTENDED).exists()
    assert not FollowUp.objects.filter(evaluation_missing()).exists()

    second = run_demo()
    assert learning_counts() == first
    assert f"{figures.reached} practitioners reached" in second

    # Months later, once every upcoming session has passed, a run adds a fresh set from today.
    upcoming = Session.objects.filter(starts_at__gt=timezone.now())
    upcoming.update(starts_at=timezone.now() - dt.timedelta(days=1))
    assert "7 new upcoming sessions" in run_demo()
    assert Session.objects.filter(starts_at__gt=timezone.now()).count() == 7
    assert run_demo().count("new upcoming sessions") == 0


def evaluation_missing() -> Q:
    return Q(booking__evaluation__isnull=True)


def test_no_session_is_overbooked_and_every_attendance_is_dated():
    run_demo()
    held_to_the_end = (S.ATTENDED, S.ABSENT, S.LATE_CANCELLATION, *HOLDS_A_PLACE)
    sessions = Session.objects.annotate(
        held=Count("bookings", filter=Q(bookings__status__in=held_to_the_end))
    )
    assert not [s for s in sessions if s.held > s.capacity]
    assert not Booking.objects.filter(status=S.ATTENDED, attended_on__isnull=True).exists()
    assert not Booking.objects.filter(attended_on__isnull=False).exclude(status=S.ATTENDED).exists()
    # Nobody booked after the session they attended.
    assert not Booking.objects.filter(
        status=S.ATTENDED, session__course__format=CourseFormat.VIRTUAL, booked_at__gt=timezone.now()
    ).exists()


def test_today_there_is_something_to_book_and_the_practitioner_has_learning_of_their_own(client):
    run_demo()
    now = timezone.now()
    upcoming = Session.objects.filter(starts_at__gt=now, is_cancelled=False)
    assert upcoming.count() >= 5
    full = [s for s in upcoming if s.bookings.filter(status__in=HOLDS_A_PLACE).count() >= s.capacity]
    assert full and Booking.objects.filter(session__in=full, status=S.WAITING).count() >= 3
    assert upcoming.filter(course__needs_manager_approval=True, bookings__status=S.AWAITING_APPROVAL).exists()
    recording = Session.objects.get(course__slug=RECORDING_SLUG)
    assert recording.course.format == CourseFormat.RECORDED and recording.course.recording_url
    assert recording.bookings.filter(status=S.ATTENDED, watched_confirmed_at__isnull=False).count() >= 30

    practitioner = User.objects.get(email=PRACTITIONER)
    assert practitioner.check_password(PASSWORD) and LearnerProfile.objects.filter(user=practitioner).exists()
    mine = Booking.objects.filter(person=practitioner)
    assert mine.filter(status=S.BOOKED, session__starts_at__gt=now).exists()
    assert mine.filter(status=S.WAITING, session__in=full).exists()
    assert mine.filter(status=S.BOOKED, session=recording).exists()
    assert mine.filter(
        status=S.ATTENDED, attended_on__range=(YEAR_START, YEAR_END), follow_up__isnull=False
    ).exists()
    today = timezone.localdate()
    # An evaluation to fill in (a session last week or so) and a follow-up (about four months on).
    assert mine.filter(
        status=S.ATTENDED, evaluation__isnull=True, attended_on__gte=today - dt.timedelta(days=20)
    ).exists()
    assert mine.filter(
        status=S.ATTENDED,
        evaluation__isnull=False,
        follow_up__isnull=True,
        attended_on__range=(today - dt.timedelta(days=180), today - dt.timedelta(days=92)),
    ).exists()
    client.force_login(practitioner)
    assert client.get(reverse("learning:resources")).status_code == 200


def test_resources_needs_and_themes_tell_the_golden_thread(client):
    run_demo()
    today = timezone.localdate()
    assert Resource.objects.filter(kind="one_minute_guide").count() >= 8
    assert Resource.objects.filter(kind="seven_point_briefing").count() >= 3
    assert Resource.objects.filter(review_on__lt=today).count() >= 3
    assert Resource.objects.filter(published_on__isnull=True).exists()
    with_file = Resource.objects.filter(versions__file__gt="").distinct().get()
    response = client.get(reverse("learning:resource-file", args=[with_file.slug]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert not Resource.objects.annotate(n=Count("versions")).filter(n=0).exists()
    # The learning needs page: working with men is stepped across and nothing covers it yet.
    from lscp.learning.needs_views import learning_needs_by_theme

    needs = {need.theme.name: need for need in learning_needs_by_theme()}
    assert {"Working with men", "Safe sleep", "Professional curiosity and challenge"} <= set(needs)
    assert not needs["Working with men"].covered
    assert needs["Safe sleep"].covered and needs["Safe sleep"].follow_ups > 10
    assert needs["Coercive control"].covered and not needs["Coercive control"].follow_ups
