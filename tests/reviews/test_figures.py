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
