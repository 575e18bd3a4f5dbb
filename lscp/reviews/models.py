"""The CSPRG's casework: notifications, referrals, rapid reviews and practice reviews (LCSPRs).

Children's identifying details live only on `Child`, so a view that must not show them (the
scrutineer's) has one place to leave out.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from lscp.core.nhs_number import validate_nhs_number
from lscp.improvement.models import private_storage
from lscp.reviews import deadlines

MAX_CHILDREN = 4  # Working Together 2023: one notification per incident, up to four children
RAPID_REVIEW_SOURCE = "rapid_review"
PRACTICE_REVIEW_SOURCE = "practice_review"


class SeriousIncidentNotification(models.Model):
    incident_on = models.DateField("Date of the incident")
    aware_on = models.DateField("Date the local authority became aware")
    summary = models.TextField()
    died_or_seriously_harmed = models.BooleanField("The child died or was seriously harmed", default=False)
    abuse_or_neglect = models.BooleanField("Abuse or neglect is known or suspected", default=False)
    looked_after = models.BooleanField("The child was looked after", default=False)
    care_leaver = models.BooleanField("The young person was a care leaver under 25", default=False)
    notified_on = models.DateField("Date notified to the national Panel", null=True, blank=True)
    notifying_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-aware_on", "-pk"]

    def __str__(self) -> str:
        return f"Notification {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:notification", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"N{self.pk:04d}"

    @property
    def due_on(self) -> dt.date:
        return deadlines.notification_due(self.aware_on)

    @property
    def notified_late(self) -> bool:
        return self.notified_on is not None and self.notified_on > self.due_on

    def clean(self) -> None:
        errors = {}
        if self.incident_on and self.aware_on and self.aware_on < self.incident_on:
            errors["aware_on"] = "The date the local authority became aware must be on or after the incident"
        if self.notified_on and self.aware_on and self.notified_on < self.aware_on:
            errors["notified_on"] = "The date notified to the Panel must be on or after the date of awareness"
        today = timezone.localdate()
        for name in ("incident_on", "aware_on", "notified_on"):
            value = getattr(self, name)
            if value and value > today and name not in errors:
                errors[name] = "The date must be today or in the past"
        if errors:
            raise ValidationError(errors)


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


class Child(models.Model):
    notification = models.ForeignKey(
        SeriousIncidentNotification, on_delete=models.CASCADE, related_name="children"
    )
    full_name = models.CharField("Full name", max_length=150)
    date_of_birth = models.DateField("Date of birth")
    sex = models.CharField(max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(max_length=100)
    nhs_number = models.CharField(
        "NHS number (optional)", max_length=12, blank=True, validators=[validate_nhs_number]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "children"

    def __str__(self) -> str:
        return f"Child {self.pk} of {self.notification.reference}"


class TriageOutcome(models.TextChoices):
    RAPID_REVIEW = "rapid_review", "Accepted into rapid review"
    NO_REVIEW = "no_review", "No review"
    OTHER_LEARNING = "other_learning", "Learning taken forward another way"


class CaseReferral(models.Model):
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_referrals"
    )
    referrer_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(default=timezone.localdate)
    what_happened = models.TextField("What happened")
    why_learning = models.TextField("Why multi-agency learning may apply")
    outcome = models.CharField(max_length=15, choices=TriageOutcome.choices, blank=True)
    outcome_reason = models.TextField("Reason", blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"Referral {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:referral", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"R{self.pk:04d}"

    @property
    def triage_due_on(self) -> dt.date:
        return deadlines.triage_due(self.received_on)


class Decision(models.TextChoices):
    LCSPR = "lcspr", "Local child safeguarding practice review"
    NO_FURTHER_REVIEW = "no_review", "No further review"
    OTHER_LEARNING = "other_learning", "Learning taken forward another way"


class RapidReview(models.Model):
    notification = models.OneToOneField(
        SeriousIncidentNotification,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rapid_review",
    )
    referral = models.OneToOneField(
        CaseReferral, null=True, blank=True, on_delete=models.PROTECT, related_name="rapid_review"
    )
    starts_on = models.DateField(
        "Clock starts", help_text="The date of the notification to the Panel, or of accepting the referral"
    )
    meeting_on = models.DateField("Date of the rapid review meeting", null=True, blank=True)
    participants = models.TextField(blank=True)
    findings = models.TextField(blank=True)
    decision = models.CharField(max_length=15, choices=Decision.choices, blank=True)
    rationale = models.TextField(blank=True)
    sent_to_panel_on = models.DateField("Date sent to the Panel", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(notification__isnull=False) | models.Q(referral__isnull=False),
                name="rapid_review_has_a_source",
            )
        ]

    def __str__(self) -> str:
        return f"Rapid review {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:rapid-review", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"RR{self.pk:04d}"

    @property
    def due_on(self) -> dt.date:
        return deadlines.rapid_review_due(self.starts_on)

    @property
    def is_open(self) -> bool:
        return self.sent_to_panel_on is None

    @property
    def on_time(self) -> bool | None:
        return None if self.sent_to_panel_on is None else self.sent_to_panel_on <= self.due_on

    def returns_in_on(self, returns: list["Return"]) -> dt.date | None:
        """The day the last requested return came in; None while any is outstanding or none asked."""
        if not returns or any(r.received_on is None for r in returns):
            return None
        return max(r.received_on for r in returns if r.received_on)

    def milestones(self, returns: list["Return"]) -> list[deadlines.Milestone]:
        return deadlines.rapid_review_milestones(
            self.starts_on, self.returns_in_on(returns), self.meeting_on, self.sent_to_panel_on
        )

    def clean(self) -> None:
        errors = {}
        if self.meeting_on and self.meeting_on < self.starts_on:
            errors["meeting_on"] = "The meeting date must be on or after the date the clock starts"
        if self.sent_to_panel_on:
            if not self.decision:
                errors["sent_to_panel_on"] = "Record the decision before the date it was sent to the Panel"
            elif not self.meeting_on:
                errors["sent_to_panel_on"] = "Record the meeting before the date it was sent to the Panel"
            elif self.sent_to_panel_on < self.meeting_on:
                errors["sent_to_panel_on"] = "The date sent to the Panel must be on or after the meeting"
        if self.decision and not self.meeting_on:
            errors["decision"] = "Record the rapid review meeting before the decision"
        if self.decision and not self.rationale.strip():
            errors["rationale"] = "Enter the rationale for the decision"
        if errors:
            raise ValidationError(errors)


def return_upload_to(instance: "Return", filename: str) -> str:
    return f"reviews/returns/{instance.rapid_review_id}/{filename}"


class Return(models.Model):
    """An agency's chronology or summary for a rapid review."""

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="returns")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    due_on = models.DateField("Due")
    received_on = models.DateField(null=True, blank=True)
    # Stored under MEDIA_ROOT (private), served only through a permission-checked view.
    file = models.FileField(upload_to=return_upload_to, storage=private_storage, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["rapid_review", "agency"], name="one_return_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} return"

    def is_late(self, today: dt.date) -> bool:
        return (self.received_on or today) > self.due_on

    def clean(self) -> None:
        if self.requested_on and self.due_on and self.due_on < self.requested_on:
            raise ValidationError({"due_on": "The due date must be on or after the date it was requested"})


class PracticeReview(models.Model):
    """A local child safeguarding practice review (LCSPR)."""

    rapid_review = models.OneToOneField(RapidReview, on_delete=models.PROTECT, related_name="practice_review")
    reviewer = models.CharField("Lead reviewer", max_length=150, blank=True)
    terms_of_reference = models.TextField("Terms of reference", blank=True)
    initiated_on = models.DateField("Initiated")
    draft_on = models.DateField("Draft report received", null=True, blank=True)
    final_on = models.DateField("Final report agreed", null=True, blank=True)
    panel_told_on = models.DateField("Panel told of publication", null=True, blank=True)
    published_on = models.DateField("Published", null=True, blank=True)

    class Meta:
        ordering = ["-initiated_on", "-pk"]

    def __str__(self) -> str:
        return f"Practice review {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:practice-review", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"LCSPR{self.pk:03d}"

    @property
    def publication_due_on(self) -> dt.date:
        return deadlines.publication_due(self.initiated_on)

    def milestones(self) -> list[deadlines.Milestone]:
        return deadlines.practice_review_milestones(
            self.initiated_on, self.draft_on, self.final_on, self.panel_told_on, self.published_on
        )

    def clean(self) -> None:
        """Each step needs the one before it, on or after its date."""
        steps = [
            ("initiated_on", "initiation"),
            ("draft_on", "draft report"),
            ("final_on", "final report"),
            ("panel_told_on", "date the Panel was told"),
            ("published_on", "publication"),
        ]
        errors = {}
        for (before, before_label), (name, label) in zip(steps, steps[1:], strict=False):
            value, earlier = getattr(self, name), getattr(self, before)
            if value is None:
                continue
            if earlier is None:
                errors[name] = f"Record the {before_label} before the {label}"
            elif value < earlier:
                errors[name] = f"The {label} must be on or after the {before_label}"
        if self.published_on and self.published_on > timezone.localdate():
            errors.setdefault("published_on", "The publication date must be today or in the past")
        if errors:
            raise ValidationError(errors)


class Engagement(models.Model):
    """Who in the family (and, where appropriate, the child) was invited to contribute."""

    practice_review = models.ForeignKey(PracticeReview, on_delete=models.CASCADE, related_name="engagements")
    who = models.CharField(
        "Who was invited", max_length=150, help_text="Their relationship to the child, not a name"
    )
    invited_on = models.DateField("Date invited")
    took_part = models.BooleanField("Took part", default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["invited_on", "pk"]

    def __str__(self) -> str:
        return self.who


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due within 3 working days"
    MISSED = "missed", "Missed"


class DeadlineReminder(models.Model):
    """A deadline reminder sent to the business unit: at most one per case, deadline and kind, ever.

    The case is named by its reference (N0001, R0001, RR0001, LCSPR001), which is unique across
    the four kinds of case; nothing here identifies a child.
    """

    case = models.CharField(max_length=20)
    deadline = models.CharField(max_length=30)
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    due_on = models.DateField()
    sent_to = models.TextField(help_text="The addresses it went to, one a line")
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "deadline", "kind"], name="one_deadline_reminder_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder: {self.case} {self.deadline}"


class CaseDeadline(models.Model):
    """Each open case's next deadline, rewritten whenever the case changes (see `casework`).

    The dashboard sorts, pages and counts these rows in SQL instead of working out every open
    case's timetable on each request. A closed case has no row.
    """

    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=20)
    case_id = models.PositiveBigIntegerField()
    url_name = models.CharField(max_length=40)
    stage = models.CharField(max_length=60)
    label = models.CharField("Next deadline", max_length=60)
    due_on = models.DateField()
    statutory = models.BooleanField()

    class Meta:
        ordering = ["due_on", "reference"]
        indexes = [models.Index(fields=["due_on", "reference"]), models.Index(fields=["kind", "case_id"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.label} by {self.due_on:%d %B %Y}"
