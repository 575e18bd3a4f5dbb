"""Places on sessions: booking, the waiting list, line-manager approval, cancellation, attendance.

Every change runs in one transaction that first locks the session's row (SELECT ... FOR UPDATE on
PostgreSQL; on SQLite lscp's transactions take the write lock when they begin), so two people
taking the last place at once are served one after the other: one gets it, the other joins the
waiting list. A freed place goes to the first person waiting, who has `offer_hours` to accept
before it moves on (`expire_offers`, run by the scheduled job).

Emails go through lscp.learning.mail, queued in the same transaction, so a change that fails
sends nothing.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from lscp.core.calendar import working_days_between
from lscp.learning import mail
from lscp.learning.models import HOLDS_A_PLACE, Booking, BookingStatus, Session

S = BookingStatus


class BookingError(Exception):
    """Why the change cannot be made, in words for the person who tried."""


def policy(name: str):
    return settings.LSCP_LEARNING[name]


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("course").get(pk=session.pk)


def places_left(session: Session) -> int:
    return max(session.capacity - session.bookings.filter(status__in=HOLDS_A_PLACE).count(), 0)


def with_places(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with `taken` (places held) and `waiting` (people waiting) counted in the same query,
    for lists of sessions; `places_left` is the same count for one session."""
    return sessions.annotate(
        taken=Count("bookings", filter=Q(bookings__status__in=HOLDS_A_PLACE)),
        waiting=Count("bookings", filter=Q(bookings__status=S.WAITING)),
    )


def with_waiting_position(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """Bookings with `waiting_position`: 1 for the first person waiting on the session, and so on
    (the order offers are made in). Meaningful only for bookings on the waiting list."""
    ahead = (
        Booking.objects.filter(session=OuterRef("session"), status=S.WAITING)
        .filter(
            Q(booked_at__lt=OuterRef("booked_at")) | Q(booked_at=OuterRef("booked_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return bookings.annotate(
        waiting_position=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1
    )


@transaction.atomic
def book(session: Session, person, now: dt.datetime | None = None) -> Booking:
    """A place (or, when it asks for one, a request to the line manager), or a place on the waiting
    list when the session is full or others are already waiting."""
    now = now or timezone.now()
    session = _locked(session)
    _check_open(session, now)
    booking = Booking.objects.filter(session=session, person=person).first()
    if booking is not None and booking.status not in BOOKABLE_AGAIN:
        raise BookingError(_already_booked(booking))
    if booking is None:
        booking = Booking(session=session, person=person)
    waiting = session.bookings.filter(status=S.WAITING).exists()
    booking.status = S.WAITING if waiting or not places_left(session) else _placed(session)
    booking.agency_id = person.agency_id
    booking.booked_at = booking.changed_at = now
    booking.offer_expires_at = None
    booking.charge = None
    booking.save()
    mail.after_booking(booking)
    return booking


# A booking that ended in one of these may be made again (the row is reused).
BOOKABLE_AGAIN = (S.CANCELLED, S.NOT_APPROVED, S.OFFER_LAPSED)


def _already_booked(booking: Booking) -> str:
    status = booking.get_status_display().lower()
    if booking.status in (*HOLDS_A_PLACE, S.WAITING):
        return f"You already have this session in your bookings: {status}"
    # A late cancellation stays on record (it is charged); booking again would wipe it.
    return f"You cannot book this session again: your booking is {status}"


def _placed(session: Session) -> str:
    return S.AWAITING_APPROVAL if session.course.needs_manager_approval else S.BOOKED


def _check_open(session: Session, now: dt.datetime) -> None:
    if session.is_cancelled:
        raise BookingError("This session has been cancelled")
    if not session.course.is_published:
        raise BookingError("This course is not open for booking")
    if not session.course.is_on_demand and session.has_started(now):
        raise BookingError("This session has already started: choose a later date")


def cancellation_is_late(session: Session, now: dt.datetime) -> bool:
    """Within the policy's working days of the session (an on-demand course is never late)."""
    if session.course.is_on_demand:
        return False
    today, day = timezone.localdate(now), timezone.localdate(session.starts_at)
    return working_days_between(today, day) < policy("cancel_until_working_days")


def last_day_to_cancel(session: Session) -> dt.date | None:
    """The last day a booker may cancel without charge (None: an on-demand course, never late).

    Counted back from the session's day rather than with add_working_days, so that a session on
    a Saturday or a bank holiday gets the same number of working days' notice as any other."""
    if session.course.is_on_demand:
        return None
    day = timezone.localdate(session.starts_at)
    last = day
    while working_days_between(last, day) < policy("cancel_until_working_days"):
        last -= dt.timedelta(days=1)
    return last


@transaction.atomic
def cancel(booking: Booking, now: dt.datetime | None = None) -> Booking:
    """The booker gives up their place or their wait. Late, it is recorded under the
    non-attendance policy; either way a freed place is offered to the first person waiting."""
    now = now or timezone.now()
    session = _locked(booking.session)
    booking.refresh_from_db()
    if booking.status not in (*HOLDS_A_PLACE, S.WAITING):
        raise BookingError(
            f"There is nothing to cancel: this booking is {booking.get_status_display().lower()}"
        )
    if not session.course.is_on_demand and session.has_started(now):
        raise BookingError("The session has started: the trainer records attendance")
    late = booking.status == S.BOOKED and cancellation_is_late(session, now)
    _set(booking, S.LATE_CANCELLATION if late else S.CANCELLED, now)
    if late:
        booking.charge = Decimal(policy("non_attendance_charge"))
        booking.save(update_fields=["charge"])
    mail.cancelled(booking)
    offer_free_places(session, now)
    return booking


def _set(booking: Booking, status: str, now: dt.datetime, **fields) -> None:
    booking.status = status
    booking.changed_at = now
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save(update_fields=["status", "changed_at", *fields])


def offer_free_places(session: Session, now: dt.datetime) -> list[Booking]:
    """Offer each free place to the next person waiting (called inside a locked transaction)."""
    if session.is_cancelled or (not session.course.is_on_demand and session.has_started(now)):
        return []
    free = places_left(session)
    offered = list(session.bookings.filter(status=S.WAITING).order_by("booked_at", "pk")[:free])
    expires = now + dt.timedelta(hours=policy("offer_hours"))
    if not session.course.is_on_demand:
        expires = min(expires, session.starts_at)
    for booking in offered:
        _set(booking, S.OFFERED, now, offer_expires_at=expires)
        mail.offered(booking)
    return offered


@transaction.atomic
def accept_offer(booking: Booking, now: dt.datetime | None = None) -> Booking:
    now = now or timezone.now()
    session = _locked(booking.session)
    booking.refresh_from_db()
    if booking.status != S.OFFERED:
        raise BookingError("There is no offer to accept on this booking")
    if booking.offer_expires_at is not None and booking.offer_expires_at <= now:
        raise BookingError("The offer has ended and the place has gone to the next person waiting")
    _set(booking, _placed(session), now, offer_expires_at=None)
    mail.after_booking(booking)
    return booking


@transaction.atomic
def decline_offer(booking: Booking, now: dt.datetime | None = None) -> Booking:
    now = now or timezone.now()
    session = _locked(booking.session)
    booking.refresh_from_db()
    if booking.status != S.OFFERED:
        raise BookingError("There is no offer to decline on this booking")
    _set(booking, S.CANCELLED, now, offer_expires_at=None)
    offer_free_places(session, now)
    return booking


def expire_offers(now: dt.datetime | None = None) -> int:
    """Offers not taken up in time lapse, and each place goes to the next person waiting."""
    now = now or timezone.now()
    lapsed = 0
    sessions = Booking.objects.filter(status=S.OFFERED, offer_expires_at__lte=now).values_list(
        "session_id", flat=True
    )
    for session_id in set(sessions):
        with transaction.atomic():
            session = _locked(Session(pk=session_id))
            stale = session.bookings.filter(status=S.OFFERED, offer_expires_at__lte=now).select_related(
                "person", "session__course"
            )
            for each in stale:
                _set(each, S.OFFER_LAPSED, now)
                mail.offer_lapsed(each)
                lapsed += 1
            offer_free_places(session, now)
    return lapsed


@transaction.atomic
def decide_approval(booking: Booking, approved: bool, now: dt.datetime | None = None) -> Booking:
    """The line manager's answer (from the link in their email)."""
    now = now or timezone.now()
    session = _locked(booking.session)
    booking.refresh_from_db()
    if booking.status != S.AWAITING_APPROVAL:
        raise BookingError("This booking is no longer waiting for approval")
    if not session.course.is_on_demand and session.has_started(now):
        raise BookingError("The session has already started, so the booking can no longer be approved")
    _set(booking, S.BOOKED if approved else S.NOT_APPROVED, now)
    if approved:
        mail.after_booking(booking)
    else:
        mail.not_approved(booking)
        offer_free_places(session, now)
    return booking


@transaction.atomic
def reopen_places(session: Session, now: dt.datetime | None = None) -> list[Booking]:
    """After the business unit adds places to a session: offer them to the people waiting."""
    now = now or timezone.now()
    return offer_free_places(_locked(session), now)


REGISTER = (S.ATTENDED, S.ABSENT, S.LATE_CANCELLATION)


@transaction.atomic
def mark(booking: Booking, status: str, by, now: dt.datetime | None = None) -> Booking:
    """The trainer's register: attended, absent (charged under the policy) or a late cancellation."""
    now = now or timezone.now()
    session = _locked(booking.session)
    booking.refresh_from_db()
    if status not in REGISTER:
        raise BookingError("Mark the person as attended, absent or a late cancellation")
    if not session.has_started(now):
        raise BookingError("The register opens when the session starts")
    if booking.status not in (S.BOOKED, *REGISTER):
        raise BookingError(f"{booking.person} has no place to mark: {booking.get_status_display().lower()}")
    charged = status in (S.ABSENT, S.LATE_CANCELLATION)
    attended_on = timezone.localdate(session.starts_at) if status == S.ATTENDED else None
    _set(
        booking,
        status,
        now,
        attendance_marked_by=by,
        attended_on=attended_on,
        charge=Decimal(policy("non_attendance_charge")) if charged else None,
    )
    return booking


@transaction.atomic
def count_on_demand_attendance(booking: Booking, now: dt.datetime | None = None) -> Booking:
    """A recorded session counts as attended once the practitioner has confirmed they watched it
    and completed the evaluation (the evaluation calls this)."""
    now = now or timezone.now()
    booking.refresh_from_db()
    if booking.status != S.BOOKED or booking.watched_confirmed_at is None:
        raise BookingError("Confirm you have watched the session first")
    _set(booking, S.ATTENDED, now, attended_on=timezone.localdate(now))
    return booking


@transaction.atomic
def confirm_watched(booking: Booking, now: dt.datetime | None = None) -> Booking:
    now = now or timezone.now()
    booking.refresh_from_db()
    if not booking.session.course.is_on_demand or booking.status != S.BOOKED:
        raise BookingError("Only a booked recorded session or e-learning can be confirmed as watched")
    booking.watched_confirmed_at = now
    booking.save(update_fields=["watched_confirmed_at"])
    return booking


@transaction.atomic
def cancel_session(session: Session, now: dt.datetime | None = None) -> int:
    """The partnership cancels a session: everyone with a place or waiting is told."""
    now = now or timezone.now()
    session = _locked(session)
    session.is_cancelled = True
    session.save(update_fields=["is_cancelled"])
    affected = list(session.bookings.filter(status__in=(*HOLDS_A_PLACE, S.WAITING)))
    for booking in affected:
        _set(booking, S.SESSION_CANCELLED, now, offer_expires_at=None)
        mail.cancelled(booking)
    return len(affected)
