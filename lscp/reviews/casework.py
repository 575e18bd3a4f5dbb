"""What the CSPRG has open and what falls due next: the deadline dashboard's one query per kind."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch

from lscp.reviews import deadlines
from lscp.reviews.models import CaseReferral, PracticeReview, RapidReview, Return, SeriousIncidentNotification


@dataclass(frozen=True)
class OpenCase:
    kind: str
    reference: str
    url: str
    stage: str
    deadline: deadlines.Deadline


def open_cases(today: dt.date) -> list[OpenCase]:
    """Every open case with its next deadline, the most urgent first."""
    cases: list[OpenCase] = []
    for notification in SeriousIncidentNotification.objects.filter(rapid_review__isnull=True):
        if notification.notified_on is None:
            deadline = deadlines.Deadline("Notify the Panel", notification.due_on, True, today)
            stage = "Awaiting notification"
        else:
            deadline = deadlines.Deadline(
                "Rapid review to the Panel", deadlines.rapid_review_due(notification.notified_on), True, today
            )
            stage = "Rapid review not started"
        cases.append(
            OpenCase("Notification", notification.reference, notification.get_absolute_url(), stage, deadline)
        )
    for referral in CaseReferral.objects.filter(outcome=""):
        deadline = deadlines.Deadline("Triage the referral", referral.triage_due_on, False, today)
        cases.append(
            OpenCase("Referral", referral.reference, referral.get_absolute_url(), "Awaiting triage", deadline)
        )
    reviews = RapidReview.objects.filter(sent_to_panel_on__isnull=True).prefetch_related(
        Prefetch("returns", queryset=Return.objects.only("rapid_review_id", "received_on", "due_on"))
    )
    for review in reviews:
        next_one = deadlines.next_deadline(review.milestones(list(review.returns.all())), today)
        if next_one is not None:
            cases.append(
                OpenCase(
                    "Rapid review", review.reference, review.get_absolute_url(), "Rapid review", next_one
                )
            )
    for practice_review in PracticeReview.objects.filter(published_on__isnull=True):
        next_one = deadlines.next_deadline(practice_review.milestones(), today)
        if next_one is not None:
            cases.append(
                OpenCase(
                    "Practice review",
                    practice_review.reference,
                    practice_review.get_absolute_url(),
                    "Local child safeguarding practice review",
                    next_one,
                )
            )
    return sorted(cases, key=lambda case: (case.deadline.due, case.reference))
