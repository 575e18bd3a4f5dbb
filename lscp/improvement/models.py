"""The golden thread. For now: the partnership's one action log.

Actions come from meetings today and from reviews, audits and panels later; each points at its
source through a generic link, so this app never imports the domain apps that raise them.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone

from lscp.core.links import pk_url


class ActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

# GOV.UK tag colours for each status and RAG rating.
STATUS_TAG_CLASSES: dict[str, str] = {
    ActionStatus.OPEN: "govuk-tag--grey",
    ActionStatus.IN_PROGRESS: "govuk-tag--blue",
    ActionStatus.COMPLETED: "govuk-tag--green",
    ActionStatus.CANCELLED: "govuk-tag--grey",
}


class Rag(models.TextChoices):
    """The owner's judgement of delivery, separate from lateness (which is computed)."""

    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: at risk"
    RED = "red", "Red: off track"


RAG_TAG_CLASSES: dict[str, str] = {
    Rag.GREEN: "govuk-tag--green",
    Rag.AMBER: "govuk-tag--yellow",
    Rag.RED: "govuk-tag--red",
}


def action_reference(pk: int) -> str:
    """The reference people quote for an action: A00042."""
    return f"A{pk:05d}"


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def from_source(self, source: models.Model):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)


class StatusTags:
    """The GOV.UK tag colours for a status and a RAG, shared by an action and its updates."""

    status: str
    rag: str

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAG_CLASSES.get(self.status, "govuk-tag--grey")

    @property
    def rag_tag_class(self) -> str:
        return RAG_TAG_CLASSES.get(self.rag, "govuk-tag--grey")


class Action(StatusTags, models.Model):
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="actions")
    # Groups are the partnership's structure, which every owned thing hangs from; a string
    # reference keeps this app free of imports from governance.
    group = models.ForeignKey(
        "governance.Group", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    due_date = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    rag = models.CharField("RAG", max_length=5, choices=Rag.choices, default=Rag.GREEN)
    completed_on = models.DateField(null=True, blank=True)
    source_kind = models.CharField(max_length=30, blank=True, db_index=True)
    source_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    recommendation = models.ForeignKey(
        "Recommendation", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # The annual report's figures: actions completed, and raised, in a year.
            models.Index(fields=["status", "completed_on"]),
            models.Index(fields=["created_at"]),
            models.Index(fields=["owner", "status", "due_date"]),
            # The log is filtered by group or agency and read in due-date order: with these the
            # database walks the index in order and stops after a page.
            models.Index(fields=["group", "due_date"]),
            models.Index(fields=["agency", "due_date"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return pk_url("improvement:action", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    @property
    def reference(self) -> str:
        return action_reference(self.pk)

    @property
    def rag_label(self) -> str:
        """The colour alone (Green, Amber, Red), for tables; the full label says what it means."""
        return self.get_rag_display().split(":")[0]


class ActionUpdate(StatusTags, models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    rag = models.CharField("RAG", max_length=5, choices=Rag.choices)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:80]


# The golden thread: recommendations, the actions agreed for them, and the evidence that they
# changed practice.


class LearningTheme(models.Model):
    """A named theme the partnership learns about (think family, safe sleep, ...)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACTIONS_AGREED = "actions_agreed", "Actions agreed"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented"
    IMPACT_EVIDENCED = "impact_evidenced", "Impact evidenced"
    CLOSED = "closed", "Closed"


# The order a recommendation moves through, one step at a time.
RECOMMENDATION_STEPS: tuple[str, ...] = tuple(RecommendationStatus.values)
# Statuses where the recommendation's work is still to be done (for "overdue").
NOT_YET_IMPLEMENTED = (
    RecommendationStatus.OPEN,
    RecommendationStatus.ACTIONS_AGREED,
    RecommendationStatus.IN_PROGRESS,
)

RECOMMENDATION_TAG_CLASSES: dict[str, str] = {
    RecommendationStatus.OPEN: "govuk-tag--grey",
    RecommendationStatus.ACTIONS_AGREED: "govuk-tag--light-blue",
    RecommendationStatus.IN_PROGRESS: "govuk-tag--blue",
    RecommendationStatus.IMPLEMENTED: "govuk-tag--turquoise",
    RecommendationStatus.IMPACT_EVIDENCED: "govuk-tag--green",
    RecommendationStatus.CLOSED: "govuk-tag--purple",
}


def recommendation_reference(pk: int) -> str:
    """The reference people quote for a recommendation: R00042."""
    return f"R{pk:05d}"


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def overdue(self, today=None):
        return self.filter(status__in=NOT_YET_IMPLEMENTED, due_date__lt=today or timezone.localdate())

    def from_source(self, source: models.Model):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)


class Recommendation(models.Model):
    text = models.TextField()
    source_kind = models.CharField(max_length=30, db_index=True)
    source_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # What the source was, in words, when it is not a record here ("other": a scrutineer's report).
    source_description = models.CharField(max_length=300, blank=True)
    group = models.ForeignKey("governance.Group", on_delete=models.PROTECT, related_name="recommendations")
    agencies = models.ManyToManyField("core.Agency", blank=True, related_name="recommendations")
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="recommendations")
    made_on = models.DateField()
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    stepped_across_on = models.DateField(null=True, blank=True)
    learning_response = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["made_on", "pk"]
        indexes = [
            models.Index(fields=["made_on", "id"]),
            models.Index(fields=["group", "made_on"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["source_kind", "made_on"]),
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["stepped_across_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return pk_url("improvement:recommendation", self.pk)

    @property
    def reference(self) -> str:
        return recommendation_reference(self.pk)

    @property
    def summary(self) -> str:
        """The first twenty words, for lists (cheaper than the truncatewords filter on every row)."""
        words = self.text.split()
        return " ".join(words[:20]) + ("…" if len(words) > 20 else "")

    @property
    def agency_names(self) -> str:
        """The agencies it is addressed to, from the prefetched list."""
        return ", ".join(agency.display_name for agency in self.agencies.all())

    @property
    def source_label(self) -> str:
        from lscp.improvement.sources import label_for

        return label_for(self.source_kind)

    @property
    def status_tag_class(self) -> str:
        return RECOMMENDATION_TAG_CLASSES.get(self.status, "govuk-tag--grey")

    def is_overdue(self, today=None) -> bool:
        return (
            self.due_date is not None
            and self.status in NOT_YET_IMPLEMENTED
            and self.due_date < (today or timezone.localdate())
        )


class RecommendationTransition(models.Model):
    """One step of a recommendation's status, dated and attributed."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=RecommendationStatus.choices)
    to_status = models.CharField(max_length=20, choices=RecommendationStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def is_backwards(self) -> bool:
        return RECOMMENDATION_STEPS.index(self.to_status) < RECOMMENDATION_STEPS.index(self.from_status)


class PrivateStorage(FileSystemStorage):
    """Files under MEDIA_ROOT that have no URL: they leave only through a permission-checked view."""

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks permission.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _private_storage


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name is random: the original name is kept in the row, never trusted on disk.
    suffix = Path(filename).suffix.lower()[:10]
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class EvidenceKind(models.TextChoices):
    COMPLETION = "completion", "Completion: the work was done"
    IMPACT = "impact", "Impact: practice changed"


class Evidence(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="evidence")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    kind = models.CharField(max_length=12, choices=EvidenceKind.choices)
    text = models.TextField()
    file = models.FileField(upload_to=evidence_path, storage=private_storage, blank=True, max_length=200)
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    # Links to a KPI or an audit once those exist (performance, assurance).
    kpi_ref = models.CharField("KPI", max_length=100, blank=True)
    audit_ref = models.CharField("Audit", max_length=100, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["recommendation", "kind"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def kind_label(self) -> str:
        return self.get_kind_display().split(":")[0]


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due in 7 days"
    OVERDUE = "overdue", "Overdue"


class Reminder(models.Model):
    """A reminder sent about an action: at most one of each kind, ever."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_to = models.EmailField()
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "kind"], name="one_reminder_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder for {self.action_id}"
