from typing import cast

from django import forms
from django.db.models import Q
from django.utils.text import slugify

from lscp.accounts.models import User
from lscp.core.models import Agency
from lscp.core.widgets import LongChoiceField
from lscp.improvement.log import STATUS_FILTER_CHOICES, LogFilters
from lscp.improvement.models import (
    Action,
    ActionStatus,
    EvidenceKind,
    LearningTheme,
    Rag,
    Recommendation,
    RecommendationStatus,
)
from lscp.improvement.sources import registered
from lscp.improvement.tracker import TrackerFilters
from lscp.improvement.uploads import (
    CheckedFileField,
)

# A native date picker submits ISO dates, whatever the browser's language.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def group_model():
    """The partnership's groups, reached through the action's link rather than an import."""
    return Action._meta.get_field("group").related_model


class ActionFilterForm(forms.Form):
    """The action log's filters, read from the query string."""

    group = LongChoiceField()
    agency = LongChoiceField()
    status = forms.ChoiceField(choices=STATUS_FILTER_CHOICES, required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)
    mine = forms.BooleanField(label="Mine only", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain (id, name) pairs, not model instances: there may be hundreds of agencies.
        groups = group_model().objects.filter(is_active=True).values_list("pk", "name")
        self.fields["group"].choices = [("", "All groups"), *groups]
        self.fields["agency"].choices = [
            ("", "All agencies"),
            *Agency.objects.filter(is_active=True).values_list("pk", "name"),
        ]

    def filters(self) -> LogFilters:
        if not self.is_bound:
            return LogFilters()
        # A value that matches nothing (a stale link) drops that filter; the others still apply,
        # because cleaned_data keeps every field that passed.
        self.is_valid()
        data = self.cleaned_data
        return LogFilters(
            group_id=data.get("group") or None,
            agency_id=data.get("agency") or None,
            status=data.get("status") or "",
            overdue_only=bool(data.get("overdue")),
            mine_only=bool(data.get("mine")),
        )


class ActionUpdateForm(forms.Form):
    text = forms.CharField(
        label="Update",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What has been done since the last update, and what happens next",
        error_messages={"required": "Enter the update"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a RAG rating"},
    )


class ActionForm(forms.ModelForm):
    """Editing an action's substance: what, who, by when."""

    class Meta:
        model = Action
        fields = ["title", "detail", "owner", "agency", "group", "due_date"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 4}), "due_date": DATE_WIDGET}
        labels = {"due_date": "Due date"}
        error_messages = {
            "title": {"required": "Enter a title"},
            "agency": {"required": "Select the agency responsible"},
            "due_date": {"required": "Enter the due date", "invalid": "Enter a real due date"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whoever and whatever the action names now stay choosable, even if no longer active.
        current = self.instance
        self.fields["owner"].queryset = User.objects.filter(Q(is_active=True) | Q(pk=current.owner_id))
        self.fields["agency"].queryset = Agency.objects.filter(Q(is_active=True) | Q(pk=current.agency_id))
        self.fields["group"].queryset = group_model().objects.filter(
            Q(is_active=True) | Q(pk=current.group_id)
        )
        self.fields["owner"].empty_label = "No named owner"
        self.fields["group"].empty_label = "No group"


# Recommendations


class TrackerFilterForm(forms.Form):
    """The recommendation tracker's filters, read from the query string."""

    source_kind = forms.ChoiceField(label="Source", required=False)
    group = LongChoiceField()
    agency = LongChoiceField(label="Addressed to")
    theme = LongChoiceField(label="Learning theme")
    status = forms.ChoiceField(choices=[("", "Any status"), *RecommendationStatus.choices], required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_kind"].choices = [("", "Any source"), *((k.code, k.label) for k in registered())]
        groups = group_model().objects.filter(is_active=True).values_list("pk", "name")
        self.fields["group"].choices = [("", "All groups"), *groups]
        self.fields["agency"].choices = [
            ("", "All agencies"),
            *Agency.objects.filter(is_active=True).values_list("pk", "name"),
        ]
        self.fields["theme"].choices = [("", "All themes"), *LearningTheme.objects.values_list("pk", "name")]

    def filters(self) -> TrackerFilters:
        if not self.is_bound:
            return TrackerFilters()
        self.is_valid()
        data = self.cleaned_data
        return TrackerFilters(
            source_kind=data.get("source_kind") or "",
            group_id=data.get("group") or None,
            agency_id=data.get("agency") or None,
            theme_id=data.get("theme") or None,
            status=data.get("status") or "",
            overdue_only=bool(data.get("overdue")),
        )


class RecommendationForm(forms.Form):
    """A recommendation from a source outside the app ("other": a scrutineer's report, say)."""

    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the recommendation"},
    )
    source_description = forms.CharField(
        label="Where it came from",
        max_length=300,
        help_text="For example, the independent scrutineer's report of March 2023",
        error_messages={"required": "Enter where the recommendation came from"},
    )
    group: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, label="Owning group", error_messages={"required": "Select the group that owns it"}
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        label="Addressed to",
        help_text="The agencies that must act on it",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency"},
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=LearningTheme.objects.all(),
        label="Learning themes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    made_on = forms.DateField(
        label="Made on",
        widget=DATE_WIDGET,
        error_messages={"required": "Enter the date it was made", "invalid": "Enter a real date"},
    )
    due_date = forms.DateField(
        label="Due date",
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": "Enter a real due date"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = group_model().objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        made_on, due = data.get("made_on"), data.get("due_date")
        if made_on and due and due < made_on:
            self.add_error("due_date", "The due date must be on or after the date it was made")
        return data


class RecommendationActionForm(forms.Form):
    """An action agreed for a recommendation, owned by someone from an agency it is addressed to."""

    title = forms.CharField(label="Action", max_length=300, error_messages={"required": "Enter the action"})
    detail = forms.CharField(label="Detail", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    owner = LongChoiceField(
        label="Owner",
        required=True,
        help_text="Someone from an agency the recommendation is addressed to",
        error_messages={
            "required": "Select who owns the action",
            "invalid_choice": "Select someone from an agency the recommendation is addressed to",
        },
    )
    due_date = forms.DateField(
        label="Due date",
        widget=DATE_WIDGET,
        error_messages={"required": "Enter the due date", "invalid": "Enter a real due date"},
    )

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        people = (
            User.objects.filter(is_active=True, agency__in=recommendation.agencies.all())
            .order_by("full_name")
            .values_list("pk", "full_name", "agency__name")
        )
        cast(LongChoiceField, self.fields["owner"]).choices = [
            ("", "Choose someone"),
            *((pk, f"{n} ({a})") for pk, n, a in people),
        ]

    def clean(self):
        data = super().clean()
        if data.get("owner"):
            data["owner"] = User.objects.select_related("agency").get(pk=data["owner"])
            data["agency"] = data["owner"].agency
        return data


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of evidence"},
    )
    text = forms.CharField(
        label="Evidence",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "What was done, or how practice changed and what shows it (an audit re-test, a KPI, feedback)"
        ),
        error_messages={"required": "Enter the evidence"},
    )
    action = forms.TypedChoiceField(label="For the action", coerce=int, required=False)
    file = CheckedFileField(label="Upload a file (optional)", required=False)
    kpi_ref = forms.CharField(label="KPI reference (optional)", max_length=100, required=False)
    audit_ref = forms.CharField(label="Audit reference (optional)", max_length=100, required=False)

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = {a.pk: a for a in recommendation.actions.all()}
        cast(forms.ChoiceField, self.fields["action"]).choices = [
            ("", "The recommendation as a whole"),
            *((a.pk, f"{a.reference}: {a.title}") for a in self.actions.values()),
        ]

    def clean_action(self):
        pk = self.cleaned_data.get("action")
        return self.actions.get(pk) if pk else None


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(
        label="New status",
        choices=RecommendationStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the new status"},
    )
    reason = forms.CharField(
        label="Reason (needed when moving back)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LearningResponseForm(forms.Form):
    learning_response = forms.CharField(
        label="L&D response",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How L&D will meet this learning need, until a course or resource can be linked",
    )


class LearningThemeForm(forms.ModelForm):
    class Meta:
        model = LearningTheme
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": "Enter the theme's name", "unique": "That theme already exists"}
        }

    def save(self, commit=True):
        theme = super().save(commit=False)
        base = slugify(theme.name)[:100] or "theme"
        slug, n = base, 1
        while LearningTheme.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        theme.slug = slug
        if commit:
            theme.save()
        return theme
