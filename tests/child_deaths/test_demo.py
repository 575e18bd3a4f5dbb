"""The demo panel's records give the reference year's figures when analysed, as a real panel's
would; open cases stand at every stage; loading again changes nothing."""

import datetime as dt
import random

import pytest
from django.apps import apps
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.child_deaths.analysis import analyse
from lscp.child_deaths.categories import Category
from lscp.child_deaths.models import (
    ChildDeath,
    DomainScore,
    InformationRequest,
    JointAgencyResponse,
    LearningPoint,
    PanelReview,
    ReviewMeeting,
    Stage,
)
from lscp.core.discovery import app_modules
from lscp.core.nhs_number import is_valid

pytestmark = pytest.mark.django_db

PREREQUISITES = ["core", "accounts", "governance"]
YEAR = (dt.date(2021, 4, 1), dt.date(2022, 3, 31))


def load() -> None:
    """The apps the panel's demo stands on, then the panel's own, as `lscp demo` runs them."""
    modules = dict(app_modules("demo"))
    for label in [*PREREQUISITES, "child_deaths"]:
        modules[label].load(random.Random(f"2022:{label}"))


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def loaded():
    load()


def by_label(cells) -> dict[str, int | None]:
    return {cell.label: cell.count for cell in cells}


def test_the_reference_year_comes_out_of_the_records(loaded):
    analysis = analyse(*YEAR, suppressed=False)
    assert analysis.completed.count == 25
    assert analysis.previous.count == 7
    assert by_label(analysis.years_of_death) == {"2017": 2, "2018": 3, "2019": 5, "2020": 7, "2021": 8}
    assert by_label(analysis.expectation) == {"Expected": 18, "Unexpected": 7}
    assert by_label(analysis.categories) == {
        Category.DELIBERATE_HARM.label: 0,
        Category.SUICIDE.label: 1,
        Category.TRAUMA.label: 2,
        Category.MALIGNANCY.label: 2,
        Category.ACUTE.label: 1,
        Category.CHRONIC.label: 3,
        Category.ANOMALIES.label: 4,
        Category.PERINATAL.label: 5,
        Category.INFECTION.label: 1,
        Category.SUDDEN_UNEXPLAINED.label: 6,
    }
    modifiable = analysis.with_modifiable_factors
    assert (modifiable.count, modifiable.percent) == (11, "44%")
    assert [(cell.label, cell.count) for cell in analysis.factors] == [
        ("Parental alcohol use", 7),
        ("Parental substance use", 7),
        ("Smoking", 7),
        ("Unsafe sleep", 5),
        ("Domestic abuse", 4),
        ("Parental mental ill-health", 1),
    ]
    assert sum(cell.count for cell in analysis.age_bands) == sum(cell.count for cell in analysis.sexes) == 25


def test_every_closed_case_has_its_records_and_a_panel_meeting(loaded):
    closed = ChildDeath.objects.filter(stage=Stage.CLOSED)
    assert closed.count() == 32
    for case in closed:
        review = case.panel_review
        assert JointAgencyResponse.objects.filter(case=case).exists() == case.is_unexpected
        requests = InformationRequest.objects.filter(case=case)
        assert requests.count() >= 3 and not requests.filter(received_on__isnull=True).exists()
        meeting = ReviewMeeting.objects.get(case=case)
        assert case.died_on < meeting.held_on < review.completed_on
        assert DomainScore.objects.filter(review=review).count() == 4
        assert 1 <= LearningPoint.objects.filter(review=review).count() <= 2
        assert case.family_contacts.exists() and case.lead_nurse is not None
        assert is_valid(case.nhs_number) and case.nhs_number.startswith("999")
    # The year's reviews were concluded at the CDOP's own meetings.
    in_year = PanelReview.objects.filter(completed_on__range=YEAR)
    assert not in_year.filter(meeting__isnull=True).exists()
    assert set(in_year.values_list("meeting__group__slug", flat=True)) == {"cdop"}
    for review in in_year.select_related("meeting"):
        assert review.completed_on == timezone.localtime(review.meeting.starts_at).date()


def test_open_cases_stand_at_every_stage_with_a_lead_nurse(loaded):
    today = timezone.localdate()
    open_cases = ChildDeath.objects.exclude(stage=Stage.CLOSED)
    assert {case.stage for case in open_cases} == {
        Stage.NOTIFIED,
        Stage.JOINT_AGENCY_RESPONSE,
        Stage.INFORMATION,
        Stage.REVIEW_MEETING,
        Stage.PANEL,
    }
    for case in open_cases:
        assert today - dt.timedelta(days=200) < case.notified_on <= today
        assert case.lead_nurse.has_role(Role.LEAD_NURSE)
        assert case.family_contacts.exists()
        assert not PanelReview.objects.filter(case=case).exists()
    overdue = InformationRequest.objects.filter(received_on__isnull=True, due_on__lt=today)
    assert overdue.count() == 1
    assert overdue.get().case.stage == Stage.INFORMATION


def test_the_cases_are_supported_by_the_demo_lead_nurse_sign_in(loaded):
    nurse = ChildDeath.objects.filter(stage=Stage.NOTIFIED).get().lead_nurse
    assert nurse.email == "lead.nurse@demo.lscp.invalid" and nurse.has_role(Role.LEAD_NURSE)


def test_loading_again_changes_nothing(loaded):
    first = counts()
    load()
    assert counts() == first
    assert first["child_deaths.ChildDeath"] == 37
