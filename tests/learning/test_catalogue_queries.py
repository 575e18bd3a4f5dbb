"""The catalogue, course, session, "your learning", register, bookings, manage and charges pages make
the same number of queries whatever the amount of data: each is loaded with a small and a large
data set and the counts compared, so a query inside a loop (N+1) fails."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.core.models import AgencyKind
from lscp.improvement.models import LearningTheme
from lscp.learning.models import BookingStatus, CourseAudience, CourseFormat, Evaluation
from tests.factories import AgencyFactory, UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

S = BookingStatus
SMALL, LARGE = 2, 20
# Generous ceilings, so a page that drifts upwards is noticed even if its counts stay equal.
CEILING = 25


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request saves the session and loads what is cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts(build, client_for) -> tuple[int, int]:
    small = queries_for(*build(SMALL, client_for))
    large = queries_for(*build(LARGE, client_for))
    return small, large


def catalogue(size, client_for):
    themes = [
        LearningTheme.objects.create(name=f"Theme {size}-{n}", slug=f"theme-{size}-{n}") for n in range(3)
    ]
    for _ in range(size):
        course = CourseFactory()
        course.themes.add(*themes)
        CourseAudience.objects.create(course=course, agency_kind=AgencyKind.SCHOOL)
        SessionFactory(course=course)
        SessionFactory(course=course, starts_at=timezone.now() + dt.timedelta(days=60))
    return client_for(PractitionerFactory()), reverse("learning:catalogue") + "?audience=school"


def course(size, client_for):
    person = PractitionerFactory()
    course = CourseFactory()
    for n in range(size):
        session = SessionFactory(course=course, starts_at=timezone.now() + dt.timedelta(days=n + 1))
        BookingFactory(session=session, person=person)
        BookingFactory(session=session, status=S.WAITING)
        course.themes.add(LearningTheme.objects.create(name=f"Theme {size}-{n}", slug=f"theme-{size}-{n}"))
        if n < len(AgencyKind):
            CourseAudience.objects.create(course=course, agency_kind=list(AgencyKind)[n])
    return client_for(person), course.get_absolute_url()


def session(size, client_for):
    session = SessionFactory(capacity=size)
    for _ in range(size):
        BookingFactory(session=session)
        BookingFactory(session=session, status=S.WAITING)
        session.trainers.add(UserFactory())
    viewer = BookingFactory(session=session, status=S.WAITING).person
    return client_for(viewer), session.get_absolute_url()


def my_learning(size, client_for):
    person = PractitionerFactory()
    now = timezone.now()
    recorded = CourseFactory(format=CourseFormat.RECORDED)
    for n in range(size):
        BookingFactory(person=person)
        full = SessionFactory(capacity=1)
        BookingFactory(session=full)
        BookingFactory(session=full, person=person, status=S.WAITING)
        BookingFactory(person=person, status=S.OFFERED, offer_expires_at=now + dt.timedelta(hours=5))
        BookingFactory(
            person=person,
            session=SessionFactory(course=recorded),
            watched_confirmed_at=now if n % 2 else None,
        )
        past = SessionFactory(starts_at=now - dt.timedelta(days=120 + n))
        attended = BookingFactory(
            session=past, person=person, status=S.ATTENDED, attended_on=timezone.localdate(past.starts_at)
        )
        if n % 2:
            Evaluation.objects.create(
                booking=attended,
                quality=4,
                relevance=4,
                knowledge_before=2,
                knowledge_after=4,
                confidence_before=2,
                confidence_after=4,
                improved=True,
            )
        BookingFactory(person=person, status=S.CANCELLED)
    return client_for(person), reverse("learning:my-learning")


def register(size, client_for):
    session = SessionFactory(starts_at=timezone.now() - dt.timedelta(minutes=5))
    trainer = PractitionerFactory()
    session.trainers.add(trainer)
    for n in range(size):
        BookingFactory(session=session, status=[S.BOOKED, S.ATTENDED, S.ABSENT][n % 3])
    return client_for(trainer), reverse("learning:attendance", args=[session.pk])


def session_bookings(size, client_for):
    session = SessionFactory(capacity=size)
    for _ in range(size):
        BookingFactory(session=session)
        BookingFactory(session=session, status=S.WAITING)
        BookingFactory(session=session, status=S.CANCELLED)
    return client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])), reverse(
        "learning:session-bookings", args=[session.pk]
    )


def manage(size, client_for):
    for n in range(size):
        course = CourseFactory(is_published=bool(n % 2))
        session = SessionFactory(course=course)
        BookingFactory(session=session)
        past = SessionFactory(course=course, starts_at=timezone.now() - dt.timedelta(days=n + 1))
        BookingFactory(session=past)
    return client_for(UserFactory(roles=[Role.BUSINESS_MANAGER])), reverse("learning:manage")


def charges(size, client_for):
    agencies = [AgencyFactory() for _ in range(size)]
    for n in range(size):
        starts = timezone.make_aware(dt.datetime(2021, 5, 1, 10) + dt.timedelta(days=n))
        BookingFactory(
            session=SessionFactory(starts_at=starts),
            agency=agencies[n],
            status=[S.ABSENT, S.LATE_CANCELLATION][n % 2],
            charge=Decimal("50.00"),
        )
    return client_for(UserFactory(roles=[Role.DATA_ANALYST])), reverse("learning:charges") + "?year=2021-22"


@pytest.mark.parametrize(
    "build", [catalogue, course, session, my_learning, register, session_bookings, manage, charges]
)
def test_queries_do_not_grow_with_the_data(build, client_for):
    small, large = counts(build, client_for)
    assert small == large, f"{build.__name__}: {small} queries with {SMALL} rows, {large} with {LARGE}"
    assert large <= CEILING
