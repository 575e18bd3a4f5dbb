"""The golden thread. For now: the partnership's one action log.

Actions come from meetings today and from reviews, audits and panels later; each points at its
source through a generic link, so this app never imports the domain apps that raise them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse
from django.utils import timezone


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
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
        return reverse("improvement:action", args=[self.pk])

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
