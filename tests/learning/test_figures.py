"""What the annual report reads about learning and development: every figure computed from the
records in the test (the same long way as the course report's tests) and compared."""

import datetime as dt
from collections import Counter

import pytest

from lscp.improvement.models import LearningTheme
from lscp.learning import figures as learning
from lscp.learning.models import Booking, BookingStatus, CourseFormat, FollowUp, Resource, ResourceKind
from tests.learning.factories import BookingFactory, CourseFactory, SessionFactory
from tests.learning.test_report import AFTER_THE_YEAR, YEAR, at, expected, people, seed

pytestmark = pytest.mark.django_db


def theme(name: str) -> LearningTheme:
    return LearningTheme.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def resource(title: str, kind: str, published_on: dt.date | None, *themes: LearningTheme) -> Resource:
    found = Resource.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        kind=kind,
        review_on=dt.date(2023, 1, 1),
        published_on=published_on,
    )
    found.themes.set(themes)
    return found


@pytest.fixture
def world():
    """Three courses in the year (one on demand), one only the year before; resources in and out."""
    pool = people(12)
    neglect, sleep, fathers = theme("Neglect"), theme("Safe sleep"), theme("Think family")
    first = CourseFactory(title="Neglect toolkit")
    first.themes.set([neglect, fathers])
    second = CourseFactory(title="Safer sleep")
    second.themes.set([sleep])
    unthemed = CourseFactory(title="Working together")
    recorded = CourseFactory(title="Neglect, recorded", format=CourseFormat.RECORDED)
    recorded.themes.set([neglect])
    before = CourseFactory(title="Only last year")
    before.themes.set([sleep])
    seed(first, 8, pool=pool)
    seed(second, 4, pool=pool, seed_value=2)
    seed(unthemed, 2, pool=pool, seed_value=3)
    seed(before, 2, pool=pool, seed_value=4, first=dt.date(2020, 6, 1))
    on_demand = SessionFactory(course=recorded, starts_at=at(dt.date(2019, 1, 1)), capacity=1000)
    for person in pool[:4]:
        BookingFactory(
            session=on_demand, person=person, status=BookingStatus.ATTENDED, attended_on=dt.date(2021, 9, 1)
        )
    BookingFactory(session=on_demand, person=pool[5], status=BookingStatus.BOOKED)
    resource("Neglect guide", ResourceKind.ONE_MINUTE_GUIDE, dt.date(2021, 5, 1), neglect)
    resource("Sleep briefing", ResourceKind.SEVEN_POINT_BRIEFING, dt.date(2022, 3, 31), sleep, neglect)
    resource("Podcast", ResourceKind.PODCAST, dt.date(2021, 4, 1))
    resource("Old guide", ResourceKind.ONE_MINUTE_GUIDE, dt.date(2021, 3, 31), fathers)
    resource("Draft", ResourceKind.TOOLKIT, None, fathers)
    return {"courses": [first, second, unthemed, recorded], "before": before}


def test_every_figure_matches_the_records(world):
    result = learning.learning_figures(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    want = expected(None, YEAR, AFTER_THE_YEAR)
    assert (result.start, result.end) == (YEAR.start, YEAR.end)
    assert result.practitioners_reached == want["practitioners"] and result.attendances == want["attendances"]
    assert {r.label: (r.attendances, r.practitioners) for r in result.by_agency_kind} == want["agency"]
    assert {r.label: (r.attendances, r.practitioners) for r in result.by_service_area} == want["area"]
    assert result.sessions_run == want["sessions_run"] == 14  # the on-demand course has none
    assert (result.places_offered, result.places_taken) == (want["places_offered"], want["places_taken"])
    assert result.fill_rate.count == want["places_taken"] and result.fill_rate.of == want["places_offered"]
    assert (result.non_attendance.count, result.non_attendance.of) == (
        want["did_not_attend"],
        want["registered"],
    )
    assert (result.evaluation_rate.count, result.evaluation_rate.of) == (
        want["evaluations"],
        want["attendances"],
    )
    assert (result.improved.count, result.improved.of) == (want["improved"], want["evaluations"])
    assert result.quality.value == pytest.approx(want["quality"])
    assert result.knowledge.after.value == pytest.approx(want["knowledge"][1])
    assert result.confidence.rose.count == want["confidence"][2]
    assert (result.follow_up_rate.count, result.follow_up_rate.of) == (
        want["follow_ups"],
        want["follow_ups_due"],
    )
    assert result.impact.value == pytest.approx(want["impact"])
    assert result.used_learning == want["used"]
    assert result.used.count == want["used"]["Yes"] + want["used"]["Partly"]
    assert result.manager_answers == want["manager_answers"]
    # Rich enough data for the comparison to mean something.
    assert (
        result.attendances > result.practitioners_reached > 0 and 0 < result.evaluations < result.attendances
    )


def test_courses_and_resources_by_theme(world):
    result = learning.learning_figures(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    attended = Booking.objects.filter(
        status=BookingStatus.ATTENDED, attended_on__gte=YEAR.start, attended_on__lte=YEAR.end
    )
    delivered = {b.session.course for b in attended.select_related("session__course")}
    published = [
        r for r in Resource.objects.all() if r.published_on and YEAR.start <= r.published_on <= YEAR.end
    ]
    courses = Counter(t.name for c in delivered for t in c.themes.all())
    resources = Counter(t.name for r in published for t in r.themes.all())
    want = {name: (courses[name], resources[name]) for name in set(courses) | set(resources)}
    unthemed = (
        sum(1 for c in delivered if not c.themes.exists()),
        sum(1 for r in published if not r.themes.exists()),
    )
    want[learning.NO_THEME] = unthemed
    assert {t.theme: (t.courses, t.resources) for t in result.by_theme} == want
    assert want == {
        "Neglect": (2, 2),
        "Think family": (1, 0),
        "Safe sleep": (1, 1),
        learning.NO_THEME: (1, 1),
    }
    assert result.courses_delivered == len(delivered) == 4


def test_resources_published_in_the_period_by_kind(world):
    result = learning.learning_figures(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    published = Counter(
        r.kind for r in Resource.objects.all() if r.published_on and YEAR.start <= r.published_on <= YEAR.end
    )
    assert result.resources_published == sum(published.values()) == 3
    assert result.resources_by_kind == {label: published[kind] for kind, label in ResourceKind.choices}
    assert list(result.resources_by_kind) == ResourceKind.labels  # every kind, in order, 0 included


def test_only_published_examples_reach_the_annual_report(world):
    result = learning.learning_figures(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    in_year = FollowUp.objects.filter(
        booking__status=BookingStatus.ATTENDED,
        booking__attended_on__gte=YEAR.start,
        booking__attended_on__lte=YEAR.end,
    )
    want = {
        (f.example, f.from_line_manager)
        for f in in_year
        if f.publishable and (f.example or f.from_line_manager)
    }
    assert {(e.example, e.from_line_manager) for e in result.examples} == want
    assert want and in_year.filter(publishable=False).exclude(example="").exists()
    assert all(
        e.course and e.agency_kind and YEAR.start <= e.attended_on <= YEAR.end for e in result.examples
    )


def test_an_empty_period_gives_zeros_and_no_rates():
    result = learning.learning_figures(dt.date(2030, 4, 1), dt.date(2031, 3, 31))
    assert result.attendances == result.practitioners_reached == result.sessions_run == 0
    assert result.fill_rate.value is None and result.evaluation_rate.value is None
    assert result.follow_up_rate.value is None and result.impact.value is None
    assert result.by_theme == [] and result.examples == [] and result.resources_published == 0


def test_each_count_comes_with_the_query_that_lists_its_records(world):
    """The annual report's JSON gives the query behind each learning figure; run, it lists as many
    records as the figure counts."""
    from django.db import connection

    result = learning.learning_figures(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    counts = {
        "attendances": result.attendances,
        "practitioners_reached": result.practitioners_reached,
        "courses_delivered": result.courses_delivered,
        "sessions_run": result.sessions_run,
        "evaluations": result.evaluations,
        "follow_ups": result.follow_ups,
        "resources_published": result.resources_published,
    }
    assert set(result.queries) == set(counts)
    with connection.cursor() as cursor:
        for name, query in result.queries.items():
            cursor.execute(query.sql, query.params)
            assert len(cursor.fetchall()) == counts[name], name
            assert str(query).startswith("SELECT")


def test_the_figures_are_kept_until_a_record_they_count_changes(world, django_assert_max_num_queries):
    first = learning.learning_figures(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    with django_assert_max_num_queries(3):  # the cache token and the key's latest session
        again = learning.learning_figures(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    assert again == first
    resource("Another guide", ResourceKind.ONE_MINUTE_GUIDE, dt.date(2021, 9, 1))
    changed = learning.learning_figures(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    assert changed.resources_published == first.resources_published + 1
