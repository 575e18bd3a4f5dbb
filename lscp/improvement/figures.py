"""What the annual report reads about the action log, for a period. Plain dataclasses only.

Each figure keeps the references of the actions behind it, so the report can show its working.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from lscp.core import figures_cache
from lscp.core.years import day_starts, within
from lscp.improvement.models import (
    Action,
    ActionStatus,
    Recommendation,
    RecommendationStatus,
    action_reference,
    recommendation_reference,
)
from lscp.improvement.sources import label_for

# The name these figures are kept under (lscp.core.figures_cache); apps.py says what changes them.
KEPT = "improvement"


@dataclass(frozen=True)
class ActionFigures:
    start: dt.date
    end: dt.date
    group_id: int | None
    raised: int
    completed: int
    completed_on_time: int
    overdue_at_end: int
    # Action references ("A00012") behind each figure, by figure name.
    records: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def on_time_rate(self) -> float | None:
        """Completed on time ÷ completed in the period; None when nothing was completed."""
        return self.completed_on_time / self.completed if self.completed else None


def _refs(actions) -> tuple[str, ...]:
    return tuple(action_reference(pk) for pk in actions.order_by("pk").values_list("pk", flat=True))


def overdue_on(day: dt.date):
    """Actions that were overdue at the end of `day`: raised by then, due before it, not completed
    by then. A completed action counts if it was completed after `day`. Cancelled actions carry no
    cancellation date, so they are left out: the log cannot say whether they were live that day."""
    return Action.objects.filter(
        created_at__lt=day_starts(day + dt.timedelta(days=1)), due_date__lt=day
    ).filter(
        Q(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        | Q(status=ActionStatus.COMPLETED, completed_on__gt=day)
    )


def action_figures(start: dt.date, end: dt.date, group_id: int | None = None) -> ActionFigures:
    """Actions raised, completed, completed on time (on or before the due date) in [start, end],
    and overdue at the end of the period; for the partnership, or for one group. Counted once and
    kept until an action changes (lscp.core.figures_cache)."""
    key = f"actions:{start}:{end}:{group_id}:{timezone.localdate()}"
    return figures_cache.kept(KEPT, key, lambda: _action_figures(start, end, group_id))


def _action_figures(start: dt.date, end: dt.date, group_id: int | None) -> ActionFigures:
    scope = Action.objects.all()
    overdue = overdue_on(end)
    if group_id is not None:
        scope = scope.filter(group_id=group_id)
        overdue = overdue.filter(group_id=group_id)
    raised = scope.filter(**within("created_at", start, end))
    completed = scope.filter(status=ActionStatus.COMPLETED, completed_on__gte=start, completed_on__lte=end)
    on_time = completed.filter(completed_on__lte=F("due_date"))
    records = {
        "raised": _refs(raised),
        "completed": _refs(completed),
        "completed_on_time": _refs(on_time),
        "overdue_at_end": _refs(overdue),
    }
    return ActionFigures(
        start=start,
        end=end,
        group_id=group_id,
        raised=len(records["raised"]),
        completed=len(records["completed"]),
        completed_on_time=len(records["completed_on_time"]),
        overdue_at_end=len(records["overdue_at_end"]),
        records=records,
    )


# Recommendations


@dataclass(frozen=True)
class Breakdown:
    """One figure split by something (source kind, agency): {label: references}."""

    counts: dict[str, int]
    records: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class RecommendationFigures:
    start: dt.date
    end: dt.date
    made: int
    implemented: int
    impact_evidenced: int
    closed: int
    overdue_at_end: int
    made_by_source: Breakdown
    made_by_agency: Breakdown
    actions_completed: int
    actions_completed_on_time: int
    # Recommendation ("R00012") or action ("A00012") references behind each figure, by name.
    records: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _recommendation_refs(found) -> tuple[str, ...]:
    return tuple(
        recommendation_reference(pk) for pk in found.order_by("pk").values_list("pk", flat=True).distinct()
    )


def _reached(status: str, start: dt.date, end: dt.date):
    """Recommendations that moved forward into `status` during the period."""
    return Recommendation.objects.filter(
        transitions__to_status=status, **within("transitions__at", start, end)
    ).distinct()


def _breakdown(pairs) -> Breakdown:
    records: dict[str, list[str]] = {}
    for label, pk in pairs:
        records.setdefault(label, []).append(recommendation_reference(pk))
    frozen = {label: tuple(sorted(set(refs))) for label, refs in sorted(records.items())}
    return Breakdown({label: len(refs) for label, refs in frozen.items()}, frozen)


def recommendation_figures(start: dt.date, end: dt.date) -> RecommendationFigures:
    """See _recommendation_figures: counted once and kept until a recommendation changes."""
    key = f"recommendations:{start}:{end}:{timezone.localdate()}"
    return figures_cache.kept(KEPT, key, lambda: _recommendation_figures(start, end))


def _recommendation_figures(start: dt.date, end: dt.date) -> RecommendationFigures:
    """Recommendations made in [start, end]; implemented, impact evidenced and closed in it (by
    their dated transitions); overdue at the end of it (due before `end`, not implemented by
    then); made by source and by agency; and actions on recommendations completed (on time)."""
    made = Recommendation.objects.filter(made_on__gte=start, made_on__lte=end)
    implemented_by_end = Recommendation.objects.filter(
        transitions__to_status=RecommendationStatus.IMPLEMENTED,
        transitions__at__lt=day_starts(end + dt.timedelta(days=1)),
    )
    overdue = Recommendation.objects.filter(made_on__lte=end, due_date__lt=end).exclude(
        pk__in=implemented_by_end.values("pk")
    )
    actions_completed = Action.objects.filter(
        recommendation__isnull=False,
        status=ActionStatus.COMPLETED,
        completed_on__gte=start,
        completed_on__lte=end,
    )
    on_time = actions_completed.filter(completed_on__lte=F("due_date"))
    records = {
        "made": _recommendation_refs(made),
        "implemented": _recommendation_refs(_reached(RecommendationStatus.IMPLEMENTED, start, end)),
        "impact_evidenced": _recommendation_refs(_reached(RecommendationStatus.IMPACT_EVIDENCED, start, end)),
        "closed": _recommendation_refs(_reached(RecommendationStatus.CLOSED, start, end)),
        "overdue_at_end": _recommendation_refs(overdue),
        "actions_completed": _refs(actions_completed),
        "actions_completed_on_time": _refs(on_time),
    }
    by_source = _breakdown((label_for(kind), pk) for kind, pk in made.values_list("source_kind", "pk"))
    by_agency = _breakdown(made.filter(agencies__isnull=False).values_list("agencies__name", "pk"))
    return RecommendationFigures(
        start=start,
        end=end,
        made=len(records["made"]),
        implemented=len(records["implemented"]),
        impact_evidenced=len(records["impact_evidenced"]),
        closed=len(records["closed"]),
        overdue_at_end=len(records["overdue_at_end"]),
        made_by_source=by_source,
        made_by_agency=by_agency,
        actions_completed=len(records["actions_completed"]),
        actions_completed_on_time=len(records["actions_completed_on_time"]),
        records=records,
    )
