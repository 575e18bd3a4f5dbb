"""The golden thread's state machine: every allowed and refused move, reasons, attribution."""

import datetime as dt

import pytest

from lscp.accounts.roles import Role
from lscp.improvement.models import ActionStatus, EvidenceKind, RecommendationStatus, RecommendationTransition
from lscp.improvement.progress import raise_action
from lscp.improvement.recommendations import TransitionRefused, move, raise_recommendation, step_across
from lscp.improvement.sources import label_for
from tests.factories import GroupFactory, MembershipFactory, UserFactory
from tests.improvement.threads import a_recommendation

S = RecommendationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(roles=["Business officer"])


def add_action(recommendation, status=ActionStatus.OPEN):
    owner = UserFactory(agency=recommendation.agencies.first())
    action = raise_action(
        source=None,
        source_kind="other",
        title="Brief staff",
        owner=owner,
        agency=owner.agency,
        due_date=dt.date(2023, 6, 1),
        recommendation=recommendation,
    )
    action.status = status
    action.save()
    return action


def add_evidence(recommendation, kind, by):
    return recommendation.evidence.create(kind=kind, text="Done", added_by=by)


def test_raising_needs_a_source_unless_other(officer):
    group = GroupFactory()
    with pytest.raises(ValueError):
        raise_recommendation(
            source=None,
            source_kind="rapid_review",
            text="x",
            group=group,
            agencies=[],
            made_on=dt.date(2023, 1, 1),
            raised_by=officer,
        )
    recommendation = a_recommendation(group=group, raised_by=officer)
    assert recommendation.status == S.OPEN
    assert recommendation.reference == f"R{recommendation.pk:05d}"
    assert label_for("other") == "Other"


def test_the_whole_thread_forward_one_step_at_a_time(officer):
    recommendation = a_recommendation(raised_by=officer)
    with pytest.raises(TransitionRefused, match="at least one action"):
        move(recommendation, S.ACTIONS_AGREED, officer)
    action = add_action(recommendation)
    step = move(recommendation, S.ACTIONS_AGREED, officer)
    assert (step.from_status, step.to_status, step.by, step.reason) == (S.OPEN, S.ACTIONS_AGREED, officer, "")
    assert step.at is not None
    move(recommendation, S.IN_PROGRESS, officer)
    with pytest.raises(TransitionRefused, match="completed or cancelled"):
        move(recommendation, S.IMPLEMENTED, officer)
    action.status = ActionStatus.COMPLETED
    action.save()
    with pytest.raises(TransitionRefused, match="completion evidence"):
        move(recommendation, S.IMPLEMENTED, officer)
    add_evidence(recommendation, EvidenceKind.COMPLETION, officer)
    move(recommendation, S.IMPLEMENTED, officer)
    with pytest.raises(TransitionRefused, match="impact evidence"):
        move(recommendation, S.IMPACT_EVIDENCED, officer)
    add_evidence(recommendation, EvidenceKind.IMPACT, officer)
    move(recommendation, S.IMPACT_EVIDENCED, officer)
    move(recommendation, S.CLOSED, officer)
    recommendation.refresh_from_db()
    assert recommendation.status == S.CLOSED
    assert list(recommendation.transitions.values_list("to_status", flat=True)) == list(S.values[1:])


def test_cancelled_actions_count_as_done(officer):
    recommendation = a_recommendation(raised_by=officer)
    add_action(recommendation, ActionStatus.CANCELLED)
    recommendation.status = S.IN_PROGRESS
    recommendation.save()
    add_evidence(recommendation, EvidenceKind.COMPLETION, officer)
    move(recommendation, S.IMPLEMENTED, officer)


@pytest.mark.parametrize("start", S.values)
@pytest.mark.parametrize("target", S.values)
def test_skipping_a_step_or_standing_still_is_refused(officer, start, target):
    here, there = S.values.index(start), S.values.index(target)
    if here <= there <= here + 1 and here != there:
        return  # forward one step: its conditions are tested above
    recommendation = a_recommendation(raised_by=officer)
    recommendation.status = start
    recommendation.save()
    if there > here:
        with pytest.raises(TransitionRefused, match="one step at a time"):
            move(recommendation, target, officer)
    elif there == here:
        with pytest.raises(TransitionRefused, match="already"):
            move(recommendation, target, officer)
    else:
        with pytest.raises(TransitionRefused, match="reason"):
            move(recommendation, target, officer)
        with pytest.raises(TransitionRefused, match="reason"):
            move(recommendation, target, officer, reason="   ")
        step = move(recommendation, target, officer, reason="The audit re-test failed")
        assert step.is_backwards and step.reason == "The audit re-test failed"
    assert RecommendationTransition.objects.filter(recommendation=recommendation).count() == (there < here)


def test_only_the_chair_or_the_business_unit_closes(officer):
    chair_membership = MembershipFactory(role="chair")
    recommendation = a_recommendation(group=chair_membership.group, raised_by=officer)
    recommendation.status = S.IMPACT_EVIDENCED
    recommendation.save()
    member = UserFactory(roles=["Group member"])
    with pytest.raises(TransitionRefused, match="chair or the business unit"):
        move(recommendation, S.CLOSED, member)
    analyst = UserFactory(roles=["Data analyst"])
    with pytest.raises(TransitionRefused, match="chair or the business unit"):
        move(recommendation, S.CLOSED, analyst)
    chair = chair_membership.person
    chair.grant(Role.GROUP_CHAIR)
    assert move(recommendation, S.CLOSED, chair).by == chair


def test_step_across_once(officer):
    recommendation = a_recommendation(raised_by=officer)
    step_across(recommendation, officer, today=dt.date(2023, 5, 1))
    step_across(recommendation, officer, today=dt.date(2023, 6, 1))
    recommendation.refresh_from_db()
    assert recommendation.stepped_across_on == dt.date(2023, 5, 1)


def test_the_thread_shows_each_actions_latest_update_only(officer, client_for):
    import datetime as dt

    from django.utils import timezone

    from lscp.improvement.models import ActionUpdate
    from lscp.improvement.progress import record_update

    recommendation = a_recommendation(raised_by=officer)
    updated, quiet = add_action(recommendation), add_action(recommendation)
    first = record_update(updated, author=officer, text="Briefings booked", status="in_progress", rag="green")
    ActionUpdate.objects.filter(pk=first.pk).update(written_at=timezone.now() - dt.timedelta(days=3))
    record_update(updated, author=officer, text="Half the teams briefed", status="in_progress", rag="amber")
    page = client_for(officer).get(recommendation.get_absolute_url()).content.decode()
    assert "Half the teams briefed" in page and "Briefings booked" not in page
    assert officer.full_name in page and "No updates yet" in page
    assert quiet.title in page
