"""Forms for the year's plan and report narrative.

Narrative is published in the annual report, so every narrative field is cleaned to the allowed
markup (lscp.core.richtext) as it is read from the form: what is saved is what will be shown.
"""

import datetime as dt
from urllib.parse import urlsplit

from django import forms
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.html import strip_tags

from lscp.core import richtext
from lscp.governance.forms import DATE_WIDGET
from lscp.governance.models import Group
from lscp.governance.yearly import (
    DevelopmentArea,
    EngagementActivity,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Priority,
    PriorityUpdate,
    Rag,
    ReportYear,
)
from lscp.improvement.models import Evidence

NARRATIVE_HINT = (
    "Leave a blank line between paragraphs. Headings, lists, links and bold or italic text are "
    "kept if you paste them or write them in HTML; anything else is removed."
)
LINKS_HINT = (
    "One link a line, as a label, a bar and the page's address, for example: "
    "Safe sleep course | /learning/courses/safe-sleep/ . Addresses are pages in this system, "
    "or https:// addresses."
)


def _govuk_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class NarrativeField(forms.CharField):
    """Text cleaned to the report's markup before validation, so a field holding only a script
    is empty, and so 'required'."""

    def __init__(self, *, rows: int = 8, **kwargs):
        kwargs.setdefault("help_text", NARRATIVE_HINT)
        super().__init__(widget=forms.Textarea(attrs={"rows": rows}), **kwargs)

    def to_python(self, value) -> str:
        html = richtext.clean(super().to_python(value) or "")
        # "<p></p>" (all that is left of a pasted script) says nothing: treat it as blank.
        return html if strip_tags(html).strip() else ""


def _link_problem(url: str) -> str | None:
    """Why a link's address cannot be used, or None when it can."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc:
        return None
    if parts.scheme or parts.netloc or not url.startswith("/"):
        # "//elsewhere.org/" has no scheme but leaves the site.
        return "the address must be a page in this system starting with /, or an https:// address"
    try:
        resolve(parts.path)
    except Resolver404:
        return f"{parts.path} is not a page in this system"
    return None


class LinksField(forms.CharField):
    """Links to the records behind a piece of narrative, "Label | /path/" a line, every bad line
    named so it can be found in a long list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", LINKS_HINT)
        kwargs.setdefault("required", False)
        super().__init__(widget=forms.Textarea(attrs={"rows": 4}), **kwargs)

    def clean(self, value) -> str:
        text = super().clean(value)
        lines, errors = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            label, bar, url = (part.strip() for part in line.partition("|"))
            if not bar or not label or not url:
                errors.append(f"Line {number}: write a label, then | , then the address")
            elif problem := _link_problem(url):
                errors.append(f"Line {number}: {problem}")
            else:
                lines.append(f"{label} | {url}")
        if errors:
            raise forms.ValidationError(errors)
        return "\n".join(lines)


class IntroductionForm(forms.ModelForm):
    introduction = NarrativeField(label="Introduction", required=False, rows=12)
    areas_of_focus = NarrativeField(
        label="Areas of focus for next year",
        required=False,
        help_text="What the partnership will concentrate on next year. " + NARRATIVE_HINT,
    )

    class Meta:
        model = ReportYear
        fields = ["introduction", "signatories", "areas_of_focus"]
        labels = {"signatories": "Signatories"}
        help_texts = {"signatories": "The statutory partners' leads who sign the introduction: one a line"}
        widgets = {"signatories": forms.Textarea(attrs={"rows": 4})}

    def clean_signatories(self) -> str:
        lines = (line.strip() for line in self.cleaned_data["signatories"].splitlines())
        return "\n".join(line for line in lines if line)

    def save(self, commit: bool = True) -> ReportYear:
        # Only the form's own columns: the year read when the page was opened may be stale, and a
        # full save would write its old sign-off (none) over one made meanwhile.
        if commit:
            self.instance.save(update_fields=self._meta.fields)
        return self.instance


class ScrutinyForm(forms.ModelForm):
    scrutineer_summary = NarrativeField(
        label="Independent scrutineer's summary",
        rows=14,
        error_messages={"required": "Enter your summary"},
    )

    class Meta:
        model = ReportYear
        fields = ["scrutineer_summary"]


class PriorityForm(forms.ModelForm):
    outcomes = NarrativeField(
        label="Outcomes sought", rows=6, error_messages={"required": "Enter the outcomes sought"}
    )
    groups = forms.ModelMultipleChoiceField(
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Groups delivering it",
    )

    class Meta:
        model = Priority
        fields = ["order", "title", "outcomes", "groups"]
        labels = {"order": "Number", "title": "Priority"}
        help_texts = {"order": "Priorities are listed in this order"}
        error_messages = {"title": {"required": "Enter the priority"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = self.fields["groups"]
        assert isinstance(groups, forms.ModelMultipleChoiceField)
        # Stood-down groups stay ticked where they were, but are not offered for new priorities.
        chosen = [group.pk for group in self.instance.groups.all()] if self.instance.pk else []
        groups.queryset = Group.objects.filter(Q(is_active=True) | Q(pk__in=chosen)).executive_first()
        self.fields["order"].widget.attrs["class"] = "govuk-input--width-3"


class _ProgressForm(forms.ModelForm):
    """A dated RAG status with what happened, for a priority or a key step."""

    on = forms.DateField(
        label="Date of the update",
        widget=DATE_WIDGET,
        error_messages={"required": "Enter the date of the update", "invalid": "Enter a real date"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select red, amber or green"},
    )
    text = NarrativeField(
        label="What has happened", rows=6, error_messages={"required": "Enter what has happened"}
    )

    def __init__(self, *args, **kwargs):
        # A new update is dated today; a correction shows the date it was given (initial would
        # override the instance's own).
        instance = kwargs.get("instance")
        if instance is None or instance.pk is None:
            kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_on(self) -> dt.date:
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("The date of the update must be today or in the past")
        return on


class PriorityUpdateForm(_ProgressForm):
    class Meta:
        model = PriorityUpdate
        fields = ["on", "status", "text"]


class KeyStepProgressForm(_ProgressForm):
    class Meta:
        model = KeyStepProgress
        fields = ["on", "status", "text"]


class GroupYearForm(forms.ModelForm):
    function = NarrativeField(
        label="Function", rows=6, error_messages={"required": "Enter the group's function"}
    )

    class Meta:
        model = GroupYear
        fields = ["function"]


class KeyStepForm(forms.ModelForm):
    text = NarrativeField(label="Key step", rows=4, error_messages={"required": "Enter the key step"})

    class Meta:
        model = KeyStep
        fields = ["order", "text"]
        labels = {"order": "Number"}
        help_texts = {"order": "Key steps are listed in this order"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].widget.attrs["class"] = "govuk-input--width-3"


class DevelopmentAreaForm(forms.ModelForm):
    text = NarrativeField(label="What the group did", error_messages={"required": "Enter what the group did"})
    links = LinksField(label="Records behind it")

    class Meta:
        model = DevelopmentArea
        fields = ["order", "title", "text", "links"]
        labels = {"order": "Number", "title": "Area of development"}
        error_messages = {"title": {"required": "Enter the area of development"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].widget.attrs["class"] = "govuk-input--width-3"


class EvidenceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        added = _govuk_date(timezone.localtime(obj.added_at).date())
        return f"{obj.recommendation.reference}: {obj.kind_label}, {added}: {obj}"


class ImpactStatementForm(forms.ModelForm):
    text = NarrativeField(label="Impact", rows=6, error_messages={"required": "Enter the impact it made"})
    evidence = EvidenceChoice(
        queryset=Evidence.objects.none(),
        required=False,
        label="Evidence (optional)",
        help_text="Evidence added since the year began to the group's recommendations",
        empty_label="No evidence",
    )

    class Meta:
        model = ImpactStatement
        fields = ["text", "evidence"]

    def __init__(self, *args, group: Group, year: ReportYear, **kwargs):
        super().__init__(*args, **kwargs)
        evidence = self.fields["evidence"]
        assert isinstance(evidence, forms.ModelChoiceField)
        # The group's own golden thread, from the year's start: a bounded list a chair can read.
        # A correction keeps the evidence already cited, even if it would not be offered now.
        offered = Q(recommendation__group=group, added_at__date__gte=year.year.start)
        if self.instance.evidence_id is not None:
            offered |= Q(pk=self.instance.evidence_id)
        evidence.queryset = (
            Evidence.objects.filter(offered).select_related("recommendation").order_by("-added_at", "-pk")
        )


WHO = [
    ("children", "Children"),
    ("young_people", "Young people"),
    ("parents", "Parents"),
    ("carers", "Carers"),
]


class EngagementForm(forms.ModelForm):
    held_on = forms.DateField(
        label="Date",
        widget=DATE_WIDGET,
        error_messages={"required": "Enter the date it was held", "invalid": "Enter a real date"},
    )
    who = forms.MultipleChoiceField(
        label="Who took part",
        choices=WHO,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select who took part"},
    )
    method = NarrativeField(
        label="How their views were sought",
        rows=4,
        error_messages={"required": "Enter how views were sought"},
    )
    heard = NarrativeField(
        label="What they told the partnership", error_messages={"required": "Enter what they said"}
    )
    changed = NarrativeField(label="What changed as a result", required=False)
    links = LinksField(label="Records it changed")

    class Meta:
        model = EngagementActivity
        fields = ["held_on", "title", "who", "taking_part", "method", "heard", "changed", "links"]
        labels = {"title": "Activity", "taking_part": "How many took part (optional)"}
        help_texts = {"taking_part": "Leave blank if not known"}
        error_messages = {
            "title": {"required": "Enter the activity's name"},
            "taking_part": {"invalid": "Enter the number who took part, like 12"},
        }

    def __init__(self, *args, year: ReportYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year.year
        if self.instance.pk:
            self.initial["who"] = [name for name, _ in WHO if getattr(self.instance, name)]
        self.fields["taking_part"].widget.attrs["class"] = "govuk-input--width-4"

    def clean_held_on(self) -> dt.date:
        held_on = self.cleaned_data["held_on"]
        if not self.year.start <= held_on <= self.year.end:
            raise forms.ValidationError(
                f"Enter a date in {self.year.label}, from {_govuk_date(self.year.start)} "
                f"to {_govuk_date(self.year.end)}"
            )
        return held_on

    def save(self, commit: bool = True) -> EngagementActivity:
        activity = super().save(commit=False)
        for name, _ in WHO:
            setattr(activity, name, name in self.cleaned_data["who"])
        if commit:
            activity.save()
        return activity


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why is the year being reopened?",
        help_text="This is kept with the year's record and shown on its page",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the year is being reopened"},
    )
