"""Owners are reminded when an action is due within 7 days and when it is overdue: once each."""

import datetime as dt

import pytest
from django.core.management import call_command

from lscp.improvement.models import ActionStatus, Reminder
from lscp.improvement.reminders import send_reminders
from tests.factories import ActionFactory
from tests.smtp import body_of, smtp_server_fixture

pytestmark = pytest.mark.django_db
smtp_server = smtp_server_fixture()
TODAY = dt.date(2024, 3, 4)


def test_each_reminder_is_sent_once(smtp_server, run_tasks):
    soon = ActionFactory(due_date=TODAY + dt.timedelta(days=7))
    late = ActionFactory(due_date=TODAY - dt.timedelta(days=1))
    ActionFactory(due_date=TODAY + dt.timedelta(days=30))  # not yet
    ActionFactory(due_date=TODAY - dt.timedelta(days=3), status=ActionStatus.COMPLETED)  # done
    call_command("send-reminders", date=TODAY.isoformat())
    run_tasks()
    run_tasks()  # the reminder run queues the emails; a second pass sends any it queued
    by_recipient = {m["X-Envelope-To"]: m for m in smtp_server}
    assert set(by_recipient) == {soon.owner.email, late.owner.email}
    assert "is due on 11 March 2024" in by_recipient[soon.owner.email]["Subject"]
    assert "overdue" in by_recipient[late.owner.email]["Subject"]
    assert late.title in body_of(by_recipient[late.owner.email])
    # Again, the same day and the next: nothing new for these two.
    assert send_reminders(TODAY) == {"due_soon": 0, "overdue": 0}
    run_tasks()
    assert len(smtp_server) == 2
    # When the due-soon action becomes overdue, its owner hears once more, once.
    later = TODAY + dt.timedelta(days=8)
    assert send_reminders(later) == {"due_soon": 0, "overdue": 1}
    assert send_reminders(later) == {"due_soon": 0, "overdue": 0}
    run_tasks()
    assert len(smtp_server) == 3
    assert Reminder.objects.count() == 3
