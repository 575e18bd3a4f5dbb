"""The report runs a bounded number of queries, whatever the year holds."""

import datetime as dt

import pytest
from django.core.cache import cache

from lscp.core.years import FinancialYear
from lscp.reporting.compose import compose
from lscp.reporting.render import render_html, render_json
from tests.factories import ActionFactory, AgencyFactory, MeetingFactory, UserFactory
from tests.governance.factories import AttendanceFactory
from tests.improvement.threads import a_recommendation
from tests.reporting.conftest import at
from tests.reporting.factories import (
    EngagementActivityFactory,
    ImpactStatementFactory,
    KeyStepProgressFactory,
    PriorityUpdateFactory,
    ReportYearFactory,
)

pytestmark = pytest.mark.django_db
MAX_QUERIES = 120


def fill(n: int, groups) -> None:
    year = ReportYearFactory()  # get or create: filling again adds to the same year
    ReportYearFactory(first_year=2022)
    agency = AgencyFactory()
    for i in range(n):
        group = groups[i % len(groups)]
        meeting = MeetingFactory(group=group, starts_at=at(dt.date(2021, 5, 1) + dt.timedelta(days=i)))
        AttendanceFactory(meeting=meeting, person=UserFactory(agency=agency), agency=agency)
        PriorityUpdateFactory(priority__year=year)
        KeyStepProgressFactory(key_step__group=group, key_step__year=year)
        ImpactStatementFactory(area__group=group, area__year=year)
        EngagementActivityFactory(year=year)
        a_recommendation(made_on=dt.date(2021, 6, 1), group=group, agencies=[agency])
        ActionFactory()


def measure(assert_max) -> int:
    """Queries to compose and write the report with every figure counted afresh (kept figures
    thrown away; their version rows made by a first run, so both measures take the same path)."""
    compose(FinancialYear(2021))
    cache.clear()
    with assert_max(MAX_QUERIES) as captured:
        report = compose(FinancialYear(2021))
        render_html(report)
        render_json(report)
    return len(captured)


def test_queries_do_not_grow_with_the_records(executive, csprg, django_assert_max_num_queries):
    fill(1, [executive, csprg])
    small = measure(django_assert_max_num_queries)
    fill(9, [executive, csprg])  # ten of everything
    assert measure(django_assert_max_num_queries) == small
