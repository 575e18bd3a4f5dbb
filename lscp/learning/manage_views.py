"""The business unit runs the offer: courses (drafts too) and their sessions, cancelling a session,
each session's bookings and waiting list, and the non-attendance charges it invoices agencies from
(the app takes no payments)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lscp.core.audit import record_event
from lscp.core.exports import Column, export_response
from lscp.core.models import AccessKind
from lscp.core.permissions import rule
from lscp.learning import booking
from lscp.learning.catalogue_forms import (
    CourseForm,
    SessionForm,
    financial_year_label,
    financial_year_of,
    parse_financial_year,
    posted,
)
from lscp.learning.catalogue_views import get_session
from lscp.learning.models import CHARGED, ON_DEMAND, Booking, BookingStatus, Course, Session

S = BookingStatus
# How far back the manage page looks for registers still to take.
RECENT_DAYS = 60


@rule("learning.manage_courses")
def manage(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    upcoming = Q(sessions__starts_at__gt=now, sessions__is_cancelled=False)
    courses = Course.objects.annotate(upcoming=Count("sessions", filter=upcoming)).order_by("title", "pk")
    sessions = (
        booking.with_places(Session.objects.select_related("course"))
        .filter(Q(starts_at__gt=now) | Q(course__format__in=ON_DEMAND, is_cancelled=False))
        .order_by("starts_at", "pk")
    )
    unmarked = (
        Session.objects.select_related("course")
        .filter(starts_at__lte=now, starts_at__gte=now - dt.timedelta(days=RECENT_DAYS), is_cancelled=False)
        .exclude(course__format__in=ON_DEMAND)
        .annotate(unmarked=Count("bookings", filter=Q(bookings__status=S.BOOKED)))
        .filter(unmarked__gt=0)
        .order_by("starts_at", "pk")
    )
    return render(
        request,
        "learning/catalogue/manage.html",
        {"courses": courses, "sessions": sessions, "unmarked": unmarked, "recent_days": RECENT_DAYS},
    )


def get_course(request: HttpRequest, slug: str, **kwargs) -> Course:
    return get_object_or_404(Course, slug=slug)


def _form_page(request: HttpRequest, form, **context) -> HttpResponse:
    return render(request, "form.html", {"form": form, **context})


@rule("learning.manage_courses")
def course_add(request: HttpRequest) -> HttpResponse:
    form = CourseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        course = form.save()
        messages.success(request, f"Course added: {course.title}. Add its sessions next")
        return redirect(course)
    return _form_page(
        request,
        form,
        title="Add a course",
        caption="Training",
        button="Add the course",
        back=reverse("learning:manage"),
    )


@rule("learning.manage_courses", get_course)
def course_edit(request: HttpRequest, slug: str, obj: Course) -> HttpResponse:
    form = CourseForm(posted(request), instance=obj)
    if request.method == "POST" and form.is_valid():
        course = form.save()
        messages.success(request, f"Course changed: {course.title}")
        return redirect(course)
    return _form_page(
        request,
        form,
        title="Change the course",
        caption=obj.title,
        button="Save the course",
        back=obj.get_absolute_url(),
    )


@rule("learning.manage_courses", get_course)
def session_add(request: HttpRequest, slug: str, obj: Course) -> HttpResponse:
    form = SessionForm(posted(request), instance=Session(course=obj))
    if request.method == "POST" and form.is_valid():
        session = form.save()
        messages.success(request, f"Session added: {_described(session)}")
        return redirect(session)
    return _form_page(
        request,
        form,
        title="Add a session",
        caption=obj.title,
        button="Add the session",
        back=obj.get_absolute_url(),
    )


@rule("learning.manage_courses", get_session)
def session_edit(request: HttpRequest, pk: int, obj: Session) -> HttpResponse:
    form = SessionForm(posted(request), instance=obj)
    if request.method == "POST" and form.is_valid():
        session = form.save()
        offered = booking.reopen_places(session)
        extra = (
            f"; {len(offered)} new place{'s' if len(offered) != 1 else ''} offered to people waiting"
            if offered
            else ""
        )
        messages.success(request, f"Session changed: {_described(session)}{extra}")
        return redirect(session)
    return _form_page(
        request,
        form,
        title="Change the session",
        caption=obj.course.title,
        button="Save the session",
        back=obj.get_absolute_url(),
    )


def _described(session: Session) -> str:
    return f"{session.course.title}, {timezone.localtime(session.starts_at):%-d %B %Y}"


@rule("learning.manage_courses", get_session)
def session_cancel(request: HttpRequest, pk: int, obj: Session) -> HttpResponse:
    if request.method == "POST" and not obj.is_cancelled:
        told = booking.cancel_session(obj)
        messages.success(
            request,
            f"Session cancelled: {_described(obj)}. {told} {'person' if told == 1 else 'people'} told",
        )
        return redirect(obj)
    affected = obj.bookings.filter(status__in=(*booking.HOLDS_A_PLACE, S.WAITING)).count()
    return render(request, "learning/catalogue/session_cancel.html", {"session": obj, "affected": affected})


@rule("learning.view_bookings", get_session)
def session_bookings(request: HttpRequest, pk: int, obj: Session) -> HttpResponse:
    """Everyone booked on the session: places first, then the waiting list in the order offers
    are made, then everything else (cancelled, attended, ...)."""
    rows = list(obj.bookings.select_related("person", "agency").order_by("booked_at", "pk"))
    places = [b for b in rows if b.status in booking.HOLDS_A_PLACE]
    waiting = [b for b in rows if b.status == S.WAITING]
    others = [b for b in rows if b.status not in (*booking.HOLDS_A_PLACE, S.WAITING)]
    return render(
        request,
        "learning/catalogue/session_bookings.html",
        {
            "session": obj,
            "places": places,
            "waiting": waiting,
            "others": others,
            "places_left": max(obj.capacity - len(places), 0),
            "can_cancel_bookings": request.user.has_perm("learning.manage_courses"),
        },
    )


def get_booking(request: HttpRequest, pk: int, **kwargs) -> Booking:
    return get_object_or_404(Booking.objects.select_related("person", "session__course"), pk=pk)


@require_POST
@rule("learning.manage_courses", get_booking)
def decide_for_manager(request: HttpRequest, pk: int, obj: Booking) -> HttpResponse:
    """The business unit answers for a line manager who cannot (none on record, or away): the
    same decision the manager's emailed link makes, recorded in the change log under their name."""
    approved = request.POST.get("approved") == "yes"
    try:
        booking.decide_approval(obj, approved)
    except booking.BookingError as refused:
        messages.info(request, str(refused))
    else:
        verdict = "approved" if approved else "declined"
        messages.success(request, f"{obj.person.full_name}’s place {verdict} for their line manager")
    return redirect("learning:session-bookings", obj.session_id)


# The non-attendance charges, by financial year (1 April to 31 March) and agency.


@dataclass
class AgencyCharges:
    name: str
    rows: list[Booking] = field(default_factory=list)
    total: Decimal = Decimal("0")


def charged_bookings(first_year: int):
    """Bookings charged under the non-attendance policy for sessions in the financial year
    starting in April of `first_year`, by agency then date."""
    start = timezone.make_aware(dt.datetime(first_year, 4, 1))
    end = timezone.make_aware(dt.datetime(first_year + 1, 4, 1))
    return (
        Booking.objects.filter(status__in=CHARGED, charge__isnull=False)
        .filter(session__starts_at__gte=start, session__starts_at__lt=end)
        .select_related("person", "agency", "session__course")
        .order_by("agency__name", "session__starts_at", "person__full_name", "pk")
    )


def _by_agency(rows) -> list[AgencyCharges]:
    groups: dict[int | None, AgencyCharges] = {}
    for row in rows:
        name = row.agency.name if row.agency else "No agency recorded"
        group = groups.setdefault(row.agency_id, AgencyCharges(name))
        group.rows.append(row)
        group.total += row.charge
    return sorted(groups.values(), key=lambda g: (g.name == "No agency recorded", g.name))


def _year_choices(current: int) -> list[int]:
    """Financial years from the first with a charge to the last (this one included)."""
    span = Booking.objects.filter(status__in=CHARGED, charge__isnull=False).aggregate(
        first=Min("session__starts_at"), last=Max("session__starts_at")
    )
    years = [current]
    if span["first"]:
        years += [
            financial_year_of(timezone.localdate(span["first"])),
            financial_year_of(timezone.localdate(span["last"])),
        ]
    return list(range(max(years), min(years) - 1, -1))


def _chosen_year(request: HttpRequest, current: int) -> tuple[int, str]:
    """The year asked for (?year=2021-22), or this one; and what was wrong with the request."""
    asked = request.GET.get("year", "").strip()
    if not asked:
        return current, ""
    year = parse_financial_year(asked)
    if year is None:
        return (
            current,
            f"Enter a financial year like {financial_year_label(current)}: showing this year instead",
        )
    return year, ""


@rule("learning.view_charges")
def charges(request: HttpRequest) -> HttpResponse:
    current = financial_year_of(timezone.localdate())
    year, error = _chosen_year(request, current)
    groups = _by_agency(charged_bookings(year))
    choices = _year_choices(current)
    if year not in choices:
        choices = sorted({*choices, year}, reverse=True)
    return render(
        request,
        "learning/catalogue/charges.html",
        {
            "groups": groups,
            "total": sum((g.total for g in groups), Decimal("0")),
            "count": sum(len(g.rows) for g in groups),
            "year": financial_year_label(year),
            "years": [financial_year_label(y) for y in choices],
            "error": error,
            "charge": booking.policy("non_attendance_charge"),
        },
    )


CHARGE_COLUMNS = [
    Column("Agency", lambda b: b.agency.name if b.agency else "", width=36),
    Column("Person", lambda b: b.person.full_name, width=28),
    Column("Email", lambda b: b.person.email, width=32),
    Column("Course", lambda b: b.session.course.title, width=40),
    Column("Session date", lambda b: timezone.localdate(b.session.starts_at), width=14),
    Column("Reason", lambda b: b.get_status_display(), width=18),
    Column("Charge (GBP)", lambda b: b.charge, width=12),
]


@rule("learning.view_charges")
def charges_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    asked = request.GET.get("year", "")
    year = parse_financial_year(asked) if asked else financial_year_of(timezone.localdate())
    if year is None:
        raise Http404("No such financial year")
    rows = charged_bookings(year).iterator(chunk_size=500)
    # Names and email addresses leave the system: the audit trail records who took them.
    record_event(
        AccessKind.EXPORTED,
        request,
        request.user,
        what=f"Non-attendance charges {financial_year_label(year)}",
    )
    return export_response(
        rows, CHARGE_COLUMNS, f"non-attendance-charges-{financial_year_label(year)}", "csv"
    )
