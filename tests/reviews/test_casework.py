"""The dashboard's stored next deadlines stay equal to working them out afresh, whatever changes."""

import datetime as dt

import pytest

from lscp.reviews import casework
from lscp.reviews.deadlines import State
from lscp.reviews.models import CaseDeadline, CaseReferral, PracticeReview, RapidReview, Return
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def stored() -> set[tuple]:
    return set(CaseDeadline.objects.values_list("reference", "kind", "case_id", "stage", "label", "due_on"))


def assert_matches_a_rebuild() -> None:
    before = stored()
    casework.rebuild()
    assert stored() == before


def test_each_change_rewrites_the_case_deadline(notification, practitioner_referral, officer):
    assert_matches_a_rebuild()
    assert {row.kind for row in CaseDeadline.objects.all()} == {casework.NOTIFICATION, casework.REFERRAL}

    # The rapid review starts: the notification closes, the review opens with its returns milestone.
    review = RapidReview.objects.create(notification=notification, starts_on=notification.notified_on)
    assert not CaseDeadline.objects.filter(reference=notification.reference).exists()
    row = CaseDeadline.objects.get(reference=review.reference)
    assert row.label == "Agency returns in"
    assert_matches_a_rebuild()

    # A return asked for and still out keeps it there; once in, the meeting is next.
    late = Return.objects.create(
        rapid_review=review, agency=AgencyFactory(), requested_on=review.starts_on, due_on=review.starts_on
    )
    assert CaseDeadline.objects.get(reference=review.reference).label == "Agency returns in"
    late.received_on = review.starts_on + dt.timedelta(days=3)
    late.save()
    assert CaseDeadline.objects.get(reference=review.reference).label == "Rapid review meeting"
    assert_matches_a_rebuild()

    # Triage closes the referral.
    practitioner_referral.outcome, practitioner_referral.triaged_on = "no_review", dt.date.today()
    practitioner_referral.save()
    assert not CaseDeadline.objects.filter(kind=casework.REFERRAL).exists()

    # An LCSPR opens at its draft report; publishing it closes it.
    lcspr = PracticeReview.objects.create(rapid_review=review, initiated_on=dt.date(2022, 3, 1))
    assert CaseDeadline.objects.get(reference=lcspr.reference).due_on == dt.date(2022, 7, 1)
    lcspr.draft_on = lcspr.final_on = lcspr.panel_told_on = lcspr.published_on = dt.date(2022, 7, 1)
    lcspr.save()
    assert not CaseDeadline.objects.filter(reference=lcspr.reference).exists()
    assert_matches_a_rebuild()

    # Deleting a rapid review puts its notification back on the list.
    lcspr.delete()
    RapidReview.objects.get(pk=review.pk).delete()
    assert CaseDeadline.objects.filter(reference=notification.reference).exists()
    assert_matches_a_rebuild()


def test_counts_by_state_are_worked_out_in_sql(officer):
    today = dt.date(2022, 3, 4)  # a Friday
    for received in [dt.date(2022, 2, 1), dt.date(2022, 2, 21), dt.date(2022, 2, 22), dt.date(2022, 3, 4)]:
        CaseReferral.objects.create(
            referrer=officer,
            referrer_agency=officer.agency,
            received_on=received,
            what_happened="x",
            why_learning="x",
        )
    # Triage is due 10 working days on: 15 Feb (late), 7 Mar and 8 Mar (amber), 18 Mar (on track).
    counts = {label: n for label, _tag, n in casework.deadline_counts(today)}
    expected = {state: 0 for state in State}
    for case in casework.open_cases(today):
        expected[case.deadline.state] += 1
    assert counts == {
        "Late": expected[State.RED],
        "Due soon": expected[State.AMBER],
        "On track": expected[State.OK],
    }
    assert counts == {"Late": 1, "Due soon": 2, "On track": 1}
