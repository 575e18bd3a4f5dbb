"""The public catalogue: browsing and filtering courses, a course's page, a session's page (the
joining link and recording only for someone with a place)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.core.models import AgencyKind
from lscp.improvement.models import LearningTheme
from lscp.learning import booking
from lscp.learning.models import BookingStatus, CourseAudience, CourseFormat
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("learning:catalogue")


def titles(response) -> list[str]:
    """The course titles in the results list, in order."""
    results = response.content.decode().split('id="courses"', 1)
    if len(results) == 1:
        return []
    return re.findall(
        r'<h2 class="govuk-heading-m[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', results[1]
    )


def theme(name: str) -> LearningTheme:
    return LearningTheme.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def test_anyone_may_browse_the_published_courses():
    CourseFactory(title="Neglect: recognising it early")
    CourseFactory(title="Draft: not ready", is_published=False)
    response = Client().get(CATALOGUE)
    assert response.status_code == 200
    assert titles(response) == ["Neglect: recognising it early"]
    assert "create an account" in response.content.decode()


def test_the_next_date_is_shown_and_past_or_cancelled_sessions_are_not():
    course = CourseFactory()
    soon = timezone.now() + dt.timedelta(days=3)
    SessionFactory(course=course, starts_at=timezone.now() - dt.timedelta(days=3))
    SessionFactory(course=course, starts_at=timezone.now() + dt.timedelta(days=1), is_cancelled=True)
    SessionFactory(course=course, starts_at=soon)
    SessionFactory(course=course, starts_at=soon + dt.timedelta(days=30))
    html = Client().get(CATALOGUE).content.decode()
    local = timezone.localtime(soon)
    assert f"Next date: {local:%A} {local.day} {local:%B %Y}" in html


def test_filter_by_theme_format_and_audience():
    safe_sleep, neglect = theme("Safe sleep"), theme("Neglect")
    sleep_course = CourseFactory(title="Safer sleep", format=CourseFormat.WEBINAR)
    sleep_course.themes.add(safe_sleep)
    neglect_course = CourseFactory(title="Neglect toolkit", format=CourseFormat.CLASSROOM)
    neglect_course.themes.add(neglect)
    for_schools = CourseFactory(title="For schools")
    CourseAudience.objects.create(course=for_schools, agency_kind=AgencyKind.SCHOOL)
    for_police = CourseFactory(title="For police")
    CourseAudience.objects.create(course=for_police, agency_kind=AgencyKind.POLICE)

    client = Client()
    assert titles(client.get(CATALOGUE, {"theme": "safe-sleep"})) == ["Safer sleep"]
    assert titles(client.get(CATALOGUE, {"format": "classroom"})) == [
        "For police",
        "For schools",
        "Neglect toolkit",
    ]
    # Courses for every agency (no audience given) are for schools too.
    assert titles(client.get(CATALOGUE, {"audience": "school"})) == [
        "For schools",
        "Neglect toolkit",
        "Safer sleep",
    ]


def test_filter_by_dates_leaves_out_on_demand_courses():
    in_june, in_july = CourseFactory(title="June course"), CourseFactory(title="July course")
    CourseFactory(title="Recorded", format=CourseFormat.RECORDED)
    year = timezone.localdate().year + 1
    SessionFactory(course=in_june, starts_at=timezone.make_aware(dt.datetime(year, 6, 30, 14)))
    SessionFactory(course=in_july, starts_at=timezone.make_aware(dt.datetime(year, 7, 1, 9)))
    june = {"date_from": f"{year}-06-01", "date_to": f"{year}-06-30"}
    assert titles(Client().get(CATALOGUE, june)) == ["June course"]
    assert titles(Client().get(CATALOGUE, {"date_from": f"{year}-07-01"})) == ["July course"]


def test_a_bad_filter_is_reported_and_the_others_still_apply():
    CourseFactory(title="Webinar", format=CourseFormat.WEBINAR)
    CourseFactory(title="Classroom")
    response = Client().get(CATALOGUE, {"format": "webinar", "date_from": "2024-13-45", "theme": "nonsense"})
    html = response.content.decode()
    assert "<title>Error: " in html and "There is a problem" in html
    assert "Enter a real date for the start of the dates you want" in html
    assert "Choose a theme from the list" in html
    assert titles(response) == ["Webinar"]


def test_dates_the_wrong_way_round_are_an_error():
    html = Client().get(CATALOGUE, {"date_from": "2030-06-02", "date_to": "2030-06-01"}).content.decode()
    assert "The end date must be the same as or after the start date" in html


def test_a_long_catalogue_is_paged():
    for n in range(25):
        CourseFactory(title=f"Course {n:02d}")
    first, second = Client().get(CATALOGUE), Client().get(CATALOGUE, {"page": 2})
    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert "25 courses" in first.content.decode() and 'rel="next"' in first.content.decode()


# A course's page


def test_a_course_page_shows_what_it_is_and_its_sessions_with_places_left():
    course = CourseFactory(
        title="Think family", audience="Adult and children's services", duration_minutes=90
    )
    course.themes.add(theme("Think family"))
    CourseAudience.objects.create(course=course, agency_kind=AgencyKind.HOUSING)
    roomy = SessionFactory(course=course, capacity=10, starts_at=timezone.now() + dt.timedelta(days=5))
    full = SessionFactory(course=course, capacity=1, starts_at=timezone.now() + dt.timedelta(days=9))
    BookingFactory(session=roomy)
    BookingFactory(session=full)
    SessionFactory(course=course, starts_at=timezone.now() - dt.timedelta(days=1))

    html = Client().get(course.get_absolute_url()).content.decode()
    assert "1 hour 30 minutes" in html and "Adult and children&#x27;s services" in html
    assert "Housing" in html and "Think family" in html
    assert "<li>Know the signs</li>" in html and "<li>Know who to tell</li>" in html
    assert "9 places left" in html and "Full: join the waiting list" in html
    assert html.count('href="/learning/sessions/') == 2


def test_a_draft_course_is_not_found_except_by_the_business_unit(client_for):
    draft = CourseFactory(is_published=False)
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert client_for(PractitionerFactory()).get(draft.get_absolute_url()).status_code == 404
    officer = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    html = officer.get(draft.get_absolute_url()).content.decode()
    assert "This course is a draft" in html and "add a session" in html


def test_the_course_page_shows_the_signed_in_persons_own_booking(client_for):
    session = SessionFactory()
    person = PractitionerFactory()
    booking.book(session, person)
    html = client_for(person).get(session.course.get_absolute_url()).content.decode()
    assert ">Booked</strong>" in html


# A session's page


def test_an_anonymous_visitor_is_asked_to_sign_in_or_register_to_book():
    session = SessionFactory(joining_link="https://meet.example.org/secret")
    html = Client().get(session.get_absolute_url()).content.decode()
    assert "Sign in to book" in html and reverse("learning:sign-up") in html
    assert "meet.example.org/secret" not in html


def test_the_joining_link_is_only_for_someone_with_a_place(client_for):
    session = SessionFactory(capacity=1, joining_link="https://meet.example.org/secret", venue="")
    placed, waiting = PractitionerFactory(), PractitionerFactory()
    booking.book(session, placed)
    booking.book(session, waiting)
    assert "meet.example.org/secret" in client_for(placed).get(session.get_absolute_url()).content.decode()
    waiting_html = client_for(waiting).get(session.get_absolute_url()).content.decode()
    assert "meet.example.org/secret" not in waiting_html
    assert "You are number 1 on the waiting list" in waiting_html
    assert (
        "meet.example.org/secret"
        not in client_for(PractitionerFactory()).get(session.get_absolute_url()).content.decode()
    )


def test_a_recording_is_only_for_someone_with_a_place(client_for):
    course = CourseFactory(format=CourseFormat.RECORDED, recording_url="https://video.example.org/recording")
    session = SessionFactory(course=course)
    person = PractitionerFactory()
    other = client_for(PractitionerFactory()).get(session.get_absolute_url()).content.decode()
    assert "video.example.org" not in other and "Book a place" in other
    booking.book(session, person)
    mine = client_for(person).get(session.get_absolute_url()).content.decode()
    assert "video.example.org/recording" in mine and "I have watched it" in mine


def test_a_cancelled_session_says_so_and_offers_no_booking(client_for):
    session = SessionFactory(is_cancelled=True)
    html = client_for(PractitionerFactory()).get(session.get_absolute_url()).content.decode()
    assert "This session has been cancelled" in html and "Book a place" not in html


def test_a_full_session_offers_the_waiting_list(client_for):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session, status=BookingStatus.BOOKED)
    html = client_for(PractitionerFactory()).get(session.get_absolute_url()).content.decode()
    assert "Join the waiting list</button>" in html


def test_a_session_of_a_draft_course_is_not_found():
    session = SessionFactory(course=CourseFactory(is_published=False))
    assert Client().get(session.get_absolute_url()).status_code == 404


def test_the_business_unit_and_trainers_see_how_to_run_the_session(client_for):
    trainer = PractitionerFactory()
    session = SessionFactory()
    session.trainers.add(trainer)
    officer_html = (
        client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).get(session.get_absolute_url()).content
    )
    assert b"Bookings and waiting list" in officer_html and b"Cancel the session" in officer_html
    trainer_html = client_for(trainer).get(session.get_absolute_url()).content
    assert b"Attendance register" in trainer_html and b"Cancel the session" not in trainer_html
    assert (
        b"Running the session"
        not in client_for(PractitionerFactory()).get(session.get_absolute_url()).content
    )
