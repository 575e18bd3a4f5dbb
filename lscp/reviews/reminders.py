"""Deadline reminders for the CSPRG's casework: one when a case's next deadline is 3 working days
away (or nearer), one when it is missed.

They go to the business unit (active business managers and officers) and, for a deadline in the
rapid review's timetable, to the CSPRG's chair. Each is sent once, ever: a `DeadlineReminder`
row (unique on case, deadline and kind) is written in the same transaction that queues the
emails, so a second run, or two runs at once, cannot send it again.

The emails carry the case reference, the deadline and a link, never the summary or anything
about the children: email leaves the partnership's systems.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.mail import send
from lscp.reviews import deadlines
from lscp.reviews.casework import OpenCase, open_cases
from lscp.reviews.models import DeadlineReminder, ReminderKind
from lscp.reviews.rules import CSPRG_SLUG

# The deadline a dashboard label belongs to. An LCSPR's steps all run to one date, publication,
# so its owners hear about that date once, not once per step.
DEADLINE_KINDS = {
    "Notify the Panel": "notify_panel",
    "Rapid review to the Panel": "rapid_review",
    "Signed off and sent to the Panel": "rapid_review",
    "Agency returns in": "returns",
    "Rapid review meeting": "meeting",
    "Triage the referral": "triage",
    "Draft report": "publication",
    "Final report": "publication",
    "Panel told before publication": "publication",
    "Published": "publication",
}
# Deadlines in the rapid review's timetable: the CSPRG chair hears about these too.
RAPID_REVIEW_DEADLINES = frozenset({"rapid_review", "returns", "meeting"})


def deadline_kind(case: OpenCase) -> str:
    return DEADLINE_KINDS.get(case.deadline.label) or slugify(case.deadline.label)[:30]


def reminder_kind(deadline: deadlines.Deadline) -> ReminderKind | None:
    """Missed once the day has passed; due soon within 3 working days (the dashboard's amber)."""
    state = deadline.state
    if state == deadlines.State.RED:
        return ReminderKind.MISSED
    if state == deadlines.State.AMBER:
        return ReminderKind.DUE_SOON
    return None


def business_unit() -> list[str]:
    return sorted(
        set(
            User.objects.filter(
                is_active=True, groups__name__in=[Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER]
            ).values_list("email", flat=True)
        )
    )


def csprg_chairs(today: dt.date) -> list[str]:
    from lscp.governance.models import Membership, MembershipRole

    return sorted(
        set(
            Membership.objects.current(today)
            .filter(group__slug=CSPRG_SLUG, role=MembershipRole.CHAIR, person__is_active=True)
            .values_list("person__email", flat=True)
        )
    )


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def message(case: OpenCase, kind: str) -> tuple[str, str]:
    """Subject and body: the case reference and the deadline only, never a child's details."""
    url = settings.LSCP_BASE_URL.rstrip("/") + case.url
    deadline = case.deadline
    what = f"{deadline.label}{'' if deadline.statutory else ' (local deadline)'}"
    if kind == ReminderKind.MISSED:
        subject = f"{case.kind} {case.reference}: deadline missed"
        lead = (
            f"The deadline for {case.kind.lower()} {case.reference} was {_date(deadline.due)} and has passed."
        )
    else:
        days = deadline.working_days_left
        subject = f"{case.kind} {case.reference}: deadline on {_date(deadline.due)}"
        lead = (
            f"The next deadline for {case.kind.lower()} {case.reference} is {_date(deadline.due)}, "
            f"{days} working day{'' if days == 1 else 's'} away."
        )
    body = (
        f"{lead}\n\nDeadline: {what}\nDue: {_date(deadline.due)}\n\n"
        f"Sign in to see the case:\n{url}\n\n"
        "You get this reminder once. The case's details are in the system, never in email."
    )
    return subject, body


def remind(case: OpenCase, kind: ReminderKind, recipients: list[str]) -> bool:
    """Queue one reminder to each recipient, unless this case's deadline has had one of this kind."""
    subject, body = message(case, kind)
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(
                case=case.reference,
                deadline=deadline_kind(case),
                kind=kind,
                due_on=case.deadline.due,
                sent_to="\n".join(recipients),
            )
            for address in recipients:
                send([address], subject, body)
    except IntegrityError:
        return False  # another run got there first
    return True


def send_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Queue every deadline reminder due today; returns how many of each kind were queued."""
    today = today or timezone.localdate()
    sent = {kind.value: 0 for kind in ReminderKind}
    unit = business_unit()
    chairs = csprg_chairs(today)
    already = set(DeadlineReminder.objects.values_list("case", "deadline", "kind"))
    for case in open_cases(today):
        kind = reminder_kind(case.deadline)
        if kind is None or (case.reference, deadline_kind(case), kind.value) in already:
            continue
        recipients = (
            unit + [c for c in chairs if c not in unit]
            if deadline_kind(case) in RAPID_REVIEW_DEADLINES
            else unit
        )
        if recipients and remind(case, kind, recipients):
            sent[kind.value] += 1
    return sent
