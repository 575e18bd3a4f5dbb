"""New SPC baselines: the analyst starts one where a process changed, the report's limits start
again there, and one that cannot be (at a series' first value, twice, a period of the wrong kind)
is refused with a reason, on the page and from the command line."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from lscp.accounts.roles import Role
from lscp.performance.models import Area, Indicator, Rebase
from tests.factories import UserFactory
from tests.performance.test_report import demo, seg_report  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
URL = "/performance/baselines/"


@pytest.fixture
def analyst(client_for):
    return client_for(UserFactory(roles=[Role.DATA_ANALYST]))


def rebase_groups(group, code: str) -> set[int]:
    row = next(row for row in seg_report(group).rows if row.indicator.code == code)
    return {point.rebase_group for point in row.result.points}


def test_the_url_is_the_baselines_page():
    assert reverse("performance:baselines") == URL


def test_the_analyst_starts_a_baseline_and_the_report_splits_there(demo, analyst):  # noqa: F811
    indicator = Indicator.objects.get(code="FD-TIME")
    assert rebase_groups(demo, "FD-TIME") == {0}
    reply = analyst.post(URL, {"indicator": indicator.pk, "period": "2021-04", "reason": "New front door"})
    assert reply.status_code == 302
    rebase = Rebase.objects.get(indicator=indicator)
    assert rebase.area is None and str(rebase.period_start) == "2021-04-01"
    assert rebase.reason == "New front door"
    assert rebase_groups(demo, "FD-TIME") == {0, 1}
    page = analyst.get(URL).content.decode()
    assert indicator.name in page and "April 2021" in page and "New front door" in page


@pytest.mark.parametrize(
    ("period", "problem"),
    [
        ("2001-01", "no values for every area before January 2001"),
        ("2021-Q2", "monthly"),
        ("next week", "2021-06"),
        ("", "Enter the first period of the new baseline"),
    ],
)
def test_a_baseline_that_cannot_start_there_is_refused(demo, analyst, period, problem):  # noqa: F811
    indicator = Indicator.objects.get(code="FD-TIME")
    reply = analyst.post(URL, {"indicator": indicator.pk, "period": period, "reason": "Because"})
    assert reply.status_code == 200 and not Rebase.objects.filter(indicator=indicator).exists()
    assert problem.lower() in reply.content.decode().lower()
    assert "govuk-error-summary" in reply.content.decode()


def test_the_same_baseline_twice_is_refused_and_a_blank_reason_too(demo, analyst):  # noqa: F811
    existing = Rebase.objects.get()
    data = {"indicator": existing.indicator.pk, "period": "2021-06", "reason": "Again"}
    assert "already starts in June 2021" in analyst.post(URL, data).content.decode()
    blank = analyst.post(URL, {**data, "period": "2021-09", "reason": "   "})
    assert "Enter what changed" in blank.content.decode()
    assert Rebase.objects.count() == 1


def test_an_areas_baseline_needs_that_areas_earlier_values(demo, analyst):  # noqa: F811
    indicator = Indicator.objects.get(code="FD-TIME")
    area = Area.objects.own()
    first = indicator.observations.filter(area=area).order_by("period_start").first()
    month = first.period_start.strftime("%Y-%m")
    refused = analyst.post(URL, {"indicator": indicator.pk, "area": area.pk, "period": month, "reason": "x"})
    assert "first baseline already starts at its first value" in refused.content.decode()
    later = first.period_start.replace(year=first.period_start.year + 1).strftime("%Y-%m")
    analyst.post(URL, {"indicator": indicator.pk, "area": area.pk, "period": later, "reason": "x"})
    assert Rebase.objects.filter(indicator=indicator, area=area).count() == 1


def test_removing_a_baseline_joins_the_series_again(demo, analyst):  # noqa: F811
    rebase = Rebase.objects.get()
    before = rebase_groups(demo, rebase.indicator.code)
    assert analyst.post(reverse("performance:remove-baseline", args=[rebase.pk])).status_code == 302
    assert len(before) == 2 and rebase_groups(demo, rebase.indicator.code) == {0}


def test_a_group_member_may_not_change_baselines(demo, client_for):  # noqa: F811
    member = client_for(UserFactory(roles=[Role.GROUP_MEMBER]))
    rebase = Rebase.objects.get()
    assert member.post(reverse("performance:remove-baseline", args=[rebase.pk])).status_code == 403
    assert Rebase.objects.filter(pk=rebase.pk).exists()


def test_the_command_lists_and_adds_and_refuses(demo, capsys):  # noqa: F811
    call_command("baselines")
    assert "PIP\tevery area\t2021-06" in capsys.readouterr().out
    call_command("baselines", add=["fd-time", "2021-04"], reason="New front door")
    assert "starts in April 2021" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already starts in April 2021"):
        call_command("baselines", add=["FD-TIME", "2021-04"], reason="Again")
    with pytest.raises(CommandError, match="no indicator with the code NOPE"):
        call_command("baselines", add=["NOPE", "2021-04"], reason="x")
