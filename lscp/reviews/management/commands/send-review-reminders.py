"""`lscp send-review-reminders`: queue today's CSPRG deadline reminders for the background worker.

Run it once a working day from cron, e.g. at 07:00 (after `lscp send-reminders`, or alongside it):

    0 7 * * 1-5  cd /srv/lscp && lscp send-review-reminders

For every open case (notification, referral, rapid review, practice review) whose next deadline
is 3 working days away or nearer, and again when it is missed, the business unit's managers and
officers (and, for the rapid review's timetable, the CSPRG chair) get one email each. Running it
twice in a day, by hand, or with `--date` to catch up after a missed day is safe: each reminder
is sent once, ever. The emails name only the case reference and the deadline.
"""

from django.core.management.base import BaseCommand, CommandError

from lscp.reviews.tasks import send_review_reminders


class Command(BaseCommand):
    help = "Queue CSPRG deadline reminders: due within 3 working days, and missed (each sent once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this ISO date, YYYY-MM-DD (for catching up)."
        )

    def handle(self, *args, date=None, **options):
        if date:
            import datetime as dt

            try:
                dt.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date must be a date like 2024-03-04, not {date!r}") from error
        result = send_review_reminders.enqueue(today=date)
        self.stdout.write(f"Queued the deadline reminder run ({result.id}); the worker sends them.")
