from django import forms
from django.db.models import Q

from lscp.accounts.models import User
from lscp.core.models import Agency
from lscp.core.widgets import LongChoiceField
from lscp.improvement.log import STATUS_FILTER_CHOICES, LogFilters
from lscp.improvement.models import Action, ActionStatus, Rag

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
