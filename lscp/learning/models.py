"""Learning and development: the course catalogue, sessions, bookings (with the waiting list and
attendance), evaluations on the day and months later, and learning products (resources).

A booking is one person's place (or wait) on one session: one row per person and session, ever
(a unique constraint), so a booker can never hold two places; cancelling and booking again reuse
the row. Its status says where it stands; each email about it is a `LearningEmail` row written in
the transaction that queues it, so each is sent exactly once.
"""

import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from lscp.core.models import AgencyKind, ServiceArea
from lscp.improvement.models import private_storage


class CourseFormat(models.TextChoices):
    CLASSROOM = "classroom", "Classroom"
    VIRTUAL = "virtual", "Virtual (live online)"
    MASTERCLASS = "masterclass", "Masterclass"
    WEBINAR = "webinar", "Webinar"
    E_LEARNING = "e_learning", "E-learning"
    RECORDED = "recorded", "Recorded session on demand"


# Formats with no date: the practitioner learns when they choose, and confirms they have.
ON_DEMAND = frozenset({CourseFormat.E_LEARNING, CourseFormat.RECORDED})


class Course(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    format = models.CharField(max_length=20, choices=CourseFormat.choices)
    summary = models.TextField()
    outcomes = models.TextField(help_text="The learning outcomes, one a line.")
    audience = models.CharField(
        max_length=300, blank=True, help_text="Who it is for, in words: designated safeguarding leads, say."
    )
    themes = models.ManyToManyField("improvement.LearningTheme", blank=True, related_name="courses")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duration_minutes = models.PositiveIntegerField()
    is_published = models.BooleanField(default=False)
    needs_manager_approval = models.BooleanField(
        default=False, help_text="Ask the booker's line manager to approve each booking."
    )
    recording_url = models.URLField(
        blank=True, help_text="For a recorded session: shown to booked people only."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:course", args=[self.slug])

    @property
    def is_on_demand(self) -> bool:
        return self.format in ON_DEMAND

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]


class CourseAudience(models.Model):
    """One kind of agency a course is for: the catalogue filters on these."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="audiences")
    agency_kind = models.CharField(max_length=30, choices=AgencyKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "agency_kind"], name="one_audience_per_kind")
        ]

    def __str__(self) -> str:
        return self.get_agency_kind_display()


class Session(models.Model):
    """One run of a course. An on-demand course has one open-ended session that people book onto."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=300, blank=True)
    joining_link = models.URLField(blank=True, help_text="Sent only to people with a place.")
    capacity = models.PositiveIntegerField()
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="sessions_trained")
    is_cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["course", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.course.title}, {timezone.localtime(self.starts_at):%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("learning:session", args=[self.pk])

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())


class LearnerProfile(models.Model):
    """What a practitioner says about themselves when they register: the figures count reach by
    service area, and the follow-up can ask their line manager."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner")
    service_area = models.CharField(max_length=30, choices=ServiceArea.choices)
    line_manager_email = models.EmailField(blank=True)

    def __str__(self) -> str:
        return f"{self.user}, {self.get_service_area_display()}"


class BookingStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", "Waiting for line manager approval"
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Offered a place"
    CANCELLED = "cancelled", "Cancelled"
    LATE_CANCELLATION = "late_cancellation", "Cancelled late"
    NOT_APPROVED = "not_approved", "Not approved by line manager"
    OFFER_LAPSED = "offer_lapsed", "Offer not taken up"
    SESSION_CANCELLED = "session_cancelled", "Session cancelled"
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Did not attend"


# Statuses that take one of the session's places.
HOLDS_A_PLACE = (BookingStatus.AWAITING_APPROVAL, BookingStatus.BOOKED, BookingStatus.OFFERED)
# Statuses the non-attendance policy charges.
CHARGED = (BookingStatus.LATE_CANCELLATION, BookingStatus.ABSENT)


class Booking(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    # The person's agency when they booked: a charge is recorded against it even if they move on.
    agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    booked_at = models.DateTimeField(default=timezone.now)  # a waiting list is served in this order
    changed_at = models.DateTimeField(default=timezone.now)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # In the links emailed to the line manager (to approve the booking, and later about its impact).
    manager_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    charge = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    watched_confirmed_at = models.DateTimeField(null=True, blank=True)  # recorded sessions
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended_on = models.DateField(null=True, blank=True)  # the day learning counted as done

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_booking_per_person")]
        indexes = [
            # A session's bookings by status, and a course's attendances in a year (report.py).
            models.Index(fields=["session", "status", "attended_on"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["status", "attended_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.session}"

    @property
    def holds_a_place(self) -> bool:
        return self.status in HOLDS_A_PLACE


class EmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Booking confirmed"
    APPROVAL_REQUEST = "approval_request", "Line manager asked to approve"
    WAITING = "waiting", "Added to the waiting list"
    REMINDER = "reminder", "Reminder, 14 days before"
    JOINING = "joining", "Joining instructions, 5 days before"
    OFFER = "offer", "Waiting list place offered"
    CANCELLATION = "cancellation", "Cancellation"
    NOT_APPROVED = "not_approved", "Line manager did not approve"
    OFFER_LAPSED = "offer_lapsed", "Waiting list offer ended unanswered"
    EVALUATION = "evaluation", "Evaluation asked for"
    EVALUATION_REMINDER = "evaluation_reminder", "Evaluation reminder"
    FOLLOW_UP = "follow_up", "Impact follow-up asked for"
    FOLLOW_UP_REMINDER = "follow_up_reminder", "Impact follow-up reminder"
    MANAGER_FOLLOW_UP = "manager_follow_up", "Line manager asked about impact"


class LearningEmail(models.Model):
    """One email about a booking, sent once: the row is written in the transaction that queues it.
    An offer can be made more than once (a place frees again), so `round` numbers them."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=30, choices=EmailKind.choices)
    round = models.PositiveSmallIntegerField(default=1)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_to = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "kind", "round"], name="each_learning_email_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.sent_to}"


RATING = [(n, str(n)) for n in range(1, 6)]


class Evaluation(models.Model):
    """The end-of-session evaluation: one per booking (a second is refused by the constraint)."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="evaluation")
    quality = models.PositiveSmallIntegerField(choices=RATING)
    relevance = models.PositiveSmallIntegerField(choices=RATING)
    knowledge_before = models.PositiveSmallIntegerField(choices=RATING)
    knowledge_after = models.PositiveSmallIntegerField(choices=RATING)
    confidence_before = models.PositiveSmallIntegerField(choices=RATING)
    confidence_after = models.PositiveSmallIntegerField(choices=RATING)
    improved = models.BooleanField(help_text="My skills and knowledge improved")
    will_do_differently = models.TextField(blank=True)
    comments = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Evaluation of {self.booking}"


class UsedLearning(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "Not yet"


class FollowUp(models.Model):
    """The impact follow-up, 3 to 6 months after attending: did practice change?"""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="follow_up")
    used_learning = models.CharField(max_length=10, choices=UsedLearning.choices)
    example = models.TextField(blank=True, help_text="What changed for a child or family")
    impact = models.PositiveSmallIntegerField(choices=RATING)
    submitted_at = models.DateTimeField(default=timezone.now)
    # Chosen by the business unit to quote in the evaluation report and the annual report.
    publishable = models.BooleanField(default=False)
    from_line_manager = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Follow-up of {self.booking}"


class ResourceKind(models.TextChoices):
    ONE_MINUTE_GUIDE = "one_minute_guide", "One Minute Guide"
    SEVEN_POINT_BRIEFING = "seven_point_briefing", "7-Point Briefing"
    VIDEO = "video", "Video"
    PODCAST = "podcast", "Podcast"
    PRESENTATION = "presentation", "Presentation"
    TOOLKIT = "toolkit", "Toolkit"
    GUIDANCE = "guidance", "Guidance document"


class Resource(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=ResourceKind.choices)
    summary = models.TextField(blank=True)
    themes = models.ManyToManyField("improvement.LearningTheme", blank=True, related_name="resources")
    audience = models.CharField(max_length=300, blank=True)
    is_public = models.BooleanField(
        default=False, help_text="Anyone may read it; otherwise practitioners only."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_on = models.DateField(help_text="When the owner checks it is still right.")
    published_on = models.DateField(null=True, blank=True)
    review_reminded_on = models.DateField(null=True, blank=True)  # the reminder for this review date

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:resource", args=[self.slug])


def resource_path(instance: "ResourceVersion", filename: str) -> str:
    # The stored name is random: the original name is kept in the row, never trusted on disk.
    return f"resources/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class ResourceVersion(models.Model):
    """Each version is kept; the highest number is the one served."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=resource_path, storage=private_storage, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    link = models.URLField(blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="What changed in this version")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["resource", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="one_version_number_per_resource"),
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(link=""), name="a_version_is_a_file_or_a_link"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource}, version {self.number}"
