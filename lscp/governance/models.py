"""The partnership's structure and business: groups, who sits on them, and their meetings."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from lscp.core.links import pk_url


class GroupKind(models.TextChoices):
    EXECUTIVE = "executive", "Executive"
    SUBGROUP = "subgroup", "Sub-group"


class GroupQuerySet(models.QuerySet["Group"]):
    def executive_first(self):
        """The Executive (strategic oversight) heads every list; then sub-groups in their order."""
        executive_rank = models.Case(
            models.When(kind=GroupKind.EXECUTIVE, then=models.Value(0)),
            default=models.Value(1),
            output_field=models.IntegerField(),
        )
        return self.order_by(executive_rank, "order", "name")


class Group(models.Model):
    """The Executive or a sub-group. Groups are data: a partnership adds its own."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=10, choices=GroupKind.choices, default=GroupKind.SUBGROUP)
    function = models.TextField(help_text="What the group is for, as its terms of reference put it.")
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name != self.name else self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:group", args=[self.slug])


class MembershipRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    ADVISER = "adviser", "Adviser"


CHAIRING_ROLES = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(models.Q(start__lte=on), models.Q(end__isnull=True) | models.Q(end__gte=on))

    def by_role(self):
        """Chair, vice-chair, members, advisers; by name within each."""
        rank = models.Case(
            *[models.When(role=role, then=models.Value(i)) for i, role in enumerate(MembershipRole.values)],
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, "person__full_name", "pk")


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=12, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="memberships", help_text="Agency represented"
    )
    start = models.DateField(default=timezone.localdate)
    end = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.group.short_name})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end >= today)


class Meeting(models.Model):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True, help_text="A room, or 'Online'")
    minutes = models.TextField(blank=True)
    minutes_approved_on = models.DateField(null=True, blank=True)
    is_cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["group", "starts_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.group.short_name} meeting, {local.day} {local:%B %Y}"

    def get_absolute_url(self) -> str:
        return pk_url("governance:meeting", self.pk)

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at).date()


# How the action log names actions raised at a meeting (registered in apps.py).
MEETING_SOURCE = "meeting"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    presenter = models.CharField(max_length=150, blank=True)
    paper = models.TextField(blank=True, help_text="A summary of the paper, if there is one")

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    """One member's attendance; the agency is kept as it was on the day, for fair rates."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        ordering = ["meeting", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    text = models.TextField()

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


# The year's plan and report narrative live in their own module; imported here so Django sees them.
from lscp.governance.yearly import (  # noqa: E402, F401
    DevelopmentArea,
    EngagementActivity,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Priority,
    PriorityUpdate,
    Rag,
    Reopening,
    ReportYear,
)
