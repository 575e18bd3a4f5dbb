"""The CSPRG's statutory and local deadlines, each a named rule quoting its source.

Every deadline counts working days through `lscp.core.calendar` (England and Wales bank
holidays), never calendar days, except the LCSPR's six months, which the guidance sets in months.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from lscp.core.calendar import add_working_days, working_days_between

# A deadline within this many working days is shown amber on the dashboard.
AMBER_WORKING_DAYS = 3


def notification_due(aware_on: dt.date) -> dt.date:
    """Working Together 2023, ch. 5: the local authority notifies the Panel "within 5 working days of
    becoming aware" of a serious child safeguarding incident."""
    return add_working_days(aware_on, 5)


def rapid_review_due(notified_on: dt.date) -> dt.date:
    """Working Together 2023, ch. 5: the rapid review is sent to the Panel "within 15 working days" of
    the serious incident notification."""
    return add_working_days(notified_on, 15)


def returns_due(notified_on: dt.date) -> dt.date:
    """Local rapid review timetable (Working Together 2023, ch. 5 practice): agency chronologies and
    summaries are returned by working day 10 after the notification."""
    return add_working_days(notified_on, 10)


def meeting_due(notified_on: dt.date) -> dt.date:
    """Local rapid review timetable: the review meeting is held by working day 12 after notification."""
    return add_working_days(notified_on, 12)


def sign_off_due(notified_on: dt.date) -> dt.date:
    """Local rapid review timetable: partners sign the rapid review off by working day 15, the
    statutory deadline for sending it to the Panel."""
    return rapid_review_due(notified_on)


def publication_due(initiated_on: dt.date) -> dt.date:
    """Working Together 2023, ch. 5: a local child safeguarding practice review is published "within
    six months" of its initiation (calendar months; the 31st falls back to the month's last day)."""
    return initiated_on + relativedelta(months=6)


def draft_report_due(initiated_on: dt.date) -> dt.date:
    """Local LCSPR timetable: the reviewer's draft report by four months from initiation, leaving
    time for partners' comments and the family's voice before the six-month publication date."""
    return initiated_on + relativedelta(months=4)


def final_report_due(initiated_on: dt.date) -> dt.date:
    """Local LCSPR timetable: the final report agreed by the partners five months from initiation."""
    return initiated_on + relativedelta(months=5)


# Working Together 2023, ch. 5: partners send the Panel and the Secretary of State the full report
# "no later than 7 working days before the date of publication".
PANEL_NOTICE_WORKING_DAYS = 7


def panel_told_due(initiated_on: dt.date) -> dt.date:
    """The last day to send the Panel the report if the review is to be published on time."""
    return add_working_days(publication_due(initiated_on), -PANEL_NOTICE_WORKING_DAYS)


def triage_due(received_on: dt.date) -> dt.date:
    """Local practice: the CSPRG triages a case referral within 10 working days of receiving it."""
    return add_working_days(received_on, 10)


class State(StrEnum):
    OK = "ok"
    AMBER = "amber"
    RED = "red"


TAG_CLASSES = {State.OK: "govuk-tag--green", State.AMBER: "govuk-tag--yellow", State.RED: "govuk-tag--red"}
STATE_LABELS = {State.OK: "On track", State.AMBER: "Due soon", State.RED: "Late"}


def deadline_state(due: dt.date, today: dt.date) -> State:
    """Red once the day is past; amber when due within 3 working days (today included); else ok."""
    if due < today:
        return State.RED
    if working_days_between(today, due) <= AMBER_WORKING_DAYS:
        return State.AMBER
    return State.OK


@dataclass(frozen=True)
class Deadline:
    label: str
    due: dt.date
    statutory: bool
    today: dt.date

    @property
    def state(self) -> State:
        return deadline_state(self.due, self.today)

    @property
    def working_days_left(self) -> int:
        """Working days from today to the deadline; negative when it has passed."""
        return working_days_between(self.today, self.due)

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES[self.state]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Milestone:
    label: str
    due: dt.date
    done_on: dt.date | None
    statutory: bool = False

    def is_late(self, today: dt.date) -> bool:
        """Late if done after the due day, or not done and the due day has passed."""
        return (self.done_on or today) > self.due


def rapid_review_milestones(
    notified_on: dt.date,
    returns_in_on: dt.date | None,
    meeting_on: dt.date | None,
    signed_off_on: dt.date | None,
) -> list[Milestone]:
    """The typical shape of a rapid review: returns by day 10, meeting by day 12, sign-off by day 15."""
    return [
        Milestone("Agency returns in", returns_due(notified_on), returns_in_on),
        Milestone("Rapid review meeting", meeting_due(notified_on), meeting_on),
        Milestone("Signed off and sent to the Panel", sign_off_due(notified_on), signed_off_on, True),
    ]


def practice_review_milestones(
    initiated_on: dt.date,
    draft_on: dt.date | None,
    final_on: dt.date | None,
    panel_told_on: dt.date | None,
    published_on: dt.date | None,
) -> list[Milestone]:
    """An LCSPR's stages: local dates for the draft and final report, statutory for the rest."""
    return [
        Milestone("Draft report", draft_report_due(initiated_on), draft_on),
        Milestone("Final report", final_report_due(initiated_on), final_on),
        Milestone("Panel told before publication", panel_told_due(initiated_on), panel_told_on, True),
        Milestone("Published", publication_due(initiated_on), published_on, True),
    ]


def next_deadline(milestones: list[Milestone], today: dt.date) -> Deadline | None:
    """The first milestone not yet done, as a deadline; None when all are done."""
    for milestone in milestones:
        if milestone.done_on is None:
            return Deadline(milestone.label, milestone.due, milestone.statutory, today)
    return None


def amber_until(today: dt.date) -> dt.date:
    """The first day that is no longer amber: a due date d is amber when today <= d < this day.

    `deadline_state` counts working days in (today, d]; that count reaches 4 on the fourth
    working day after today, so the SQL filters and the Python rule agree (tested)."""
    return add_working_days(today, AMBER_WORKING_DAYS + 1)
