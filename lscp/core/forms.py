"""Forms for core's own pages: agencies, and what the audit trail is searched by (core.trail searches)."""

import datetime as dt

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from lscp.core.models import AccessKind, Agency, AgencyKind, ServiceArea
from lscp.core.trail import ACCESS, CHANGE_KINDS, CHANGES


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "kind", "service_area", "is_active"]
        labels = {
            "name": "Name",
            "short_name": "Short name (optional)",
            "kind": "Kind of agency",
            "service_area": "Service area",
            "is_active": "Active in the partnership",
        }
        help_texts = {
            "name": "The organisation's full name, as it signs its letters",
            "short_name": "Used where space is short, for example WMDC",
            "kind": "The local authority, the police and the Integrated Care Board are the safeguarding "
            "partners; everyone else is a relevant agency",
            "is_active": "Untick when an agency closes or leaves; its history is kept",
        }
        widgets = {"kind": forms.RadioSelect, "service_area": forms.Select}
        error_messages = {
            "name": {
                "required": "Enter the agency's name",
                "max_length": "Name must be 200 characters or fewer",
            },
            "short_name": {"max_length": "Short name must be 40 characters or fewer"},
            "kind": {"required": "Select the kind of agency", "invalid_choice": "Select the kind of agency"},
            "service_area": {"required": "Select a service area", "invalid_choice": "Select a service area"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No blank choice: GOV.UK radios and a select with a prompt instead.
        self.fields["kind"].choices = AgencyKind.choices
        self.fields["service_area"].choices = [("", "Choose a service area"), *ServiceArea.choices]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        clash = Agency.objects.filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("An agency with this name already exists")
        return name

    def validate_unique(self) -> None:
        # clean_name has said it in words; the model's own check would say it again.
        pass


def _kind_choices() -> list:
    return [
        ("", "Everything"),
        (
            "Changes to records",
            [(CHANGES, "All changes"), *((kind, kind.capitalize()) for kind in CHANGE_KINDS)],
        ),
        ("Access and sign-in", [(ACCESS, "All access and sign-in"), *AccessKind.choices]),
    ]


class RecordTypeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ContentType) -> str:
        model = obj.model_class()
        if model is None:
            return obj.model
        app = apps.get_app_config(obj.app_label)
        return f"{str(model._meta.verbose_name).capitalize()} ({app.verbose_name})"


def _record_types() -> QuerySet[ContentType]:
    labels = [c.label for c in apps.get_app_configs() if c.name.startswith("lscp.")]
    return ContentType.objects.filter(app_label__in=labels).order_by("app_label", "model")


class AuditSearchForm(forms.Form):
    """What the audit trail is searched by. Every field is optional; blank means 'any'."""

    person = forms.CharField(
        label="Person",
        required=False,
        max_length=254,
        help_text="Part of their email address or name",
    )
    record = forms.CharField(
        label="Record",
        required=False,
        max_length=200,
        help_text="Part of the record's name, for example a meeting or an agency",
    )
    record_type = RecordTypeField(
        label="Type of record",
        queryset=ContentType.objects.none(),
        required=False,
        empty_label="Any type",
    )
    object_id = forms.CharField(label="Record number", required=False, max_length=64)
    kind = forms.ChoiceField(label="What happened", required=False)
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "From must be a real date"},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "To must be a real date"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_type"].queryset = _record_types()
        self.fields["kind"].choices = _kind_choices()
        self.fields["record_type"].error_messages["invalid_choice"] = "Select a type of record from the list"
        self.fields["kind"].error_messages["invalid_choice"] = "Select what happened from the list"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "To must be the same as or after From")
        today = timezone.localdate()
        if start and start > today + dt.timedelta(days=1):
            self.add_error("date_from", "From must be today or in the past")
        return cleaned
