"""The national-scale seed, run small: recommendations, linked actions and evidence, and the pages."""

import random
from dataclasses import dataclass

import pytest

from lscp.core.discovery import app_modules
from lscp.improvement.bench_pages import bench_pages
from lscp.improvement.models import Action, Evidence, Recommendation
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


def test_seed_and_pages():
    rng = random.Random(1)
    for _label, module in app_modules("bench"):
        module.seed(SmallScale(), rng)
    assert Recommendation.objects.count() == 90
    assert Evidence.objects.count() == 150
    assert not Action.objects.filter(recommendation__isnull=True).exists()
    from django.test import Client

    for name, client, url in bench_pages(lambda user: sign_in(Client(), user)):
        assert client.get(url).status_code == 200, name
