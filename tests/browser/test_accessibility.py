"""WCAG 2.2 AA (axe-core) on every page of the site, signed in through a real browser.

One browser session per test: load the demo partnership (the live server's database is emptied
after each test), sign in once as a demo role, visit the pages and collect what axe finds on
each, then assert on all of it at once, so one run lists every page with a problem. The system
administrator sees every page in tests/pages.py; the practitioner their own; anyone the sign-in
and password pages; the business officer's forms are checked in their error state.
"""

import pytest
from django.core.management import call_command

from lscp.accounts.invitations import set_password_url
from lscp.accounts.models import User
from lscp.accounts.roles import Role
from tests.browser.conftest import axe_violations, unused_backup_code
from tests.factories import UserFactory
from tests.pages import DEMO_PASSWORD, demo_email, demo_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def demo_sign_in(page, base_url: str, role: Role, problems: dict | None = None) -> None:
    """Load the demo and sign in as its sign-in for `role`; with `problems`, axe the sign-in steps."""
    call_command("demo", verbosity=0)
    user = User.objects.get(email=demo_email(role))
    page.goto(f"{base_url}/account/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if user.needs_two_factor:
        page.get_by_label("Security code").wait_for()
        if problems is not None and (found := axe_violations(page)):
            problems["two-factor, while signing in"] = found
        page.get_by_label("Security code").fill(unused_backup_code(user))
        page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text().startswith("Welcome, ")


def check(page, url: str) -> list:
    """axe's violations on the page at `url`, or why it could not be checked."""
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"HTTP {response.status if response else 'no response'}"]
    return axe_violations(page)


# Pages the system administrator may not open, and who is checked on them instead.
NOT_FOR_THE_ADMINISTRATOR = {
    "contact with the family": Role.LEAD_NURSE,
    # Only the person who attended evaluates it.
    "evaluate a session": Role.PRACTITIONER,
    "impact follow-up": Role.PRACTITIONER,
    # Only the scrutineer writes their summary, and only the Executive's chair (one of the demo's
    # members, not a demo sign-in) signs a year off: tests/browser/test_annual_report.py checks both.
    "the scrutineer's summary": Role.INDEPENDENT_SCRUTINEER,
    "sign off a year": Role.GROUP_CHAIR,
}


def axe_every_page(page, base_url: str) -> tuple[dict, list, list]:
    """({page name: violations}, names checked, names that redirected) over demo_pages()."""
    problems, checked, moved = {}, [], []
    for each in demo_pages():
        if not each.html or each.name in NOT_FOR_THE_ADMINISTRATOR:
            continue
        response = page.goto(base_url + each.url)
        if response is not None and response.request.redirected_from is not None:
            # Nothing to show them here (sign in, the second factor, reactivating someone active).
            moved.append(each.name)
            continue
        checked.append(each.name)
        if response is None or response.status != 200:
            problems[each.name] = [f"HTTP {response.status if response else 'no response'}"]
        elif violations := axe_violations(page):
            problems[each.name] = violations
    return problems, checked, moved


def test_every_page_the_system_administrator_sees(page, live_server):
    steps = {}
    demo_sign_in(page, live_server.url, Role.SYSTEM_ADMINISTRATOR, problems=steps)
    problems, checked, moved = axe_every_page(page, live_server.url)
    assert {**steps, **problems} == {}
    assert sorted(moved) == ["reactivate a person", "register to book", "sign in", "two-factor"]
    assert len(checked) >= 35


def test_forms_in_their_error_state(page, live_server):
    """Submitted empty: the error summary and the fields' messages must pass too."""
    demo_sign_in(page, live_server.url, Role.BUSINESS_OFFICER)
    urls = {each.name: each.url for each in demo_pages()}
    problems = {}
    forms = [
        "add a group",
        "invite someone",
        "raise an action",
        "notify a child death",
        "import child deaths",
    ]
    for name in forms:
        page.goto(live_server.url + urls[name])
        # Let the server judge the empty form, as it would for a browser that ignores `required`.
        page.evaluate("() => document.querySelectorAll('main [required]').forEach(e => e.required = false)")
        page.locator("main form").last.locator("button[type=submit]").first.click()
        summary = page.locator(".govuk-error-summary")
        summary.wait_for()
        assert "There is a problem" in summary.inner_text(), name
        if violations := axe_violations(page):
            problems[f"{name}, empty"] = violations
    assert problems == {}


def test_the_pages_only_a_lead_nurse_sees(page, live_server):
    demo_sign_in(page, live_server.url, Role.LEAD_NURSE)
    urls = {each.name: each.url for each in demo_pages()}
    names = [name for name, role in NOT_FOR_THE_ADMINISTRATOR.items() if role == Role.LEAD_NURSE]
    # The case page, where the family contact log shows.
    names.append("a child death case")
    problems = {name: found for name in names if (found := check(page, live_server.url + urls[name]))}
    assert problems == {}


def test_the_practitioners_pages(page, live_server):
    demo_sign_in(page, live_server.url, Role.PRACTITIONER)
    base = live_server.url
    urls = {each.name: each.url for each in demo_pages()}
    theirs = [name for name, role in NOT_FOR_THE_ADMINISTRATOR.items() if role == Role.PRACTITIONER]
    problems = {
        name: found for name in [*theirs, "your learning"] if (found := check(page, base + urls[name]))
    }
    problems |= {
        name: found
        for name, path in [
            ("home", "/"),
            ("profile", "/account/"),
            ("change password", "/account/password/"),
            ("set up two-factor", "/account/two-factor/set-up/"),
        ]
        if (found := check(page, base + path))
    }
    assert problems == {}


def test_the_pages_anyone_can_open(page, live_server):
    base = live_server.url
    problems = {}
    for name, path in [
        ("sign in", "/account/sign-in/"),
        ("password reset", "/account/password-reset/"),
        ("password reset sent", "/account/password-reset/sent/"),
    ]:
        if found := check(page, base + path):
            problems[name] = found

    page.goto(f"{base}/account/password-reset/")
    page.get_by_role("button", name="Send link").click()
    page.locator(".govuk-error-summary").wait_for()
    if found := axe_violations(page):
        problems["password reset, empty"] = found

    invited = UserFactory(roles=[Role.GROUP_MEMBER])
    link = set_password_url(invited)
    page.goto(base + "/" + link.split("://", 1)[1].split("/", 1)[1])
    assert page.locator("form input[type=password]").count() >= 1
    if found := axe_violations(page):
        problems["set password"] = found
    assert problems == {}
