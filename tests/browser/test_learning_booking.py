"""Learning in a real browser, with axe (WCAG 2.2 AA) on every page on the way: someone finds a
course without signing in, registers, books and cancels; a line manager approves; the business
unit runs a session and takes its register on a phone."""

import datetime as dt

import pytest
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.improvement.models import LearningTheme
from lscp.learning import booking
from lscp.learning.models import Booking, BookingStatus
from tests.browser.conftest import axe_violations, sign_in_through_browser
from tests.factories import AgencyFactory, UserFactory
from tests.learning.factories import BookingFactory, CourseFactory, PractitionerFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page, problems: dict, name: str) -> None:
    if found := axe_violations(page):
        problems[name] = found


def test_a_practitioner_finds_books_and_cancels(page, live_server):
    theme = LearningTheme.objects.create(name="Neglect", slug="neglect")
    course = CourseFactory(title="Neglect: seeing it early", needs_manager_approval=False)
    course.themes.add(theme)
    session = SessionFactory(course=course, capacity=8, starts_at=timezone.now() + dt.timedelta(days=30))
    CourseFactory(title="Another course")
    person = PractitionerFactory(full_name="Jo Practitioner")
    problems: dict = {}

    page.goto(f"{live_server.url}/learning/")
    checked(page, problems, "catalogue")
    page.get_by_label("Theme").select_option("neglect")
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_text("1 course matches the filters").is_visible()
    page.get_by_role("link", name="Neglect: seeing it early").click()
    checked(page, problems, "course")
    page.locator("#sessions a").first.click()
    checked(page, problems, "session, signed out")
    assert page.get_by_role("button", name="Sign in to book").is_visible()

    sign_in_through_browser(page, live_server.url, person)
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_role("button", name="Book a place").click()
    assert "You have a place on" in page.locator(".govuk-notification-banner").inner_text()
    checked(page, problems, "session, booked")

    page.goto(f"{live_server.url}/learning/mine/")
    checked(page, problems, "your learning")
    page.get_by_role("link", name="Cancel your booking on Neglect: seeing it early").click()
    checked(page, problems, "cancel a booking")
    page.get_by_role("button", name="Cancel the booking").click()
    assert "Booking cancelled" in page.locator(".govuk-notification-banner").inner_text()
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert problems == {}


def test_registering_and_approving_pages(page, live_server):
    AgencyFactory(name="Westbrook Council")
    problems: dict = {}
    page.goto(f"{live_server.url}/learning/sign-up/")
    page.get_by_role("button", name="Create account").click()
    assert page.locator(".govuk-error-summary").is_visible()
    checked(page, problems, "sign up, with errors")

    made = booking.book(
        SessionFactory(course=CourseFactory(needs_manager_approval=True)),
        PractitionerFactory(full_name="Kim Lee"),
    )
    page.goto(f"{live_server.url}/learning/approval/{made.manager_token}/")
    checked(page, problems, "approval")
    page.get_by_role("button", name="Send your answer").click()
    checked(page, problems, "approval, with errors")
    page.get_by_label("Yes, approve the place").check()
    page.get_by_role("button", name="Send your answer").click()
    assert page.get_by_role("heading", name="Place approved").is_visible()
    assert problems == {}


def test_the_business_unit_runs_a_session_and_takes_the_register_on_a_phone(page, live_server):
    officer = UserFactory(full_name="Olu Officer", roles=[Role.BUSINESS_OFFICER])
    course = CourseFactory(title="Domestic abuse")
    session = SessionFactory(course=course, starts_at=timezone.now() - dt.timedelta(minutes=15))
    for name in ["Ana Ames", "Bo Bright"]:
        BookingFactory(session=session, person=PractitionerFactory(full_name=name))
    BookingFactory(session=session, status=BookingStatus.ABSENT, charge="50.00")
    problems: dict = {}

    sign_in_through_browser(page, live_server.url, officer)
    for name, url in [
        ("manage", "/learning/manage/"),
        ("add a course", "/learning/manage/courses/add/"),
        ("add a session", f"/learning/manage/courses/{course.slug}/sessions/add/"),
        ("bookings", f"/learning/sessions/{session.pk}/bookings/"),
        ("charges", f"/learning/charges/?year={_this_year()}"),
        ("cancel a session", f"/learning/sessions/{session.pk}/cancel/"),
    ]:
        page.goto(f"{live_server.url}{url}")
        checked(page, problems, name)
    page.goto(f"{live_server.url}/learning/manage/courses/add/")
    page.get_by_role("button", name="Add the course").click()
    checked(page, problems, "add a course, with errors")

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/learning/sessions/{session.pk}/attendance/")
    checked(page, problems, "register on a phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("group", name="Ana Ames").get_by_label("Attended").check()
    page.get_by_role("group", name="Bo Bright").get_by_label("Did not attend").check()
    page.get_by_role("button", name="Save the register").click()
    assert "Register saved: 2 changes" in page.locator(".govuk-notification-banner").inner_text()
    assert problems == {}


def _this_year() -> str:
    today = timezone.localdate()
    first = today.year if today.month >= 4 else today.year - 1
    return f"{first}-{(first + 1) % 100:02d}"
