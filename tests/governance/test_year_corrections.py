"""Correcting and removing what was added by mistake: a priority's update, a key step's progress
and an impact statement can be changed; a priority, key step or area of development (with what
hangs off it), an impact statement and an engagement activity can be removed. Each follows the
permission of the page that added it and the lock of the record's year (see also
test_year_lock.edits and test_year_permissions, which list these pages with the others)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from lscp.governance.year_editing import sign_off
from lscp.governance.yearly import (
    DevelopmentArea,
    EngagementActivity,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Priority,
    PriorityUpdate,
    Rag,
)
from lscp.improvement.models import Evidence, EvidenceKind
from tests.governance.conftest import url
from tests.governance.year_factories import (
    DevelopmentAreaFactory,
    EngagementActivityFactory,
    ImpactStatementFactory,
    KeyStepFactory,
    KeyStepProgressFactory,
    PriorityFactory,
    PriorityUpdateFactory,
    ReportYearFactory,
)
from tests.improvement.threads import a_recommendation

pytestmark = pytest.mark.django_db


def year_page() -> str:
    return url("year", "2023-24")


def group_page(slug: str = "cdop", label: str = "2023-24") -> str:
    return url("group-year", label, slug)


def progress_data(text: str, on: str = "2024-01-10", status: str = "red") -> dict:
    return {"on": on, "status": status, "text": text}


# Correcting.


def test_officer_corrects_a_priority_update(officer, cast, year):
    update = PriorityUpdateFactory(
        priority=PriorityFactory(year=year, title="Neglect"),
        on=dt.date(2023, 9, 1),
        status=Rag.AMBER,
        text="<p>Work has begun.</p>",
        by=cast.manager,
    )
    response = officer.get(url("priority-update-edit", update.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Change the update" in html and "Neglect" in html
    # The form shows the update's own date, not today's.
    assert response.context["form"]["on"].value() == dt.date(2023, 9, 1)
    assert "Work has begun." in html

    response = officer.post(url("priority-update-edit", update.pk), progress_data("Work has stalled"))
    assert response.status_code == 302
    assert response["Location"] == year_page()
    update.refresh_from_db()
    assert (update.on, update.status, update.text) == (
        dt.date(2024, 1, 10),
        Rag.RED,
        "<p>Work has stalled</p>",
    )
    assert update.by == cast.manager  # who wrote it is kept; the change log says who corrected it
    assert PriorityUpdate.objects.count() == 1


def test_a_correction_is_checked_like_a_new_update(officer, year):
    update = PriorityUpdateFactory(priority=PriorityFactory(year=year))
    response = officer.post(url("priority-update-edit", update.pk), progress_data("", on="2999-01-01"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The date of the update must be today or in the past" in html
    update.refresh_from_db()
    assert update.text == "<p>Work has begun.</p>"


def test_chair_corrects_progress_on_their_key_step(chair, cast, year):
    progress = KeyStepProgressFactory(
        key_step=KeyStepFactory(group=cast.cdop, year=year, text="<p>Audit</p>")
    )
    response = chair.get(url("key-step-progress-edit", progress.pk))
    assert response.status_code == 200
    assert "Change progress on a key step" in response.content.decode()
    assert response.context["form"]["on"].value() == dt.date(2023, 10, 1)

    response = chair.post(
        url("key-step-progress-edit", progress.pk), progress_data("Half done", status="amber")
    )
    assert response.status_code == 302
    assert response["Location"] == group_page()
    progress.refresh_from_db()
    assert (progress.status, progress.text) == (Rag.AMBER, "<p>Half done</p>")


def test_chair_corrects_an_impact_statement(chair, cast, year):
    impact = ImpactStatementFactory(area=DevelopmentAreaFactory(group=cast.cdop, year=year, title="Audits"))
    response = chair.get(url("impact-edit", impact.pk))
    assert response.status_code == 200
    assert "Change the impact" in response.content.decode()

    response = chair.post(url("impact-edit", impact.pk), {"text": "Fewer repeat referrals", "evidence": ""})
    assert response.status_code == 302
    assert response["Location"] == group_page()
    impact.refresh_from_db()
    assert impact.text == "<p>Fewer repeat referrals</p>"


def test_a_corrected_impact_keeps_evidence_no_longer_offered(chair, cast, year):
    """Evidence is offered from the year's start; an impact already citing older evidence can
    still be corrected without losing it."""
    evidence = Evidence.objects.create(
        recommendation=a_recommendation(group=cast.cdop),
        kind=EvidenceKind.IMPACT,
        text="Older audit",
        added_by=cast.officer,
    )
    Evidence.objects.filter(pk=evidence.pk).update(added_at=dt.datetime(2022, 5, 1, tzinfo=dt.UTC))
    impact = ImpactStatementFactory(
        area=DevelopmentAreaFactory(group=cast.cdop, year=year), evidence=evidence
    )
    response = chair.post(url("impact-edit", impact.pk), {"text": "Corrected", "evidence": evidence.pk})
    assert response.status_code == 302
    impact.refresh_from_db()
    assert (impact.text, impact.evidence) == ("<p>Corrected</p>", evidence)


# Removing.


def test_removing_a_priority_asks_first_then_removes_its_updates(officer, year):
    priority = PriorityFactory(year=year, title="Neglect")
    PriorityUpdateFactory(priority=priority)
    PriorityUpdateFactory(priority=priority, on=dt.date(2023, 12, 1))
    other = PriorityFactory(year=year, title="Exploitation")
    PriorityUpdateFactory(priority=other)

    response = officer.get(url("priority-remove", priority.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Are you sure you want to remove the priority “Neglect”?" in html
    assert "Its 2 updates will be removed too." in html
    assert "govuk-button--warning" in html and ">Remove</button>" in html
    assert f'href="{year_page()}">Cancel</a>' in html
    assert Priority.objects.filter(pk=priority.pk).exists()  # asking removes nothing

    response = officer.post(url("priority-remove", priority.pk), follow=True)
    assert response.redirect_chain == [(year_page(), 302)]
    assert "Priority removed" in response.content.decode()
    assert list(Priority.objects.all()) == [other]
    assert list(PriorityUpdate.objects.values_list("priority", flat=True)) == [other.pk]


def test_removing_a_key_step_removes_its_progress(chair, cast, year):
    step = KeyStepFactory(group=cast.cdop, year=year, order=2)
    KeyStepProgressFactory(key_step=step)
    kept = KeyStepProgressFactory(key_step=KeyStepFactory(group=cast.cdop, year=year))

    html = chair.get(url("key-step-remove", step.pk)).content.decode()
    assert "Are you sure you want to remove key step 2 for 2023-24?" in html
    assert "Its progress update will be removed too." in html

    response = chair.post(url("key-step-remove", step.pk))
    assert response.status_code == 302
    assert response["Location"] == group_page()
    assert not KeyStep.objects.filter(pk=step.pk).exists()
    assert list(KeyStepProgress.objects.all()) == [kept]


def test_removing_next_years_key_step_goes_back_to_the_year_announcing_it(chair, cast, year):
    next_year = ReportYearFactory(first_year=2024)
    step = KeyStepFactory(group=cast.cdop, year=next_year)
    response = chair.post(url("key-step-remove", step.pk))
    assert response["Location"] == group_page(label="2023-24")
    assert not KeyStep.objects.exists()


def test_removing_an_area_removes_its_impact(chair, cast, year):
    area = DevelopmentAreaFactory(group=cast.cdop, year=year, title="Audits")
    ImpactStatementFactory(area=area)
    ImpactStatementFactory(area=area)

    html = chair.get(url("area-remove", area.pk)).content.decode()
    assert "Are you sure you want to remove the area of development “Audits”?" in html
    assert "Its 2 impact statements will be removed too." in html

    response = chair.post(url("area-remove", area.pk))
    assert response["Location"] == group_page()
    assert not DevelopmentArea.objects.exists()
    assert not ImpactStatement.objects.exists()


def test_removing_an_impact_keeps_its_area_and_evidence(chair, cast, year):
    evidence = Evidence.objects.create(
        recommendation=a_recommendation(group=cast.cdop),
        kind=EvidenceKind.IMPACT,
        text="Audit showed change",
        added_by=cast.officer,
    )
    area = DevelopmentAreaFactory(group=cast.cdop, year=year, title="Audits")
    impact = ImpactStatementFactory(area=area, evidence=evidence, text="<p>Mistyped impact</p>")

    html = chair.get(url("impact-remove", impact.pk)).content.decode()
    assert "Are you sure you want to remove this impact statement?" in html
    assert "Mistyped impact" in html
    assert "The area of development “Audits” is kept." in html
    assert "The evidence it cites is kept on its recommendation." in html

    response = chair.post(url("impact-remove", impact.pk))
    assert response["Location"] == group_page()
    assert not ImpactStatement.objects.exists()
    assert DevelopmentArea.objects.get() == area
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_removing_an_engagement_activity(officer, year):
    activity = EngagementActivityFactory(year=year, title="Youth forum", held_on=dt.date(2023, 6, 14))
    html = officer.get(url("engagement-remove", activity.pk)).content.decode()
    assert "Are you sure you want to remove the engagement activity “Youth forum”?" in html
    assert "Held on 14 June 2023" in html
    response = officer.post(url("engagement-remove", activity.pk))
    assert response["Location"] == year_page()
    assert not EngagementActivity.objects.exists()


def test_a_removal_is_in_the_change_log(officer, cast, year):
    priority = PriorityFactory(year=year)
    update = PriorityUpdateFactory(priority=priority)
    priority_pk, update_pk = priority.pk, update.pk
    officer.post(url("priority-remove", priority_pk))

    def deletions(model, pk):
        return LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_pk=str(pk),
            action=LogEntry.Action.DELETE,
        )

    removed = deletions(Priority, priority_pk).get()
    assert removed.actor == cast.officer
    assert deletions(PriorityUpdate, update_pk).exists()  # what went with it is logged too


# Who may, and the lock.


@pytest.fixture
def records(cast, year):
    priority = PriorityFactory(year=year)
    step = KeyStepFactory(group=cast.cdop, year=year)
    area = DevelopmentAreaFactory(group=cast.cdop, year=year)
    return {
        "priority": priority,
        "update": PriorityUpdateFactory(priority=priority),
        "step": step,
        "progress": KeyStepProgressFactory(key_step=step),
        "area": area,
        "impact": ImpactStatementFactory(area=area),
        "engagement": EngagementActivityFactory(year=year),
    }


def plan_pages(records) -> list[tuple[str, dict]]:
    """The business unit's corrections, with a POST that would succeed."""
    return [
        (url("priority-update-edit", records["update"].pk), progress_data("Taken over")),
        (url("priority-remove", records["priority"].pk), {}),
        (url("engagement-remove", records["engagement"].pk), {}),
    ]


def cdop_pages(records) -> list[tuple[str, dict]]:
    """The CDOP's corrections, with a POST that would succeed."""
    return [
        (url("key-step-progress-edit", records["progress"].pk), progress_data("Taken over")),
        (url("impact-edit", records["impact"].pk), {"text": "Taken over"}),
        (url("impact-remove", records["impact"].pk), {}),
        (url("key-step-remove", records["step"].pk), {}),
        (url("area-remove", records["area"].pk), {}),
    ]


def snapshot() -> dict:
    models = [Priority, PriorityUpdate, KeyStep, KeyStepProgress, DevelopmentArea, ImpactStatement]
    models += [EngagementActivity]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_others_may_neither_see_nor_post_the_corrections(client_for, cast, records):
    before = snapshot()
    refused = [
        (cast.other_chair, cdop_pages(records) + plan_pages(records)),
        (cast.chair, plan_pages(records)),
        (cast.scrutineer, cdop_pages(records) + plan_pages(records)),
        (cast.member, cdop_pages(records) + plan_pages(records)),
    ]
    for person, pages in refused:
        client = client_for(person)
        for page, data in pages:
            assert client.get(page).status_code == 403, (person, page)
            assert client.post(page, data).status_code == 403, (person, page)
    assert snapshot() == before


def test_the_business_unit_corrects_any_groups_narrative(client_for, cast, records):
    client = client_for(cast.manager)
    for page, _ in cdop_pages(records) + plan_pages(records):
        assert client.get(page).status_code == 200, page


def test_a_signed_off_year_refuses_corrections_and_removals(client_for, cast, records, year):
    sign_off(year, cast.executive_chair)
    before = snapshot()
    for person, pages in ((cast.officer, plan_pages(records)), (cast.chair, cdop_pages(records))):
        client = client_for(person)
        for page, data in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            assert "2023-24 is signed off" in response.content.decode(), page
            response = client.post(page, data)
            assert response.status_code == 409, page
            assert "nothing has been saved" in response.content.decode(), page
    assert snapshot() == before  # nothing changed, nothing removed, children included


# The links on the pages.


def test_year_page_offers_corrections_to_the_business_unit_only(client_for, cast, records, year):
    PriorityUpdateFactory(priority=records["priority"], on=dt.date(2023, 12, 1))  # an earlier one too
    links = [
        url("priority-remove", records["priority"].pk),
        url("engagement-remove", records["engagement"].pk),
        *(url("priority-update-edit", update.pk) for update in PriorityUpdate.objects.all()),
    ]
    html = client_for(cast.officer).get(year_page()).content.decode()
    assert all(link in html for link in links)
    html = client_for(cast.member).get(year_page()).content.decode()
    assert not any(link in html for link in links)
    sign_off(year, cast.executive_chair)
    html = client_for(cast.officer).get(year_page()).content.decode()
    assert not any(link in html for link in links)


def test_group_page_offers_corrections_to_its_chair_only(client_for, cast, records, year):
    next_step = KeyStepFactory(group=cast.cdop, year=ReportYearFactory(first_year=2024))
    links = [page for page, _ in cdop_pages(records)] + [url("key-step-remove", next_step.pk)]
    html = client_for(cast.chair).get(group_page()).content.decode()
    assert all(link in html for link in links)
    html = client_for(cast.other_chair).get(group_page()).content.decode()
    assert not any(link in html for link in links)
    sign_off(year, cast.executive_chair)
    html = client_for(cast.chair).get(group_page()).content.decode()
    assert not any(link in html for link in links[:-1])
    assert links[-1] in html  # next year's steps follow next year's lock
