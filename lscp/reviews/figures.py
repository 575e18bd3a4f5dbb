"""The CSPRG's figures for a period, for the annual report: plain dataclasses from the records."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from lscp.improvement.models import Action, Recommendation
from lscp.reviews.models import (
    PRACTICE_REVIEW_SOURCE,
    RAPID_REVIEW_SOURCE,
    CaseReferral,
    Decision,
    PracticeReview,
    RapidReview,
    SeriousIncidentNotification,
)

DEPENDS_ON: list[str] = ["improvement"]


@dataclass(frozen=True)
class ReviewFigures:
    start: dt.date
    end: dt.date
    notifications: int
    notifications_on_time: int
    rapid_reviews_completed: int
    rapid_reviews_on_time: int
    rapid_reviews_late: int
    decisions: dict[str, int] = field(default_factory=dict)  # decision label → count
    practice_reviews_started: int = 0
    practice_reviews_published: int = 0
    referrals_by_agency: dict[str, int] = field(default_factory=dict)
    referral_outcomes: dict[str, int] = field(default_factory=dict)
    # Recommendations made in the period from the CSPRG's reviews, and how many have an action
    # plan (at least one action).
    recommendations_from_rapid_reviews: int = 0
    recommendations_from_practice_reviews: int = 0
    recommendations_with_action_plans: int = 0

    @property
    def recommendations(self) -> int:
        return self.recommendations_from_rapid_reviews + self.recommendations_from_practice_reviews


def recommendation_counts(start: dt.date, end: dt.date) -> dict[str, int]:
    """Recommendations the CSPRG's reviews made in the period, by source, and those with actions."""
    has_actions = Exists(Action.objects.filter(recommendation=OuterRef("pk")))
    return Recommendation.objects.filter(
        source_kind__in=[RAPID_REVIEW_SOURCE, PRACTICE_REVIEW_SOURCE], made_on__range=(start, end)
    ).aggregate(
        rapid=Count("pk", filter=Q(source_kind=RAPID_REVIEW_SOURCE)),
        practice=Count("pk", filter=Q(source_kind=PRACTICE_REVIEW_SOURCE)),
        with_actions=Count("pk", filter=has_actions),
    )


def figures(start: dt.date, end: dt.date) -> ReviewFigures:
    """Counts for the period start..end inclusive, each dated by the event it counts."""
    notifications = list(SeriousIncidentNotification.objects.filter(aware_on__range=(start, end)))
    completed = list(RapidReview.objects.filter(sent_to_panel_on__range=(start, end)))
    on_time = sum(1 for review in completed if review.on_time)
    decisions = Counter(Decision(review.decision).label for review in completed if review.decision)
    referrals = CaseReferral.objects.filter(received_on__range=(start, end)).select_related("referrer_agency")
    by_agency = Counter(referral.referrer_agency.name for referral in referrals)
    outcomes = Counter(referral.get_outcome_display() or "Awaiting triage" for referral in referrals)
    recommendations = recommendation_counts(start, end)
    return ReviewFigures(
        start=start,
        end=end,
        notifications=len(notifications),
        notifications_on_time=sum(1 for n in notifications if n.notified_on and not n.notified_late),
        rapid_reviews_completed=len(completed),
        rapid_reviews_on_time=on_time,
        rapid_reviews_late=len(completed) - on_time,
        decisions=dict(sorted(decisions.items())),
        practice_reviews_started=PracticeReview.objects.filter(initiated_on__range=(start, end)).count(),
        practice_reviews_published=PracticeReview.objects.filter(published_on__range=(start, end)).count(),
        referrals_by_agency=dict(sorted(by_agency.items())),
        referral_outcomes=dict(sorted(outcomes.items())),
        recommendations_from_rapid_reviews=recommendations["rapid"],
        recommendations_from_practice_reviews=recommendations["practice"],
        recommendations_with_action_plans=recommendations["with_actions"],
    )
