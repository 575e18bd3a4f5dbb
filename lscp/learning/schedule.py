"""The learning emails that fall due with time.

`run(now)` is the hourly job (`lscp send-learning-emails`, or the `send_learning_emails` task):

- waiting-list offers not taken up in time lapse, and each place is offered to the next person
  (lscp.learning.booking.expire_offers; offers last LSCP_LEARNING["offer_hours"]);
- a reminder 14 days before a dated session, to people whose place was booked before then;
- joining instructions 5 days before (the joining link or the venue), to people with a BOOKED
  place only, once the session has a venue or a joining link;
- the evaluation request once the evaluation opens (lscp.learning.windows: the session has ended
  and the register says ATTENDED; for on-demand learning, once the booker confirms they watched
  it), and a reminder 3 days later if there is still no evaluation. The page never closes, but
  nobody is asked about learning that ended more than EVALUATION_ASKED_WITHIN_DAYS ago;
- the impact follow-up when it opens, 3 months after the day attended (Booking.attended_on), a
  reminder at 4 months if there is no follow-up yet, and nothing once it has closed (6 months);
- the line manager's question about impact, when the practitioner's profile names a line manager,
  once the practitioner's own follow-up is in (the manager's page takes an answer only then),
  until the manager's time runs out (lscp.learning.windows.manager_closes_on);
- a review reminder to a resource's owner when its review date is 14 days away or past, once
  for each review date (Resource.review_reminded_on records the review date reminded about).

Each email is sent once (see lscp.learning.mail): running the job twice, or two runs at once,
sends nothing twice. Each kind is found with one query, read in chunks; each email found is then
written and queued in its own short transaction.

When each evaluation is open is one rule for the pages, the report and these emails:
lscp.learning.windows. `evaluation_is_open` and `follow_up_is_open` are re-exported here.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from lscp.core import mail as core_mail
from lscp.learning import booking as booking_service
from lscp.learning import emails, windows
from lscp.learning.emails import Message
from lscp.learning.mail import line_manager_email, send_once
from lscp.learning.models import ON_DEMAND, Booking, BookingStatus, EmailKind, LearningEmail, Resource
from lscp.learning.windows import add_months, evaluation_is_open, follow_up_is_open

__all__ = ["evaluation_is_open", "follow_up_is_open", "run"]

REMINDER_DAYS = 14
JOINING_DAYS = 5
EVALUATION_REMINDER_DAYS = 3
# Learning that ended longer ago than this is not asked about (after an outage, or on the first
# run with old records); the evaluation page itself stays open.
EVALUATION_ASKED_WITHIN_DAYS = 90
FOLLOW_UP_REMINDER_MONTHS = 4
# A follow-up reminder never comes hard on the heels of the follow-up itself (after a missed run).
FOLLOW_UP_REMINDER_GAP_DAYS = 7
RESOURCE_REVIEW_DAYS = 14
CHUNK = 500

OFFERS_LAPSED = "offers_lapsed"
RESOURCE_REVIEW = "resource_review"


def attended_by(today: dt.date, months: int) -> dt.date:
    """The latest day with add_months(day, months) <= today (every earlier day has it too)."""
    day = add_months(today, -months)
    while add_months(day + dt.timedelta(days=1), months) <= today:
        day += dt.timedelta(days=1)
    return day


def moment(text: str) -> dt.datetime:
    """An ISO date-time (or date: its start) as an aware moment; local time unless it says."""
    value = dt.datetime.fromisoformat(text)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


# ---------------------------------------------------------------- what is due


def _sent(kind: str, **when) -> Exists:
    return Exists(LearningEmail.objects.filter(booking=OuterRef("pk"), kind=kind, **when))


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.filter(person__is_active=True).select_related("person", "session__course")


def _booked_dated() -> QuerySet[Booking]:
    return (
        _bookings()
        .filter(status=BookingStatus.BOOKED, session__is_cancelled=False)
        .exclude(session__course__format__in=ON_DEMAND)
    )


def due_reminders(now: dt.datetime) -> QuerySet[Booking]:
    """14 days before (and until joining instructions are due), for places booked before then."""
    return _booked_dated().filter(
        ~_sent(EmailKind.REMINDER),
        session__starts_at__lte=now + dt.timedelta(days=REMINDER_DAYS),
        session__starts_at__gt=now + dt.timedelta(days=JOINING_DAYS),
        # For a BOOKED place, changed_at is when it became booked (the booking service stamps it).
        changed_at__lte=F("session__starts_at") - dt.timedelta(days=REMINDER_DAYS),
    )


def due_joining(now: dt.datetime) -> QuerySet[Booking]:
    """5 days before, until the start, once the session says where (venue or joining link)."""
    return (
        _booked_dated()
        .filter(
            ~_sent(EmailKind.JOINING),
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(days=JOINING_DAYS),
        )
        .exclude(session__venue="", session__joining_link="")
    )


def _attended() -> QuerySet[Booking]:
    return _bookings().filter(status=BookingStatus.ATTENDED, attended_on__isnull=False)


def _evaluation_wanted(now: dt.datetime) -> QuerySet[Booking]:
    """Open (lscp.learning.windows), not answered, and ended recently enough to ask about."""
    since = now - dt.timedelta(days=EVALUATION_ASKED_WITHIN_DAYS)
    on_demand = Q(session__course__format__in=ON_DEMAND)
    recent = (~on_demand & Q(session__ends_at__gt=since)) | (on_demand & Q(watched_confirmed_at__gt=since))
    return _bookings().filter(windows.evaluation_open_filter(now), recent, evaluation__isnull=True)


def due_evaluations(now: dt.datetime) -> QuerySet[Booking]:
    """When the evaluation opens: the end of a session the register says they attended, or, for
    on-demand learning, once they have confirmed they watched it (the evaluation counts it)."""
    return _evaluation_wanted(now).filter(~_sent(EmailKind.EVALUATION))


def due_evaluation_reminders(now: dt.datetime) -> QuerySet[Booking]:
    asked_before = now - dt.timedelta(days=EVALUATION_REMINDER_DAYS)
    return _evaluation_wanted(now).filter(
        _sent(EmailKind.EVALUATION, sent_at__lte=asked_before), ~_sent(EmailKind.EVALUATION_REMINDER)
    )


def _follow_up_open(now: dt.datetime) -> QuerySet[Booking]:
    return _attended().filter(windows.follow_up_open_filter(timezone.localdate(now)))


def due_follow_ups(now: dt.datetime) -> QuerySet[Booking]:
    """When the follow-up opens, 3 months after the day attended (until it closes at 6)."""
    return (
        _follow_up_open(now)
        .select_related("person__learner")  # the message says whether the line manager is asked
        .filter(follow_up__isnull=True)
        .filter(~_sent(EmailKind.FOLLOW_UP))
    )


def due_manager_follow_ups(now: dt.datetime) -> QuerySet[Booking]:
    """Once the practitioner's own follow-up is in, when their profile names a line manager who has
    not answered, until the manager's time runs out."""
    today = timezone.localdate(now)
    # The earliest attendance day whose manager may still answer today.
    since = attended_by(today - dt.timedelta(days=1), windows.MANAGER_CLOSES_MONTHS) + dt.timedelta(days=1)
    return (
        _attended()
        .select_related("person__learner")
        .filter(
            ~_sent(EmailKind.MANAGER_FOLLOW_UP),
            attended_on__gte=since,
            follow_up__isnull=False,
            follow_up__from_line_manager="",
            person__learner__line_manager_email__gt="",
        )
    )


def due_follow_up_reminders(now: dt.datetime) -> QuerySet[Booking]:
    asked_before = now - dt.timedelta(days=FOLLOW_UP_REMINDER_GAP_DAYS)
    today = timezone.localdate(now)
    return (
        _follow_up_open(now)
        .filter(attended_on__lte=attended_by(today, FOLLOW_UP_REMINDER_MONTHS), follow_up__isnull=True)
        .filter(_sent(EmailKind.FOLLOW_UP, sent_at__lte=asked_before), ~_sent(EmailKind.FOLLOW_UP_REMINDER))
    )


def due_resource_reviews(today: dt.date) -> QuerySet[Resource]:
    """Review date within 14 days or past, owner not yet reminded about this review date."""
    return (
        Resource.objects.filter(
            owner__isnull=False,
            owner__is_active=True,
            review_on__lte=today + dt.timedelta(days=RESOURCE_REVIEW_DAYS),
        )
        .filter(Q(review_reminded_on__isnull=True) | ~Q(review_reminded_on=F("review_on")))
        .select_related("owner")
    )


# ---------------------------------------------------------------- sending


def _closes(booking: Booking) -> dt.date:
    """The follow-up's last day."""
    assert booking.attended_on is not None
    return windows.follow_up_closes_on(booking.attended_on)


def _manager_closes(booking: Booking) -> dt.date:
    assert booking.attended_on is not None
    return windows.manager_closes_on(booking.attended_on)


@dataclass(frozen=True)
class Due:
    """One kind of timed email: which bookings are due, whom it goes to and what it says."""

    kind: EmailKind
    due: Callable[[dt.datetime], QuerySet[Booking]]
    message: Callable[[Booking], Message]
    to: Callable[[Booking], str] = lambda booking: booking.person.email


def _follow_up_message(booking: Booking) -> Message:
    return emails.follow_up(booking, _closes(booking), manager_asked=bool(line_manager_email(booking.person)))


TIMED = (
    Due(EmailKind.REMINDER, due_reminders, emails.reminder),
    Due(EmailKind.JOINING, due_joining, emails.joining),
    Due(EmailKind.EVALUATION, due_evaluations, emails.evaluation),
    Due(EmailKind.EVALUATION_REMINDER, due_evaluation_reminders, emails.evaluation_reminder),
    Due(EmailKind.FOLLOW_UP, due_follow_ups, _follow_up_message),
    Due(
        EmailKind.MANAGER_FOLLOW_UP,
        due_manager_follow_ups,
        lambda b: emails.manager_follow_up(b, _manager_closes(b)),
        lambda b: b.person.learner.line_manager_email,
    ),
    Due(
        EmailKind.FOLLOW_UP_REMINDER,
        due_follow_up_reminders,
        lambda b: emails.follow_up_reminder(b, _closes(b)),
    ),
)


def send(due: Due, booking: Booking, now: dt.datetime) -> bool:
    """Queue one timed email unless it was already sent (then False: another run got there)."""
    return send_once(booking, due.kind, due.to(booking), due.message(booking), now=now)


def remind_resource_owner(resource: Resource, today: dt.date) -> bool:
    """Queue one review reminder, unless one about this review date was already sent."""
    assert resource.owner is not None  # due_resource_reviews() selects owned resources only
    with transaction.atomic():
        # Claim the reminder: of two runs at once, the second's update waits for the first's
        # commit, then matches nothing.
        claimed = (
            Resource.objects.filter(pk=resource.pk, review_on=resource.review_on)
            .filter(Q(review_reminded_on__isnull=True) | ~Q(review_reminded_on=resource.review_on))
            .update(review_reminded_on=resource.review_on)
        )
        if not claimed:
            return False
        message = emails.resource_review(resource, today)
        core_mail.send([resource.owner.email], message.subject, message.text)
    return True


def run(now: dt.datetime | None = None) -> dict[str, int]:
    """Lapse stale offers, then queue every learning email due at `now`; returns how many of each
    kind were queued (keys: "offers_lapsed", "offer", the timed EmailKind values and
    "resource_review")."""
    now = now or timezone.now()
    counts = {OFFERS_LAPSED: booking_service.expire_offers(now)}
    # The places those freed were offered at once (lscp.learning.mail.offered), stamped `now`.
    counts[EmailKind.OFFER.value] = LearningEmail.objects.filter(kind=EmailKind.OFFER, sent_at=now).count()
    for due in TIMED:
        counts[due.kind.value] = 0
        for booking in due.due(now).order_by("pk").iterator(chunk_size=CHUNK):
            counts[due.kind.value] += send(due, booking, now)
    today = timezone.localdate(now)
    counts[RESOURCE_REVIEW] = 0
    for resource in due_resource_reviews(today).order_by("pk").iterator(chunk_size=CHUNK):
        counts[RESOURCE_REVIEW] += remind_resource_owner(resource, today)
    return counts
