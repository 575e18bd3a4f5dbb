"""Forms for the catalogue, registration, booking and the business unit's running of courses."""

import copy
import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.models import Agency, AgencyKind, ServiceArea
from lscp.improvement.models import LearningTheme
from lscp.learning import booking
from lscp.learning.models import ON_DEMAND, Course, CourseAudience, CourseFormat, Session

# A native date picker submits ISO dates, whatever the browser's language.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.org"


def posted(request):
    """A form's data on a POST (even an empty one, so that it is checked and its errors shown),
    otherwise None."""
    return request.POST if request.method == "POST" else None


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters (a GET form: a bad date is reported and the rest still apply)."""

    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=LearningTheme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All themes",
        error_messages={"invalid_choice": "Choose a theme from the list"},
    )
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[("", "All formats"), *CourseFormat.choices],
        error_messages={"invalid_choice": "Choose a format from the list"},
    )
    audience = forms.ChoiceField(
        label="Who it is for",
        help_text="Courses open to every agency are included",
        required=False,
        choices=[("", "Every agency"), *AgencyKind.choices],
        error_messages={"invalid_choice": "Choose a kind of agency from the list"},
    )
    date_from = forms.DateField(
        label="Sessions from",
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": "Enter a real date for the start of the dates you want"},
    )
    date_to = forms.DateField(
        label="Sessions to",
        help_text="Recorded sessions and e-learning have no dates: choosing dates leaves them out",
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": "Enter a real date for the end of the dates you want"},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data

    def filters(self) -> dict:
        """The filters that were given and valid: a wrong one is reported and ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    @staticmethod
    def apply(courses: QuerySet[Course], filters: dict) -> QuerySet[Course]:
        if theme := filters.get("theme"):
            courses = courses.filter(themes=theme)
        if course_format := filters.get("format"):
            courses = courses.filter(format=course_format)
        if kind := filters.get("audience"):
            for_kind = CourseAudience.objects.filter(course=OuterRef("pk"), agency_kind=kind)
            for_anyone = ~Exists(CourseAudience.objects.filter(course=OuterRef("pk")))
            courses = courses.filter(Q(Exists(for_kind)) | for_anyone)
        if "date_from" in filters or "date_to" in filters:
            sessions = Session.objects.filter(course=OuterRef("pk"), is_cancelled=False)
            if start := filters.get("date_from"):
                sessions = sessions.filter(starts_at__gte=_start_of(start))
            if end := filters.get("date_to"):
                sessions = sessions.filter(starts_at__lt=_start_of(end + dt.timedelta(days=1)))
            courses = courses.filter(Exists(sessions)).exclude(format__in=ON_DEMAND)
        return courses


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def allowed_email_domains() -> list[str]:
    domains: list[str] = booking.policy("work_email_domains")
    return domains


def is_work_email(email: str, domains: list[str]) -> bool:
    """The address is at one of the domains, or a part of one (x@school.example.sch.uk for
    example.sch.uk)."""
    domain = email.rsplit("@", 1)[-1].lower()
    return any(domain == allowed or domain.endswith(f".{allowed}") for allowed in domains)


class SignUpForm(forms.Form):
    """A practitioner registers themselves to book training."""

    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter your full name"}
    )
    email = forms.EmailField(
        label="Work email address",
        help_text="Your booking emails go here, and you sign in with it",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": "Enter your work email address", "invalid": EMAIL_FORMAT},
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        help_text="Where you work. If it is not in the list, contact the partnership's business unit",
        queryset=Agency.objects.filter(is_active=True),
        empty_label="Choose your agency",
        error_messages={
            "required": "Choose your agency",
            "invalid_choice": "Choose your agency from the list",
        },
    )
    service_area = forms.ChoiceField(
        label="Service area",
        choices=[("", "Choose your service area"), *ServiceArea.choices],
        error_messages={
            "required": "Choose your service area",
            "invalid_choice": "Choose your service area from the list",
        },
    )
    job_title = forms.CharField(
        label="Job title",
        max_length=150,
        help_text="For example, health visitor or designated safeguarding lead",
        error_messages={"required": "Enter your job title"},
    )
    line_manager_email = forms.EmailField(
        label="Your line manager's email address",
        help_text="Some courses ask your line manager to approve your place; months after a course we "
        "may ask them what difference it made",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter your line manager's email address", "invalid": EMAIL_FORMAT},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        domains = allowed_email_domains()
        if domains:
            self.fields["email"].help_text = f"It must end in {_listed(domains)}"

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        domains = allowed_email_domains()
        if domains and not is_work_email(email, domains):
            raise forms.ValidationError(f"Enter your work email address: it must end in {_listed(domains)}")
        return email

    def clean_line_manager_email(self) -> str:
        return self.cleaned_data["line_manager_email"].strip().lower()

    def clean(self):
        data = super().clean()
        email, manager = data.get("email"), data.get("line_manager_email")
        if email and manager and email == manager:
            self.add_error("line_manager_email", "Enter your line manager's email address, not your own")
        return data


def _listed(domains: list[str]) -> str:
    names = [f"@{d}" for d in domains]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


class AnswerForm(forms.Form):
    """A yes or no from a person: accepting an offered place, or a line manager's approval."""

    answer = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args, label: str, yes: str, no: str, required: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.label = label
        field.choices = [("yes", yes), ("no", no)]  # type: ignore[attr-defined]
        field.error_messages["required"] = required
        field.error_messages["invalid_choice"] = required

    @property
    def said_yes(self) -> bool:
        return self.cleaned_data["answer"] == "yes"


def offer_form(data=None) -> AnswerForm:
    return AnswerForm(
        data,
        label="Do you want the place?",
        yes="Yes, I will take the place",
        no="No, offer it to the next person",
        required="Choose whether you want the place",
    )


def approval_form(data=None) -> AnswerForm:
    return AnswerForm(
        data,
        label="Do you approve this place?",
        yes="Yes, approve the place",
        no="No, do not approve it",
        required="Choose whether you approve the place",
    )


@dataclass
class Seat:
    """One person with a place, as the register shows them: a few columns, not whole booking,
    person and agency rows (a masterclass's register is a few hundred people)."""

    pk: int
    status: str
    name: str
    agency: str  # the agency's short name or name; "" when none was recorded


# Each person's field on the register is a shallow copy of this one, with its own label and
# initial mark: building 150 ChoiceFields, each normalising its choices and making a widget, was a
# fifth of the register page. The copies share the widget, choices and error messages, which
# Django does not change once a field is made: never change them on one person's field.
# (Outside the form: a Field on a Form class would become one of its fields.)
_REGISTER_MARK = forms.ChoiceField(
    choices=[
        (booking.S.ATTENDED, "Attended"),
        (booking.S.ABSENT, "Did not attend"),
        (booking.S.LATE_CANCELLATION, "Cancelled late"),
    ],
    widget=forms.RadioSelect,
    required=False,
    error_messages={"invalid_choice": "Choose attended, did not attend or cancelled late"},
)


class RegisterForm(forms.Form):
    """The trainer's register: one set of choices per person with a place."""

    def __init__(self, *args, bookings: list[Seat], **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = {f"booking_{b.pk}": b for b in bookings}
        for name, each in self.bookings.items():
            mark = copy.copy(_REGISTER_MARK)
            mark.label = f"{each.name}, {each.agency}" if each.agency else each.name
            mark.initial = each.status if each.status in booking.REGISTER else None
            self.fields[name] = mark

    def changes(self) -> list[tuple[str, Seat, str]]:
        """(field name, booking, new status) for each person whose mark changed."""
        return [
            (name, each, self.cleaned_data[name])
            for name, each in self.bookings.items()
            if self.cleaned_data.get(name) and self.cleaned_data[name] != each.status
        ]

    def unmarked(self) -> int:
        return sum(1 for each in self.bookings.values() if each.status not in booking.REGISTER)


def link_field(label: str, help_text: str) -> forms.URLField:
    """A web link; one typed without its scheme is read as https://."""
    return forms.URLField(
        label=label,
        help_text=help_text,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link in full, like https://example.org/page"},
    )


class CourseForm(forms.ModelForm):
    """A course as the business unit writes it. Its web address is made from the first title and
    kept when the title changes, so links already sent out still work."""

    recording_url = link_field(
        "Link to the recording", "For a recorded session: only people with a place see it"
    )

    audiences = forms.MultipleChoiceField(
        label="Agencies it is for",
        help_text="Leave all unticked when the course is for every agency",
        choices=AgencyKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "format",
            "summary",
            "outcomes",
            "audience",
            "audiences",
            "themes",
            "duration_minutes",
            "needs_manager_approval",
            "recording_url",
            "is_published",
        ]
        labels = {
            "title": "Title",
            "format": "Format",
            "summary": "Summary",
            "outcomes": "Learning outcomes",
            "audience": "Who it is for, in words",
            "themes": "Themes",
            "duration_minutes": "Length in minutes",
            "needs_manager_approval": "Ask the booker's line manager to approve each booking",
            "is_published": "Published: people can see and book it",
        }
        help_texts = {
            "outcomes": "One a line",
            "audience": "For example, designated safeguarding leads in schools",
            "duration_minutes": "For example, 180 for three hours",
        }
        widgets = {
            "format": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": "Enter the course's title"},
            "format": {"required": "Choose the format", "invalid_choice": "Choose the format"},
            "summary": {"required": "Enter a summary of the course"},
            "outcomes": {"required": "Enter the learning outcomes"},
            "duration_minutes": {
                "required": "Enter the length of the course in minutes",
                "invalid": "Enter the length as a whole number of minutes, like 180",
                "min_value": "Enter a length of at least 1 minute",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"].widget.attrs.update({"inputmode": "numeric", "min": 1})
        if self.instance.pk:
            self.initial.setdefault(
                "audiences", list(self.instance.audiences.values_list("agency_kind", flat=True))
            )

    def clean_duration_minutes(self) -> int:
        minutes = self.cleaned_data["duration_minutes"]
        if minutes < 1:
            raise forms.ValidationError("Enter a length of at least 1 minute")
        return minutes

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("title") and not slugify(data["title"]):
            self.add_error("title", "Enter a title with at least one letter or number")
        return data

    def save(self, commit: bool = True) -> Course:
        course = super().save(commit=False)
        if not course.slug:
            course.slug = unique_slug(course.title)
        course.save()
        self.save_m2m()
        chosen = set(self.cleaned_data["audiences"])
        course.audiences.exclude(agency_kind__in=chosen).delete()
        kept = set(course.audiences.values_list("agency_kind", flat=True))
        CourseAudience.objects.bulk_create(
            [CourseAudience(course=course, agency_kind=kind) for kind in sorted(chosen - kept)]
        )
        return course


def unique_slug(title: str) -> str:
    base = slugify(title)[:190] or "course"
    slug, n = base, 1
    while Course.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class SessionForm(forms.ModelForm):
    """A run of a course. The date and times are asked for separately and read as UK local time."""

    joining_link = link_field("Joining link", "For an online session: only people with a place see it")

    date = forms.DateField(
        label="Date",
        help_text="For a recorded session or e-learning, the day it opens for booking",
        widget=DATE_WIDGET,
        error_messages={"required": "Enter the date of the session", "invalid": "Enter a real date"},
    )
    starts = forms.TimeField(
        label="Start time",
        help_text="For example, 09:30",
        widget=TIME_WIDGET,
        error_messages={"required": "Enter the start time", "invalid": "Enter a real time, like 09:30"},
    )
    ends = forms.TimeField(
        label="End time",
        help_text="For example, 12:30",
        widget=TIME_WIDGET,
        error_messages={"required": "Enter the end time", "invalid": "Enter a real time, like 12:30"},
    )
    trainers = forms.ModelMultipleChoiceField(
        label="Trainers",
        help_text="They can take the session's register",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    trainer_email = forms.EmailField(
        label="Another trainer's email address",
        help_text="For a trainer not listed above: they need an account",
        required=False,
        error_messages={"invalid": EMAIL_FORMAT},
    )

    class Meta:
        model = Session
        fields = ["venue", "joining_link", "capacity"]
        labels = {"venue": "Venue", "capacity": "Places"}
        help_texts = {"venue": "Where it is held; leave empty for an online session"}
        error_messages = {
            "capacity": {
                "required": "Enter the number of places",
                "invalid": "Enter the number of places as a whole number, like 20",
            },
        }

    field_order = ["date", "starts", "ends", "venue", "joining_link", "capacity", "trainers", "trainer_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].widget.attrs.update({"inputmode": "numeric", "min": 1})
        self.fields["trainers"].queryset = trainer_choices(self.instance)
        if self.instance.pk:
            start, end = (
                timezone.localtime(self.instance.starts_at),
                timezone.localtime(self.instance.ends_at),
            )
            self.initial.setdefault("date", start.date())
            self.initial.setdefault("starts", start.time().replace(second=0, microsecond=0))
            self.initial.setdefault("ends", end.time().replace(second=0, microsecond=0))

    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError("Enter at least 1 place")
        if self.instance.pk:
            taken = self.instance.bookings.filter(status__in=booking.HOLDS_A_PLACE).count()
            if capacity < taken:
                raise forms.ValidationError(
                    f"Enter at least {taken} places: {taken} people already have one. "
                    "Cancel bookings first to make the session smaller"
                )
        return capacity

    def clean_trainer_email(self) -> User | None:
        email = self.cleaned_data["trainer_email"].strip()
        if not email:
            return None
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError("Nobody with an active account has this email address")
        return person

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("date"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", "The end time must be after the start time")
            else:
                data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, starts))
                data["ends_at"] = timezone.make_aware(dt.datetime.combine(day, ends))
        return data

    def save(self, commit: bool = True) -> Session:
        session = super().save(commit=False)
        session.starts_at = self.cleaned_data["starts_at"]
        session.ends_at = self.cleaned_data["ends_at"]
        session.save()
        trainers = list(self.cleaned_data["trainers"])
        if self.cleaned_data.get("trainer_email"):
            trainers.append(self.cleaned_data["trainer_email"])
        session.trainers.set(trainers)
        return session


def trainer_choices(session: Session) -> QuerySet[User]:
    """People offered as trainers: partnership staff, anyone who has trained before, and the
    session's own trainers (practitioners are many; one not listed is added by email)."""
    staff = Q(groups__name__in=[role.value for role in Role if role != Role.PRACTITIONER])
    chosen = Q(pk__in=session.trainers.values("pk")) if session.pk else Q(pk__in=[])
    return (
        User.objects.filter((staff & Q(is_active=True)) | Q(sessions_trained__isnull=False) | chosen)
        .distinct()
        .order_by("full_name", "pk")
    )


FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def financial_year_of(day: dt.date) -> int:
    """The year a financial year (1 April to 31 March) starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(first: int) -> str:
    return f"{first}-{(first + 1) % 100:02d}"


def parse_financial_year(text: str) -> int | None:
    """2021-22 -> 2021; anything else -> None."""
    match = FINANCIAL_YEAR.match(text.strip())
    if match is None:
        return None
    first, second = int(match[1]), int(match[2])
    return first if (first + 1) % 100 == second else None
