"""Moving a case along the pathway: referral → triage → rapid review → decision → LCSPR."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lscp.reviews.models import (
    CaseReferral,
    Decision,
    PracticeReview,
    RapidReview,
    SeriousIncidentNotification,
    TriageOutcome,
)


def start_rapid_review(*, notification: SeriousIncidentNotification, starts_on: dt.date) -> RapidReview:
    return RapidReview.objects.create(notification=notification, starts_on=starts_on)


@transaction.atomic
def triage(
    referral: CaseReferral, *, outcome: str, reason: str, by, starts_on: dt.date | None = None
) -> RapidReview | None:
    """Record the CSPRG's triage; an accepted referral starts its rapid review the same day."""
    today = timezone.localdate()
    referral.outcome = outcome
    referral.outcome_reason = reason
    referral.triaged_by = by
    referral.triaged_on = today
    referral.save()
    if outcome == TriageOutcome.RAPID_REVIEW:
        return RapidReview.objects.create(referral=referral, starts_on=starts_on or today)
    return None


@transaction.atomic
def record_decision(review: RapidReview) -> PracticeReview | None:
    """Save the decision; an LCSPR decision initiates the practice review on the sign-off date."""
    review.save()
    if review.decision == Decision.LCSPR and not hasattr(review, "practice_review"):
        initiated = review.sent_to_panel_on or review.meeting_on or timezone.localdate()
        return PracticeReview.objects.create(rapid_review=review, initiated_on=initiated)
    return None
