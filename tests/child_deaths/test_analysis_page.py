"""The analysis page: who may open it, who may see small numbers, that its figures are analyse()'s,
what wrong dates do, and that its queries do not grow with the data."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from lscp.accounts.roles import Role
from lscp.child_deaths.analysis import analyse, financial_year
from lscp.child_deaths.analysis_views import responsive_svg
from lscp.child_deaths.arithmetic import SMALL, WITHHELD
from lscp.child_deaths.categories import Category, Expectation, Modifiable, Sex
from lscp.child_deaths.charts import bar_chart
from lscp.child_deaths.models import PanelReview
from lscp.governance.models import MembershipRole
from tests.child_deaths import records
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("child_deaths:analysis")
START, END = dt.date(2023, 4, 1), dt.date(2024, 3, 31)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}


# --- reading the page ----------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """The text of every element with an id, and every table's rows (cell texts), by the table's id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self._open: list[tuple[str, str | None]] = []
        self._table: str | None = None
        self._row: list[str] | None = None
        self._in_cell = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attributes = dict(attrs)
        self._open.append((tag, attributes.get("id")))
        if attributes.get("id"):
            self.texts[attributes["id"]] = ""
        if tag == "table":
            self._table = attributes.get("id") or f"table-{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = []
            self.tables[self._table].append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._row.append("")
            self._in_cell = True

    def handle_startendtag(self, tag, attrs):
        pass  # <path .../> and the like: no text

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break
        if tag == "table":
            self._table, self._row = None, None
        elif tag == "tr":
            self._row = None
        elif tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data):
        for _, id_ in self._open:
            if id_:
                self.texts[id_] += data
        if self._in_cell and self._row:
            self._row[-1] += data

    def text(self, id_: str) -> str:
        return " ".join(self.texts[id_].split())

    def rows(self, id_: str) -> list[list[str]]:
        """The table's body rows, whitespace tidied (the header row left out)."""
        return [[" ".join(cell.split()) for cell in row] for row in self.tables[id_][1:]]


def table_id(title: str) -> str:
    return f"chart-{slugify(title)}-table"


def page_of(response) -> Page:
    assert response.status_code == 200
    return Page(response.content.decode())


# --- people and reviews ---------------------------------------------------------------------------


def person(role: str, cdop=None, chairs: bool = False):
    user = UserFactory(roles=[role])
    if cdop is not None:
        MembershipFactory(
            group=cdop, person=user, role=MembershipRole.CHAIR if chairs else MembershipRole.MEMBER
        )
    return user


def review(completed_on=dt.date(2023, 6, 10), died_on=dt.date(2022, 11, 3), **details) -> PanelReview:
    return records.review(completed_on=completed_on, died_on=died_on, **details)


@pytest.fixture
def year_with_small_numbers(db):
    """13 reviews completed in 2023-24 where several counts are 1 to 4 (3 girls and 10 boys, say),
    and 4 completed the year before."""
    for _ in range(3):
        review(
            sex=Sex.FEMALE, expectation=Expectation.UNEXPECTED, category=Category.INFECTION, age_days=2 * 365
        )
    for i in range(10):
        review(
            sex=Sex.MALE,
            expectation=Expectation.EXPECTED,
            category=Category.PERINATAL if i < 8 else Category.SUICIDE,
            age_days=3 if i < 8 else 16 * 365,
            died_on=dt.date(2021, 5, 1) if i == 0 else dt.date(2022, 11, 3),
            modifiable=Modifiable.YES if i < 2 else Modifiable.NO,
            factors=("Smoking", "Unsafe sleep") if i == 0 else ("Smoking",) if i == 1 else (),
        )
    for _ in range(4):
        review(completed_on=dt.date(2022, 9, 1))


def reviews_column(page: Page) -> list[str]:
    """Every count in every breakdown table, and the summary's counts."""
    shown = [page.text("completed"), page.text("previous"), page.text("modifiable").split()[0]]
    for id_, rows in page.tables.items():
        if id_.endswith("-table"):
            shown.extend(row[1] for row in rows[1:])
    return shown


# --- who may open it ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SYSTEM_ADMINISTRATOR, 200),
        (Role.BUSINESS_MANAGER, 200),
        (Role.BUSINESS_OFFICER, 200),
        (Role.DATA_ANALYST, 200),
        (Role.GROUP_CHAIR, 200),
        (Role.GROUP_MEMBER, 200),
        (Role.INDEPENDENT_SCRUTINEER, 200),
        (Role.LEAD_NURSE, 200),
        (Role.PRACTITIONER, 403),
    ],
)
def test_any_partnership_staff_may_open_the_analysis(client_for, role, status):
    assert client_for(UserFactory(roles=[role])).get(URL).status_code == status


def test_signing_in_is_needed(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


# --- which version --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    ["officer", "analyst", "lead nurse", "cdop member", "cdop chair"],
)
def test_those_who_see_cases_see_every_count_unless_they_ask_for_the_published_version(
    client_for, year_with_small_numbers, cdop, who
):
    user = {
        "officer": lambda: person(Role.BUSINESS_OFFICER),
        "analyst": lambda: person(Role.DATA_ANALYST),
        "lead nurse": lambda: person(Role.LEAD_NURSE),
        "cdop member": lambda: person(Role.GROUP_MEMBER, cdop),
        "cdop chair": lambda: person(Role.GROUP_CHAIR, cdop, chairs=True),
    }[who]()
    client = client_for(user)
    page = page_of(client.get(URL, PERIOD))
    assert page.rows(table_id("Sex"))[:2] == [["Female", "3", "23%"], ["Male", "10", "77%"]]
    assert page.text("previous") == "4"
    assert page.text("change") == "9 more than the previous period"
    assert "Every count is shown" in page.text("version")

    published = page_of(client.get(URL, {**PERIOD, "published": "1"}))
    assert published.rows(table_id("Sex"))[:2] == [["Female", SMALL, ""], ["Male", WITHHELD, ""]]
    assert "These are the published figures" in published.text("version")
    assert "<5 is a number from 1 to 4" in published.text("version")
    # The way back to every count, keeping the period.
    assert 'href="/child-deaths/analysis/?start=2023-04-01&amp;end=2024-03-31">Show every count' in (
        published_html := client.get(URL, {**PERIOD, "published": "1"}).content.decode()
    )
    assert '<input type="hidden" name="published" value="1">' in published_html


@pytest.mark.parametrize("query", [{}, {"published": "0"}, {"published": ""}, {"published": "no"}])
@pytest.mark.parametrize("who", ["scrutineer", "scrutineer on the cdop", "group chair", "group member"])
def test_everyone_else_always_gets_the_published_version(
    client_for, year_with_small_numbers, cdop, who, query
):
    user = {
        # The scrutineer reads the suppressed analysis only, even sitting on the panel.
        "scrutineer": lambda: person(Role.INDEPENDENT_SCRUTINEER),
        "scrutineer on the cdop": lambda: person(Role.INDEPENDENT_SCRUTINEER, cdop),
        "group chair": lambda: person(Role.GROUP_CHAIR),
        "group member": lambda: person(Role.GROUP_MEMBER),
    }[who]()
    response = client_for(user).get(URL, {**PERIOD, **query})
    page = page_of(response)
    html = response.content.decode()
    # No count from 1 to 4 anywhere as a number: not in a table, the summary or a chart.
    shown = reviews_column(page)
    assert shown and not {"1", "2", "3", "4"} & set(shown)
    assert page.rows(table_id("Sex"))[:2] == [["Female", SMALL, ""], ["Male", WITHHELD, ""]]
    assert page.text("previous") == SMALL
    assert "change" not in page.texts  # 13 against "<5" would give the hidden count away
    for description in re.findall(r"<desc [^>]*>(.*?)</desc>", html, flags=re.DOTALL):
        assert not re.search(r": [1-4]\b", description), description
    assert "These are the published figures" in page.text("version")
    # No way to the unsuppressed figures is offered.
    assert "Show every count" not in html
    assert "Every count is shown" not in html


# --- the figures are analyse()'s ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "suppressed"), [(Role.BUSINESS_OFFICER, False), (Role.INDEPENDENT_SCRUTINEER, True)]
)
def test_the_page_shows_the_analysis_figures(client_for, year_with_small_numbers, role, suppressed):
    page = page_of(client_for(UserFactory(roles=[role])).get(URL, PERIOD))
    expected = analyse(START, END, suppressed=suppressed)
    assert page.text("completed") == expected.completed.shown
    assert page.text("previous") == expected.previous.shown
    assert page.text("modifiable").startswith(expected.with_modifiable_factors.shown)
    for title, cells in expected.breakdowns:
        assert page.rows(table_id(title)) == [[cell.label, cell.shown, cell.percent] for cell in cells], title
    assert page.text("figures") == "Reviews completed from 1 April 2023 to 31 March 2024"


def test_the_summary_compares_with_the_previous_period_and_names_the_years_of_death(client_for):
    for _ in range(7):
        review(died_on=dt.date(2019, 2, 1))
    review(died_on=dt.date(2022, 2, 1))
    for _ in range(5):
        review(completed_on=dt.date(2023, 1, 5))
    page = page_of(client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).get(URL, PERIOD))
    assert page.text("completed") == "8"
    assert page.text("previous") == "5"
    assert page.text("change") == "3 more than the previous period"
    assert page.rows(table_id("Year of death")) == [
        ["2019", "7", "88%"],
        ["2020", "0", "0%"],
        ["2021", "0", "0%"],
        ["2022", "1", "13%"],
    ]
    assert "2019 to 2022" in response_text(client_for, PERIOD)


def response_text(client_for, query) -> str:
    return client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).get(URL, query).content.decode()


def test_each_breakdown_has_a_chart_beside_its_table(client_for, year_with_small_numbers):
    html = response_text(client_for, PERIOD)
    expected = analyse(START, END, suppressed=False)
    assert html.count("<svg ") == len(expected.breakdowns)
    for title, _ in expected.breakdowns:
        id_ = f"chart-{slugify(title)}"
        assert f'role="img" aria-labelledby="{id_}-title" aria-describedby="{id_}-desc"' in html, title
        assert (
            f'<caption class="govuk-table__caption govuk-table__caption--s">{title}: reviews completed'
            in html
        )
    assert html.count('scope="row"') == sum(len(cells) for _, cells in expected.breakdowns)


def test_the_charts_obey_the_content_security_policy(client_for, year_with_small_numbers):
    """style-src 'self': no style attribute or <style> element, or the browser drops the charts' look."""
    html = response_text(client_for, PERIOD)
    main = html[html.index("<main") :]
    assert "<svg" in main
    assert "style=" not in main
    assert "<style" not in main
    assert 'text-anchor="end"' in main  # the labels are still right-aligned against the axis


def test_the_charts_fit_their_column():
    svg = bar_chart("Sex", analyse(START, END, suppressed=False).sexes)
    sized = responsive_svg(svg)
    opening = sized[: sized.index(">") + 1]
    assert ' width="100%"' in opening
    assert "height=" not in opening and 'width="504pt"' not in opening
    assert "viewBox=" in opening  # the height follows from it
    assert sized[len(opening) :] == svg[svg.index(">") + 1 :]  # the drawing itself untouched
    assert responsive_svg(sized) == sized


def test_an_empty_period_says_so(client_for):
    page = page_of(client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).get(URL, PERIOD))
    assert page.text("completed") == "0"
    html = response_text(client_for, PERIOD)
    assert "The panel completed no reviews in this period." in html
    assert "<svg" not in html


def test_no_named_factors_is_said_in_words_not_drawn(client_for):
    review(modifiable=Modifiable.YES)
    html = response_text(client_for, PERIOD)
    assert "No named factors were recorded on the reviews with modifiable factors in this period." in html
    assert "chart-named-factors-in-reviews-with-modifiable-factors-title" not in html


# --- the period -----------------------------------------------------------------------------------


def test_the_current_financial_year_by_default(client_for):
    today = timezone.localdate()
    start, end = financial_year(today)
    review(completed_on=today, died_on=today - dt.timedelta(days=30))
    review(completed_on=start - dt.timedelta(days=1), died_on=start - dt.timedelta(days=40))
    response = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).get(URL)
    page = page_of(response)
    assert page.text("completed") == "1"
    assert page.text("previous") == "1"
    assert page.text("change") == "The same number as the previous period"
    html = response.content.decode()
    assert f'name="start" value="{start.isoformat()}"' in html
    assert f'name="end" value="{end.isoformat()}"' in html
    assert f"{start.year} to {end.year} (so far)</a>" in html
    assert html.count('aria-current="page"') == 1


def test_quick_links_to_the_last_few_financial_years_keep_the_version(client_for):
    start, _ = financial_year(timezone.localdate())
    html = response_text(client_for, {**PERIOD, "published": "1"})
    for back in range(1, 5):
        first = start.year - back
        link = f"?start={first}-04-01&amp;end={first + 1}-03-31&amp;published=1"
        assert link in html, first
    # The year asked for is marked as the current one.
    assert re.search(r'end=2024-03-31&amp;published=1" aria-current="page">2023 to 2024</a>', html)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"start": "2024-03-31", "end": "2023-04-01"},
            "The end date must be the same as or after the start date",
        ),
        ({"start": "2023-02-30", "end": "2024-03-31"}, "Enter the start date as a real date"),
        ({"start": "2023-04-01", "end": "next year"}, "Enter the end date as a real date"),
        ({"start": "2023-04-01"}, "Enter the end date"),
        ({"end": "2024-03-31"}, "Enter the start date"),
        ({"start": "", "end": ""}, "Enter the start date"),
        ({"start": "0001-01-01", "end": "2024-03-31"}, "The start date must be on or after 1 January 1990"),
        ({"start": "2023-04-01", "end": "9999-12-31"}, "The end date must be on or before 31 March"),
    ],
)
def test_wrong_dates_show_the_problem_and_no_figures(client_for, query, message):
    # Reviews this year and in the asked-for year: none of them may be shown as the answer.
    today = timezone.localdate()
    review(completed_on=today, died_on=today - dt.timedelta(days=30))
    review()
    response = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert "<title>Error: Child death analysis" in html
    assert 'id="completed"' not in html
    assert 'id="figures"' not in html
    assert "<svg" not in html
    assert "Correct the dates to see the figures." in html


# --- queries --------------------------------------------------------------------------------------


def many_reviews(n: int) -> None:
    categories, sexes = list(Category), list(Sex)
    for i in range(n):
        review(
            completed_on=START + dt.timedelta(days=i % 360),
            died_on=dt.date(2015 + i % 8, 1 + i % 12, 1 + i % 28),
            age_days=1 + (i * 97) % 6000,
            category=categories[i % len(categories)],
            sex=sexes[i % len(sexes)],
            expectation=Expectation.EXPECTED if i % 3 else Expectation.UNEXPECTED,
            modifiable=Modifiable.YES if i % 2 else Modifiable.NO,
            factors=[f"Factor {i % 7}", f"Factor {i % 5 + 10}"] if i % 2 else (),
        )


@pytest.mark.parametrize("role", [Role.BUSINESS_OFFICER, Role.INDEPENDENT_SCRUTINEER])
def test_the_page_makes_the_same_few_queries_whatever_the_data(
    client_for, django_assert_max_num_queries, role
):
    client = client_for(UserFactory(roles=[role]))
    many_reviews(3)
    client.get(URL, PERIOD)  # sessions and the like, first time round
    cache.clear()  # counted afresh, not from the kept analysis (tests/child_deaths/test_snapshots.py)
    with django_assert_max_num_queries(15) as small:
        page_of(client.get(URL, PERIOD))
    many_reviews(150)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        page = page_of(client.get(URL, PERIOD))
    assert page.text("completed") == "153"
    assert len(large.captured_queries) == len(small.captured_queries)
