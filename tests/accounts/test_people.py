"""The business unit's people pages: who may use them, and what they do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client_for, make_user):
    return client_for(make_user(full_name="Olu Officer", roles=[Role.BUSINESS_OFFICER]))


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.GROUP_MEMBER, Role.INDEPENDENT_SCRUTINEER])
@pytest.mark.parametrize("page", ["", "invite/", "{pk}/", "{pk}/edit/", "{pk}/deactivate/"])
def test_people_pages_are_forbidden_outside_the_business_unit(client_for, make_user, role, page):
    someone = make_user()
    client = client_for(make_user(roles=[role]))
    assert client.get(f"/account/people/{page.format(pk=someone.pk)}").status_code == 403


def test_people_pages_need_sign_in(client, make_user):
    response = client.get("/account/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


@pytest.mark.parametrize("role", [Role.BUSINESS_OFFICER, Role.BUSINESS_MANAGER, Role.SYSTEM_ADMINISTRATOR])
def test_business_unit_and_administrators_see_people(client_for, make_user, role):
    make_user(full_name="Grace Adeyemi")
    response = client_for(make_user(roles=[role])).get("/account/people/")
    assert response.status_code == 200
    assert b"Grace Adeyemi" in response.content


def test_list_filters_by_agency_role_and_status(officer):
    police, health = AgencyFactory(name="Westbrook Police"), AgencyFactory(name="Westbrook ICB")
    UserFactory(full_name="Dana Police Chair", agency=police, roles=[Role.GROUP_CHAIR])
    UserFactory(full_name="Eli Police Member", agency=police, roles=[Role.GROUP_MEMBER])
    UserFactory(full_name="Fay Health Chair", agency=health, roles=[Role.GROUP_CHAIR])
    UserFactory(full_name="Gus Gone Chair", agency=police, roles=[Role.GROUP_CHAIR]).deactivate()

    def names(query: str) -> set[str]:
        page = officer.get(f"/account/people/?{query}").context["page"]
        return {person.full_name for person in page.object_list}

    assert names(f"agency={police.pk}&role=Group+chair") == {"Dana Police Chair"}
    assert names("role=Group+chair") == {"Dana Police Chair", "Fay Health Chair"}
    assert names(f"agency={police.pk}&status=deactivated") == {"Gus Gone Chair"}
    assert names(f"agency={police.pk}&status=all") == {
        "Dana Police Chair",
        "Eli Police Member",
        "Gus Gone Chair",
    }


def test_list_is_paginated_with_a_bounded_number_of_queries(officer):
    def queries_for_first_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer.get("/account/people/").status_code == 200
        return len(captured)

    officer.get("/account/people/")  # the first request of a session does one-off work
    UserFactory.create_batch(3, roles=[Role.GROUP_MEMBER])
    few = queries_for_first_page()
    UserFactory.create_batch(40, roles=[Role.GROUP_MEMBER, Role.PRACTITIONER])
    many = queries_for_first_page()
    assert many == few

    response = officer.get("/account/people/?page=2")
    assert len(response.context["page"].object_list) == User.objects.count() - 25
    assert b'aria-label="Page 2" aria-current="page"' in response.content


def test_person_page_shows_roles_agency_and_dates(officer):
    person = UserFactory(
        full_name="Hana Ito", agency=AgencyFactory(name="Westbrook Council"), roles=[Role.GROUP_CHAIR]
    )
    User.objects.filter(pk=person.pk).update(date_joined="2022-04-05T10:00:00Z")
    content = officer.get(f"/account/people/{person.pk}/").content.decode()
    assert "Hana Ito" in content
    assert "Group chair" in content
    assert "Westbrook Council" in content
    assert "5 April 2022" in content


def test_officer_edits_roles_agency_and_job_title(officer):
    person = UserFactory(roles=[Role.GROUP_MEMBER])
    agency = AgencyFactory()
    response = officer.post(
        f"/account/people/{person.pk}/edit/",
        {
            "full_name": person.full_name,
            "job_title": "Head of service",
            "agency": agency.pk,
            "roles": [Role.GROUP_CHAIR.value, Role.DATA_ANALYST.value],
        },
    )
    assert response.status_code == 302
    person = User.objects.get(pk=person.pk)
    assert person.job_title == "Head of service"
    assert person.agency == agency
    assert person.roles == {Role.GROUP_CHAIR, Role.DATA_ANALYST}


def test_officer_cannot_change_a_system_administrator(officer):
    admin = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR])
    assert officer.get(f"/account/people/{admin.pk}/edit/").status_code == 403


def test_officer_cannot_deactivate_but_manager_can_and_then_reactivate(officer, client_for, make_user):
    person = UserFactory(full_name="Ivy Lane", roles=[Role.GROUP_MEMBER])
    assert officer.post(f"/account/people/{person.pk}/deactivate/").status_code == 403

    manager = client_for(make_user(roles=[Role.BUSINESS_MANAGER]))
    confirm = manager.get(f"/account/people/{person.pk}/deactivate/")
    assert "Deactivate Ivy Lane's account?" in confirm.content.decode()
    assert User.objects.get(pk=person.pk).is_active

    assert manager.post(f"/account/people/{person.pk}/deactivate/").status_code == 302
    person = User.objects.get(pk=person.pk)
    assert not person.is_active and person.deactivated_at is not None

    assert b"Reactivate Ivy Lane" in manager.get(f"/account/people/{person.pk}/reactivate/").content
    manager.post(f"/account/people/{person.pk}/reactivate/")
    person = User.objects.get(pk=person.pk)
    assert person.is_active and person.deactivated_at is None
    assert person.roles == {Role.GROUP_MEMBER}


def test_nobody_deactivates_themselves(client_for, make_user):
    manager = make_user(roles=[Role.BUSINESS_MANAGER])
    client = client_for(manager)
    assert client.post(f"/account/people/{manager.pk}/deactivate/").status_code == 403
    assert User.objects.get(pk=manager.pk).is_active


def test_role_changes_are_in_the_change_log(client_for, make_user):
    from auditlog.models import LogEntry

    manager = make_user(roles=[Role.BUSINESS_MANAGER])
    person = UserFactory(roles=[Role.GROUP_MEMBER])
    client_for(manager).post(
        f"/account/people/{person.pk}/edit/",
        {"full_name": person.full_name, "job_title": "", "agency": "", "roles": [Role.GROUP_CHAIR.value]},
    )
    entries = LogEntry.objects.get_for_object(person).filter(actor=manager)
    assert any("groups" in (entry.changes_dict or {}) for entry in entries)


def test_people_is_in_the_navigation_for_the_business_unit_only(client_for, make_user):
    officer = client_for(make_user(roles=[Role.BUSINESS_OFFICER])).get("/account/people/")
    assert [item.label for item in officer.context["navigation"] if item.active] == ["People"]
    member = client_for(make_user(roles=[Role.GROUP_MEMBER])).get("/")
    assert "People" not in [item.label for item in member.context["navigation"]]
