"""What the annual report reads about the action log, for a period. Plain dataclasses only.

Each figure keeps the references of the actions behind it, so the report can show its working.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q

from lscp.improvement.models import Action, ActionStatus, action_reference


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
    return Action.objects.filter(created_at__date__lte=day, due_date__lt=day).filter(
        Q(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        | Q(status=ActionStatus.COMPLETED, completed_on__gt=day)
    )


def action_figures(start: dt.date, end: dt.date, group_id: int | None = None) -> ActionFigures:
    """Actions raised, completed, completed on time (on or before the due date) in [start, end],
    and overdue at the end of the period; for the partnership, or for one group."""
    scope = Action.objects.all()
    overdue = overdue_on(end)
    if group_id is not None:
        scope = scope.filter(group_id=group_id)
        overdue = overdue.filter(group_id=group_id)
    raised = scope.filter(created_at__date__gte=start, created_at__date__lte=end)
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
