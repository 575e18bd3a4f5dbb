import datetime as dt

import pytest
from django.utils import timezone

from lscp.improvement.models import Action, ActionStatus
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.mark.parametrize(
    ("due_offset", "status", "overdue"),
    [
        (-1, ActionStatus.OPEN, True),
        (-1, ActionStatus.IN_PROGRESS, True),
        (0, ActionStatus.OPEN, False),  # due today is not yet late
        (1, ActionStatus.OPEN, False),
        (-1, ActionStatus.COMPLETED, False),
        (-1, ActionStatus.CANCELLED, False),
    ],
)
def test_overdue_means_open_and_due_before_today(due_offset, status, overdue):
    action = ActionFactory(due_date=today() + dt.timedelta(days=due_offset), status=status)
    assert action.is_overdue() is overdue
    assert Action.objects.overdue().filter(pk=action.pk).exists() is overdue
