"""The report's sections in words: the introduction, progress since last year, the scrutineer's
summary, communication and engagement, and next year's focus. Narrative is cleaned HTML
(lscp.core.richtext) so every output shows it the same way."""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from lscp.core.richtext import render
from lscp.governance.figures import EngagementNarrative, KeyStepNarrative, PriorityNarrative, YearNarrative
from lscp.reporting.parts import Figure, Section
from lscp.reporting.sections.app_figures import table

NO_PROGRESS = "No progress recorded"


@dataclass(frozen=True)
class Introduction:
    text: SafeString
    signatories: tuple[str, ...]


@dataclass(frozen=True)
class StepsOfGroup:
    group: str
    steps: tuple[KeyStepNarrative, ...]


@dataclass(frozen=True)
class Progress:
    groups: tuple[StepsOfGroup, ...]
    no_progress: str = NO_PROGRESS  # shown for a step with nothing recorded: never hidden


@dataclass(frozen=True)
class Scrutiny:
    text: SafeString
    by: str


@dataclass(frozen=True)
class Activity:
    activity: EngagementNarrative
    method: SafeString
    heard: SafeString
    changed: SafeString


@dataclass(frozen=True)
class Engagement:
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Focus:
    text: SafeString
    priorities: tuple[PriorityNarrative, ...]


def by_group(steps: tuple[KeyStepNarrative, ...]) -> tuple[StepsOfGroup, ...]:
    """Steps in the order the year lists them (Executive's first), gathered under their group."""
    groups: dict[str, list[KeyStepNarrative]] = {}
    for step in steps:
        groups.setdefault(step.group, []).append(step)
    return tuple(StepsOfGroup(group, tuple(found)) for group, found in groups.items())


def introduction(year: YearNarrative) -> Section:
    return Section(
        "introduction",
        "Introduction",
        "introduction",
        Introduction(render(year.introduction), year.signatories),
    )


def progress(year: YearNarrative) -> Section:
    """The key steps planned last year for this one, each with its latest progress in the year."""
    steps = year.key_steps
    figures = [
        Figure(
            "progress.key_steps",
            "Key steps planned for the year",
            len(steps),
            "key steps the groups set for this year in last year's report",
            tuple(f"key step {s.id}" for s in steps),
        ),
        Figure(
            "progress.with_progress",
            "With progress recorded",
            sum(1 for s in steps if s.latest),
            "of those, steps with at least one progress update dated in the year",
            tuple(f"key step {s.id}" for s in steps if s.latest),
        ),
    ]
    return Section(
        "progress",
        "Progress since last year",
        "progress",
        Progress(by_group(steps)),
        (table("progress-figures", "Key steps", figures),),
    )


def scrutiny(year: YearNarrative) -> Section:
    return Section(
        "scrutiny",
        "The independent scrutineer's summary",
        "scrutiny",
        Scrutiny(render(year.scrutineer_summary), year.scrutineer),
    )


def engagement(year: YearNarrative) -> Section:
    activities = year.engagement
    figures = [
        Figure(
            "engagement.activities",
            "Engagement activities",
            len(activities),
            "activities in the year that sought the views of children, young people and families",
            tuple(f"engagement {a.id}" for a in activities),
        ),
        Figure(
            "engagement.taking_part",
            "People taking part",
            sum(a.taking_part or 0 for a in activities),
            "the number who took part, where the activity recorded it",
            tuple(f"engagement {a.id}" for a in activities if a.taking_part),
        ),
        Figure(
            "engagement.with_change",
            "Led to a recorded change",
            sum(1 for a in activities if a.changed.strip()),
            "activities with something recorded under what changed as a result",
            tuple(f"engagement {a.id}" for a in activities if a.changed.strip()),
        ),
    ]
    body = Engagement(
        tuple(Activity(a, render(a.method), render(a.heard), render(a.changed)) for a in activities)
    )
    return Section(
        "engagement",
        "Communication and engagement",
        "engagement",
        body,
        (table("engagement-figures", "Engagement with children and families", figures),),
    )


def focus(year: YearNarrative) -> Section:
    return Section(
        "focus",
        "Key areas of focus for next year",
        "focus",
        Focus(render(year.areas_of_focus), year.next_priorities),
    )
