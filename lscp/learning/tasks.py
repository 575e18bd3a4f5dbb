"""Background work for learning and development. Arguments are plain JSON: they are stored in the
database."""

from django_tasks import task

from lscp.learning import schedule


@task()
def send_learning_emails(now: str | None = None) -> dict[str, int]:
    """Lapse stale offers and queue the learning emails due now (or at the ISO date-time given)."""
    return schedule.run(schedule.moment(now) if now else None)
