"""Figures kept in the cache until a record they count changes (lscp.core.figures_cache)."""

import pytest
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from lscp.core import figures_cache
from lscp.core.models import Agency
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


def test_counted_once_until_something_changes():
    calls, compute = counter()
    assert figures_cache.kept("test", "a", compute) == 1
    assert figures_cache.kept("test", "a", compute) == 2  # the first call made the version row
    assert figures_cache.kept("test", "a", compute) == 2  # kept
    figures_cache.bump("test")
    assert figures_cache.kept("test", "a", compute) == 3
    assert figures_cache.kept("other", "a", compute) == 4  # each name has its own version


@pytest.fixture
def agencies_watched():
    figures_cache.watch("agencies-test", [Agency])
    yield
    uid = "figures-agencies-test-core.agency"
    post_save.disconnect(sender=Agency, dispatch_uid=f"{uid}-save")
    post_delete.disconnect(sender=Agency, dispatch_uid=f"{uid}-delete")


def test_a_watched_model_bumps_and_a_rollback_brings_the_old_figures_back(agencies_watched):
    calls, compute = counter()
    figures_cache.kept("agencies-test", "k", compute)
    before = figures_cache.kept("agencies-test", "k", compute)
    with pytest.raises(RuntimeError), transaction.atomic():
        AgencyFactory()
        assert figures_cache.kept("agencies-test", "k", compute) == before + 1
        raise RuntimeError
    assert figures_cache.kept("agencies-test", "k", compute) == before  # the old token, the old figures
    AgencyFactory()
    assert figures_cache.kept("agencies-test", "k", compute) == before + 2
