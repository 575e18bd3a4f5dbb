"""The year's plan and report, edited in the browser: the list of years, a year's overview, the
business unit's parts (introduction, priorities, engagement), the scrutineer's summary, sign-off
and reopening. Each group's narrative is in year_group_views, which shares the helpers here.

Each view parses, authorises (with the rule it is wrapped in), checks that the year the record
belongs to is not signed off, calls a form or lscp.governance.year_editing, and renders. A record
added by mistake is removed through remove_page: a confirmation on GET, the deletion on POST.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from django.contrib import messages
from django.db import IntegrityError
from django.db.models import Count, Model, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lscp.accounts.models import User
from lscp.core.permissions import rule
from lscp.core.years import FinancialYear
from lscp.governance import year_forms as forms
from lscp.governance.models import Group
from lscp.governance.year_editing import (
    NotSignedOff,
    YearLocked,
    holding,
    next_year_to_start,
    reopen,
    sign_off,
    start_year,
)
from lscp.governance.yearly import (
    DevelopmentArea,
    EngagementActivity,
    GroupYear,
    KeyStep,
    Priority,
    PriorityUpdate,
    ReportYear,
)

FORM = "governance/year/form.html"
REMOVE = "governance/year/remove.html"


# Getters: the object each rule is checked against.


def get_year(request: HttpRequest, year: FinancialYear, **kwargs) -> ReportYear:
    return get_object_or_404(
        ReportYear.objects.select_related("signed_off_by", "scrutineer_summary_by"), first_year=year.first
    )


def get_priority(request: HttpRequest, pk: int, **kwargs) -> Priority:
    return get_object_or_404(Priority.objects.select_related("year"), pk=pk)


def get_priority_update(request: HttpRequest, pk: int, **kwargs) -> PriorityUpdate:
    return get_object_or_404(PriorityUpdate.objects.select_related("priority__year"), pk=pk)


def get_engagement(request: HttpRequest, pk: int, **kwargs) -> EngagementActivity:
    return get_object_or_404(EngagementActivity.objects.select_related("year"), pk=pk)


def report_year_or_404(year: FinancialYear) -> ReportYear:
    return get_object_or_404(ReportYear, first_year=year.first)


def refused_when_locked(request: HttpRequest, year: ReportYear) -> HttpResponse | None:
    """A signed-off year's records do not change: explain on GET, refuse a POST with 409 (a form
    left open while the chair signed off must not slip a change in) and write nothing."""
    return _locked_page(request, year) if year.is_locked else None


def _locked_page(request: HttpRequest, year: ReportYear) -> HttpResponse:
    status = 409 if request.method == "POST" else 200
    context = {"year": year, "can_reopen": request.user.has_perm("governance.reopen_year", year)}
    return render(request, "governance/year/locked.html", context, status=status)


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in person (every view here is behind a rule, so never anonymous)."""
    return cast(User, request.user)


def posted(request: HttpRequest):
    """The submitted data on a POST, even an empty one (every field of a form may be blank), so
    the form is bound and validated; None otherwise."""
    return request.POST if request.method == "POST" else None


def form_page(request: HttpRequest, form, heading: str, back: str, **context) -> HttpResponse:
    return render(request, FORM, {"form": form, "heading": heading, "back": back, **context})


def written(request: HttpRequest, year: ReportYear, write: Callable[[], object]) -> HttpResponse | None:
    """Run `write` holding the year's row; the locked page (409) instead if the year was signed
    off after the view checked, with nothing written."""
    try:
        with holding(year):
            write()
    except YearLocked:
        year.refresh_from_db()
        return _locked_page(request, year)
    return None


def saved_or_form(
    request: HttpRequest, form, heading: str, *, year: ReportYear, back: str, saved: str, **context
) -> HttpResponse:
    """A good POST saves the form (unless the year was signed off meanwhile) and goes `back`
    saying `saved`; anything else shows the form (with its errors, after a POST)."""
    if request.method == "POST" and form.is_valid():
        if refused := written(request, year, form.save):
            return refused
        messages.success(request, saved)
        return redirect(back)
    return form_page(request, form, heading, back, year=year, **context)


def next_order(records) -> int:
    return max((record.order for record in records), default=0) + 1


def remove_page(
    request: HttpRequest,
    record: Model,
    heading: str,
    back: str,
    removed: str,
    goes_with: Sequence[str] = (),
    *,
    year: ReportYear,
    **context,
) -> HttpResponse:
    """Ask before removing a record (GET: `heading` is the question, `goes_with` what is removed
    or kept with it), or remove it and go `back` (POST). Its children go with it (on_delete
    CASCADE) and django-auditlog logs each deletion. The caller has checked the lock; the
    removal checks it again, holding the year."""
    if request.method == "POST":
        if refused := written(request, year, record.delete):
            return refused
        messages.success(request, removed)
        return redirect(back)
    context = {"heading": heading, "back": back, "goes_with": goes_with, "year": year, **context}
    return render(request, REMOVE, context)


def going_with(count: int, one: str, many: str) -> list[str]:
    """["Its 3 updates will be removed too."], or nothing when there are none."""
    if not count:
        return []
    return [f"Its {one} will be removed too." if count == 1 else f"Its {count} {many} will be removed too."]


# The list of years and one year's overview.


@rule("governance.view_year")
def years(request: HttpRequest) -> HttpResponse:
    can_start = request.user.has_perm("governance.edit_plan")
    return render(
        request,
        "governance/year/years.html",
        {
            "years": ReportYear.objects.select_related("signed_off_by"),
            "next_year": next_year_to_start() if can_start else None,
        },
    )


@rule("governance.edit_plan")
@require_POST
def year_start(request: HttpRequest) -> HttpResponse:
    next_year = next_year_to_start()
    if next_year is None:
        messages.error(request, "The next year cannot be started yet: plans run at most one year ahead")
        return redirect("governance:years")
    try:
        report_year = start_year(next_year)
    except IntegrityError:
        # Someone else started it a moment ago.
        messages.info(request, f"{next_year.label} has already been started")
        return redirect("governance:years")
    messages.success(request, f"{report_year.label} started")
    return redirect(report_year)


@dataclass
class GroupNarrative:
    """How far a group's part of the year's report has got, for the overview's table."""

    group: Group
    function_written: bool
    key_steps: int
    key_steps_reported: int
    areas: int
    areas_with_impact: int

    @property
    def status(self) -> str:
        if not (self.function_written or self.key_steps or self.areas):
            return "Not started"
        complete = (
            self.function_written
            and self.areas
            and self.areas_with_impact == self.areas
            and self.key_steps_reported == self.key_steps
        )
        return "Complete" if complete else "In progress"

    @property
    def status_tag_class(self) -> str:
        return {"Complete": "govuk-tag--green", "In progress": "govuk-tag--blue"}.get(
            self.status, "govuk-tag--grey"
        )


def _counts(records, with_: str) -> dict[int, tuple[int, int]]:
    """{group id: (how many records, how many have at least one `with_`)} in one query."""
    counted = (
        records.values("group_id")
        .annotate(
            n=Count("pk", distinct=True),
            done=Count("pk", distinct=True, filter=Q(**{f"{with_}__isnull": False})),
        )
        .values_list("group_id", "n", "done")
    )
    return {group_id: (n, done) for group_id, n, done in counted}


def _group_narratives(year: ReportYear) -> list[GroupNarrative]:
    """Every active group, and any stood-down group with narrative this year: four queries
    whatever the number of groups, key steps and areas."""
    written = set(GroupYear.objects.filter(year=year).exclude(function="").values_list("group_id", flat=True))
    steps = _counts(KeyStep.objects.filter(year=year), with_="progress")
    areas = _counts(DevelopmentArea.objects.filter(year=year), with_="impacts")
    narratives = []
    for group in Group.objects.executive_first():
        step, area = steps.get(group.pk, (0, 0)), areas.get(group.pk, (0, 0))
        if not (group.is_active or group.pk in written or step[0] or area[0]):
            continue
        narratives.append(
            GroupNarrative(
                group=group,
                function_written=group.pk in written,
                key_steps=step[0],
                key_steps_reported=step[1],
                areas=area[0],
                areas_with_impact=area[1],
            )
        )
    return narratives


@rule("governance.view_year", get_year)
def year(request: HttpRequest, year: FinancialYear, obj: ReportYear) -> HttpResponse:
    user, locked = request.user, obj.is_locked
    priorities = obj.priorities.prefetch_related(
        Prefetch("groups", queryset=Group.objects.order_by("order", "name")), "updates"
    )
    return render(
        request,
        "governance/year/year.html",
        {
            "year": obj,
            "priorities": priorities,
            "groups": _group_narratives(obj),
            "engagement": obj.engagement.all(),
            "reopenings": obj.reopenings.select_related("by"),
            "report_url": f"/reports/{obj.label}/",  # the reporting app's page, named by address
            "can_edit_plan": not locked and user.has_perm("governance.edit_plan", obj),
            "can_write_scrutiny": not locked and user.has_perm("governance.write_scrutiny", obj),
            "can_sign_off": not locked and user.has_perm("governance.sign_off_year", obj),
            "can_reopen": locked and user.has_perm("governance.reopen_year", obj),
        },
    )


# The business unit's parts: introduction, priorities, engagement. The scrutineer's summary.


@rule("governance.edit_plan", get_year)
def year_introduction(request: HttpRequest, year: FinancialYear, obj: ReportYear) -> HttpResponse:
    if refused := refused_when_locked(request, obj):
        return refused
    form = forms.IntroductionForm(posted(request), instance=obj)
    return saved_or_form(
        request,
        form,
        "Introduction and areas of focus",
        back=obj.get_absolute_url(),
        saved="Introduction saved",
        year=obj,
    )


@rule("governance.write_scrutiny", get_year)
def year_scrutiny(request: HttpRequest, year: FinancialYear, obj: ReportYear) -> HttpResponse:
    if refused := refused_when_locked(request, obj):
        return refused
    form = forms.ScrutinyForm(posted(request), instance=obj)
    if request.method == "POST" and form.is_valid():
        summary = form.save(commit=False)
        summary.scrutineer_summary_by = signed_in_user(request)
        fields = ["scrutineer_summary", "scrutineer_summary_by"]
        if refused := written(request, obj, lambda: summary.save(update_fields=fields)):
            return refused
        messages.success(request, "Your summary has been saved")
        return redirect(obj)
    return form_page(request, form, "Independent scrutineer's summary", obj.get_absolute_url(), year=obj)


@rule("governance.edit_plan", get_year)
def priority_add(request: HttpRequest, year: FinancialYear, obj: ReportYear) -> HttpResponse:
    if refused := refused_when_locked(request, obj):
        return refused
    form = forms.PriorityForm(
        posted(request),
        instance=Priority(year=obj),
        initial={"order": next_order(obj.priorities.all())},
    )
    return saved_or_form(
        request, form, "Add a priority", back=obj.get_absolute_url(), saved="Priority added", year=obj
    )


@rule("governance.edit_plan", get_priority)
def priority_edit(request: HttpRequest, pk: int, obj: Priority) -> HttpResponse:
    if refused := refused_when_locked(request, obj.year):
        return refused
    form = forms.PriorityForm(posted(request), instance=obj)
    return saved_or_form(
        request,
        form,
        "Change the priority",
        back=obj.year.get_absolute_url(),
        saved="Priority changed",
        year=obj.year,
    )


@rule("governance.edit_plan", get_priority)
def priority_update(request: HttpRequest, pk: int, obj: Priority) -> HttpResponse:
    if refused := refused_when_locked(request, obj.year):
        return refused
    form = forms.PriorityUpdateForm(
        posted(request), instance=PriorityUpdate(priority=obj, by=signed_in_user(request))
    )
    return saved_or_form(
        request,
        form,
        "Add an update",
        year=obj.year,
        back=obj.year.get_absolute_url(),
        saved="Update added",
        about=obj.title,
    )


@rule("governance.edit_plan", get_priority_update)
def priority_update_edit(request: HttpRequest, pk: int, obj: PriorityUpdate) -> HttpResponse:
    year = obj.priority.year
    if refused := refused_when_locked(request, year):
        return refused
    form = forms.PriorityUpdateForm(posted(request), instance=obj)
    return saved_or_form(
        request,
        form,
        "Change the update",
        year=year,
        back=year.get_absolute_url(),
        saved="Update changed",
        about=obj.priority.title,
    )


@rule("governance.edit_plan", get_priority)
def priority_remove(request: HttpRequest, pk: int, obj: Priority) -> HttpResponse:
    if refused := refused_when_locked(request, obj.year):
        return refused
    return remove_page(
        request,
        obj,
        f"Are you sure you want to remove the priority “{obj.title}”?",
        obj.year.get_absolute_url(),
        "Priority removed",
        going_with(obj.updates.count(), "update", "updates"),
        year=obj.year,
    )


@rule("governance.edit_plan", get_year)
def engagement_add(request: HttpRequest, year: FinancialYear, obj: ReportYear) -> HttpResponse:
    if refused := refused_when_locked(request, obj):
        return refused
    form = forms.EngagementForm(posted(request), instance=EngagementActivity(year=obj), year=obj)
    return saved_or_form(
        request,
        form,
        "Add an engagement activity",
        back=obj.get_absolute_url(),
        saved="Engagement activity added",
        year=obj,
    )


@rule("governance.edit_plan", get_engagement)
def engagement_edit(request: HttpRequest, pk: int, obj: EngagementActivity) -> HttpResponse:
    if refused := refused_when_locked(request, obj.year):
        return refused
    form = forms.EngagementForm(posted(request), instance=obj, year=obj.year)
    return saved_or_form(
        request,
        form,
        "Change the engagement activity",
        year=obj.year,
        back=obj.year.get_absolute_url(),
        saved="Engagement activity changed",
    )


@rule("governance.edit_plan", get_engagement)
def engagement_remove(request: HttpRequest, pk: int, obj: EngagementActivity) -> HttpResponse:
    if refused := refused_when_locked(request, obj.year):
        return refused
    return remove_page(
        request,
        obj,
        f"Are you sure you want to remove the engagement activity “{obj.title}”?",
        obj.year.get_absolute_url(),
        "Engagement activity removed",
        year=obj.year,
        about=f"Held on {obj.held_on.day} {obj.held_on:%B %Y}",
    )


# Signing off and reopening.


def _gaps(year: ReportYear) -> list[str]:
    """What a signed-off report would be missing: shown before sign-off, not enforced, because
    the Executive may sign off a report knowingly incomplete."""
    gaps = []
    if not year.introduction:
        gaps.append("The introduction has not been written")
    if not year.scrutineer_summary:
        gaps.append("The independent scrutineer's summary has not been written")
    if not year.priorities.exists():
        gaps.append("There are no delivery plan priorities")
    unfinished = [n.group.short_name for n in _group_narratives(year) if n.status != "Complete"]
    if unfinished:
        gaps.append(f"Groups whose narrative is not complete: {', '.join(unfinished)}")
    return gaps


@rule("governance.sign_off_year", get_year)
def year_sign_off(request: HttpRequest, year: FinancialYear, obj: ReportYear) -> HttpResponse:
    if refused := refused_when_locked(request, obj):
        return refused
    if request.method == "POST":
        try:
            sign_off(obj, signed_in_user(request))
        except YearLocked as locked:
            # Signed off by someone else since this page was opened.
            return _locked_page(request, locked.year)
        messages.success(request, f"{obj.label} signed off: its plan and report are now locked")
        return redirect(obj)
    return render(request, "governance/year/sign_off.html", {"year": obj, "gaps": _gaps(obj)})


@rule("governance.reopen_year", get_year)
def year_reopen(request: HttpRequest, year: FinancialYear, obj: ReportYear) -> HttpResponse:
    if not obj.is_locked:
        messages.info(request, f"{obj.label} is not signed off, so it is open for changes already")
        return redirect(obj)
    form = forms.ReopenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            reopen(obj, signed_in_user(request), form.cleaned_data["reason"])
        except NotSignedOff:
            messages.info(request, f"{obj.label} had already been reopened")
            return redirect(obj)
        messages.success(request, f"{obj.label} reopened")
        return redirect(obj)
    return form_page(
        request, form, f"Reopen {obj.label}", obj.get_absolute_url(), year=obj, button="Reopen the year"
    )
