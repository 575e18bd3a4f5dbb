"""The CDOP's case pages. Each view parses, authorises (the rule it is wrapped in), calls the
workflow and renders. Every view of a case, and every file handed out, writes an access entry;
the case page lists them, so the panel can see who has looked at a child's record."""

from typing import cast

from django import forms as django_forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lscp.accounts.models import User
from lscp.child_deaths import forms, timescales, workflow
from lscp.child_deaths.models import (
    ChildDeath,
    InformationRequest,
    LearningPoint,
    Stage,
)
from lscp.child_deaths.rules import CDOP_SLUG
from lscp.core.audit import record_access
from lscp.core.models import AccessEntry, AccessKind
from lscp.core.pagination import KeysFirstPaginator
from lscp.core.permissions import rule
from lscp.improvement.forms import RecommendationForm
from lscp.improvement.uploads import FileRefused

CASES_PER_PAGE = 25
# The case page lists the most recent views of the record; the audit trail has them all.
VIEWS_SHOWN = 20


def get_case(request, pk: int, **kwargs) -> ChildDeath:
    return get_object_or_404(
        ChildDeath.objects.select_related("notifying_agency", "notifier", "lead_nurse"), pk=pk
    )


def get_information_request(request, pk: int, request_pk: int, **kwargs) -> InformationRequest:
    found = InformationRequest.objects.select_related("agency", "case")
    return get_object_or_404(found, case=pk, pk=request_pk)


def get_learning_point(request, pk: int, point_pk: int, **kwargs) -> LearningPoint:
    found = LearningPoint.objects.select_related("review__case")
    return get_object_or_404(found, review__case=pk, pk=point_pk)


def _user(request: HttpRequest) -> User:
    """The signed-in person (every view here is behind a rule, so never anonymous)."""
    return cast(User, request.user)


def _form(request: HttpRequest, form, *, title: str, case: ChildDeath, button: str = "Save", **context):
    return render(
        request,
        "form.html",
        {
            "form": form,
            "title": title,
            "caption": f"Child death {case.reference}",
            "back": case.get_absolute_url(),
            "button": button,
            **context,
        },
    )


def _refused(request: HttpRequest, form, problem: Exception) -> None:
    """A workflow refusal (a step out of order, a file refused) shown in the form's error summary."""
    if isinstance(problem, ValidationError) and hasattr(problem, "error_dict"):
        for field, errors in problem.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, getattr(problem, "message", None) or str(problem))


# --- the case list -----------------------------------------------------------------------------

STAGE_FILTERS = [("open", "All open cases"), *[(s.value, s.label) for s in Stage], ("all", "All cases")]


class CaseFilterForm(django_forms.Form):
    stage = django_forms.ChoiceField(label="Stage", choices=STAGE_FILTERS, required=False)


def _cases_at(stage: str):
    found = ChildDeath.objects.all()
    if stage == "open" or not stage:
        # The open stages by name, not "not closed": the database then reads only open cases.
        open_stages = [s for s in Stage if s != Stage.CLOSED]
        return found.filter(stage__in=open_stages).order_by("notified_on", "pk")
    if stage == "all":
        return found.order_by("-notified_on", "-pk")
    return found.filter(stage=stage).order_by(
        "notified_on" if stage != Stage.CLOSED else "-notified_on", "pk"
    )


def _with_timetable(cases):
    """What a case's stages and due dates are worked out from, loaded with the page's cases."""
    return cases.select_related("joint_agency_response", "review_meeting", "panel_review").prefetch_related(
        "information_requests"
    )


@rule("child_deaths.view_cases")
def cases(request: HttpRequest) -> HttpResponse:
    """Open cases first, oldest notification at the top: the likeliest to be overdue."""
    form = CaseFilterForm(request.GET or None)
    stage = form.cleaned_data["stage"] if form.is_valid() else "open"
    paginator = KeysFirstPaginator(_with_timetable(_cases_at(stage)), CASES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "child_deaths/cases.html",
        {
            "filter_form": form,
            "page": page,
            "rows": [(case, timescales.next_deadline(case, today)) for case in page.object_list],
            "can_notify": request.user.has_perm("child_deaths.manage_cases"),
            "can_import": request.user.has_perm("child_deaths.import"),
        },
    )


# --- notification ------------------------------------------------------------------------------


@rule("child_deaths.notify")
def notify(request: HttpRequest) -> HttpResponse:
    """The business unit's full notification, or the short one for a notifying clinician."""
    full = request.user.has_perm("child_deaths.manage_cases")
    form_class = forms.NotificationForm if full else forms.ShortNotificationForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = workflow.notify(by=_user(request), **form.details())
        except ValidationError as problem:
            _refused(request, form, problem)
        else:
            messages.success(request, f"Child death {case.reference} notified. Thank you.")
            return redirect(case)
    return render(
        request,
        "child_deaths/notify.html",
        {"form": form, "full": full, "back": reverse("child_deaths:my-notifications")},
    )


@rule("child_deaths.notify")
def my_notifications(request: HttpRequest) -> HttpResponse:
    """The deaths this person notified: a notifier who is not on the panel sees only these."""
    notified = ChildDeath.objects.filter(notifier=_user(request)).order_by("-notified_on", "-pk")[:100]
    return render(request, "child_deaths/my_notifications.html", {"cases": notified})


# --- the case ----------------------------------------------------------------------------------


def _viewers(case: ChildDeath) -> list[AccessEntry]:
    return list(
        AccessEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ChildDeath),
            object_id=str(case.pk),
            kind=AccessKind.VIEWED,
        ).select_related("user")[:VIEWS_SHOWN]
    )


def _stages(case: ChildDeath, today) -> list[tuple[timescales.StageDue, bool]]:
    return [(item, item.is_overdue(today)) for item in timescales.stage_dues(case)]


@rule("child_deaths.view_case", get_case)
def case(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    record_access(request, obj)
    if not request.user.has_perm("child_deaths.view_cases"):
        # The notifier: what they told us and where the case stands, nothing the panel added.
        return render(request, "child_deaths/notification.html", {"case": obj})
    today = timezone.localdate()
    user = request.user
    review = timescales.recorded(obj, "panel_review")
    return render(
        request,
        "child_deaths/case.html",
        {
            "case": obj,
            "stages": _stages(obj, today),
            "next_step": workflow.next_step(obj),
            "next_stage": workflow.next_stage(obj),
            "jar": timescales.recorded(obj, "joint_agency_response"),
            "requests": [
                (r, r.is_late(today), user.has_perm("child_deaths.upload_information", r))
                for r in obj.information_requests.select_related("agency")
            ],
            "cdrm": timescales.recorded(obj, "review_meeting"),
            "review": review,
            "scores": list(review.domain_scores.all()) if review else [],
            "factors": list(review.factors.all()) if review else [],
            "learning_points": list(review.learning_points.select_related("recommendation"))
            if review
            else [],
            "contacts": list(obj.family_contacts.select_related("made_by"))
            if user.has_perm("child_deaths.view_family_contacts")
            else None,
            "viewers": _viewers(obj),
            "can_manage": user.has_perm("child_deaths.manage_cases"),
            "can_conclude": user.has_perm("child_deaths.conclude"),
            "can_add_contact": user.has_perm("child_deaths.add_family_contact"),
            "Stage": Stage,
        },
    )


@rule("child_deaths.manage_cases", get_case)
def case_edit(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    """Complete or correct the notification (a clinician's short one leaves fields to fill)."""
    form = forms.NotificationForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Child death {obj.reference} changed")
        return redirect(obj)
    return _form(request, form, title="Change the notification", case=obj)


@rule("child_deaths.manage_cases", get_case)
def lead_nurse(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    form = forms.LeadNurseForm(request.POST or None, case=obj)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.assign_lead_nurse(obj, form.cleaned_data["lead_nurse"], by=_user(request))
        except workflow.StepRefused as problem:
            _refused(request, form, problem)
        else:
            nurse = form.cleaned_data["lead_nurse"]
            messages.success(request, f"Lead nurse for {obj.reference}: {nurse.full_name}")
            return redirect(obj)
    return _form(request, form, title="Lead nurse or key worker", case=obj)


def _step(request: HttpRequest, obj: ChildDeath, form, title: str, button: str, do, done: str, **context):
    """The shape every step shares: a valid form is handed to the workflow, whose refusal (a step
    out of order, a date it will not take) comes back on the form, and nothing is saved."""
    after = context.pop("after", None) or obj.get_absolute_url()
    if request.method == "POST" and form.is_valid():
        try:
            do(form)
        except (ValidationError, workflow.StepRefused, FileRefused) as problem:
            _refused(request, form, problem)
        else:
            messages.success(request, done)
            return redirect(after)
    return _form(request, form, title=title, case=obj, button=button, **context)


@rule("child_deaths.manage_cases", get_case)
def joint_agency_response(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    form = forms.JointAgencyResponseForm(request.POST or None, case=obj)

    def do(form):
        workflow.record_joint_agency_response(obj, by=_user(request), **form.cleaned_data)

    return _step(request, obj, form, "Joint agency response", "Save", do, "Joint agency response recorded")


@rule("child_deaths.manage_cases", get_case)
def request_information(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    form = forms.InformationRequestForm(request.POST or None, case=obj)

    def do(form):
        workflow.request_information(obj, by=_user(request), **form.cleaned_data)

    return _step(request, obj, form, "Ask agencies for information", "Ask", do, "Information asked for")


@rule("child_deaths.upload_information", get_information_request)
def information_upload(
    request: HttpRequest, pk: int, request_pk: int, obj: InformationRequest
) -> HttpResponse:
    case = obj.case
    record_access(request, case)
    form = forms.ReturnUploadForm(request.POST or None, request.FILES or None, request=obj)

    def do(form):
        workflow.record_return(
            obj,
            upload=form.cleaned_data["file"],
            received_on=form.cleaned_data["received_on"],
            by=_user(request),
        )

    title = f"Upload the {obj.agency} reporting form"
    # Someone from the agency asked, who does not see cases, goes back to the home page.
    after = (
        case.get_absolute_url() if request.user.has_perm("child_deaths.view_case", case) else reverse("home")
    )
    return _step(
        request, case, form, title, "Upload", do, "Reporting form uploaded", multipart=True, after=after
    )


@rule("child_deaths.view_cases", get_information_request)
def information_file(request: HttpRequest, pk: int, request_pk: int, obj: InformationRequest) -> FileResponse:
    if not obj.file:
        raise Http404("No file has been uploaded for this request")
    record_access(request, obj)
    return FileResponse(
        obj.file.open("rb"), as_attachment=True, filename=(obj.file.name or "information").rsplit("/", 1)[-1]
    )


@rule("child_deaths.manage_cases", get_case)
def review_meeting(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    form = forms.ReviewMeetingForm(request.POST or None, case=obj)

    def do(form):
        workflow.record_cdrm(obj, by=_user(request), **form.cleaned_data)

    return _step(request, obj, form, "Child death review meeting", "Save", do, "Review meeting recorded")


@require_POST
@rule("child_deaths.manage_cases", get_case)
def list_for_panel(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    try:
        workflow.list_for_panel(obj, by=_user(request))
    except workflow.StepRefused as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"{obj.reference} is ready for the panel")
    return redirect(obj)


@rule("child_deaths.conclude", get_case)
def panel_review(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    if obj.stage not in (Stage.REVIEW_MEETING, Stage.PANEL):
        # Say so before the panel fills in the whole form, not after.
        if obj.stage == Stage.CLOSED:
            messages.error(request, "The panel has already concluded its review of this case")
        else:
            messages.error(request, f"Cannot record the panel's review yet: {workflow.next_step(obj)} first")
        return redirect(obj)
    form = forms.PanelReviewForm(request.POST or None, case=obj)

    def do(form):
        data = form.cleaned_data
        workflow.record_panel_review(
            obj,
            completed_on=data["completed_on"],
            category=data["category"],
            modifiable=data["modifiable"],
            scores=form.scores(),
            factors=data["factors"],
            learning_points=form.learning_point_lines(),
            conclusions=data["conclusions"],
            by=_user(request),
        )

    return _step(
        request, obj, form, "The panel's review", "Record and close the case", do, "Panel review recorded"
    )


@rule("child_deaths.add_family_contact", get_case)
def family_contact(request: HttpRequest, pk: int, obj: ChildDeath) -> HttpResponse:
    form = forms.FamilyContactForm(request.POST or None, case=obj)

    def do(form):
        workflow.record_family_contact(obj, by=_user(request), **form.cleaned_data)

    return _step(request, obj, form, "Contact with the family", "Save", do, "Contact recorded")


class LearningPointForm(RecommendationForm):
    """improvement's recommendation form, with the panel's learning point as its text."""

    def __init__(self, *args, point: LearningPoint, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["source_description"]  # the source is the panel's review
        if not self.is_bound:
            self.initial["text"] = point.text
            self.initial["made_on"] = point.review.completed_on
            group = self.fields["group"].queryset.filter(slug=CDOP_SLUG).first()  # type: ignore[attr-defined]
            self.initial["group"] = group.pk if group else None


@rule("child_deaths.conclude", get_learning_point)
def learning_point_recommendation(
    request: HttpRequest, pk: int, point_pk: int, obj: LearningPoint
) -> HttpResponse:
    case = obj.review.case
    if obj.recommendation is not None:
        messages.error(request, "This learning point is already a recommendation")
        return redirect(obj.recommendation)
    form = LearningPointForm(request.POST or None, point=obj)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = workflow.learning_point_to_recommendation(
                obj,
                data["group"],
                data["agencies"],
                request.user,
                made_on=data["made_on"],
                due_date=data["due_date"],
                themes=data["themes"],
            )
        except workflow.StepRefused as problem:
            _refused(request, form, problem)
        else:
            messages.success(request, f"Recommendation {recommendation.reference} raised")
            return redirect(recommendation)
    return _form(request, form, title="Make the learning point a recommendation", case=case, button="Raise")
