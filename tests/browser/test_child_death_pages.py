"""The CDOP's analysis and import pages in a real browser: axe (WCAG 2.2 AA) in their normal and
error states, and the charts drawn as meant under the site's Content-Security-Policy."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.child_deaths import importer
from lscp.child_deaths.categories import DEFAULT_FACTORS, Category, Expectation, Modifiable, Sex
from lscp.child_deaths.models import ChildDeath, Factor
from tests.browser.conftest import Visits, sign_in_through_browser
from tests.child_deaths.test_analysis_page import review
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def some_reviews() -> None:
    """This financial year's reviews, with counts small enough to be suppressed in the published version."""
    today = timezone.localdate()
    for i in range(12):
        review(
            completed_on=today,
            died_on=today - dt.timedelta(days=400 + 50 * i),
            age_days=3 if i < 6 else 3000,
            category=Category.PERINATAL if i < 6 else Category.INFECTION if i < 10 else Category.SUICIDE,
            expectation=Expectation.EXPECTED if i % 4 else Expectation.UNEXPECTED,
            sex=Sex.FEMALE if i < 3 else Sex.MALE,
            modifiable=Modifiable.YES if i < 5 else Modifiable.NO,
            factors=("Smoking", "Unsafe sleep") if i < 3 else ("Smoking",) if i < 5 else (),
        )


def csv_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=importer.HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def example(**changes) -> dict:
    return {column.header: column.example for column in importer.COLUMNS} | changes


def test_the_analysis_page(page, live_server):
    some_reviews()
    officer = UserFactory(roles=[Role.BUSINESS_OFFICER])
    sign_in_through_browser(page, live_server.url, officer)
    visits = Visits(page)
    url = f"{live_server.url}/child-deaths/analysis/"

    page.goto(url)
    assert page.locator("#completed").inner_text() == "12"
    visits.axe("analysis, every count")
    # The charts look as drawn: the labels right-aligned against the axis, the chart in its column.
    chart = page.locator("svg[aria-labelledby='chart-sex-title']")
    label = chart.locator("text", has_text="Female")
    assert label.evaluate("e => getComputedStyle(e).textAnchor") == "end"
    assert label.evaluate("e => getComputedStyle(e).fontSize") == "10px"
    width = chart.evaluate("e => e.getBoundingClientRect().width")
    column = chart.evaluate("e => e.parentElement.getBoundingClientRect().width")
    assert 0 < width <= column
    assert chart.evaluate("e => e.getBoundingClientRect().height") > 50

    page.goto(f"{url}?published=1")
    assert page.locator("#version").inner_text().startswith("These are the published figures")
    visits.axe("analysis, published")

    page.goto(f"{url}?start=2024-03-31&end=2023-04-01")
    page.locator(".govuk-error-summary").wait_for()
    visits.axe("analysis, reversed dates")
    page.get_by_role("link", name="The end date must be the same as or after the start date").click()
    assert page.evaluate("document.activeElement.id") == "id_end"

    # A narrow screen (320 CSS pixels, WCAG's reflow) scrolls only down, charts included.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    assert visits.refused == []
    assert visits.problems == {}


def test_the_import_page(page, live_server, tmp_path):
    # The live server's database is emptied after each test, the migration's factor list with it.
    for name, domain in DEFAULT_FACTORS:
        Factor.objects.get_or_create(name=name, defaults={"domain": domain})
    officer = UserFactory(roles=[Role.BUSINESS_OFFICER])
    sign_in_through_browser(page, live_server.url, officer)
    visits = Visits(page)
    url = f"{live_server.url}/child-deaths/import/"

    page.goto(url)
    visits.axe("import")

    page.get_by_role("button", name="Import cases").click()
    page.locator(".govuk-error-summary").wait_for()
    visits.axe("import, no file")

    broken = tmp_path / "broken.csv"
    broken.write_bytes(
        csv_bytes([example(sex="purple"), example(external_reference="X-2", date_of_death="soon")])
    )
    page.get_by_label("Upload a file").set_input_files(broken)
    page.get_by_role("button", name="Check the file only").click()
    page.locator("#problem-table").wait_for()
    visits.axe("import, problems in the file")
    assert page.locator("#problem-table tbody tr").count() >= 2
    # A narrow screen scrolls only down: long column names and date formats wrap.
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 800})

    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([example()]))
    page.get_by_label("Upload a file").set_input_files(good)
    page.get_by_role("button", name="Check the file only").click()
    page.locator("#checked").wait_for()
    visits.axe("import, checked")
    assert ChildDeath.objects.count() == 0

    page.get_by_label("Upload a file").set_input_files(good)
    page.get_by_role("button", name="Import cases").click()
    page.get_by_text("Imported 1 case").wait_for()
    visits.axe("import, imported")
    assert ChildDeath.objects.count() == 1

    assert visits.refused == []
    assert visits.problems == {}
