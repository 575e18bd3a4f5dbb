"""Emails about bookings, each sent exactly once.

The booking service calls `after_booking`, `cancelled`, `offered` and `not_approved` inside the
transaction that changes the booking; lscp.learning.schedule sends the ones that fall due with
time (reminders, joining instructions, evaluations, follow-ups). Either way `send_once` writes a
`LearningEmail` row (unique on booking, kind and round) in the same transaction that queues the
message for the background worker: if the change rolls back, nothing is sent; if another run
already wrote the row, the IntegrityError means it got there first and nothing is queued.

Kinds that can legitimately happen again to one booking (a place offered a second time, a
re-booking after cancelling, ...) are numbered by `round`: the next round is one more than the
highest already sent. The others are sent once per booking. The messages are in
lscp.learning.emails.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from lscp.core import mail as core_mail
from lscp.learning import emails, ics
from lscp.learning.emails import Message
from lscp.learning.models import Booking, BookingStatus, EmailKind, LearnerProfile, LearningEmail

S = BookingStatus

# Kinds that may be sent again for one booking, each time a new round.
REPEATING = frozenset(
    {
        EmailKind.CONFIRMATION,
        EmailKind.APPROVAL_REQUEST,
        EmailKind.WAITING,
        EmailKind.OFFER,
        EmailKind.CANCELLATION,
        EmailKind.NOT_APPROVED,
        EmailKind.OFFER_LAPSED,
    }
)
NOT_APPROVED = EmailKind.NOT_APPROVED


def next_round(booking: Booking, kind: str) -> int:
    highest = LearningEmail.objects.filter(booking=booking, kind=kind).aggregate(top=Max("round"))["top"]
    return (highest or 0) + 1


def send_once(
    booking: Booking,
    kind: str,
    to: str,
    message: Message,
    *,
    round: int = 1,
    now: dt.datetime | None = None,
    attachments: list[list[str]] | None = None,
) -> bool:
    """Record and queue one email; False (and nothing queued) if this round was already sent."""
    try:
        with transaction.atomic():
            LearningEmail.objects.create(
                booking=booking, kind=kind, round=round, sent_to=to, sent_at=now or timezone.now()
            )
            core_mail.send([to], message.subject, message.text, attachments=attachments)
    except IntegrityError:
        return False  # another run (or an earlier call) sent it
    return True


def send_again(
    booking: Booking,
    kind: str,
    to: str,
    message: Message,
    now: dt.datetime | None = None,
    attachments: list[list[str]] | None = None,
) -> bool:
    """Send a repeating kind in its next round (the caller holds the session's lock)."""
    return send_once(
        booking, kind, to, message, round=next_round(booking, kind), now=now, attachments=attachments
    )


def line_manager_email(person) -> str:
    try:
        return person.learner.line_manager_email
    except LearnerProfile.DoesNotExist:
        return ""


def _now(booking: Booking, now: dt.datetime | None) -> dt.datetime:
    # The booking service stamps `changed_at` with the moment of the change it is making.
    return now or booking.changed_at or timezone.now()


def calendar_attachment(booking: Booking, stamp: dt.datetime, sequence: int = 0) -> list[str]:
    filename = f"{slugify(booking.session.course.title)[:60] or 'session'}.ics"
    return [filename, ics.for_booking(booking, stamp, sequence), "text/calendar"]


def after_booking(booking: Booking, now: dt.datetime | None = None) -> bool:
    """Confirmation (with a calendar file for a dated session), the approval request to the line
    manager, or the waiting list, by the booking's status. True if an email was queued."""
    now = _now(booking, now)
    if booking.status == S.BOOKED:
        kind = EmailKind.CONFIRMATION
        round_ = next_round(booking, kind)
        attachments = None
        if not booking.session.course.is_on_demand:
            attachments = [calendar_attachment(booking, now, sequence=round_ - 1)]
        return send_once(
            booking,
            kind,
            booking.person.email,
            emails.confirmation(booking, now),
            round=round_,
            now=now,
            attachments=attachments,
        )
    if booking.status == S.AWAITING_APPROVAL:
        manager = line_manager_email(booking.person)
        if not manager:
            return False  # nobody to ask: the business unit sees it waiting on the session's bookings
        return send_again(booking, EmailKind.APPROVAL_REQUEST, manager, emails.approval_request(booking), now)
    if booking.status == S.WAITING:
        return send_again(booking, EmailKind.WAITING, booking.person.email, emails.waiting(booking), now)
    return False


def cancelled(booking: Booking, now: dt.datetime | None = None) -> bool:
    """Tell the booker their booking is cancelled (by them, late, or because the session was)."""
    if booking.status not in (S.CANCELLED, S.LATE_CANCELLATION, S.SESSION_CANCELLED):
        return False
    message = emails.cancellation(booking)
    return send_again(booking, EmailKind.CANCELLATION, booking.person.email, message, _now(booking, now))


def offered(booking: Booking, now: dt.datetime | None = None) -> bool:
    """Offer a waiting-list place: accept by `offer_expires_at`."""
    if booking.status != S.OFFERED:
        return False
    message = emails.offer(booking)
    return send_again(booking, EmailKind.OFFER, booking.person.email, message, _now(booking, now))


def offer_lapsed(booking: Booking, now: dt.datetime | None = None) -> bool:
    """Tell the person their offer ended unanswered and the place went on: once per offer made."""
    if booking.status != S.OFFER_LAPSED:
        return False
    message = emails.offer_lapsed(booking)
    return send_again(booking, EmailKind.OFFER_LAPSED, booking.person.email, message, _now(booking, now))


def not_approved(booking: Booking, now: dt.datetime | None = None) -> bool:
    """Tell the booker their line manager did not approve."""
    if booking.status != S.NOT_APPROVED:
        return False
    return send_again(
        booking, NOT_APPROVED, booking.person.email, emails.not_approved(booking), _now(booking, now)
    )
