"""The business unit's pages: courses (drafts too) and sessions, adding and changing them,
cancelling a session, a session's bookings, and the non-attendance charges it invoices from."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.core.models import AccessEntry, AgencyKind
from lscp.improvement.models import LearningTheme
from lscp.learning import booking
from lscp.learning.models import Booking, BookingStatus, Course, CourseFormat, Session
from tests.factories import AgencyFactory, UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

S = BookingStatus
MANAGE = reverse("learning:manage")


@pytest.fixture
def officer(client_for):
    return client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))


def test_the_manage_page_lists_drafts_and_upcoming_sessions(officer):
    draft = CourseFactory(title="Draft course", is_published=False)
    live = CourseFactory(title="Live course")
    SessionFactory(course=live, capacity=12)
    past = SessionFactory(course=live, starts_at=timezone.now() - dt.timedelta(days=2))
    BookingFactory(session=past)  # not yet marked
    html = officer.get(MANAGE).content.decode()
    assert "Draft course" in html and ">Draft</strong>" in html and "Live course" in html
    assert "0 of 12" in html
    assert "Registers to take" in html and reverse("learning:attendance", args=[past.pk]) in html
    assert reverse("learning:course-edit", args=[draft.slug]) in html


@pytest.mark.parametrize(
    "role, status",
    [
        (Role.BUSINESS_MANAGER, 200),
        (Role.SYSTEM_ADMINISTRATOR, 200),
        (Role.DATA_ANALYST, 403),
        (Role.PRACTITIONER, 403),
    ],
)
def test_who_runs_the_courses(client_for, role, status):
    assert client_for(UserFactory(roles=[role])).get(MANAGE).status_code == status


# Courses


def course_details(**changes) -> dict:
    return {
        "title": "Working with fathers",
        "format": CourseFormat.CLASSROOM,
        "summary": "Why fathers matter in safeguarding.",
        "outcomes": "Include fathers\nRecord them",
        "audience": "Social workers and health visitors",
        "duration_minutes": "150",
        **changes,
    }


def test_adding_a_course_with_its_audiences_and_themes(officer):
    theme = LearningTheme.objects.create(name="Think family", slug="think-family")
    response = officer.post(
        reverse("learning:course-add"),
        course_details(audiences=[AgencyKind.HEALTH, AgencyKind.LOCAL_AUTHORITY], themes=[theme.pk]),
    )
    course = Course.objects.get()
    assert response["Location"] == course.get_absolute_url()
    assert course.slug == "working-with-fathers" and not course.is_published
    assert sorted(course.audiences.values_list("agency_kind", flat=True)) == ["health", "local_authority"]
    assert list(course.themes.all()) == [theme]
    assert course.owner is not None


def test_the_same_title_twice_gets_its_own_address(officer):
    CourseFactory(slug="working-with-fathers")
    officer.post(reverse("learning:course-add"), course_details())
    assert Course.objects.filter(slug="working-with-fathers-2").exists()


def test_a_course_form_reports_every_problem(officer):
    response = officer.post(
        reverse("learning:course-add"),
        course_details(title="", format="", duration_minutes="three hours", recording_url="not a link"),
    )
    html = response.content.decode()
    assert "<title>Error: " in html
    for message in [
        "Enter the course&#x27;s title",
        "Choose the format",
        "Enter the length as a whole number of minutes, like 180",
        "Enter the link in full, like https://example.org/page",
    ]:
        assert message in html
    assert "Why fathers matter in safeguarding." in html  # nothing typed is lost
    assert not Course.objects.exists()


def test_changing_a_course_keeps_its_address_and_updates_its_audiences(officer):
    course = CourseFactory(title="Old title", slug="old-title")
    officer.post(
        reverse("learning:course-edit", args=[course.slug]), course_details(audiences=[AgencyKind.POLICE])
    )
    officer.post(
        reverse("learning:course-edit", args=[course.slug]),
        course_details(title="New title", audiences=[AgencyKind.SCHOOL], is_published="on"),
    )
    course.refresh_from_db()
    assert (course.title, course.slug, course.is_published) == ("New title", "old-title", True)
    assert list(course.audiences.values_list("agency_kind", flat=True)) == ["school"]


# Sessions


def session_details(**changes) -> dict:
    day = timezone.localdate() + dt.timedelta(days=40)
    return {
        "date": day.isoformat(),
        "starts": "09:30",
        "ends": "12:30",
        "venue": "Council chamber",
        "joining_link": "",
        "capacity": "24",
        **changes,
    }


def test_adding_a_session_with_trainers(officer):
    course = CourseFactory()
    staff_trainer = UserFactory(full_name="Staff Trainer", roles=[Role.BUSINESS_OFFICER])
    outside = PractitionerFactory(email="trainer@example.org")
    page = officer.get(reverse("learning:session-add", args=[course.slug])).content.decode()
    assert "Staff Trainer" in page and outside.full_name not in page
    response = officer.post(
        reverse("learning:session-add", args=[course.slug]),
        session_details(trainers=[staff_trainer.pk], trainer_email="Trainer@Example.org"),
    )
    session = Session.objects.get()
    assert response["Location"] == session.get_absolute_url()
    local = timezone.localtime(session.starts_at)
    assert (local.hour, local.minute, session.capacity) == (9, 30, 24)
    assert timezone.localtime(session.ends_at).hour == 12
    assert set(session.trainers.all()) == {staff_trainer, outside}


def test_a_session_form_reports_every_problem(officer):
    course = CourseFactory()
    response = officer.post(
        reverse("learning:session-add", args=[course.slug]),
        session_details(date="2025-02-30", ends="", capacity="0", trainer_email="nobody@example.org"),
    )
    html = response.content.decode()
    for message in [
        "Enter a real date",
        "Enter the end time",
        "Enter at least 1 place",
        "Nobody with an active account has this email address",
    ]:
        assert message in html
    assert not Session.objects.exists()


def test_a_session_ends_after_it_starts(officer):
    html = officer.post(
        reverse("learning:session-add", args=[CourseFactory().slug]), session_details(ends="09:00")
    ).content.decode()
    assert "The end time must be after the start time" in html


def test_a_session_cannot_be_made_smaller_than_its_bookings(officer):
    session = SessionFactory(capacity=3)
    for _ in range(3):
        BookingFactory(session=session)
    html = officer.post(
        reverse("learning:session-edit", args=[session.pk]), session_details(capacity="2")
    ).content
    assert b"Enter at least 3 places: 3 people already have one" in html


def test_more_places_are_offered_to_the_people_waiting(officer):
    session = SessionFactory(capacity=1)
    booking.book(session, PractitionerFactory())
    waiting = booking.book(session, PractitionerFactory())
    response = officer.post(
        reverse("learning:session-edit", args=[session.pk]), session_details(capacity="2")
    )
    assert "1 new place offered to people waiting" in officer.get(response["Location"]).content.decode()
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED


def test_changing_a_session_shows_its_current_date_and_time(officer):
    starts = timezone.make_aware(dt.datetime(2031, 5, 6, 14, 15))
    session = SessionFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    html = officer.get(reverse("learning:session-edit", args=[session.pk])).content.decode()
    assert 'value="2031-05-06"' in html and 'value="14:15"' in html and 'value="16:15"' in html


# Cancelling a session


def test_cancelling_a_session_after_confirming(officer):
    session = SessionFactory(capacity=1)
    placed = booking.book(session, PractitionerFactory())
    waiting = booking.book(session, PractitionerFactory())
    url = reverse("learning:session-cancel", args=[session.pk])
    page = officer.get(url).content.decode()
    assert "2 people have a place or are waiting" in page
    response = officer.post(url)
    assert "Session cancelled" in officer.get(response["Location"]).content.decode()
    session.refresh_from_db()
    assert session.is_cancelled
    assert {b.status for b in Booking.objects.filter(pk__in=[placed.pk, waiting.pk])} == {S.SESSION_CANCELLED}
    assert "already cancelled" in officer.get(url).content.decode()


def test_only_the_business_unit_cancels_a_session(client_for):
    session = SessionFactory()
    trainer = PractitionerFactory()
    session.trainers.add(trainer)
    assert client_for(trainer).post(reverse("learning:session-cancel", args=[session.pk])).status_code == 403
    session.refresh_from_db()
    assert not session.is_cancelled


# A session's bookings


def test_a_sessions_bookings_with_the_waiting_list_in_order(client_for):
    session = SessionFactory(capacity=1)
    now = timezone.now()
    BookingFactory(session=session, person=PractitionerFactory(full_name="Placed Person"))
    BookingFactory(
        session=session,
        status=S.WAITING,
        booked_at=now,
        person=PractitionerFactory(full_name="Second Waiting"),
    )
    BookingFactory(
        session=session,
        status=S.WAITING,
        booked_at=now - dt.timedelta(hours=1),
        person=PractitionerFactory(full_name="First Waiting"),
    )
    BookingFactory(session=session, status=S.CANCELLED, person=PractitionerFactory(full_name="Gone Away"))
    analyst = client_for(UserFactory(roles=[Role.DATA_ANALYST]))
    html = analyst.get(reverse("learning:session-bookings", args=[session.pk])).content.decode()
    assert "1 of 1 places taken, 0 left; 2 waiting" in html
    assert (
        html.index("Placed Person")
        < html.index("First Waiting")
        < html.index("Second Waiting")
        < html.index("Gone Away")
    )
    assert "Cancel<span" not in html  # the analyst reads; cancelling is for the editors


def test_a_practitioner_cannot_see_who_is_booked(client_for):
    session = SessionFactory()
    assert (
        client_for(PractitionerFactory())
        .get(reverse("learning:session-bookings", args=[session.pk]))
        .status_code
        == 403
    )


# Non-attendance charges


def charged(agency, day: dt.date, status=S.ABSENT, amount="50.00", **kwargs) -> Booking:
    session = SessionFactory(starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))), **kwargs)
    person = PractitionerFactory(agency=agency)
    return BookingFactory(
        session=session, person=person, agency=agency, status=status, charge=Decimal(amount)
    )


@pytest.fixture
def charges_2021():
    police, school = AgencyFactory(name="Westbrook Police"), AgencyFactory(name="Hill Primary School")
    charged(police, dt.date(2021, 4, 1))
    charged(police, dt.date(2022, 3, 31), status=S.LATE_CANCELLATION)
    charged(school, dt.date(2021, 9, 1))
    charged(school, dt.date(2022, 4, 1))  # the next financial year
    charged(school, dt.date(2021, 3, 31))  # the year before
    BookingFactory(
        session=SessionFactory(starts_at=timezone.make_aware(dt.datetime(2021, 6, 1, 10))), status=S.ATTENDED
    )
    return police, school


def test_charges_for_a_financial_year_by_agency(client_for, charges_2021):
    client = client_for(UserFactory(roles=[Role.BUSINESS_MANAGER]))
    html = client.get(reverse("learning:charges"), {"year": "2021-22"}).content.decode()
    assert "Non-attendance charges, 2021-22" in html
    assert "3 charges, £150.00 in all" in html
    assert "Hill Primary School: £50.00" in html and "Westbrook Police: £100.00" in html
    assert html.index("Hill Primary School: £50.00") < html.index("Westbrook Police: £100.00")
    assert "1 April 2021" in html and "31 March 2022" in html and "1 April 2022" not in html
    assert 'value="2020-21"' in html and 'value="2022-23"' in html  # years with charges to choose


def test_a_malformed_year_is_explained(client_for):
    html = (
        client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
        .get(reverse("learning:charges"), {"year": "2021"})
        .content
    )
    assert b"Enter a financial year like" in html and b"<title>Error: " in html


def test_charges_as_a_csv_file(client_for, charges_2021):
    analyst = UserFactory(roles=[Role.DATA_ANALYST])
    response = client_for(analyst).get(reverse("learning:charges-csv"), {"year": "2021-22"})
    assert response["Content-Disposition"] == 'attachment; filename="non-attendance-charges-2021-22.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Agency", "Person", "Email", "Course", "Session date", "Reason", "Charge (GBP)"]
    assert [(r[0], r[4], r[5], r[6]) for r in rows[1:]] == [
        ("Hill Primary School", "2021-09-01", "Did not attend", "50.00"),
        ("Westbrook Police", "2021-04-01", "Did not attend", "50.00"),
        ("Westbrook Police", "2022-03-31", "Cancelled late", "50.00"),
    ]
    assert AccessEntry.objects.filter(user=analyst, kind="exported").exists()


def test_a_malformed_year_has_no_csv(client_for):
    client = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    assert client.get(reverse("learning:charges-csv"), {"year": "last year"}).status_code == 404


@pytest.mark.parametrize("url_name", ["learning:charges", "learning:charges-csv"])
def test_charges_are_for_the_business_unit(client_for, url_name):
    assert client_for(PractitionerFactory()).get(reverse(url_name)).status_code == 403
    assert client_for(UserFactory(roles=[Role.GROUP_CHAIR])).get(reverse(url_name)).status_code == 403
    assert Client().get(reverse(url_name)).status_code == 302


# --- answering for a line manager ------------------------------------------------------------------


def awaiting_place():
    session = SessionFactory(course=CourseFactory(needs_manager_approval=True), capacity=1)
    return booking.book(session, PractitionerFactory())


@pytest.mark.parametrize(
    ("answer", "status"), [("yes", BookingStatus.BOOKED), ("no", BookingStatus.NOT_APPROVED)]
)
def test_the_business_unit_answers_for_a_line_manager(officer, answer, status):
    place = awaiting_place()
    assert place.status == BookingStatus.AWAITING_APPROVAL
    url = reverse("learning:decide-for-manager", args=[place.pk])
    reply = officer.post(url, {"approved": answer}, follow=True)
    place.refresh_from_db()
    assert place.status == status
    assert reply.redirect_chain[-1][0] == reverse("learning:session-bookings", args=[place.session_id])
    assert ("approved" if answer == "yes" else "declined") in reply.content.decode()
    # The buttons show only while a place waits for an answer.
    assert f'action="{url}"' not in reply.content.decode()


def test_an_answered_place_cannot_be_answered_again_and_others_may_not(officer, client_for):
    place = awaiting_place()
    url = reverse("learning:decide-for-manager", args=[place.pk])
    member = client_for(UserFactory(roles=[Role.GROUP_MEMBER]))
    assert member.post(url, {"approved": "yes"}).status_code == 403
    assert officer.get(url).status_code == 405
    officer.post(url, {"approved": "no"})
    again = officer.post(url, {"approved": "yes"}, follow=True)
    place.refresh_from_db()
    assert place.status == BookingStatus.NOT_APPROVED
    assert "no longer waiting for approval" in again.content.decode()
