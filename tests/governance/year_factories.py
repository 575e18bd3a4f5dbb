"""Synthetic records for the year's plan and report narrative. Names are invented."""

import datetime as dt

import factory

from lscp.governance.yearly import (
    DevelopmentArea,
    EngagementActivity,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Priority,
    PriorityUpdate,
    Rag,
    ReportYear,
)
from tests.factories import GroupFactory


class ReportYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportYear
        django_get_or_create = ["first_year"]

    first_year = 2023


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    year = factory.SubFactory(ReportYearFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n}")
    outcomes = "<p>Children are safer at home.</p>"


class PriorityUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityUpdate

    priority = factory.SubFactory(PriorityFactory)
    on = dt.date(2023, 9, 1)
    status = Rag.AMBER
    text = "<p>Work has begun.</p>"


class GroupYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupYear

    group = factory.SubFactory(GroupFactory)
    year = factory.SubFactory(ReportYearFactory)
    function = "<p>Oversees part of the partnership's work.</p>"


class KeyStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyStep

    group = factory.SubFactory(GroupFactory)
    year = factory.SubFactory(ReportYearFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"<p>Key step {n}</p>")


class KeyStepProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyStepProgress

    key_step = factory.SubFactory(KeyStepFactory)
    on = dt.date(2023, 10, 1)
    status = Rag.GREEN
    text = "<p>Done.</p>"


class DevelopmentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentArea

    group = factory.SubFactory(GroupFactory)
    year = factory.SubFactory(ReportYearFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Area {n}")
    text = "<p>The group reviewed its audits.</p>"


class ImpactStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactStatement

    area = factory.SubFactory(DevelopmentAreaFactory)
    text = "<p>Referrals improved.</p>"


class EngagementActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementActivity

    year = factory.SubFactory(ReportYearFactory)
    held_on = dt.date(2023, 6, 14)
    title = factory.Sequence(lambda n: f"Listening event {n}")
    young_people = True
    method = "<p>A workshop.</p>"
    heard = "<p>They want to be listened to.</p>"


class Cast:
    """The people who touch a year's plan and report, each with the role that matters, and two
    sub-groups (CDOP chaired by `chair`, SEG chaired by `other_chair`) under an Executive."""

    def __init__(self):
        from lscp.accounts.roles import Role
        from lscp.governance.models import GroupKind, MembershipRole
        from tests.factories import MembershipFactory, UserFactory

        self.executive = GroupFactory(
            name="Executive", short_name="Executive", slug="executive", kind=GroupKind.EXECUTIVE
        )
        self.cdop = GroupFactory(name="Child Death Overview Panel", short_name="CDOP", slug="cdop", order=1)
        self.seg = GroupFactory(name="Safeguarding Exploitation Group", short_name="SEG", slug="seg", order=2)

        def person(name: str, role: Role, group=None, membership=MembershipRole.MEMBER):
            user = UserFactory(full_name=name, roles=[role])
            if group is not None:
                MembershipFactory(group=group, person=user, role=membership)
            return user

        self.practitioner = person("Pat Practitioner", Role.PRACTITIONER)
        self.member = person("Mo Member", Role.GROUP_MEMBER, self.cdop)
        self.analyst = person("Ana Analyst", Role.DATA_ANALYST)
        self.officer = person("Ola Officer", Role.BUSINESS_OFFICER)
        self.manager = person("Max Manager", Role.BUSINESS_MANAGER)
        self.scrutineer = person("Sam Scrutineer", Role.INDEPENDENT_SCRUTINEER)
        self.chair = person("Chris Chair", Role.GROUP_CHAIR, self.cdop, MembershipRole.CHAIR)
        self.other_chair = person("Olu Otherchair", Role.GROUP_CHAIR, self.seg, MembershipRole.CHAIR)
        self.executive_chair = person("Eve Executive", Role.GROUP_CHAIR, self.executive, MembershipRole.CHAIR)
