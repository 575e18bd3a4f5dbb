"""What the CSPRG has open and what falls due next: the deadline dashboard's one query per kind."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

from django.urls import reverse

from lscp.reviews import deadlines
from lscp.reviews.models import CaseReferral, PracticeReview, RapidReview, Return, SeriousIncidentNotification

# The dashboard shows the open cases a page at a time, the most urgent first.
CASES_PER_PAGE = 50


@dataclass(frozen=True)
class OpenCase:
    kind: str
    reference: str
    url_name: str
    pk: int
    stage: str
    deadline: deadlines.Deadline

    @property
    def url(self) -> str:
        """Reversed when shown: the dashboard shows a page of cases, not all of them."""
        return reverse(self.url_name, args=[self.pk])


def _reference(model, pk: int) -> str:
    """The model's own reference for a primary key, without loading the record."""
    return model.reference.fget(SimpleNamespace(pk=pk))


def open_cases(today: dt.date) -> list[OpenCase]:
    """Every open case with its next deadline, the most urgent first.

    One query per kind of case (and one for the open rapid reviews' returns), reading only the
    dates that set the deadlines: a busy partnership can have hundreds of cases open.
    """
    cases: list[OpenCase] = []
    # Open cases share a few weeks of start dates: count each date's working days once.
    notification_due = cache(deadlines.notification_due)
    rapid_review_due = cache(deadlines.rapid_review_due)
    triage_due = cache(deadlines.triage_due)
    milestones_for = cache(deadlines.rapid_review_milestones)
    notifications = SeriousIncidentNotification.objects.filter(rapid_review__isnull=True).values_list(
        "pk", "aware_on", "notified_on"
    )
    for pk, aware_on, notified_on in notifications:
        if notified_on is None:
            deadline = deadlines.Deadline("Notify the Panel", notification_due(aware_on), True, today)
            stage = "Awaiting notification"
        else:
            deadline = deadlines.Deadline(
                "Rapid review to the Panel", rapid_review_due(notified_on), True, today
            )
            stage = "Rapid review not started"
        reference = _reference(SeriousIncidentNotification, pk)
        cases.append(OpenCase("Notification", reference, "reviews:notification", pk, stage, deadline))
    for pk, received_on in CaseReferral.objects.filter(outcome="").values_list("pk", "received_on"):
        deadline = deadlines.Deadline("Triage the referral", triage_due(received_on), False, today)
        reference = _reference(CaseReferral, pk)
        cases.append(OpenCase("Referral", reference, "reviews:referral", pk, "Awaiting triage", deadline))
    reviews = list(
        RapidReview.objects.filter(sent_to_panel_on__isnull=True).values_list("pk", "starts_on", "meeting_on")
    )
    returns: dict[int, list[dt.date | None]] = {}
    if reviews:
        for review_id, returned_on in Return.objects.filter(
            rapid_review__sent_to_panel_on__isnull=True
        ).values_list("rapid_review_id", "received_on"):
            returns.setdefault(review_id, []).append(returned_on)
    for pk, starts_on, meeting_on in reviews:
        received = returns.get(pk, [])
        returns_in_on = None if not received or None in received else max(d for d in received if d)
        milestones = milestones_for(starts_on, returns_in_on, meeting_on, None)
        next_one = deadlines.next_deadline(milestones, today)
        if next_one is not None:
            reference = _reference(RapidReview, pk)
            cases.append(
                OpenCase("Rapid review", reference, "reviews:rapid-review", pk, "Rapid review", next_one)
            )
    practice_reviews = PracticeReview.objects.filter(published_on__isnull=True).values_list(
        "pk", "initiated_on", "draft_on", "final_on", "panel_told_on"
    )
    for pk, initiated_on, draft_on, final_on, panel_told_on in practice_reviews:
        review = PracticeReview(
            pk=pk,
            initiated_on=initiated_on,
            draft_on=draft_on,
            final_on=final_on,
            panel_told_on=panel_told_on,
        )
        next_one = deadlines.next_deadline(review.milestones(), today)
        if next_one is not None:
            cases.append(
                OpenCase(
                    "Practice review",
                    review.reference,
                    "reviews:practice-review",
                    pk,
                    "Local child safeguarding practice review",
                    next_one,
                )
            )
    return sorted(cases, key=lambda case: (case.deadline.due, case.reference))


def deadline_counts(cases: list[OpenCase]) -> list[tuple[str, str, int]]:
    """[(label, tag class, how many)] for late, due soon and on track, in that order."""
    if not cases:
        return [(deadlines.STATE_LABELS[s], deadlines.TAG_CLASSES[s], 0) for s in deadlines.State]
    # Cases share a handful of due dates: work out each date's state once.
    states = {
        due: deadlines.deadline_state(due, cases[0].deadline.today) for due in {c.deadline.due for c in cases}
    }
    counts = Counter(states[case.deadline.due] for case in cases)
    return [
        (deadlines.STATE_LABELS[state], deadlines.TAG_CLASSES[state], counts[state])
        for state in (deadlines.State.RED, deadlines.State.AMBER, deadlines.State.OK)
    ]
