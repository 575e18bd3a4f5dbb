"""`lscp chase-child-death-information`: email the business unit about overdue agency information.

Run it once a working day from cron, e.g.

    5 7 * * 1-5  cd /srv/lscp && lscp chase-child-death-information

For every information request past its due date and not yet in, on an open case, the business
manager and officers get one email naming the case reference, the agency and the dates, never the
child. Each request is chased at most once a day, however often this runs.
"""

from django.core.management.base import BaseCommand

from lscp.child_deaths.workflow import chase_overdue_information


class Command(BaseCommand):
    help = "Email the business unit about agency information for child death reviews that is overdue."

    def handle(self, *args, **options):
        chased = chase_overdue_information()
        self.stdout.write(f"Chased {chased} overdue information request{'s' if chased != 1 else ''}.")
