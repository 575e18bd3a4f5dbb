"""What the annual report reads about learning and development, for a period. Plain dataclasses.

Every figure is computed from the records, in the database, with the same definitions as the
course evaluation report (lscp.learning.report, which says what counts where): attendances are
bookings whose learning counted in the period; sessions run are those that started in it; the
follow-up response rate is a share of the attendances whose follow-up has opened. Impact examples
are only those the business unit chose for publication.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from lscp.core import figures_cache
from lscp.core.queries import RecordsQuery, records_query
from lscp.improvement.models import LearningTheme
from lscp.learning import report, windows
from lscp.learning.models import Course, Resource, ResourceKind
from lscp.learning.report import BeforeAfter, Mean, Reach, Share

DEPENDS_ON: list[str] = ["improvement"]
NO_THEME = "No theme recorded"


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    courses: int  # courses someone attended in the period
    resources: int  # resources published in the period


@dataclass(frozen=True)
class ImpactExample:
    course: str
    agency_kind: str
    attended_on: dt.date
    example: str  # what changed for a child or family, in the practitioner's words
    from_line_manager: str


@dataclass(frozen=True)
class LearningFigures:
    start: dt.date
    end: dt.date
    practitioners_reached: int  # different people who attended
    attendances: int
    by_agency_kind: list[Reach]  # most attendances first
    by_service_area: list[Reach]
    courses_delivered: int  # courses someone attended
    sessions_run: int
    places_offered: int
    places_taken: int
    fill_rate: Share
    non_attendance: Share  # absent or cancelled late, of everyone the register counted
    evaluations: int
    evaluation_rate: Share  # of attendances
    quality: Mean
    relevance: Mean
    knowledge: BeforeAfter
    confidence: BeforeAfter
    improved: Share  # evaluations saying skills and knowledge improved
    follow_ups_due: int  # attendances whose 3-month follow-up has opened
    follow_ups: int
    follow_up_rate: Share
    impact: Mean  # 1 (no impact) to 5 (a great deal)
    used: Share  # follow-ups saying they used the learning, fully or partly
    used_learning: dict[str, int]  # "Yes", "Partly", "Not yet" -> follow-ups
    manager_answers: int  # follow-ups with the line manager's view
    by_theme: list[ThemeCount]
    resources_published: int
    resources_by_kind: dict[str, int]  # every kind, in ResourceKind's order, 0 included
    examples: list[ImpactExample] = field(default_factory=list)
    # The query behind each count, by figure name: thousands of bookings are better checked by
    # running the query than by reading a list of ids.
    queries: dict[str, RecordsQuery] = field(default_factory=dict)


def learning_figures(start: dt.date, end: dt.date, now: dt.datetime | None = None) -> LearningFigures:
    """Learning and development in [start, end] (both days included), as of `now`: counted once
    and kept until a record they count changes (as the course evaluation report's are), since a
    year of bookings takes the database the best part of a second."""
    now = now or timezone.now()
    key = report.kept_key("annual-report", start, end, now)
    return figures_cache.kept(report.KEPT, key, lambda: _counted(start, end, now))


def _counted(start: dt.date, end: dt.date, now: dt.datetime) -> LearningFigures:
    result = report.figures(start, end, now=now)
    attended = report.attended_in(start, end)
    delivered = Course.objects.filter(pk__in=attended.values("session__course"))
    # The courses found once, for the counts below: each would otherwise go through the year's
    # attendances again. `delivered` stays the query the figure is traced to.
    delivered_ids = list(attended.order_by().values_list("session__course", flat=True).distinct())
    courses = Course.objects.filter(pk__in=delivered_ids)
    published = Resource.objects.filter(published_on__gte=start, published_on__lte=end)
    by_kind = dict(published.values("kind").annotate(n=Count("pk")).values_list("kind", "n").order_by())
    return LearningFigures(
        start=start,
        end=end,
        practitioners_reached=result.practitioners,
        attendances=result.attendances,
        by_agency_kind=result.by_agency_kind,
        by_service_area=result.by_service_area,
        courses_delivered=len(delivered_ids),
        sessions_run=result.sessions_run,
        places_offered=result.places_offered,
        places_taken=result.places_taken,
        fill_rate=result.fill_rate,
        non_attendance=result.non_attendance,
        evaluations=result.evaluations,
        evaluation_rate=result.evaluation_rate,
        quality=result.quality,
        relevance=result.relevance,
        knowledge=result.knowledge,
        confidence=result.confidence,
        improved=result.improved,
        follow_ups_due=result.follow_ups_due,
        follow_ups=result.follow_ups,
        follow_up_rate=result.follow_up_rate,
        impact=result.impact,
        used=result.used,
        used_learning=result.used_learning,
        manager_answers=result.manager_answers,
        by_theme=_by_theme(courses, published),
        resources_published=sum(by_kind.values()),
        resources_by_kind={label: by_kind.get(kind, 0) for kind, label in ResourceKind.choices},
        examples=[_example(found) for found in report.examples(start, end, published_only=True)],
        queries=_queries(attended, delivered, published, report.sessions_run_in(start, end, now), now),
    )


def _queries(attended, delivered, published, sessions, now: dt.datetime) -> dict[str, RecordsQuery]:
    follow_ups = attended.filter(
        windows.follow_up_due_filter(timezone.localdate(now)), follow_up__isnull=False
    )
    found = {
        "attendances": attended,
        "practitioners_reached": attended.values("person").distinct(),
        "courses_delivered": delivered,
        "sessions_run": sessions,
        "evaluations": attended.filter(evaluation__isnull=False),
        "follow_ups": follow_ups,
        "resources_published": published,
    }
    return {name: records_query(queryset) for name, queryset in found.items()}


def _by_theme(courses, resources) -> list[ThemeCount]:
    """Each theme with a course delivered or a resource published, by name; then the unthemed."""
    course_counts = dict(
        LearningTheme.objects.filter(courses__in=courses)
        .annotate(n=Count("courses", distinct=True))
        .values_list("name", "n")
    )
    resource_counts = dict(
        LearningTheme.objects.filter(resources__in=resources)
        .annotate(n=Count("resources", distinct=True))
        .values_list("name", "n")
    )
    counts = [
        ThemeCount(name, course_counts.get(name, 0), resource_counts.get(name, 0))
        for name in sorted(set(course_counts) | set(resource_counts))
    ]
    unthemed = ThemeCount(
        NO_THEME,
        courses.filter(themes__isnull=True).count(),
        resources.filter(themes__isnull=True).count(),
    )
    if unthemed.courses or unthemed.resources:
        counts.append(unthemed)
    return counts


def _example(found) -> ImpactExample:
    booking = found.booking
    return ImpactExample(
        course=booking.session.course.title,
        agency_kind=booking.agency.get_kind_display() if booking.agency else report.NOT_RECORDED,
        attended_on=booking.attended_on,
        example=found.example,
        from_line_manager=found.from_line_manager,
    )
