"""Pages make a fixed number of queries whatever the size of the partnership.

Each page is loaded with a small and a large data set and held to the same bound, so a query
inside a loop (N+1) fails the larger run.
"""

import datetime as dt

import pytest
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.governance.models import AttendanceStatus, MembershipRole
from lscp.improvement.models import ActionStatus
from lscp.improvement.progress import raise_action
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    UserFactory,
)
from tests.governance.factories import AgendaItemFactory, AttendanceFactory, DecisionFactory

pytestmark = pytest.mark.django_db

SIZES = [5, 60]
STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED]


def build(size: int):
    """A group with `size` members, meetings and actions, a few agencies, attendance and agendas."""
    agencies = AgencyFactory.create_batch(4)
    group = GroupFactory(slug="seg")
    chair = UserFactory(agency=agencies[0], roles=[Role.GROUP_CHAIR])
    MembershipFactory(group=group, person=chair, role=MembershipRole.CHAIR)
    members = [
        MembershipFactory(group=group, person=UserFactory(agency=agencies[i % 4])).person for i in range(size)
    ]
    now = timezone.now()
    meetings = [
        MeetingFactory(group=group, starts_at=now + dt.timedelta(days=30 * (i - size // 2)))
        for i in range(size)
    ]
    meeting = meetings[0]
    for i, person in enumerate(members):
        AttendanceFactory(meeting=meeting, person=person, status=list(AttendanceStatus)[i % 3])
        AgendaItemFactory(meeting=meeting)
        DecisionFactory(meeting=meeting)
    today = timezone.localdate()
    for i in range(size):
        owner = members[i % len(members)] if i % 2 else chair
        raise_action(
            source=meeting,
            source_kind="meeting",
            title=f"Action {i}",
            owner=owner,
            agency=owner.agency,
            group=group,
            due_date=today + dt.timedelta(days=i - size // 2),
        )
        ActionFactory(owner=owner, agency=agencies[i % 4], group=group, status=STATUSES[i % 3])
    return {"group": group, "chair": chair, "meeting": meeting}


# One bound per page, for both sizes. About ten queries are the same on every page (session, user,
# two-factor device, roles, the navigation's permission checks); the rest is each list once and
# each count once. Measured: dashboard 13, group 13, meeting 13, log 10, plus three when the
# session is saved (its first request); two spare for the shell around the pages.
# The meeting page also asks whether its group watches KPIs (for the performance report link).
BOUNDS = {"dashboard": 18, "group": 18, "meeting": 19, "log": 15}


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_queries_are_bounded(size, client_for, django_assert_max_num_queries):
    data = build(size)
    client = client_for(data["chair"])
    with django_assert_max_num_queries(BOUNDS["dashboard"]):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["board"].my_actions) == min(10, response.context["board"].my_counts.open)


@pytest.mark.parametrize("size", SIZES)
def test_business_unit_dashboard_queries_are_bounded(size, client_for, django_assert_max_num_queries):
    build(size)
    client = client_for(UserFactory(roles=[Role.BUSINESS_MANAGER]))
    with django_assert_max_num_queries(BOUNDS["dashboard"]):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_group_page_queries_are_bounded(size, client_for, django_assert_max_num_queries):
    data = build(size)
    client = client_for(data["chair"])
    with django_assert_max_num_queries(BOUNDS["group"]):
        response = client.get("/groups/seg/")
    assert response.status_code == 200
    assert len(response.context["overview"].members) == size + 1


@pytest.mark.parametrize("size", SIZES)
def test_meeting_page_queries_are_bounded(size, client_for, django_assert_max_num_queries):
    data = build(size)
    client = client_for(data["chair"])
    with django_assert_max_num_queries(BOUNDS["meeting"]):
        response = client.get(f"/meetings/{data['meeting'].pk}/")
    assert response.status_code == 200
    overview = response.context["overview"]
    assert len(overview.actions) == size
    assert len(overview.decisions) == size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", ["first", "last"])
def test_action_log_queries_are_bounded(size, page, client_for, django_assert_max_num_queries):
    data = build(size)
    client = client_for(data["chair"])
    params = {"group": data["group"].pk, "status": "outstanding", "sort": "-agency"}
    last = client.get("/actions/", params).context["page"].paginator.num_pages
    params["page"] = 1 if page == "first" else last
    with django_assert_max_num_queries(BOUNDS["log"]):
        response = client.get("/actions/", params)
    assert response.status_code == 200
    assert response.context["page"].object_list
