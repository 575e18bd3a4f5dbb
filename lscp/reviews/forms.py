"""Forms for the CSPRG's casework. Date rules live on the models' clean(); each error is a sentence."""

import datetime as dt
from typing import cast

from django import forms
from django.utils import timezone

from lscp.core.models import Agency
from lscp.improvement.models import LearningTheme
from lscp.improvement.uploads import CheckedFileField
from lscp.reviews import models as m

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _agencies():
    return Agency.objects.filter(is_active=True)


def _required(label: str) -> dict:
    return {"required": f"Enter {label}", "invalid": f"Enter {label} as a real date"}


class NotificationForm(forms.ModelForm):
    class Meta:
        model = m.SeriousIncidentNotification
        fields = [
            "incident_on",
            "aware_on",
            "notifying_agency",
            "summary",
            "died_or_seriously_harmed",
            "abuse_or_neglect",
            "looked_after",
            "care_leaver",
            "notified_on",
        ]
        widgets = {
            "incident_on": DATE_WIDGET,
            "aware_on": DATE_WIDGET,
            "notified_on": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "aware_on": "The Panel must be notified within 5 working days of this date",
            "notified_on": "Leave blank until the notification has been sent",
        }
        error_messages = {
            "incident_on": _required("the date of the incident"),
            "aware_on": _required("the date the local authority became aware"),
            "notified_on": {"invalid": "Enter the date notified to the Panel as a real date"},
            "summary": {"required": "Enter a summary of the incident"},
            "notifying_agency": {"required": "Select the notifying agency"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notifying_agency"].queryset = _agencies()

    def clean(self):
        data = super().clean()
        if not (data.get("died_or_seriously_harmed") and data.get("abuse_or_neglect")) and not (
            data.get("looked_after") or data.get("care_leaver")
        ):
            raise forms.ValidationError(
                "A serious incident needs death or serious harm with abuse or neglect known or suspected, "
                "or the death of a looked-after child or care leaver"
            )
        return data


class ChildForm(forms.ModelForm):
    class Meta:
        model = m.Child
        fields = ["full_name", "date_of_birth", "sex", "ethnicity", "nhs_number"]
        widgets = {"date_of_birth": DATE_WIDGET, "sex": forms.Select}
        error_messages = {
            "full_name": {"required": "Enter the child's full name"},
            "date_of_birth": _required("the child's date of birth"),
            "sex": {"required": "Select the child's sex"},
            "ethnicity": {"required": "Enter the child's ethnicity"},
        }

    def clean_nhs_number(self) -> str:
        return "".join(self.cleaned_data["nhs_number"].split()).replace("-", "")

    def clean_date_of_birth(self) -> dt.date:
        born = self.cleaned_data["date_of_birth"]
        if born > timezone.localdate():
            raise forms.ValidationError("The date of birth must be in the past")
        return born


class BaseChildFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        filled = [f for f in self.forms if f.has_changed()]
        if not filled:
            raise forms.ValidationError("Enter at least one child")
        if len(filled) > m.MAX_CHILDREN:
            raise forms.ValidationError(f"A notification can name at most {m.MAX_CHILDREN} children")


ChildFormSet = forms.inlineformset_factory(
    m.SeriousIncidentNotification,
    m.Child,
    form=ChildForm,
    formset=BaseChildFormSet,
    extra=m.MAX_CHILDREN,
    max_num=m.MAX_CHILDREN,
    validate_max=True,
    can_delete=False,
)


class ReferralForm(forms.ModelForm):
    class Meta:
        model = m.CaseReferral
        fields = ["referrer_agency", "what_happened", "why_learning"]
        labels = {"referrer_agency": "Your agency"}
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 6}),
            "why_learning": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"what_happened": "Do not include the child's name; the group will ask for it if needed"}
        error_messages = {
            "referrer_agency": {"required": "Select your agency"},
            "what_happened": {"required": "Enter what happened"},
            "why_learning": {"required": "Enter why multi-agency learning may apply"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrer_agency"].queryset = _agencies()


class TriageForm(forms.ModelForm):
    starts_on = forms.DateField(
        label="Rapid review clock starts",
        required=False,
        widget=DATE_WIDGET,
        help_text="For a rapid review only: usually the date of the triage decision",
        error_messages={"invalid": "Enter the date the rapid review clock starts as a real date"},
    )

    class Meta:
        model = m.CaseReferral
        fields = ["outcome", "outcome_reason"]
        labels = {"outcome": "Triage outcome"}
        widgets = {"outcome": forms.RadioSelect, "outcome_reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].error_messages["required"] = "Select the triage outcome"
        self.fields["outcome"].choices = m.TriageOutcome.choices

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome and outcome != m.TriageOutcome.RAPID_REVIEW and not data.get("outcome_reason", "").strip():
            self.add_error("outcome_reason", "Enter the reason for the outcome")
        starts = data.get("starts_on")
        if starts and starts < self.instance.received_on:
            self.add_error("starts_on", "The rapid review cannot start before the referral was received")
        return data


class StartRapidReviewForm(forms.Form):
    starts_on = forms.DateField(
        label="Rapid review clock starts",
        widget=DATE_WIDGET,
        help_text="The date the Panel was notified: the rapid review is due 15 working days later",
        error_messages=_required("the date the rapid review clock starts"),
    )

    def __init__(self, *args, notification: m.SeriousIncidentNotification, **kwargs):
        super().__init__(*args, **kwargs)
        self.notification = notification
        if not self.is_bound:
            self.initial["starts_on"] = notification.notified_on or notification.aware_on

    def clean_starts_on(self) -> dt.date:
        starts = self.cleaned_data["starts_on"]
        if starts < self.notification.aware_on:
            raise forms.ValidationError(
                "The rapid review cannot start before the local authority became aware"
            )
        return starts


class RapidReviewForm(forms.ModelForm):
    class Meta:
        model = m.RapidReview
        fields = ["meeting_on", "participants", "findings"]
        widgets = {
            "meeting_on": DATE_WIDGET,
            "participants": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"participants": "Agencies and roles, one a line"}
        error_messages = {"meeting_on": {"invalid": "Enter the meeting date as a real date"}}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = m.RapidReview
        fields = ["decision", "rationale", "sent_to_panel_on"]
        widgets = {
            "decision": forms.RadioSelect,
            "rationale": forms.Textarea(attrs={"rows": 5}),
            "sent_to_panel_on": DATE_WIDGET,
        }
        error_messages = {"sent_to_panel_on": {"invalid": "Enter the date sent to the Panel as a real date"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].required = True
        self.fields["decision"].error_messages["required"] = "Select the decision"
        self.fields["decision"].choices = m.Decision.choices


class ReturnRequestForm(forms.ModelForm):
    class Meta:
        model = m.Return
        fields = ["agency", "due_on"]
        widgets = {"due_on": DATE_WIDGET}
        help_texts = {"due_on": "Usually by working day 10 of the rapid review"}
        error_messages = {"agency": {"required": "Select the agency"}, "due_on": _required("the due date")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        review = self.instance.rapid_review
        asked = review.returns.values_list("agency_id", flat=True)
        self.fields["agency"].queryset = _agencies().exclude(pk__in=asked)
        if not self.is_bound:
            # Working day 10 of the review, unless that has passed: a return cannot be due
            # before it is asked for.
            day_ten = review.milestones([])[0].due
            self.initial["due_on"] = max(day_ten, self.instance.requested_on or day_ten)

    def clean_due_on(self) -> dt.date:
        due = self.cleaned_data["due_on"]
        if due < self.instance.rapid_review.starts_on:
            raise forms.ValidationError("The due date must be on or after the date the rapid review started")
        return due


class ReturnUploadForm(forms.Form):
    file = CheckedFileField(label="Upload the return")
    received_on = forms.DateField(
        label="Date received",
        widget=DATE_WIDGET,
        error_messages=_required("the date the return was received"),
    )

    def __init__(self, *args, return_: m.Return, **kwargs):
        super().__init__(*args, **kwargs)
        self.return_ = return_
        if not self.is_bound:
            self.initial["received_on"] = timezone.localdate()

    def clean_received_on(self) -> dt.date:
        received = self.cleaned_data["received_on"]
        if received < self.return_.requested_on:
            raise forms.ValidationError("The return cannot be received before it was requested")
        if received > timezone.localdate():
            raise forms.ValidationError("The date received must be today or in the past")
        return received


class PracticeReviewForm(forms.ModelForm):
    class Meta:
        model = m.PracticeReview
        fields = [
            "reviewer",
            "terms_of_reference",
            "initiated_on",
            "draft_on",
            "final_on",
            "panel_told_on",
            "published_on",
        ]
        widgets = {
            "terms_of_reference": forms.Textarea(attrs={"rows": 6}),
            **{
                name: DATE_WIDGET
                for name in ("initiated_on", "draft_on", "final_on", "panel_told_on", "published_on")
            },
        }
        help_texts = {"initiated_on": "The review is due to be published 6 months after this date"}
        error_messages = {
            "initiated_on": _required("the date the review was initiated"),
            **{
                name: {"invalid": "Enter a real date"}
                for name in ("draft_on", "final_on", "panel_told_on", "published_on")
            },
        }


class EngagementForm(forms.ModelForm):
    class Meta:
        model = m.Engagement
        fields = ["who", "invited_on", "took_part", "note"]
        widgets = {"invited_on": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"took_part": "They took part in the review"}
        error_messages = {
            "who": {"required": "Enter who was invited"},
            "invited_on": _required("the date invited"),
        }

    def clean_invited_on(self) -> dt.date:
        invited = self.cleaned_data["invited_on"]
        if invited < self.instance.practice_review.initiated_on:
            raise forms.ValidationError(
                "The invitation must be on or after the date the review was initiated"
            )
        return invited


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the recommendation"},
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies it is addressed to",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency"},
    )
    themes = forms.ModelMultipleChoiceField(
        label="Learning themes (optional)",
        queryset=LearningTheme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    made_on = forms.DateField(
        label="Date made", widget=DATE_WIDGET, error_messages=_required("the date made")
    )
    due_date = forms.DateField(
        label="Due (optional)",
        widget=DATE_WIDGET,
        required=False,
        error_messages={"invalid": "Enter a real due date"},
    )

    def __init__(self, *args, earliest: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.earliest = earliest
        cast(forms.ModelMultipleChoiceField, self.fields["agencies"]).queryset = _agencies()
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = LearningTheme.objects.order_by(
            "name"
        )
        if not self.is_bound:
            self.initial["made_on"] = timezone.localdate()

    def clean(self):
        data = super().clean()
        made, due = data.get("made_on"), data.get("due_date")
        if made and made < self.earliest:
            self.add_error("made_on", "The recommendation cannot be made before the review began")
        if made and due and due < made:
            self.add_error("due_date", "The due date must be on or after the date made")
        return data
