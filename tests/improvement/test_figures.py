import datetime as dt

import pytest
from django.utils import timezone

from lscp.improvement.figures import action_figures
from lscp.improvement.models import Action, ActionStatus
from tests.factories import ActionFactory, GroupFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2021, 4, 1), dt.date(2022, 3, 31)


def action(raised: dt.date, due: dt.date, status=ActionStatus.OPEN, completed_on=None, **kwargs) -> Action:
    made = ActionFactory(due_date=due, status=status, completed_on=completed_on, **kwargs)
    # created_at is set on insert; put it where the test needs it.
    Action.objects.filter(pk=made.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(raised, dt.time(12)))
    )
    return made


def test_raised_completed_on_time_and_overdue_at_period_end():
    raised_late = action(
        dt.date(2021, 5, 1), dt.date(2021, 6, 1), ActionStatus.COMPLETED, dt.date(2021, 7, 1)
    )
    raised_on_time = action(
        dt.date(2021, 5, 1), dt.date(2021, 6, 1), ActionStatus.COMPLETED, dt.date(2021, 6, 1)
    )
    still_open_late = action(dt.date(2021, 10, 1), dt.date(2022, 1, 1))
    open_not_due = action(dt.date(2022, 3, 1), dt.date(2022, 6, 1))
    done_after_end = action(
        dt.date(2021, 12, 1), dt.date(2022, 2, 1), ActionStatus.COMPLETED, dt.date(2022, 5, 1)
    )
    before_period = action(
        dt.date(2020, 1, 1), dt.date(2020, 3, 1), ActionStatus.COMPLETED, dt.date(2021, 4, 2)
    )
    action(dt.date(2021, 6, 1), dt.date(2021, 7, 1), ActionStatus.CANCELLED)
    action(dt.date(2022, 4, 2), dt.date(2022, 4, 3))  # after the period

    figures = action_figures(START, END)

    assert figures.raised == 6
    assert figures.completed == 3
    assert figures.completed_on_time == 1
    assert figures.on_time_rate == pytest.approx(1 / 3)
    assert figures.overdue_at_end == 2
    assert set(figures.records["overdue_at_end"]) == {still_open_late.reference, done_after_end.reference}
    assert set(figures.records["completed"]) == {
        raised_late.reference,
        raised_on_time.reference,
        before_period.reference,
    }
    assert open_not_due.reference in figures.records["raised"]


def test_figures_for_one_group():
    group = GroupFactory()
    action(dt.date(2021, 5, 1), dt.date(2021, 6, 1), group=group)
    action(dt.date(2021, 5, 1), dt.date(2021, 6, 1))
    figures = action_figures(START, END, group_id=group.pk)
    assert (figures.raised, figures.overdue_at_end) == (1, 1)
    assert figures.on_time_rate is None
