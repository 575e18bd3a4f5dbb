"""Each agency's entry of its own figures: who sees which indicators, a value entered for the
latest period that is over, a correction keeping its history, another agency's indicator refused,
and bad values refused with GOV.UK errors and nothing saved."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.performance.models import Indicator, Observation, ObservationCorrection
from lscp.performance.periods import Frequency, Period
from lscp.performance.vocabulary import AreaKind, Direction, Unit
from tests.child_deaths.test_analysis_page import Page
from tests.factories import AgencyFactory, UserFactory
from tests.performance.test_models import area, indicator, percentage_of

pytestmark = pytest.mark.django_db

URL = reverse("performance:entry")


def entry_url(code: str) -> str:
    return reverse("performance:entry-indicator", args=[code])


def latest_month() -> Period:
    """The latest month that is over."""
    return Period.containing(Frequency.MONTHLY, timezone.localdate()).previous()


@pytest.fixture
def police():
    return AgencyFactory(name="West Moorland Police")


@pytest.fixture
def council():
    return AgencyFactory(name="Westbrook Council")


@pytest.fixture(autouse=True)
def data_set(police, council):
    """The police's count; the council's percentage, worked out from two counts, and another of theirs;
    the partnership's area and a comparator."""
    indicator("PIP", Unit.COUNT, Direction.INCREASE, owner=police, name="Intelligence submissions")
    numerator = indicator("ICPC-15", Unit.COUNT, Direction.NEUTRAL, owner=council, name="Conferences in time")
    denominator = indicator("ICPC", Unit.COUNT, Direction.NEUTRAL, owner=council, name="Conferences")
    percentage_of(numerator, denominator, "ICPC-PC")
    indicator("FD-TIME", Unit.PERCENTAGE, owner=council, name="Front door decisions in time")
    indicator("SPEND", Unit.NUMBER, Direction.NEUTRAL, owner=council, name="Spend", frequency="quarterly")
    area("WBK", AreaKind.OWN, "Westbrook")
    area("CLB", AreaKind.DISTRICT, "Calderbank")


@pytest.fixture
def member(police):
    """A police officer who sits on the groups."""
    return UserFactory(roles=[Role.GROUP_MEMBER], agency=police, full_name="Dana Inspector")


def entry_codes(client) -> list[str]:
    """The indicators the entry page lists, by code, in order."""
    response = client.get(URL)
    assert response.status_code == 200
    return re.findall(r'id="entry-([^"]+)"', response.content.decode())


def form(period: str = "", value: str = "12", supplied_by: str = "Police performance team", note: str = ""):
    return {"period": period or latest_month().code, "value": value, "supplied_by": supplied_by, "note": note}


def error_summary(html: str) -> str:
    start = html.index('<div class="govuk-error-summary"')
    return " ".join(html[start : html.index("</ul>", start)].split())


# --- who may enter what ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "agency", "codes"),
    [
        # The business unit's editors (and the administrator) see every reported indicator.
        (Role.SYSTEM_ADMINISTRATOR, None, ["PIP", "ICPC", "ICPC-15", "FD-TIME", "SPEND"]),
        (Role.BUSINESS_MANAGER, "council", ["PIP", "ICPC", "ICPC-15", "FD-TIME", "SPEND"]),
        (Role.BUSINESS_OFFICER, None, ["PIP", "ICPC", "ICPC-15", "FD-TIME", "SPEND"]),
        # A chair or member sees their own agency's: they supply its figures.
        (Role.GROUP_CHAIR, "council", ["ICPC", "ICPC-15", "FD-TIME", "SPEND"]),
        (Role.GROUP_MEMBER, "police", ["PIP"]),
    ],
)
def test_each_agency_sees_its_own_reported_indicators(client_for, request, role, agency, codes):
    user = UserFactory(roles=[role], agency=request.getfixturevalue(agency) if agency else None)
    # Grouped by owner agency (by name), then in the data set's order (then by name).
    assert entry_codes(client_for(user)) == codes


@pytest.mark.parametrize(
    ("role", "agency"),
    [
        (Role.PRACTITIONER, "police"),  # works in the agency, but not on the partnership's staff
        (Role.GROUP_MEMBER, "other"),  # an agency that owns no indicator
        (Role.GROUP_CHAIR, None),
        (Role.INDEPENDENT_SCRUTINEER, None),
        (Role.DATA_ANALYST, None),
        # The analyst and the scrutineer read figures; even at an owning agency they supply none.
        (Role.DATA_ANALYST, "council"),
        (Role.INDEPENDENT_SCRUTINEER, "police"),
        (Role.LEAD_NURSE, "police"),
    ],
)
def test_nobody_else_enters_values(client_for, request, role, agency):
    agencies = {
        "police": lambda: request.getfixturevalue("police"),
        "council": lambda: request.getfixturevalue("council"),
        "other": AgencyFactory,
        None: lambda: None,
    }
    user = UserFactory(roles=[role], agency=agencies[agency]())
    client = client_for(user)
    assert client.get(URL).status_code == 403
    assert client.get(entry_url("PIP")).status_code == 403
    assert client.post(entry_url("PIP"), form()).status_code == 403
    assert not Observation.objects.exists()


def test_another_agencys_indicator_is_refused(client_for, member):
    client = client_for(member)
    assert client.get(entry_url("FD-TIME")).status_code == 403
    assert client.post(entry_url("FD-TIME"), form(value="90")).status_code == 403
    assert not Observation.objects.exists()


def test_a_derived_indicator_has_no_entry(client_for):
    client = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    assert client.get(entry_url("ICPC-PC")).status_code == 404
    assert client.get(entry_url("NOPE")).status_code == 404


def test_signing_in_is_needed():
    for url in (URL, entry_url("PIP")):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


# --- the list --------------------------------------------------------------------------------------


def test_the_list_shows_the_latest_period_over_and_its_value(client_for, member):
    latest = latest_month()
    client = client_for(member)
    page = Page(client.get(URL).content.decode())
    assert page.text("entry-PIP") == (
        f"Intelligence submissions PIP, count {latest.label}: not entered "
        f"Enter Intelligence submissions, {latest.label}"
    )
    pip, westbrook = Indicator.objects.get(code="PIP"), area_of("WBK")
    earlier = latest.shifted(-2)
    Observation.objects.create(indicator=pip, area=westbrook, period_start=earlier.start, value=Decimal(17))
    Observation.objects.create(
        indicator=pip, area=area_of("CLB"), period_start=latest.start, value=Decimal(5)
    )
    page = Page(client.get(URL).content.decode())
    assert page.text("entry-PIP") == (
        f"Intelligence submissions PIP, count {latest.label}: not entered "
        f"Latest entered: {earlier.label}: 17 Enter Intelligence submissions, {latest.label}"
    )
    Observation.objects.create(indicator=pip, area=westbrook, period_start=latest.start, value=Decimal(1234))
    page = Page(client.get(URL).content.decode())
    assert page.text("entry-PIP").endswith(
        f"{latest.label}: 1,234 Change Intelligence submissions, {latest.label}"
    )


def area_of(code: str):
    from lscp.performance.models import Area

    return Area.objects.get(code=code)


def test_a_quarterly_indicator_offers_the_latest_quarter_over(client_for, council):
    today = timezone.localdate()
    quarter = Period.containing(Frequency.QUARTERLY, today).previous()
    client = client_for(UserFactory(roles=[Role.GROUP_MEMBER], agency=council))
    html = client.get(entry_url("SPEND")).content.decode()
    assert f'value="{quarter.code}"' in html
    assert f"The latest quarter that has ended is {quarter.label} ({quarter.code})" in html


# --- entering and correcting -------------------------------------------------------------------------


def test_the_form_starts_with_the_latest_period_and_the_persons_name(client_for, member):
    html = client_for(member).get(entry_url("PIP")).content.decode()
    assert f'name="period" value="{latest_month().code}"' in html
    assert 'name="supplied_by" value="Dana Inspector"' in html
    assert "No values have been entered for Westbrook yet." in html


def test_a_value_is_entered_for_the_own_area(client_for, member):
    client = client_for(member)
    response = client.post(
        entry_url("PIP"), form(value="42", note="From the portal's monthly report"), follow=True
    )
    assert response.redirect_chain == [(URL, 302)]
    latest = latest_month()
    assert f"Saved 42 for Intelligence submissions, {latest.label}" in response.content.decode()
    observation = Observation.objects.get()
    assert (observation.area.code, observation.period_start, observation.value) == ("WBK", latest.start, 42)
    assert observation.supplied_by == "Police performance team"
    assert observation.entered_by == member
    assert observation.note == "From the portal's monthly report"
    assert not ObservationCorrection.objects.exists()


def test_a_correction_keeps_the_history(client_for, member):
    client = client_for(member)
    earlier = latest_month().shifted(-3)
    client.post(entry_url("PIP"), form(period=earlier.code, value="40", supplied_by="First supplier"))
    page = client.get(f"{entry_url('PIP')}?period={earlier.code}").content.decode()
    assert f'name="period" value="{earlier.code}"' in page
    assert 'name="value" value="40"' in page

    response = client.post(
        entry_url("PIP"),
        form(period=earlier.label, value="45", supplied_by="Second supplier", note="Late submissions added"),
        follow=True,
    )
    changed = f"Changed Intelligence submissions, {earlier.label} from 40 to 45"
    assert f"{changed}. The old value is kept in the history" in response.content.decode()
    observation = Observation.objects.get()
    assert (observation.value, observation.supplied_by) == (45, "Second supplier")
    correction = ObservationCorrection.objects.get()
    assert (correction.previous_value, correction.value) == (40, 45)
    assert correction.previous_supplied_by == "First supplier"
    assert correction.corrected_by == member
    assert correction.reason == "Entered by hand: Late submissions added"

    history = Page(client.get(entry_url("PIP")).content.decode()).rows("history")
    today = timezone.localdate()
    assert history[0][0] == f"{earlier.label} Change the value for {earlier.label}"
    assert history[0][1] == "45"
    assert history[0][2].endswith(f"Replaced 40, supplied by First supplier, on {today.day} {today:%B %Y}")


def test_the_same_value_again_changes_nothing(client_for, member):
    client = client_for(member)
    client.post(entry_url("PIP"), form(value="40"))
    response = client.post(entry_url("PIP"), form(value="40.0", supplied_by="Someone else"), follow=True)
    assert "was already 40: nothing was changed" in response.content.decode()
    assert Observation.objects.get().supplied_by == "Police performance team"
    assert not ObservationCorrection.objects.exists()


def test_the_business_unit_enters_any_agencys_value(client_for):
    client = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    assert client.post(entry_url("FD-TIME"), form(value="91.25")).status_code == 302
    assert client.post(entry_url("PIP"), form(value="7")).status_code == 302
    assert sorted(Observation.objects.values_list("indicator__code", "value")) == [
        ("FD-TIME", Decimal("91.25")),
        ("PIP", Decimal("7")),
    ]


# --- bad input ---------------------------------------------------------------------------------


def next_month() -> Period:
    return latest_month().next()


@pytest.mark.parametrize(
    ("code", "changes", "field", "message"),
    [
        ("PIP", {"value": "lots"}, "value", "Enter the value as a number, like 91.5"),
        ("PIP", {"value": ""}, "value", "Enter the value"),
        ("PIP", {"value": "NaN"}, "value", "Enter the value as a number, like 91.5"),
        ("PIP", {"value": "1,234"}, "value", "Enter the value without commas (1234.5, not 1,234.5)"),
        ("PIP", {"value": "-3"}, "value", "A count cannot be negative"),
        ("PIP", {"value": "2.5"}, "value", "A count must be a whole number"),
        ("FD-TIME", {"value": "100.5"}, "value", "A percentage cannot be more than 100"),
        ("FD-TIME", {"value": "90%"}, "value", "Enter the value without the % sign"),
        ("FD-TIME", {"value": "90.123456"}, "value", "Enter the value with no more than 4 decimal places"),
        ("PIP", {"period": ""}, "period", "Enter the period"),
        ("PIP", {"period": "soon"}, "period", "Enter the period as a month, like 2021-06"),
        ("PIP", {"period": "2021-Q2"}, "period", "2021-Q2 is a quarter, but this indicator is monthly"),
        ("PIP", {"supplied_by": "  "}, "supplied_by", "Enter who supplied the figure"),
        ("PIP", {"supplied_by": "x" * 151}, "supplied_by", "Supplied by must be 150 characters or fewer"),
    ],
)
def test_bad_values_are_refused(client_for, code, changes, field, message):
    client = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    response = client.post(entry_url(code), {**form(), **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    summary = error_summary(html)
    assert message in summary
    assert f'href="#id_{field}"' in summary
    assert 'class="govuk-error-message"' in html
    assert not Observation.objects.exists()


def test_a_period_not_over_is_refused(client_for, member):
    client = client_for(member)
    this_month = next_month()
    html = client.post(entry_url("PIP"), form(period=this_month.code)).content.decode()
    assert f"{this_month.label} has not ended yet: enter its value once it has" in error_summary(html)
    future = this_month.next()
    html = client.post(entry_url("PIP"), form(period=future.code)).content.decode()
    assert f"{future.label} is in the future" in error_summary(html)
    assert not Observation.objects.exists()


def test_a_numerator_over_its_denominator_is_refused(client_for, council):
    client = client_for(UserFactory(roles=[Role.GROUP_MEMBER], agency=council))
    assert client.post(entry_url("ICPC"), form(value="10")).status_code == 302
    html = client.post(entry_url("ICPC-15"), form(value="12")).content.decode()
    assert "would be more than Conferences (10)" in error_summary(html)
    assert list(Observation.objects.values_list("indicator__code", flat=True)) == ["ICPC"]


def test_a_bad_correction_keeps_the_value_here(client_for, member):
    client = client_for(member)
    earlier = latest_month().previous()
    client.post(entry_url("PIP"), form(period=earlier.code, value="40"))
    html = client.post(entry_url("PIP"), form(period=earlier.code, value="-1")).content.decode()
    assert "A count cannot be negative" in error_summary(html)
    assert Observation.objects.get().value == 40
    assert not ObservationCorrection.objects.exists()


def test_without_the_partnerships_area_nothing_can_be_entered(client_for, member):
    from lscp.performance.models import Area

    Area.objects.filter(kind=AreaKind.OWN).delete()
    client = client_for(member)
    html = client.get(URL).content.decode()
    assert "The partnership's own area has not been set up yet" in html
    assert entry_url("PIP") not in html
    assert client.get(entry_url("PIP"))["Location"] == URL
    assert client.post(entry_url("PIP"), form()).status_code == 302
    assert not Observation.objects.exists()


def test_an_indicator_code_in_another_case_is_not_found(client_for, member):
    assert client_for(member).get(entry_url("pip")).status_code == 404
