"""What the years list, a year's overview and a group's page show."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lscp.governance.yearly import Rag
from tests.governance.year_factories import (
    DevelopmentAreaFactory,
    EngagementActivityFactory,
    GroupYearFactory,
    ImpactStatementFactory,
    KeyStepFactory,
    KeyStepProgressFactory,
    PriorityFactory,
    PriorityUpdateFactory,
    ReportYearFactory,
)

pytestmark = pytest.mark.django_db


def test_years_list_shows_each_status_in_words(client_for, cast):
    signed = timezone.make_aware(dt.datetime(2023, 6, 5, 12))
    ReportYearFactory(first_year=2022, signed_off_at=signed, published_at=signed)
    ReportYearFactory(first_year=2023, signed_off_at=signed, signed_off_by=cast.executive_chair)
    ReportYearFactory(first_year=2024)
    html = client_for(cast.member).get(reverse("governance:years")).content.decode()
    assert html.index("2024-25") < html.index("2023-24") < html.index("2022-23")  # latest first
    for status in ("Published", "Signed off", "Draft"):
        assert f">{status}</strong>" in html
    assert "5 June 2023 by Eve Executive" in html


def test_overview_shows_the_plan_and_each_groups_progress(client_for, cast):
    year = ReportYearFactory(first_year=2023, introduction="<p>Our year.</p>", signatories="Dee Director")
    priority = PriorityFactory(year=year, title="Neglect")
    priority.groups.add(cast.cdop)
    PriorityUpdateFactory(priority=priority, on=dt.date(2023, 9, 1), status=Rag.RED)
    PriorityUpdateFactory(priority=priority, on=dt.date(2024, 1, 5), status=Rag.GREEN, text="<p>Done now</p>")
    # CDOP complete: function, a step with progress, an area with impact. SEG only begun.
    GroupYearFactory(group=cast.cdop, year=year)
    KeyStepProgressFactory(key_step=KeyStepFactory(group=cast.cdop, year=year))
    ImpactStatementFactory(area=DevelopmentAreaFactory(group=cast.cdop, year=year))
    DevelopmentAreaFactory(group=cast.seg, year=year)
    EngagementActivityFactory(year=year, held_on=dt.date(2023, 6, 14), title="Youth forum", taking_part=12)

    response = client_for(cast.member).get(reverse("governance:year", args=["2023-24"]))
    html = response.content.decode()
    assert "Our year." in html and "Dee Director" in html
    assert "Green: on track or done</strong> on 5 January 2024" in html  # the latest, in words
    assert "Done now" in html
    assert "1 September 2023: Red: not on track" in html  # the earlier one
    statuses = {n.group.short_name: n.status for n in response.context["groups"]}
    assert statuses == {"Executive": "Not started", "CDOP": "Complete", "SEG": "In progress"}
    assert "14 June 2023" in html and "Young people" in html
    assert 'href="/reports/2023-24/"' in html


def test_sign_off_page_lists_what_is_missing(client_for, cast):
    ReportYearFactory(first_year=2023, introduction="<p>Written</p>")
    html = client_for(cast.executive_chair).get(reverse("governance:year-sign-off", args=["2023-24"])).content
    html = html.decode()
    assert "The introduction has not been written" not in html
    assert "scrutineer&#x27;s summary has not been written" in html
    assert "Groups whose narrative is not complete: Executive, CDOP, SEG" in html


def test_group_page_shows_progress_and_impact(client_for, cast):
    year = ReportYearFactory(first_year=2023)
    GroupYearFactory(group=cast.cdop, year=year, function="<p>Reviews every child death.</p>")
    step = KeyStepFactory(group=cast.cdop, year=year, text="<p>Train on safe sleep</p>")
    KeyStepProgressFactory(key_step=step, status=Rag.AMBER, on=dt.date(2023, 11, 3))
    area = DevelopmentAreaFactory(group=cast.cdop, year=year, title="Safe sleep")
    ImpactStatementFactory(area=area, text="<p>Fewer unsafe sleep deaths</p>")
    html = (
        client_for(cast.member)
        .get(reverse("governance:group-year", args=["2023-24", "cdop"]))
        .content.decode()
    )
    for text in (
        "Reviews every child death.",
        "Train on safe sleep",
        "Amber: some delay or risk</strong> 3 November 2023",
        "Safe sleep",
        "Fewer unsafe sleep deaths",
        "can be added once the business unit has started the next year",
    ):
        assert text in html


@pytest.mark.parametrize(
    "path", ["/years/2023-24/", "/years/2019-20/", "/years/2023-25/", "/years/2023-24/groups/nobody/"]
)
def test_missing_years_and_groups_are_not_found(client_for, cast, path):
    ReportYearFactory(first_year=2022)
    assert client_for(cast.officer).get(path).status_code == 404
