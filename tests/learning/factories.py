"""Synthetic learning records for tests: invented courses and people only."""

import datetime as dt

import factory
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.learning.models import Booking, BookingStatus, Course, CourseFormat, LearnerProfile, Session
from tests.factories import UserFactory


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    format = CourseFormat.CLASSROOM
    summary = "What the course is about."
    outcomes = "Know the signs\nKnow who to tell"
    duration_minutes = 180
    is_published = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=3))
    venue = "Training room 1, Civic Offices"
    capacity = 20


class PractitionerFactory(UserFactory):
    """A registered practitioner, with the learner profile registration makes."""

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            self.grant(*[Role(r) for r in (extracted or [Role.PRACTITIONER])])

    profile = factory.RelatedFactory(
        "tests.learning.factories.LearnerProfileFactory", factory_related_name="user"
    )


class LearnerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnerProfile

    service_area = "children_services"
    line_manager_email = factory.Sequence(lambda n: f"manager{n}@example.org")


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PractitionerFactory)
    agency = factory.SelfAttribute("person.agency")
    status = BookingStatus.BOOKED
