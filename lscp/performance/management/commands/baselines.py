"""`lscp baselines` lists the new SPC baselines; `lscp baselines --add CODE PERIOD --reason TEXT
[--area AREA]` starts one, checked as the page checks it (not at a series' first value, not twice).
"""

from django.core.management.base import BaseCommand, CommandError

from lscp.performance import baselines
from lscp.performance.baselines import BaselineForm
from lscp.performance.models import Area, Indicator, Rebase


class Command(BaseCommand):
    help = "List the new SPC baselines, or start one (--add CODE PERIOD --reason TEXT [--area AREA])."

    def add_arguments(self, parser):
        parser.add_argument("--add", nargs=2, metavar=("INDICATOR", "PERIOD"), help="Start a new baseline")
        parser.add_argument("--area", default="", help="The area's code (default: every area)")
        parser.add_argument("--reason", default="", help="What changed")

    def handle(self, *args, add=None, area: str = "", reason: str = "", **options):
        if add:
            self._add(*add, area=area, reason=reason)
            return
        for rebase in Rebase.objects.select_related("indicator", "area").order_by(
            "indicator__code", "period_start"
        ):
            where = rebase.area.code if rebase.area else "every area"
            self.stdout.write(
                f"{rebase.indicator.code}\t{where}\t{baselines.period_of(rebase).code}\t{rebase.reason}"
            )

    def _add(self, code: str, period: str, *, area: str, reason: str) -> None:
        indicator = Indicator.objects.filter(code__iexact=code).first()
        if indicator is None:
            raise CommandError(f"There is no indicator with the code {code}")
        chosen = Area.objects.filter(code__iexact=area).first() if area else None
        if area and chosen is None:
            raise CommandError(f"There is no area with the code {area}")
        form = BaselineForm(
            {
                "indicator": indicator.pk,
                "area": chosen.pk if chosen else "",
                "period": period,
                "reason": reason,
            }
        )
        if not form.is_valid():
            raise CommandError(
                "; ".join(str(problem) for problems in form.errors.values() for problem in problems)
            )
        data = form.cleaned_data
        rebase = baselines.add(indicator, chosen, data["period_start"], data["reason"])
        self.stdout.write(
            f"A new baseline for {indicator.name} starts in {baselines.period_of(rebase).label}."
        )
