"""A group's part of the year's report, edited in the browser: its function, key steps and their
progress, key areas of development and their impact (each can be corrected, and a step, an area
or an impact statement removed).

Authorised against the Group (a chair edits only their own group's narrative), so the getters for
a key step or a development area fetch its group, and the view then fetches the record within
that group. Each record follows the lock of its own year (a key step: the year it is planned for).
"""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from lscp.core.permissions import rule
from lscp.core.years import FinancialYear
from lscp.governance import year_forms as forms
from lscp.governance.models import Group
from lscp.governance.views import get_group
from lscp.governance.year_views import (
    going_with,
    next_order,
    posted,
    refused_when_locked,
    remove_page,
    report_year_or_404,
    saved_or_form,
    signed_in_user,
)
from lscp.governance.yearly import (
    DevelopmentArea,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    ReportYear,
)


def group_of_key_step(request: HttpRequest, pk: int, **kwargs) -> Group:
    return get_object_or_404(Group, key_steps=pk)


def group_of_area(request: HttpRequest, pk: int, **kwargs) -> Group:
    return get_object_or_404(Group, development_areas=pk)


def group_of_progress(request: HttpRequest, pk: int, **kwargs) -> Group:
    return get_object_or_404(Group, key_steps__progress=pk)


def group_of_impact(request: HttpRequest, pk: int, **kwargs) -> Group:
    return get_object_or_404(Group, development_areas__impacts=pk)


def _group_year_url(group: Group, year: ReportYear) -> str:
    return reverse("governance:group-year", args=[year.label, group.slug])


@rule("governance.view_year", get_group)
def group_year(request: HttpRequest, year: FinancialYear, slug: str, obj: Group) -> HttpResponse:
    report_year = report_year_or_404(year)
    next_year = ReportYear.objects.filter(first_year=year.first + 1).first()
    progress = Prefetch("progress", queryset=KeyStepProgress.objects.select_related("by"))
    can_edit = request.user.has_perm("governance.edit_group_year", obj)
    return render(
        request,
        "governance/year/group_year.html",
        {
            "group": obj,
            "year": report_year,
            "next_year": next_year,
            "function": GroupYear.objects.filter(group=obj, year=report_year).first(),
            "key_steps": obj.key_steps.filter(year=report_year).prefetch_related(progress),
            "next_key_steps": obj.key_steps.filter(year=next_year) if next_year else [],
            "areas": obj.development_areas.filter(year=report_year).prefetch_related(
                Prefetch(
                    "impacts", queryset=ImpactStatement.objects.select_related("evidence__recommendation")
                )
            ),
            "can_edit": can_edit and not report_year.is_locked,
            "can_edit_next": can_edit and next_year is not None and not next_year.is_locked,
        },
    )


@rule("governance.edit_group_year", get_group)
def group_year_function(request: HttpRequest, year: FinancialYear, slug: str, obj: Group) -> HttpResponse:
    report_year = report_year_or_404(year)
    if refused := refused_when_locked(request, report_year):
        return refused
    statement = GroupYear.objects.filter(group=obj, year=report_year).first()
    # A year started before the group existed has no statement yet: start from the group's own.
    statement = statement or GroupYear(group=obj, year=report_year, function=obj.function)
    form = forms.GroupYearForm(posted(request), instance=statement)
    back = _group_year_url(obj, report_year)
    heading = f"{obj.short_name}'s function"
    return saved_or_form(
        request, form, heading, year=report_year, back=back, saved="Function saved", group=obj
    )


def _key_step_page(group: Group, step_year: ReportYear) -> str:
    """Key steps are written in the report for the year before the one they are planned for
    (as "next year's key steps"), so that is where the chair is sent back to, when it exists."""
    announcing = ReportYear.objects.filter(first_year=step_year.first_year - 1).first()
    return _group_year_url(group, announcing or step_year)


@rule("governance.edit_group_year", get_group)
def key_step_add(request: HttpRequest, year: FinancialYear, slug: str, obj: Group) -> HttpResponse:
    planned_for = report_year_or_404(year)
    if refused := refused_when_locked(request, planned_for):
        return refused
    steps = obj.key_steps.filter(year=planned_for)
    form = forms.KeyStepForm(
        posted(request),
        instance=KeyStep(group=obj, year=planned_for),
        initial={"order": next_order(steps)},
    )
    back = _key_step_page(obj, planned_for)
    return saved_or_form(
        request,
        form,
        f"Add a key step for {planned_for.label}",
        back=back,
        saved=f"Key step for {planned_for.label} added",
        year=planned_for,
        group=obj,
    )


@rule("governance.edit_group_year", group_of_key_step)
def key_step_edit(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    step = get_object_or_404(obj.key_steps.select_related("year"), pk=pk)
    if refused := refused_when_locked(request, step.year):
        return refused
    form = forms.KeyStepForm(posted(request), instance=step)
    back = _key_step_page(obj, step.year)
    return saved_or_form(
        request,
        form,
        f"Change a key step for {step.year.label}",
        back=back,
        saved="Key step changed",
        year=step.year,
        group=obj,
    )


@rule("governance.edit_group_year", group_of_key_step)
def key_step_progress(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    step = get_object_or_404(obj.key_steps.select_related("year"), pk=pk)
    if refused := refused_when_locked(request, step.year):
        return refused
    form = forms.KeyStepProgressForm(
        posted(request), instance=KeyStepProgress(key_step=step, by=signed_in_user(request))
    )
    back = _group_year_url(obj, step.year)
    return saved_or_form(
        request,
        form,
        "Add progress on a key step",
        back=back,
        saved="Progress added",
        year=step.year,
        group=obj,
        about_html=step.text_html,
    )


@rule("governance.edit_group_year", group_of_progress)
def key_step_progress_edit(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    progress = get_object_or_404(
        KeyStepProgress.objects.filter(key_step__group=obj).select_related("key_step__year"), pk=pk
    )
    step = progress.key_step
    if refused := refused_when_locked(request, step.year):
        return refused
    form = forms.KeyStepProgressForm(posted(request), instance=progress)
    back = _group_year_url(obj, step.year)
    return saved_or_form(
        request,
        form,
        "Change progress on a key step",
        back=back,
        saved="Progress changed",
        year=step.year,
        group=obj,
        about_html=step.text_html,
    )


@rule("governance.edit_group_year", group_of_key_step)
def key_step_remove(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    step = get_object_or_404(obj.key_steps.select_related("year"), pk=pk)
    if refused := refused_when_locked(request, step.year):
        return refused
    return remove_page(
        request,
        step,
        f"Are you sure you want to remove key step {step.order} for {step.year.label}?",
        _key_step_page(obj, step.year),
        "Key step removed",
        going_with(step.progress.count(), "progress update", "progress updates"),
        year=step.year,
        group=obj,
        about_html=step.text_html,
    )


@rule("governance.edit_group_year", get_group)
def area_add(request: HttpRequest, year: FinancialYear, slug: str, obj: Group) -> HttpResponse:
    report_year = report_year_or_404(year)
    if refused := refused_when_locked(request, report_year):
        return refused
    areas = obj.development_areas.filter(year=report_year)
    form = forms.DevelopmentAreaForm(
        posted(request),
        instance=DevelopmentArea(group=obj, year=report_year),
        initial={"order": next_order(areas)},
    )
    back = _group_year_url(obj, report_year)
    return saved_or_form(
        request,
        form,
        "Add an area of development",
        back=back,
        saved="Area of development added",
        year=report_year,
        group=obj,
    )


@rule("governance.edit_group_year", group_of_area)
def area_edit(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    area = get_object_or_404(obj.development_areas.select_related("year"), pk=pk)
    if refused := refused_when_locked(request, area.year):
        return refused
    form = forms.DevelopmentAreaForm(posted(request), instance=area)
    back = _group_year_url(obj, area.year)
    return saved_or_form(
        request,
        form,
        "Change the area of development",
        back=back,
        saved="Area of development changed",
        year=area.year,
        group=obj,
    )


@rule("governance.edit_group_year", group_of_area)
def area_remove(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    area = get_object_or_404(obj.development_areas.select_related("year"), pk=pk)
    if refused := refused_when_locked(request, area.year):
        return refused
    return remove_page(
        request,
        area,
        f"Are you sure you want to remove the area of development “{area.title}”?",
        _group_year_url(obj, area.year),
        "Area of development removed",
        going_with(area.impacts.count(), "impact statement", "impact statements"),
        year=area.year,
        group=obj,
    )


@rule("governance.edit_group_year", group_of_area)
def impact_add(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    area = get_object_or_404(obj.development_areas.select_related("year"), pk=pk)
    if refused := refused_when_locked(request, area.year):
        return refused
    form = forms.ImpactStatementForm(
        posted(request), instance=ImpactStatement(area=area), group=obj, year=area.year
    )
    back = _group_year_url(obj, area.year)
    return saved_or_form(
        request,
        form,
        "Add the impact it made",
        back=back,
        saved="Impact added",
        year=area.year,
        group=obj,
        about=area.title,
    )


def _impact(group: Group, pk: int) -> ImpactStatement:
    impacts = ImpactStatement.objects.filter(area__group=group).select_related("area__year", "evidence")
    return get_object_or_404(impacts, pk=pk)


@rule("governance.edit_group_year", group_of_impact)
def impact_edit(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    impact = _impact(obj, pk)
    area = impact.area
    if refused := refused_when_locked(request, area.year):
        return refused
    form = forms.ImpactStatementForm(posted(request), instance=impact, group=obj, year=area.year)
    back = _group_year_url(obj, area.year)
    return saved_or_form(
        request,
        form,
        "Change the impact",
        back=back,
        saved="Impact changed",
        year=area.year,
        group=obj,
        about=area.title,
    )


@rule("governance.edit_group_year", group_of_impact)
def impact_remove(request: HttpRequest, pk: int, obj: Group) -> HttpResponse:
    impact = _impact(obj, pk)
    area = impact.area
    if refused := refused_when_locked(request, area.year):
        return refused
    kept = [f"The area of development “{area.title}” is kept."]
    if impact.evidence is not None:
        kept.append("The evidence it cites is kept on its recommendation.")
    return remove_page(
        request,
        impact,
        "Are you sure you want to remove this impact statement?",
        _group_year_url(obj, area.year),
        "Impact removed",
        kept,
        year=area.year,
        group=obj,
        about_html=impact.text_html,
    )
