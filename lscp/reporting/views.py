"""The annual report pages. A published report is for everyone, signed in or not, and is read from
its kept edition; a draft is the partnership's, composed as it is opened. Views parse, authorise,
call compose (or read the edition) and render."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lscp.core.permissions import rule
from lscp.core.years import FinancialYear
from lscp.governance.figures import YearState, report_year, report_years
from lscp.reporting import publishing
from lscp.reporting.compose import compose
from lscp.reporting.render import render_json, render_pdf


def get_year(request: HttpRequest, year: FinancialYear, **kwargs) -> YearState:
    found = report_year(year.first)
    if found is None:
        raise Http404(
            f"There is no annual report for {year.label}: its plan and report have not been started."
        )
    return found


def readable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`reporting.view_report` on the year, for anyone: `@rule` would send a signed-out reader to
    sign in before looking, but a published report is public (as published learning resources
    are). A signed-out reader of a draft is asked to sign in; a signed-in one is refused."""

    @wraps(view)
    def checked(request: HttpRequest, year: FinancialYear, **kwargs) -> HttpResponse:
        state = get_year(request, year)
        # The rule reads `published_at`, which the governance reader's YearState carries.
        if not request.user.has_perm("reporting.view_report", cast(Any, state)):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return view(request, year, obj=state, **kwargs)

    checked.lscp_rule = "reporting.view_report"  # type: ignore[attr-defined]
    return checked


@rule("reporting.view_reports")
def reports(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reporting/reports.html",
        {"years": report_years(), "can_publish": request.user.has_perm("reporting.publish_report")},
    )


@readable
def report(request: HttpRequest, year: FinancialYear, obj: YearState) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {
        "year": year,
        "state": obj,
        "is_staff": user.has_perm("reporting.view_reports"),
        "can_publish": user.has_perm("reporting.publish_report") and obj.is_locked and not obj.published_at,
    }
    kept = publishing.edition(year.first, obj.published_at)
    if kept is not None:
        context["published"] = kept
    else:
        context["report"] = compose(year)
    return render(request, "reporting/report.html", context)


@readable
def report_pdf(request: HttpRequest, year: FinancialYear, obj: YearState) -> HttpResponse:
    kept = publishing.edition(year.first, obj.published_at)
    if kept is not None:
        pdf = publishing.edition_pdf(kept)
    else:
        pdf = render_pdf(compose(year), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="annual-report-{year.label}.pdf"'
    return response


@readable
def report_json(request: HttpRequest, year: FinancialYear, obj: YearState) -> HttpResponse:
    kept = publishing.edition(year.first, obj.published_at)
    data = kept.data if kept is not None else render_json(compose(year))
    response = HttpResponse(data, content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="annual-report-{year.label}.json"'
    return response


@rule("reporting.view_reports")
def checklist(request: HttpRequest, year: FinancialYear) -> HttpResponse:
    state = get_year(request, year)
    return render(request, "reporting/checklist.html", {"report": compose(year), "state": state})


@rule("reporting.publish_report")
@require_POST
def publish(request: HttpRequest, year: FinancialYear) -> HttpResponse:
    get_year(request, year)
    problem = publishing.publish(year, request.user, base_url=request.build_absolute_uri("/"))
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, f"The {year.label} annual report is published: anyone can now read it.")
    return redirect("reporting:report", year)
