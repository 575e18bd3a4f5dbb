"""The catalogue: anyone may browse courses and their sessions; booking needs an account, which a
practitioner makes for themselves here."""

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from lscp.accounts import invitations
from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.pagination import KeysFirstPaginator
from lscp.core.permissions import public
from lscp.learning import booking
from lscp.learning.catalogue_forms import CatalogueFilterForm, SignUpForm, posted
from lscp.learning.models import ON_DEMAND, Booking, BookingStatus, Course, LearnerProfile, Session

PAGE_SIZE = 20


def duration_text(minutes: int) -> str:
    """180 -> 3 hours; 90 -> 1 hour 30 minutes."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def open_sessions(course_sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions people can still book: not cancelled and not started (an on-demand course's
    sessions stay open whatever their date)."""
    return course_sessions.filter(is_cancelled=False).filter(
        Q(starts_at__gt=timezone.now()) | Q(course__format__in=ON_DEMAND)
    )


@public
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    filters = form.filters()
    # The next session as a subquery, worked out for the page's courses only (on the (course,
    # starts_at) index), where an aggregate would group every session of every course first.
    upcoming = Session.objects.filter(course=OuterRef("pk"), is_cancelled=False, starts_at__gt=timezone.now())
    courses = (
        CatalogueFilterForm.apply(Course.objects.filter(is_published=True), filters)
        .annotate(next_session=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]))
        .prefetch_related("themes")
        .order_by("title", "pk")
    )
    page = KeysFirstPaginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/catalogue/catalogue.html",
        {
            "filter_form": form,
            "filters": filters,
            "page": page,
            "rows": [CourseRow.of(each) for each in page.object_list],
            "can_manage": request.user.has_perm("learning.manage_courses"),
            "can_view_charges": request.user.has_perm("learning.view_charges"),
        },
    )


@dataclass(frozen=True)
class CourseRow:
    course: Course
    length: str
    next_session: Any  # the start of the next session, or None

    @classmethod
    def of(cls, course: Any) -> "CourseRow":
        """`course` as the catalogue's query annotates it (next_session)."""
        return cls(course, duration_text(course.duration_minutes), course.next_session)


def viewable_course(request: HttpRequest, course: Course) -> Course:
    # A draft is the business unit's: to anyone else it does not exist.
    if not request.user.has_perm("learning.view_course", course):
        raise Http404
    return course


def _bookings_of(request: HttpRequest, sessions: list[Session]) -> dict[int, Booking]:
    if not request.user.is_authenticated or not sessions:
        return {}
    mine = booking.with_waiting_position(
        Booking.objects.filter(person_id=request.user.pk, session__in=sessions)
    )
    return {each.session_id: each for each in mine}


@dataclass(frozen=True)
class SessionRow:
    session: Session
    places_left: int
    is_full: bool
    mine: Booking | None = None

    @classmethod
    def of(cls, session: Any, mine: Booking | None = None) -> "SessionRow":
        """`session` annotated by booking.with_places. People already waiting come first, so a new
        booker joins them even while a freed place is being offered to someone."""
        left = max(session.capacity - session.taken, 0)
        return cls(session, left, left == 0 or session.waiting > 0, mine)


@public
def course(request: HttpRequest, slug: str) -> HttpResponse:
    course = viewable_course(
        request, get_object_or_404(Course.objects.prefetch_related("themes", "audiences"), slug=slug)
    )
    sessions = list(booking.with_places(open_sessions(course.sessions.all())).order_by("starts_at", "pk"))
    mine = _bookings_of(request, sessions)
    return render(
        request,
        "learning/catalogue/course.html",
        {
            "course": course,
            "length": duration_text(course.duration_minutes),
            "rows": [SessionRow.of(each, mine.get(each.pk)) for each in sessions],
            "can_manage": request.user.has_perm("learning.manage_courses"),
        },
    )


def get_session(request: HttpRequest, pk: int, **kwargs) -> Session:
    """A session with its course and its places counted (booking.with_places)."""
    return get_object_or_404(booking.with_places(Session.objects.select_related("course")), pk=pk)


@public
def session(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_session(request, pk)
    viewable_course(request, found.course)
    return session_page(request, found)


def session_page(request: HttpRequest, session: Session, error: str = "") -> HttpResponse:
    """The session's page; with `error`, why booking it failed (shown as an error summary)."""
    user = request.user
    mine = _bookings_of(request, [session]).get(session.pk)
    has_place = mine is not None and mine.status == BookingStatus.BOOKED
    course = session.course
    is_open = (
        not session.is_cancelled
        and course.is_published
        and (course.is_on_demand or not session.has_started())
    )
    return render(
        request,
        "learning/catalogue/session.html",
        {
            "session": session,
            "row": SessionRow.of(session, mine),
            "course": course,
            "length": duration_text(course.duration_minutes),
            "trainers": list(session.trainers.all()),
            "mine": mine,
            "has_place": has_place,
            "can_book": is_open and (mine is None or mine.status in booking.BOOKABLE_AGAIN),
            "can_cancel": mine is not None and mine.status in (*booking.HOLDS_A_PLACE, BookingStatus.WAITING),
            "last_day_to_cancel": booking.last_day_to_cancel(session),
            "error": error,
            "can_manage": user.has_perm("learning.manage_courses"),
            "can_view_bookings": user.has_perm("learning.view_bookings"),
            "can_take_register": user.is_authenticated and user.has_perm("learning.take_register", session),
        },
    )


@public
@never_cache
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("learning:my-learning")
    form = SignUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        register(form.cleaned_data)
        # The same page whether or not the address already had an account: nobody learns who has.
        return redirect("learning:sign-up-sent")
    return render(request, "learning/catalogue/sign_up.html", {"form": form})


def register(details: dict) -> None:
    """A practitioner account with a learner profile, and an email to set its password. An address
    that already has an account is sent a password reset link instead, and nothing changes."""
    email = details["email"]
    if User.objects.filter(email__iexact=email).exists():
        invitations.send_password_reset(email)
        return
    try:
        with transaction.atomic():
            person = invitations.invite(
                full_name=details["full_name"],
                email=email,
                job_title=details["job_title"],
                agency=details["agency"],
                roles=[Role.PRACTITIONER],
            )
            LearnerProfile.objects.create(
                user=person,
                service_area=details["service_area"],
                line_manager_email=details["line_manager_email"],
            )
    except IntegrityError:
        # Someone registered the same address at the same moment: treat it as taken.
        invitations.send_password_reset(email)


@public
def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/catalogue/sign_up_sent.html")
