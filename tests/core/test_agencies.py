import pytest

from lscp.accounts.roles import Role
from lscp.core.models import Agency, AgencyKind, ServiceArea
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_user):
    return make_user(roles=[Role.BUSINESS_MANAGER])


def valid(**changes) -> dict:
    data = {
        "name": "Northfield Family Centre",
        "short_name": "NFC",
        "kind": AgencyKind.VOLUNTARY,
        "service_area": ServiceArea.VOLUNTARY,
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_list_groups_partners_apart_from_relevant_agencies(make_user, client_for):
    AgencyFactory(name="Eastmoor Police", kind=AgencyKind.POLICE, service_area=ServiceArea.POLICE)
    AgencyFactory(name="Eastmoor Young Carers", kind=AgencyKind.VOLUNTARY)
    member = make_user(roles=[Role.GROUP_MEMBER])
    response = client_for(member).get("/agencies/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    partners, relevant = html.split('id="relevant"')
    assert "Eastmoor Police" in partners and "Eastmoor Young Carers" not in partners
    assert "Eastmoor Young Carers" in relevant
    assert "Voluntary and community sector" in relevant
    assert 'scope="col"' in html and 'scope="row"' in html
    # Members read the list but are not offered changes.
    assert "/agencies/new/" not in html
    assert "style=" not in html


def test_manager_sees_add_and_change_links(manager, client_for):
    agency = AgencyFactory()
    html = client_for(manager).get("/agencies/").content.decode()
    assert "/agencies/new/" in html
    assert f"/agencies/{agency.pk}/edit/" in html


def test_manager_adds_an_agency(manager, client_for):
    client = client_for(manager)
    assert client.get("/agencies/new/").status_code == 200
    response = client.post("/agencies/new/", valid())
    assert response.status_code == 302
    assert response["Location"] == "/agencies/"
    agency = Agency.objects.get(name="Northfield Family Centre")
    assert agency.kind == AgencyKind.VOLUNTARY and agency.short_name == "NFC" and agency.is_active
    assert "Northfield Family Centre added" in client.get("/agencies/").content.decode()


def test_missing_answers_show_the_error_summary_and_save_nothing(manager, client_for):
    before = Agency.objects.count()
    response = client_for(manager).post("/agencies/new/", valid(name="", kind="", service_area=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the agency&#x27;s name" in html
    assert "Select the kind of agency" in html
    assert "Select a service area" in html
    assert 'href="#id_name"' in html and 'href="#id_kind-0"' in html
    assert "<title>Error:" in html
    assert Agency.objects.count() == before


def test_names_are_unique_whatever_the_case(manager, client_for):
    AgencyFactory(name="Northfield Family Centre")
    response = client_for(manager).post("/agencies/new/", valid(name="  northfield   family centre "))
    assert response.status_code == 200
    assert "An agency with this name already exists" in response.content.decode()
    assert Agency.objects.filter(name__iexact="northfield family centre").count() == 1


def test_manager_changes_an_agency_and_may_keep_its_name(manager, client_for):
    agency = AgencyFactory(name="Northfield Family Centre")
    client = client_for(manager)
    assert "Change Northfield Family Centre" in client.get(f"/agencies/{agency.pk}/edit/").content.decode()
    response = client.post(f"/agencies/{agency.pk}/edit/", valid(short_name="Northfield", is_active=""))
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.short_name == "Northfield" and not agency.is_active


def test_unknown_agency_is_not_found(manager, client_for):
    assert client_for(manager).get("/agencies/999999/edit/").status_code == 404


@pytest.mark.parametrize("role", [Role.GROUP_MEMBER, Role.GROUP_CHAIR, Role.BUSINESS_OFFICER])
def test_only_managers_change_agencies(make_user, client_for, role):
    agency = AgencyFactory()
    client = client_for(make_user(roles=[role]))
    assert client.get("/agencies/new/").status_code == 403
    assert client.post("/agencies/new/", valid()).status_code == 403
    assert client.post(f"/agencies/{agency.pk}/edit/", valid()).status_code == 403
    assert not Agency.objects.filter(name="Northfield Family Centre").exists()


def test_system_administrator_may_change_agencies(make_user, client_for):
    client = client_for(make_user(roles=[Role.SYSTEM_ADMINISTRATOR]))
    assert client.get("/agencies/new/").status_code == 200


def test_practitioners_do_not_see_the_list(make_user, client_for):
    assert client_for(make_user(roles=[Role.PRACTITIONER])).get("/agencies/").status_code == 403


@pytest.mark.parametrize("url", ["/agencies/", "/agencies/new/"])
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")
