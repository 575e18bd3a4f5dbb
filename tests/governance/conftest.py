"""Fixtures for the year's plan and report narrative tests (tests/governance/test_year_*.py)."""

import pytest
from django.urls import reverse

from tests.governance.year_factories import Cast, ReportYearFactory


def url(name: str, *args) -> str:
    return reverse(f"governance:{name}", args=args)


@pytest.fixture
def cast():
    """The people who touch a year's plan and report (tests/governance/year_factories.py)."""
    return Cast()


@pytest.fixture
def year(cast):
    return ReportYearFactory(first_year=2023)


@pytest.fixture
def officer(client_for, cast):
    return client_for(cast.officer)


@pytest.fixture
def chair(client_for, cast):
    return client_for(cast.chair)
