"""The reporting demo: 2021-22 signed off and published with the whole plan and narrative, 2022-23
a draft following on from it; links go to pages that exist; nothing unsafe or real is stored; and
a second load adds nothing.

`lscp demo` is run once (every app's demo, as the reporting demo links to their records), so the
checks share one test rather than loading the demo partnership for each."""

import datetime as dt
import random
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import resolve

from lscp.accounts.roles import Role
from lscp.core.richtext import clean
from lscp.core.years import FinancialYear
from lscp.governance.models import (
    DevelopmentArea,
    EngagementActivity,
    Group,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Membership,
    MembershipRole,
    PriorityUpdate,
    ReportYear,
)
from lscp.improvement.models import EvidenceKind
from lscp.reporting import demo

pytestmark = pytest.mark.django_db

GROUPS = {"executive", "csprg", "cdop", "mace", "learning", "seg"}
YEARLY = [
    "ReportYear",
    "Priority",
    "PriorityUpdate",
    "GroupYear",
    "KeyStep",
    "KeyStepProgress",
    "DevelopmentArea",
    "ImpactStatement",
    "EngagementActivity",
]
# People and places of the real report the demo's figures come from: none may appear.
REAL = re.compile(r"\b(Schofield|Close|Woodhead|Stuart|Smith|Wakefield|Yorkshire)\b")


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def yearly_rows():
    for name in YEARLY:
        model = apps.get_model("governance", name)
        fields = [
            f.name for f in model._meta.get_fields() if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model._default_manager.values_list(*fields):
            yield from zip(fields, row, strict=True)


def link_lines(text: str) -> list[tuple[str, str]]:
    return [
        (label.strip(), path.strip())
        for label, _, path in (line.partition("|") for line in text.splitlines())
    ]


def test_the_demo_reports_two_years_and_a_second_load_adds_nothing():
    call_command("demo", stdout=StringIO())
    first, second = ReportYear.objects.get(first_year=2021), ReportYear.objects.get(first_year=2022)

    # 2021-22: signed off by the Executive's chair in mid-2022, published shortly after.
    executive = Group.objects.get(slug="executive")
    chair = Membership.objects.current(first.signed_off_at.date()).get(
        group=executive, role=MembershipRole.CHAIR
    )
    assert first.signed_off_by == chair.person
    assert dt.date(2022, 6, 1) <= first.signed_off_at.date() <= dt.date(2022, 8, 31)
    assert first.signed_off_at < first.published_at < first.signed_off_at + dt.timedelta(days=31)
    assert first.introduction and first.areas_of_focus and first.scrutineer_summary
    assert len(first.signatories.splitlines()) == 3
    assert first.scrutineer_summary_by.has_role(Role.INDEPENDENT_SCRUTINEER)
    # 2022-23: a draft.
    assert second.signed_off_at is None and second.published_at is None

    # A delivery plan each year; 2021-22's priorities have two to four updates, all in the year.
    fy = FinancialYear(2021)
    assert 4 <= first.priorities.count() <= 6 and second.priorities.exists()
    for priority in first.priorities.all():
        assert priority.groups.exists()
        assert 2 <= priority.updates.count() <= 4
    assert (
        not PriorityUpdate.objects.filter(priority__year=first).exclude(on__range=(fy.start, fy.end)).exists()
    )

    # Every group: a function both years, key steps for 2022-23, development areas in 2021-22.
    for year in (first, second):
        with_function = GroupYear.objects.filter(year=year).exclude(function="")
        assert set(with_function.values_list("group__slug", flat=True)) == GROUPS
    assert set(KeyStep.objects.filter(year=second).values_list("group__slug", flat=True)) == GROUPS
    for slug in GROUPS:
        areas = DevelopmentArea.objects.filter(year=first, group__slug=slug)
        assert 3 <= areas.count() <= 5
        assert all(1 <= area.impacts.count() <= 2 for area in areas)

    # Progress recorded during each step's own year, with gaps left showing in both years.
    for year in (first, second):
        steps = KeyStep.objects.filter(year=year)
        assert steps.filter(progress__isnull=True).exists()
        assert steps.filter(progress__isnull=False).exists()
        within = (year.year.start, year.year.end)
        assert not KeyStepProgress.objects.filter(key_step__year=year).exclude(on__range=within).exists()

    # Engagement: in 2021-22 one activity has nothing yet under "what changed".
    engagement = EngagementActivity.objects.filter(year=first)
    assert 3 <= engagement.count() <= 4
    assert engagement.filter(changed="").count() == 1
    assert {p for activity in engagement for p in activity.participants} == {
        "children",
        "young people",
        "parents",
        "carers",
    }
    assert EngagementActivity.objects.filter(year=second).exists()

    # Impact backed by evidence of impact on the golden thread.
    backed = ImpactStatement.objects.filter(evidence__isnull=False)
    assert backed.count() >= 3
    assert not backed.exclude(evidence__kind=EvidenceKind.IMPACT).exists()

    # Links go to this system's pages, to records of several apps.
    paths = []
    for text in [
        *DevelopmentArea.objects.values_list("links", flat=True),
        *EngagementActivity.objects.values_list("links", flat=True),
    ]:
        for label, path in link_lines(text):
            assert label and path.startswith("/")
            resolve(urlsplit(path).path)
            paths.append(path)
    namespaces = {resolve(path).namespace for path in paths}
    assert {"reviews", "child_deaths", "performance", "learning", "improvement"} <= namespaces

    # Narrative is stored already cleaned, with no script and no real names.
    for field, value in yearly_rows():
        assert "<script" not in (value or "").lower(), field
        assert not REAL.search(value or ""), f"{field}: {value!r}"
    for area in DevelopmentArea.objects.all():
        assert area.text == clean(area.text)

    # Loading again changes nothing.
    before = counts()
    assert "0 new rows" in demo.load(random.Random("2022:reporting"))
    assert counts() == before
    assert ReportYear.objects.get(first_year=2021).signed_off_at == first.signed_off_at

    # The demo's 2021-22 report: every counted figure can be traced, through the JSON, to the
    # records behind it, to the query that lists them, or says why it cannot.
    import json

    from lscp.reporting.compose import compose
    from lscp.reporting.render import render_json

    figures = json.loads(render_json(compose(fy)))["figures"]
    counted = [f for f in figures if isinstance(f["value"], int) and f["value"] > 0]
    assert len(counted) > 50
    untraced = [f["key"] for f in counted if not (f["records"] or f["query"] or f["records_note"])]
    assert untraced == []
    # A count of records lists exactly that many (people taking part is a sum over activities).
    for f in counted:
        if re.search(r"(\.meetings\.|^actions\.|^recommendations\.|^reviews\.)", f["key"]):
            assert len(f["records"]) == f["value"], f["key"]
