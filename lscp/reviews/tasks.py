"""Background work for the CSPRG's casework. Arguments are plain JSON: they are stored in the database."""

import datetime as dt

from django_tasks import task

from lscp.reviews.reminders import send_reminders


@task()
def send_review_reminders(today: str | None = None) -> dict[str, int]:
    """Queue the deadline reminders (due within 3 working days, missed) for today or the ISO date."""
    return send_reminders(dt.date.fromisoformat(today) if today else None)
