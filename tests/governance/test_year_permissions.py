"""Who may see and change a year's plan and report: the business unit edits the plan, a chair
only their own group's narrative, the scrutineer only their summary, the Executive's chair
signs off."""

import pytest
from django.urls import reverse

from lscp.governance.models import MembershipRole
from tests.factories import MembershipFactory
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cast):
    """One of each record in 2023-24, the CDOP's narrative and SEG's."""
    year = ReportYearFactory(first_year=2023)
    records = {
        "year": year,
        "priority": PriorityFactory(year=year),
        "engagement": EngagementActivityFactory(year=year),
        "cdop_step": KeyStepFactory(group=cast.cdop, year=year),
        "seg_step": KeyStepFactory(group=cast.seg, year=year),
        "cdop_area": DevelopmentAreaFactory(group=cast.cdop, year=year),
        "seg_area": DevelopmentAreaFactory(group=cast.seg, year=year),
    }
    records["update"] = PriorityUpdateFactory(priority=records["priority"])
    for group in ("cdop", "seg"):
        records[f"{group}_progress"] = KeyStepProgressFactory(key_step=records[f"{group}_step"])
        records[f"{group}_impact"] = ImpactStatementFactory(area=records[f"{group}_area"])
    return records


def plan_urls(records) -> list[str]:
    """The business unit's pages."""
    return [
        reverse("governance:year-introduction", args=["2023-24"]),
        reverse("governance:priority-add", args=["2023-24"]),
        reverse("governance:priority-edit", args=[records["priority"].pk]),
        reverse("governance:priority-update", args=[records["priority"].pk]),
        reverse("governance:priority-update-edit", args=[records["update"].pk]),
        reverse("governance:priority-remove", args=[records["priority"].pk]),
        reverse("governance:engagement-add", args=["2023-24"]),
        reverse("governance:engagement-edit", args=[records["engagement"].pk]),
        reverse("governance:engagement-remove", args=[records["engagement"].pk]),
    ]


def group_urls(records, group: str) -> list[str]:
    """One group's narrative pages ("cdop" or "seg")."""
    return [
        reverse("governance:group-year-function", args=["2023-24", group]),
        reverse("governance:key-step-add", args=["2023-24", group]),
        reverse("governance:key-step-edit", args=[records[f"{group}_step"].pk]),
        reverse("governance:key-step-progress", args=[records[f"{group}_step"].pk]),
        reverse("governance:key-step-progress-edit", args=[records[f"{group}_progress"].pk]),
        reverse("governance:key-step-remove", args=[records[f"{group}_step"].pk]),
        reverse("governance:area-add", args=["2023-24", group]),
        reverse("governance:area-edit", args=[records[f"{group}_area"].pk]),
        reverse("governance:area-remove", args=[records[f"{group}_area"].pk]),
        reverse("governance:impact-add", args=[records[f"{group}_area"].pk]),
        reverse("governance:impact-edit", args=[records[f"{group}_impact"].pk]),
        reverse("governance:impact-remove", args=[records[f"{group}_impact"].pk]),
    ]


def reading_urls() -> list[str]:
    return [
        reverse("governance:years"),
        reverse("governance:year", args=["2023-24"]),
        reverse("governance:group-year", args=["2023-24", "cdop"]),
    ]


def statuses(client, urls) -> set[int]:
    return {client.get(url).status_code for url in urls}


def test_anonymous_is_sent_to_sign_in(client, records):
    urls = [*reading_urls(), *plan_urls(records), *group_urls(records, "cdop")]
    urls += [
        reverse("governance:year-scrutiny", args=["2023-24"]),
        reverse("governance:year-sign-off", args=["2023-24"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:sign-in")), url


def test_practitioner_sees_nothing(client_for, cast, records):
    assert statuses(client_for(cast.practitioner), reading_urls()) == {403}


def test_group_member_reads_but_changes_nothing(client_for, cast, records):
    client = client_for(cast.member)
    assert statuses(client, reading_urls()) == {200}
    assert statuses(client, [*plan_urls(records), *group_urls(records, "cdop")]) == {403}
    html = client.get(reverse("governance:year", args=["2023-24"])).content.decode()
    assert "Add a priority" not in html
    assert "Sign off" not in html


def test_analyst_reads_but_changes_nothing(client_for, cast, records):
    client = client_for(cast.analyst)
    assert statuses(client, reading_urls()) == {200}
    assert statuses(client, plan_urls(records)) == {403}


def test_officer_edits_the_plan_and_every_groups_narrative(client_for, cast, records):
    client = client_for(cast.officer)
    urls = [*plan_urls(records), *group_urls(records, "cdop"), *group_urls(records, "seg")]
    assert statuses(client, urls) == {200}
    assert client.get(reverse("governance:year-scrutiny", args=["2023-24"])).status_code == 403
    assert client.get(reverse("governance:year-sign-off", args=["2023-24"])).status_code == 403
    html = client.get(reverse("governance:year", args=["2023-24"])).content.decode()
    assert "Add a priority" in html
    assert "Start 2024-25" not in html  # on the list of years, not here


def test_chair_edits_only_their_own_groups_narrative(client_for, cast, records):
    client = client_for(cast.chair)
    assert statuses(client, group_urls(records, "cdop")) == {200}
    assert statuses(client, group_urls(records, "seg")) == {403}
    assert statuses(client, plan_urls(records)) == {403}


def test_chair_cannot_post_to_another_groups_narrative(client_for, cast, records):
    step = records["seg_step"]
    response = client_for(cast.chair).post(
        reverse("governance:key-step-edit", args=[step.pk]), {"order": 1, "text": "Taken over"}
    )
    assert response.status_code == 403
    step.refresh_from_db()
    assert "Taken over" not in step.text


def test_vice_chair_edits_their_groups_narrative(client_for, cast, records, make_user):
    vice = make_user(roles=["Group member"])
    MembershipFactory(group=cast.seg, person=vice, role=MembershipRole.VICE_CHAIR)
    assert statuses(client_for(vice), group_urls(records, "seg")) == {200}


def test_group_year_page_offers_edits_only_to_its_chair(client_for, cast, records):
    url = reverse("governance:group-year", args=["2023-24", "cdop"])
    assert "Add an area of development" in client_for(cast.chair).get(url).content.decode()
    assert "Add an area of development" not in client_for(cast.other_chair).get(url).content.decode()


def test_scrutineer_writes_only_their_summary(client_for, cast, records):
    client = client_for(cast.scrutineer)
    assert statuses(client, reading_urls()) == {200}
    assert client.get(reverse("governance:year-scrutiny", args=["2023-24"])).status_code == 200
    others = [*plan_urls(records), *group_urls(records, "cdop")]
    others += [
        reverse("governance:year-sign-off", args=["2023-24"]),
        reverse("governance:year-reopen", args=["2023-24"]),
    ]
    assert statuses(client, others) == {403}
    response = client.post(
        reverse("governance:year-introduction", args=["2023-24"]), {"introduction": "Mine now"}
    )
    assert response.status_code == 403


def test_only_the_executive_chair_signs_off(client_for, cast, records):
    url = reverse("governance:year-sign-off", args=["2023-24"])
    assert client_for(cast.executive_chair).get(url).status_code == 200
    for person in (cast.chair, cast.manager, cast.officer):
        assert client_for(person).get(url).status_code == 403


def test_executive_vice_chair_does_not_sign_off(client_for, cast, records, make_user):
    vice = make_user(roles=["Group chair"])
    MembershipFactory(group=cast.executive, person=vice, role=MembershipRole.VICE_CHAIR)
    assert client_for(vice).get(reverse("governance:year-sign-off", args=["2023-24"])).status_code == 403


def test_reopening_is_for_the_executive_chair_and_business_manager(client_for, cast, records):
    year = records["year"]
    year.signed_off_at = "2024-06-01T10:00Z"
    year.save()
    url = reverse("governance:year-reopen", args=["2023-24"])
    assert client_for(cast.executive_chair).get(url).status_code == 200
    assert client_for(cast.manager).get(url).status_code == 200
    assert client_for(cast.officer).get(url).status_code == 403
    assert client_for(cast.chair).get(url).status_code == 403


def test_only_plan_editors_start_a_year(client_for, cast, records):
    url = reverse("governance:year-start")
    assert client_for(cast.chair).post(url).status_code == 403
    assert client_for(cast.scrutineer).post(url).status_code == 403


def test_groups_page_links_to_the_years(client_for, cast):
    html = client_for(cast.member).get(reverse("governance:groups")).content.decode()
    assert reverse("governance:years") in html
