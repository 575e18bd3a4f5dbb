"""The CSPRG's pages. Each view parses, authorises (the rule it is wrapped in), calls and renders.

Every view of a case, a notification or a referral writes an access entry.
"""

from typing import cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.models import User
from lscp.core.audit import record_access
from lscp.core.permissions import rule
from lscp.improvement.models import Recommendation
from lscp.improvement.recommendations import raise_recommendation
from lscp.reviews import forms
from lscp.reviews.casework import CASES_PER_PAGE, OpenCase, deadline_counts
from lscp.reviews.models import (
    PRACTICE_REVIEW_SOURCE,
    RAPID_REVIEW_SOURCE,
    CaseDeadline,
    CaseReferral,
    Engagement,
    PracticeReview,
    RapidReview,
    Return,
    SeriousIncidentNotification,
)
from lscp.reviews.rules import CSPRG_SLUG
from lscp.reviews.workflow import start_rapid_review, triage


def get_notification(request, pk: int, **kwargs) -> SeriousIncidentNotification:
    return get_object_or_404(SeriousIncidentNotification.objects.select_related("notifying_agency"), pk=pk)


def get_referral(request, pk: int, **kwargs) -> CaseReferral:
    return get_object_or_404(
        CaseReferral.objects.select_related("referrer", "referrer_agency", "triaged_by"), pk=pk
    )


def get_rapid_review(request, pk: int, **kwargs) -> RapidReview:
    return get_object_or_404(RapidReview.objects.select_related("notification", "referral"), pk=pk)


def get_practice_review(request, pk: int, **kwargs) -> PracticeReview:
    return get_object_or_404(PracticeReview.objects.select_related("rapid_review"), pk=pk)


def _form(
    request: HttpRequest, form, *, title: str, caption: str, back: str, button: str = "Save", **context
):
    return render(
        request,
        "form.html",
        {"form": form, "title": title, "caption": caption, "back": back, "button": button, **context},
    )


def _user(request: HttpRequest) -> User:
    """The signed-in person (every view here is behind a rule, so never anonymous)."""
    return cast(User, request.user)


def _shows_identities(request: HttpRequest) -> bool:
    return request.user.has_perm("reviews.view_child_identities")


@rule("reviews.view_cases")
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # The most urgent first, a page at a time: a busy partnership can have hundreds open.
    page = Paginator(CaseDeadline.objects.all(), CASES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/dashboard.html",
        {
            "cases": [OpenCase.from_row(row, today) for row in page.object_list],
            "page": page,
            "case_count": page.paginator.count,
            "by_state": deadline_counts(today),
            "can_manage": request.user.has_perm("reviews.manage_cases"),
            "notifications": SeriousIncidentNotification.objects.select_related("rapid_review")[:10],
            "practice_reviews": PracticeReview.objects.all()[:10],
        },
    )


@rule("reviews.manage_cases")
def notification_add(request: HttpRequest) -> HttpResponse:
    notification = SeriousIncidentNotification(created_by=_user(request))
    form = forms.NotificationForm(request.POST or None, instance=notification)
    children = forms.ChildFormSet(request.POST or None, instance=notification, prefix="children")
    if request.method == "POST" and form.is_valid() and children.is_valid():
        with transaction.atomic():
            saved = form.save()
            children.instance = saved
            children.save()
        messages.success(request, f"{saved} recorded")
        return redirect(saved)
    return render(request, "reviews/notification_form.html", {"form": form, "children": children})


@rule("reviews.view_cases", get_notification)
def notification(request: HttpRequest, pk: int, obj: SeriousIncidentNotification) -> HttpResponse:
    record_access(request, obj)
    return render(
        request,
        "reviews/notification.html",
        {
            "notification": obj,
            "children": list(obj.children.all()),
            "rapid_review": getattr(obj, "rapid_review", None),
            "identities": _shows_identities(request),
            "can_manage": request.user.has_perm("reviews.manage_cases"),
        },
    )


@rule("reviews.manage_cases", get_notification)
def notification_edit(request: HttpRequest, pk: int, obj: SeriousIncidentNotification) -> HttpResponse:
    form = forms.NotificationForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{obj} changed")
        return redirect(obj)
    return _form(
        request, form, title="Change the notification", caption=obj.reference, back=obj.get_absolute_url()
    )


@rule("reviews.manage_cases", get_notification)
def rapid_review_start(request: HttpRequest, pk: int, obj: SeriousIncidentNotification) -> HttpResponse:
    if hasattr(obj, "rapid_review"):
        return redirect(obj.rapid_review)
    form = forms.StartRapidReviewForm(request.POST or None, notification=obj)
    if request.method == "POST" and form.is_valid():
        review = start_rapid_review(notification=obj, starts_on=form.cleaned_data["starts_on"])
        messages.success(request, f"{review} started")
        return redirect(review)
    return _form(
        request,
        form,
        title="Start the rapid review",
        caption=obj.reference,
        back=obj.get_absolute_url(),
        button="Start",
    )


@rule("reviews.refer")
def referral_add(request: HttpRequest) -> HttpResponse:
    referral = CaseReferral(referrer=_user(request), referrer_agency=_user(request).agency)
    form = forms.ReferralForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Referral {saved.reference} sent to the practice review group")
        return redirect(saved)
    return render(request, "reviews/referral_form.html", {"form": form})


@rule("reviews.refer")
def my_referrals(request: HttpRequest) -> HttpResponse:
    referrals = CaseReferral.objects.filter(referrer=_user(request)).select_related("referrer_agency")
    return render(request, "reviews/my_referrals.html", {"referrals": referrals})


@rule("reviews.view_cases")
def referrals(request: HttpRequest) -> HttpResponse:
    rows = CaseReferral.objects.select_related("referrer", "referrer_agency")
    return render(
        request,
        "reviews/referrals.html",
        {"referrals": rows, "can_triage": request.user.has_perm("reviews.triage")},
    )


@rule("reviews.view_referral", get_referral)
def referral(request: HttpRequest, pk: int, obj: CaseReferral) -> HttpResponse:
    record_access(request, obj)
    return render(
        request,
        "reviews/referral.html",
        {
            "referral": obj,
            # Free text can name a child: only those who see children's details, and its author.
            "narrative": _shows_identities(request) or obj.referrer_id == request.user.pk,
            "rapid_review": getattr(obj, "rapid_review", None),
            "can_triage": request.user.has_perm("reviews.triage") and not obj.outcome,
            "sees_cases": request.user.has_perm("reviews.view_cases"),
        },
    )


@rule("reviews.triage", get_referral)
def referral_triage(request: HttpRequest, pk: int, obj: CaseReferral) -> HttpResponse:
    if obj.outcome:
        messages.info(request, f"{obj} has already been triaged")
        return redirect(obj)
    form = forms.TriageForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        triage(
            obj,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["outcome_reason"],
            by=request.user,
            starts_on=form.cleaned_data.get("starts_on"),
        )
        messages.success(request, f"{obj} triaged")
        return redirect(obj)
    return _form(
        request,
        form,
        title="Triage the referral",
        caption=obj.reference,
        back=obj.get_absolute_url(),
        referral=obj,
    )


@rule("reviews.view_cases", get_rapid_review)
def rapid_review(request: HttpRequest, pk: int, obj: RapidReview) -> HttpResponse:
    record_access(request, obj)
    today = timezone.localdate()
    returns = list(obj.returns.select_related("agency"))
    milestones = obj.milestones(returns)
    return render(
        request,
        "reviews/rapid_review.html",
        {
            "review": obj,
            "milestones": [(ms, ms.is_late(today)) for ms in milestones],
            "practice_review": getattr(obj, "practice_review", None),
            "recommendations": Recommendation.objects.from_source(obj),
            "can_manage": request.user.has_perm("reviews.manage_cases"),
            "can_decide": request.user.has_perm("reviews.decide"),
            "returns": [
                (
                    r,
                    r.is_late(today),
                    request.user.has_perm("reviews.upload_return", r),
                    request.user.has_perm("reviews.download_return", r),
                )
                for r in returns
            ],
        },
    )


@rule("reviews.manage_cases", get_rapid_review)
def rapid_review_edit(request: HttpRequest, pk: int, obj: RapidReview) -> HttpResponse:
    form = forms.RapidReviewForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{obj} changed")
        return redirect(obj)
    return _form(
        request, form, title="Meeting and findings", caption=obj.reference, back=obj.get_absolute_url()
    )


@rule("reviews.decide", get_rapid_review)
def rapid_review_decision(request: HttpRequest, pk: int, obj: RapidReview) -> HttpResponse:
    form = forms.DecisionForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        from lscp.reviews.workflow import record_decision

        record_decision(form.save(commit=False))
        messages.success(request, f"Decision recorded for {obj}")
        return redirect(obj)
    return _form(
        request, form, title="Record the decision", caption=obj.reference, back=obj.get_absolute_url()
    )


@rule("reviews.manage_cases", get_rapid_review)
def return_add(request: HttpRequest, pk: int, obj: RapidReview) -> HttpResponse:
    form = forms.ReturnRequestForm(
        request.POST or None, instance=Return(rapid_review=obj, requested_on=timezone.localdate())
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Return requested from {saved.agency}")
        return redirect(obj)
    return _form(
        request, form, title="Ask an agency for a return", caption=obj.reference, back=obj.get_absolute_url()
    )


def get_return(request, pk: int, return_pk: int, **kwargs) -> Return:
    return get_object_or_404(
        Return.objects.select_related("agency", "rapid_review"), rapid_review=pk, pk=return_pk
    )


def _after_return(request: HttpRequest, return_: Return) -> str:
    """Back to the rapid review for those who see cases; to their agency's returns for the rest."""
    if request.user.has_perm("reviews.view_cases"):
        return return_.rapid_review.get_absolute_url()
    return reverse("reviews:returns-owed")


@rule("reviews.upload_return", get_return)
def return_upload(request: HttpRequest, pk: int, return_pk: int, obj: Return) -> HttpResponse:
    record_access(request, obj)
    form = forms.ReturnUploadForm(request.POST or None, request.FILES or None, return_=obj)
    if request.method == "POST" and form.is_valid():
        obj.file = form.cleaned_data["file"]
        obj.received_on = form.cleaned_data["received_on"]
        obj.uploaded_by = _user(request)
        obj.save()
        messages.success(request, f"{obj} uploaded")
        return redirect(_after_return(request, obj))
    return _form(
        request,
        form,
        title=f"Upload the {obj.agency} return",
        caption=f"{obj.rapid_review.reference}, due {obj.due_on:%-d %B %Y}",
        back=_after_return(request, obj),
        button="Upload",
        multipart=True,
    )


@rule("reviews.download_return", get_return)
def return_file(request: HttpRequest, pk: int, return_pk: int, obj: Return) -> FileResponse:
    if not obj.file:
        raise Http404("No file has been uploaded for this return")
    record_access(request, obj)
    return FileResponse(
        obj.file.open("rb"),
        as_attachment=True,
        filename=(obj.file.name or "return").rsplit("/", 1)[-1],
    )


@rule("reviews.view_returns_owed")
def returns_owed(request: HttpRequest) -> HttpResponse:
    """What the CSPRG has asked for: every agency's returns for the business unit, otherwise the
    returns the person's own agency owes. Outstanding first, the earliest due at the top."""
    every_agency = request.user.has_perm("reviews.manage_cases")
    found = Return.objects.select_related("agency", "rapid_review").order_by(
        F("received_on").desc(nulls_first=True), "due_on", "pk"
    )
    if not every_agency:
        found = found.filter(agency=_user(request).agency_id)
    page = Paginator(found, CASES_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "reviews/returns_owed.html",
        {
            "page": page,
            "rows": [
                (r, r.is_late(today), request.user.has_perm("reviews.upload_return", r))
                for r in page.object_list
            ],
            "every_agency": every_agency,
            "agency": _user(request).agency,
            "sees_cases": request.user.has_perm("reviews.view_cases"),
        },
    )


@rule("reviews.view_cases", get_practice_review)
def practice_review(request: HttpRequest, pk: int, obj: PracticeReview) -> HttpResponse:
    record_access(request, obj)
    today = timezone.localdate()
    return render(
        request,
        "reviews/practice_review.html",
        {
            "review": obj,
            "milestones": [(ms, ms.is_late(today)) for ms in obj.milestones()],
            "engagements": list(obj.engagements.all()),
            "recommendations": Recommendation.objects.from_source(obj),
            "can_manage": request.user.has_perm("reviews.manage_cases"),
        },
    )


@rule("reviews.manage_cases", get_practice_review)
def practice_review_edit(request: HttpRequest, pk: int, obj: PracticeReview) -> HttpResponse:
    form = forms.PracticeReviewForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{obj} changed")
        return redirect(obj)
    return _form(
        request, form, title="Reviewer, terms and dates", caption=obj.reference, back=obj.get_absolute_url()
    )


@rule("reviews.manage_cases", get_practice_review)
def engagement_add(request: HttpRequest, pk: int, obj: PracticeReview) -> HttpResponse:
    form = forms.EngagementForm(request.POST or None, instance=Engagement(practice_review=obj))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Engagement recorded")
        return redirect(obj)
    return _form(
        request,
        form,
        title="Record family or child engagement",
        caption=obj.reference,
        back=obj.get_absolute_url(),
    )


def _recommendation_page(request: HttpRequest, review, source_kind: str, earliest):
    form = forms.RecommendationForm(request.POST or None, earliest=earliest)
    if request.method == "POST" and form.is_valid():
        from lscp.governance.models import Group

        data = form.cleaned_data
        recommendation = raise_recommendation(
            source=review,
            source_kind=source_kind,
            text=data["text"],
            group=Group.objects.filter(slug=CSPRG_SLUG).first(),
            agencies=data["agencies"],
            made_on=data["made_on"],
            raised_by=request.user,
            themes=data["themes"],
            due_date=data["due_date"],
        )
        messages.success(request, "Recommendation raised")
        return redirect(recommendation)
    return _form(
        request,
        form,
        title="Raise a recommendation",
        caption=review.reference,
        back=review.get_absolute_url(),
        button="Raise",
    )


@rule("reviews.manage_cases", get_rapid_review)
def rapid_review_recommendation(request: HttpRequest, pk: int, obj: RapidReview) -> HttpResponse:
    return _recommendation_page(request, obj, RAPID_REVIEW_SOURCE, obj.starts_on)


@rule("reviews.manage_cases", get_practice_review)
def practice_review_recommendation(request: HttpRequest, pk: int, obj: PracticeReview) -> HttpResponse:
    return _recommendation_page(request, obj, PRACTICE_REVIEW_SOURCE, obj.initiated_on)
