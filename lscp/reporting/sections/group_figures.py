"""The sub-groups' own figures, from their apps: the CSPRG's reviews, the CDOP's child deaths
(suppressed, as published), each group's KPI readings, and learning and development."""

from operator import attrgetter

from lscp.reporting.parts import Figure, FigureTable
from lscp.reporting.sections.app_figures import RESTRICTED, figure_of, has_data, table
from lscp.reporting.sources import Pair

REVIEWS = (
    (
        "notifications",
        "Serious incident notifications",
        "incidents the partnership became aware of in the year",
    ),
    (
        "notifications_on_time",
        "Notified to the national panel on time",
        "of those, notified within 5 working days",
    ),
    (
        "rapid_reviews_completed",
        "Rapid reviews completed",
        "rapid reviews sent to the national panel in the year",
    ),
    ("rapid_reviews_on_time", "Completed on time", "sent within 15 working days of the notification"),
    ("practice_reviews_started", "Local practice reviews started", "reviews initiated in the year"),
    ("practice_reviews_published", "Local practice reviews published", "reviews published in the year"),
    (
        "recommendations",
        "Recommendations from reviews",
        "recommendations the year's rapid and practice reviews made",
    ),
    (
        "recommendations_with_action_plans",
        "With an action plan",
        "of those, recommendations with at least one action",
    ),
)


def review_tables(pair: Pair) -> list[FigureTable]:
    compare = has_data(pair.before, ("notifications", "rapid_reviews_completed", "practice_reviews_started"))
    figures = [
        figure_of(
            pair,
            f"reviews.{name}",
            label,
            attrgetter(name),
            definition,
            compare=compare,
            records=pair.now.records.get(name, ()),
        )
        for name, label, definition in REVIEWS
    ]
    tables = [table("reviews", "Reviews", figures)]
    if pair.now.decisions:
        decisions = [
            Figure(
                f"reviews.decision.{n}",
                label,
                count,
                "rapid reviews completed in the year, by the decision made",
                pair.now.records.get(f"decision:{label}", ()),
            )
            for n, (label, count) in enumerate(pair.now.decisions.items(), 1)
        ]
        tables.append(table("review-decisions", "Decisions after rapid review", decisions))
    return tables


def child_death_tables(pair: Pair, note: str) -> list[FigureTable]:
    now, before = pair.now, pair.before
    compare = bool(before.reviews_completed.count) or before.reviews_completed.shown != "0"
    headline = [
        ("reviews_completed", "Child death reviews completed", "reviews the panel completed in the year"),
        ("unexpected", "Unexpected deaths", "of those, deaths that were unexpected"),
        (
            "with_modifiable_factors",
            "With modifiable factors",
            "of those, reviews that found modifiable factors",
        ),
    ]
    figures = [
        Figure(
            f"child_deaths.{name}",
            label,
            getattr(now, name).shown,
            definition,
            previous=getattr(before, name).shown if compare else None,
            records_note=RESTRICTED,
            query=_query(pair, name),
        )
        for name, label, definition in headline
    ]
    tables = [table("child-deaths", "Child death reviews", figures, note=note)]
    for name, title in (("categories", "Category of death"), ("age_bands", "Age at death")):
        earlier = {cell.label: cell.shown for cell in getattr(before, name)}
        cells = [
            Figure(
                f"child_deaths.{name}.{n}",
                cell.label,
                cell.shown,
                f"reviews completed in the year, by {title.lower()}",
                previous=earlier.get(cell.label) if compare else None,
                records_note=RESTRICTED,
            )
            for n, cell in enumerate(getattr(now, name), 1)
        ]
        tables.append(table(f"child-deaths-{name.replace('_', '-')}", title, cells, note=note))
    return tables


KPI_READING = (
    "the KPI's reading at 31 March by statistical process control as Making Data Count reads it: "
    "its variation (improving, worsening or common cause) and whether it will meet its target"
)


def kpi_tables(group_name: str, slug: str, pair: Pair) -> list[FigureTable]:
    now = next((g for g in pair.now if g.group == group_name), None)
    if now is None or not now.kpis:
        return []
    before = next((g for g in pair.before if g.group == group_name), None)
    counts = [
        Figure(
            f"{slug}.kpis.{n}",
            label,
            count,
            "KPIs the group watches, read with SPC up to 31 March",
            tuple(k.indicator for k in now.kpis if k.reading == label),
            before.counts.get(label) if before and before.kpis else None,
        )
        for n, (label, count) in enumerate(now.counts.items(), 1)
    ]
    positions = [
        Figure(
            f"{slug}.kpi.{n}",
            kpi.indicator,
            kpi.reading,
            # One definition for the whole table; each KPI's own sentence goes with its records
            # (the JSON), since fifteen sentences under a table would bury it.
            KPI_READING,
            (kpi.indicator,),
            records_note=" ".join(
                part
                for part in (kpi.sentence, f"Latest {kpi.latest or 'none'}; target {kpi.target or 'none'}.")
                if part
            ),
        )
        for n, kpi in enumerate(now.kpis, 1)
    ]
    return [
        table(f"{slug}-kpis", "Key performance indicators", counts),
        table(f"{slug}-kpi-readings", "Each KPI's reading", positions),
    ]


LEARNING = (
    (
        "practitioners_reached",
        "Practitioners reached",
        "different people who attended learning in the year",
        "",
    ),
    ("attendances", "Attendances", "bookings whose learning counted in the year", ""),
    ("courses_delivered", "Courses delivered", "courses someone attended in the year", ""),
    ("sessions_run", "Sessions run", "sessions that started in the year", ""),
    ("evaluations", "Evaluations", "evaluations completed after the learning", ""),
    ("follow_ups", "Impact follow-ups", "follow-ups answered 3 to 6 months after the learning", ""),
    (
        "resources_published",
        "Resources published",
        "guides, briefings and recordings published in the year",
        "",
    ),
)


LEARNING_QUERY = "A year's bookings run to thousands: `query` is the SQL that lists them."


def _query(pair: Pair, name: str) -> tuple[str, tuple[str, ...]] | None:
    """The SQL (and its parameters) that lists the records behind a learning figure, if any."""
    found = pair.now.queries.get(name)
    return (found.sql, found.params) if found and found.sql else None


def learning_tables(pair: Pair) -> list[FigureTable]:
    # A year before the partnership ran its learning here has no attendances: comparing this
    # year's reach with its zeros would read as growth from nothing, so there is no comparison.
    compare = has_data(pair.before, ("attendances",))
    figures = [
        figure_of(
            pair,
            f"learning.{name}",
            label,
            attrgetter(name),
            definition,
            compare=compare,
            records_note=LEARNING_QUERY,
            query=_query(pair, name),
            unit=unit,
        )
        for name, label, definition, unit in LEARNING
    ]
    impact = [
        figure_of(
            pair,
            "learning.follow_up_rate",
            "Follow-up response rate",
            lambda f: _percent(f.follow_up_rate),
            "follow-ups answered ÷ follow-ups due",
            compare=compare,
            records_note=LEARNING_QUERY,
            query=_query(pair, "follow_ups"),
            unit="%",
        ),
        figure_of(
            pair,
            "learning.impact",
            "Impact on practice",
            lambda f: f.impact.value,
            "mean rating from 1 (no impact) to 5 (a great deal) in the follow-ups",
            compare=compare,
            records_note=LEARNING_QUERY,
            query=_query(pair, "follow_ups"),
            unit="out of 5",
        ),
        figure_of(
            pair,
            "learning.used",
            "Used the learning",
            lambda f: _percent(f.used),
            "follow-ups saying they used the learning, fully or partly",
            compare=compare,
            records_note=LEARNING_QUERY,
            query=_query(pair, "follow_ups"),
            unit="%",
        ),
    ]
    return [
        table("learning", "Learning and development", figures),
        table("learning-impact", "Impact of learning on practice", impact),
    ]


def _percent(share) -> float | None:
    return round(share.value * 100, 1) if share.value is not None else None
