"""`lscp send-learning-emails`: the learning and development emails that fall due with time.

Run it every hour from cron (a waiting-list offer lasts 48 hours, so lapsed offers should move on
to the next person promptly), e.g. at a quarter past:

    15 * * * *  cd /srv/lscp && uv run lscp send-learning-emails

It lapses offers not taken up and offers the places to the next person waiting, then queues the
reminders (14 days before), joining instructions (5 days before), evaluation requests and their
reminders, impact follow-ups (3 months after, a reminder at 4, closed at 6, the line manager
asked too when the practitioner named one) and resource review reminders; the background worker
sends them. Each email is sent once, ever: running it twice, by hand, or with --now to catch up
after an outage is safe. See lscp.learning.schedule.
"""

from django.core.management.base import BaseCommand, CommandError

from lscp.learning import schedule
from lscp.learning.models import EmailKind
from lscp.learning.tasks import send_learning_emails

LABELS = {
    **{kind.value: kind.label for kind in EmailKind},
    schedule.RESOURCE_REVIEW: "Resource review reminder",
}


class Command(BaseCommand):
    help = "Lapse stale waiting-list offers and queue the learning emails now due (each sent once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", help="Act as if it were this ISO date-time, e.g. 2024-03-04T07:00 (for catching up)."
        )
        parser.add_argument(
            "--background", action="store_true", help="Hand the run to the background worker instead."
        )

    def handle(self, *args, now=None, background=False, **options):
        if now:
            try:
                schedule.moment(now)
            except ValueError as error:
                raise CommandError(f"--now must be a date-time like 2024-03-04T07:00, not {now!r}") from error
        if background:
            result = send_learning_emails.enqueue(now=now)
            self.stdout.write(f"Queued the learning email run ({result.id}); the worker does it.")
            return
        counts = schedule.run(schedule.moment(now) if now else None)
        lapsed = counts.pop(schedule.OFFERS_LAPSED)
        total = sum(counts.values())
        if lapsed:
            self.stdout.write(f"{lapsed} waiting-list offer{'s' if lapsed != 1 else ''} lapsed.")
        if not total:
            self.stdout.write("No learning emails due.")
            return
        self.stdout.write(f"Queued {total} learning email{'s' if total != 1 else ''}; the worker sends them:")
        for key, count in counts.items():
            if count:
                self.stdout.write(f"  {count:>4}  {LABELS.get(key, key)}")
