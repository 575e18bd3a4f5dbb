"""The year's report in a real browser, as the partnership writes it: the scrutineer writes their
summary, the SEG's chair adds what the group did and the impact it made, the Executive's chair
signs the year off and the business officer publishes it; then anyone can read it. On the way:
axe (WCAG 2.2 AA) on every page, forms in their error state too, nothing blocked by the
Content-Security-Policy, and no sideways scrolling at 320 CSS pixels."""

import pytest
from django.core.management import call_command

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.years import FinancialYear
from lscp.governance.models import GroupKind, Membership, MembershipRole, ReportYear
from lscp.reporting.compose import compose
from lscp.reporting.render import render_html
from tests.browser.conftest import PASSWORD, Visits, sign_in_through_browser, unused_backup_code
from tests.pages import DEMO_PASSWORD, demo_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = "2022-23"  # the demo's draft year


def sign_in_as(page, base: str, role: Role) -> None:
    page.context.clear_cookies()
    user = User.objects.get(email=demo_email(role))
    sign_in_through_browser(page, base, user, DEMO_PASSWORD, unused_backup_code(user))


def submit_empty(page, visits: Visits, name: str) -> None:
    """Send the form with nothing filled in, as a browser ignoring `required` would."""
    page.evaluate("() => document.querySelectorAll('main [required]').forEach(e => e.required = false)")
    page.locator("main form button[type=submit]").first.click()
    page.locator(".govuk-error-summary").wait_for()
    visits.axe(f"{name}, empty")


def test_the_year_is_written_signed_off_and_published(page, live_server):
    call_command("demo", verbosity=0)
    base = live_server.url
    visits = Visits(page)

    sign_in_as(page, base, Role.INDEPENDENT_SCRUTINEER)
    page.goto(f"{base}/years/{YEAR}/")
    visits.axe("the year")
    visits.narrow("the year")
    page.get_by_role("link", name="Write your summary").click()
    visits.axe("the scrutineer's summary")
    submit_empty(page, visits, "the scrutineer's summary")
    page.get_by_label("Independent scrutineer's summary").fill(
        "Leaders challenge each other openly.\n\nThe next test is whether families notice."
    )
    page.get_by_role("button", name="Save").click()
    assert "families notice" in page.locator("main").inner_text()

    sign_in_as(page, base, Role.GROUP_CHAIR)  # the demo group chair chairs the SEG
    page.goto(f"{base}/years/{YEAR}/groups/seg/")
    visits.axe("the SEG's year")
    visits.narrow("the SEG's year")
    page.get_by_role("link", name="Add an area of development").click()
    visits.axe("add an area of development")
    submit_empty(page, visits, "add an area of development")
    page.get_by_label("Area of development").fill("Audits that follow up their own actions")
    page.get_by_label("What the group did").fill("Re-audited neglect cases six months on.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add impact of Audits that follow up their own actions").click()
    visits.axe("add impact")
    page.get_by_label("Impact").fill("Plans for neglected children now name who does what by when.")
    page.get_by_role("button", name="Save").click()
    assert "name who does what" in page.locator("main").inner_text()

    # The Executive's chair is one of the demo's members, not a demo sign-in: give them a password.
    chair = (
        Membership.objects.current().get(group__kind=GroupKind.EXECUTIVE, role=MembershipRole.CHAIR).person
    )
    chair.set_password(PASSWORD)
    chair.save()
    page.context.clear_cookies()
    sign_in_through_browser(page, base, chair)
    page.goto(f"{base}/years/{YEAR}/")
    page.get_by_role("link", name=f"Sign off {YEAR}").click()
    visits.axe("sign off")
    page.get_by_role("button", name=f"Sign off {YEAR}").click()
    assert ReportYear.objects.get(first_year=2022).is_locked

    sign_in_as(page, base, Role.BUSINESS_OFFICER)
    page.goto(f"{base}/reports/{YEAR}/")
    visits.axe("the report, signed off")
    page.get_by_role("button", name="Publish the report").click()
    assert ReportYear.objects.get(first_year=2022).published_at is not None
    page.goto(f"{base}/reports/{YEAR}/checklist/")
    visits.axe("the checklist")

    page.context.clear_cookies()
    page.goto(f"{base}/reports/{YEAR}/")
    text = page.locator("main").inner_text()
    assert "families notice" in text and "name who does what" in text
    visits.axe("the published report, signed out")
    visits.narrow("the published report, signed out")
    page.goto(f"{base}/reports/")
    assert "/account/sign-in/" in page.url  # the list of years is for the partnership's staff

    # The HTML the command line writes is a page of its own: one accessible page as well.
    # Off the site first: its Content-Security-Policy would otherwise govern the file's own styles.
    page.goto("about:blank")
    page.set_content(render_html(compose(FinancialYear(2022))))
    visits.axe("the report as a standalone HTML file")
    visits.narrow("the report as a standalone HTML file")

    assert visits.problems == {}
    assert visits.refused == []
