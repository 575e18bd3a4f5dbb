"""The statutory checklist: the four things Working Together to Safeguard Children asks each
yearly report to include, each checked against what the records hold.

Each check is a small named function whose docstring quotes what it checks. It says met or not
met, why, and what it found: the evidence, or (for the second) the gaps themselves, which the
report prints as a section of its own so a lack of progress is never silent.
"""

from lscp.core.richtext import plain
from lscp.reporting.parts import CheckItem
from lscp.reporting.sources import Sources

SOURCE = "Working Together to Safeguard Children 2023, chapter 2: the yearly report"
DEVELOPMENT = "Development still required"


def _plural(n: int, word: str, words: str = "") -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


def evidence_of_impact(sources: Sources) -> CheckItem:
    """1. Evidence of the impact of the partners' work, including training, on outcomes for children
    and families."""
    narrative = sources.narrative
    statements = [i for a in (narrative.development_areas if narrative else ()) for i in a.impacts]
    found = [f"Impact: {_short(i.text, 120)}" for i in statements]
    reasons = [f"{_plural(len(statements), 'impact statement')} on the year's areas of development"]
    training = True
    if sources.learning:
        learning = sources.learning.now
        training = learning.follow_ups > 0
        impact = (
            f", mean impact {learning.impact.value:.1f} out of 5" if learning.impact.value is not None else ""
        )
        reasons.append(f"{_plural(learning.follow_ups, 'training impact follow-up')} answered{impact}")
    if sources.recommendations:
        evidenced = sources.recommendations.now.records.get("impact_evidenced", ())
        reasons.append(f"{_plural(len(evidenced), 'recommendation')} with impact evidenced in the year")
        found += [f"Recommendation {ref}: impact evidenced" for ref in evidenced]
    if not training:
        reasons.append("No evidence yet of the impact of training on practice")
    met = bool(statements) and training
    return CheckItem(
        1,
        "Evidence of the impact of the partners' work, training included",
        SOURCE,
        met,
        tuple(reasons),
        tuple(found),
    )


def little_or_no_progress(sources: Sources) -> CheckItem:
    """2. An analysis of any areas where there has been little or no evidence of progress on agreed
    priorities."""
    narrative = sources.narrative
    found: list[str] = []
    for p in narrative.priorities if narrative else ():
        if p.latest is None:
            found.append(f"Priority “{p.title}”: no update recorded")
        elif p.latest.rag == "red":
            found.append(f"Priority “{p.title}”: red at its latest update ({p.latest.on:%-d %B %Y})")
    for step in narrative.key_steps if narrative else ():
        if step.latest is None:
            found.append(f"{step.group} key step “{_short(step.text, 100)}”: no progress recorded")
        elif step.latest.rag == "red":
            found.append(f"{step.group} key step “{_short(step.text, 100)}”: red at its latest progress")
    for area in narrative.development_areas if narrative else ():
        if not area.impacts:
            found.append(f"Area of development “{area.title}”: no impact recorded")
    for group in sources.performance.now if sources.performance else ():
        found += [
            f"{group.group} KPI “{k.indicator}”: {DEVELOPMENT.lower()}"
            for k in group.kpis
            if k.reading == DEVELOPMENT
        ]
    if sources.recommendations:
        records = sources.recommendations.now.records
        evidenced = set(records.get("impact_evidenced", ()))
        without_impact = [ref for ref in records.get("implemented", ()) if ref not in evidenced]
        found += _recommendations(records.get("overdue_at_end", ()), "overdue at the year's end")
        found += _recommendations(without_impact, "implemented in the year, with no evidence of impact yet")
    planned = bool(narrative and (narrative.priorities or narrative.key_steps))
    reasons = [f"{_plural(len(found), 'area')} with little or no evidence of progress, listed in the report"]
    if not planned:
        reasons = ["No priorities or key steps are recorded for the year, so progress cannot be analysed"]
    return CheckItem(
        2,
        "Analysis of areas with little or no evidence of progress",
        SOURCE,
        planned,
        tuple(reasons),
        tuple(found),
    )


def decisions_on_review_recommendations(sources: Sources) -> CheckItem:
    """3. A record of the decisions and actions taken by the partners on the recommendations of local
    and national child safeguarding practice reviews, including any resulting improvements."""
    reasons: list[str] = []
    found: list[str] = []
    if sources.reviews:
        reviews = sources.reviews.now
        reasons.append(
            f"{_plural(reviews.recommendations, 'recommendation')} from the year's reviews, "
            f"{reviews.recommendations_with_action_plans} with an action plan"
        )
    if sources.recommendations is None:
        return CheckItem(
            3,
            "Decisions and actions on practice review recommendations",
            SOURCE,
            False,
            ("The action log (improvement) is not installed",),
        )
    figures = sources.recommendations.now
    reasons.append(f"{_plural(figures.actions_completed, 'action')} on recommendations completed")
    reasons.append(f"{figures.implemented} implemented and {figures.impact_evidenced} with impact evidenced")
    found += [f"Action {ref}: completed" for ref in figures.records.get("actions_completed", ())]
    found += [f"Recommendation {ref}: implemented" for ref in figures.records.get("implemented", ())]
    acted = figures.actions_completed > 0 or figures.implemented > 0
    if not acted:
        reasons.append("No action on recommendations was completed in the year")
    return CheckItem(
        3,
        "Decisions and actions on practice review recommendations",
        SOURCE,
        acted,
        tuple(reasons),
        tuple(found),
    )


def feedback_from_children_and_families(sources: Sources) -> CheckItem:
    """4. How the partners have sought and used feedback from children and families to inform their
    work and influence service provision."""
    activities = sources.narrative.engagement if sources.narrative else ()
    used = [a for a in activities if a.changed.strip()]
    unused = [a for a in activities if not a.changed.strip()]
    reasons = [f"{_plural(len(activities), 'engagement activity', 'engagement activities')} recorded"]
    if unused:
        reasons.append(f"{len(unused)} with nothing recorded under what changed as a result")
    if not used:
        reasons.append("No change is recorded as a result of what children and families said")
    found = tuple(f"“{a.title}”: nothing recorded under what changed" for a in unused)
    return CheckItem(
        4, "Feedback from children and families, sought and used", SOURCE, bool(used), tuple(reasons), found
    )


CHECKS = (
    evidence_of_impact,
    little_or_no_progress,
    decisions_on_review_recommendations,
    feedback_from_children_and_families,
)


def assess(sources: Sources) -> tuple[CheckItem, ...]:
    return tuple(check(sources) for check in CHECKS)


def _short(html: str, length: int) -> str:
    """Stored narrative as words for a one-line mention, cut at a word near `length`."""
    words = plain(html)
    return words if len(words) <= length else words[:length].rsplit(" ", 1)[0] + "…"


# A partnership with thousands of overdue recommendations gets one line saying so, not thousands.
LISTED = 10


def _recommendations(references, what: str) -> list[str]:
    """One line for a set of recommendations: how many, and the first few by reference (every one
    is in the JSON, under the recommendation figures' records, and in the tracker)."""
    references = list(references)
    if not references:
        return []
    if len(references) == 1:
        return [f"Recommendation {references[0]}: {what}"]
    shown = ", ".join(references[:LISTED])
    more = f" and {len(references) - LISTED:,} more" if len(references) > LISTED else ""
    return [f"{len(references):,} recommendations {what}: {shown}{more}"]
