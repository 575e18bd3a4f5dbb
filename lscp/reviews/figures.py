"""The CSPRG's figures for a period, for the annual report: plain dataclasses from the records."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from lscp.improvement.models import Action, Recommendation, recommendation_reference
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
    # References of the records behind each figure (N0001, RR0001, LCSPR001), by figure name; a
    # decision's as "decision:<label>".
    records: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def recommendations(self) -> int:
        return self.recommendations_from_rapid_reviews + self.recommendations_from_practice_reviews


def review_recommendations(start: dt.date, end: dt.date) -> dict[str, tuple[str, ...]]:
    """References of the recommendations the CSPRG's reviews made in the period, by source, and
    of those with an action plan (at least one action)."""
    has_actions = Exists(Action.objects.filter(recommendation=OuterRef("pk")))
    found = (
        Recommendation.objects.filter(
            source_kind__in=[RAPID_REVIEW_SOURCE, PRACTICE_REVIEW_SOURCE], made_on__range=(start, end)
        )
        .annotate(with_actions=has_actions)
        .order_by("pk")
        .values_list("pk", "source_kind", "with_actions")
    )
    rows = [(recommendation_reference(pk), kind, with_actions) for pk, kind, with_actions in found]
    return {
        "recommendations_from_rapid_reviews": tuple(
            ref for ref, kind, _ in rows if kind == RAPID_REVIEW_SOURCE
        ),
        "recommendations_from_practice_reviews": tuple(
            ref for ref, kind, _ in rows if kind == PRACTICE_REVIEW_SOURCE
        ),
        "recommendations": tuple(ref for ref, _, _ in rows),
        "recommendations_with_action_plans": tuple(ref for ref, _, with_actions in rows if with_actions),
    }


def figures(start: dt.date, end: dt.date) -> ReviewFigures:
    """Counts for the period start..end inclusive, each dated by the event it counts."""
    notifications = list(
        SeriousIncidentNotification.objects.filter(aware_on__range=(start, end)).order_by("pk")
    )
    notified_on_time = [n for n in notifications if n.notified_on and not n.notified_late]
    completed = list(RapidReview.objects.filter(sent_to_panel_on__range=(start, end)).order_by("pk"))
    completed_on_time = [review for review in completed if review.on_time]
    on_time = len(completed_on_time)
    started = list(PracticeReview.objects.filter(initiated_on__range=(start, end)).order_by("pk"))
    published = list(PracticeReview.objects.filter(published_on__range=(start, end)).order_by("pk"))
    decisions = Counter(Decision(review.decision).label for review in completed if review.decision)
    referrals = CaseReferral.objects.filter(received_on__range=(start, end)).select_related("referrer_agency")
    by_agency = Counter(referral.referrer_agency.name for referral in referrals)
    outcomes = Counter(referral.get_outcome_display() or "Awaiting triage" for referral in referrals)
    recommendations = review_recommendations(start, end)
    return ReviewFigures(
        start=start,
        end=end,
        notifications=len(notifications),
        notifications_on_time=len(notified_on_time),
        rapid_reviews_completed=len(completed),
        rapid_reviews_on_time=on_time,
        rapid_reviews_late=len(completed) - on_time,
        decisions=dict(sorted(decisions.items())),
        practice_reviews_started=len(started),
        practice_reviews_published=len(published),
        referrals_by_agency=dict(sorted(by_agency.items())),
        referral_outcomes=dict(sorted(outcomes.items())),
        recommendations_from_rapid_reviews=len(recommendations["recommendations_from_rapid_reviews"]),
        recommendations_from_practice_reviews=len(recommendations["recommendations_from_practice_reviews"]),
        recommendations_with_action_plans=len(recommendations["recommendations_with_action_plans"]),
        records={
            **_records(notifications, notified_on_time, completed, completed_on_time, started, published),
            **recommendations,
        },
    )


def _records(notifications, notified_on_time, completed, completed_on_time, started, published):
    def refs(found) -> tuple[str, ...]:
        return tuple(record.reference for record in found)

    by_decision: dict[str, list[str]] = {}
    for review in completed:
        if review.decision:
            by_decision.setdefault(f"decision:{Decision(review.decision).label}", []).append(review.reference)
    return {
        "notifications": refs(notifications),
        "notifications_on_time": refs(notified_on_time),
        "rapid_reviews_completed": refs(completed),
        "rapid_reviews_on_time": refs(completed_on_time),
        "rapid_reviews_late": tuple(r.reference for r in completed if not r.on_time),
        "practice_reviews_started": refs(started),
        "practice_reviews_published": refs(published),
        **{label: tuple(found) for label, found in sorted(by_decision.items())},
    }
