"""The report pages: who may read a draft and a published report, and publishing after sign-off."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscp.governance.models import ReportYear
from tests.factories import UserFactory
from tests.reporting.factories import ReportYearFactory

pytestmark = pytest.mark.django_db
LABEL = "2021-22"


@pytest.fixture
def staff(client_for):
    return client_for(UserFactory(roles=["Group member"]))


@pytest.fixture
def officer(client_for):
    return client_for(UserFactory(roles=["Business officer"]))


@pytest.fixture
def practitioner(client_for):
    return client_for(UserFactory(roles=["Practitioner"]))


def url(name: str, label: str = LABEL) -> str:
    return reverse(f"reporting:{name}", args=[label])


def test_staff_see_the_years_and_a_draft(staff, executive):
    ReportYearFactory()
    page = staff.get(reverse("reporting:reports"))
    assert page.status_code == 200 and LABEL in page.content.decode() and "Draft" in page.content.decode()
    preview = staff.get(url("report"))
    assert preview.status_code == 200
    assert "Structure and governance" in preview.content.decode()
    assert staff.get(url("checklist")).status_code == 200
    assert staff.get(url("report-json")).json()["year"] == LABEL


@pytest.mark.parametrize("name", ["report", "report-pdf", "report-json"])
def test_a_draft_is_not_for_practitioners_or_the_public(practitioner, name):
    ReportYearFactory()
    assert practitioner.get(url(name)).status_code == 403
    anonymous = Client().get(url(name))
    assert anonymous.status_code == 302 and "sign-in" in anonymous["Location"]


def test_a_published_report_is_for_everyone(practitioner):
    ReportYearFactory(signed_off_at=timezone.now(), published_at=timezone.now())
    assert Client().get(url("report")).status_code == 200
    assert practitioner.get(url("report-json")).status_code == 200
    # The checklist and the list of years stay the partnership's.
    assert practitioner.get(url("checklist")).status_code == 403
    assert practitioner.get(reverse("reporting:reports")).status_code == 403


def test_a_year_without_a_plan_and_report_is_not_found(staff):
    page = staff.get(url("report", "2030-31"))
    assert page.status_code == 404


def test_publishing_needs_sign_off(officer, staff):
    year = ReportYearFactory()
    assert officer.get(url("publish")).status_code == 405
    assert staff.post(url("publish")).status_code == 403  # a member cannot publish
    officer.post(url("publish"))
    year.refresh_from_db()
    assert year.published_at is None  # not signed off: nothing happens
    year.signed_off_at = timezone.now()
    year.save()
    response = officer.post(url("publish"))
    assert response.status_code == 302 and response["Location"] == url("report")
    assert ReportYear.objects.get(pk=year.pk).published_at is not None
    assert Client().get(url("report")).status_code == 200
