"""A child death case through the browser's pages, from notification to a closed panel review and a
learning point in the golden thread; who may see what; every view in the access log."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscp.accounts.roles import Role
from lscp.child_deaths.categories import Category, Contribution, Domain, Modifiable
from lscp.child_deaths.models import ChildDeath, Factor, Stage
from lscp.core.models import AccessEntry
from lscp.improvement.models import Recommendation
from tests.child_deaths.conftest import BORN, DIED, NOTIFIED
from tests.factories import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"child_deaths:{name}", args=args)


def post(client, path: str, data: dict, **kwargs):
    response = client.post(path, data, **kwargs)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response


def notification_form(**changes) -> dict:
    return {
        "full_name": "Yasmin Placeholder",
        "date_of_birth": BORN.isoformat(),
        "sex": "female",
        "ethnicity": "Mixed: White and Asian",
        "nhs_number": "999 000 0034",
        "home_postcode": "WB2 3CD",
        "died_on": DIED.isoformat(),
        "place_of_death": "Home",
        "expectation": "unexpected",
        "notified_on": NOTIFIED.isoformat(),
        "notifier_name": "Emergency department consultant",
        "what_is_known": "Found unresponsive in the morning.",
        **changes,
    }


def test_a_case_goes_from_notification_to_a_closed_panel_review(
    client_for, officer, cdop_member, lead_nurse, agencies
):
    office = client_for(officer)
    response = post(office, url("notify"), notification_form(notifying_agency=agencies[0].pk))
    case = ChildDeath.objects.get(full_name="Yasmin Placeholder")
    assert response["Location"] == case.get_absolute_url()
    assert case.stage == Stage.NOTIFIED and case.age_band == "1-4"

    page = office.get(case.get_absolute_url())
    assert page.status_code == 200 and b"Record the joint agency response" in page.content

    post(office, url("lead-nurse", case.pk), {"lead_nurse": lead_nurse.pk})
    post(
        office,
        url("jar", case.pk),
        {"met_on": (NOTIFIED + dt.timedelta(days=1)).isoformat(), "agencies": [a.pk for a in agencies[:2]]},
    )
    post(
        office,
        url("information-request", case.pk),
        {
            "agencies": [agencies[0].pk, agencies[2].pk],
            "requested_on": (NOTIFIED + dt.timedelta(days=2)).isoformat(),
            "due_on": (NOTIFIED + dt.timedelta(days=20)).isoformat(),
        },
    )
    case.refresh_from_db()
    assert case.stage == Stage.INFORMATION

    # The surgery's own safeguarding lead, who sees no cases, uploads the surgery's form.
    surgery_lead = UserFactory(roles=[Role.GROUP_MEMBER], agency=agencies[0])
    request = case.information_requests.get(agency=agencies[0])
    lead_client = client_for(surgery_lead)
    assert lead_client.get(case.get_absolute_url()).status_code == 403
    sent = post(
        lead_client,
        url("information-upload", case.pk, request.pk),
        {
            "file": SimpleUploadedFile("report.txt", b"Synthetic reporting form\n"),
            "received_on": (NOTIFIED + dt.timedelta(days=5)).isoformat(),
        },
    )
    assert sent["Location"] == reverse("home")
    request.refresh_from_db()
    assert request.file and request.uploaded_by == surgery_lead
    other = case.information_requests.get(agency=agencies[2])
    assert lead_client.get(url("information-upload", case.pk, other.pk)).status_code == 403
    assert office.get(url("information-file", case.pk, request.pk)).status_code == 200

    post(
        office,
        url("cdrm", case.pk),
        {"held_on": (DIED + dt.timedelta(days=60)).isoformat(), "attendees": "GP\nHealth visitor"},
    )
    post(office, url("list-for-panel", case.pk), {})
    case.refresh_from_db()
    assert case.stage == Stage.PANEL

    factor, _ = Factor.objects.get_or_create(name="Unsafe sleep", defaults={"domain": Domain.PHYSICAL})
    panel = client_for(cdop_member)
    post(
        panel,
        url("panel-review", case.pk),
        {
            "completed_on": (DIED + dt.timedelta(days=150)).isoformat(),
            "category": Category.SUDDEN_UNEXPLAINED.value,
            "modifiable": Modifiable.YES,
            **{f"score_{d}": Contribution.MAY_HAVE for d in Domain.values},
            "factors": [factor.pk],
            "learning_points": "Safe sleep advice at every health visitor contact",
        },
    )
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    point = case.panel_review.learning_points.get()

    page = panel.get(case.get_absolute_url())
    assert b"make it a recommendation" in page.content and b"Unsafe sleep" in page.content
    raised = post(
        panel,
        url("learning-point-recommendation", case.pk, point.pk),
        {
            "text": point.text,
            "group": GroupFactory(slug="cdop-recs").pk,
            "agencies": [agencies[0].pk],
            "made_on": (DIED + dt.timedelta(days=150)).isoformat(),
        },
    )
    recommendation = Recommendation.objects.get()
    assert raised["Location"] == recommendation.get_absolute_url()
    assert recommendation.source == case.panel_review

    # Every view of the case is logged, and the case page lists who has looked.
    viewers = AccessEntry.objects.filter(object_id=str(case.pk), object_repr__contains=case.reference)
    assert {entry.user for entry in viewers} >= {officer, cdop_member, surgery_lead}
    assert cdop_member.full_name.encode() in panel.get(case.get_absolute_url()).content


def test_a_step_out_of_order_is_refused_and_saves_nothing(client_for, officer, case, agencies):
    office = client_for(officer)
    response = office.post(
        url("cdrm", case.pk), {"held_on": (DIED + dt.timedelta(days=30)).isoformat(), "attendees": "GP"}
    )
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    case.refresh_from_db()
    assert case.stage == Stage.NOTIFIED and not hasattr(case, "review_meeting")


def test_a_death_before_birth_is_refused_with_a_clear_error(client_for, officer):
    response = client_for(officer).post(
        url("notify"), notification_form(died_on=(BORN - dt.timedelta(days=1)).isoformat())
    )
    assert response.status_code == 200 and b"govuk-error-summary" in response.content
    assert not ChildDeath.objects.exists()


def test_a_notifying_clinician_sees_only_their_own_notification(client_for, case):
    clinician = UserFactory(roles=[Role.PRACTITIONER])
    client = client_for(clinician)
    form = client.get(url("notify"))
    assert "ethnicity" not in form.context["form"].fields  # the short form
    post(
        client,
        url("notify"),
        {
            "full_name": "Xavier Placeholder",
            "date_of_birth": BORN.isoformat(),
            "sex": "male",
            "no_nhs_number_reason": "Not yet registered",
            "died_on": DIED.isoformat(),
            "place_of_death": "Westbrook General Hospital",
            "expectation": "expected",
        },
    )
    own = ChildDeath.objects.get(full_name="Xavier Placeholder")
    page = client.get(own.get_absolute_url())
    assert page.status_code == 200 and page.templates[0].name == "child_deaths/notification.html"
    assert client.get(case.get_absolute_url()).status_code == 403
    assert client.get(url("cases")).status_code == 403
    mine = client.get(url("my-notifications"))
    assert own.reference.encode() in mine.content and case.reference.encode() not in mine.content


def test_the_scrutineer_sees_no_case(client_for, case):
    scrutineer = client_for(UserFactory(roles=[Role.INDEPENDENT_SCRUTINEER]))
    assert scrutineer.get(url("cases")).status_code == 403
    assert scrutineer.get(case.get_absolute_url()).status_code == 403


def test_the_family_log_is_for_lead_nurses_and_the_chair_only(
    client_for, officer, case, lead_nurse, cdop_chair, cdop_member
):
    nurse = client_for(lead_nurse)
    post(
        nurse,
        url("family-contact", case.pk),
        {
            "contacted_on": NOTIFIED.isoformat(),
            "summary": "Home visit; explained the review",
            "bereavement_support_offered": "on",
        },
    )
    assert b"explained the review" in nurse.get(case.get_absolute_url()).content
    assert b"explained the review" in client_for(cdop_chair).get(case.get_absolute_url()).content
    for other in (officer, cdop_member):
        page = client_for(other).get(case.get_absolute_url())
        assert page.status_code == 200 and b"explained the review" not in page.content
    assert client_for(officer).get(url("family-contact", case.pk)).status_code == 403


def test_the_case_list_runs_the_same_queries_for_few_and_many_cases(
    client_for, officer, django_assert_max_num_queries
):
    from lscp.child_deaths import workflow
    from tests.child_deaths.conftest import notification

    client = client_for(officer)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            workflow.notify(
                by=officer,
                **notification(
                    full_name=f"Child {i:03d} Placeholder", nhs_number="", no_nhs_number_reason="Synthetic"
                ),
            )

    add(2, 0)
    client.get(url("cases"))
    with django_assert_max_num_queries(12) as few:
        assert client.get(url("cases")).status_code == 200
    add(30, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("cases")).status_code == 200


def test_the_daily_chase_command_reports_what_it_chased(officer, expected_case, agencies):
    from io import StringIO

    from django.core.management import call_command

    from lscp.child_deaths import workflow

    workflow.request_information(
        expected_case, agencies[:2], by=officer, requested_on=NOTIFIED, due_on=NOTIFIED + dt.timedelta(days=1)
    )
    out = StringIO()
    call_command("chase-child-death-information", stdout=out)
    assert out.getvalue().strip() == "Chased 2 overdue information requests."
    out = StringIO()
    call_command("chase-child-death-information", stdout=out)
    assert out.getvalue().strip() == "Chased 0 overdue information requests."


def test_a_refused_step_is_not_shown_as_a_success(client_for, officer, expected_case):
    office = client_for(officer)
    response = office.post(url("list-for-panel", expected_case.pk), follow=True)
    banner = response.content.decode()
    assert "yet:" in banner and "Important" in banner
    assert "govuk-notification-banner--success" not in banner
