"""An action's page, its updates and its edits, and who may do each."""

import datetime as dt

import pytest
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.governance.models import MembershipRole
from lscp.improvement.models import ActionStatus, ActionUpdate, Rag
from lscp.improvement.progress import record_update
from tests.factories import ActionFactory, AgencyFactory, GroupFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    return AgencyFactory(name="Police")


@pytest.fixture
def action(police, make_user):
    owner = make_user(agency=police, roles=[Role.GROUP_MEMBER])
    return ActionFactory(owner=owner, agency=police, group=GroupFactory())


def update(client, action, **data):
    payload = {
        "text": "Training delivered to two teams.",
        "status": ActionStatus.IN_PROGRESS,
        "rag": Rag.AMBER,
    }
    payload.update(data)
    return client.post(f"/actions/{action.pk}/update/", payload)


def test_practitioner_cannot_see_the_log_or_an_action(make_user, client_for, action):
    client = client_for(make_user(roles=[Role.PRACTITIONER]))
    assert client.get("/actions/").status_code == 403
    assert client.get(f"/actions/{action.pk}/").status_code == 403
    assert client.get("/actions/export.csv").status_code == 403


def test_scrutineer_reads_but_cannot_update(make_user, client_for, action):
    client = client_for(make_user(roles=[Role.INDEPENDENT_SCRUTINEER]))
    page = client.get(f"/actions/{action.pk}/")
    assert page.status_code == 200
    assert "Add an update" not in page.content.decode()
    assert update(client, action).status_code == 403
    assert not ActionUpdate.objects.exists()


def test_someone_from_the_owning_agency_updates_its_action(make_user, client_for, action, police):
    colleague = make_user(agency=police, roles=[Role.GROUP_MEMBER])
    client = client_for(colleague)
    assert "Add an update" in client.get(f"/actions/{action.pk}/").content.decode()
    response = update(client, action)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.rag) == (ActionStatus.IN_PROGRESS, Rag.AMBER)
    assert action.updates.get().author == colleague


def test_another_agency_cannot_update_or_edit_it(make_user, client_for, action):
    client = client_for(make_user(agency=AgencyFactory(), roles=[Role.GROUP_MEMBER]))
    assert update(client, action).status_code == 403
    assert client.get(f"/actions/{action.pk}/edit/").status_code == 403
    assert not ActionUpdate.objects.exists()


def test_the_named_owner_from_another_agency_may_update(make_user, client_for, police):
    owner = make_user(agency=AgencyFactory(), roles=[Role.GROUP_MEMBER])
    action = ActionFactory(owner=owner, agency=police)
    assert update(client_for(owner), action).status_code == 302


def test_chair_of_its_group_may_edit_but_not_another_groups(make_user, client_for, action):
    chair = make_user(agency=AgencyFactory(), roles=[Role.GROUP_CHAIR])
    MembershipFactory(group=action.group, person=chair, role=MembershipRole.CHAIR)
    client = client_for(chair)
    assert client.get(f"/actions/{action.pk}/edit/").status_code == 200
    elsewhere = ActionFactory(agency=AgencyFactory(), group=GroupFactory())
    assert client.get(f"/actions/{elsewhere.pk}/edit/").status_code == 403


def test_completing_stamps_the_date_and_reopening_clears_it(action):
    record_update(action, author=action.owner, text="Done", status=ActionStatus.COMPLETED, rag=Rag.GREEN)
    action.refresh_from_db()
    assert action.completed_on == timezone.localdate()
    record_update(action, author=action.owner, text="Reopened", status=ActionStatus.IN_PROGRESS, rag=Rag.RED)
    action.refresh_from_db()
    assert action.completed_on is None
    assert action.updates.count() == 2


def test_an_update_with_errors_shows_the_error_summary_and_saves_nothing(client_for, action):
    response = update(client_for(action.owner), action, text="", status="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_text"' in html
    assert "Enter the update" in html
    assert "Select the action&#x27;s status" in html
    assert "<title>Error: " in html
    assert not ActionUpdate.objects.exists()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_update_needs_a_post(client_for, action):
    assert client_for(action.owner).get(f"/actions/{action.pk}/update/").status_code == 405


def test_business_unit_edits_an_action(make_user, client_for, action, police):
    client = client_for(make_user(roles=[Role.BUSINESS_OFFICER]))
    new_due = timezone.localdate() + dt.timedelta(days=60)
    response = client.post(
        f"/actions/{action.pk}/edit/",
        {
            "title": "Revised",
            "detail": "",
            "owner": action.owner.pk,
            "agency": police.pk,
            "due_date": new_due,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.due_date, action.group) == ("Revised", new_due, None)


def test_edit_with_errors_saves_nothing(client_for, action):
    response = client_for(action.owner).post(
        f"/actions/{action.pk}/edit/", {"title": "", "due_date": "31/02/2022"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    action.refresh_from_db()
    assert action.title.startswith("Action")


def test_action_page_links_to_the_meeting_that_raised_it(client_for, action):
    from lscp.improvement.progress import raise_action

    meeting = MeetingFactory(group=action.group)
    raised = raise_action(
        source=meeting,
        source_kind="meeting",
        title="Audit neglect cases",
        owner=action.owner,
        agency=action.agency,
        group=meeting.group,
        due_date=timezone.localdate(),
    )
    html = client_for(action.owner).get(f"/actions/{raised.pk}/").content.decode()
    assert f'href="/meetings/{meeting.pk}/"' in html
    assert str(meeting) in html
