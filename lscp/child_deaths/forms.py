"""Forms for the child death review's steps. Each rule lives once, in workflow's `*_problems`
functions; the forms put its messages beside the fields they are about."""

from typing import cast

from django import forms
from django.utils import timezone

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.child_deaths import timescales, workflow
from lscp.child_deaths.categories import (
    UNEXPECTED_HELP,
    Category,
    Contribution,
    Domain,
    Expectation,
    Modifiable,
    Sex,
)
from lscp.child_deaths.models import ChildDeath, Factor, InformationRequest
from lscp.core.models import Agency
from lscp.core.nhs_number import normalise
from lscp.improvement.uploads import (
    CheckedFileField,
)

# A native date picker submits ISO dates, whatever the browser's language.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _required(label: str) -> dict:
    return {"required": f"Enter {label}", "invalid": f"Enter {label} as a real date"}


def _agencies():
    return Agency.objects.filter(is_active=True)


def _add_problems(form: forms.Form, problems: dict[str, str]) -> None:
    """Each problem beside its field, unless that field already says what is wrong with it."""
    for field, message in problems.items():
        if field not in form.fields:
            form.add_error(None, message)
        elif field not in form.errors:
            form.add_error(field, message)


def _date_field(label: str, what: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, error_messages=_required(what), **kwargs)


# --- notification ------------------------------------------------------------------------------

NOTIFICATION_ERRORS = {
    "full_name": {"required": "Enter the child's full name"},
    "date_of_birth": _required("the child's date of birth"),
    "sex": {"required": "Select the child's sex"},
    "ethnicity": {"required": "Enter the child's ethnicity"},
    "died_on": _required("the date of death"),
    "died_at": {"invalid": "Enter the time of death as a real time, like 14:30"},
    "place_of_death": {"required": "Enter the place of death"},
    "expectation": {"required": "Select whether the death was expected or unexpected"},
    "notified_on": _required("the date notified"),
}


class NotificationForm(forms.ModelForm):
    """The business unit's full notification (also for completing a clinician's short one)."""

    class Meta:
        model = ChildDeath
        fields = list(workflow.NOTIFICATION_FIELDS)
        widgets = {
            "date_of_birth": DATE_WIDGET,
            "died_on": DATE_WIDGET,
            "notified_on": DATE_WIDGET,
            "died_at": TIME_WIDGET,
            "sex": forms.RadioSelect,
            "expectation": forms.RadioSelect,
            "what_is_known": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"died_at": "Time of death (optional)", "home_postcode": "Home postcode (optional)"}
        help_texts = {
            "nhs_number": "10 digits, like 943 476 5919",
            "no_nhs_number_reason": "Only if there is no NHS number: for example, a baby who died before "
            "being registered",
            "expectation": UNEXPECTED_HELP,
            "what_is_known": "Only what is needed to plan the response",
        }
        error_messages = NOTIFICATION_ERRORS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radios without Django's "---------" choice.
        for name, choices in (("sex", Sex.choices), ("expectation", Expectation.choices)):
            if name in self.fields:
                cast(forms.ChoiceField, self.fields[name]).choices = choices
        if "notifying_agency" in self.fields:
            cast(forms.ModelChoiceField, self.fields["notifying_agency"]).queryset = _agencies()
        if "notified_on" in self.fields:
            scale = timescales.timescale(timescales.NOTIFICATION)
            self.fields["notified_on"].help_text = f"Local practice: notify {scale.description}"

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_nhs_number(self) -> str:
        # The model's validator then checks the digits; only the spacing is tidied here.
        return normalise(self.cleaned_data.get("nhs_number") or "")

    def clean(self):
        data = super().clean()
        problems = workflow.notification_problems(
            date_of_birth=data.get("date_of_birth"),
            died_on=data.get("died_on"),
            notified_on=data.get("notified_on"),
            nhs_number=data.get("nhs_number", ""),
            no_nhs_number_reason=data.get("no_nhs_number_reason", ""),
        )
        if "nhs_number" in self.errors:
            problems.pop("nhs_number", None)  # already says what is wrong
        _add_problems(self, problems)
        if not any(name in self.errors for name in ("full_name", "date_of_birth", "nhs_number")):
            self._refuse_duplicate(data)
        return data

    def _refuse_duplicate(self, data) -> None:
        found = workflow.find_duplicate(
            full_name=data.get("full_name", ""),
            date_of_birth=data.get("date_of_birth"),
            nhs_number=data.get("nhs_number", ""),
            exclude_pk=self.instance.pk,
        )
        if found:
            existing, field = found
            self.add_error(field, workflow.duplicate_message(existing, field))

    def details(self) -> dict:
        """The form's answers, as workflow.notify takes them."""
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ShortNotificationForm(NotificationForm):
    """What a notifying clinician can say at once; the business unit completes the rest."""

    class Meta(NotificationForm.Meta):
        fields = [
            "full_name",
            "date_of_birth",
            "sex",
            "nhs_number",
            "no_nhs_number_reason",
            "died_on",
            "died_at",
            "place_of_death",
            "expectation",
            "what_is_known",
        ]


# --- the steps ---------------------------------------------------------------------------------


class CaseForm(forms.Form):
    """A form about one case: its dates are checked against the case's."""

    def __init__(self, *args, case: ChildDeath, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


class JointAgencyResponseForm(CaseForm):
    met_on = _date_field("Date of the JAR meeting", "the date of the JAR meeting")
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies present",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the agencies present"},
    )
    immediate_actions = forms.CharField(
        label="Immediate actions (optional)", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["agencies"]).queryset = _agencies()
        scale = timescales.timescale(timescales.JAR)
        self.fields["met_on"].help_text = f"Local practice: meet {scale.description}"

    def clean(self):
        data = super().clean()
        if not self.case.is_unexpected:
            self.add_error(None, "An expected death has no joint agency response")
        _add_problems(self, workflow.jar_problems(self.case, data.get("met_on")))
        return data


class InformationRequestForm(CaseForm):
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies to ask",
        help_text="Select all that apply: each gets the reporting form with the same due date",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency"},
    )
    requested_on = _date_field("Date requested", "the date requested")
    due_on = _date_field("Due", "the due date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        asked = self.case.information_requests.values_list("agency_id", flat=True)
        cast(forms.ModelMultipleChoiceField, self.fields["agencies"]).queryset = _agencies().exclude(
            pk__in=asked
        )
        scale = timescales.timescale(timescales.INFORMATION)
        self.fields["due_on"].help_text = f"Local practice: {scale.description}"
        if not self.is_bound:
            today = timezone.localdate()
            self.initial["requested_on"] = today
            self.initial["due_on"] = timescales.information_due(self.case, today)

    def clean(self):
        data = super().clean()
        _add_problems(
            self, workflow.request_problems(self.case, data.get("requested_on"), data.get("due_on"))
        )
        return data


class ReturnUploadForm(forms.Form):
    file = CheckedFileField(label="Upload the agency's reporting form")
    received_on = _date_field("Date received", "the date received")

    def __init__(self, *args, request: InformationRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if not self.is_bound:
            self.initial["received_on"] = timezone.localdate()

    def clean(self):
        data = super().clean()
        _add_problems(self, workflow.return_problems(self.request, data.get("received_on")))
        return data


class ReviewMeetingForm(CaseForm):
    """The child death review meeting (CDRM)."""

    held_on = _date_field("Date of the meeting", "the date of the meeting")
    attendees = forms.CharField(
        label="Who attended",
        help_text="Roles and agencies, one a line",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter who attended"},
    )
    draft_learning = forms.CharField(
        label="Draft learning (optional)", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scale = timescales.timescale(timescales.CDRM)
        self.fields["held_on"].help_text = f"Local practice: {scale.description}"

    def clean(self):
        data = super().clean()
        _add_problems(self, workflow.cdrm_problems(self.case, data.get("held_on")))
        return data


CATEGORY_HINT = (
    "The categories are a hierarchy: reading from the top, choose the first that applies. "
    "A death from an infection in a child with a malignancy is recorded as malignancy, for example."
)


def _score_field(domain: Domain) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=domain.label,
        choices=Contribution.choices,
        widget=forms.RadioSelect,
        error_messages={"required": f"Score the domain: {domain.label.lower()}"},
    )


class PanelReviewForm(CaseForm):
    """The panel's conclusions, in the order of the national analysis form."""

    completed_on = _date_field("Date the panel concluded its review", "the date the panel concluded")
    score_child = _score_field(Domain.CHILD)
    score_social = _score_field(Domain.SOCIAL)
    score_physical = _score_field(Domain.PHYSICAL)
    score_services = _score_field(Domain.SERVICES)
    factors = forms.ModelMultipleChoiceField(
        label="Named factors (optional)",
        help_text="Select all that the panel identified",
        queryset=Factor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ChoiceField(
        label="Category of death",
        help_text=CATEGORY_HINT,
        choices=[(value, f"{value}. {label}") for value, label in Category.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the category of death"},
    )
    modifiable = forms.ChoiceField(
        label="Modifiable factors",
        help_text="Factors which may have contributed to the death and which, by means of nationally or "
        "locally achievable interventions, could be modified to reduce the risk of future child deaths",
        choices=Modifiable.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether modifiable factors were identified"},
    )
    learning_points = forms.CharField(
        label="Learning points (optional)",
        help_text="One a line: each can become a recommendation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    conclusions = forms.CharField(
        label="Conclusions (optional)", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["factors"]).queryset = Factor.objects.filter(
            active=True
        )

    def scores(self) -> dict[str, str]:
        """Domain → the form's 0 / 1 / 2, for the domains answered."""
        return {
            domain: self.cleaned_data[f"score_{domain}"]
            for domain in Domain.values
            if self.cleaned_data.get(f"score_{domain}")
        }

    def learning_point_lines(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data.get("learning_points", "").splitlines() if line.strip()
        ]

    def clean(self):
        data = super().clean()
        problems = workflow.panel_problems(
            self.case,
            completed_on=data.get("completed_on"),
            category=data.get("category", ""),
            modifiable=data.get("modifiable", ""),
            scores=self.scores(),
        )
        _add_problems(self, problems)
        return data


class FamilyContactForm(CaseForm):
    contacted_on = _date_field("Date of contact", "the date of contact")
    summary = forms.CharField(
        label="What was discussed",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what was discussed"},
    )
    bereavement_support_offered = forms.BooleanField(label="Bereavement support offered", required=False)
    support_notes = forms.CharField(
        label="Support offered or arranged (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["contacted_on"] = timezone.localdate()

    def clean(self):
        data = super().clean()
        _add_problems(self, workflow.contact_problems(self.case, data.get("contacted_on")))
        return data


class LeadNurseForm(forms.Form):
    lead_nurse = forms.ModelChoiceField(
        label="Lead nurse or key worker",
        queryset=User.objects.none(),
        empty_label="Select the lead nurse",
        error_messages={"required": "Select the lead nurse"},
    )

    def __init__(self, *args, case: ChildDeath | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        nurses = User.objects.filter(is_active=True, groups__name=Role.LEAD_NURSE).distinct()
        cast(forms.ModelChoiceField, self.fields["lead_nurse"]).queryset = nurses
        if case is not None and not self.is_bound and case.lead_nurse_id:
            self.initial["lead_nurse"] = case.lead_nurse_id
