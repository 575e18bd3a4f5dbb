"""The bench harness measures each page's floor alongside it, so a machine that slows down during
a run does not move later pages' ratios."""

import pytest
from django.test import Client

from bench.harness import measure

pytestmark = pytest.mark.django_db


def test_a_page_measured_with_its_floor_beside_it():
    client = Client()
    figures = measure(client, "health", "/healthz", requests=5, warm_up=1, floor=(client, "/healthz"))
    assert figures.status == 200 and figures.requests == 5
    assert figures.floor_p95_ms > 0 and figures.p95_ms > 0


def test_without_a_floor_none_is_measured():
    figures = measure(Client(), "health", "/healthz", requests=3, warm_up=0)
    assert figures.floor_p95_ms == 0.0
