"""Shared people and cases for the child death review's tests. Every child here is invented."""

import datetime as dt

import pytest

from lscp.accounts.roles import Role
from lscp.child_deaths import workflow
from lscp.child_deaths.categories import Contribution, Domain, Expectation
from lscp.child_deaths.models import ChildDeath
from lscp.governance.models import MembershipRole
from tests.factories import AgencyFactory, GroupFactory, MembershipFactory, UserFactory

CHILD_NAME = "Zebedee Testchild"
NHS_NUMBER = "9990000018"  # the NHS's test range: never issued
OTHER_NHS_NUMBER = "9990000026"
BORN = dt.date(2019, 5, 1)
DIED = dt.date(2024, 3, 1)  # a Friday
NOTIFIED = dt.date(2024, 3, 4)
ALL_SCORED = {domain: Contribution.NONE for domain in Domain.values}


def notification(**changes) -> dict:
    """A notification's details, as workflow.notify takes them."""
    return {
        "full_name": CHILD_NAME,
        "date_of_birth": BORN,
        "sex": "male",
        "ethnicity": "White British",
        "nhs_number": NHS_NUMBER,
        "home_postcode": "WB1 2AB",
        "died_on": DIED,
        "place_of_death": "Westbrook General Hospital",
        "expectation": Expectation.UNEXPECTED,
        "notified_on": NOTIFIED,
        **changes,
    }


@pytest.fixture
def officer(db):
    return UserFactory(roles=[Role.BUSINESS_OFFICER])


@pytest.fixture
def cdop(db):
    return GroupFactory(slug="cdop", short_name="CDOP", name="Child Death Overview Panel")


@pytest.fixture
def cdop_member(cdop):
    return MembershipFactory(group=cdop, person=UserFactory(roles=[Role.GROUP_MEMBER])).person


@pytest.fixture
def cdop_chair(cdop):
    person = UserFactory(roles=[Role.GROUP_CHAIR])
    return MembershipFactory(group=cdop, person=person, role=MembershipRole.CHAIR).person


@pytest.fixture
def lead_nurse(db):
    return UserFactory(roles=[Role.LEAD_NURSE], full_name="Nina Nurse")


@pytest.fixture
def agencies(db):
    return [AgencyFactory(name=name) for name in ("Riverside Surgery", "Westbrook Police", "Oak School")]


@pytest.fixture
def case(officer) -> ChildDeath:
    """An unexpected death, just notified."""
    return workflow.notify(by=officer, **notification())


@pytest.fixture
def expected_case(officer) -> ChildDeath:
    return workflow.notify(
        by=officer,
        **notification(
            full_name="Yolanda Example",
            nhs_number=OTHER_NHS_NUMBER,
            expectation=Expectation.EXPECTED,
        ),
    )


@pytest.fixture
def at_cdrm(case, officer, agencies) -> ChildDeath:
    """The unexpected death, walked to its child death review meeting."""
    workflow.record_joint_agency_response(case, met_on=dt.date(2024, 3, 6), agencies=agencies[:2], by=officer)
    workflow.request_information(case, agencies, by=officer, requested_on=dt.date(2024, 3, 7))
    workflow.record_cdrm(case, held_on=dt.date(2024, 5, 20), attendees="GP\nPaediatrician", by=officer)
    return case


@pytest.fixture(autouse=True)
def default_factors(request):
    """The panel's default named factors, which a migration makes. A browser test's live server
    empties the database when it finishes, migration rows included, so they are made again here."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    from lscp.child_deaths.categories import DEFAULT_FACTORS
    from lscp.child_deaths.models import Factor

    for name, domain in DEFAULT_FACTORS:
        Factor.objects.get_or_create(name=name, defaults={"domain": domain})
