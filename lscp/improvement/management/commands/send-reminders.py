"""`lscp send-reminders`: queue today's action reminders for the background worker.

Run it once a day from cron, e.g. at 07:00:

    0 7 * * *  cd /srv/lscp && lscp send-reminders

Running it twice in a day (or by hand) is safe: each reminder is sent once, ever.
"""

from django.core.management.base import BaseCommand

from lscp.improvement.tasks import send_action_reminders


class Command(BaseCommand):
    help = "Queue reminders to action owners: due within 7 days, and overdue (each sent once)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this ISO date (for catching up).")

    def handle(self, *args, date=None, **options):
        result = send_action_reminders.enqueue(today=date)
        self.stdout.write(f"Queued the reminder run ({result.id}); the worker sends them.")
