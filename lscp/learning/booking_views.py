"""A practitioner's own learning: booking, their bookings, offers from the waiting list, cancelling,
confirming a recorded session was watched. Also the line manager's approval page (reached from an
emailed link, without an account) and the trainer's attendance register.

Every change goes through lscp.learning.booking; a BookingError is shown to the person as it is.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lscp.core.permissions import public, rule
from lscp.learning import booking, windows
from lscp.learning.booking import BookingError
from lscp.learning.catalogue_forms import RegisterForm, Seat, approval_form, offer_form, posted
from lscp.learning.catalogue_views import get_session, session_page, viewable_course
from lscp.learning.models import Booking, BookingStatus, Session

S = BookingStatus


def get_booking(request: HttpRequest, pk: int, **kwargs) -> Booking:
    return get_object_or_404(Booking.objects.select_related("session__course", "person", "agency"), pk=pk)


def _describe(session: Session) -> str:
    return f"{session.course.title}, {timezone.localtime(session.starts_at):%-d %B %Y}"


def _after_booking_message(made: Booking) -> str:
    what = _describe(made.session)
    if made.status == S.BOOKED:
        return f"You have a place on {what}. We have emailed you the details"
    if made.status == S.AWAITING_APPROVAL:
        return (
            f"We have asked your line manager to approve your place on {what}. Your place is held meanwhile"
        )
    position = _position(booking.with_waiting_position(Booking.objects.filter(pk=made.pk)).get())
    return (
        f"{what} is full, so you are number {position} on the waiting list. "
        "We will email you if a place comes up"
    )


@require_POST
@rule("learning.book", get_session)
def book(request: HttpRequest, pk: int, obj: Session) -> HttpResponse:
    viewable_course(request, obj.course)
    try:
        made = booking.book(obj, request.user)
    except BookingError as refused:
        return session_page(request, obj, error=str(refused))
    messages.success(request, _after_booking_message(made))
    return redirect(obj)


def _position(annotated: Any) -> int:
    """The place in the queue of a booking annotated by booking.with_waiting_position."""
    return annotated.waiting_position


@dataclass(frozen=True)
class Entry:
    """One of the person's bookings on their page, with what they can do about it. When the
    evaluations open is lscp.learning.windows' rule, as on the evaluation pages themselves."""

    booking: Booking
    waiting_position: int
    can_evaluate: bool
    can_follow_up: bool

    @classmethod
    def of(cls, each: Booking, now: dt.datetime) -> "Entry":
        return cls(
            booking=each,
            waiting_position=_position(each),
            can_evaluate=windows.evaluation_is_open(each, now) and not _has(each, "evaluation"),
            can_follow_up=windows.follow_up_is_open(each, timezone.localdate(now))
            and not _has(each, "follow_up"),
        )


@rule("learning.book")
def my_learning(request: HttpRequest) -> HttpResponse:
    """Everything the person has booked, sorted into what needs them now and what is done."""
    now = timezone.now()
    mine = booking.with_waiting_position(
        Booking.objects.filter(person_id=request.user.pk).select_related(
            "session__course", "evaluation", "follow_up"
        )
    ).order_by("session__starts_at", "pk")
    sections: dict[str, list[Entry]] = {
        "offers": [],
        "awaiting": [],
        "upcoming": [],
        "on_demand": [],
        "waiting": [],
        "past": [],
        "cancelled": [],
    }
    for each in mine:
        sections[_section(each, now)].append(Entry.of(each, now))
    sections["past"].reverse()  # the most recent first
    return render(request, "learning/catalogue/my_learning.html", sections)


def _has(each: Booking, relation: str) -> bool:
    try:
        getattr(each, relation)
    except ObjectDoesNotExist:
        return False
    return True


def _section(each: Booking, now) -> str:
    session, status = each.session, each.status
    started = not session.course.is_on_demand and session.has_started(now)
    if status in (S.ATTENDED, S.ABSENT, S.LATE_CANCELLATION):
        return "past"
    if status == S.BOOKED:
        if session.course.is_on_demand:
            return "on_demand"
        return "past" if started else "upcoming"
    if status == S.OFFERED:
        return "offers"
    if status == S.AWAITING_APPROVAL:
        return "awaiting"
    if status == S.WAITING and not started:
        return "waiting"
    return "cancelled" if not started else "past"


def _back_from(request: HttpRequest, obj: Booking) -> HttpResponse:
    """Where the person goes after changing a booking: their own list, or (for the business unit
    acting for someone) the session's bookings."""
    if obj.person_id == request.user.pk:
        return redirect("learning:my-learning")
    return redirect("learning:session-bookings", obj.session_id)


@rule("learning.manage_booking", get_booking)
def cancel(request: HttpRequest, pk: int, obj: Booking) -> HttpResponse:
    session = obj.session
    now = timezone.now()
    error = ""
    if request.method == "POST":
        try:
            booking.cancel(obj, now)
        except BookingError as refused:
            error = str(refused)
        else:
            messages.success(request, _cancelled_message(obj))
            return _back_from(request, obj)
    late = obj.status == S.BOOKED and booking.cancellation_is_late(session, now)
    return render(
        request,
        "learning/catalogue/cancel.html",
        {
            "booking": obj,
            "session": session,
            "late": late,
            "charge": booking.policy("non_attendance_charge"),
            "last_day_to_cancel": booking.last_day_to_cancel(session),
            "can_cancel": obj.status in (*booking.HOLDS_A_PLACE, S.WAITING),
            "is_own": obj.person_id == request.user.pk,
            "error": error,
        },
    )


def _cancelled_message(obj: Booking) -> str:
    what = _describe(obj.session)
    if obj.status == S.LATE_CANCELLATION:
        return (
            f"Booking cancelled: {what}. It was a late cancellation, so the agency is charged "
            f"£{obj.charge} under the non-attendance policy"
        )
    return f"Booking cancelled: {what}"


@rule("learning.manage_booking", get_booking)
def offer(request: HttpRequest, pk: int, obj: Booking) -> HttpResponse:
    """A place offered from the waiting list: take it, or let it go to the next person."""
    form = offer_form(posted(request))
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            if form.said_yes:
                booking.accept_offer(obj)
            else:
                booking.decline_offer(obj)
        except BookingError as refused:
            error = str(refused)
        else:
            messages.success(request, _offer_message(obj))
            return _back_from(request, obj)
    return render(
        request,
        "learning/catalogue/offer.html",
        {
            "booking": obj,
            "session": obj.session,
            "form": form,
            "error": error,
            "is_open": obj.status == S.OFFERED,
        },
    )


def _offer_message(obj: Booking) -> str:
    what = _describe(obj.session)
    if obj.status == S.BOOKED:
        return f"You have a place on {what}. We have emailed you the details"
    if obj.status == S.AWAITING_APPROVAL:
        return f"We have asked your line manager to approve your place on {what}"
    return f"You declined the place on {what}: it has been offered to the next person waiting"


@require_POST
@rule("learning.manage_booking", get_booking)
def confirm_watched(request: HttpRequest, pk: int, obj: Booking) -> HttpResponse:
    try:
        booking.confirm_watched(obj)
    except BookingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            f"Thank you for watching {obj.session.course.title}. Complete the evaluation to finish it",
        )
    return redirect("learning:my-learning")


@public
@never_cache
def approval(request: HttpRequest, token) -> HttpResponse:
    """The line manager's page, opened from the link in their email: the token is the key."""
    obj = get_object_or_404(
        Booking.objects.select_related("session__course", "person", "agency"), manager_token=token
    )
    form = approval_form(posted(request))
    error, decided = "", False
    if request.method == "POST" and form.is_valid():
        try:
            booking.decide_approval(obj, approved=form.said_yes)
        except BookingError as refused:
            error = str(refused)
        else:
            decided = True
    return render(
        request,
        "learning/catalogue/approval.html",
        {
            "booking": obj,
            "session": obj.session,
            "form": form,
            "error": error,
            "decided": decided,
            "is_open": obj.status == S.AWAITING_APPROVAL,
        },
    )


def get_register_session(request: HttpRequest, pk: int, **kwargs) -> Session:
    return get_object_or_404(Session.objects.select_related("course"), pk=pk)


@rule("learning.take_register", get_register_session)
def attendance(request: HttpRequest, pk: int, obj: Session) -> HttpResponse:
    """The register, once the session has started: each person with a place is marked attended,
    absent or a late cancellation (the last two are charged under the non-attendance policy)."""
    places = obj.bookings.filter(status__in=(S.BOOKED, *booking.REGISTER)).order_by("person__full_name", "pk")
    people = [
        Seat(pk, status, name, short or full or "")
        for pk, status, name, short, full in places.values_list(
            "pk", "status", "person__full_name", "agency__short_name", "agency__name"
        )
    ]
    is_open = obj.has_started()
    form = RegisterForm(request.POST if request.method == "POST" else None, bookings=people)
    if request.method == "POST" and is_open and form.is_valid():
        changed = _mark(request, form)
        if not form.errors:
            unmarked = RegisterForm(bookings=_refreshed(people)).unmarked()
            left = f"; {unmarked} still to mark" if unmarked else ""
            messages.success(request, f"Register saved: {changed} change{'s' if changed != 1 else ''}{left}")
            return redirect("learning:attendance", obj.pk)
    return render(
        request,
        "learning/catalogue/attendance.html",
        {"session": obj, "form": form, "is_open": is_open, "people": people},
    )


def _mark(request: HttpRequest, form: RegisterForm) -> int:
    changed = 0
    for name, each, status in form.changes():
        try:
            booking.mark(Booking.objects.get(pk=each.pk), status, by=request.user)
        except BookingError as refused:
            form.add_error(name, str(refused))
        else:
            changed += 1
    return changed


def _refreshed(people: list[Seat]) -> list[Seat]:
    statuses = dict(Booking.objects.filter(pk__in=[b.pk for b in people]).values_list("pk", "status"))
    for each in people:
        each.status = statuses[each.pk]
    return people
