"""What the annual report reads about the Child Death Overview Panel, for a period. Plain dataclasses.

The report is public, so every figure is suppressed (lscp.child_deaths.arithmetic): a count from
1 to 4 shows as "<5", and cells are withheld so that such a count cannot be worked out.
"""

import datetime as dt
from dataclasses import dataclass, field

from lscp.child_deaths.analysis import Analysis, analyse
from lscp.child_deaths.arithmetic import SUPPRESSION_NOTE, Cell
from lscp.child_deaths.categories import Expectation, Modifiable
from lscp.child_deaths.models import PanelReview
from lscp.core.queries import RecordsQuery, records_query

DEPENDS_ON: list[str] = []


@dataclass(frozen=True)
class ChildDeathFigures:
    start: dt.date
    end: dt.date
    reviews_completed: Cell
    previous_period: Cell  # reviews completed in the period before, for comparison
    first_year_of_death: int | None  # the deaths reviewed happened from this year ...
    last_year_of_death: int | None  # ... to this one
    unexpected: Cell
    with_modifiable_factors: Cell  # its `percent` is the share of the reviews completed
    categories: list[Cell]
    age_bands: list[Cell]
    factors: list[Cell]
    analysis: Analysis  # every breakdown, suppressed, for tables and charts
    note: str = SUPPRESSION_NOTE
    # The query behind each headline figure: the reviews are about individual children, so the
    # report names the query (for someone on the panel to run), never the records.
    queries: dict[str, RecordsQuery] = field(default_factory=dict)


def child_death_figures(start: dt.date, end: dt.date) -> ChildDeathFigures:
    """The panel's figures for reviews completed in [start, end], fit to publish."""
    analysis = analyse(start, end, suppressed=True)
    years = [int(cell.label) for cell in analysis.years_of_death]
    unexpected = next(cell for cell in analysis.expectation if cell.label == Expectation.UNEXPECTED.label)
    return ChildDeathFigures(
        start=start,
        end=end,
        reviews_completed=analysis.completed,
        previous_period=analysis.previous,
        first_year_of_death=years[0] if years else None,
        last_year_of_death=years[-1] if years else None,
        unexpected=unexpected,
        with_modifiable_factors=analysis.with_modifiable_factors,
        categories=analysis.categories,
        age_bands=analysis.age_bands,
        factors=analysis.factors,
        analysis=analysis,
        queries=_queries(start, end),
    )


def _queries(start: dt.date, end: dt.date) -> dict[str, RecordsQuery]:
    completed = PanelReview.objects.filter(completed_on__range=(start, end)).values("pk")
    return {
        "reviews_completed": records_query(completed),
        "unexpected": records_query(completed.filter(case__expectation=Expectation.UNEXPECTED)),
        "with_modifiable_factors": records_query(completed.filter(modifiable=Modifiable.YES)),
    }
