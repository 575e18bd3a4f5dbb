"""Everything the annual report reads, gathered once per report: the year's narrative and each
installed app's figures for the year and the year before.

Each domain app is read only through its `figures.py`, and only if the app is installed: a
partnership without an app (or one not built yet, like schools) gets a report without its
section, and the section appears once the app lands. Nothing here queries a model itself.
"""

import datetime as dt
import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django.apps import apps
from django.utils import timezone

from lscp.core.years import FinancialYear
from lscp.governance import figures as governance


def figures_module(app: str) -> ModuleType | None:
    """`lscp.<app>.figures`, or None when the app is not installed or has no figures yet."""
    if not apps.is_installed(f"lscp.{app}"):
        return None
    try:
        return importlib.import_module(f"lscp.{app}.figures")
    except ModuleNotFoundError as error:
        if error.name != f"lscp.{app}.figures":
            raise  # the module exists but imports something missing: a real error
        return None


@dataclass(frozen=True)
class Pair:
    """An app's figures for the year and for the year before (None when it cannot say)."""

    now: Any
    before: Any


@dataclass(frozen=True)
class Sources:
    year: FinancialYear
    at: dt.datetime
    narrative: governance.YearNarrative | None
    meetings: Pair  # governance.GovernanceFigures
    meetings_held: dict[int, tuple[int, ...]]  # group id -> meeting ids
    meetings_cancelled: dict[int, tuple[int, ...]]
    actions: Pair | None  # improvement.ActionFigures
    recommendations: Pair | None  # improvement.RecommendationFigures
    reviews: Pair | None
    child_deaths: Pair | None
    performance: Pair | None  # [performance.GroupFigures], read at each year's end
    learning: Pair | None
    schools: Pair | None


def _pair(module: ModuleType | None, name: str, year: FinancialYear, **kwargs) -> Pair | None:
    if module is None:
        return None
    read = getattr(module, name)
    return Pair(read(year.start, year.end, **kwargs), read(year.previous.start, year.previous.end, **kwargs))


def gather(year: FinancialYear, at: dt.datetime | None = None) -> Sources:
    at = at or timezone.now()
    improvement = figures_module("improvement")
    performance = figures_module("performance")
    schools = figures_module("schools")
    return Sources(
        year=year,
        at=at,
        narrative=governance.year_narrative(year.first),
        meetings=_pair(governance, "governance_figures", year, now=at),  # type: ignore[arg-type]
        meetings_held=governance.meetings_held(year.start, year.end, now=at),
        meetings_cancelled=governance.meetings_held(year.start, year.end, cancelled=True),
        actions=_pair(improvement, "action_figures", year),
        recommendations=_pair(improvement, "recommendation_figures", year),
        reviews=_pair(figures_module("reviews"), "figures", year),
        child_deaths=_pair(figures_module("child_deaths"), "child_death_figures", year),
        performance=(
            Pair(
                performance.performance_figures(year.end), performance.performance_figures(year.previous.end)
            )
            if performance
            else None
        ),
        learning=_pair(figures_module("learning"), "learning_figures", year, now=at),
        # Schools has no figures yet; when it does, its reader is `schools_figures(start, end)`.
        schools=_pair(schools, "schools_figures", year)
        if schools and hasattr(schools, "schools_figures")
        else None,
    )
