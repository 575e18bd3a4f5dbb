"""The home page, groups and meetings: what each person sees and may change."""

import datetime as dt

import pytest
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.governance.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Group,
    GroupKind,
    Meeting,
    Membership,
    MembershipRole,
)
from lscp.improvement.models import Action, ActionStatus
from tests.factories import ActionFactory, AgencyFactory, GroupFactory, MeetingFactory, MembershipFactory
from tests.governance.factories import AgendaItemFactory, AttendanceFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def cdop():
    return GroupFactory(name="Child Death Overview Panel", short_name="CDOP", slug="cdop")


@pytest.fixture
def member(make_user, cdop):
    person = make_user(full_name="Mo Member", roles=[Role.GROUP_MEMBER])
    MembershipFactory(group=cdop, person=person)
    return person


@pytest.fixture
def chair(make_user, cdop):
    person = make_user(full_name="Chris Chair", roles=[Role.GROUP_CHAIR])
    MembershipFactory(group=cdop, person=person, role=MembershipRole.CHAIR)
    return person


@pytest.fixture
def officer(make_user):
    return make_user(full_name="Ola Officer", roles=[Role.BUSINESS_OFFICER])


# Home page


def test_practitioner_home_has_no_governance(make_user, client_for, cdop):
    practitioner = make_user(full_name="Pat Practitioner", roles=[Role.PRACTITIONER])
    MeetingFactory(group=cdop)
    response = client_for(practitioner).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Welcome, Pat" in html
    assert "Next meetings" not in html
    assert "/groups/" not in html  # nor in the navigation


def test_member_home_shows_groups_meetings_and_own_actions(client_for, member, cdop):
    MeetingFactory(group=cdop, starts_at=timezone.now() + dt.timedelta(days=3), location="Room 4")
    MeetingFactory(group=GroupFactory(), location="Elsewhere")
    late = ActionFactory(owner=member, due_date=days(-2), title="Late action")
    ActionFactory(owner=member, due_date=days(5), title="Soon action")
    ActionFactory(owner=member, status=ActionStatus.COMPLETED, title="Finished action")
    ActionFactory(title="Someone else's")

    response = client_for(member).get("/")
    html = response.content.decode()
    board = response.context["board"]
    assert [m.group for m in board.memberships] == [cdop]
    assert "Room 4" in html and "Elsewhere" not in html
    assert [a.title for a in board.my_actions] == ["Late action", "Soon action"]
    assert (board.my_counts.open, board.my_counts.overdue) == (2, 1)
    assert board.partnership_overdue is None
    assert late.get_absolute_url() in html
    assert "Overdue</strong>" in html
    assert "Finished action" not in html


def test_business_unit_home_counts_overdue_across_the_partnership(client_for, officer):
    ActionFactory.create_batch(3, due_date=days(-1))
    ActionFactory(due_date=days(-1), status=ActionStatus.COMPLETED)
    meeting = MeetingFactory()  # the business unit services every group's meetings
    response = client_for(officer).get("/")
    assert response.context["board"].partnership_overdue == 3
    assert response.context["board"].next_meetings == [meeting]
    assert "/actions/?overdue=on" in response.content.decode()


# Groups


def test_groups_list_executive_first_and_hidden_from_practitioners(make_user, client_for, member, cdop):
    GroupFactory(name="Executive", short_name="Exec", kind=GroupKind.EXECUTIVE, order=9)
    response = client_for(member).get("/groups/")
    assert [g.short_name for g in response.context["groups"]] == ["Exec", "CDOP"]
    assert client_for(make_user(roles=[Role.PRACTITIONER])).get("/groups/").status_code == 403
    assert client_for(make_user(roles=[Role.PRACTITIONER])).get("/groups/cdop/").status_code == 403


def test_group_page_shows_members_meetings_attendance_and_actions(client_for, member, chair, cdop):
    past = MeetingFactory(group=cdop, starts_at=timezone.now() - dt.timedelta(days=30))
    upcoming = MeetingFactory(group=cdop)
    AttendanceFactory(meeting=past, person=member, status=AttendanceStatus.PRESENT)
    AttendanceFactory(meeting=past, person=chair, status=AttendanceStatus.APOLOGIES)
    ActionFactory(group=cdop, due_date=days(-1))
    ActionFactory(group=cdop, due_date=days(9))
    ActionFactory(group=cdop, status=ActionStatus.COMPLETED)

    response = client_for(member).get("/groups/cdop/")
    overview = response.context["overview"]
    html = response.content.decode()
    assert {m.person for m in overview.members} == {member, chair}
    assert overview.members[0].person == chair  # the chair heads the list
    assert overview.upcoming == [upcoming] and overview.past == [past]
    assert sorted(row.rate_percent for row in overview.attendance) == [0, 100]
    assert (overview.action_counts.open, overview.action_counts.overdue) == (2, 1)
    assert "2 open, 1 overdue" in html
    assert "Add a member" not in html  # members read only


def test_business_unit_adds_and_edits_a_group(client_for, officer):
    client = client_for(officer)
    response = client.post(
        "/groups/add/",
        {
            "name": "Learning and Development",
            "short_name": "L&D",
            "kind": "subgroup",
            "function": "Training.",
            "order": 3,
        },
    )
    group = Group.objects.get(short_name="L&D")
    assert group.slug == "ld"
    assert response["Location"] == "/groups/ld/"
    client.post(
        "/groups/ld/edit/",
        {
            "name": "Learning and Development Group",
            "short_name": "L&D",
            "kind": "subgroup",
            "function": "x",
            "order": 3,
        },
    )
    group.refresh_from_db()
    assert group.name == "Learning and Development Group"


def test_group_form_with_errors_saves_nothing(client_for, officer):
    response = client_for(officer).post("/groups/add/", {"name": "", "short_name": "add", "kind": "subgroup"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter the group&#x27;s name" in html
    assert not Group.objects.exists()


def test_only_business_unit_manages_groups(client_for, chair, cdop):
    client = client_for(chair)
    assert client.get("/groups/add/").status_code == 403
    assert client.get("/groups/cdop/edit/").status_code == 403
    assert client.get("/groups/cdop/members/add/").status_code == 403


def test_business_unit_adds_and_ends_a_membership(make_user, client_for, officer, cdop):
    health = AgencyFactory(name="Health")
    nurse = make_user(full_name="Nia Nurse", agency=health, roles=[Role.GROUP_MEMBER])
    client = client_for(officer)
    response = client.post(
        "/groups/cdop/members/add/",
        {"person": nurse.pk, "role": "member", "agency": "", "start": "2022-04-01"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=nurse)
    assert (membership.group, membership.agency, membership.start) == (cdop, health, dt.date(2022, 4, 1))

    again = client.post(
        "/groups/cdop/members/add/", {"person": nurse.pk, "role": "member", "start": "2022-05-01"}
    )
    assert "already a member" in again.content.decode()
    assert Membership.objects.filter(person=nurse).count() == 1

    too_early = client.post(f"/groups/cdop/members/{membership.pk}/end/", {"end": "2022-03-01"})
    assert "govuk-error-summary" in too_early.content.decode()
    membership.refresh_from_db()
    assert membership.end is None

    client.post(f"/groups/cdop/members/{membership.pk}/end/", {"end": "2022-09-30"})
    membership.refresh_from_db()
    assert membership.end == dt.date(2022, 9, 30)


# Meetings


def test_member_reads_own_groups_meeting_but_not_another_groups(client_for, member, cdop):
    own = MeetingFactory(group=cdop)
    other = MeetingFactory(group=GroupFactory())
    client = client_for(member)
    assert client.get(f"/meetings/{own.pk}/").status_code == 200
    assert client.get(f"/meetings/{other.pk}/").status_code == 403
    assert client.get(f"/meetings/{own.pk}/minutes/").status_code == 403


def test_former_member_no_longer_reads_the_groups_meetings(make_user, client_for, cdop):
    former = make_user(roles=[Role.GROUP_MEMBER])
    MembershipFactory(group=cdop, person=former, end=days(-1))
    assert client_for(former).get(f"/meetings/{MeetingFactory(group=cdop).pk}/").status_code == 403


def test_scrutineer_reads_every_meeting_but_changes_none(make_user, client_for):
    meeting = MeetingFactory()
    client = client_for(make_user(roles=[Role.INDEPENDENT_SCRUTINEER]))
    response = client.get(f"/meetings/{meeting.pk}/")
    assert response.status_code == 200
    assert "Add an agenda item" not in response.content.decode()
    assert client.get(f"/meetings/{meeting.pk}/edit/").status_code == 403


def test_chair_manages_own_groups_meetings_but_not_anothers(client_for, chair, cdop):
    own = MeetingFactory(group=cdop)
    other = MeetingFactory(group=GroupFactory(slug="seg"))
    client = client_for(chair)
    assert "Add an agenda item" in client.get(f"/meetings/{own.pk}/").content.decode()
    assert client.get(f"/meetings/{own.pk}/edit/").status_code == 200
    assert client.get(f"/meetings/{other.pk}/edit/").status_code == 403
    assert client.get("/groups/seg/meetings/add/").status_code == 403
    assert client.post(f"/meetings/{other.pk}/agenda/add/", {"order": 1, "title": "x"}).status_code == 403
    assert not AgendaItem.objects.exists()


def test_chair_schedules_a_meeting_in_uk_time(client_for, chair, cdop):
    response = client_for(chair).post(
        "/groups/cdop/meetings/add/", {"date": "2030-07-01", "time": "14:00", "location": "Room 4"}
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.group == cdop
    assert meeting.starts_at == dt.datetime(2030, 7, 1, 13, 0, tzinfo=dt.UTC)  # 2pm BST


def test_meeting_form_with_errors_saves_nothing(client_for, chair):
    response = client_for(chair).post("/groups/cdop/meetings/add/", {"date": "", "time": "25:00"})
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_date"' in html
    assert "Enter the date of the meeting" in html
    assert not Meeting.objects.exists()


def test_agenda_items_added_changed_and_removed(client_for, chair, cdop):
    meeting = MeetingFactory(group=cdop)
    client = client_for(chair)
    client.post(
        f"/meetings/{meeting.pk}/agenda/add/", {"order": 1, "title": "Apologies", "presenter": "Chair"}
    )
    item = AgendaItem.objects.get()
    client.post(
        f"/meetings/{meeting.pk}/agenda/{item.pk}/edit/", {"order": 2, "title": "Apologies and minutes"}
    )
    item.refresh_from_db()
    assert (item.order, item.title, item.meeting) == (2, "Apologies and minutes", meeting)
    assert client.get(f"/meetings/{meeting.pk}/agenda/{item.pk}/remove/").status_code == 200
    assert AgendaItem.objects.exists()
    client.post(f"/meetings/{meeting.pk}/agenda/{item.pk}/remove/")
    assert not AgendaItem.objects.exists()


def test_agenda_item_of_another_meeting_is_not_found(client_for, chair, cdop):
    meeting = MeetingFactory(group=cdop)
    elsewhere = AgendaItemFactory()
    assert client_for(chair).post(f"/meetings/{meeting.pk}/agenda/{elsewhere.pk}/remove/").status_code == 404
    assert AgendaItem.objects.filter(pk=elsewhere.pk).exists()


def test_attendance_form_lists_members_and_saves_with_agency_represented(client_for, chair, member, cdop):
    meeting = MeetingFactory(group=cdop, starts_at=timezone.now() - dt.timedelta(days=1))
    client = client_for(chair)
    form = client.get(f"/meetings/{meeting.pk}/attendance/").content.decode()
    assert "Mo Member" in form and "Chris Chair" in form
    client.post(
        f"/meetings/{meeting.pk}/attendance/",
        {f"person_{chair.pk}": "present", f"person_{member.pk}": "apologies"},
    )
    recorded = {a.person: (a.status, a.agency) for a in Attendance.objects.filter(meeting=meeting)}
    assert recorded == {
        chair: ("present", Membership.objects.get(person=chair).agency),
        member: ("apologies", Membership.objects.get(person=member).agency),
    }


def test_minutes_approved_with_a_date(client_for, chair, cdop):
    meeting = MeetingFactory(group=cdop, starts_at=timezone.now() - dt.timedelta(days=20))
    client = client_for(chair)
    bad = client.post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "", "minutes_approved_on": days(-1)})
    assert "Enter the minutes before marking them approved" in bad.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_approved_on is None
    client.post(
        f"/meetings/{meeting.pk}/minutes/", {"minutes": "Members noted...", "minutes_approved_on": days(-1)}
    )
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.minutes_approved_on) == ("Members noted...", days(-1))
    assert "Approved on" in client.get(f"/meetings/{meeting.pk}/").content.decode()


def test_decision_recorded_against_an_agenda_item(client_for, chair, cdop):
    meeting = MeetingFactory(group=cdop)
    item = AgendaItemFactory(meeting=meeting, title="Safe sleep")
    client_for(chair).post(
        f"/meetings/{meeting.pk}/decisions/add/", {"text": "Run a campaign", "agenda_item": item.pk}
    )
    decision = Decision.objects.get()
    assert (decision.meeting, decision.agenda_item, decision.text) == (meeting, item, "Run a campaign")


def test_action_raised_at_a_meeting_goes_on_the_log(client_for, chair, member, cdop):
    meeting = MeetingFactory(group=cdop)
    client = client_for(chair)
    response = client.post(
        f"/meetings/{meeting.pk}/actions/add/",
        {"title": "Share the learning", "detail": "", "owner": member.pk, "agency": "", "due_date": days(30)},
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.source == meeting
    assert action.source_kind == "meeting"
    assert action.group == cdop
    assert action.agency == Membership.objects.get(person=member).agency
    assert action.created_by == chair
    assert "Share the learning" in client.get(f"/meetings/{meeting.pk}/").content.decode()


def test_action_form_with_errors_saves_nothing(client_for, chair, cdop, make_user):
    meeting = MeetingFactory(group=cdop)
    outsider = make_user()
    response = client_for(chair).post(
        f"/meetings/{meeting.pk}/actions/add/", {"title": "", "owner": outsider.pk, "due_date": days(-1)}
    )
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter the action" in html
    assert "The due date must be today or in the future" in html
    assert "Select one of the group&#x27;s members as the owner" in html
    assert not Action.objects.exists()


def test_navigation_shows_governance_and_actions_to_staff_only(make_user, client_for, member):
    html = client_for(member).get("/").content.decode()
    assert 'href="/groups/"' in html and 'href="/actions/"' in html
    practitioner_html = client_for(make_user(roles=[Role.PRACTITIONER])).get("/").content.decode()
    assert 'href="/actions/"' not in practitioner_html
