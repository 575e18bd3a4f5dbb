"""A child death case's local timescales, from the `LSCP_CDOP_TIMESCALES` setting.

Child Death Review: Statutory and Operational Guidance (England) 2018 leaves the timescales to
local practice; it sets no statutory deadline for any of these stages. The defaults in settings.py
are this partnership's: notify within 2 working days of the death (48 hours), hold the joint
agency response (JAR) meeting within 5 working days of the notification (unexpected deaths only),
agencies return their information 15 working days after the request, the child death review
meeting (CDRM) within 3 months (90 days) of the death and the panel's review within 6 months (182
days) of it.

Each stage is (number, "working" | "calendar", counted from which event). Working days come from
`lscp.core.calendar` (England and Wales bank holidays); the start day itself is never counted.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist

from lscp.core.calendar import add_working_days

NOTIFICATION = "notification"
JAR = "jar"
INFORMATION = "information"
CDRM = "cdrm"
PANEL = "panel"
STAGES = (NOTIFICATION, JAR, INFORMATION, CDRM, PANEL)

LABELS = {
    NOTIFICATION: "Notification",
    JAR: "Joint agency response meeting",
    INFORMATION: "Information from agencies",
    CDRM: "Child death review meeting",
    PANEL: "Panel review",
}

WORKING, CALENDAR = "working", "calendar"
DEATH, REQUEST = "death", "request"
EVENT_LABELS = {DEATH: "the death", NOTIFICATION: "the notification", REQUEST: "the request"}
# What each stage may be counted from: never from itself or from something that comes after it.
ALLOWED_EVENTS = {
    NOTIFICATION: (DEATH,),
    JAR: (DEATH, NOTIFICATION),
    INFORMATION: (REQUEST, NOTIFICATION, DEATH),
    CDRM: (DEATH, NOTIFICATION),
    PANEL: (DEATH, NOTIFICATION),
}
SETTING = "LSCP_CDOP_TIMESCALES"


@dataclass(frozen=True)
class Timescale:
    stage: str
    number: int
    unit: str
    counted_from: str

    def due(self, start: dt.date) -> dt.date:
        """The last day for the stage, `number` working or calendar days after `start`."""
        if self.unit == WORKING:
            return add_working_days(start, self.number)
        return start + dt.timedelta(days=self.number)

    @property
    def description(self) -> str:
        """For hints and pages: "within 15 working days of the request"."""
        days = "day" if self.number == 1 else "days"
        kind = " working" if self.unit == WORKING else ""
        return f"within {self.number}{kind} {days} of {EVENT_LABELS[self.counted_from]}"


def _problem(message: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{SETTING}: {message}")


def _parse(stage: str, value) -> Timescale:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple) or len(value) != 3:
        raise _problem(f"{stage!r} must be (number, 'working' or 'calendar', counted from), not {value!r}")
    number, unit, counted_from = value
    # bool is an int in Python; True days is a mistake, not a timescale.
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise _problem(f"{stage!r}: the number of days must be a whole number, 1 or more, not {number!r}")
    if unit not in (WORKING, CALENDAR):
        raise _problem(f"{stage!r}: the unit must be 'working' or 'calendar', not {unit!r}")
    allowed = ALLOWED_EVENTS[stage]
    if counted_from not in allowed:
        choices = " or ".join(repr(event) for event in allowed)
        raise _problem(f"{stage!r} can be counted from {choices}, not {counted_from!r}")
    return Timescale(stage, number, unit, counted_from)


def configured() -> dict[str, Timescale]:
    """Every stage's timescale, checked: ImproperlyConfigured names the first bad value.

    Read afresh each time (a handful of comparisons) so that a changed setting, in tests or
    after a deployment, is never shadowed by a stale copy.
    """
    value = getattr(settings, SETTING, None)
    if not isinstance(value, Mapping):
        raise _problem("must be a dict of stage: (number, 'working' or 'calendar', counted from)")
    unknown = [stage for stage in value if stage not in STAGES]
    if unknown:
        raise _problem(f"{unknown[0]!r} is not a stage; the stages are {', '.join(STAGES)}")
    missing = [stage for stage in STAGES if stage not in value]
    if missing:
        raise _problem(f"{missing[0]!r} is missing; give every stage: {', '.join(STAGES)}")
    return {stage: _parse(stage, value[stage]) for stage in STAGES}


def timescale(stage: str) -> Timescale:
    return configured()[stage]


def recorded(case, name: str):
    """A one-to-one record of the case, or None while it has not been recorded."""
    try:
        return getattr(case, name)
    except ObjectDoesNotExist:
        return None


def _passed(case, stage: str) -> bool:
    """Whether the case's stage is beyond `stage`: an imported, closed case has no CDRM record, but
    its CDRM is not late."""
    from lscp.child_deaths.models import STAGE_ORDER, Stage

    reached = {
        JAR: Stage.JOINT_AGENCY_RESPONSE,
        INFORMATION: Stage.INFORMATION,
        CDRM: Stage.REVIEW_MEETING,
        PANEL: Stage.PANEL,
    }[stage]
    return STAGE_ORDER.index(Stage(case.stage)) > STAGE_ORDER.index(reached)


def information_due(case, requested_on: dt.date) -> dt.date:
    """When information asked of an agency on `requested_on` is due back."""
    scale = timescale(INFORMATION)
    start = {REQUEST: requested_on, NOTIFICATION: case.notified_on, DEATH: case.died_on}[scale.counted_from]
    return scale.due(start)


@dataclass(frozen=True)
class StageDue:
    """One stage of one case: its due date (None until it can be known) and when it was done."""

    stage: str
    label: str
    due: dt.date | None
    done: bool
    done_on: dt.date | None = None

    def is_overdue(self, today: dt.date) -> bool:
        """Not done and the due day has passed: shown red."""
        return not self.done and self.due is not None and today > self.due

    def was_late(self) -> bool:
        return self.done_on is not None and self.due is not None and self.done_on > self.due


def _start(scale: Timescale, case) -> dt.date:
    return case.died_on if scale.counted_from == DEATH else case.notified_on


def _information(scale: Timescale, case) -> StageDue:
    """Each request carries its own due date (set from the timescale when asked, changeable); the
    stage is due when the last of them is and done when every one has come in."""
    requests = list(case.information_requests.all())
    if requests:
        due: dt.date | None = max(r.due_on for r in requests)
        received = [r.received_on for r in requests]
        done_on = max(received) if all(received) else None  # type: ignore[type-var]
    else:
        # Nothing asked yet: counted from the request, the due date is not known until there is one.
        due = None if scale.counted_from == REQUEST else scale.due(_start(scale, case))
        done_on = None
    return StageDue(
        INFORMATION, LABELS[INFORMATION], due, done_on is not None or _passed(case, INFORMATION), done_on
    )


def stage_dues(case) -> list[StageDue]:
    """Every stage of the case, in order, with its due date; an expected death has no JAR."""
    scales = configured()
    dues = [
        StageDue(
            NOTIFICATION, LABELS[NOTIFICATION], scales[NOTIFICATION].due(case.died_on), True, case.notified_on
        )
    ]
    if case.is_unexpected:
        jar = recorded(case, "joint_agency_response")
        done_on = jar.met_on if jar else None
        due = scales[JAR].due(_start(scales[JAR], case))
        dues.append(StageDue(JAR, LABELS[JAR], due, jar is not None or _passed(case, JAR), done_on))
    dues.append(_information(scales[INFORMATION], case))
    for stage, name, field in ((CDRM, "review_meeting", "held_on"), (PANEL, "panel_review", "completed_on")):
        record = recorded(case, name)
        done_on = getattr(record, field) if record else None
        due = scales[stage].due(_start(scales[stage], case))
        dues.append(StageDue(stage, LABELS[stage], due, record is not None or _passed(case, stage), done_on))
    return dues


def due_dates(case) -> dict[str, dt.date | None]:
    """Stage → due date, for the case page."""
    return {item.stage: item.due for item in stage_dues(case)}


@dataclass(frozen=True)
class NextDeadline:
    label: str
    due: dt.date
    late: bool


def next_deadline(case, today: dt.date) -> NextDeadline | None:
    """The first stage not yet done that has a due date; None once the panel has concluded."""
    for item in stage_dues(case):
        if not item.done and item.due is not None:
            return NextDeadline(item.label, item.due, today > item.due)
    return None


def overdue(case, today: dt.date) -> list[StageDue]:
    """The stages past their due date and not yet done (red on the case page and the dashboard)."""
    return [item for item in stage_dues(case) if item.is_overdue(today)]
