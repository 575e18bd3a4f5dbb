"""Each app's figures as the report's FigureTables: every number named, defined, traced to its
records, and compared with the year before when both years have data."""

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from lscp.reporting.parts import Figure, FigureTable, Value
from lscp.reporting.sources import Pair

RESTRICTED = (
    "Not listed: the records are about individual children and stay in the CDOP's system; where there "
    "is a `query`, someone on the panel can run it to list them."
)


def has_data(figures: Any, attributes: tuple[str, ...]) -> bool:
    """A year has data for a set of figures if any of them counted something."""
    return figures is not None and any(getattr(figures, name) for name in attributes)


def figure_of(
    pair: Pair,
    key: str,
    label: str,
    read: Callable[[Any], Value],
    definition: str,
    *,
    compare: bool,
    records: tuple[str, ...] = (),
    unit: str = "",
    records_note: str = "",
    query: tuple[str, tuple[str, ...]] | None = None,
) -> Figure:
    return Figure(
        key=key,
        label=label,
        value=read(pair.now),
        definition=definition,
        records=records,
        previous=read(pair.before) if compare else None,
        unit=unit,
        records_note=records_note,
        query=query,
    )


def counted(figures: tuple[Figure, ...]) -> str:
    """The "How this was counted" note: each definition once, with the figures it defines (a table
    of one figure per agency or group says its definition once for all)."""
    by_definition: dict[str, list[str]] = {}
    for figure in figures:
        if figure.definition:
            by_definition.setdefault(figure.definition, []).append(figure.label)
    if len(by_definition) == 1 and len(figures) > 2:
        return f"Each figure: {next(iter(by_definition)).rstrip('.')}."
    return " ".join(
        f"{', '.join(labels)}: {definition.rstrip('.')}." for definition, labels in by_definition.items()
    )


def table(id: str, title: str, figures: list[Figure], note: str = "", chart: str = "") -> FigureTable:
    return FigureTable(id, title, tuple(figures), counted(tuple(figures)), note, chart)


# Improvement: the action log and recommendations (the golden thread)

ACTIONS = (
    ("raised", "Actions raised", "actions created in the year, by any group"),
    ("completed", "Actions completed", "actions marked complete with a completion date in the year"),
    ("completed_on_time", "Completed on time", "of those completed, done on or before the due date"),
    ("overdue_at_end", "Overdue at the year's end", "raised by 31 March, due before it and not done by then"),
)


def action_table(pair: Pair) -> FigureTable:
    compare = has_data(pair.before, ("raised", "completed"))
    figures = [
        figure_of(
            pair,
            f"actions.{name}",
            label,
            attrgetter(name),
            definition,
            compare=compare,
            records=pair.now.records.get(name, ()),
        )
        for name, label, definition in ACTIONS
    ]
    return table("actions", "Actions on the action log", figures)


RECOMMENDATIONS = (
    ("made", "Recommendations made", "recommendations made in the year, from any source"),
    ("implemented", "Implemented", "recommendations that moved to implemented in the year"),
    ("impact_evidenced", "Impact evidenced", "recommendations that moved to impact evidenced in the year"),
    ("closed", "Closed", "recommendations closed in the year"),
    ("overdue_at_end", "Overdue at the year's end", "due before 31 March and not implemented by then"),
    (
        "actions_completed",
        "Actions on recommendations completed",
        "actions on recommendations completed in the year",
    ),
    ("actions_completed_on_time", "Completed on time", "of those, done on or before the due date"),
)


def recommendation_table(pair: Pair) -> FigureTable:
    compare = has_data(pair.before, ("made", "implemented", "closed"))
    figures = [
        figure_of(
            pair,
            f"recommendations.{name}",
            label,
            attrgetter(name),
            definition,
            compare=compare,
            records=pair.now.records.get(name, ()),
        )
        for name, label, definition in RECOMMENDATIONS
    ]
    return table("recommendations", "Recommendations and the actions on them", figures)


# Governance: meetings held and attendance by agency


def meeting_tables(
    group_id: int, slug: str, pair: Pair, held: tuple[int, ...], cancelled: tuple[int, ...] = ()
) -> list[FigureTable]:
    now = next((m for m in pair.now.meetings if m.group_id == group_id), None)
    if now is None:
        return []
    before = next((m for m in pair.before.meetings if m.group_id == group_id), None)
    compare = before is not None and bool(before.held or before.cancelled)
    refs = tuple(f"meeting {pk}" for pk in held)
    meetings = [
        Figure(
            f"{slug}.meetings.held",
            "Meetings held",
            now.held,
            "meetings that took place in the year, not cancelled",
            refs,
            before.held if compare and before else None,
        ),
        Figure(
            f"{slug}.meetings.cancelled",
            "Meetings cancelled",
            now.cancelled,
            "meetings in the year marked cancelled",
            tuple(f"meeting {pk}" for pk in cancelled),
            before.cancelled if compare and before else None,
        ),
    ]
    tables = [table(f"{slug}-meetings", "Meetings", meetings)]
    attendance = next((a for a in pair.now.attendance if a.group_id == group_id), None)
    last_year = next((a for a in pair.before.attendance if a.group_id == group_id), None)
    earlier = {row.agency_id: row.rate_percent for row in (last_year.agencies if last_year else ())}
    if attendance and attendance.agencies:
        rows = [
            Figure(
                f"{slug}.attendance.agency-{row.agency_id}",
                row.agency_name,
                row.rate_percent,
                "present ÷ attendance recorded at the meetings held (apologies count as not present)",
                refs,
                earlier.get(row.agency_id),
                unit="%",
            )
            for row in attendance.agencies
        ]
        tables.append(table(f"{slug}-attendance", "Attendance by agency", rows))
    return tables
