"""Every governance and action page: one h1, no inline styles (the CSP forbids them)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.governance.models import MembershipRole
from lscp.improvement.progress import raise_action
from tests.factories import GroupFactory, MeetingFactory, MembershipFactory, UserFactory
from tests.governance.factories import (
    ActionUpdateFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
)

pytestmark = pytest.mark.django_db


def test_every_page_has_one_h1_and_no_inline_style(client_for):
    group = GroupFactory(slug="seg")
    officer = UserFactory(roles=[Role.BUSINESS_MANAGER])
    membership = MembershipFactory(group=group, person=officer, role=MembershipRole.CHAIR)
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - dt.timedelta(days=2), minutes="Noted.")
    item = AgendaItemFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting, person=officer)
    DecisionFactory(meeting=meeting, agenda_item=item)
    action = raise_action(
        source=meeting,
        source_kind="meeting",
        title="Review the threshold document",
        owner=officer,
        agency=officer.agency,
        group=group,
        due_date=timezone.localdate() - dt.timedelta(days=1),
    )
    ActionUpdateFactory(action=action)
    pages = [
        "/",
        "/groups/",
        "/groups/add/",
        "/groups/seg/",
        "/groups/seg/edit/",
        "/groups/seg/members/add/",
        f"/groups/seg/members/{membership.pk}/end/",
        "/groups/seg/meetings/add/",
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/edit/",
        f"/meetings/{meeting.pk}/agenda/add/",
        f"/meetings/{meeting.pk}/agenda/{item.pk}/edit/",
        f"/meetings/{meeting.pk}/agenda/{item.pk}/remove/",
        f"/meetings/{meeting.pk}/attendance/",
        f"/meetings/{meeting.pk}/minutes/",
        f"/meetings/{meeting.pk}/decisions/add/",
        f"/meetings/{meeting.pk}/actions/add/",
        "/actions/",
        "/actions/?overdue=on&sort=-status",
        f"/actions/{action.pk}/",
        f"/actions/{action.pk}/edit/",
    ]
    client = client_for(officer)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, url
        assert not re.search(r"\sstyle=", html), url
        assert "<table" not in html or 'scope="col"' in html, url
