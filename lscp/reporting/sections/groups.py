"""Structure and governance, the Executive, and each sub-group: what it is for, its key areas of
development and their impact, its figures from its app, and its key steps for next year.

Which app's figures a sub-group reports is set by the group's slug (the demo's and most
partnerships' names); KPI readings go to whichever groups watch KPIs, and every group reports
its meetings and attendance."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from lscp.core.richtext import render
from lscp.governance.figures import DevelopmentNarrative, GroupNarrative, ImpactNarrative, KeyStepNarrative
from lscp.reporting import charts
from lscp.reporting.parts import Figure, FigureTable, Section
from lscp.reporting.sections.app_figures import action_table, meeting_tables, recommendation_table, table
from lscp.reporting.sections.group_figures import (
    child_death_tables,
    kpi_tables,
    learning_tables,
    review_tables,
)
from lscp.reporting.sources import Sources


@dataclass(frozen=True)
class Structure:
    executive: str
    subgroups: tuple[GroupNarrative, ...]
    diagram: str  # SVG; the list of groups in the template is its text alternative


@dataclass(frozen=True)
class Area:
    area: DevelopmentNarrative
    text: SafeString
    impacts: tuple[ImpactNarrative, ...]


@dataclass(frozen=True)
class GroupPart:
    group: GroupNarrative
    function: SafeString
    areas: tuple[Area, ...]
    next_steps: tuple[KeyStepNarrative, ...]


def _reviews(sources: Sources) -> list[FigureTable]:
    tables = review_tables(sources.reviews) if sources.reviews else []
    if sources.recommendations:
        tables.append(recommendation_table(sources.recommendations))
    return tables


def _child_deaths(sources: Sources) -> list[FigureTable]:
    if not sources.child_deaths:
        return []
    return child_death_tables(sources.child_deaths, sources.child_deaths.now.note)


def _learning(sources: Sources) -> list[FigureTable]:
    return learning_tables(sources.learning) if sources.learning else []


# slug -> the app figures the group reports (MACE's come once the exploitation app has figures).
GROUP_FIGURES: dict[str, Callable[[Sources], list[FigureTable]]] = {
    "csprg": _reviews,
    "cdop": _child_deaths,
    "learning": _learning,
}


def structure(sources: Sources) -> Section:
    groups = sources.narrative.groups if sources.narrative else ()
    executive = next((g for g in groups if g.is_executive), None)
    subgroups = tuple(g for g in groups if not g.is_executive)
    name = executive.name if executive else "Executive"
    held = [
        (g.short_name, next((m.held for m in sources.meetings.now.meetings if m.group_id == g.id), 0))
        for g in groups
    ]
    figures = [
        Figure(
            f"meetings.{g.slug}",
            g.name,
            n,
            "meetings that took place in the year, not cancelled",
            tuple(f"meeting {pk}" for pk in sources.meetings_held.get(g.id, ())),
        )
        for g, (_, n) in zip(groups, held, strict=True)
    ]
    tables = (
        (table("meetings-held", "Meetings held by each group", figures, chart=charts.meetings(tuple(held))),)
        if groups
        else ()
    )
    body = Structure(
        name,
        subgroups,
        charts.structure(executive.short_name if executive else name, tuple(g.short_name for g in subgroups)),
    )
    return Section("structure", "Structure and governance", "structure", body, tables)


def _part(group: GroupNarrative, sources: Sources) -> GroupPart:
    narrative = sources.narrative
    assert narrative is not None
    areas = tuple(
        Area(area, render(area.text), area.impacts)
        for area in narrative.development_areas
        if area.group_id == group.id
    )
    steps = tuple(step for step in narrative.next_key_steps if step.group_id == group.id)
    return GroupPart(group, render(group.function), areas, steps)


def group_section(group: GroupNarrative, sources: Sources) -> Section:
    tables = meeting_tables(
        group.id,
        group.slug,
        sources.meetings,
        sources.meetings_held.get(group.id, ()),
        sources.meetings_cancelled.get(group.id, ()),
    )
    if group.is_executive and sources.actions:
        tables.append(action_table(sources.actions))
    if (
        group.is_executive
        and sources.recommendations
        and not any(g.slug in GROUP_FIGURES for g in _groups(sources))
    ):
        tables.append(recommendation_table(sources.recommendations))
    tables.extend(GROUP_FIGURES.get(group.slug, lambda s: [])(sources))
    if sources.performance:
        tables.extend(kpi_tables(group.name, group.slug, sources.performance))
    kind = "executive" if group.is_executive else "group"
    return Section(f"group-{group.slug}", group.name, kind, _part(group, sources), tuple(tables))


def _groups(sources: Sources) -> tuple[GroupNarrative, ...]:
    return sources.narrative.groups if sources.narrative else ()


def executive(sources: Sources) -> list[Section]:
    return [group_section(g, sources) for g in _groups(sources) if g.is_executive]


def subgroups(sources: Sources) -> list[Section]:
    return [group_section(g, sources) for g in _groups(sources) if not g.is_executive]


def education(sources: Sources) -> Section | None:
    """Only once a schools app exists: its whole-number figures, named by their fields."""
    if sources.schools is None:
        return None
    now, before = sources.schools.now, sources.schools.before
    figures = [
        Figure(
            f"schools.{f.name}",
            f.name.replace("_", " ").capitalize(),
            getattr(now, f.name),
            "as the schools app counts it",
            previous=getattr(before, f.name, None),
        )
        for f in dataclasses.fields(now)
        if isinstance(getattr(now, f.name), int)
    ]
    return Section("education", "Education", "education", None, (table("schools", "Schools", figures),))
