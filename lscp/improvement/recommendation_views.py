"""The golden thread's pages: the tracker, a recommendation's whole thread, evidence files, an
agency's commitments, L&D's learning needs and the learning themes. Views parse, authorise, call
a function in recommendations.py / evidence.py, render."""

from typing import cast

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.forms import ChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lscp.core.audit import record_access, record_event
from lscp.core.exports import export_response
from lscp.core.models import AccessKind, Agency
from lscp.core.pagination import KeysFirstPaginator
from lscp.core.permissions import rule
from lscp.improvement import forms
from lscp.improvement.evidence import add_evidence
from lscp.improvement.models import (
    RECOMMENDATION_STEPS,
    Action,
    ActionUpdate,
    Evidence,
    LearningTheme,
    Recommendation,
    RecommendationStatus,
)
from lscp.improvement.progress import raise_action
from lscp.improvement.recommendations import (
    OTHER_SOURCE,
    TransitionRefused,
    move,
    raise_recommendation,
    step_across,
)
from lscp.improvement.sources import label_for, link_for
from lscp.improvement.tracker import PAGE_SIZE, export_columns, select_recommendations, sort_headers

# How many of an agency's outstanding items its page lists before pointing at the full lists.
AGENCY_LIMIT = 50


def get_recommendation(request: HttpRequest, pk: int, **kwargs) -> Recommendation:
    return get_object_or_404(Recommendation.objects.select_related("group", "source_type"), pk=pk)


def get_evidence(request: HttpRequest, pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("recommendation"), pk=pk)


def get_agency(request: HttpRequest, pk: int) -> Agency:
    return get_object_or_404(Agency, pk=pk)


@rule("improvement.view_recommendations")
def tracker(request: HttpRequest) -> HttpResponse:
    """Every recommendation, filtered, sorted and a page at a time."""
    today = timezone.localdate()
    form = forms.TrackerFilterForm(request.GET or None)
    filters = form.filters()
    sort = request.GET.get("sort")
    page = KeysFirstPaginator(select_recommendations(filters, sort, today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "improvement/recommendations.html",
        {
            "filter_form": form,
            "filters": filters,
            "page": page,
            "headers": sort_headers(sort),
            "today": today,
            "export_query": request.GET.urlencode(),
            "can_raise": request.user.has_perm("improvement.raise_recommendation"),
        },
    )


@rule("improvement.export_recommendations")
def export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    today = timezone.localdate()
    filters = forms.TrackerFilterForm(request.GET or None).filters()
    rows = select_recommendations(filters, request.GET.get("sort"), today).iterator(chunk_size=500)
    record_event(AccessKind.EXPORTED, request, request.user)
    return export_response(rows, export_columns(today), f"recommendations-{today.isoformat()}", fmt)


@rule("improvement.raise_recommendation")
def add(request: HttpRequest) -> HttpResponse:
    form = forms.RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recommendation = raise_recommendation(
            source=None, source_kind=OTHER_SOURCE, raised_by=request.user, **form.cleaned_data
        )
        messages.success(request, f"Recommendation {recommendation.reference} added")
        return redirect(recommendation)
    back = reverse("improvement:recommendations")
    return render(request, "improvement/recommendation_form.html", {"form": form, "back_url": back})


def _move_choices(recommendation: Recommendation) -> list[tuple[str, str]]:
    """The next step forward, then every earlier step (going back)."""
    here = RECOMMENDATION_STEPS.index(recommendation.status)
    steps = []
    if here + 1 < len(RECOMMENDATION_STEPS):
        steps.append(RECOMMENDATION_STEPS[here + 1])
    steps.extend(reversed(RECOMMENDATION_STEPS[:here]))
    return [
        (s, f"{RecommendationStatus(s).label}{' (back)' if i < here else ''}")
        for s in steps
        for i in [RECOMMENDATION_STEPS.index(s)]
    ]


def _thread_page(request: HttpRequest, recommendation: Recommendation, move_form=None, status=200):
    user = request.user
    if move_form is None:
        move_form = forms.MoveForm()
    cast(ChoiceField, move_form.fields["to_status"]).choices = _move_choices(recommendation)
    # Only each action's latest update is shown: read those three fields, not every update.
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-written_at", "-pk")
    actions = recommendation.actions.select_related("owner", "agency").annotate(
        latest_text=Subquery(latest.values("text")[:1]),
        latest_at=Subquery(latest.values("written_at")[:1]),
        latest_by=Subquery(latest.values("author__full_name")[:1]),
    )
    source = recommendation.source if recommendation.source_id else None
    return render(
        request,
        "improvement/recommendation.html",
        {
            "recommendation": recommendation,
            "source_label": label_for(recommendation.source_kind),
            "source": source,
            "source_url": link_for(recommendation.source_kind, source),
            "agencies": recommendation.agencies.all(),
            "themes": recommendation.themes.all(),
            "actions": actions,
            "evidence": recommendation.evidence.select_related("added_by", "action"),
            "transitions": recommendation.transitions.select_related("by"),
            "move_form": move_form,
            "is_overdue": recommendation.is_overdue(),
            "can_manage": user.has_perm("improvement.manage_recommendation", recommendation),
            "can_add_evidence": user.has_perm("improvement.add_evidence", recommendation),
        },
        status=status,
    )


@rule("improvement.view_recommendation", get_recommendation)
def recommendation(request: HttpRequest, pk: int, obj: Recommendation) -> HttpResponse:
    return _thread_page(request, obj)


@rule("improvement.manage_recommendation", get_recommendation)
def action_add(request: HttpRequest, pk: int, obj: Recommendation) -> HttpResponse:
    form = forms.RecommendationActionForm(request.POST or None, recommendation=obj)
    if request.method == "POST" and form.is_valid():
        action = raise_action(
            source=obj.source if obj.source_id else None,
            source_kind=obj.source_kind,
            group=obj.group,
            created_by=request.user,
            recommendation=obj,
            **form.cleaned_data,
        )
        messages.success(request, f"Action {action.reference} added")
        return redirect(obj)
    return render(
        request,
        "improvement/recommendation_action_form.html",
        {"form": form, "recommendation": obj, "back_url": obj.get_absolute_url()},
    )


@rule("improvement.add_evidence", get_recommendation)
def evidence_add(request: HttpRequest, pk: int, obj: Recommendation) -> HttpResponse:
    form = forms.EvidenceForm(request.POST or None, request.FILES or None, recommendation=obj)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        add_evidence(
            obj,
            kind=data["kind"],
            text=data["text"],
            added_by=request.user,
            upload=data.get("file") or None,
            action=data.get("action"),
            kpi_ref=data.get("kpi_ref", ""),
            audit_ref=data.get("audit_ref", ""),
        )
        messages.success(request, "Evidence added")
        return redirect(obj)
    context = {"form": form, "recommendation": obj, "back_url": obj.get_absolute_url()}
    return render(request, "improvement/evidence_form.html", context)


@require_POST
@rule("improvement.manage_recommendation", get_recommendation)
def move_status(request: HttpRequest, pk: int, obj: Recommendation) -> HttpResponse:
    form = forms.MoveForm(request.POST)
    cast(ChoiceField, form.fields["to_status"]).choices = RecommendationStatus.choices
    if form.is_valid():
        try:
            step = move(obj, form.cleaned_data["to_status"], request.user, form.cleaned_data["reason"])
        except TransitionRefused as refused:
            field = "reason" if "reason" in refused.reason.lower() else "to_status"
            form.add_error(field, refused.reason)
        else:
            messages.success(request, f"Status changed to {step.get_to_status_display().lower()}")
            return redirect(obj)
    obj.refresh_from_db(fields=["status"])
    return _thread_page(request, obj, form, status=400)


@require_POST
@rule("improvement.manage_recommendation", get_recommendation)
def step_across_view(request: HttpRequest, pk: int, obj: Recommendation) -> HttpResponse:
    step_across(obj, request.user)
    messages.success(request, "Stepped across to learning and development")
    return redirect(obj)


@rule("improvement.view_evidence", get_evidence)
def evidence_file(request: HttpRequest, pk: int, obj: Evidence) -> FileResponse:
    """An evidence file, handed out only here: never from a public URL."""
    if not obj.file:
        raise Http404("This evidence has no file")
    record_access(request, obj, AccessKind.VIEWED)
    response = FileResponse(
        obj.file.open("rb"),
        as_attachment=True,
        filename=obj.original_filename or (obj.file.name or "evidence").rsplit("/", 1)[-1],
        content_type=obj.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@rule("improvement.view_agency_commitments", get_agency)
def agency(request: HttpRequest, pk: int, obj: Agency) -> HttpResponse:
    """What an agency owes: recommendations addressed to it and the open actions it owns, overdue first."""
    today = timezone.localdate()
    outstanding = Recommendation.objects.filter(agencies=obj).exclude(status=RecommendationStatus.CLOSED)
    recommendations = list(
        outstanding.select_related("group").order_by("due_date", "made_on", "pk")[:AGENCY_LIMIT]
    )
    recommendations.sort(key=lambda r: not r.is_overdue(today))
    actions = Action.objects.open().filter(agency=obj).select_related("owner", "recommendation")
    return render(
        request,
        "improvement/agency.html",
        {
            "agency": obj,
            "recommendations": recommendations,
            "recommendation_count": outstanding.count(),
            "actions": actions.order_by("due_date", "pk")[:AGENCY_LIMIT],
            "action_count": actions.count(),
            "overdue_actions": actions.filter(due_date__lt=today).count(),
            "limit": AGENCY_LIMIT,
            "today": today,
        },
    )


@rule("improvement.view_learning_needs")
def learning_needs(request: HttpRequest) -> HttpResponse:
    """Recommendations stepped across to L&D, newest first, with their themes and L&D's response."""
    needs = (
        Recommendation.objects.filter(stepped_across_on__isnull=False)
        .select_related("group")
        .prefetch_related("themes")
        .order_by("-stepped_across_on", "-pk")
    )
    page = KeysFirstPaginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "improvement/learning_needs.html",
        {"page": page, "can_respond": request.user.has_perm("improvement.respond_to_learning_need")},
    )


@require_POST
@rule("improvement.respond_to_learning_need")
def learning_response(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(Recommendation, pk=pk, stepped_across_on__isnull=False)
    form = forms.LearningResponseForm(request.POST)
    if form.is_valid():
        recommendation.learning_response = form.cleaned_data["learning_response"]
        recommendation.save(update_fields=["learning_response"])
        messages.success(request, f"Response to {recommendation.reference} saved")
    return redirect("improvement:learning-needs")


@rule("improvement.view_learning_themes")
def themes(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "improvement/themes.html",
        {
            "themes": LearningTheme.objects.all(),
            "can_manage": request.user.has_perm("improvement.manage_learning_themes"),
        },
    )


@rule("improvement.manage_learning_themes")
def theme_add(request: HttpRequest) -> HttpResponse:
    form = forms.LearningThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        theme = form.save()
        messages.success(request, f"Theme ‘{theme.name}’ added")
        return redirect("improvement:themes")
    return render(
        request, "improvement/theme_form.html", {"form": form, "back_url": reverse("improvement:themes")}
    )
