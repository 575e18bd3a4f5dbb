"""The panel's analysis of the reviews it completed in a period, the way an annual report gives it.

Reviews are counted by the day the panel concluded (`PanelReview.completed_on`), not by the day
the child died: a year's reviews can include deaths from several years back, and the report says
which years those were. Everything is counted in the database, in three queries whatever the
number of cases: one pass grouped by year of death with a conditional count for every category,
band and so on; the previous period's total; and the named factors.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, TextChoices
from django.db.models.functions import ExtractYear

from lscp.child_deaths.arithmetic import Cell, breakdown, figure
from lscp.child_deaths.categories import AgeBand, Category, Expectation, Modifiable, Sex
from lscp.child_deaths.models import PanelReview

# (name, the lookup from a PanelReview, its choices in the order a report lists them)
BREAKDOWNS: list[tuple[str, str, type[TextChoices]]] = [
    ("expectation", "case__expectation", Expectation),
    ("category", "category", Category),
    ("age_band", "case__age_band", AgeBand),
    ("sex", "case__sex", Sex),
    ("modifiable", "modifiable", Modifiable),
]


@dataclass(frozen=True)
class Analysis:
    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    suppressed: bool  # True for figures published outside the panel
    completed: Cell  # reviews the panel completed in the period
    previous: Cell  # the same for the period before, for comparison
    years_of_death: list[Cell]  # the years those children died, earliest first
    expectation: list[Cell]
    categories: list[Cell]  # all ten, in the national form's hierarchy
    age_bands: list[Cell]  # all six, youngest first
    sexes: list[Cell]
    modifiable: list[Cell]  # yes, no, insufficient information
    factors: list[Cell]  # named factors among the reviews with modifiable factors, most frequent first

    @property
    def with_modifiable_factors(self) -> Cell:
        """Reviews that found modifiable factors, with their share of the reviews completed."""
        return self.modifiable[0]

    @property
    def breakdowns(self) -> list[tuple[str, list[Cell]]]:
        """(title, cells) for each breakdown, in the order a report gives them."""
        return [
            ("Year of death", self.years_of_death),
            ("Expected or unexpected", self.expectation),
            ("Category of death", self.categories),
            ("Age at death", self.age_bands),
            ("Sex", self.sexes),
            ("Modifiable factors", self.modifiable),
            ("Named factors in reviews with modifiable factors", self.factors),
        ]


def financial_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """The financial year (1 April to 31 March) that `today` falls in."""
    first = today.year if today.month >= 4 else today.year - 1
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period just before [start, end] and as long: whole years back when the period is
    whole years (so 2023-24, which has a 29 February, compares with all of 2022-23), otherwise
    the same number of days."""
    before = start - dt.timedelta(days=1)
    for years in (end.year - start.year, end.year - start.year + 1):
        if years > 0 and _add_years(start, years) - dt.timedelta(days=1) == end:
            return _add_years(start, -years), before
    return before - (end - start), before


def analyse(start: dt.date, end: dt.date, *, suppressed: bool) -> Analysis:
    """The analysis of the panel reviews completed from `start` to `end` inclusive."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    reviews = PanelReview.objects.filter(completed_on__range=(start, end))
    by_year = _counts_by_year_of_death(reviews)
    # The years are a handful of rows already counted in the database: add them up per column.
    counts = {key: sum(row[key] for row in by_year) for key in ["total", *_conditional_counts()]}
    total = counts["total"]
    previous_start, previous_end = previous_period(start, end)
    previous = PanelReview.objects.filter(completed_on__range=(previous_start, previous_end)).count()
    cells = {
        name: breakdown(
            [(choice.label, counts[_alias(name, i)]) for i, choice in enumerate(choices)],
            total,
            suppressed=suppressed,
        )
        for name, _, choices in BREAKDOWNS
    }
    with_factors = cells["modifiable"][0]
    return Analysis(
        start=start,
        end=end,
        previous_start=previous_start,
        previous_end=previous_end,
        suppressed=suppressed,
        completed=figure("Reviews completed", total, suppressed=suppressed),
        previous=figure("Reviews completed in the previous period", previous, suppressed=suppressed),
        years_of_death=breakdown(_years_of_death(by_year), total, suppressed=suppressed),
        expectation=cells["expectation"],
        categories=cells["category"],
        age_bands=cells["age_band"],
        sexes=cells["sex"],
        modifiable=cells["modifiable"],
        # A review can have several named factors, so these need not add up to anything; each is
        # a share of the reviews with modifiable factors, unless that number is withheld.
        factors=breakdown(_factors(reviews), with_factors.count, suppressed=suppressed, partition=False),
    )


def _alias(name: str, index: int) -> str:
    return f"{name}_{index}"


def _conditional_counts() -> dict[str, Count]:
    return {
        _alias(name, i): Count("pk", filter=Q(**{lookup: choice.value}))
        for name, lookup, choices in BREAKDOWNS
        for i, choice in enumerate(choices)
    }


class Year(ExtractYear):
    """ExtractYear, but on SQLite with its own strftime: Django's goes through a Python function,
    called once a row, which is most of the cost of a ten-year analysis there."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS integer)", params


def _counts_by_year_of_death(reviews) -> list[dict]:
    """One row per year of death: its reviews, and a conditional count for every choice of every
    breakdown. One pass over the reviews, whatever their number."""
    return list(
        reviews.annotate(year=Year("case__died_on"))
        .values("year")
        .annotate(total=Count("pk"), **_conditional_counts())
        .order_by("year")
    )


def _years_of_death(by_year: list[dict]) -> list[tuple[str, int]]:
    """(year, reviews) from the earliest year of death to the latest, years with none included."""
    reviewed = {row["year"]: row["total"] for row in by_year}
    if not reviewed:
        return []
    return [(str(year), reviewed.get(year, 0)) for year in range(min(reviewed), max(reviewed) + 1)]


def _factors(reviews) -> list[tuple[str, int]]:
    """(factor, reviews) for each named factor recorded on a review that found modifiable
    factors, most frequent first, then by name."""
    Through = PanelReview.factors.through
    rows = (
        Through.objects.filter(panelreview__in=reviews.filter(modifiable=Modifiable.YES))
        .values("factor__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "factor__name")
    )
    return [(row["factor__name"], row["n"]) for row in rows]  # one row a factor, already counted
