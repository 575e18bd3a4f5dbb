"""The rules for changing a year's plan and report: what a signed-off year locks, signing off,
reopening with a reason, and starting the next year.

A year signed off by the Executive's chair is the record the partnership published; changing it
quietly would make the report and the records disagree, so every edit asks `year_of(record)`
first, and only a reopening (with its reason kept) lets changes in again.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from lscp.core import richtext
from lscp.core.years import FinancialYear
from lscp.governance.models import Group
from lscp.governance.yearly import (
    DevelopmentArea,
    EngagementActivity,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Priority,
    PriorityUpdate,
    Reopening,
    ReportYear,
)


class YearLocked(Exception):
    """The year is signed off: nothing in it may change until it is reopened."""

    def __init__(self, year: ReportYear):
        super().__init__(f"{year.label} is signed off")
        self.year = year


class NotSignedOff(Exception):
    """Only a signed-off year can be reopened."""


def year_of(record: Model) -> ReportYear:
    """The year whose lock governs a record. A key step belongs to the year it is planned for,
    not the year whose report announced it; its progress and an area's impact follow their parent."""
    if isinstance(record, ReportYear):
        return record
    if isinstance(record, PriorityUpdate):
        return record.priority.year
    if isinstance(record, KeyStepProgress):
        return record.key_step.year
    if isinstance(record, ImpactStatement):
        return record.area.year
    if isinstance(record, Priority | GroupYear | KeyStep | DevelopmentArea | EngagementActivity):
        return record.year
    raise TypeError(f"{type(record).__name__} is not part of a year's plan or report")


def check_unlocked(record: Model) -> None:
    year = year_of(record)
    if year.is_locked:
        raise YearLocked(year)


@contextmanager
def holding(year: ReportYear) -> Iterator[None]:
    """Write a change to the year's records while holding the year's row, so that a sign-off
    cannot slip between the page's lock check and the write (sign_off takes the same row lock).
    YearLocked if the year has been signed off since the page was read."""
    with transaction.atomic():
        current = ReportYear.objects.select_for_update().get(pk=year.pk)
        if current.is_locked:
            raise YearLocked(current)
        yield


def sign_off(year: ReportYear, by) -> None:
    # Read the row again under a lock, so two chairs pressing the button sign off once.
    with transaction.atomic():
        current = ReportYear.objects.select_for_update().get(pk=year.pk)
        if current.is_locked:
            raise YearLocked(current)
        current.signed_off_at = timezone.now()
        current.signed_off_by = by
        current.save(update_fields=["signed_off_at", "signed_off_by"])
    year.signed_off_at, year.signed_off_by = current.signed_off_at, by


def reopen(year: ReportYear, by, reason: str) -> Reopening:
    """Open a signed-off year again. The reason is kept with when it had been signed off, and
    publication is withdrawn too: a published report must be the signed-off one."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A reopening needs a reason")
    with transaction.atomic():
        current = ReportYear.objects.select_for_update().get(pk=year.pk)
        if current.signed_off_at is None:
            raise NotSignedOff(f"{current.label} is not signed off")
        reopening = Reopening.objects.create(
            year=current, reason=reason, by=by, was_signed_off_at=current.signed_off_at
        )
        current.signed_off_at = current.signed_off_by = current.published_at = None
        current.save(update_fields=["signed_off_at", "signed_off_by", "published_at"])
    year.signed_off_at = year.signed_off_by = year.published_at = None
    return reopening


def next_year_to_start(today: dt.date | None = None) -> FinancialYear | None:
    """The year after the latest one started, or this financial year when there is none yet.
    Planning runs at most one year ahead (next year's key steps), so nothing further is offered."""
    this_year = FinancialYear.of(today or timezone.localdate())
    latest = ReportYear.objects.order_by("-first_year").values_list("first_year", flat=True).first()
    candidate = FinancialYear(latest).next if latest is not None else this_year
    return candidate if candidate <= this_year.next else None


def start_year(year: FinancialYear) -> ReportYear:
    """Create the year with each active group's function statement carried forward (from its
    latest year, else the group's own), so the narrative starts from last year's words."""
    with transaction.atomic():
        report_year = ReportYear.objects.create(first_year=year.first)
        earlier = (
            GroupYear.objects.filter(year__first_year__lt=year.first)
            .order_by("year__first_year")
            .values_list("group_id", "function")
        )
        latest = dict(earlier)  # oldest first, so each group keeps its latest statement
        GroupYear.objects.bulk_create(
            GroupYear(
                group=group,
                year=report_year,
                function=latest.get(group.pk) or richtext.clean(group.function),
            )
            for group in Group.objects.filter(is_active=True)
        )
    return report_year
