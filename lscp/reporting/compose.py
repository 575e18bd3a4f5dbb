"""The annual report for a financial year, composed from the records: `compose(year) -> Report`.

Sections follow the order of a partnership's published annual report: introduction, structure
and governance, progress since last year, the independent scrutineer's summary, the Executive,
each sub-group, education, communication and engagement, and next year's focus; then the
analysis of areas with little or no progress that Working Together asks for. A year with nothing
recorded still gives a report: one that lists what is missing instead of failing.
"""

import datetime as dt

from django.conf import settings

from lscp.core.years import FinancialYear
from lscp.reporting import checklist
from lscp.reporting.parts import Report, Section
from lscp.reporting.sections import groups, narrative
from lscp.reporting.sources import Sources, gather


def compose(year: FinancialYear, at: dt.datetime | None = None) -> Report:
    sources = gather(year, at)
    checks = checklist.assess(sources)
    state = sources.narrative.state if sources.narrative else None
    return Report(
        year=year,
        partnership=settings.PARTNERSHIP_NAME,
        short_name=settings.PARTNERSHIP_SHORT_NAME,
        exists=sources.narrative is not None,
        signed_off_at=state.signed_off_at if state else None,
        published_at=state.published_at if state else None,
        made_at=sources.at,
        sections=tuple(sections(sources, checks)),
        gaps=tuple(gaps(sources)),
        checklist=checks,
    )


def sections(sources: Sources, checks) -> list[Section]:
    year = sources.narrative
    if year is None:
        return []
    found = [
        narrative.introduction(year),
        groups.structure(sources),
        narrative.progress(year),
        narrative.scrutiny(year),
        *groups.executive(sources),
        *groups.subgroups(sources),
        groups.education(sources),
        narrative.engagement(year),
        narrative.focus(year),
        Section("little-progress", "Areas with little or no evidence of progress", "analysis", checks[1]),
    ]
    return [section for section in found if section is not None]


def gaps(sources: Sources) -> list[str]:
    """What the report lacks, in words a business manager can act on."""
    year = sources.narrative
    label = sources.year.label
    if year is None:
        return [f"There is no plan and report for {label}: add the year under governance first."]
    missing = [
        (year.introduction, "No introduction has been written."),
        (year.signatories, "No signatories are named for the introduction."),
        (year.scrutineer_summary, "The independent scrutineer's summary has not been written."),
        (year.priorities, "No priorities are recorded for the year."),
        (
            year.key_steps,
            "No key steps were planned for the year, so there is no progress since last year to report.",
        ),
        (year.development_areas, "No key areas of development are recorded for any group."),
        (year.engagement, "No engagement with children and families is recorded."),
        (
            year.areas_of_focus or year.next_priorities,
            "Next year's areas of focus and priorities are not recorded.",
        ),
        (year.next_key_steps, "No key steps are planned for next year."),
        (any(m.held for m in sources.meetings.now.meetings), "No meetings are recorded as held in the year."),
        (year.state.is_locked, "The year has not been signed off by the Executive chair."),
    ]
    return [text for present, text in missing if not present]
