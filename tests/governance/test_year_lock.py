"""A signed-off year is locked: no edit page changes any of its records until it is reopened,
with a reason, by the Executive's chair or the business manager."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lscp.governance.year_editing import NotSignedOff, YearLocked, reopen, sign_off, year_of
from lscp.governance.yearly import (
    DevelopmentArea,
    EngagementActivity,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Priority,
    PriorityUpdate,
    Reopening,
    ReportYear,
)
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

NARRATIVE = "Changed after sign-off"


@pytest.fixture
def signed_off(cast):
    """2023-24 with one of every record, signed off by the Executive's chair."""
    year = ReportYearFactory(first_year=2023)
    priority = PriorityFactory(year=year)
    step = KeyStepFactory(group=cast.cdop, year=year)
    area = DevelopmentAreaFactory(group=cast.cdop, year=year)
    records = {
        "year": year,
        "priority": priority,
        "update": PriorityUpdateFactory(priority=priority),
        "function": GroupYearFactory(group=cast.cdop, year=year),
        "step": step,
        "progress": KeyStepProgressFactory(key_step=step),
        "area": area,
        "impact": ImpactStatementFactory(area=area),
        "engagement": EngagementActivityFactory(year=year),
    }
    sign_off(year, cast.executive_chair)
    return records


def edits(records) -> list[tuple[str, dict]]:
    """Every edit page of the year, with a POST that would be valid were the year open."""
    text = {"text": NARRATIVE}
    progress = {"on": "2024-01-10", "status": "green", **text}
    return [
        (reverse("governance:year-introduction", args=["2023-24"]), {"introduction": NARRATIVE}),
        (reverse("governance:year-scrutiny", args=["2023-24"]), {"scrutineer_summary": NARRATIVE}),
        (
            reverse("governance:priority-add", args=["2023-24"]),
            {"order": 9, "title": NARRATIVE, "outcomes": "x"},
        ),
        (
            reverse("governance:priority-edit", args=[records["priority"].pk]),
            {"order": 1, "title": NARRATIVE, "outcomes": "x"},
        ),
        (reverse("governance:priority-update", args=[records["priority"].pk]), progress),
        (reverse("governance:group-year-function", args=["2023-24", "cdop"]), {"function": NARRATIVE}),
        (reverse("governance:key-step-add", args=["2023-24", "cdop"]), {"order": 9, **text}),
        (reverse("governance:key-step-edit", args=[records["step"].pk]), {"order": 1, **text}),
        (reverse("governance:key-step-progress", args=[records["step"].pk]), progress),
        (reverse("governance:area-add", args=["2023-24", "cdop"]), {"order": 9, "title": NARRATIVE, **text}),
        (
            reverse("governance:area-edit", args=[records["area"].pk]),
            {"order": 1, "title": NARRATIVE, **text},
        ),
        (reverse("governance:impact-add", args=[records["area"].pk]), text),
        (reverse("governance:engagement-add", args=["2023-24"]), engagement(NARRATIVE)),
        (reverse("governance:engagement-edit", args=[records["engagement"].pk]), engagement(NARRATIVE)),
        # Corrections, and removals (which would delete the record and what hangs off it).
        (reverse("governance:priority-update-edit", args=[records["update"].pk]), progress),
        (reverse("governance:key-step-progress-edit", args=[records["progress"].pk]), progress),
        (reverse("governance:impact-edit", args=[records["impact"].pk]), text),
        (reverse("governance:priority-remove", args=[records["priority"].pk]), {}),
        (reverse("governance:key-step-remove", args=[records["step"].pk]), {}),
        (reverse("governance:area-remove", args=[records["area"].pk]), {}),
        (reverse("governance:impact-remove", args=[records["impact"].pk]), {}),
        (reverse("governance:engagement-remove", args=[records["engagement"].pk]), {}),
    ]


def engagement(title: str) -> dict:
    return {"held_on": "2023-07-01", "title": title, "who": ["children"], "method": "m", "heard": "h"}


def snapshot() -> dict:
    """Every row of every kind of record in the year, to show a refused POST wrote nothing."""
    models = [
        ReportYear,
        Priority,
        PriorityUpdate,
        GroupYear,
        KeyStep,
        KeyStepProgress,
        DevelopmentArea,
        ImpactStatement,
        EngagementActivity,
    ]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def assert_every_edit_refused(client_for, cast, signed_off) -> None:
    """Every edit POST (by the officer, or the scrutineer for their summary) gets 409 and writes nothing."""
    before = snapshot()
    officer, scrutineer = client_for(cast.officer), client_for(cast.scrutineer)
    for url, data in edits(signed_off):
        client = scrutineer if "scrutiny" in url else officer
        response = client.post(url, data)
        assert response.status_code == 409, url
        assert "nothing has been saved" in response.content.decode(), url
    assert snapshot() == before


def test_every_edit_page_explains_the_lock(client_for, cast, signed_off):
    for person in (cast.officer, cast.chair, cast.scrutineer):
        client = client_for(person)
        for url, _ in edits(signed_off):
            response = client.get(url)
            if response.status_code == 403:
                continue  # not this person's to edit anyway
            assert response.status_code == 200, url
            assert "2023-24 is signed off" in response.content.decode(), url


def test_every_edit_is_refused_and_writes_nothing(client_for, cast, signed_off):
    assert_every_edit_refused(client_for, cast, signed_off)


def test_the_lock_follows_each_records_year(cast, signed_off):
    for record in signed_off.values():
        assert year_of(record) == signed_off["year"]


def test_next_years_key_steps_belong_to_next_year(client_for, cast, signed_off):
    """2023-24's report announces 2024-25's key steps, but they are 2024-25's records: the chair
    can still plan them after 2023-24 is signed off."""
    ReportYearFactory(first_year=2024)
    client = client_for(cast.chair)
    response = client.post(
        reverse("governance:key-step-add", args=["2024-25", "cdop"]), {"order": 1, "text": "Plan"}
    )
    assert response.status_code == 302
    assert KeyStep.objects.filter(year__first_year=2024, group=cast.cdop).count() == 1
    # ...and the locked year's page does not offer to change its own steps.
    html = client.get(reverse("governance:group-year", args=["2023-24", "cdop"])).content.decode()
    assert "Add a key step for 2024-25" in html
    assert "Add a key step for 2023-24" not in html


def test_overview_shows_who_signed_off_and_hides_edit_links(client_for, cast, signed_off):
    html = client_for(cast.officer).get(reverse("governance:year", args=["2023-24"])).content.decode()
    assert "Signed off on" in html
    assert "Eve Executive" in html
    assert "Add a priority" not in html


def test_executive_chair_signs_off_once(client_for, cast):
    year = ReportYearFactory(first_year=2023)
    client = client_for(cast.executive_chair)
    url = reverse("governance:year-sign-off", args=["2023-24"])
    assert "not complete" in client.get(url).content.decode()  # nothing written yet
    response = client.post(url)
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.is_locked
    assert year.signed_off_by == cast.executive_chair
    signed_at = year.signed_off_at
    assert client.post(url).status_code == 409
    year.refresh_from_db()
    assert year.signed_off_at == signed_at


def test_sign_off_service_refuses_a_locked_year(cast, signed_off):
    with pytest.raises(YearLocked):
        sign_off(signed_off["year"], cast.executive_chair)


def test_reopening_needs_a_reason(client_for, cast, signed_off):
    url = reverse("governance:year-reopen", args=["2023-24"])
    response = client_for(cast.manager).post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "Enter why the year is being reopened" in response.content.decode()
    assert not Reopening.objects.exists()
    assert ReportYear.objects.get().is_locked


def test_reopening_keeps_the_reason_and_opens_the_year(client_for, cast, signed_off):
    year = signed_off["year"]
    year.published_at = timezone.now()
    year.save()
    was_signed_off_at = year.signed_off_at
    client = client_for(cast.manager)
    response = client.post(
        reverse("governance:year-reopen", args=["2023-24"]), {"reason": "Figures corrected"}
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert (year.signed_off_at, year.signed_off_by, year.published_at) == (None, None, None)
    reopening = Reopening.objects.get()
    assert (reopening.reason, reopening.by, reopening.was_signed_off_at) == (
        "Figures corrected",
        cast.manager,
        was_signed_off_at,
    )
    html = client.get(reverse("governance:year", args=["2023-24"])).content.decode()
    assert "Figures corrected" in html
    # Open again: edits go through.
    response = client_for(cast.officer).post(*edits(signed_off)[0])
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.introduction == f"<p>{NARRATIVE}</p>"


def test_an_open_year_is_not_reopened(client_for, cast):
    ReportYearFactory(first_year=2023)
    response = client_for(cast.manager).post(
        reverse("governance:year-reopen", args=["2023-24"]), {"reason": "Why"}
    )
    assert response.status_code == 302
    assert not Reopening.objects.exists()


def test_reopen_service_rules(cast, signed_off):
    year = signed_off["year"]
    with pytest.raises(ValueError):
        reopen(year, cast.manager, " ")
    reopen(year, cast.manager, "A reason")
    with pytest.raises(NotSignedOff):
        reopen(year, cast.manager, "Again")
    assert Reopening.objects.count() == 1


def test_signed_off_year_shows_its_status_on_the_list(client_for, cast, signed_off):
    ReportYearFactory(first_year=2024)
    html = client_for(cast.member).get(reverse("governance:years")).content.decode()
    assert "Signed off" in html
    assert "Draft" in html
    signed_on = timezone.localtime(signed_off["year"].signed_off_at)
    assert f"{signed_on.day} {signed_on:%B %Y}" in html  # GOV.UK style: "5 April 2022"


def test_a_sign_off_between_the_check_and_the_write_still_refuses(client_for, cast, signed_off, monkeypatch):
    """A form opened, checked and posted while the chair signs off: the view's first check saw an
    open year (simulated by skipping it), and the write, which holds the year's row, still
    refuses with nothing written."""
    from lscp.governance import year_group_views, year_views

    for module in (year_views, year_group_views):
        monkeypatch.setattr(module, "refused_when_locked", lambda request, year: None)
    assert_every_edit_refused(client_for, cast, signed_off)


def test_saving_the_introduction_from_a_stale_copy_keeps_the_sign_off(cast):
    from lscp.governance.year_forms import IntroductionForm

    year = ReportYearFactory(first_year=2023)
    stale = ReportYear.objects.get(pk=year.pk)  # read when the page opened
    sign_off(year, cast.executive_chair)
    form = IntroductionForm(
        {"introduction": NARRATIVE, "signatories": "", "areas_of_focus": ""}, instance=stale
    )
    assert form.is_valid(), form.errors
    form.save()
    year.refresh_from_db()
    assert year.is_locked and NARRATIVE in year.introduction
