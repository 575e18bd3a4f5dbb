"""The practitioner's evaluation on the day and their impact follow-up 3 to 6 months later, the line
manager's view of that impact (from the link in their email), and the certificate of attendance.

When each opens is lscp.learning.windows. Each booking has one evaluation and one follow-up: a
second is refused, and the database's one-to-one constraint refuses it too when two arrive at once.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lscp.core.permissions import public, rule
from lscp.learning import booking as booking_service
from lscp.learning import windows
from lscp.learning.evaluation_forms import EvaluationForm, FollowUpForm, ManagerFollowUpForm
from lscp.learning.models import Booking, BookingStatus, Evaluation, FollowUp

ALREADY_EVALUATED = (
    "You have already evaluated this session. Each booking has one evaluation, so your first "
    "answers stand and nothing more was saved."
)
ALREADY_FOLLOWED_UP = (
    "You have already told us about the impact of this learning. Each booking has one follow-up, "
    "so your first answers stand and nothing more was saved."
)


def _already(request: HttpRequest, refused: str, done: str, on: dt.datetime | None) -> str:
    """What a refused second answer says; opening the page again just says when it was given;
    "" when nothing was given yet."""
    if on is None:
        return ""
    if request.method == "POST":
        return refused
    return f"{done} on {timezone.localtime(on):%-d %B %Y}. Thank you."


MANAGER_ALREADY = "Thank you: your view is already recorded. It can be given once, so nothing more was saved."


def get_booking(request, pk: int, **kwargs) -> Booking:
    return get_object_or_404(Booking.objects.select_related("session__course", "person"), pk=pk)


def _notice(
    request: HttpRequest, booking: Booking, title: str, message: str, *, status: int = 200, public=False
) -> HttpResponse:
    """A page that says why there is nothing to fill in (or that it is done)."""
    return render(
        request,
        "learning/evaluation/notice.html",
        {"booking": booking, "title": title, "message": message, "public": public},
        status=status,
    )


def _refusal_status(request: HttpRequest, status: int) -> int:
    """A page that only informs answers 200; a refused submission says so in its status too."""
    return status if request.method == "POST" else 200


def _refused(
    request: HttpRequest, obj: Booking, title: str, already: str, closed: str
) -> HttpResponse | None:
    """The page saying why there is nothing to fill in: already answered (409 to a submission)
    or not open (400); None when the form may be answered."""
    if already:
        return _notice(request, obj, title, already, status=_refusal_status(request, 409))
    if closed:
        return _notice(request, obj, title, closed, status=_refusal_status(request, 400))
    return None


def _my_learning() -> str:
    return reverse("learning:my-learning")


# --- the evaluation on the day -------------------------------------------------------------------


@rule("learning.evaluate", get_booking)
def evaluate(request: HttpRequest, pk: int, obj: Booking) -> HttpResponse:
    title = "Evaluate the session"
    given = Evaluation.objects.filter(booking=obj).values_list("submitted_at", flat=True).first()
    said = _already(request, ALREADY_EVALUATED, "You have already evaluated this session: you did so", given)
    if refused := _refused(request, obj, title, said, windows.why_evaluation_is_closed(obj)):
        return refused
    form = EvaluationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        evaluation = form.save(commit=False)
        evaluation.booking = obj
        try:
            with transaction.atomic():
                evaluation.save()
                if obj.status == BookingStatus.BOOKED:
                    # A recorded session or e-learning, watched: the evaluation completes it.
                    booking_service.count_on_demand_attendance(obj)
        except IntegrityError:
            # Another submission of this evaluation got there first (two tabs, a double click).
            return _notice(request, obj, title, ALREADY_EVALUATED, status=409)
        except booking_service.BookingError as refused:
            return _notice(request, obj, title, str(refused), status=400)
        done = "Thank you: your evaluation is saved"
        if obj.status == BookingStatus.ATTENDED and obj.session.course.is_on_demand:
            done += ", and the session counts as attended"
        messages.success(request, f"{done}.")
        return redirect(_my_learning())
    return render(
        request, "learning/evaluation/evaluate.html", {"form": form, "booking": obj, "title": title}
    )


# --- the impact follow-up, 3 to 6 months later ----------------------------------------------------


@rule("learning.evaluate", get_booking)
def follow_up(request: HttpRequest, pk: int, obj: Booking) -> HttpResponse:
    title = "How has the learning changed your practice?"
    given = FollowUp.objects.filter(booking=obj).values_list("submitted_at", flat=True).first()
    lead = "You have already told us about the impact of this learning"
    said = _already(request, ALREADY_FOLLOWED_UP, lead, given)
    if refused := _refused(request, obj, title, said, windows.why_follow_up_is_closed(obj)):
        return refused
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = form.save(commit=False)
        answer.booking = obj
        try:
            with transaction.atomic():
                answer.save()
        except IntegrityError:
            return _notice(request, obj, title, ALREADY_FOLLOWED_UP, status=409)
        messages.success(request, "Thank you: your answers about the impact of the learning are saved.")
        return redirect(_my_learning())
    assert obj.attended_on is not None  # the follow-up is open only for an attendance
    return render(
        request,
        "learning/evaluation/follow_up.html",
        {
            "form": form,
            "booking": obj,
            "title": title,
            "closes_on": windows.follow_up_closes_on(obj.attended_on),
        },
    )


# --- the line manager's view ---------------------------------------------------------------------


def _manager_refusal(booking: Booking, today: dt.date) -> str:
    """Why the line manager cannot answer now; empty when they can."""
    person = booking.person.full_name
    answer = FollowUp.objects.filter(booking=booking).only("from_line_manager").first()
    if answer is not None and answer.from_line_manager:
        return MANAGER_ALREADY
    if booking.status != BookingStatus.ATTENDED or booking.attended_on is None:
        return f"There is nothing to answer yet: {person} has not completed this learning."
    closes = windows.manager_closes_on(booking.attended_on)
    if today > closes:
        return f"The time to answer ended on {closes:%-d %B %Y}. Thank you all the same."
    if answer is None:
        return (
            f"{person} has not yet told us how the learning has changed their practice. Your view is "
            "taken alongside theirs: please use the same link again once they have (we will email you)."
        )
    return ""


@public
def manager_follow_up(request: HttpRequest, token) -> HttpResponse:
    """The line manager's view of the learning's impact: one free-text answer, kept on the
    practitioner's follow-up. The link's token is the booking's secret manager token."""
    booking = get_object_or_404(
        Booking.objects.select_related("session__course", "person"), manager_token=token
    )
    title = "The impact of learning on practice"
    refused = _manager_refusal(booking, timezone.localdate())
    if refused:
        status = 409 if refused == MANAGER_ALREADY else 400
        return _notice(request, booking, title, refused, status=_refusal_status(request, status), public=True)
    form = ManagerFollowUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        saved = FollowUp.objects.filter(booking=booking, from_line_manager="").update(
            from_line_manager=form.cleaned_data["from_line_manager"]
        )
        if not saved:  # answered a moment ago, in another tab
            return _notice(request, booking, title, MANAGER_ALREADY, status=409, public=True)
        return _notice(
            request,
            booking,
            "Thank you",
            f"Your view of the impact of this learning on {booking.person.full_name}'s practice is saved.",
            public=True,
        )
    return render(
        request,
        "learning/evaluation/manager_follow_up.html",
        {"form": form, "booking": booking, "title": title},
    )


# --- the certificate -----------------------------------------------------------------------------


def duration_words(minutes: int) -> str:
    """180 -> "3 hours"; 90 -> "1 hour 30 minutes"; 45 -> "45 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


@rule("learning.manage_booking", get_booking)
def certificate(request: HttpRequest, pk: int, obj: Booking) -> HttpResponse:
    """A certificate of attendance (PDF), for an attended booking only."""
    from weasyprint import HTML

    if obj.status != BookingStatus.ATTENDED or obj.attended_on is None:
        return _notice(
            request,
            obj,
            "Certificate of attendance",
            "A certificate is available once the learning counts as attended: when the trainer records "
            "that you attended, or, for a recorded session or e-learning, when you have watched it and "
            "completed the evaluation.",
            status=404,
        )
    course = obj.session.course
    html = render_to_string(
        "learning/evaluation/certificate_pdf.html",
        {
            "booking": obj,
            "course": course,
            "duration": duration_words(course.duration_minutes),
            "partnership_name": settings.PARTNERSHIP_NAME,
            "brand_colour": settings.PARTNERSHIP_BRAND_COLOUR,
            "issued_on": timezone.localdate(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"certificate-{course.slug}-{obj.attended_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
