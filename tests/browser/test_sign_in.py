import pytest

from lscp.accounts.roles import Role
from tests.browser.conftest import axe_violations, sign_in_through_browser
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_page_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/account/sign-in/")
    assert page.locator("h1").inner_text() == "Sign in"
    assert axe_violations(page) == []


def test_error_summary_is_accessible_and_focused(page, live_server):
    page.goto(f"{live_server.url}/account/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "There is a problem" in summary.inner_text()
    assert axe_violations(page) == []


def test_staff_member_signs_in_with_two_factor_and_reaches_home(page, live_server):
    user = UserFactory(full_name="Nadia Brennan", roles=[Role.BUSINESS_OFFICER])
    sign_in_through_browser(page, live_server.url, user)
    assert page.locator("h1").inner_text().startswith("Welcome, Nadia")
    assert axe_violations(page) == []
