import datetime as dt

import pytest

from lscp.accounts.roles import Role
from lscp.reviews.models import CaseReferral, Child, RapidReview, SeriousIncidentNotification
from tests.factories import AgencyFactory, GroupFactory, MembershipFactory, UserFactory


@pytest.fixture
def officer(db):
    return UserFactory(roles=[Role.BUSINESS_OFFICER])


@pytest.fixture
def csprg(db):
    return GroupFactory(slug="csprg", short_name="CSPRG", name="Child Safeguarding Practice Review Group")


@pytest.fixture
def notification(officer):
    n = SeriousIncidentNotification.objects.create(
        incident_on=dt.date(2022, 1, 10),
        aware_on=dt.date(2022, 1, 12),
        summary="Synthetic incident",
        died_or_seriously_harmed=True,
        abuse_or_neglect=True,
        notified_on=dt.date(2022, 1, 14),
        notifying_agency=AgencyFactory(),
        created_by=officer,
    )
    Child.objects.create(
        notification=n,
        full_name="Zebedee Testchild",
        date_of_birth=dt.date(2019, 5, 1),
        sex="male",
        ethnicity="White British",
        nhs_number="",
    )
    return n


@pytest.fixture
def rapid_review(notification):
    return RapidReview.objects.create(notification=notification, starts_on=notification.notified_on)


@pytest.fixture
def practitioner_referral(db):
    practitioner = UserFactory(roles=[Role.PRACTITIONER])
    return CaseReferral.objects.create(
        referrer=practitioner,
        referrer_agency=practitioner.agency,
        what_happened="Synthetic",
        why_learning="Synthetic",
    )


@pytest.fixture
def csprg_member(csprg):
    return MembershipFactory(group=csprg, person=UserFactory(roles=[Role.GROUP_MEMBER])).person
