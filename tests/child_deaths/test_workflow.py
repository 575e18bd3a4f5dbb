"""A child death case's life: notified, JAR (unexpected deaths only), information, CDRM, panel, closed.
Steps go forward in order, nothing is half-saved, and the business unit chases late information
by email without a word about the child."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.child_deaths import workflow
from lscp.child_deaths.categories import Category, Contribution, Domain, Modifiable
from lscp.child_deaths.models import (
    RECOMMENDATION_SOURCE,
    ChildDeath,
    Factor,
    InformationRequest,
    JointAgencyResponse,
    PanelReview,
    ReviewMeeting,
    Stage,
)
from lscp.child_deaths.workflow import DuplicateNotification, StepRefused
from lscp.improvement.models import Recommendation
from lscp.improvement.uploads import FileRefused
from tests.child_deaths.conftest import ALL_SCORED, BORN, CHILD_NAME, NHS_NUMBER, notification
from tests.factories import AgencyFactory, GroupFactory, UserFactory
from tests.smtp import body_of, smtp_server_fixture

pytestmark = pytest.mark.django_db
smtp_server = smtp_server_fixture()


def conclude(case, by, **changes):
    details = {
        "completed_on": dt.date(2024, 7, 1),
        "category": Category.SUDDEN_UNEXPLAINED,
        "modifiable": Modifiable.INSUFFICIENT,
        "scores": ALL_SCORED,
        "by": by,
        **changes,
    }
    return workflow.record_panel_review(case, **details)


# --- notification ------------------------------------------------------------------------------


def test_a_notification_opens_a_case(officer):
    case = workflow.notify(by=officer, **notification(nhs_number="999 000-0018"))
    case.refresh_from_db()
    assert case.stage == Stage.NOTIFIED
    assert case.nhs_number == NHS_NUMBER
    assert case.notifier == officer and case.notifier_name == officer.full_name
    assert case.notifying_agency == officer.agency
    assert case.age_band == "1-4"
    assert case.reference == f"CD{case.pk:05d}"


def test_a_clinicians_short_notification_leaves_the_rest_for_later(db):
    clinician = UserFactory(roles=[Role.PRACTITIONER])
    details = notification()
    for later in ("ethnicity", "home_postcode", "notified_on"):
        details.pop(later)
    case = workflow.notify(by=clinician, **details)
    assert case.ethnicity == "" and case.notified_on == timezone.localdate()


@pytest.mark.parametrize(
    "changes",
    [
        {"nhs_number": "9990000018"},
        {"nhs_number": "999 000 0018", "full_name": "Someone Else"},
        {"nhs_number": "", "no_nhs_number_reason": "Not registered", "full_name": "zebedee  TESTCHILD"},
        {"nhs_number": "9990000026", "full_name": "Zebedee Test Child"},
    ],
    ids=["same NHS number", "same NHS number, other name", "name in other case and spacing", "name spaced"],
)
def test_a_second_notification_of_the_same_child_is_refused(case, officer, changes):
    with pytest.raises(DuplicateNotification) as refused:
        workflow.notify(by=officer, **notification(**changes))
    assert case.reference in refused.value.reason
    assert refused.value.existing == case
    assert ChildDeath.objects.count() == 1


def test_same_name_with_another_date_of_birth_is_another_child(case, officer):
    other = workflow.notify(
        by=officer, **notification(nhs_number="9990000026", date_of_birth=dt.date(2019, 5, 2))
    )
    assert other.pk != case.pk


def test_the_duplicate_messages_say_what_matched(case, officer):
    with pytest.raises(DuplicateNotification, match="with this NHS number: case CD"):
        workflow.notify(by=officer, **notification(full_name="Another Name"))
    with pytest.raises(DuplicateNotification, match="with this name and date of birth: case CD"):
        workflow.notify(by=officer, **notification(nhs_number="9990000026"))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"died_on": BORN - dt.timedelta(days=1)},
            "died_on",
            "The date of death must be on or after the date of birth",
        ),
        ({"died_on": dt.date(2099, 1, 1)}, "died_on", "The date of death must be today or in the past"),
        (
            {"date_of_birth": dt.date(2099, 1, 1)},
            "date_of_birth",
            "The date of birth must be today or in the past",
        ),
        (
            {"notified_on": dt.date(2024, 2, 1)},
            "notified_on",
            "The date notified must be on or after the date of death",
        ),
        (
            {"date_of_birth": dt.date(2006, 3, 1)},
            "died_on",
            "The child must have died before their 18th birthday",
        ),
        ({"nhs_number": "9990000019"}, "nhs_number", "Enter a valid NHS number"),
        ({"nhs_number": "12345"}, "nhs_number", "Enter an NHS number with 10 digits"),
        ({"nhs_number": ""}, "nhs_number", "Enter the NHS number, or say why there is none"),
        ({"no_nhs_number_reason": "Not known"}, "no_nhs_number_reason", "Leave the reason blank"),
    ],
)
def test_a_bad_notification_is_refused(officer, changes, field, message):
    with pytest.raises(ValidationError) as refused:
        workflow.notify(by=officer, **notification(**changes))
    assert message in refused.value.message_dict[field][0]
    assert not ChildDeath.objects.exists()


def test_a_child_who_died_the_day_before_their_18th_birthday_is_reviewed(officer):
    case = workflow.notify(by=officer, **notification(date_of_birth=dt.date(2006, 3, 2)))
    assert case.age_band == "15-17"


def test_notify_takes_only_notification_details(officer):
    with pytest.raises(TypeError, match="stage"):
        workflow.notify(by=officer, **notification(stage=Stage.CLOSED))


# --- the order of the steps --------------------------------------------------------------------


def test_an_unexpected_death_goes_through_every_step(case, officer, agencies):
    response = workflow.record_joint_agency_response(
        case, met_on=dt.date(2024, 3, 5), agencies=agencies[:2], immediate_actions="Police visit", by=officer
    )
    assert set(response.agencies.all()) == set(agencies[:2])
    assert ChildDeath.objects.get(pk=case.pk).stage == Stage.JOINT_AGENCY_RESPONSE
    workflow.request_information(case, agencies, by=officer, requested_on=dt.date(2024, 3, 6))
    assert ChildDeath.objects.get(pk=case.pk).stage == Stage.INFORMATION
    workflow.record_cdrm(case, held_on=dt.date(2024, 5, 1), attendees="GP", by=officer)
    assert ChildDeath.objects.get(pk=case.pk).stage == Stage.REVIEW_MEETING
    workflow.list_for_panel(case, by=officer)
    assert ChildDeath.objects.get(pk=case.pk).stage == Stage.PANEL
    conclude(case, officer)
    assert ChildDeath.objects.get(pk=case.pk).stage == Stage.CLOSED


def test_an_expected_death_skips_the_jar(expected_case, officer, agencies):
    assert workflow.next_step(expected_case) == "ask agencies for information"
    with pytest.raises(StepRefused, match="expected death: it has no joint agency response"):
        workflow.record_joint_agency_response(
            expected_case, met_on=dt.date(2024, 3, 5), agencies=[], by=officer
        )
    assert not JointAgencyResponse.objects.exists()
    workflow.request_information(expected_case, agencies[:1], by=officer, requested_on=dt.date(2024, 3, 5))
    assert ChildDeath.objects.get(pk=expected_case.pk).stage == Stage.INFORMATION


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (
            lambda case, by, agencies: workflow.request_information(case, agencies, by=by),
            "Cannot ask agencies for information for case {ref} yet: record the joint agency response first",
        ),
        (
            lambda case, by, agencies: workflow.record_cdrm(
                case, held_on=dt.date(2024, 5, 1), attendees="GP", by=by
            ),
            "Cannot record the child death review meeting for case {ref} yet: "
            "record the joint agency response first",
        ),
        (
            lambda case, by, agencies: workflow.list_for_panel(case, by=by),
            "Cannot list the case for the panel for case {ref} yet: record the joint agency response first",
        ),
        (
            lambda case, by, agencies: conclude(case, by),
            "Cannot record the panel's review for case {ref} yet: record the joint agency response first",
        ),
    ],
    ids=["information", "cdrm", "panel listing", "panel review"],
)
def test_a_step_that_skips_one_is_refused(case, officer, agencies, step, message):
    with pytest.raises(StepRefused) as refused:
        step(case, officer, agencies)
    assert refused.value.reason == message.format(ref=case.reference)
    case.refresh_from_db()
    assert case.stage == Stage.NOTIFIED
    assert not (
        InformationRequest.objects.exists() or ReviewMeeting.objects.exists() or PanelReview.objects.exists()
    )


def test_the_panel_cannot_conclude_before_the_cdrm(case, officer, agencies):
    workflow.record_joint_agency_response(case, met_on=dt.date(2024, 3, 5), agencies=agencies, by=officer)
    workflow.request_information(case, agencies, by=officer, requested_on=dt.date(2024, 3, 6))
    with pytest.raises(StepRefused, match="record the child death review meeting first"):
        conclude(case, officer)


def test_steps_do_not_go_back(at_cdrm, officer, agencies):
    with pytest.raises(StepRefused, match="is past that step: it is at “Child death review meeting”"):
        workflow.record_joint_agency_response(
            at_cdrm, met_on=dt.date(2024, 3, 5), agencies=agencies, by=officer
        )


def test_a_closed_case_takes_no_more_steps(at_cdrm, officer):
    conclude(at_cdrm, officer)
    with pytest.raises(StepRefused, match="is closed"):
        conclude(at_cdrm, officer)
    with pytest.raises(StepRefused, match="is closed"):
        workflow.request_information(at_cdrm, [AgencyFactory()], by=officer)
    assert PanelReview.objects.count() == 1


def test_a_stale_copy_of_the_case_cannot_move_it_twice(at_cdrm, officer):
    stale = ChildDeath.objects.get(pk=at_cdrm.pk)
    conclude(at_cdrm, officer)
    with pytest.raises(StepRefused, match="is closed"):
        conclude(stale, officer)


# --- information -------------------------------------------------------------------------------


def test_information_is_asked_of_several_agencies_with_the_local_due_date(case, officer, agencies):
    workflow.record_joint_agency_response(case, met_on=dt.date(2024, 3, 5), agencies=agencies, by=officer)
    requests = workflow.request_information(case, agencies, by=officer, requested_on=dt.date(2024, 3, 8))
    assert len(requests) == 3
    # 15 working days from Friday 8 March 2024, past Good Friday and Easter Monday.
    assert {r.due_on for r in requests} == {dt.date(2024, 4, 2)}
    more = AgencyFactory(name="Ambulance Trust")
    later = workflow.request_information(case, [more], by=officer, requested_on=dt.date(2024, 3, 11))
    assert later[0].due_on == dt.date(2024, 4, 3)


def test_asking_an_agency_twice_asks_nobody(case, officer, agencies):
    workflow.record_joint_agency_response(case, met_on=dt.date(2024, 3, 5), agencies=agencies, by=officer)
    workflow.request_information(case, agencies[:1], by=officer, requested_on=dt.date(2024, 3, 6))
    with pytest.raises(ValidationError) as refused:
        workflow.request_information(case, agencies, by=officer, requested_on=dt.date(2024, 3, 7))
    assert refused.value.message_dict["agencies"] == [
        "Information has already been asked of Riverside Surgery"
    ]
    assert case.information_requests.count() == 1


def test_an_agencys_return_is_kept_privately(at_cdrm, officer):
    request = at_cdrm.information_requests.first()
    upload = SimpleUploadedFile("reporting-form.txt", b"Synthetic reporting form")
    workflow.record_return(request, upload=upload, received_on=dt.date(2024, 3, 20), by=officer)
    request.refresh_from_db()
    assert request.received_on == dt.date(2024, 3, 20) and request.uploaded_by == officer
    assert request.file.name.startswith(f"child_deaths/returns/{at_cdrm.pk}/")
    with request.file.open("rb") as stored:
        assert stored.read() == b"Synthetic reporting form"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("form.pdf", b"MZ\x90\x00 a program"), "not a real PDF"),
        (SimpleUploadedFile("form.exe", b"MZ\x90\x00"), "must be a PDF, DOCX"),
        (SimpleUploadedFile("form.txt", b""), "empty"),
    ],
)
def test_a_refused_file_saves_nothing(at_cdrm, officer, upload, message):
    request = at_cdrm.information_requests.first()
    with pytest.raises(FileRefused, match=message):
        workflow.record_return(request, upload=upload, by=officer)
    request.refresh_from_db()
    assert not request.file and request.received_on is None


def test_information_cannot_come_in_before_it_was_asked_for(at_cdrm, officer):
    request = at_cdrm.information_requests.first()
    with pytest.raises(ValidationError, match="on or after the date the information was requested"):
        workflow.record_return(
            request, upload=SimpleUploadedFile("a.txt", b"x"), received_on=dt.date(2024, 3, 1), by=officer
        )
    request.refresh_from_db()
    assert not request.file


# --- conclusions -------------------------------------------------------------------------------


def test_the_panels_conclusions_close_the_case(at_cdrm, officer):
    smoking, sleep = Factor.objects.get(name="Smoking"), Factor.objects.get(name="Unsafe sleep")
    scores = {**ALL_SCORED, Domain.SOCIAL: Contribution.MAY_HAVE, Domain.PHYSICAL: Contribution.MAY_HAVE}
    review = conclude(
        at_cdrm,
        officer,
        modifiable=Modifiable.YES,
        scores=scores,
        factors=[smoking, sleep],
        learning_points=["Safer sleep advice at every visit", "  ", "Smoking cessation referrals"],
        notes={Domain.SOCIAL: "Smoking in the home"},
    )
    assert review.case.stage == Stage.CLOSED
    assert {s.domain: s.contribution for s in review.domain_scores.all()} == scores
    assert review.domain_scores.get(domain=Domain.SOCIAL).note == "Smoking in the home"
    assert set(review.factors.all()) == {smoking, sleep}
    assert [p.text for p in review.learning_points.all()] == [
        "Safer sleep advice at every visit",
        "Smoking cessation referrals",
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"scores": {Domain.CHILD: Contribution.NONE}}, "score_social", "Score the domain"),
        ({"category": "11"}, "category", "Select the category of death"),
        ({"modifiable": "maybe"}, "modifiable", "Select whether modifiable factors were identified"),
        ({"modifiable": Modifiable.YES}, "modifiable", "at least one domain scored"),
        ({"completed_on": dt.date(2024, 5, 1)}, "completed_on", "on or after the child death review meeting"),
        ({"completed_on": dt.date(2099, 5, 1)}, "completed_on", "today or in the past"),
    ],
)
def test_incomplete_conclusions_save_nothing(at_cdrm, officer, changes, field, message):
    with pytest.raises(ValidationError) as refused:
        conclude(at_cdrm, officer, learning_points=["A point"], **changes)
    assert message in refused.value.message_dict[field][0]
    assert not PanelReview.objects.exists()
    assert ChildDeath.objects.get(pk=at_cdrm.pk).stage == Stage.REVIEW_MEETING


def test_a_learning_point_becomes_a_recommendation_once(at_cdrm, officer, agencies):
    review = conclude(at_cdrm, officer, learning_points=["Safer sleep advice at every visit"])
    point = review.learning_points.get()
    group = GroupFactory(slug="cdop")
    recommendation = workflow.learning_point_to_recommendation(point, group, agencies[:2], officer)
    point.refresh_from_db()
    assert point.recommendation == recommendation
    assert recommendation.source_kind == RECOMMENDATION_SOURCE
    assert recommendation.source_type == ContentType.objects.get_for_model(PanelReview)
    assert recommendation.source_id == review.pk
    assert recommendation.text == "Safer sleep advice at every visit"
    assert set(recommendation.agencies.all()) == set(agencies[:2])
    assert recommendation.group == group and recommendation.created_by == officer
    with pytest.raises(StepRefused, match="already a recommendation"):
        workflow.learning_point_to_recommendation(point, group, agencies, officer)
    assert Recommendation.objects.count() == 1


# --- people around the case --------------------------------------------------------------------


def test_only_a_lead_nurse_can_be_the_cases_lead_nurse(case, officer, lead_nurse):
    with pytest.raises(StepRefused, match="lead nurse role"):
        workflow.assign_lead_nurse(case, UserFactory(roles=[Role.GROUP_MEMBER]), by=officer)
    workflow.assign_lead_nurse(case, lead_nurse, by=officer)
    assert ChildDeath.objects.get(pk=case.pk).lead_nurse == lead_nurse


def test_the_family_contact_log(case, lead_nurse):
    contact = workflow.record_family_contact(
        case,
        contacted_on=dt.date(2024, 3, 5),
        summary="Home visit",
        bereavement_support_offered=True,
        by=lead_nurse,
    )
    assert contact.made_by == lead_nurse and case.family_contacts.get() == contact
    with pytest.raises(ValidationError, match="on or after the date of death"):
        workflow.record_family_contact(case, contacted_on=dt.date(2024, 2, 1), summary="x", by=lead_nurse)


# --- chasing late information ------------------------------------------------------------------


@pytest.fixture
def unit(officer):
    manager = UserFactory(roles=[Role.BUSINESS_MANAGER])
    UserFactory(roles=[Role.BUSINESS_OFFICER], is_active=False)  # left: hears nothing
    UserFactory(roles=[Role.DATA_ANALYST])  # reads the records, chases nobody
    return {officer.email, manager.email}


def test_late_information_is_chased_once_a_day_without_the_childs_details(
    at_cdrm, officer, expected_case, unit, smtp_server, run_tasks
):
    # at_cdrm asked three agencies on 7 March 2024 (due 28 March, the day before Good Friday).
    requests = {r.agency.name: r for r in at_cdrm.information_requests.all()}
    requests["Oak School"].received_on = dt.date(2024, 3, 20)
    requests["Oak School"].save()
    # Another case's request, not due yet.
    workflow.request_information(
        expected_case, [AgencyFactory()], by=officer, requested_on=dt.date(2024, 3, 27)
    )
    today = dt.date(2024, 4, 2)

    assert workflow.chase_overdue_information(today) == 2
    assert workflow.chase_overdue_information(today) == 0  # again the same day: nothing
    run_tasks()
    assert {m["X-Envelope-To"] for m in smtp_server} == unit
    subjects = sorted({m["Subject"] for m in smtp_server})
    ref = at_cdrm.reference
    assert subjects == [
        f"Child death {ref}: information from Riverside Surgery is overdue",
        f"Child death {ref}: information from Westbrook Police is overdue",
    ]
    for message in smtp_server:
        text = message["Subject"] + body_of(message)
        assert ref in text
        for detail in (
            CHILD_NAME,
            "Zebedee",
            "Testchild",
            NHS_NUMBER,
            "999 000",
            "WB1",
            "Westbrook General",
            "2019",
        ):
            assert detail not in text
    assert "was due on 28 March 2024" in body_of(smtp_server[0])
    assert InformationRequest.objects.filter(chased_on=today).count() == 2

    # The next day, still late: chased again, once.
    assert workflow.chase_overdue_information(today + dt.timedelta(days=1)) == 2
    assert workflow.chase_overdue_information(today + dt.timedelta(days=1)) == 0
    run_tasks()
    assert len(smtp_server) == 2 * 2 * len(unit)


def test_a_closed_case_is_not_chased(at_cdrm, officer, unit):
    conclude(at_cdrm, officer)
    assert workflow.chase_overdue_information(dt.date(2024, 12, 1)) == 0
