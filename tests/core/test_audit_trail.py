import datetime as dt

import pytest
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.core.audit import record_access, record_event
from lscp.core.models import AccessEntry, AccessKind, Agency
from tests.factories import ActionFactory, AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_user):
    return make_user(
        email="elsie.manager@example.org", full_name="Elsie Manager", roles=[Role.BUSINESS_MANAGER]
    )


@pytest.fixture
def viewer(make_user):
    return make_user(email="viktor.reader@example.org", full_name="Viktor Reader", roles=[Role.GROUP_MEMBER])


def viewed(user, obj) -> AccessEntry:
    request = RequestFactory().get(f"/records/{obj.pk}/", REMOTE_ADDR="198.51.100.7")
    request.user = user
    return record_access(request, obj)


def page(client, **params):
    response = client.get("/audit/", params)
    assert response.status_code == 200
    return response.content.decode()


def results(client, **params) -> str:
    """Only the results, not the search form (whose options name every kind)."""
    html = page(client, **params)
    return html.split('aria-label="Search the audit trail"', 1)[1].split("</form>", 1)[1]


def test_finds_a_change_made_by_a_person(manager, client_for):
    with set_actor(manager):
        agency = AgencyFactory(name="Greystone Family Hub")
    with set_actor(manager):
        agency.short_name = "Greystone"
        agency.save()
    html = page(client_for(manager), person="elsie.manager")
    assert html.count("<h1") == 1
    assert "Greystone Family Hub" in html
    assert "Created" in html and "Updated" in html
    assert "Short name: – → Greystone" in html
    assert "Elsie Manager" in html
    assert "style=" not in html


def test_finds_a_view_of_a_restricted_record(manager, viewer, client_for):
    agency = AgencyFactory(name="Greystone Family Hub")
    viewed(viewer, agency)
    html = results(client_for(manager), person="viktor", kind=AccessKind.VIEWED)
    assert "Viewed a restricted record" in html
    assert "Greystone Family Hub" in html
    assert "198.51.100.7" in html
    assert f"/records/{agency.pk}/" in html
    # The agency's creation is a change, not a view: not shown under this kind.
    assert "Created" not in html


def test_filters_by_kind_of_entry(manager, viewer, client_for):
    agency = AgencyFactory(name="Greystone Family Hub")
    viewed(viewer, agency)
    client = client_for(manager)
    changes = results(client, record="Greystone", kind="changes")
    assert "Created" in changes and "Viewed a restricted record" not in changes
    access = results(client, record="Greystone", kind="access")
    assert (
        "Viewed a restricted record" in access and '<strong class="govuk-tag govuk-tag--blue">' not in access
    )
    deleted = results(client, record="Greystone", kind="deleted")
    assert "Nothing matches this search" in deleted


def test_filters_by_record_and_record_type(manager, viewer, client_for):
    wanted = AgencyFactory(name="Greystone Family Hub")
    AgencyFactory(name="Ashcombe Nursery")
    client = client_for(manager)
    html = page(client, record="greystone")
    assert "Greystone Family Hub" in html and "Ashcombe Nursery" not in html
    agency_type = ContentType.objects.get_for_model(Agency)
    html = page(client, record_type=agency_type.pk, object_id=wanted.pk)
    assert "Greystone Family Hub" in html and "Ashcombe Nursery" not in html
    assert f"?record_type={agency_type.pk}&amp;object_id={wanted.pk}" in html


def test_filters_by_date_range(manager, viewer, client_for):
    agency = AgencyFactory(name="Greystone Family Hub")
    old = viewed(viewer, agency)
    AccessEntry.objects.filter(pk=old.pk).update(at=timezone.make_aware(dt.datetime(2022, 4, 5, 11, 15)))
    client = client_for(manager)
    html = page(client, kind="viewed", date_from="2022-04-01", date_to="2022-04-30")
    assert "5 April 2022" in html and "Viktor Reader" in html
    html = page(client, kind="viewed", date_from="2022-05-01")
    assert "Viktor Reader" not in html
    html = page(client, kind="viewed", date_to="2022-04-04")
    assert "Viktor Reader" not in html


def test_a_backwards_date_range_is_an_error(manager, client_for):
    html = page(client_for(manager), date_from="2022-05-01", date_to="2022-04-01")
    assert "There is a problem" in html
    assert "To must be the same as or after From" in html


def test_sign_in_events_appear_with_what_was_typed(manager, client_for):
    record_event(AccessKind.SIGN_IN_FAILED, None, username="nobody@example.org")
    html = page(client_for(manager), person="nobody@", kind=AccessKind.SIGN_IN_FAILED)
    assert "Sign-in failed" in html and "nobody@example.org" in html


def test_newest_first_fifty_a_page_in_a_bounded_number_of_queries(
    manager, viewer, client_for, django_assert_max_num_queries
):
    agency = AgencyFactory(name="Greystone Family Hub")
    start = timezone.make_aware(dt.datetime(2022, 4, 1, 9, 0))
    for n in range(60):
        entry = viewed(viewer, agency)
        AccessEntry.objects.filter(pk=entry.pk).update(at=start + dt.timedelta(days=n))
    client = client_for(manager)
    client.get("/audit/")  # warm the session
    with django_assert_max_num_queries(12):
        html = page(client, kind="viewed")
    assert "60 entries" in html
    assert html.count("Viewed a restricted record</strong>") == 50
    assert html.index("30 May 2022") < html.index("1 May 2022")  # newest first
    second = page(client, kind="viewed", page=2)
    assert second.count("Viewed a restricted record</strong>") == 10
    assert "1 April 2022" in second


def test_changed_links_are_named_in_a_bounded_number_of_queries(
    manager, client_for, django_assert_max_num_queries
):
    with set_actor(manager):
        for n in range(30):
            ActionFactory(title=f"Greystone action {n}", owner__full_name=f"Owner {n}")
    client = client_for(manager)
    client.get("/audit/")
    with django_assert_max_num_queries(14):
        html = results(client, record="Greystone action", kind="created")
    assert "30 entries found" in html
    assert "Owner: Owner 29" in html
    assert "Status: Not started" in html
    assert "Id:" not in html


@pytest.mark.parametrize(
    "role", [Role.BUSINESS_OFFICER, Role.GROUP_MEMBER, Role.DATA_ANALYST, Role.PRACTITIONER]
)
def test_forbidden_to_others(make_user, client_for, role):
    assert client_for(make_user(roles=[role])).get("/audit/").status_code == 403


def test_system_administrators_may_search(make_user, client_for):
    assert client_for(make_user(roles=[Role.SYSTEM_ADMINISTRATOR])).get("/audit/").status_code == 200


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")
