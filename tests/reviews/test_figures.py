import datetime as dt

import pytest

from lscp.reviews.figures import figures
from lscp.reviews.models import CaseReferral, PracticeReview, TriageOutcome

pytestmark = pytest.mark.django_db


def test_figures_count_the_year(rapid_review, practitioner_referral):
    rapid_review.meeting_on = dt.date(2022, 1, 28)
    rapid_review.decision = "lcspr"
    rapid_review.rationale = "Because"
    rapid_review.sent_to_panel_on = dt.date(2022, 2, 10)  # due 4 February: late
    rapid_review.save()
    PracticeReview.objects.create(rapid_review=rapid_review, initiated_on=dt.date(2022, 2, 10))
    CaseReferral.objects.filter(pk=practitioner_referral.pk).update(
        received_on=dt.date(2022, 3, 1), outcome=TriageOutcome.NO_REVIEW
    )
    f = figures(dt.date(2021, 4, 1), dt.date(2022, 3, 31))
    assert (f.notifications, f.notifications_on_time) == (1, 1)
    assert (f.rapid_reviews_completed, f.rapid_reviews_on_time, f.rapid_reviews_late) == (1, 0, 1)
    assert f.decisions == {"Local child safeguarding practice review": 1}
    assert (f.practice_reviews_started, f.practice_reviews_published) == (1, 0)
    assert f.referrals_by_agency == {practitioner_referral.referrer_agency.name: 1}
    assert f.referral_outcomes == {"No review": 1}
    # Each figure names the records behind it, for the annual report's JSON.
    notification = rapid_review.notification
    assert f.records["notifications"] == f.records["notifications_on_time"] == (notification.reference,)
    assert (
        f.records["rapid_reviews_completed"] == f.records["rapid_reviews_late"] == (rapid_review.reference,)
    )
    assert f.records["rapid_reviews_on_time"] == ()
    assert f.records["decision:Local child safeguarding practice review"] == (rapid_review.reference,)
    assert f.records["practice_reviews_started"] == (PracticeReview.objects.get().reference,)


def test_figures_count_recommendations_from_reviews_and_their_action_plans(rapid_review, officer, csprg):
    from lscp.improvement.recommendations import raise_recommendation
    from lscp.reviews.models import PRACTICE_REVIEW_SOURCE, RAPID_REVIEW_SOURCE
    from tests.factories import ActionFactory

    practice_review = PracticeReview.objects.create(
        rapid_review=rapid_review, initiated_on=dt.date(2022, 2, 10)
    )

    def raise_(source, kind, made_on):
        return raise_recommendation(
            source=source,
            source_kind=kind,
            text="Synthetic recommendation",
            group=csprg,
            agencies=[],
            made_on=made_on,
            raised_by=officer,
        )

    planned = raise_(rapid_review, RAPID_REVIEW_SOURCE, dt.date(2022, 2, 1))
    unplanned = raise_(rapid_review, RAPID_REVIEW_SOURCE, dt.date(2022, 3, 1))  # no actions yet
    from_lcspr = raise_(practice_review, PRACTICE_REVIEW_SOURCE, dt.date(2022, 3, 30))
    raise_(practice_review, PRACTICE_REVIEW_SOURCE, dt.date(2022, 4, 1))  # the next year
    raise_(None, "other", dt.date(2022, 2, 1))  # not the CSPRG's
    ActionFactory(recommendation=planned)
    ActionFactory(recommendation=planned)  # two actions, one action plan
    ActionFactory(recommendation=from_lcspr)
    f = figures(dt.date(2021, 4, 1), dt.date(2022, 3, 31))
    assert (f.recommendations_from_rapid_reviews, f.recommendations_from_practice_reviews) == (2, 1)
    assert f.recommendations == 3
    assert f.recommendations_with_action_plans == 2
    assert f.records["recommendations"] == (planned.reference, unplanned.reference, from_lcspr.reference)
    assert f.records["recommendations_with_action_plans"] == (planned.reference, from_lcspr.reference)
    empty = figures(dt.date(2020, 4, 1), dt.date(2021, 3, 31))
    assert (empty.recommendations, empty.recommendations_with_action_plans) == (0, 0)
