import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.models import Agency
from lscp.governance.models import AgendaItem, AttendanceStatus, Decision, Group, Meeting, Membership

# A native date picker submits ISO dates, whatever the browser's language.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


# Group pages live at /groups/<slug>/, beside /groups/add/.
RESERVED_SLUGS = frozenset({"add"})


def _active_agencies(current_id=None):
    return Agency.objects.filter(Q(is_active=True) | Q(pk=current_id))


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "short_name", "kind", "function", "order", "is_active"]
        labels = {
            "short_name": "Short name",
            "kind": "Kind of group",
            "function": "Function",
            "order": "Order in lists",
            "is_active": "The group meets (untick when it is stood down)",
        }
        help_texts = {
            "short_name": "For example, CSPRG. Used in lists and in the group's web address.",
            "order": "Sub-groups are listed in this order, after the Executive",
        }
        widgets = {"kind": forms.RadioSelect, "function": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "name": {"required": "Enter the group's name", "unique": "A group with this name already exists"},
            "short_name": {
                "required": "Enter a short name",
                "unique": "A group with this short name already exists",
            },
            "function": {"required": "Enter what the group is for"},
        }

    def clean_short_name(self) -> str:
        short_name = self.cleaned_data["short_name"].strip()
        if self.instance.pk is None:
            slug = slugify(short_name)
            if not slug:
                raise forms.ValidationError("Enter a short name with at least one letter or number")
            if slug in RESERVED_SLUGS:
                raise forms.ValidationError(f"“{short_name}” cannot be used as a short name; choose another")
            if Group.objects.filter(slug=slug).exists():
                raise forms.ValidationError("A group with a similar short name already exists")
        return short_name

    def save(self, commit: bool = True) -> Group:
        group = super().save(commit=False)
        if not group.slug:
            # The web address is fixed when the group is created, so links keep working.
            group.slug = slugify(group.short_name)
        if commit:
            group.save()
        return group


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "agency", "start"]
        labels = {"person": "Person", "agency": "Agency represented", "start": "Member from"}
        help_texts = {"agency": "Leave blank for the agency the person works for"}
        widgets = {"role": forms.RadioSelect, "start": DATE_WIDGET}
        error_messages = {
            "person": {"required": "Select the person"},
            "start": {"required": "Enter the date they became a member", "invalid": "Enter a real date"},
        }

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        # Only partnership staff sit on groups: practitioners have no part in governance.
        staff_roles = [role.value for role in Role if role != Role.PRACTITIONER]
        person, agency = self.fields["person"], self.fields["agency"]
        assert isinstance(person, forms.ModelChoiceField) and isinstance(agency, forms.ModelChoiceField)
        person.queryset = (
            User.objects.filter(is_active=True, groups__name__in=staff_roles).distinct().order_by("full_name")
        )
        agency.queryset = _active_agencies()
        agency.required = False

    def clean(self):
        data = super().clean()
        person, start = data.get("person"), data.get("start")
        if person and not data.get("agency"):
            if person.agency is None:
                self.add_error("agency", "Select the agency they represent (they have no agency on record)")
            else:
                data["agency"] = person.agency
        if person and start and self.group.memberships.current(start).filter(person=person).exists():
            self.add_error("person", f"{person} is already a member of this group on that date")
        return data

    def save(self, commit: bool = True) -> Membership:
        membership = super().save(commit=False)
        membership.group = self.group
        membership.agency = self.cleaned_data["agency"]
        if commit:
            membership.save()
        return membership


class EndMembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["end"]
        labels = {"end": "Last day of membership"}
        widgets = {"end": DATE_WIDGET}
        error_messages = {"end": {"invalid": "Enter a real date"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].required = True
        self.fields["end"].error_messages["required"] = "Enter the last day of membership"

    def clean_end(self) -> dt.date:
        end = self.cleaned_data["end"]
        if end < self.instance.start:
            raise forms.ValidationError(
                "The last day must be on or after the day membership began "
                f"({self.instance.start.day} {self.instance.start:%B %Y})"
            )
        return end


class MeetingForm(forms.ModelForm):
    """A meeting's date and time are asked for separately and read as UK local time."""

    date = forms.DateField(
        label="Date",
        widget=DATE_WIDGET,
        error_messages={"required": "Enter the date of the meeting", "invalid": "Enter a real date"},
    )
    time = forms.TimeField(
        label="Start time",
        widget=TIME_WIDGET,
        help_text="For example, 14:00",
        error_messages={"required": "Enter the start time", "invalid": "Enter a real time, like 14:00"},
    )

    class Meta:
        model = Meeting
        fields = ["location", "is_cancelled"]
        labels = {"location": "Where", "is_cancelled": "The meeting is cancelled"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("time", local.time().replace(second=0, microsecond=0))
        else:
            del self.fields["is_cancelled"]

    def save(self, commit: bool = True) -> Meeting:
        meeting = super().save(commit=False)
        meeting.starts_at = timezone.make_aware(
            dt.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        )
        if commit:
            meeting.save()
        return meeting


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "title", "presenter", "paper"]
        labels = {"order": "Item number", "presenter": "Presented by", "paper": "Paper"}
        widgets = {"paper": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Enter the item's title"},
            "order": {
                "required": "Enter the item number",
                "invalid": "Enter the item number as a whole number",
            },
        }


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes", "minutes_approved_on"]
        labels = {"minutes": "Minutes", "minutes_approved_on": "Date the minutes were approved"}
        help_texts = {"minutes_approved_on": "Leave blank until the group has approved them"}
        widgets = {"minutes": forms.Textarea(attrs={"rows": 15}), "minutes_approved_on": DATE_WIDGET}
        error_messages = {"minutes_approved_on": {"invalid": "Enter a real date"}}

    def clean(self):
        data = super().clean()
        approved = data.get("minutes_approved_on")
        if approved:
            if not (data.get("minutes") or "").strip():
                self.add_error("minutes", "Enter the minutes before marking them approved")
            if approved < self.instance.local_date:
                self.add_error(
                    "minutes_approved_on", "Minutes cannot be approved before the meeting took place"
                )
            elif approved > timezone.localdate():
                self.add_error("minutes_approved_on", "The approval date must be today or in the past")
        return data


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "agenda_item"]
        labels = {"text": "Decision", "agenda_item": "Agenda item"}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"text": {"required": "Enter the decision"}}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        agenda_item = self.fields["agenda_item"]
        assert isinstance(agenda_item, forms.ModelChoiceField)
        agenda_item.queryset = meeting.agenda_items.all()
        agenda_item.empty_label = "Not linked to an item"


class AttendanceForm(forms.Form):
    """One set of radios per person: present, apologies or absent (or nothing recorded yet)."""

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendees = attendees
        for attendee in attendees:
            self.fields[self.field_name(attendee)] = forms.ChoiceField(
                label=f"{attendee.person.full_name} ({attendee.agency})",
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=attendee.status,
                help_text=attendee.role,
            )

    @staticmethod
    def field_name(attendee) -> str:
        return f"person_{attendee.person.pk}"

    def statuses(self) -> dict[int, tuple[str, Agency]]:
        return {
            a.person.pk: (self.cleaned_data.get(self.field_name(a)) or "", a.agency) for a in self.attendees
        }


class MeetingActionForm(forms.Form):
    """An action raised at a meeting, owned by one of the group's members."""

    title = forms.CharField(label="Action", max_length=300, error_messages={"required": "Enter the action"})
    detail = forms.CharField(label="Detail", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    # Both lists depend on the meeting; __init__ fills them in.
    owner: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        queryset=None,
        label="Owner",
        help_text="One of the group's members",
        error_messages={
            "required": "Select who owns the action",
            "invalid_choice": "Select one of the group's members as the owner",
        },
    )
    agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        queryset=None,
        label="Agency responsible",
        required=False,
        help_text="Leave blank for the agency the owner represents on the group",
    )
    due_date = forms.DateField(
        label="Due date",
        widget=DATE_WIDGET,
        error_messages={"required": "Enter the due date", "invalid": "Enter a real due date"},
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {
            m.person_id: m
            for m in meeting.group.memberships.current().select_related("person", "agency").by_role()
        }
        owner, agency = self.fields["owner"], self.fields["agency"]
        assert isinstance(owner, forms.ModelChoiceField) and isinstance(agency, forms.ModelChoiceField)
        owner.queryset = User.objects.filter(pk__in=self.memberships).order_by("full_name")
        agency.queryset = _active_agencies()

    def clean_due_date(self) -> dt.date:
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError("The due date must be today or in the future")
        return due

    def clean(self):
        data = super().clean()
        owner = data.get("owner")
        if owner and not data.get("agency"):
            data["agency"] = self.memberships[owner.pk].agency
        return data
