"""Raising a recommendation and moving it along the golden thread: the only ways its state changes.

open → actions agreed → in progress → implemented → impact evidenced → closed. Forward one step
at a time, and only when the step's condition holds (`refusal`); back any number of steps, with
a reason. Every move is a dated, attributed `RecommendationTransition`.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from lscp.improvement import sources
from lscp.improvement.models import (
    RECOMMENDATION_STEPS,
    ActionStatus,
    Evidence,
    EvidenceKind,
    Recommendation,
    RecommendationStatus,
    RecommendationTransition,
)

OTHER_SOURCE = "other"
sources.register(OTHER_SOURCE, "Other")

S = RecommendationStatus


class TransitionRefused(Exception):
    """A move the state machine does not allow; the message says why, for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def raise_recommendation(
    *,
    source: models.Model | None,
    source_kind: str,
    text: str,
    group,
    agencies,
    made_on,
    raised_by,
    themes: Iterable = (),
    source_description: str = "",
    due_date=None,
) -> Recommendation:
    """A new, open recommendation, linked to what made it (a review, an audit, a report)."""
    if source is None and source_kind != OTHER_SOURCE:
        raise ValueError(f"A {source_kind!r} recommendation needs its source record")
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            text=text,
            source_kind=source_kind,
            source_type=ContentType.objects.get_for_model(source) if source is not None else None,
            source_id=source.pk if source is not None else None,
            source_description=source_description,
            group=group,
            made_on=made_on,
            due_date=due_date,
            created_by=raised_by,
        )
        recommendation.agencies.set(agencies)
        recommendation.themes.set(themes)
    return recommendation


def _has_evidence(recommendation: Recommendation, kind: str) -> bool:
    return Evidence.objects.filter(recommendation=recommendation, kind=kind).exists()


def refusal(recommendation: Recommendation, to_status: str, by, reason: str = "") -> str | None:
    """Why `by` may not move the recommendation to `to_status` now; None when the move is allowed.

    The rule, from the golden thread:
    - forward one step only: actions agreed needs at least one action; implemented needs every
      action completed or cancelled and some completion evidence; impact evidenced needs some
      impact evidence; closed is for the owning group's chair or the business unit;
    - back any number of steps, with a reason.
    """
    if to_status not in RECOMMENDATION_STEPS:
        return "Choose a status"
    here = RECOMMENDATION_STEPS.index(recommendation.status)
    there = RECOMMENDATION_STEPS.index(to_status)
    if there == here:
        return f"The recommendation is already {recommendation.get_status_display().lower()}"
    if there < here:
        if not reason.strip():
            return "Give the reason for moving the recommendation back"
        return None
    if there > here + 1:
        next_label = S(RECOMMENDATION_STEPS[here + 1]).label.lower()
        return f"A recommendation moves forward one step at a time: the next step is {next_label}"
    actions = recommendation.actions.all()
    if to_status == S.ACTIONS_AGREED and not actions.exists():
        return "Add at least one action before marking the actions as agreed"
    if to_status == S.IMPLEMENTED:
        if actions.filter(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS)).exists():
            return "Every action must be completed or cancelled before the recommendation is implemented"
        if not _has_evidence(recommendation, EvidenceKind.COMPLETION):
            return "Add completion evidence before marking the recommendation as implemented"
    if to_status == S.IMPACT_EVIDENCED and not _has_evidence(recommendation, EvidenceKind.IMPACT):
        return "Add impact evidence (how practice changed and what shows it) first"
    if to_status == S.CLOSED and not by.has_perm("improvement.close_recommendation", recommendation):
        return "Only the owning group's chair or the business unit can close a recommendation"
    return None


@transaction.atomic
def move(recommendation: Recommendation, to_status: str, by, reason: str = "") -> RecommendationTransition:
    """Move the recommendation to `to_status`, or raise TransitionRefused saying why not."""
    # Read the status afresh under a lock, so two people moving it at once cannot both win.
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    recommendation.status = current.status
    why_not = refusal(recommendation, to_status, by, reason)
    if why_not:
        raise TransitionRefused(why_not)
    step = RecommendationTransition.objects.create(
        recommendation=recommendation,
        from_status=recommendation.status,
        to_status=to_status,
        by=by,
        reason=reason.strip(),
    )
    recommendation.status = to_status
    recommendation.save(update_fields=["status"])
    return step


def step_across(recommendation: Recommendation, by, today=None) -> Recommendation:
    """Put the recommendation on L&D's learning needs list (once; a second call changes nothing)."""
    if recommendation.stepped_across_on is None:
        recommendation.stepped_across_on = today or timezone.localdate()
        recommendation.save(update_fields=["stepped_across_on"])
    return recommendation
