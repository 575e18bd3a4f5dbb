"""The course evaluation report: every figure computed from the records in the test and compared;
nothing divided by zero; impact examples shown to others only once the business unit publishes
them; the same number of queries whatever the amount of data."""

import csv
import datetime as dt
import io
import random
import re
from statistics import fmean

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.core.models import AgencyKind, ServiceArea
from lscp.learning import report, windows
from lscp.learning.models import (
    Booking,
    BookingStatus,
    Course,
    CourseFormat,
    Evaluation,
    FollowUp,
    LearnerProfile,
    Session,
    UsedLearning,
)
from lscp.learning.report import Year
from tests.factories import AgencyFactory, UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

S = BookingStatus
YEAR = Year(2021)  # 1 April 2021 to 31 March 2022
AFTER_THE_YEAR = timezone.make_aware(dt.datetime(2022, 6, 1, 12))
# Each session: three attend, one is absent, one cancels late, one cancels in time.
REGISTER = [S.ATTENDED, S.ATTENDED, S.ATTENDED, S.ABSENT, S.LATE_CANCELLATION, S.CANCELLED]


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def people(count: int = 10) -> list:
    """Practitioners from agencies of three kinds and several service areas; one registered before
    profiles were kept (no service area)."""
    agencies = [
        AgencyFactory(kind=kind)
        for kind in (AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.HEALTH)
    ]
    areas = [ServiceArea.CHILDREN_SERVICES, ServiceArea.POLICE, ServiceArea.HEALTH, ServiceArea.EDUCATION]
    found = [
        PractitionerFactory(agency=agencies[n % 3], profile__service_area=areas[n % 4]) for n in range(count)
    ]
    LearnerProfile.objects.filter(user=found[-1]).delete()
    return found


def seed(
    course: Course, sessions: int, *, pool: list, seed_value: int = 1, first: dt.date | None = None
) -> None:
    """`sessions` sessions of the course in the year, their registers, and evaluations and
    follow-ups from most of the people who attended (random but repeatable answers)."""
    rng = random.Random(seed_value)
    first = first or dt.date(2021, 4, 12)
    for n in range(sessions):
        day = first + dt.timedelta(days=17 * n)
        session = SessionFactory(course=course, starts_at=at(day), ends_at=at(day, 13), capacity=8)
        for person, status in zip(rng.sample(pool, len(REGISTER)), REGISTER, strict=True):
            booking = BookingFactory(
                session=session,
                person=person,
                status=status,
                attended_on=day if status == S.ATTENDED else None,
            )
            if status == S.ATTENDED and rng.random() < 0.8:
                answer(booking, rng)
            if status == S.ATTENDED and windows.follow_up_opens_on(day) <= dt.date(2022, 6, 1):
                if rng.random() < 0.7:
                    follow_up(booking, rng)


def answer(booking: Booking, rng: random.Random) -> Evaluation:
    ratings = {
        name: rng.randint(1, 5)
        for name in (
            "quality",
            "relevance",
            "knowledge_before",
            "knowledge_after",
            "confidence_before",
            "confidence_after",
        )
    }
    return Evaluation.objects.create(booking=booking, improved=rng.random() < 0.75, **ratings)


def follow_up(booking: Booking, rng: random.Random, **fields) -> FollowUp:
    values = {
        "used_learning": rng.choice(list(UsedLearning)),
        "impact": rng.randint(1, 5),
        "example": rng.choice(["", f"Example {booking.pk}: the family had a plan sooner."]),
        "from_line_manager": rng.choice(["", f"Manager on {booking.pk}: recording is clearer."]),
        "publishable": rng.random() < 0.5,
    }
    return FollowUp.objects.create(booking=booking, **(values | fields))


def expected(course: Course | None, year: Year, now: dt.datetime) -> dict:
    """The report's figures worked out the long way, from every record, in Python."""
    bookings = Booking.objects.select_related("session__course", "agency", "person")
    if course is not None:
        bookings = bookings.filter(session__course=course)
    evaluations = {e.booking_id: e for e in Evaluation.objects.all()}
    follow_ups = {f.booking_id: f for f in FollowUp.objects.all()}
    areas = dict(LearnerProfile.objects.values_list("user_id", "service_area"))
    attended = [b for b in bookings if b.status == S.ATTENDED and year.start <= b.attended_on <= year.end]
    evaluated = [evaluations[b.pk] for b in attended if b.pk in evaluations]
    due = [b for b in attended if windows.follow_up_opens_on(b.attended_on) <= timezone.localdate(now)]
    answered = [follow_ups[b.pk] for b in attended if b.pk in follow_ups]
    run = {
        s.pk: s
        for s in Session.objects.filter(**({"course": course} if course else {}))
        if year.start <= timezone.localdate(s.starts_at) <= year.end
        and s.starts_at <= now
        and not s.is_cancelled
        and not s.course.is_on_demand
    }
    at_sessions = [b for b in Booking.objects.all() if b.session_id in run]

    def reach(key) -> dict:
        found: dict[str, tuple[int, set]] = {}
        for b in attended:
            label = key(b)
            n, persons = found.get(label, (0, set()))
            found[label] = (n + 1, persons | {b.person_id})
        return {label: (n, len(persons)) for label, (n, persons) in found.items()}

    def mean(values):
        values = list(values)
        return fmean(values) if values else None

    return {
        "attendances": len(attended),
        "practitioners": len({b.person_id for b in attended}),
        "agency": reach(lambda b: b.agency.get_kind_display() if b.agency else "Not recorded"),
        "area": reach(
            lambda b: ServiceArea(areas[b.person_id]).label if b.person_id in areas else "Not recorded"
        ),
        "sessions_run": len(run),
        "places_offered": sum(s.capacity for s in run.values()),
        "places_taken": sum(1 for b in at_sessions if b.status in (S.ATTENDED, S.ABSENT, S.BOOKED)),
        "registered": sum(1 for b in at_sessions if b.status in (S.ATTENDED, S.ABSENT, S.LATE_CANCELLATION)),
        "did_not_attend": sum(1 for b in at_sessions if b.status in (S.ABSENT, S.LATE_CANCELLATION)),
        "evaluations": len(evaluated),
        "quality": mean(e.quality for e in evaluated),
        "relevance": mean(e.relevance for e in evaluated),
        "knowledge": (
            mean(e.knowledge_before for e in evaluated),
            mean(e.knowledge_after for e in evaluated),
            sum(1 for e in evaluated if e.knowledge_after > e.knowledge_before),
        ),
        "confidence": (
            mean(e.confidence_before for e in evaluated),
            mean(e.confidence_after for e in evaluated),
            sum(1 for e in evaluated if e.confidence_after > e.confidence_before),
        ),
        "improved": sum(1 for e in evaluated if e.improved),
        "follow_ups_due": len(due),
        "follow_ups": sum(1 for b in due if b.pk in follow_ups),
        "impact": mean(f.impact for f in answered),
        "used": {u.label: sum(1 for f in answered if f.used_learning == u) for u in UsedLearning},
        "manager_answers": sum(1 for f in answered if f.from_line_manager),
        "examples": {f.pk for f in answered if f.example or f.from_line_manager},
        "published": {f.pk for f in answered if (f.example or f.from_line_manager) and f.publishable},
    }


def assert_matches(result: report.Figures, want: dict) -> None:
    assert result.attendances == want["attendances"]
    assert result.practitioners == want["practitioners"]
    assert {r.label: (r.attendances, r.practitioners) for r in result.by_agency_kind} == want["agency"]
    assert {r.label: (r.attendances, r.practitioners) for r in result.by_service_area} == want["area"]
    assert result.sessions_run == want["sessions_run"]
    assert result.places_offered == want["places_offered"]
    assert result.places_taken == want["places_taken"]
    assert result.registered == want["registered"]
    assert result.did_not_attend == want["did_not_attend"]
    assert result.evaluations == want["evaluations"]
    assert result.quality.value == pytest.approx(want["quality"])
    assert result.relevance.value == pytest.approx(want["relevance"])
    for name in ("knowledge", "confidence"):
        pair = getattr(result, name)
        before, after, rose = want[name]
        assert (pair.before.value, pair.after.value) == (pytest.approx(before), pytest.approx(after))
        assert pair.rose == report.Share(rose, want["evaluations"])
    assert result.improved == report.Share(want["improved"], want["evaluations"])
    assert result.evaluation_rate == report.Share(want["evaluations"], want["attendances"])
    assert result.follow_up_rate == report.Share(want["follow_ups"], want["follow_ups_due"])
    assert result.impact.value == pytest.approx(want["impact"])
    assert result.used_learning == want["used"]
    assert result.manager_answers == want["manager_answers"]


@pytest.fixture
def course():
    return CourseFactory(title="Working Together to Safeguard Children", slug="working-together")


@pytest.fixture
def pool():
    return people()


def test_every_figure_matches_the_records(course, pool):
    seed(course, 12, pool=pool)
    # Around it: another course, the year before, a cancelled session, a booking with no agency.
    seed(CourseFactory(), 3, pool=pool, seed_value=2)
    seed(course, 2, pool=pool, seed_value=3, first=dt.date(2020, 9, 1))
    cancelled = SessionFactory(course=course, starts_at=at(dt.date(2021, 10, 4)), is_cancelled=True)
    BookingFactory(session=cancelled, person=pool[0], status=S.SESSION_CANCELLED)
    Booking.objects.filter(
        pk=Booking.objects.filter(session__course=course, status=S.ATTENDED).first().pk
    ).update(agency=None)
    result = report.figures(YEAR.start, YEAR.end, course, now=AFTER_THE_YEAR)
    want = expected(course, YEAR, AFTER_THE_YEAR)
    assert_matches(result, want)
    # The data is rich enough for the comparison to mean something.
    assert result.sessions_run == 12 and result.attendances == 36
    assert result.practitioners < result.attendances
    assert "Not recorded" in want["agency"] and "Not recorded" in want["area"]
    assert 0 < result.follow_ups < result.follow_ups_due
    assert (
        set(report.examples(YEAR.start, YEAR.end, course, published_only=False).values_list("pk", flat=True))
        == (want["examples"])
    )
    assert (
        set(report.examples(YEAR.start, YEAR.end, course, published_only=True).values_list("pk", flat=True))
        == (want["published"])
    )


def test_during_the_year_only_sessions_already_run_count_and_follow_ups_are_a_share_of_those_due(
    course, pool
):
    seed(course, 18, pool=pool)
    now = at(dt.date(2021, 11, 20), 12)
    result = report.figures(YEAR.start, YEAR.end, course, now=now)
    assert_matches(result, expected(course, YEAR, now))
    assert result.sessions_run < 18
    # Attended up to 20 August 2021 have reached their follow-up by 20 November.
    assert (
        result.follow_ups_due
        == Booking.objects.filter(status=S.ATTENDED, attended_on__lte=dt.date(2021, 8, 20)).count()
    )


def test_with_no_records_nothing_is_divided_by_zero(course):
    result = report.figures(YEAR.start, YEAR.end, course, now=AFTER_THE_YEAR)
    assert result.attendances == 0 and not result.has_evaluations
    for share in (
        result.fill_rate,
        result.non_attendance,
        result.evaluation_rate,
        result.improved,
        result.used,
    ):
        assert share.value is None and share.percent == "" and share.shown == "none yet"
    assert result.quality.value is None and result.quality.shown == "none yet"
    assert result.knowledge.shift is None
    assert report.before_after_chart(result) == ""


def test_small_counts_are_shown_as_they_are(course, pool):
    session = SessionFactory(
        course=course, starts_at=at(dt.date(2021, 5, 5)), ends_at=at(dt.date(2021, 5, 5), 13)
    )
    booking = BookingFactory(
        session=session, person=pool[0], status=S.ATTENDED, attended_on=dt.date(2021, 5, 5)
    )
    Evaluation.objects.create(
        booking=booking,
        quality=5,
        relevance=4,
        knowledge_before=2,
        knowledge_after=4,
        confidence_before=3,
        confidence_after=3,
        improved=True,
    )
    result = report.figures(YEAR.start, YEAR.end, course, now=AFTER_THE_YEAR)
    assert result.evaluation_rate.shown == "100% (1 of 1)"
    assert result.knowledge.shift_shown == "+2.0" and result.knowledge.rose.shown == "100% (1 of 1)"
    assert result.confidence.rose.shown == "0% (0 of 1)"
    assert result.fill_rate.shown == "5% (1 of 20)"
    assert report.Share(1, 8).percent == "13%" and report.Share(1, 3).percent == "33%"


def test_an_on_demand_course_has_no_sessions_to_count(pool):
    course = CourseFactory(format=CourseFormat.RECORDED)
    session = SessionFactory(course=course, starts_at=at(dt.date(2020, 1, 1)), capacity=1000)
    for person in pool[:3]:
        BookingFactory(session=session, person=person, status=S.ATTENDED, attended_on=dt.date(2021, 7, 1))
    result = report.figures(YEAR.start, YEAR.end, course, now=AFTER_THE_YEAR)
    assert result.on_demand and result.sessions_run == 0 and result.attendances == 3


# The years


@pytest.mark.parametrize(
    ("text", "year", "problem"),
    [
        ("", Year(2026), ""),
        ("2021-22", Year(2021), ""),
        ("2021-23", Year(2026), "Enter a financial year like 2026-27"),
        ("next year", Year(2026), "Enter a financial year like 2026-27"),
        ("2030-31", Year(2026), "2030-31 has not started yet"),
    ],
)
def test_the_year_is_read_from_the_address(text, year, problem):
    found, said = report.read_year(text, dt.date(2026, 11, 27))
    assert found == year
    assert said.startswith(problem) if problem else said == ""


def test_a_financial_year_runs_from_april_to_march():
    assert Year.containing(dt.date(2022, 3, 31)) == Year(2021)
    assert Year.containing(dt.date(2022, 4, 1)) == Year(2022)
    assert (Year(2021).start, Year(2021).end, Year(2021).code) == (
        dt.date(2021, 4, 1),
        dt.date(2022, 3, 31),
        "2021-22",
    )
    assert report.years_since(dt.date(2020, 6, 1), dt.date(2022, 5, 1)) == [
        Year(2022),
        Year(2021),
        Year(2020),
    ]


# The pages


def report_url(course, view: str = "learning:evaluation-report", year: str = "2021-22") -> str:
    return f"{reverse(view, args=[course.slug])}?year={year}"


@pytest.fixture
def officer(client_for):
    return client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))


@pytest.fixture
def analyst(client_for):
    return client_for(UserFactory(roles=[Role.DATA_ANALYST]))


def test_the_report_page_shows_the_figures_and_a_chart_with_a_table_beside_it(course, pool, officer):
    seed(course, 6, pool=pool)
    result = report.figures(YEAR.start, YEAR.end, course)
    page = officer.get(report_url(course))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{course.title}: evaluation, 2021-22" in html
    assert f"{result.attendances} attendances by {result.practitioners} practitioners" in html
    assert result.fill_rate.shown in html and result.evaluation_rate.shown in html
    assert f"{result.quality.shown} out of 5" in html
    assert 'role="img"' in html and "Mean knowledge:" in html  # the chart, described in words
    assert 'id="before-after-table"' in html and result.knowledge.shift_shown in html
    assert 'id="by-agency-kind"' in html and "Local authority" in html


def test_with_no_evaluations_the_page_says_so(course, pool, officer):
    session = SessionFactory(
        course=course, starts_at=at(dt.date(2021, 5, 5)), ends_at=at(dt.date(2021, 5, 5), 13)
    )
    BookingFactory(session=session, person=pool[0], status=S.ATTENDED, attended_on=dt.date(2021, 5, 5))
    html = officer.get(report_url(course)).content.decode()
    assert "No evaluations yet" in html and 'role="img"' not in html


def test_a_year_that_cannot_be_read_shows_this_years_figures_and_says_why(course, officer):
    html = officer.get(report_url(course, year="2021")).content.decode()
    this_year = Year.containing(timezone.localdate())
    assert f"Enter a financial year like {this_year.code}" in html
    assert f"evaluation, {this_year.code}" in html


def test_the_editors_see_every_example_and_others_only_the_published(course, pool, officer, analyst):
    seed(course, 14, pool=pool)
    every = report.examples(YEAR.start, YEAR.end, course, published_only=False)
    published = [f for f in every if f.publishable]
    hidden = [f for f in every if not f.publishable]
    assert published and hidden
    url = report_url(course)
    for f in every[:20]:  # the first page of examples
        assert f'id="example-{f.pk}"' in officer.get(url).content.decode()
    analyst_page = analyst.get(url).content.decode()
    assert all(f'id="example-{f.pk}"' not in analyst_page for f in hidden)
    assert all(f'id="example-{f.pk}"' in analyst_page for f in published[:20])
    assert "Publish" not in analyst_page


def test_examples_are_shown_latest_first_a_page_at_a_time(course, pool, officer):
    seed(course, 14, pool=pool)
    every = list(report.examples(YEAR.start, YEAR.end, course, published_only=False))
    assert len(every) > 20, "the seed gives more than a page of examples"
    shown = [
        [int(pk) for pk in re.findall(r'class="govuk-summary-card" id="example-(\d+)"', html)]
        for html in (officer.get(f"{report_url(course)}&page={n}").content.decode() for n in (1, 2))
    ]
    assert shown == [[f.pk for f in every[:20]], [f.pk for f in every[20:40]]]
    first = every[0]
    kind = first.booking.agency.get_kind_display() if first.booking.agency else "Agency not recorded"
    heading = f"{kind}, attended {first.booking.attended_on:%B %Y}</h3>"
    assert heading in officer.get(report_url(course)).content.decode()


def test_an_editor_publishes_an_example_and_withdraws_it(course, pool, officer, analyst):
    session = SessionFactory(
        course=course, starts_at=at(dt.date(2021, 5, 5)), ends_at=at(dt.date(2021, 5, 5), 13)
    )
    booking = BookingFactory(
        session=session, person=pool[0], status=S.ATTENDED, attended_on=dt.date(2021, 5, 5)
    )
    example = FollowUp.objects.create(
        booking=booking,
        used_learning=UsedLearning.YES,
        impact=5,
        example="The child's voice is in every plan.",
    )
    url = reverse("learning:publish-example", args=[example.pk])
    assert "The child&#x27;s voice" not in analyst.get(report_url(course)).content.decode()
    response = officer.post(url, {"publish": "yes", "page": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{report_url(course)}&page=1#example-{example.pk}"
    example.refresh_from_db()
    assert example.publishable
    officer.post(url, {"publish": "yes"})  # pressed twice: still published
    example.refresh_from_db()
    assert example.publishable
    assert "The child&#x27;s voice is in every plan." in analyst.get(report_url(course)).content.decode()
    officer.post(url, {"publish": "no"})
    example.refresh_from_db()
    assert not example.publishable


def test_only_the_business_units_editors_choose_and_only_by_post(course, pool, officer, analyst, client_for):
    session = SessionFactory(course=course, starts_at=at(dt.date(2021, 5, 5)))
    booking = BookingFactory(
        session=session, person=pool[0], status=S.ATTENDED, attended_on=dt.date(2021, 5, 5)
    )
    example = FollowUp.objects.create(
        booking=booking, used_learning=UsedLearning.YES, impact=5, example="Text"
    )
    url = reverse("learning:publish-example", args=[example.pk])
    assert officer.get(url).status_code == 405
    assert analyst.post(url, {"publish": "yes"}).status_code == 403
    assert client_for(booking.person).post(url, {"publish": "yes"}).status_code == 403
    example.refresh_from_db()
    assert not example.publishable


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SYSTEM_ADMINISTRATOR, 200),
        (Role.BUSINESS_MANAGER, 200),
        (Role.BUSINESS_OFFICER, 200),
        (Role.DATA_ANALYST, 200),
        (Role.GROUP_CHAIR, 403),
        (Role.GROUP_MEMBER, 403),
        (Role.INDEPENDENT_SCRUTINEER, 403),
        (Role.LEAD_NURSE, 403),
        (Role.PRACTITIONER, 403),
    ],
)
def test_who_may_read_the_reports(course, client_for, role, status):
    client = client_for(UserFactory(roles=[role]))
    assert client.get(reverse("learning:evaluations")).status_code == status
    assert client.get(report_url(course)).status_code == status
    assert client.get(report_url(course, "learning:evaluation-report-csv")).status_code == status


def test_signed_out_the_reports_ask_to_sign_in(course, client):
    assert client.get(reverse("learning:evaluations")).status_code == 302
    assert client.get(report_url(course)).status_code == 302


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_has_every_figure_and_only_the_published_examples(course, pool, officer):
    seed(course, 10, pool=pool)
    result = report.figures(YEAR.start, YEAR.end, course)
    response = officer.get(report_url(course, "learning:evaluation-report-csv"))
    assert response["Content-Disposition"] == 'attachment; filename="working-together-evaluation-2021-22.csv"'
    rows = read_csv(response)
    assert rows[0] == ["Section", "Figure", "Value", "Out of", "Percentage"]
    by_figure = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert by_figure[("Sessions", "Sessions run")][0] == str(result.sessions_run)
    rate = result.evaluation_rate
    assert by_figure[("Evaluations", "Evaluation response rate")] == [
        str(rate.count),
        str(rate.of),
        rate.percent,
    ]
    assert by_figure[("Evaluations", "Mean quality (1 to 5)")][0] == str(round(result.quality.value, 2))
    texts = {r[2] for r in rows if r[0].startswith("Published impact example")}
    every = report.examples(YEAR.start, YEAR.end, course, published_only=False)
    assert texts == {t for f in every if f.publishable for t in (f.example, f.from_line_manager) if t}
    assert all(f.example not in texts for f in every if not f.publishable and f.example)


def test_the_csv_leaves_a_share_of_nothing_blank(course, officer):
    rows = read_csv(officer.get(report_url(course, "learning:evaluation-report-csv")))
    rate = next(r for r in rows if r[1] == "Evaluation response rate")
    assert rate[2:] == ["0", "0", ""]


def test_the_pdf(course, pool, officer):
    seed(course, 3, pool=pool)
    response = officer.get(report_url(course, "learning:evaluation-report-pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="working-together-evaluation-2021-22.pdf"'


def test_the_pdf_quotes_only_published_examples(course, pool, officer, monkeypatch):
    printed: list[str] = []

    class Captured:
        def __init__(self, string: str, base_url: str = "") -> None:
            printed.append(string)

        def write_pdf(self) -> bytes:
            return b"%PDF-1.7"

    monkeypatch.setattr("weasyprint.HTML", Captured)
    seed(course, 14, pool=pool)
    officer.get(report_url(course, "learning:evaluation-report-pdf"))
    (html,) = printed
    every = report.examples(YEAR.start, YEAR.end, course, published_only=False)
    assert all(f.example in html for f in every if f.publishable)
    assert all(f.example not in html for f in every if not f.publishable and f.example)


def test_the_list_of_courses_gives_each_its_headline_figures(pool, officer):
    first, second = CourseFactory(title="A course"), CourseFactory(title="B course")
    seed(first, 5, pool=pool)
    seed(second, 3, pool=pool, seed_value=4)
    later = CourseFactory(title="C course")
    seed(later, 2, pool=pool, first=dt.date(2022, 5, 1))  # the next year: not listed
    lines = report.course_lines(YEAR.start, YEAR.end, now=AFTER_THE_YEAR)
    assert [line.course for line in lines] == [first, second]
    for line in lines:
        full = report.figures(YEAR.start, YEAR.end, line.course, now=AFTER_THE_YEAR)
        assert (line.sessions_run, line.attendances) == (full.sessions_run, full.attendances)
        assert line.evaluation_rate == full.evaluation_rate and line.improved == full.improved
        assert line.quality == full.quality and line.impact == full.impact
        assert line.follow_ups == full.follow_up_rate
    html = officer.get(f"{reverse('learning:evaluations')}?year=2021-22").content.decode()
    assert "A course" in html and "B course" in html and "C course" not in html
    assert f"{report_url(first)}" in html


def test_an_empty_year_says_so(officer):
    html = officer.get(f"{reverse('learning:evaluations')}?year=2021-22").content.decode()
    assert "No course ran or was attended in 2021-22" in html


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def test_queries_do_not_grow_with_the_data(course, pool, officer):
    pages = {
        "report": report_url(course),
        "csv": report_url(course, "learning:evaluation-report-csv"),
        "list": f"{reverse('learning:evaluations')}?year=2021-22",
    }
    seed(course, 2, pool=pool)
    officer.get(reverse("home"))  # the first request of a session does its own one-off work
    small = {name: count_queries(officer, url) for name, url in pages.items()}
    seed(course, 16, pool=people(20), seed_value=5, first=dt.date(2021, 4, 20))
    for n in range(4):
        seed(CourseFactory(), 3, pool=pool, seed_value=10 + n)
    large = {name: count_queries(officer, url) for name, url in pages.items()}
    assert small == large
    assert report.examples(YEAR.start, YEAR.end, course, published_only=False).count() > 20  # paged


def test_practitioners_are_different_people_with_or_without_a_profile(course):
    """The number of people reached comes from the reach by service area: someone without a
    learner profile (an account made before registration existed) still counts, once."""
    practitioner, staff = PractitionerFactory(), UserFactory()
    for day in [dt.date(2021, 5, 5), dt.date(2021, 6, 9)]:
        session = SessionFactory(course=course, starts_at=at(day), ends_at=at(day, 13))
        for person in (practitioner, staff):
            BookingFactory(session=session, person=person, status=S.ATTENDED, attended_on=day)
    found = report.figures(YEAR.start, YEAR.end, course)
    assert (found.attendances, found.practitioners) == (4, 2)
    areas = {reach.label: (reach.attendances, reach.practitioners) for reach in found.by_service_area}
    assert areas[report.NOT_RECORDED] == (2, 1)
    assert sum(people for _, people in areas.values()) == 2
