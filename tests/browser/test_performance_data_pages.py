"""The KPI import and entry pages in a real browser: axe (WCAG 2.2 AA) in their normal and error
states, nothing blocked by the site's Content-Security-Policy, and no sideways scrolling at 320
CSS pixels."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.performance import importer
from lscp.performance.models import Observation
from lscp.performance.periods import Frequency, Period
from lscp.performance.vocabulary import AreaKind, Direction, Unit
from tests.browser.conftest import Visits, sign_in_through_browser
from tests.factories import AgencyFactory, UserFactory
from tests.performance.test_models import area, indicator, percentage_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def data_set():
    police = AgencyFactory(name="West Moorland Police")
    council = AgencyFactory(name="Westbrook Metropolitan District Council")
    indicator("PIP", Unit.COUNT, Direction.INCREASE, owner=police, name="Intelligence submissions to the PIP")
    indicator(
        "FD-TIME", Unit.PERCENTAGE, owner=council, name="Front door referral decisions made within timescale"
    )
    numerator = indicator("ICPC-15", Unit.COUNT, Direction.NEUTRAL, owner=council)
    denominator = indicator("ICPC", Unit.COUNT, Direction.NEUTRAL, owner=council)
    percentage_of(numerator, denominator, "ICPC-PC")
    area("WBK", AreaKind.OWN, "Westbrook")
    area("CLB", AreaKind.DISTRICT, "Calderbank")


def csv_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=importer.HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def example(**changes) -> dict:
    return {column.header: column.example for column in importer.COLUMNS} | changes


def test_the_import_page(page, live_server, tmp_path):
    data_set()
    sign_in_through_browser(page, live_server.url, UserFactory(roles=[Role.BUSINESS_OFFICER]))
    visits = Visits(page)
    page.goto(f"{live_server.url}/performance/import/")
    page.get_by_text("Indicator and area codes").click()
    visits.axe("import")
    visits.narrow("import")

    page.get_by_role("button", name="Import values").click()
    page.locator(".govuk-error-summary").wait_for()
    visits.axe("import, no file")
    page.get_by_role("link", name="Select a CSV or XLSX file").click()
    assert page.evaluate("document.activeElement.id") == "id_file"

    broken = tmp_path / "broken.csv"
    broken.write_bytes(
        csv_bytes([example(value="101"), example(indicator="NOPE", period="2099-01"), example()])
    )
    page.get_by_label("Upload a file").set_input_files(broken)
    page.get_by_role("button", name="Check the file only").click()
    page.locator("#problem-table").wait_for()
    visits.axe("import, problems in the file")
    visits.narrow("import, problems in the file")
    assert page.locator("#problem-table tbody tr").count() == 3  # line 2, 3 and 4 (a repeat of 2)

    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([example(), example(area="CLB", value="88")]))
    page.get_by_label("Upload a file").set_input_files(good)
    page.get_by_role("button", name="Check the file only").click()
    page.locator("#checked").wait_for()
    visits.axe("import, checked")
    assert Observation.objects.count() == 0

    page.get_by_label("Upload a file").set_input_files(good)
    page.get_by_role("button", name="Import values").click()
    page.get_by_text("Imported 2 new values").wait_for()
    visits.axe("import, imported")
    assert Observation.objects.count() == 2

    assert visits.refused == []
    assert visits.problems == {}


def test_the_entry_pages(page, live_server):
    data_set()
    latest = Period.containing(Frequency.MONTHLY, timezone.localdate()).previous()
    sign_in_through_browser(page, live_server.url, UserFactory(roles=[Role.BUSINESS_OFFICER]))
    visits = Visits(page)

    page.goto(f"{live_server.url}/performance/entry/")
    visits.axe("entry, every agency")
    visits.narrow("entry, every agency")

    page.get_by_role(
        "link", name=f"Enter Front door referral decisions made within timescale, {latest.label}"
    ).click()
    page.get_by_label("Value").fill("101%")
    page.get_by_label("Period").fill(latest.next().code)
    page.get_by_role("button", name="Save the value").click()
    page.locator(".govuk-error-summary").wait_for()
    visits.axe("entry, bad value and period")
    visits.narrow("entry, bad value and period")
    page.get_by_role("link", name="Enter the value without the % sign").click()
    assert page.evaluate("document.activeElement.id") == "id_value"
    assert Observation.objects.count() == 0

    page.get_by_label("Period").fill(latest.previous().code)
    page.get_by_label("Value").fill("88")
    page.get_by_role("button", name="Save the value").click()
    page.get_by_text("Saved 88% for Front door referral decisions").wait_for()
    visits.axe("entry, saved")

    page.goto(f"{live_server.url}/performance/entry/FD-TIME/?period={latest.previous().code}")
    page.get_by_label("Value").fill("89.5")
    page.get_by_label("Note (optional)").fill("Two late decisions recorded")
    page.get_by_role("button", name="Save the value").click()
    page.get_by_text("from 88% to 89.5%").wait_for()
    assert Observation.objects.get().value == Decimal("89.5")

    page.goto(f"{live_server.url}/performance/entry/FD-TIME/")
    assert page.locator("#history tbody tr").count() == 1
    visits.axe("entry, an indicator with a corrected value")
    visits.narrow("entry, an indicator with a corrected value")

    assert visits.refused == []
    assert visits.problems == {}
