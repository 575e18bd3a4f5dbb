"""Reminders to action owners: one when an action is due within 7 days, one when it is overdue.

Each is sent once, ever: a `Reminder` row (unique on action and kind) is written in the same
transaction that queues the email, so a second run, or two runs at once, cannot send it again.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lscp.core.mail import send
from lscp.improvement.models import Action, Reminder, ReminderKind

DUE_SOON_DAYS = 7


def due_soon(today: dt.date):
    """Open actions due in the next 7 days (today included) whose owner has not been reminded."""
    return (
        Action.objects.open()
        .filter(
            owner__isnull=False, due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
        )
        .exclude(reminders__kind=ReminderKind.DUE_SOON)
    )


def overdue(today: dt.date):
    return (
        Action.objects.open()
        .filter(owner__isnull=False, due_date__lt=today)
        .exclude(reminders__kind=ReminderKind.OVERDUE)
    )


def _message(action: Action, kind: str, today: dt.date) -> tuple[str, str]:
    url = settings.LSCP_BASE_URL.rstrip("/") + reverse("improvement:action", args=[action.pk])
    due = f"{action.due_date.day} {action.due_date:%B %Y}"
    if kind == ReminderKind.DUE_SOON:
        subject = f"Action {action.reference} is due on {due}"
        lead = f"Your action {action.reference} is due on {due}."
    else:
        subject = f"Action {action.reference} is overdue"
        lead = f"Your action {action.reference} was due on {due} and is not yet complete."
    body = (
        f"{lead}\n\n{action.title}\n\n"
        f"Add an update, or mark it complete, at:\n{url}\n\n"
        "You get this reminder once. Contact the partnership business unit if the action is no longer yours."
    )
    return subject, body


def remind(action: Action, kind: str, today: dt.date) -> bool:
    """Queue one reminder to the action's owner, unless one of this kind was already sent."""
    assert action.owner is not None  # due_soon() and overdue() select owned actions only
    subject, body = _message(action, kind, today)
    try:
        with transaction.atomic():
            Reminder.objects.create(action=action, kind=kind, sent_to=action.owner.email)
            send([action.owner.email], subject, body)
    except IntegrityError:
        return False  # another run got there first
    return True


def send_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Queue every reminder that is due today; returns how many of each kind were queued."""
    today = today or timezone.localdate()
    sent = {ReminderKind.DUE_SOON.value: 0, ReminderKind.OVERDUE.value: 0}
    for kind, actions in ((ReminderKind.OVERDUE, overdue(today)), (ReminderKind.DUE_SOON, due_soon(today))):
        for action in actions.select_related("owner").iterator(chunk_size=500):
            if action.owner.is_active and remind(action, kind, today):
                sent[kind.value] += 1
    return sent
