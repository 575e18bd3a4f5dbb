"""The child death forms: each bad answer gets one clear message beside its field."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.child_deaths import forms, workflow
from lscp.child_deaths.categories import UNEXPECTED_HELP, Category, Contribution, Domain
from lscp.child_deaths.models import Factor, Stage
from lscp.core.calendar import add_working_days
from tests.child_deaths.conftest import NHS_NUMBER
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTIFICATION = {
    "full_name": "Zebedee Testchild",
    "date_of_birth": "2019-05-01",
    "sex": "male",
    "ethnicity": "White British",
    "nhs_number": "999 000 0018",
    "no_nhs_number_reason": "",
    "home_postcode": "WB1 2AB",
    "died_on": "2024-03-01",
    "died_at": "14:30",
    "place_of_death": "Westbrook General Hospital",
    "expectation": "unexpected",
    "notified_on": "2024-03-04",
    "notifier_name": "Dr Example",
    "what_is_known": "Synthetic",
}
SHORT = {k: v for k, v in NOTIFICATION.items() if k in forms.ShortNotificationForm.Meta.fields}


def errors(form) -> dict[str, list[str]]:
    assert not form.is_valid()
    return form.errors


def test_a_good_notification_makes_a_case(officer):
    form = forms.NotificationForm(NOTIFICATION)
    assert form.is_valid(), form.errors
    case = workflow.notify(by=officer, **form.details())
    assert case.nhs_number == NHS_NUMBER and case.died_at == dt.time(14, 30)
    assert case.notifier_name == "Dr Example"


def test_the_notification_explains_unexpected():
    form = forms.NotificationForm()
    assert form.fields["expectation"].help_text == UNEXPECTED_HELP
    assert [value for value, _ in form.fields["expectation"].choices] == ["expected", "unexpected"]
    assert "within 2 working days of the death" in form.fields["notified_on"].help_text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"died_on": "2019-04-30"}, "died_on", "The date of death must be on or after the date of birth"),
        ({"died_on": "2099-01-01"}, "died_on", "The date of death must be today or in the past"),
        ({"date_of_birth": "2099-01-01"}, "date_of_birth", "The date of birth must be today or in the past"),
        ({"notified_on": "2099-01-01"}, "notified_on", "The date notified must be today or in the past"),
        ({"died_on": "31/02/2024"}, "died_on", "Enter the date of death as a real date"),
        ({"died_on": ""}, "died_on", "Enter the date of death"),
        (
            {"nhs_number": "999 000 0019"},
            "nhs_number",
            "Enter a valid NHS number: check the digits and try again",
        ),
        ({"nhs_number": "99900"}, "nhs_number", "Enter an NHS number with 10 digits, like 943 476 5919"),
        ({"nhs_number": ""}, "nhs_number", "Enter the NHS number, or say why there is none"),
        (
            {"no_nhs_number_reason": "Unknown"},
            "no_nhs_number_reason",
            "Leave the reason blank when you give the NHS number",
        ),
        ({"full_name": ""}, "full_name", "Enter the child's full name"),
        ({"expectation": ""}, "expectation", "Select whether the death was expected or unexpected"),
        ({"sex": ""}, "sex", "Select the child's sex"),
        ({"died_at": "25:99"}, "died_at", "Enter the time of death as a real time, like 14:30"),
    ],
)
def test_a_bad_notification_says_what_to_fix(changes, field, message):
    form_errors = errors(forms.NotificationForm({**NOTIFICATION, **changes}))
    assert form_errors[field] == [message]


def test_no_nhs_number_with_a_reason_is_fine():
    form = forms.NotificationForm(
        {**NOTIFICATION, "nhs_number": "", "no_nhs_number_reason": "Not registered"}
    )
    assert form.is_valid(), form.errors


def test_a_duplicate_notification_names_the_existing_case(case):
    by_number = errors(forms.NotificationForm({**NOTIFICATION, "full_name": "Other Name"}))
    assert by_number["nhs_number"] == [
        f"A death has already been notified for the child with this NHS number: case {case.reference}"
    ]
    by_name = errors(
        forms.NotificationForm(
            {**NOTIFICATION, "full_name": " ZEBEDEE  testchild ", "nhs_number": "9990000026"}
        )
    )
    assert by_name["full_name"] == [
        "A death has already been notified for a child with this name and date of birth: "
        f"case {case.reference}"
    ]
    assert "__all__" not in by_number and "__all__" not in by_name


def test_editing_a_case_is_not_a_duplicate_of_itself(case):
    form = forms.NotificationForm({**NOTIFICATION, "ethnicity": "Mixed"}, instance=case)
    assert form.is_valid(), form.errors


def test_the_short_notification_for_a_clinician(db):
    clinician = UserFactory(roles=[Role.PRACTITIONER])
    form = forms.ShortNotificationForm(SHORT)
    assert "ethnicity" not in form.fields and "notifier_name" not in form.fields
    assert form.is_valid(), form.errors
    case = workflow.notify(by=clinician, **form.details())
    assert case.notifier == clinician and case.notifying_agency == clinician.agency
    assert case.notified_on == timezone.localdate() and case.stage == Stage.NOTIFIED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"died_on": "2019-04-30"}, "died_on", "The date of death must be on or after the date of birth"),
        ({"died_on": "2099-01-01"}, "died_on", "The date of death must be today or in the past"),
        (
            {"nhs_number": "9990000019"},
            "nhs_number",
            "Enter a valid NHS number: check the digits and try again",
        ),
    ],
)
def test_the_short_notification_checks_the_same(changes, field, message):
    assert errors(forms.ShortNotificationForm({**SHORT, **changes}))[field] == [message]


def test_the_jar_form(case, expected_case, agencies):
    good = {"met_on": "2024-03-05", "agencies": [a.pk for a in agencies]}
    assert forms.JointAgencyResponseForm(good, case=case).is_valid()
    assert errors(forms.JointAgencyResponseForm({**good, "met_on": "2024-02-28"}, case=case))["met_on"] == [
        "The date of the JAR meeting must be on or after the date of death"
    ]
    assert errors(forms.JointAgencyResponseForm({**good, "agencies": []}, case=case))["agencies"] == [
        "Select the agencies present"
    ]
    assert errors(forms.JointAgencyResponseForm(good, case=expected_case))["__all__"] == [
        "An expected death has no joint agency response"
    ]


def test_the_information_request_form(case, officer, agencies):
    workflow.record_joint_agency_response(case, met_on=dt.date(2024, 3, 5), agencies=agencies, by=officer)
    workflow.request_information(case, agencies[:1], by=officer, requested_on=dt.date(2024, 3, 6))
    form = forms.InformationRequestForm(case=case)
    today = timezone.localdate()
    assert form.initial == {"requested_on": today, "due_on": add_working_days(today, 15)}
    offered = set(form.fields["agencies"].queryset)
    assert agencies[0] not in offered and set(agencies[1:]) <= offered  # nobody is asked twice
    assert "within 15 working days of the request" in form.fields["due_on"].help_text
    good = {
        "agencies": [agencies[1].pk, agencies[2].pk],
        "requested_on": "2024-03-08",
        "due_on": "2024-04-02",
    }
    assert forms.InformationRequestForm(good, case=case).is_valid()
    assert errors(forms.InformationRequestForm({**good, "due_on": "2024-03-07"}, case=case))["due_on"] == [
        "The due date must be on or after the date requested"
    ]
    assert errors(forms.InformationRequestForm({**good, "agencies": [agencies[0].pk]}, case=case))["agencies"]


def test_the_return_upload_form(at_cdrm):
    request = at_cdrm.information_requests.first()

    def form(name, content, received="2024-03-20"):
        return forms.ReturnUploadForm(
            {"received_on": received}, {"file": SimpleUploadedFile(name, content)}, request=request
        )

    assert form("form.txt", b"Synthetic").is_valid()
    assert errors(form("form.pdf", b"MZ a program"))["file"] == ["The selected file is not a real PDF file"]
    assert errors(form("form.txt", b"x", received="2024-03-01"))["received_on"] == [
        "The date received must be on or after the date the information was requested"
    ]


def test_the_cdrm_form(case):
    assert errors(forms.ReviewMeetingForm({"held_on": "2024-05-01"}, case=case))["attendees"] == [
        "Enter who attended"
    ]
    assert errors(forms.ReviewMeetingForm({"held_on": "2099-05-01", "attendees": "GP"}, case=case))[
        "held_on"
    ] == ["The date of the meeting must be today or in the past"]


PANEL = {
    "completed_on": "2024-07-01",
    "category": Category.INFECTION.value,
    "modifiable": "no",
    "score_child": "1",
    "score_social": "1",
    "score_physical": "0",
    "score_services": "1",
    "learning_points": "Safer sleep advice\n\n  Smoking cessation referrals  \n",
}


def test_the_panel_review_form_closes_the_case(at_cdrm, officer):
    sleep = Factor.objects.get(name="Unsafe sleep")
    form = forms.PanelReviewForm({**PANEL, "factors": [sleep.pk]}, case=at_cdrm)
    assert form.is_valid(), form.errors
    assert form.learning_point_lines() == ["Safer sleep advice", "Smoking cessation referrals"]
    review = workflow.record_panel_review(
        at_cdrm,
        completed_on=form.cleaned_data["completed_on"],
        category=form.cleaned_data["category"],
        modifiable=form.cleaned_data["modifiable"],
        scores=form.scores(),
        factors=form.cleaned_data["factors"],
        learning_points=form.learning_point_lines(),
        by=officer,
    )
    assert review.case.stage == Stage.CLOSED and review.learning_points.count() == 2


def test_the_panel_review_form_explains_the_hierarchy(at_cdrm):
    form = forms.PanelReviewForm(case=at_cdrm)
    assert "choose the first that applies" in form.fields["category"].help_text
    labels = [label for _, label in form.fields["category"].choices]
    assert (
        len(labels) == 10 and labels[0].startswith("1. Deliberately") and labels[-1].startswith("10. Sudden")
    )
    Factor.objects.filter(name="Smoking").update(active=False)
    assert "Smoking" not in {f.name for f in form.fields["factors"].queryset}
    assert (
        forms.PanelReviewForm(case=at_cdrm).fields["factors"].queryset.count()
        == Factor.objects.filter(active=True).count()
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"score_social": ""}, "score_social", "Score the domain: social environment, including family"),
        ({"category": ""}, "category", "Select the category of death"),
        ({"category": "11"}, "category", "Select a valid choice"),
        ({"modifiable": "yes"}, "modifiable", "Modifiable factors need at least one domain scored"),
        (
            {"completed_on": "2024-05-01"},
            "completed_on",
            "must be on or after the child death review meeting",
        ),
    ],
)
def test_incomplete_conclusions_say_what_is_missing(at_cdrm, changes, field, message):
    form_errors = errors(forms.PanelReviewForm({**PANEL, **changes}, case=at_cdrm))
    assert len(form_errors[field]) == 1 and message in form_errors[field][0]


def test_modifiable_with_a_contributing_domain_is_fine(at_cdrm):
    data = {**PANEL, "modifiable": "yes", f"score_{Domain.SOCIAL}": Contribution.MAY_HAVE.value}
    assert forms.PanelReviewForm(data, case=at_cdrm).is_valid()


def test_the_family_contact_form(case):
    good = {"contacted_on": "2024-03-05", "summary": "Home visit", "bereavement_support_offered": "on"}
    assert forms.FamilyContactForm(good, case=case).is_valid()
    assert errors(forms.FamilyContactForm({**good, "contacted_on": "2099-01-01"}, case=case))[
        "contacted_on"
    ] == ["The date of contact must be today or in the past"]
    assert errors(forms.FamilyContactForm({**good, "summary": ""}, case=case))["summary"] == [
        "Enter what was discussed"
    ]


def test_the_lead_nurse_form_offers_only_active_lead_nurses(case, lead_nurse):
    UserFactory(roles=[Role.LEAD_NURSE], is_active=False)
    UserFactory(roles=[Role.GROUP_MEMBER], agency=AgencyFactory())
    form = forms.LeadNurseForm(case=case)
    assert list(form.fields["lead_nurse"].queryset) == [lead_nurse]
    assert errors(forms.LeadNurseForm({"lead_nurse": ""}, case=case))["lead_nurse"] == [
        "Select the lead nurse"
    ]
    assert forms.LeadNurseForm({"lead_nurse": lead_nurse.pk}, case=case).is_valid()
