"""The report composed from the records: its sections, its figures and where they come from."""

import datetime as dt
import json

import pytest

from lscp.core.years import FinancialYear
from lscp.governance.models import AttendanceStatus, Rag
from lscp.reporting import sources
from lscp.reporting.compose import compose
from lscp.reporting.render import render_html, render_json
from tests.factories import AgencyFactory, MeetingFactory, UserFactory
from tests.governance.factories import AttendanceFactory
from tests.improvement.threads import a_recommendation
from tests.reporting.conftest import at
from tests.reporting.factories import (
    EngagementActivityFactory,
    ImpactStatementFactory,
    KeyStepFactory,
    KeyStepProgressFactory,
    ReportYearFactory,
)

pytestmark = pytest.mark.django_db
YEAR = FinancialYear(2021)
ORDER = [
    "introduction",
    "structure",
    "progress",
    "scrutiny",
    "group-executive",
    "group-csprg",
    "engagement",
    "focus",
]


def figure(report, key):
    return next(f for f in report.figures if f.key == key)


def test_sections_come_in_the_reference_report_order(executive, csprg):
    ReportYearFactory()
    report = compose(YEAR)
    ids = [s.id for s in report.sections]
    assert ids == [*ORDER, "little-progress"]
    assert "education" not in ids  # no schools app yet: left out, not empty


def test_a_year_with_nothing_recorded_says_what_is_missing():
    report = compose(FinancialYear(2030))
    assert report.sections == ()
    assert report.gaps == ("There is no plan and report for 2030-31: add the year under governance first.",)
    assert "There is no plan and report" in render_html(report)
    assert json.loads(render_json(report))["figures"] == []


def test_an_empty_year_lists_each_gap(executive):
    ReportYearFactory(introduction="", signatories="", scrutineer_summary="", areas_of_focus="")
    gaps = compose(YEAR).gaps
    assert "No introduction has been written." in gaps
    assert "The independent scrutineer's summary has not been written." in gaps
    assert "No engagement with children and families is recorded." in gaps
    assert "The year has not been signed off by the Executive chair." in gaps


def test_an_app_that_is_not_installed_leaves_its_figures_out(csprg, monkeypatch):
    ReportYearFactory()
    assert "reviews" in [t.id for s in compose(YEAR).sections for t in s.tables]
    real = sources.apps.is_installed
    monkeypatch.setattr(sources.apps, "is_installed", lambda name: name != "lscp.reviews" and real(name))
    tables = [t.id for s in compose(YEAR).sections for t in s.tables]
    assert "reviews" not in tables
    assert "recommendations" in tables  # the golden thread's own figures stay


def test_meetings_and_attendance_are_counted_from_the_records_with_last_year(executive):
    ReportYearFactory()
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health")
    held = [MeetingFactory(group=executive, starts_at=at(dt.date(2021, m, 5))) for m in (5, 9)]
    MeetingFactory(group=executive, starts_at=at(dt.date(2021, 11, 5)), is_cancelled=True)
    MeetingFactory(group=executive, starts_at=at(dt.date(2020, 6, 5)))  # last year
    for meeting, status in zip(held, (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES), strict=True):
        AttendanceFactory(meeting=meeting, person=UserFactory(agency=police), agency=police, status=status)
        AttendanceFactory(meeting=meeting, person=UserFactory(agency=health), agency=health)

    report = compose(YEAR)

    meetings = figure(report, "executive.meetings.held")
    assert meetings.value == 2 and meetings.previous == 1
    assert meetings.records == tuple(f"meeting {m.pk}" for m in held)
    assert figure(report, "executive.meetings.cancelled").value == 1
    assert figure(report, f"executive.attendance.agency-{police.pk}").value == 50
    assert figure(report, f"executive.attendance.agency-{health.pk}").value == 100
    assert figure(report, "meetings.executive").value == 2


def test_json_lists_each_figure_with_the_records_behind_it(csprg):
    ReportYearFactory()
    made = a_recommendation(made_on=dt.date(2021, 6, 1), due_date=dt.date(2021, 9, 1), group=csprg)
    a_recommendation(made_on=dt.date(2020, 6, 1), group=csprg)  # last year

    data = json.loads(render_json(compose(YEAR)))

    by_key = {f["key"]: f for f in data["figures"]}
    assert by_key["recommendations.made"]["value"] == 1
    assert by_key["recommendations.made"]["records"] == [made.reference]
    assert by_key["recommendations.made"]["previous"] == 1
    assert by_key["recommendations.overdue_at_end"]["records"] == [made.reference]
    for each in data["figures"]:
        assert set(each) >= {"key", "label", "value", "definition", "records", "previous"}


def test_progress_shows_every_key_step_planned_for_the_year_even_without_progress(csprg):
    year = ReportYearFactory()
    done = KeyStepProgressFactory(key_step__group=csprg, key_step__year=year, status=Rag.GREEN).key_step
    silent = KeyStepFactory(group=csprg, year=year, text="Audit neglect cases")
    ahead = KeyStepFactory(group=csprg, year=ReportYearFactory(first_year=2022), text="Next year's step")

    report = compose(YEAR)

    progress = next(s for s in report.sections if s.id == "progress")
    steps = progress.body.groups[0].steps
    assert [s.id for s in steps] == [done.pk, silent.pk]
    assert steps[1].latest is None
    assert figure(report, "progress.with_progress").records == (f"key step {done.pk}",)
    html = render_html(report)
    assert "Audit neglect cases" in html and "No progress recorded" in html
    group = next(s for s in report.sections if s.id == "group-csprg")
    assert [s.id for s in group.body.next_steps] == [ahead.pk]


def test_group_section_has_its_areas_with_impact_and_engagement_its_activities(csprg):
    year = ReportYearFactory()
    impact = ImpactStatementFactory(area__group=csprg, area__year=year, area__title="Thresholds")
    EngagementActivityFactory(year=year, title="Youth voice", changed="")

    report = compose(YEAR)
    group = next(s for s in report.sections if s.id == "group-csprg")
    assert group.body.areas[0].impacts[0].text == impact.text
    assert figure(report, "engagement.activities").value == 1
    assert figure(report, "engagement.with_change").value == 0
    assert "Nothing recorded yet" in render_html(report)


def test_every_chart_has_a_table_and_every_table_says_how_it_was_counted(executive, csprg):
    ReportYearFactory()
    report = compose(YEAR)
    html = render_html(report)
    assert html.count("<svg") == 2  # the structure diagram (with its list) and meetings held
    assert 'role="img"' in html and "How the partnership is organised" in html
    for section in report.sections:
        for t in section.tables:
            assert t.counted, t.id
    assert html.count("How this was counted") == sum(len(s.tables) for s in report.sections)
