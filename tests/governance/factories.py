"""More synthetic records for governance and the action log. Names are invented."""

import factory

from lscp.governance.models import AgendaItem, Attendance, AttendanceStatus, Decision
from lscp.improvement.models import ActionUpdate, Rag
from tests.factories import ActionFactory, MeetingFactory, UserFactory


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("person.agency")
    status = AttendanceStatus.PRESENT


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Decision {n}")


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SelfAttribute("action.owner")
    text = "Progress made."
    status = factory.SelfAttribute("action.status")
    rag = Rag.GREEN
