"""Forms for core's own pages: agencies, and the audit trail's search."""

import datetime as dt

from auditlog.models import LogEntry
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Q, Value
from django.utils import timezone

from lscp.core.models import AccessEntry, AccessKind, Agency, AgencyKind, ServiceArea


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


CHANGES = "changes"
ACCESS = "access"
# LogEntry.Action values, as the trail names them.
CHANGE_KINDS = {"created": 0, "updated": 1, "deleted": 2}


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
        return f"{model._meta.verbose_name.capitalize()} ({apps.get_app_config(obj.app_label).verbose_name})"


def _record_types():
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


# --- The search itself -------------------------------------------------------------------------
# Two trails, one list: changes (django-auditlog) and access (core.AccessEntry), merged in the
# database by a UNION of (time, id, trail) so that ordering and paging stay in SQL however long
# the trails grow; only the page's own rows are then fetched in full.


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def trail_keys(filters: dict):
    """(at, pk, trail) for every matching entry in both trails, newest first."""
    changes = LogEntry.objects.all()
    access = AccessEntry.objects.all()
    kind = filters.get("kind") or ""
    if kind == CHANGES:
        access = access.none()
    elif kind in CHANGE_KINDS:
        changes = changes.filter(action=CHANGE_KINDS[kind])
        access = access.none()
    elif kind == ACCESS:
        changes = changes.none()
    elif kind:
        access = access.filter(kind=kind)
        changes = changes.none()
    if person := (filters.get("person") or "").strip():
        changes = changes.filter(
            Q(actor__email__icontains=person)
            | Q(actor_email__icontains=person)
            | Q(actor__full_name__icontains=person)
        )
        access = access.filter(
            Q(user__email__icontains=person)
            | Q(username__icontains=person)
            | Q(user__full_name__icontains=person)
        )
    if record := (filters.get("record") or "").strip():
        changes = changes.filter(object_repr__icontains=record)
        access = access.filter(object_repr__icontains=record)
    if record_type := filters.get("record_type"):
        changes = changes.filter(content_type=record_type)
        access = access.filter(content_type=record_type)
    if object_id := (filters.get("object_id") or "").strip():
        changes = changes.filter(object_pk=object_id)
        access = access.filter(object_id=object_id)
    if start := filters.get("date_from"):
        changes = changes.filter(timestamp__gte=_day_start(start))
        access = access.filter(at__gte=_day_start(start))
    if end := filters.get("date_to"):
        changes = changes.filter(timestamp__lt=_day_start(end + dt.timedelta(days=1)))
        access = access.filter(at__lt=_day_start(end + dt.timedelta(days=1)))
    # Same annotations on both sides, so the UNION's columns line up by construction.
    changes = (
        changes.order_by()
        .annotate(ts=F("timestamp"), ref=F("pk"), trail=Value(CHANGES, output_field=CharField()))
        .values_list("ts", "ref", "trail")
    )
    access = (
        access.order_by()
        .annotate(ts=F("at"), ref=F("pk"), trail=Value(ACCESS, output_field=CharField()))
        .values_list("ts", "ref", "trail")
    )
    return changes.union(access, all=True).order_by("-ts", "-ref")
