"""The demo's recommendations: every status, some stepped across, and a second run adds nothing."""

import pytest
from django.core.management import call_command

from lscp.improvement.models import Evidence, LearningTheme, Recommendation, RecommendationStatus

pytestmark = pytest.mark.django_db


def test_demo_threads_are_complete_and_idempotent():
    call_command("demo", verbosity=0)
    counts = (Recommendation.objects.count(), Evidence.objects.count(), LearningTheme.objects.count())
    assert set(Recommendation.objects.values_list("status", flat=True)) >= set(RecommendationStatus.values)
    assert Recommendation.objects.filter(stepped_across_on__isnull=False).count() >= 3
    call_command("demo", verbosity=0)
    assert (Recommendation.objects.count(), Evidence.objects.count(), LearningTheme.objects.count()) == counts
