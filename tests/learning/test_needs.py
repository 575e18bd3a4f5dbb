"""L&D's learning needs: the themes stepped across, what covers each, whether the learning shows
impact, the uncovered ones flagged; a fixed number of queries however many needs there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.improvement.models import LearningTheme, Recommendation
from lscp.learning.models import BookingStatus, Evaluation, FollowUp, Resource, ResourceKind, UsedLearning
from lscp.learning.needs_views import learning_needs_by_theme
from tests.factories import GroupFactory, UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db
URL = "/learning/needs/"


def stepped_across(theme: LearningTheme, days_ago: int = 10, text: str = "Do better") -> Recommendation:
    today = timezone.localdate()
    recommendation = Recommendation.objects.create(
        text=text,
        source_kind="other",
        group=GroupFactory(),
        made_on=today - dt.timedelta(days=days_ago + 30),
        stepped_across_on=today - dt.timedelta(days=days_ago),
    )
    recommendation.themes.add(theme)
    return recommendation


def theme(name: str) -> LearningTheme:
    return LearningTheme.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def attended(course, improved=True, used=None, impact=4):
    booking = BookingFactory(session=SessionFactory(course=course), status=BookingStatus.ATTENDED)
    Evaluation.objects.create(
        booking=booking,
        quality=5,
        relevance=5,
        knowledge_before=2,
        knowledge_after=4 if improved else 2,
        confidence_before=2,
        confidence_after=4,
        improved=improved,
    )
    if used:
        FollowUp.objects.create(booking=booking, used_learning=used, impact=impact)
    return booking


def a_resource(title, themes, published=True):
    resource = Resource.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        kind=ResourceKind.SEVEN_POINT_BRIEFING,
        review_on=timezone.localdate() + dt.timedelta(days=100),
        published_on=timezone.localdate() if published else None,
    )
    resource.themes.set(themes)
    return resource


@pytest.fixture
def member():
    return UserFactory(roles=[Role.GROUP_MEMBER])


def test_each_need_shows_what_covers_it_and_the_evidence_of_impact(client_for, member):
    sleep, men, control = theme("Safe sleep"), theme("Working with men"), theme("Coercive control")
    theme("Never stepped across")
    stepped_across(sleep, 30)
    stepped_across(sleep, 5)
    stepped_across(men, 20)
    stepped_across(control, 40)
    course = CourseFactory(title="Safer Sleep and Sudden Infant Death")
    course.themes.add(sleep)
    hidden = CourseFactory(title="Unpublished sleep course", is_published=False)
    hidden.themes.add(sleep, men)
    attended(course, used=UsedLearning.YES, impact=5)
    attended(course, used=UsedLearning.YES, impact=4)
    attended(course, used=UsedLearning.PARTLY, impact=3)
    attended(course, improved=False, used=UsedLearning.NO, impact=2)
    attended(course)
    a_resource("Babies briefing", [sleep])
    a_resource("Coercive control briefing", [control])
    a_resource("Draft podcast on men", [men], published=False)

    response = client_for(member).get(URL)
    assert response.status_code == 200
    needs = {need.theme.name: need for need in response.context["needs"]}
    assert set(needs) == {"Safe sleep", "Working with men", "Coercive control"}
    # Nothing published covers working with men: it comes first, flagged.
    assert response.context["needs"][0].theme.name == "Working with men"
    assert [n.theme.name for n in response.context["uncovered"]] == ["Working with men"]
    page = response.content.decode()
    assert "Not covered" in page and "govuk-warning-text" in page
    assert "1 learning need has nothing covering it: Working with men." in " ".join(page.split())

    sleep_need = needs["Safe sleep"]
    assert sleep_need.recommendations == 2
    assert [c.title for c in sleep_need.courses] == ["Safer Sleep and Sudden Infant Death"]
    assert [r.title for r in sleep_need.resources] == ["Babies briefing"]
    assert sleep_need.evaluation_text == "5 evaluations: 80% said their skills and knowledge improved"
    assert sleep_need.impact_text == "4 follow-ups, 50% used the learning (25% partly), mean impact 3.5/5"
    assert "Covered, impact evidenced" in page

    control_need = needs["Coercive control"]
    assert control_need.covered and control_need.impact_text == "No follow-up evidence yet"
    assert control_need.evaluation_text == "No evaluations yet"
    assert "Covered, no impact evidence yet" in page
    assert needs["Working with men"].courses == [] and needs["Working with men"].resources == []


def test_the_recommendations_behind_a_need_are_named(client_for, member):
    sleep = theme("Safe sleep")
    made = [stepped_across(sleep, days) for days in (50, 40, 30, 20, 10)]
    need = learning_needs_by_theme()[0]
    assert [ref for ref, _ in need.references] == [r.reference for r in reversed(made)][:3]
    assert need.more_references == 2
    assert "and 2 more" in client_for(member).get(URL).content.decode()


def test_recommendations_stepped_across_without_a_theme_are_counted(client_for, member):
    today = timezone.localdate()
    Recommendation.objects.create(
        text="No theme", source_kind="other", group=GroupFactory(), made_on=today, stepped_across_on=today
    )
    Recommendation.objects.create(
        text="Not stepped across", source_kind="other", group=GroupFactory(), made_on=today
    )
    response = client_for(member).get(URL)
    assert response.context["without_theme"] == 1
    assert "Nothing has been stepped across" in response.content.decode()


def make_needs(count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        t = theme(f"Theme {n}")
        stepped_across(t, n + 1)
        if n % 2:
            course = CourseFactory()
            course.themes.add(t)
            attended(course, used=UsedLearning.YES)
        if n % 3:
            a_resource(f"Resource {n}", [t])


def test_the_query_count_does_not_grow_with_the_number_of_needs(client_for, member):
    client = client_for(member)
    make_needs(2)
    client.get(URL)  # the session's first request writes it
    with CaptureQueriesContext(connection) as two:
        assert len(client.get(URL).context["needs"]) == 2
    make_needs(20, first=2)
    with CaptureQueriesContext(connection) as more:
        assert len(client.get(URL).context["needs"]) == 22
    assert len(more) == len(two)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.PRACTITIONER, 403),
        (Role.GROUP_MEMBER, 200),
        (Role.BUSINESS_OFFICER, 200),
        (Role.INDEPENDENT_SCRUTINEER, 200),
        (Role.LEAD_NURSE, 200),
    ],
)
def test_partnership_staff_see_the_needs(client_for, role, status):
    assert client_for(UserFactory(roles=[role])).get(URL).status_code == status


def test_anonymous_people_are_asked_to_sign_in(client):
    response = client.get(reverse("learning:learning-needs"))
    assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]
