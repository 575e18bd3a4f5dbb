"""Each form of the year's plan and narrative: what a good submission saves, and what a bad one
is told (with the GOV.UK error summary) while nothing is saved."""

import datetime as dt
from html import unescape

import pytest
from django.utils import timezone

from lscp.core.years import FinancialYear
from lscp.governance.year_editing import next_year_to_start, start_year
from lscp.governance.yearly import (
    DevelopmentArea,
    EngagementActivity,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Priority,
    PriorityUpdate,
    Rag,
    ReportYear,
)
from lscp.improvement.models import Evidence, EvidenceKind
from tests.governance.conftest import url
from tests.governance.year_factories import (
    DevelopmentAreaFactory,
    EngagementActivityFactory,
    GroupYearFactory,
    KeyStepFactory,
    PriorityFactory,
    ReportYearFactory,
)
from tests.improvement.threads import a_recommendation

pytestmark = pytest.mark.django_db

PROBLEM = "There is a problem"


def refused(response, message: str) -> None:
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert PROBLEM in html
    assert message in html


# The business unit's parts


def test_introduction_signatories_and_areas_of_focus(officer, year):
    response = officer.post(
        url("year-introduction", "2023-24"),
        {
            "introduction": "We kept children safe.\n\nWe listened.",
            "signatories": "  Dee Director, Council\n\n Ian Inspector, Police \n",
            "areas_of_focus": "Neglect",
        },
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.introduction == "<p>We kept children safe.</p><p>We listened.</p>"
    assert year.signatory_list == ["Dee Director, Council", "Ian Inspector, Police"]
    assert year.areas_of_focus == "<p>Neglect</p>"


def test_introduction_may_be_saved_empty_while_drafting(officer, year):
    # Nothing is required: the introduction is often written last, the areas of focus first.
    assert officer.post(url("year-introduction", "2023-24"), {}).status_code == 302


def test_scrutineer_summary_records_its_author(client_for, cast, year):
    response = client_for(cast.scrutineer).post(
        url("year-scrutiny", "2023-24"), {"scrutineer_summary": "Sound."}
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert (year.scrutineer_summary, year.scrutineer_summary_by) == ("<p>Sound.</p>", cast.scrutineer)


@pytest.mark.parametrize("summary", ["", "<script>alert(1)</script>"])
def test_scrutineer_summary_must_say_something(client_for, cast, year, summary):
    response = client_for(cast.scrutineer).post(
        url("year-scrutiny", "2023-24"), {"scrutineer_summary": summary}
    )
    refused(response, "Enter your summary")
    year.refresh_from_db()
    assert year.scrutineer_summary == ""


def test_priority_added_with_its_groups(officer, cast, year):
    PriorityFactory(year=year, order=1)
    page = officer.get(url("priority-add", "2023-24"))
    assert page.context["form"]["order"].value() == 2  # after the last one
    response = officer.post(
        url("priority-add", "2023-24"),
        {"order": 2, "title": "Neglect", "outcomes": "Fewer children neglected", "groups": [cast.cdop.pk]},
    )
    assert response.status_code == 302
    priority = Priority.objects.get(title="Neglect")
    assert (priority.year, list(priority.groups.all())) == (year, [cast.cdop])


def test_priority_needs_a_title_and_outcomes(officer, year):
    response = officer.post(url("priority-add", "2023-24"), {"order": 1, "title": "", "outcomes": ""})
    refused(response, "Enter the priority")
    assert "Enter the outcomes sought" in response.content.decode()
    assert not Priority.objects.exists()


def test_priority_changed(officer, cast, year):
    priority = PriorityFactory(year=year)
    priority.groups.add(cast.seg)
    response = officer.post(
        url("priority-edit", priority.pk),
        {"order": 3, "title": "Renamed", "outcomes": "x", "groups": [cast.cdop.pk]},
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.order, priority.title, list(priority.groups.all())) == (3, "Renamed", [cast.cdop])


def test_priority_update_shows_its_status_in_words(officer, cast, year):
    priority = PriorityFactory(year=year)
    response = officer.post(
        url("priority-update", priority.pk),
        {"on": "2023-10-02", "status": "amber", "text": "Delayed by staffing"},
    )
    assert response.status_code == 302
    update = PriorityUpdate.objects.get()
    assert (update.priority, update.status, update.by) == (priority, Rag.AMBER, cast.officer)
    html = officer.get(url("year", "2023-24")).content.decode()
    assert "Amber: some delay or risk" in html
    assert "2 October 2023" in html


def test_priority_update_cannot_be_dated_in_the_future(officer, year):
    priority = PriorityFactory(year=year)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = officer.post(url("priority-update", priority.pk), {"on": tomorrow.isoformat(), "text": "x"})
    refused(response, "must be today or in the past")
    assert "Select red, amber or green" in response.content.decode()
    assert not PriorityUpdate.objects.exists()


def test_engagement_added(officer, year):
    response = officer.post(
        url("engagement-add", "2023-24"),
        {
            "held_on": "2023-07-01",
            "title": "Youth forum",
            "who": ["young_people", "carers"],
            "taking_part": "14",
            "method": "A forum",
            "heard": "Schools should listen",
            "changed": "",
            "links": "Rapid review | /groups/",
        },
    )
    assert response.status_code == 302
    activity = EngagementActivity.objects.get()
    assert activity.participants == ["young people", "carers"]
    assert (activity.taking_part, activity.links) == (14, "Rapid review | /groups/")


def test_engagement_must_be_in_the_year_and_say_who(officer, year):
    response = officer.post(
        url("engagement-add", "2023-24"),
        {"held_on": "2024-04-01", "title": "Late", "method": "m", "heard": "h", "taking_part": "some"},
    )
    refused(response, "Enter a date in 2023-24, from 1 April 2023 to 31 March 2024")
    html = response.content.decode()
    assert "Select who took part" in html
    assert "Enter the number who took part" in html
    assert not EngagementActivity.objects.exists()


def test_engagement_changed_keeps_who_took_part(officer, year):
    activity = EngagementActivityFactory(year=year, children=True, young_people=False)
    form = officer.get(url("engagement-edit", activity.pk)).context["form"]
    assert form["who"].value() == ["children"]
    data = {"held_on": "2023-08-01", "title": "Renamed", "who": ["parents"], "method": "m", "heard": "h"}
    assert officer.post(url("engagement-edit", activity.pk), data).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.children, activity.parents) == ("Renamed", False, True)


# A group's narrative


def test_function_written_from_the_groups_own(chair, cast, year):
    form = chair.get(url("group-year-function", "2023-24", "cdop")).context["form"]
    assert form["function"].value() == cast.cdop.function
    response = chair.post(url("group-year-function", "2023-24", "cdop"), {"function": "Reviews every death"})
    assert response.status_code == 302
    assert GroupYear.objects.get(group=cast.cdop, year=year).function == "<p>Reviews every death</p>"


def test_function_changed_and_required(chair, cast, year):
    GroupYearFactory(group=cast.cdop, year=year)
    refused(
        chair.post(url("group-year-function", "2023-24", "cdop"), {"function": ""}),
        "Enter the group's function",
    )
    assert chair.post(url("group-year-function", "2023-24", "cdop"), {"function": "New"}).status_code == 302
    assert GroupYear.objects.get().function == "<p>New</p>"


def test_key_step_for_next_year_returns_to_the_year_announcing_it(chair, cast, year):
    ReportYearFactory(first_year=2024)
    response = chair.post(url("key-step-add", "2024-25", "cdop"), {"order": 1, "text": "Audit neglect cases"})
    assert response["Location"] == url("group-year", "2023-24", "cdop")
    step = KeyStep.objects.get()
    assert (step.year.first_year, step.group) == (2024, cast.cdop)
    html = chair.get(response["Location"]).content.decode()
    assert "Key steps for next year (2024-25)" in html
    assert "Audit neglect cases" in html


def test_key_step_needs_text(chair, year):
    refused(
        chair.post(url("key-step-add", "2023-24", "cdop"), {"order": 1, "text": ""}), "Enter the key step"
    )
    assert not KeyStep.objects.exists()


def test_key_step_changed(chair, cast, year):
    step = KeyStepFactory(group=cast.cdop, year=year)
    assert chair.post(url("key-step-edit", step.pk), {"order": 4, "text": "Sharper"}).status_code == 302
    step.refresh_from_db()
    assert (step.order, step.text) == (4, "<p>Sharper</p>")


def test_key_step_progress_shown_with_words(chair, cast, year):
    step = KeyStepFactory(group=cast.cdop, year=year)
    response = chair.post(
        url("key-step-progress", step.pk), {"on": "2024-02-05", "status": "red", "text": "Stalled"}
    )
    assert response["Location"] == url("group-year", "2023-24", "cdop")
    assert KeyStepProgress.objects.get().by == cast.chair
    html = chair.get(response["Location"]).content.decode()
    assert "Red: not on track" in html
    assert "5 February 2024" in html


def test_key_step_progress_needs_a_status_and_text(chair, cast, year):
    step = KeyStepFactory(group=cast.cdop, year=year)
    response = chair.post(url("key-step-progress", step.pk), {"on": "2024-02-05", "status": "purple"})
    refused(response, "Select a valid choice")
    assert "Enter what has happened" in response.content.decode()
    assert not KeyStepProgress.objects.exists()


def test_area_added_with_links(chair, cast, year):
    response = chair.post(
        url("area-add", "2023-24", "cdop"),
        {
            "order": 1,
            "title": "Safe sleep",
            "text": "Briefings",
            "links": "Groups | /groups/\n\nGuide | https://example.org/a",
        },
    )
    assert response.status_code == 302
    area = DevelopmentArea.objects.get()
    assert area.links == "Groups | /groups/\nGuide | https://example.org/a"
    html = chair.get(url("group-year", "2023-24", "cdop")).content.decode()
    assert '<a class="govuk-link" href="/groups/">Groups</a>' in html


def test_area_with_a_bad_link_names_the_line(chair, year):
    response = chair.post(
        url("area-add", "2023-24", "cdop"),
        {"order": 1, "title": "Safe sleep", "text": "Briefings", "links": "Groups | /groups/\nno bar here"},
    )
    refused(response, "Line 2: write a label, then | , then the address")
    assert not DevelopmentArea.objects.exists()


def test_area_changed_and_title_required(chair, cast, year):
    area = DevelopmentAreaFactory(group=cast.cdop, year=year)
    refused(
        chair.post(url("area-edit", area.pk), {"order": 1, "title": "", "text": "x"}),
        "Enter the area of development",
    )
    assert (
        chair.post(url("area-edit", area.pk), {"order": 1, "title": "Renamed", "text": "x"}).status_code
        == 302
    )
    area.refresh_from_db()
    assert area.title == "Renamed"


def evidence_for(group, officer, text="Audit showed change"):
    recommendation = a_recommendation(group=group)
    return Evidence.objects.create(
        recommendation=recommendation, kind=EvidenceKind.IMPACT, text=text, added_by=officer
    )


def test_impact_with_the_groups_evidence(chair, cast, year):
    area = DevelopmentAreaFactory(group=cast.cdop, year=year)
    evidence = evidence_for(cast.cdop, cast.officer)
    page = chair.get(url("impact-add", area.pk)).content.decode()
    assert "Audit showed change" in page
    response = chair.post(
        url("impact-add", area.pk), {"text": "Fewer repeat referrals", "evidence": evidence.pk}
    )
    assert response.status_code == 302
    impact = ImpactStatement.objects.get()
    assert (impact.area, impact.evidence, impact.text) == (area, evidence, "<p>Fewer repeat referrals</p>")
    html = chair.get(url("group-year", "2023-24", "cdop")).content.decode()
    assert evidence.recommendation.reference in html


def test_impact_cannot_cite_another_groups_evidence(chair, cast, year):
    area = DevelopmentAreaFactory(group=cast.cdop, year=year)
    elsewhere = evidence_for(cast.seg, cast.officer, text="SEG's evidence")
    assert "SEG's evidence" not in chair.get(url("impact-add", area.pk)).content.decode()
    response = chair.post(url("impact-add", area.pk), {"text": "", "evidence": elsewhere.pk})
    refused(response, "Select a valid choice")
    assert "Enter the impact it made" in response.content.decode()
    assert not ImpactStatement.objects.exists()


# Starting a year


def test_officer_starts_the_next_year_with_functions_carried_forward(officer, cast):
    this_year = FinancialYear.of(timezone.localdate())
    ReportYearFactory(first_year=this_year.first)
    GroupYearFactory(group=cast.cdop, year=ReportYear.objects.get(), function="<p>Last year's words</p>")
    assert f"Start {this_year.next.label}" in officer.get(url("years")).content.decode()
    response = officer.post(url("year-start"))
    new = ReportYear.objects.get(first_year=this_year.next.first)
    assert response["Location"] == new.get_absolute_url()
    functions = dict(GroupYear.objects.filter(year=new).values_list("group__slug", "function"))
    assert functions["cdop"] == "<p>Last year's words</p>"
    assert functions["seg"] == f"<p>{cast.seg.function}</p>"
    # Plans run one year ahead at most.
    assert "Start" not in officer.get(url("years")).content.decode()
    officer.post(url("year-start"))
    assert ReportYear.objects.count() == 2


def test_first_year_is_this_financial_year():
    assert next_year_to_start(dt.date(2024, 3, 31)) == FinancialYear(2023)
    assert next_year_to_start(dt.date(2024, 4, 1)) == FinancialYear(2024)


def test_start_year_service(cast):
    started = start_year(FinancialYear(2022))
    assert started.label == "2022-23"
    assert set(GroupYear.objects.values_list("group__slug", flat=True)) == {"executive", "cdop", "seg"}
