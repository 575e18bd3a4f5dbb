"""The national-scale casework seed, run small: every kind of case, open cases in every deadline
state, synthetic children with valid test-range NHS numbers, and the pages."""

import random
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from lscp.core.discovery import app_modules
from lscp.core.nhs_number import is_valid
from lscp.reviews.bench_pages import bench_pages
from lscp.reviews.casework import open_cases
from lscp.reviews.deadlines import State
from lscp.reviews.models import CaseReferral, Child, PracticeReview, RapidReview, SeriousIncidentNotification
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class SmallScale:
    users: int = 60
    agencies: int = 10
    groups: int = 3
    meetings: int = 30
    actions: int = 300
    recommendations: int = 90
    evidence: int = 150
    notifications: int = 200
    rapid_reviews: int = 150
    practice_reviews: int = 30
    referrals: int = 300


def test_seed_and_pages():
    rng = random.Random(1)
    for _label, module in app_modules("bench"):
        module.seed(SmallScale(), rng)
    assert SeriousIncidentNotification.objects.count() == 200
    assert RapidReview.objects.count() == 150
    assert PracticeReview.objects.count() == 30
    assert CaseReferral.objects.count() == 300
    numbers = [n for n in Child.objects.values_list("nhs_number", flat=True) if n]
    assert numbers and all(n.startswith("999") and is_valid(n) for n in numbers)
    assert not SeriousIncidentNotification.objects.filter(children__isnull=True).exists()
    cases = open_cases(timezone.localdate())
    assert {case.kind for case in cases} == {"Notification", "Referral", "Rapid review", "Practice review"}
    assert {case.deadline.state for case in cases} == set(State)
    for name, client, url in bench_pages(lambda user: sign_in(Client(), user)):
        assert client.get(url).status_code == 200, name
