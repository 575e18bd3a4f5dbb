"""What the CSPRG has open and what falls due next.

Every open case's next deadline is kept in one table (`CaseDeadline`), rewritten whenever a case,
or a rapid review's return, is saved: the deadline dashboard then sorts, pages and counts in SQL,
whatever the number of cases. Due dates never depend on today; whether one is late does, so the
red/amber/green state is worked out when the page is read.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from lscp.reviews import deadlines
from lscp.reviews.models import (
    CaseDeadline,
    CaseReferral,
    PracticeReview,
    RapidReview,
    Return,
    SeriousIncidentNotification,
)

# The dashboard shows the open cases a page at a time, the most urgent first.
CASES_PER_PAGE = 50

NOTIFICATION = "Notification"
REFERRAL = "Referral"
RAPID_REVIEW = "Rapid review"
PRACTICE_REVIEW = "Practice review"


@dataclass(frozen=True)
class OpenCase:
    kind: str
    reference: str
    url_name: str
    pk: int
    stage: str
    deadline: deadlines.Deadline

    @classmethod
    def from_row(cls, row: CaseDeadline, today: dt.date) -> "OpenCase":
        deadline = deadlines.Deadline(row.label, row.due_on, row.statutory, today)
        return cls(row.kind, row.reference, row.url_name, row.case_id, row.stage, deadline)

    @property
    def url(self) -> str:
        """Reversed when shown: the dashboard shows a page of cases, not all of them."""
        return reverse(self.url_name, args=[self.pk])


def _reference(model, pk: int) -> str:
    """The model's own reference for a primary key, without loading the record."""
    return model.reference.fget(SimpleNamespace(pk=pk))


def _row(
    kind: str, model, url_name: str, pk: int, stage: str, milestone: deadlines.Milestone
) -> CaseDeadline:
    return CaseDeadline(
        reference=_reference(model, pk),
        kind=kind,
        case_id=pk,
        url_name=url_name,
        stage=stage,
        label=milestone.label,
        due_on=milestone.due,
        statutory=milestone.statutory,
    )


# Cases opened in the same weeks share start dates: count each date's working days once.
_notification_due = lru_cache(4096)(deadlines.notification_due)
_rapid_review_due = lru_cache(4096)(deadlines.rapid_review_due)
_triage_due = lru_cache(4096)(deadlines.triage_due)
_rapid_review_milestones = lru_cache(4096)(deadlines.rapid_review_milestones)
_practice_review_milestones = lru_cache(4096)(deadlines.practice_review_milestones)


def _first_undone(milestones: list[deadlines.Milestone]) -> deadlines.Milestone | None:
    return next((m for m in milestones if m.done_on is None), None)


def _notifications(pks: Iterable[int] | None) -> Iterator[CaseDeadline]:
    """A notification is open until its rapid review starts: first the Panel, then the review."""
    rows = SeriousIncidentNotification.objects.filter(rapid_review__isnull=True)
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    for pk, aware_on, notified_on in rows.values_list("pk", "aware_on", "notified_on"):
        if notified_on is None:
            milestone = deadlines.Milestone("Notify the Panel", _notification_due(aware_on), None, True)
            stage = "Awaiting notification"
        else:
            due = _rapid_review_due(notified_on)
            milestone = deadlines.Milestone("Rapid review to the Panel", due, None, True)
            stage = "Rapid review not started"
        yield _row(NOTIFICATION, SeriousIncidentNotification, "reviews:notification", pk, stage, milestone)


def _referrals(pks: Iterable[int] | None) -> Iterator[CaseDeadline]:
    rows = CaseReferral.objects.filter(outcome="")
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    for pk, received_on in rows.values_list("pk", "received_on"):
        milestone = deadlines.Milestone("Triage the referral", _triage_due(received_on), None)
        yield _row(REFERRAL, CaseReferral, "reviews:referral", pk, "Awaiting triage", milestone)


def _rapid_reviews(pks: Iterable[int] | None) -> Iterator[CaseDeadline]:
    rows = RapidReview.objects.filter(sent_to_panel_on__isnull=True)
    returns = Return.objects.filter(rapid_review__sent_to_panel_on__isnull=True)
    if pks is not None:
        rows, returns = rows.filter(pk__in=pks), returns.filter(rapid_review__in=pks)
    received: dict[int, list[dt.date | None]] = {}
    for review_id, received_on in returns.values_list("rapid_review_id", "received_on"):
        received.setdefault(review_id, []).append(received_on)
    for pk, starts_on, meeting_on in rows.values_list("pk", "starts_on", "meeting_on"):
        dates = received.get(pk, [])
        returns_in_on = None if not dates or None in dates else max(d for d in dates if d)
        milestone = _first_undone(_rapid_review_milestones(starts_on, returns_in_on, meeting_on, None))
        if milestone is not None:
            yield _row(RAPID_REVIEW, RapidReview, "reviews:rapid-review", pk, "Rapid review", milestone)


def _practice_reviews(pks: Iterable[int] | None) -> Iterator[CaseDeadline]:
    rows = PracticeReview.objects.filter(published_on__isnull=True)
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    stage = "Local child safeguarding practice review"
    for pk, *dates in rows.values_list("pk", "initiated_on", "draft_on", "final_on", "panel_told_on"):
        milestone = _first_undone(_practice_review_milestones(*dates, None))
        if milestone is not None:
            yield _row(PRACTICE_REVIEW, PracticeReview, "reviews:practice-review", pk, stage, milestone)


KINDS = {
    NOTIFICATION: _notifications,
    REFERRAL: _referrals,
    RAPID_REVIEW: _rapid_reviews,
    PRACTICE_REVIEW: _practice_reviews,
}


def refresh(kind: str, pks: Iterable[int]) -> None:
    """Rewrite the next deadline of these cases of one kind (dropping the ones now closed)."""
    pks = [pk for pk in set(pks) if pk is not None]
    if not pks:
        return
    with transaction.atomic():
        CaseDeadline.objects.filter(kind=kind, case_id__in=pks).delete()
        CaseDeadline.objects.bulk_create(KINDS[kind](pks))


def rebuild() -> int:
    """Rewrite every open case's next deadline (after bulk loads, which send no signals)."""
    with transaction.atomic():
        CaseDeadline.objects.all().delete()
        rows = CaseDeadline.objects.bulk_create(
            [row for compute in KINDS.values() for row in compute(None)], batch_size=1000
        )
    return len(rows)


def open_cases(today: dt.date) -> list[OpenCase]:
    """Every open case with its next deadline, the most urgent first (for the reminders)."""
    return [OpenCase.from_row(row, today) for row in CaseDeadline.objects.all()]


def deadline_counts(today: dt.date) -> list[tuple[str, str, int]]:
    """[(label, tag class, how many)] for late, due soon and on track, in that order: one query."""
    amber_until = deadlines.amber_until(today)
    counts = CaseDeadline.objects.aggregate(
        red=Count("pk", filter=Q(due_on__lt=today)),
        amber=Count("pk", filter=Q(due_on__gte=today, due_on__lt=amber_until)),
        ok=Count("pk", filter=Q(due_on__gte=amber_until)),
    )
    states = (deadlines.State.RED, deadlines.State.AMBER, deadlines.State.OK)
    return [(deadlines.STATE_LABELS[s], deadlines.TAG_CLASSES[s], counts[s.value]) for s in states]


def _case_changed(sender, instance, **kwargs) -> None:
    """Keep the case's row current; a rapid review also opens or closes what it started from."""
    if sender is SeriousIncidentNotification:
        refresh(NOTIFICATION, [instance.pk])
    elif sender is CaseReferral:
        refresh(REFERRAL, [instance.pk])
    elif sender is RapidReview:
        refresh(RAPID_REVIEW, [instance.pk])
        refresh(NOTIFICATION, [instance.notification_id])
        refresh(REFERRAL, [instance.referral_id])
    elif sender is Return:
        refresh(RAPID_REVIEW, [instance.rapid_review_id])
    elif sender is PracticeReview:
        refresh(PRACTICE_REVIEW, [instance.pk])


def connect() -> None:
    """Called once from the app's ready(): every save or delete of a case rewrites its deadline."""
    for model in (SeriousIncidentNotification, CaseReferral, RapidReview, Return, PracticeReview):
        post_save.connect(_case_changed, sender=model, dispatch_uid=f"case-deadline-save-{model.__name__}")
        post_delete.connect(
            _case_changed, sender=model, dispatch_uid=f"case-deadline-delete-{model.__name__}"
        )
