"""The years list, a year's overview and a group's page make a fixed number of queries whatever
the number of groups, priorities, updates, key steps, areas and engagement activities.

Each page is loaded with a small and a large year and held to the same bound, so a query inside
a loop (N+1) fails the larger run.
"""

import pytest
from django.urls import reverse

from lscp.accounts.roles import Role
from lscp.governance.yearly import ReportYear
from tests.factories import GroupFactory, UserFactory
from tests.governance.year_factories import (
    DevelopmentAreaFactory,
    EngagementActivityFactory,
    GroupYearFactory,
    ImpactStatementFactory,
    KeyStepFactory,
    KeyStepProgressFactory,
    PriorityFactory,
    PriorityUpdateFactory,
    ReportYearFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [2, 15]


def build(size: int) -> ReportYear:
    """`size` groups, each with a function, key steps (this year's and next) with progress, and
    areas with impact; `size` priorities with groups and updates; `size` engagement activities;
    `size` earlier years."""
    for first_year in range(2023 - size, 2023):
        ReportYearFactory(first_year=first_year, signed_off_by=UserFactory())
    year, next_year = ReportYearFactory(first_year=2023), ReportYearFactory(first_year=2024)
    groups = [GroupFactory(slug="cdop" if i == 0 else f"g{i}") for i in range(size)]
    for group in groups:
        GroupYearFactory(group=group, year=year)
        for _ in range(3):
            KeyStepProgressFactory(key_step=KeyStepFactory(group=group, year=year), by=UserFactory())
            KeyStepFactory(group=group, year=next_year)
            ImpactStatementFactory(
                area=DevelopmentAreaFactory(group=group, year=year, links="Groups | /groups/")
            )
    for _ in range(size):
        priority = PriorityFactory(year=year)
        priority.groups.add(*groups[:3])
        PriorityUpdateFactory.create_batch(2, priority=priority, by=UserFactory())
        EngagementActivityFactory(year=year)
    return year


# Four queries are the same on every page (session, user, two-factor device, roles); the rest is
# each list or count once. Measured at both sizes: years 6, year 15, group-year 13; three spare.
BOUNDS = {"years": 9, "year": 18, "group-year": 16}
PAGES = {
    "years": reverse("governance:years"),
    "year": reverse("governance:year", args=["2023-24"]),
    "group-year": reverse("governance:group-year", args=["2023-24", "cdop"]),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", list(PAGES))
def test_year_pages_make_a_bounded_number_of_queries(page, size, client_for, django_assert_max_num_queries):
    build(size)
    client = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    client.get(PAGES["years"])  # the session is saved on the first request: not this page's cost
    with django_assert_max_num_queries(BOUNDS[page]):
        response = client.get(PAGES[page])
    assert response.status_code == 200
    if page == "year":
        assert len(response.context["priorities"]) == size
        assert len(response.context["groups"]) == size
