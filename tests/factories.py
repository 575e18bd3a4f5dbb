"""Synthetic records for tests. Names are invented; nothing here is a real person."""

import datetime as dt

import factory
from django.utils import timezone

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.models import Agency, AgencyKind, ServiceArea
from lscp.governance.models import Group, Meeting, Membership, MembershipRole
from lscp.improvement.models import Action


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.VOLUNTARY
    service_area = ServiceArea.VOLUNTARY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Safeguarding lead"
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.grant(*[Role(r) for r in extracted])


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Group {n}")
    short_name = factory.Sequence(lambda n: f"G{n}")
    slug = factory.Sequence(lambda n: f"g{n}")
    function = "Oversees part of the partnership's work."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(UserFactory)
    role = MembershipRole.MEMBER
    agency = factory.SelfAttribute("person.agency")
    start = dt.date(2020, 4, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    location = "Online"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("owner.agency")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
