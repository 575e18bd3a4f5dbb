"""A Child Death Overview Panel's cases: notification, joint agency response, information from
agencies, the child death review meeting (CDRM), the panel's review and its conclusions.

The most restricted records in lscp. A child's identifying details live only on `ChildDeath`;
the analysis reads counts, never names. `age_band` is stored (worked out from the dates on save)
so that a ten-year analysis counts ages in SQL.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from lscp.child_deaths.categories import (
    AgeBand,
    Category,
    Contribution,
    Domain,
    Expectation,
    Modifiable,
    Sex,
    age_band,
    whole_years,
)
from lscp.core.nhs_number import validate_nhs_number
from lscp.improvement.models import private_storage

RECOMMENDATION_SOURCE = "child_death_review"


class Stage(models.TextChoices):
    """Where a case stands, in order. An expected death goes straight to information gathering."""

    NOTIFIED = "notified", "Notified"
    JOINT_AGENCY_RESPONSE = "jar", "Joint agency response"
    INFORMATION = "information", "Information gathering"
    REVIEW_MEETING = "cdrm", "Child death review meeting"
    PANEL = "panel", "Panel review"
    CLOSED = "closed", "Closed"


STAGE_ORDER = list(Stage)


class ChildDeath(models.Model):
    """One child's death, from the notification to the panel's closed review."""

    # Set when the case came from an eCDOP or spreadsheet import; a re-import skips it.
    external_reference = models.CharField(max_length=50, null=True, blank=True, unique=True)
    full_name = models.CharField("Child's full name", max_length=150)
    date_of_birth = models.DateField("Date of birth")
    sex = models.CharField(max_length=15, choices=Sex.choices)
    ethnicity = models.CharField(max_length=100)
    nhs_number = models.CharField("NHS number", max_length=12, blank=True, validators=[validate_nhs_number])
    no_nhs_number_reason = models.CharField("Why there is no NHS number", max_length=200, blank=True)
    home_postcode = models.CharField("Home postcode", max_length=10, blank=True)
    died_on = models.DateField("Date of death")
    died_at = models.TimeField("Time of death", null=True, blank=True)
    place_of_death = models.CharField("Place of death", max_length=200)
    expectation = models.CharField("Expected or unexpected", max_length=10, choices=Expectation.choices)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, editable=False)
    notified_on = models.DateField("Date notified", default=timezone.localdate)
    notifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notifier_name = models.CharField("Notified by", max_length=150, blank=True)
    notifying_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    what_is_known = models.TextField("What is known about the death", blank=True)
    lead_nurse = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="child_deaths_supported",
        verbose_name="Lead nurse or key worker",
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.NOTIFIED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-notified_on", "-pk"]
        # By stage for the case list's filters; by date alone for "all cases", newest first.
        indexes = [models.Index(fields=["stage", "notified_on"]), models.Index(fields=["notified_on", "id"])]
        constraints = [
            # The database's last word on duplicates; forms and the import say it first, clearly.
            models.UniqueConstraint(
                fields=["nhs_number"],
                condition=~models.Q(nhs_number=""),
                name="one_child_death_per_nhs_number",
            )
        ]

    def __str__(self) -> str:
        return f"Child death {self.reference}"

    def save(self, *args, **kwargs) -> None:
        if self.date_of_birth and self.died_on and self.died_on >= self.date_of_birth:
            self.age_band = age_band(self.date_of_birth, self.died_on)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("child_deaths:case", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"CD{self.pk:05d}"

    @property
    def age_in_years(self) -> int:
        return whole_years(self.date_of_birth, self.died_on)

    @property
    def is_unexpected(self) -> bool:
        return self.expectation == Expectation.UNEXPECTED


class JointAgencyResponse(models.Model):
    """The joint agency response to an unexpected death (local practice: meet within 2–5 days)."""

    case = models.OneToOneField(ChildDeath, on_delete=models.CASCADE, related_name="joint_agency_response")
    met_on = models.DateField("Date of the JAR meeting")
    agencies = models.ManyToManyField("core.Agency", related_name="+", verbose_name="Agencies present")
    immediate_actions = models.TextField("Immediate actions", blank=True)

    def __str__(self) -> str:
        return f"Joint agency response for {self.case.reference}"


def information_upload_to(instance: "InformationRequest", filename: str) -> str:
    return f"child_deaths/returns/{instance.case_id}/{filename}"


class InformationRequest(models.Model):
    """The statutory reporting form asked of one agency (a GP practice is an agency too)."""

    case = models.ForeignKey(ChildDeath, on_delete=models.CASCADE, related_name="information_requests")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    due_on = models.DateField("Due")
    received_on = models.DateField(null=True, blank=True)
    # Stored under MEDIA_ROOT (private), served only through a permission-checked view.
    file = models.FileField(upload_to=information_upload_to, storage=private_storage, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chased_on = models.DateField("Last chased", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["case", "agency"], name="one_information_request_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} information for {self.case.reference}"

    def is_late(self, today: dt.date) -> bool:
        return (self.received_on or today) > self.due_on


class ReviewMeeting(models.Model):
    """The child death review meeting (CDRM): the professionals who knew the child."""

    case = models.OneToOneField(ChildDeath, on_delete=models.CASCADE, related_name="review_meeting")
    held_on = models.DateField("Date of the meeting")
    attendees = models.TextField("Who attended", help_text="Roles and agencies, one a line")
    draft_learning = models.TextField("Draft learning", blank=True)

    def __str__(self) -> str:
        return f"Child death review meeting for {self.case.reference}"


class Factor(models.Model):
    """A named factor the panel can record (smoking, unsafe sleep, ...): the list is the panel's own."""

    name = models.CharField(max_length=150, unique=True)
    domain = models.CharField(max_length=10, choices=Domain.choices)
    active = models.BooleanField(default=True, help_text="Inactive factors stay on past reviews only")

    class Meta:
        ordering = ["domain", "name"]

    def __str__(self) -> str:
        return self.name


class PanelReview(models.Model):
    """The CDOP's review and conclusions, in the shape of the national analysis form.

    `completed_on` is the day the panel concluded: the analysis counts reviews completed in a
    period, as annual reports do, not deaths that happened in it.
    """

    case = models.OneToOneField(ChildDeath, on_delete=models.CASCADE, related_name="panel_review")
    meeting = models.ForeignKey(
        "governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_on = models.DateField("Date the panel concluded its review", db_index=True)
    category = models.CharField("Category of death", max_length=2, choices=Category.choices)
    modifiable = models.CharField("Modifiable factors", max_length=12, choices=Modifiable.choices)
    factors = models.ManyToManyField(Factor, blank=True, related_name="reviews", verbose_name="Named factors")
    conclusions = models.TextField(blank=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]

    def __str__(self) -> str:
        return f"Panel review of {self.case.reference}"

    def get_absolute_url(self) -> str:
        """The review is part of the case's page (a recommendation's source links here)."""
        return reverse("child_deaths:case", args=[self.case_id])


class DomainScore(models.Model):
    """Whether factors in one domain may have contributed to the death."""

    review = models.ForeignKey(PanelReview, on_delete=models.CASCADE, related_name="domain_scores")
    domain = models.CharField(max_length=10, choices=Domain.choices)
    contribution = models.CharField(max_length=1, choices=Contribution.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "domain"]
        constraints = [models.UniqueConstraint(fields=["review", "domain"], name="one_score_per_domain")]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.get_contribution_display()}"


class LearningPoint(models.Model):
    """A point of learning from the panel; it can become a recommendation in the golden thread."""

    review = models.ForeignKey(PanelReview, on_delete=models.CASCADE, related_name="learning_points")
    text = models.TextField()
    recommendation = models.OneToOneField(
        "improvement.Recommendation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FamilyContact(models.Model):
    """The lead nurse's log of contact with the bereaved family: seen by the lead nurse and chair only."""

    case = models.ForeignKey(ChildDeath, on_delete=models.CASCADE, related_name="family_contacts")
    contacted_on = models.DateField("Date of contact")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField("What was discussed")
    bereavement_support_offered = models.BooleanField("Bereavement support offered", default=False)
    support_notes = models.TextField("Support offered or arranged", blank=True)

    class Meta:
        ordering = ["contacted_on", "pk"]

    def __str__(self) -> str:
        return f"Contact on {self.contacted_on:%d %B %Y}"


class AnalysisVersion(models.Model):
    """One row whose token changes whenever anything the analysis counts changes.

    The analysis of a period is kept in the cache under the token, so a busy analysis page counts
    40,000 reviews once, not on every request, and never shows figures older than the records.
    """

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
