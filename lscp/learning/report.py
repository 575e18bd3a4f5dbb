"""The evaluation figures for a course (or every course) over a financial year, computed in the
database: a handful of aggregate queries whatever the number of bookings.

What counts where:

- **Attendances** are bookings marked attended whose learning counted in the year
  (`Booking.attended_on`, indexed with the status); a recorded session or e-learning counts on the
  day it was watched and evaluated. **Practitioners** are the different people among them.
- **Sessions run** are the sessions that started in the year (up to now) and were not cancelled; an
  on-demand course has none to count. Their **fill rate** is the places taken (attended, absent,
  or booked while the register is still to be taken) out of the places offered; the
  **non-attendance rate** is the no-shows and late cancellations (what the policy charges) out of
  everyone the register counted.
- **Evaluations** and **follow-ups** are those of the year's attendances. The evaluation response
  rate is a share of the attendances; the follow-up response rate a share of the attendances whose
  follow-up has opened by today (lscp.learning.windows), so a year still under way is not diluted
  by follow-ups nobody could have given yet.

A share with nothing to share ("no evaluations yet") has no value and no percentage: it is never a
division by zero, and never shown as 0%.
"""

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Avg, Count, F, FloatField, Min, Q, QuerySet, Sum
from django.utils import dateformat, timezone
from matplotlib.figure import Figure

from lscp.core import figures_cache, svg
from lscp.core.models import AgencyKind, ServiceArea
from lscp.learning import windows
from lscp.learning.models import (
    ON_DEMAND,
    Booking,
    BookingStatus,
    Course,
    FollowUp,
    LearnerProfile,
    Session,
    UsedLearning,
)

S = BookingStatus
NOT_RECORDED = "Not recorded"

# --- financial years -----------------------------------------------------------------------------

YEAR_CODE = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class Year:
    """A financial year, 1 April to 31 March, named like 2021-22."""

    first: int

    @classmethod
    def containing(cls, day: dt.date) -> "Year":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first + 1, 3, 31)

    @property
    def code(self) -> str:
        return f"{self.first}-{(self.first + 1) % 100:02d}"

    @property
    def label(self) -> str:
        return self.code

    @property
    def words(self) -> str:
        return f"1 April {self.first} to 31 March {self.first + 1}"

    def __str__(self) -> str:
        return self.code


def read_year(text: str, today: dt.date) -> tuple[Year, str]:
    """The year `text` names (2021-22), or this one when it is empty; and a problem to show, if any."""
    this_year = Year.containing(today)
    text = (text or "").strip()
    if not text:
        return this_year, ""
    match = YEAR_CODE.fullmatch(text)
    if not match or int(match[2]) != (int(match[1]) + 1) % 100 or int(match[1]) < 1990:
        return this_year, f"Enter a financial year like {this_year.code}: the page shows {this_year.code}"
    year = Year(int(match[1]))
    if year > this_year:
        return this_year, f"{year.code} has not started yet: the page shows {this_year.code}"
    return year, ""


def years_since(first_day: dt.date | None, today: dt.date) -> list[Year]:
    """Every financial year from the one `first_day` is in to this one, latest first."""
    last = Year.containing(today)
    first = Year.containing(min(first_day, today)) if first_day else last
    return [Year(n) for n in range(last.first, first.first - 1, -1)]


def first_session_day(course: Course | None = None) -> dt.date | None:
    sessions = Session.objects.all() if course is None else Session.objects.filter(course=course)
    first = sessions.aggregate(first=Min("starts_at"))["first"]
    return timezone.localdate(first) if first else None


def day_starts(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`, as an aware time (so starts_at filters use its index)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- the shapes of a figure ----------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """`count` of `of`; no value while `of` is nothing."""

    count: int
    of: int

    @property
    def value(self) -> float | None:
        return self.count / self.of if self.of else None

    @property
    def percent(self) -> str:
        if not self.of:
            return ""
        return f"{(200 * self.count + self.of) // (2 * self.of)}%"  # to the nearest, a half up

    @property
    def shown(self) -> str:
        return f"{self.percent} ({self.count} of {self.of})" if self.of else "none yet"


@dataclass(frozen=True)
class Mean:
    """A mean rating from 1 to 5 over `count` answers; no value without answers."""

    value: float | None
    count: int

    @property
    def shown(self) -> str:
        return "none yet" if self.value is None else f"{self.value:.1f}"


@dataclass(frozen=True)
class BeforeAfter:
    """A rating asked before and after the session (on the same form, afterwards)."""

    before: Mean
    after: Mean
    rose: Share  # evaluations rating after above before

    @property
    def shift(self) -> float | None:
        if self.before.value is None or self.after.value is None:
            return None
        return self.after.value - self.before.value

    @property
    def shift_shown(self) -> str:
        shift = self.shift
        return "none yet" if shift is None else f"{shift:+.1f}"


@dataclass(frozen=True)
class Reach:
    """Attendances and the different practitioners behind them, for one agency kind or service area."""

    label: str
    attendances: int
    practitioners: int


@dataclass(frozen=True)
class Figures:
    start: dt.date
    end: dt.date
    on_demand: bool  # a recorded session or e-learning: no sessions, places or register
    sessions_run: int
    places_offered: int
    places_taken: int
    registered: int  # everyone the register counted: attended, absent or cancelled late
    did_not_attend: int  # absent or cancelled late (charged under the policy)
    attendances: int
    practitioners: int
    by_agency_kind: list[Reach]
    by_service_area: list[Reach]
    evaluations: int
    quality: Mean
    relevance: Mean
    knowledge: BeforeAfter
    confidence: BeforeAfter
    improved_count: int
    follow_ups_due: int
    follow_ups: int  # of those due
    impact: Mean
    used_learning: dict[str, int] = field(default_factory=dict)  # UsedLearning label -> follow-ups
    manager_answers: int = 0

    @property
    def fill_rate(self) -> Share:
        return Share(self.places_taken, self.places_offered)

    @property
    def non_attendance(self) -> Share:
        return Share(self.did_not_attend, self.registered)

    @property
    def evaluation_rate(self) -> Share:
        return Share(self.evaluations, self.attendances)

    @property
    def improved(self) -> Share:
        return Share(self.improved_count, self.evaluations)

    @property
    def follow_up_rate(self) -> Share:
        return Share(self.follow_ups, self.follow_ups_due)

    @property
    def used(self) -> Share:
        """Follow-ups saying they used the learning, fully or partly."""
        used = self.used_learning.get(UsedLearning.YES.label, 0) + self.used_learning.get(
            UsedLearning.PARTLY.label, 0
        )
        return Share(used, sum(self.used_learning.values()))

    @property
    def has_evaluations(self) -> bool:
        return self.evaluations > 0


# --- the queries ---------------------------------------------------------------------------------


def attended_in(start: dt.date, end: dt.date, course: Course | None = None) -> QuerySet[Booking]:
    """Bookings whose learning counted in [start, end]: for every course on the (status,
    attended_on) index; for one, through its sessions on the (session, status, attended_on) index
    (named as a list of sessions, so the database starts from the course's few thousand bookings
    rather than the year's every attendance)."""
    found = Booking.objects.filter(status=S.ATTENDED, attended_on__gte=start, attended_on__lte=end)
    if course is None:
        return found
    return found.filter(session_id__in=Session.objects.filter(course=course).values("pk"))


def sessions_run_in(
    start: dt.date, end: dt.date, now: dt.datetime, course: Course | None = None
) -> QuerySet[Session]:
    """Sessions (not on demand) that started in [start, end] by `now` and were not cancelled."""
    sessions = Session.objects.filter(
        starts_at__gte=day_starts(start),
        starts_at__lt=min(day_starts(end + dt.timedelta(days=1)), now),
        is_cancelled=False,
    ).exclude(course__format__in=ON_DEMAND)
    return sessions if course is None else sessions.filter(course=course)


def _avg(name: str) -> Avg:
    return Avg(name, output_field=FloatField())


def attendance_aggregates(today: dt.date) -> dict:
    """Everything the attendances, their evaluations and follow-ups give, as aggregate expressions
    (for .aggregate() over a year, or .values(...).annotate() by course)."""
    due = windows.follow_up_due_filter(today)
    answered = Q(follow_up__isnull=False) & due
    return {
        "attendances": Count("pk"),
        "practitioners": Count("person", distinct=True),
        "evaluations": Count("evaluation"),
        "quality": _avg("evaluation__quality"),
        "relevance": _avg("evaluation__relevance"),
        "knowledge_before": _avg("evaluation__knowledge_before"),
        "knowledge_after": _avg("evaluation__knowledge_after"),
        "confidence_before": _avg("evaluation__confidence_before"),
        "confidence_after": _avg("evaluation__confidence_after"),
        "knowledge_rose": Count(
            "evaluation", filter=Q(evaluation__knowledge_after__gt=F("evaluation__knowledge_before"))
        ),
        "confidence_rose": Count(
            "evaluation", filter=Q(evaluation__confidence_after__gt=F("evaluation__confidence_before"))
        ),
        "improved": Count("evaluation", filter=Q(evaluation__improved=True)),
        "follow_ups_due": Count("pk", filter=due),
        "follow_ups": Count("follow_up", filter=answered),
        "impact": _avg("follow_up__impact"),
        "used_yes": Count("follow_up", filter=Q(follow_up__used_learning=UsedLearning.YES)),
        "used_partly": Count("follow_up", filter=Q(follow_up__used_learning=UsedLearning.PARTLY)),
        "used_no": Count("follow_up", filter=Q(follow_up__used_learning=UsedLearning.NO)),
        "manager_answers": Count("follow_up", filter=~Q(follow_up__from_line_manager="")),
        "all_follow_ups": Count("follow_up"),
    }


REGISTER_AGGREGATES = {
    "places_taken": Count("pk", filter=Q(status__in=(S.ATTENDED, S.ABSENT, S.BOOKED))),
    "registered": Count("pk", filter=Q(status__in=(S.ATTENDED, S.ABSENT, S.LATE_CANCELLATION))),
    "did_not_attend": Count("pk", filter=Q(status__in=(S.ABSENT, S.LATE_CANCELLATION))),
}


def _reach(rows: Iterable[dict], key: str, labels: dict[str, str]) -> list[Reach]:
    found = [
        Reach(labels.get(row[key], NOT_RECORDED) if row[key] else NOT_RECORDED, row["n"], row["people"])
        for row in rows
    ]
    return sorted(found, key=lambda reach: (-reach.attendances, reach.label))


def reach_by(attended: QuerySet[Booking], key: str, labels: dict[str, str]) -> list[Reach]:
    rows = attended.values(key).annotate(n=Count("pk"), people=Count("person", distinct=True)).order_by()
    return _reach(rows, key, labels)


def reach_by_service_area(attended: QuerySet[Booking]) -> list[Reach]:
    """Reach by the practitioner's service area. A service area belongs to the person, not the
    booking, so the attendances are counted per person first and the few thousand people then
    looked up: a quarter of the time of joining every attendance to its person and profile and
    counting distinct people (a year's national figures are 75,000 attendances)."""
    per_person, params = (
        attended.values("person_id").annotate(n=Count("pk")).order_by().query.sql_with_params()
    )
    quote = connection.ops.quote_name
    profiles = LearnerProfile._meta
    columns = {field.name: str(field.column) for field in profiles.concrete_fields}
    area, user = quote(columns["service_area"]), quote(columns["user"])
    sql = (
        f"SELECT profile.{area}, SUM(per_person.n), COUNT(*) "
        f"FROM ({per_person}) per_person LEFT JOIN {quote(profiles.db_table)} profile "
        f"ON profile.{user} = per_person.{quote('person_id')} GROUP BY 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # int(): PostgreSQL sums a count as a numeric.
        rows = [{"area": area, "n": int(n), "people": people} for area, n, people in cursor.fetchall()]
    return _reach(rows, "area", dict(ServiceArea.choices))


def figures(
    start: dt.date, end: dt.date, course: Course | None = None, now: dt.datetime | None = None
) -> Figures:
    """The figures for one course, or every course, over [start, end]: five queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    attended = attended_in(start, end, course)
    # Everyone is in one service area (or none), so the reach by service area also gives the
    # number of different people, without a third of this query's time spent counting them.
    counted = attendance_aggregates(today)
    del counted["practitioners"]
    totals = attended.aggregate(**counted)
    by_service_area = reach_by_service_area(attended)
    on_demand = course is not None and course.is_on_demand
    sessions = sessions_run_in(start, end, now, course)
    run = sessions.aggregate(n=Count("pk"), places=Sum("capacity"))
    register = Booking.objects.filter(session__in=sessions).aggregate(**REGISTER_AGGREGATES)
    return Figures(
        start=start,
        end=end,
        on_demand=on_demand,
        sessions_run=run["n"],
        places_offered=run["places"] or 0,
        places_taken=register["places_taken"],
        registered=register["registered"],
        did_not_attend=register["did_not_attend"],
        attendances=totals["attendances"],
        practitioners=sum(reach.practitioners for reach in by_service_area),
        by_agency_kind=reach_by(attended, "agency__kind", dict(AgencyKind.choices)),
        by_service_area=by_service_area,
        **_evaluation_figures(totals),
    )


# The name the report's figures are kept under (lscp.core.figures_cache); apps.py says what changes them.
KEPT = "learning"


def kept_key(what: str, start: dt.date, end: dt.date, now: dt.datetime) -> str:
    """The cache key: also today (follow-ups open by the day) and the latest session to have
    started by now (a session's places count once it starts), so time passing is seen too."""
    started = Session.objects.filter(starts_at__lte=now).order_by("-starts_at", "-pk")
    latest = started.values_list("pk", flat=True).first()
    return f"{what}:{start}:{end}:{timezone.localdate(now)}:{latest}"


def kept_figures(start: dt.date, end: dt.date, course: Course | None = None) -> Figures:
    """`figures`, counted once and kept until a record they count changes."""
    now = timezone.now()
    key = kept_key(f"course-{course.pk if course else 'all'}", start, end, now)
    return figures_cache.kept(KEPT, key, lambda: figures(start, end, course, now))


def kept_course_lines(start: dt.date, end: dt.date) -> list["CourseLine"]:
    """`course_lines`, counted once and kept until a record they count changes."""
    now = timezone.now()
    return figures_cache.kept(KEPT, kept_key("lines", start, end, now), lambda: course_lines(start, end, now))


def _evaluation_figures(row: dict) -> dict:
    """The Figures fields an attendance aggregate row gives about evaluations and follow-ups."""
    evaluations = row["evaluations"]

    def mean(name: str, count: int) -> Mean:
        return Mean(row[name], count)

    def before_after(name: str) -> BeforeAfter:
        return BeforeAfter(
            mean(f"{name}_before", evaluations),
            mean(f"{name}_after", evaluations),
            Share(row[f"{name}_rose"], evaluations),
        )

    used = {
        UsedLearning.YES.label: row["used_yes"],
        UsedLearning.PARTLY.label: row["used_partly"],
        UsedLearning.NO.label: row["used_no"],
    }
    return {
        "evaluations": evaluations,
        "quality": mean("quality", evaluations),
        "relevance": mean("relevance", evaluations),
        "knowledge": before_after("knowledge"),
        "confidence": before_after("confidence"),
        "improved_count": row["improved"],
        "follow_ups_due": row["follow_ups_due"],
        "follow_ups": row["follow_ups"],
        "impact": mean("impact", row["all_follow_ups"]),
        "used_learning": used,
        "manager_answers": row["manager_answers"],
    }


# --- every course in a year: the list of evaluation reports --------------------------------------


@dataclass(frozen=True)
class CourseLine:
    """One course's headline figures for the list of reports."""

    course: Course
    sessions_run: int
    attendances: int
    evaluations: int
    quality: Mean
    improved: Share
    follow_ups: Share
    impact: Mean

    @property
    def evaluation_rate(self) -> Share:
        return Share(self.evaluations, self.attendances)


def course_lines(start: dt.date, end: dt.date, now: dt.datetime | None = None) -> list[CourseLine]:
    """Each course with sessions run or attendances in [start, end], by title: three queries. (The
    different practitioners are left to each course's report: counting them for every course at
    once is the costliest part of the query.)"""
    now = now or timezone.now()
    today = timezone.localdate(now)
    aggregates = attendance_aggregates(today)
    wanted = (
        "attendances",
        "evaluations",
        "quality",
        "improved",
        "impact",
        "follow_ups_due",
        "follow_ups",
        "all_follow_ups",
    )
    rows = (
        attended_in(start, end)
        .values("session__course")
        .annotate(**{name: aggregates[name] for name in wanted})
        .order_by()
    )
    by_course: dict[int, dict[str, Any]] = {row["session__course"]: dict(row) for row in rows}
    runs = dict(
        sessions_run_in(start, end, now).values("course").annotate(n=Count("pk")).values_list("course", "n")
    )
    courses = Course.objects.filter(pk__in=set(by_course) | set(runs)).order_by("title", "pk")
    lines = []
    empty: dict[str, Any] = dict.fromkeys(wanted, 0) | {"quality": None, "impact": None}
    for course in courses:
        row = by_course.get(course.pk, empty)
        lines.append(
            CourseLine(
                course=course,
                sessions_run=runs.get(course.pk, 0),
                attendances=row["attendances"],
                evaluations=row["evaluations"],
                quality=Mean(row["quality"], row["evaluations"]),
                improved=Share(row["improved"], row["evaluations"]),
                follow_ups=Share(row["follow_ups"], row["follow_ups_due"]),
                impact=Mean(row["impact"], row["all_follow_ups"]),
            )
        )
    return lines


# --- impact examples -----------------------------------------------------------------------------


def examples(
    start: dt.date, end: dt.date, course: Course | None = None, *, published_only: bool
) -> QuerySet[FollowUp]:
    """Follow-ups of the year's attendances that say what changed (the practitioner's example or
    their line manager's view), latest first; only those chosen for publication when asked."""
    found = FollowUp.objects.filter(booking__in=attended_in(start, end, course))
    found = (
        found.exclude(example="", from_line_manager="")
        .select_related("booking__agency", "booking__session__course")
        # Only what an example shows: the bookings', sessions' and courses' other columns, read
        # for every example on a page, cost more than the rest of its query.
        .only(
            "example",
            "from_line_manager",
            "publishable",
            "submitted_at",
            "booking__attended_on",
            "booking__agency__kind",
            "booking__session__course__title",
        )
        .order_by("-submitted_at", "-pk")
    )
    return found.filter(publishable=True) if published_only else found


@dataclass(frozen=True)
class ExampleCard:
    """An impact example as the report's page shows it: the kind of agency ("" when not recorded)
    and month of the learning, then the words. Worked out once here, where the template would
    follow booking and agency for each mention (a page of examples was half the report's time)."""

    pk: int
    agency_kind: str
    attended: str  # the month, "June 2021"
    example: str
    from_line_manager: str
    publishable: bool


def example_cards(found: QuerySet[FollowUp], pks: list[int]) -> list[ExampleCard]:
    """Cards for the examples `pks` names, in its order (a page of `examples(...)`' pks: reading
    the pks in order, then only the page's rows, costs half of sorting every example's whole row)."""
    by_pk = {each.pk: each for each in found.filter(pk__in=pks).order_by()}
    return [_card(by_pk[pk]) for pk in pks if pk in by_pk]


def _card(each: FollowUp) -> ExampleCard:
    booking = each.booking
    return ExampleCard(
        pk=each.pk,
        agency_kind=str(booking.agency.get_kind_display()) if booking.agency else "",
        attended=dateformat.format(booking.attended_on, "F Y") if booking.attended_on else "",
        example=each.example,
        from_line_manager=each.from_line_manager,
        publishable=each.publishable,
    )


# --- the chart -----------------------------------------------------------------------------------

BEFORE_COLOUR = "#505a5f"  # GOV.UK secondary text grey: 7:1 on white, beside the brand colour


def before_after_chart(result: Figures, chart_id: str = "before-after") -> str:
    """Mean knowledge and confidence before and after, as accessible SVG; empty with no evaluations."""
    if not result.has_evaluations:
        return ""
    means = (
        result.knowledge.before.value,
        result.knowledge.after.value,
        result.confidence.before.value,
        result.confidence.after.value,
    )
    return _chart(
        tuple(round(m or 0, 2) for m in means),
        result.evaluations,
        chart_id,
        settings.PARTNERSHIP_BRAND_COLOUR,
    )


@functools.lru_cache(maxsize=256)
def _chart(means: tuple[float, ...], count: int, chart_id: str, colour: str) -> str:
    k_before, k_after, c_before, c_after = means
    description = (
        f"From {count} evaluation{'s' if count != 1 else ''}, rated from 1 (very low) to 5 (very high). "
        f"Mean knowledge: {k_before:.1f} before the session, {k_after:.1f} after. "
        f"Mean confidence: {c_before:.1f} before, {c_after:.1f} after."
    )
    return svg.render(
        lambda: _draw(means, colour),
        chart_id=chart_id,
        title="Mean knowledge and confidence, before and after the session",
        description=description,
    )


def _draw(means: tuple[float, ...], colour: str) -> Figure:
    figure = Figure(figsize=(7.0, 2.6), layout="constrained")
    axes = figure.add_subplot()
    groups = ["Knowledge", "Confidence"]
    before, after = (means[0], means[2]), (means[1], means[3])
    height = 0.36
    for offset, values, label, fill in (
        (-height / 2, before, "Before", BEFORE_COLOUR),
        (height / 2, after, "After", colour),
    ):
        positions = [n + offset for n in range(len(groups))]
        axes.barh(positions, values, height=height, color=fill, label=label)
        for position, value in zip(positions, values, strict=True):
            axes.annotate(
                f"{label}: {value:.1f}",
                (value, position),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
            )
    axes.set_yticks(range(len(groups)), groups)
    axes.set_ylim(len(groups) - 0.4, -0.6)
    axes.set_xlim(0, 6.2)
    axes.set_xticks([1, 2, 3, 4, 5])
    axes.set_xlabel("Mean rating, 1 (very low) to 5 (very high)")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower right", frameon=False)
    return figure
