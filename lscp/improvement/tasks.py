"""Background work for the golden thread. Arguments are plain JSON: they are stored in the database."""

import datetime as dt

from django_tasks import task

from lscp.improvement.reminders import send_reminders


@task()
def send_action_reminders(today: str | None = None) -> dict[str, int]:
    """Queue the due-soon and overdue reminders for today (or the ISO date given)."""
    return send_reminders(dt.date.fromisoformat(today) if today else None)
