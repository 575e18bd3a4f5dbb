"""Forms for learning products (resources), and the writes they lead to: a new resource with its
first version, a change to its details, and each later version (numbered, never overwritten).

A version is a file or a link, never both, never neither (the database refuses it too). Files go
through improvement.uploads: the type is judged by the content, not the name, and anything over
its size limit is refused before anything is saved.
"""

import datetime as dt
import re
import unicodedata
from pathlib import PurePath

from django import forms
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.improvement.models import LearningTheme
from lscp.improvement.uploads import ALLOWED_LABEL, MAX_SIZE_LABEL, CheckedFileField
from lscp.learning.models import Resource, ResourceKind, ResourceVersion

# A native date picker submits ISO dates, whatever the browser's language.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STAFF_ROLES = [role.value for role in Role if role != Role.PRACTITIONER]


def safe_name(name: str) -> str:
    """The original file name as it may be shown and sent back: no folders, no control characters,
    no quotes, at most 255 characters (the suffix kept)."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C")
    base = re.sub(r'["<>|:*?]', "", base).strip(" .") or "resource"
    if len(base) > 255:
        suffix = PurePath(base).suffix[:10]
        base = base[: 255 - len(suffix)] + suffix
    return base


def unique_slug(title: str) -> str:
    """The title as a slug; a number added when another resource has it already."""
    base = slugify(title)[:190] or "resource"
    taken = set(Resource.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class ResourceForm(forms.ModelForm):
    """A resource's details. The owner is chosen by the business unit; an owner editing their own
    resource does not hand it on."""

    published = forms.BooleanField(
        label="Published",
        required=False,
        help_text="Shown in the resources list. Leave unticked to keep it as a draft.",
    )

    class Meta:
        model = Resource
        fields = ["title", "kind", "summary", "themes", "audience", "is_public", "owner", "review_on"]
        labels = {
            "title": "Title",
            "kind": "Kind of resource",
            "summary": "Summary",
            "themes": "Learning themes",
            "audience": "Who it is for (optional)",
            "is_public": "Anyone may read it",
            "owner": "Owner",
            "review_on": "Review date",
        }
        help_texts = {
            "summary": "What it covers, in a sentence or two: shown in the list",
            "themes": "The learning needs it helps to meet",
            "audience": "For example: designated safeguarding leads, health visitors",
            "is_public": "Otherwise only people who have signed in (practitioners and staff) may read it",
            "owner": "Keeps it up to date; reminded by email when the review date comes",
            "review_on": "When the owner checks it is still right",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "review_on": DATE_WIDGET,
        }
        error_messages = {
            "title": {"required": "Enter the title"},
            "kind": {"required": "Select the kind of resource"},
            "review_on": {"required": "Enter the review date", "invalid": "Enter a real review date"},
        }

    def __init__(self, *args, can_choose_owner: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["summary"].error_messages["required"] = "Enter a summary"
        themes = self.fields["themes"]
        assert isinstance(themes, forms.ModelMultipleChoiceField)
        themes.queryset = LearningTheme.objects.order_by("name")
        if can_choose_owner:
            owner = self.fields["owner"]
            assert isinstance(owner, forms.ModelChoiceField)
            owner.queryset = (
                User.objects.filter(is_active=True, groups__name__in=STAFF_ROLES)
                .distinct()
                .order_by("full_name")
            )
            owner.required = True
            owner.empty_label = "Choose the owner"
            owner.error_messages["required"] = "Select who owns it"
            owner.error_messages["invalid_choice"] = "Select someone from the partnership"
        else:
            del self.fields["owner"]
        if self.instance.pk:
            self.fields["published"].initial = self.instance.published_on is not None

    def clean_review_on(self):
        review_on = self.cleaned_data["review_on"]
        unchanged = self.instance.pk and review_on == self.instance.review_on
        if not unchanged and review_on <= timezone.localdate():
            raise forms.ValidationError("The review date must be in the future")
        return review_on

    def apply(self, resource: Resource) -> None:
        """Carry the published box and a new review date onto the resource (not yet saved)."""
        published = self.cleaned_data.get("published")
        if published and resource.published_on is None:
            resource.published_on = timezone.localdate()
        elif not published:
            resource.published_on = None
        if "review_on" in self.changed_data:
            resource.review_reminded_on = None  # the reminder belongs to the old date


class VersionFields(forms.Form):
    """A version: a file or a link, and what changed."""

    file = CheckedFileField(
        label="Upload a file",
        required=False,
        help_text=f"A {ALLOWED_LABEL} file, smaller than {MAX_SIZE_LABEL}. Or give a link below.",
    )
    link = forms.URLField(
        label="Or give a link",
        assume_scheme="https",
        required=False,
        max_length=200,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text="A video or podcast hosted elsewhere, or a page on the website",
        error_messages={"invalid": "Enter a link that starts with https://"},
    )
    note = forms.CharField(label="What changed in this version", max_length=300, required=False)


def _file_or_link(form: forms.Form) -> None:
    file, link = form.cleaned_data.get("file"), form.cleaned_data.get("link")
    if "file" in form.errors or "link" in form.errors:
        return
    if not file and not link:
        form.add_error("file", "Upload a file or give a link")
    elif file and link:
        form.add_error("link", "Give a file or a link, not both")


class ResourceAddForm(ResourceForm, VersionFields):
    """A new resource and its first version, on one page."""

    field_order = [
        "title",
        "kind",
        "summary",
        "themes",
        "audience",
        "is_public",
        "owner",
        "review_on",
        "published",
        "file",
        "link",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]  # the first version has nothing to compare with

    def clean(self):
        data = super().clean()
        _file_or_link(self)
        return data

    @transaction.atomic
    def save_new(self, added_by: User) -> Resource:
        resource = super().save(commit=False)
        resource.slug = unique_slug(resource.title)
        self.apply(resource)
        if "owner" not in self.fields:
            resource.owner = added_by
        resource.save()
        self.save_m2m()
        add_version(
            resource, added_by, file=self.cleaned_data.get("file"), link=self.cleaned_data.get("link", "")
        )
        return resource


class ResourceEditForm(ResourceForm):
    @transaction.atomic
    def save_changes(self) -> Resource:
        resource = super().save(commit=False)
        self.apply(resource)
        resource.save()
        self.save_m2m()
        return resource


class VersionForm(VersionFields):
    """A new version of a resource; it replaces the current one in the list, the old one is kept."""

    review_on = forms.DateField(
        label="Next review date (optional)",
        required=False,
        widget=DATE_WIDGET,
        help_text="Set it when this version is the outcome of a review",
        error_messages={"invalid": "Enter a real review date"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
        self.fields["note"].error_messages["required"] = "Say what changed in this version"

    def clean_review_on(self):
        review_on = self.cleaned_data.get("review_on")
        if review_on and review_on <= timezone.localdate():
            raise forms.ValidationError("The review date must be in the future")
        return review_on

    def clean(self):
        data = super().clean()
        _file_or_link(self)
        return data

    @transaction.atomic
    def save_for(self, resource: Resource, added_by: User) -> ResourceVersion:
        data = self.cleaned_data
        version = add_version(
            resource, added_by, file=data.get("file"), link=data.get("link", ""), note=data["note"]
        )
        if data.get("review_on"):
            resource.review_on = data["review_on"]
            resource.review_reminded_on = None
            resource.save(update_fields=["review_on", "review_reminded_on"])
        return version


def add_version(
    resource: Resource,
    added_by: User | None,
    *,
    file=None,
    link: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> ResourceVersion:
    """The next version number, taken with the resource's row locked so two editors at once never
    pick the same one. The file is stored under a random name; its original name is kept."""
    with transaction.atomic():
        Resource.objects.select_for_update().filter(pk=resource.pk).first()
        latest = resource.versions.aggregate(n=Max("number"))["n"] or 0
        version = ResourceVersion(
            resource=resource,
            number=latest + 1,
            link="" if file else link,
            note=note,
            added_by=added_by,
            added_at=at or timezone.now(),
        )
        if file:
            version.original_name = safe_name(file.name)
            version.file.save(version.original_name, file, save=False)
        version.save()
    return version


class ResourceFilterForm(forms.Form):
    """The resources list's filters, read from the query string."""

    kind = forms.ChoiceField(label="Kind", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All kinds"), *ResourceKind.choices]  # type: ignore[attr-defined]
        self.fields["theme"].choices = [  # type: ignore[attr-defined]
            ("", "All themes"),
            *LearningTheme.objects.order_by("name").values_list("slug", "name"),
        ]

    def filters(self) -> dict[str, str]:
        """The filters that are valid; a stale value (a theme since renamed) is dropped."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
