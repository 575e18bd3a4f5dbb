"""Who may see and do what with child death cases: deny by default, role by role."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from lscp.accounts.roles import Role
from lscp.child_deaths import workflow
from lscp.child_deaths.models import ChildDeath, InformationRequest
from lscp.governance.models import MembershipRole
from tests.child_deaths.conftest import notification
from tests.factories import AgencyFactory, GroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CASE_PERMS = [
    "view_cases",
    "manage_cases",
    "conclude",
    "view_family_contacts",
    "add_family_contact",
    "import",
    "view_analysis",
    "view_unsuppressed_analysis",
]


def allowed(user) -> set[str]:
    """The perms (without an object) this user has, from CASE_PERMS."""
    return {perm for perm in CASE_PERMS if user.has_perm(f"child_deaths.{perm}")}


@pytest.fixture
def people(cdop, cdop_member, cdop_chair, lead_nurse, officer):
    return {
        "officer": officer,
        "manager": UserFactory(roles=[Role.BUSINESS_MANAGER]),
        "analyst": UserFactory(roles=[Role.DATA_ANALYST]),
        "administrator": UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]),
        "cdop member": cdop_member,
        "cdop chair": cdop_chair,
        "cdop vice-chair": MembershipFactory(
            group=cdop, person=UserFactory(roles=[Role.GROUP_MEMBER]), role=MembershipRole.VICE_CHAIR
        ).person,
        "lead nurse": lead_nurse,
        "scrutineer": UserFactory(roles=[Role.INDEPENDENT_SCRUTINEER]),
        "other group's chair": MembershipFactory(
            group=GroupFactory(), person=UserFactory(roles=[Role.GROUP_CHAIR]), role=MembershipRole.CHAIR
        ).person,
        "practitioner": UserFactory(roles=[Role.PRACTITIONER]),
    }


EVERYTHING_BUT_THE_FAMILY = {
    "view_cases",
    "manage_cases",
    "conclude",
    "import",
    "view_analysis",
    "view_unsuppressed_analysis",
}
EXPECTED = {
    "officer": EVERYTHING_BUT_THE_FAMILY,
    "manager": EVERYTHING_BUT_THE_FAMILY,
    "administrator": EVERYTHING_BUT_THE_FAMILY,
    # The analyst reads cases and figures; changing them is for the manager and officer.
    "analyst": {"view_cases", "view_analysis", "view_unsuppressed_analysis"},
    "cdop member": {"view_cases", "conclude", "view_analysis", "view_unsuppressed_analysis"},
    "cdop chair": {
        "view_cases",
        "manage_cases",
        "conclude",
        "view_family_contacts",
        "view_analysis",
        "view_unsuppressed_analysis",
    },
    "cdop vice-chair": {
        "view_cases",
        "manage_cases",
        "conclude",
        "view_family_contacts",
        "view_analysis",
        "view_unsuppressed_analysis",
    },
    "lead nurse": {
        "view_cases",
        "view_family_contacts",
        "add_family_contact",
        "view_analysis",
        "view_unsuppressed_analysis",
    },
    "scrutineer": {"view_analysis"},
    "other group's chair": {"view_analysis"},
    "practitioner": set(),
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_each_role_has_exactly_its_perms(people, who):
    assert allowed(people[who]) == EXPECTED[who]


@pytest.mark.parametrize("who", list(EXPECTED))
def test_a_case_is_seen_by_those_who_see_cases(people, case, who):
    assert people[who].has_perm("child_deaths.view_case", case) == ("view_cases" in EXPECTED[who])


def test_a_notifier_sees_only_the_case_they_notified(case, db):
    clinician = UserFactory(roles=[Role.PRACTITIONER])
    own = workflow.notify(by=clinician, **notification(full_name="Other Child", nhs_number="9990000026"))
    assert clinician.has_perm("child_deaths.notify")
    assert clinician.has_perm("child_deaths.view_case", own)
    assert not clinician.has_perm("child_deaths.view_case", case)
    assert not clinician.has_perm("child_deaths.view_cases")
    assert not clinician.has_perm("child_deaths.view_family_contacts", own)


def test_nobody_signed_out_sees_or_notifies_anything(case):
    imported = ChildDeath.objects.get(pk=case.pk)
    imported.notifier = None  # an imported case: no notifier to match an anonymous None
    anonymous = AnonymousUser()
    assert not anonymous.has_perm("child_deaths.view_case", imported)
    assert not anonymous.has_perm("child_deaths.notify")
    assert not anonymous.has_perm("child_deaths.view_analysis")


def test_a_former_cdop_member_sees_nothing(cdop, case):
    former = MembershipFactory(
        group=cdop, person=UserFactory(roles=[Role.GROUP_MEMBER]), end=dt.date(2021, 3, 31)
    ).person
    assert not former.has_perm("child_deaths.view_case", case)
    assert allowed(former) == {"view_analysis"}


def test_a_scrutineer_on_the_panel_still_reads_only_the_suppressed_analysis(cdop, case):
    scrutineer = MembershipFactory(group=cdop, person=UserFactory(roles=[Role.INDEPENDENT_SCRUTINEER])).person
    assert not scrutineer.has_perm("child_deaths.view_case", case)
    assert not scrutineer.has_perm("child_deaths.view_unsuppressed_analysis")
    assert scrutineer.has_perm("child_deaths.view_analysis")


def test_a_deactivated_lead_nurse_sees_nothing(lead_nurse, case):
    lead_nurse.deactivate()
    assert not lead_nurse.has_perm("child_deaths.view_case", case)


def test_lead_nurses_sign_in_with_a_second_factor(lead_nurse):
    assert lead_nurse.needs_two_factor


@pytest.fixture
def information_request(case, officer, agencies) -> InformationRequest:
    workflow.record_joint_agency_response(case, met_on=dt.date(2024, 3, 5), agencies=agencies, by=officer)
    return workflow.request_information(case, agencies[:1], by=officer, requested_on=dt.date(2024, 3, 6))[0]


def test_the_asked_agencys_staff_can_upload_its_information(information_request, people):
    agency = information_request.agency
    colleague = UserFactory(roles=[Role.GROUP_MEMBER], agency=agency)
    elsewhere = UserFactory(roles=[Role.GROUP_MEMBER], agency=AgencyFactory())
    practitioner_there = UserFactory(roles=[Role.PRACTITIONER], agency=agency)
    no_agency = UserFactory(roles=[Role.GROUP_MEMBER], agency=None)
    perm = "child_deaths.upload_information"
    assert colleague.has_perm(perm, information_request)
    assert not colleague.has_perm(perm)  # which request? none: refused
    assert not elsewhere.has_perm(perm, information_request)
    assert not practitioner_there.has_perm(perm, information_request)
    assert not no_agency.has_perm(perm, information_request)
    for who in ("officer", "manager", "cdop member"):
        assert people[who].has_perm(perm, information_request)
    for who in ("analyst", "lead nurse", "scrutineer"):
        assert not people[who].has_perm(perm, information_request)


def test_membership_is_looked_up_once_per_user(cdop_member, case, django_assert_num_queries):
    cdop_member.has_perm("child_deaths.view_cases")
    with django_assert_num_queries(0):
        for _ in range(5):
            cdop_member.has_perm("child_deaths.view_case", case)
            cdop_member.has_perm("child_deaths.conclude")
