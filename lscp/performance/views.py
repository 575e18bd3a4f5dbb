"""The data set's pages: a group's performance report (on screen, as PDF, its data as XLSX) and
sending a KPI that needs development to its owner agency as an action."""

import datetime as dt
from typing import cast

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lscp.accounts.models import User
from lscp.core.exports import Column, export_response
from lscp.core.permissions import rule
from lscp.improvement.progress import raise_action
from lscp.performance import report
from lscp.performance.periods import Frequency, Period, PeriodError, parse

# An exception asks the owner agency for an update before the group's next meeting.
EXCEPTION_DAYS = 28


def get_group(request, slug: str, **kwargs):
    group_model = apps.get_model("governance", "Group")
    return get_object_or_404(group_model, slug=slug)


def _until(request: HttpRequest) -> tuple[dt.date, str]:
    """The report's last month (?until=2022-03), or this month; and a problem to show, if any."""
    text = request.GET.get("until", "").strip()
    today = timezone.localdate()
    if not text:
        return today, ""
    try:
        period = parse(text, Frequency.MONTHLY)
    except PeriodError as problem:
        return today, f"{problem}. The report shows the latest figures instead."
    return min(period.end, today), ""


def _report(group, until: dt.date) -> report.Report:
    indicators = list(group.indicators.select_related("owner").order_by("order", "name"))
    title = f"{group.short_name or group.name} performance report"
    return report.build(indicators, title=title, until=until)


@rule("performance.view_reports")
def index(request: HttpRequest) -> HttpResponse:
    group_model = apps.get_model("governance", "Group")
    groups = group_model.objects.filter(indicators__isnull=False).distinct().order_by("order", "name")
    return render(request, "performance/index.html", {"groups": groups})


@rule("performance.view_reports", get_group)
def group_report(request: HttpRequest, slug: str, obj) -> HttpResponse:
    until, problem = _until(request)
    built = _report(obj, until)
    return render(
        request,
        "performance/report.html",
        {
            "group": obj,
            "report": built,
            "problem": problem,
            "month": Period.containing(Frequency.MONTHLY, until),
            "can_raise": request.user.has_perm("performance.raise_exception", obj),
            "query": request.GET.urlencode(),
        },
    )


@rule("performance.view_reports", get_group)
def group_report_pdf(request: HttpRequest, slug: str, obj) -> HttpResponse:
    from weasyprint import HTML

    until, _problem = _until(request)
    html = render_to_string(
        "performance/report_pdf.html",
        {"group": obj, "report": _report(obj, until), "month": Period.containing(Frequency.MONTHLY, until)},
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{obj.slug}-performance-{until:%Y-%m}.pdf"'
    return response


DATA_COLUMNS = [
    Column("Indicator", lambda r: r[0].indicator.name, 50),
    Column("Period", lambda r: r[1].label, 18),
    Column("Value", lambda r: r[2], 12),
    Column("Mean", lambda r: round(r[3].mean, 4) if r[3] else "", 12),
    Column("Lower process limit", lambda r: round(r[3].lpl, 4) if r[3] else "", 12),
    Column("Upper process limit", lambda r: round(r[3].upl, 4) if r[3] else "", 12),
    Column("Special cause", lambda r: (r[3].special_cause_rule or "") if r[3] else "", 16),
    Column("Point type", lambda r: r[3].point_type if r[3] else "", 26),
]


@rule("performance.view_reports", get_group)
def group_report_data(request: HttpRequest, slug: str, obj) -> HttpResponse | StreamingHttpResponse:
    until, _problem = _until(request)
    built = _report(obj, until)
    rows = [
        (row, period, value, row.result.points[i] if row.result else None)
        for row in built.rows
        for i, (period, value) in enumerate(zip(row.periods, row.values, strict=True))
    ]
    return export_response(rows, DATA_COLUMNS, f"{obj.slug}-performance-{until:%Y-%m}", "xlsx")


@require_POST
@rule("performance.raise_exception", get_group)
def raise_exception(request: HttpRequest, slug: str, code: str, obj) -> HttpResponse:
    """Ask the KPI's owner agency for an update: an action on the partnership's action log."""
    indicator = get_object_or_404(obj.indicators.select_related("owner"), code=code)
    action = raise_action(
        source=indicator,
        source_kind=report.EXCEPTION_SOURCE,
        title=f"Update on {indicator.name}: performance needs development",
        detail=(
            f"The {obj.short_name or obj.name} asks {indicator.owner} for an update on this indicator: "
            "what is behind the latest figures, and what is being done. Reply with an update here; "
            "the group's next performance report shows it."
        ),
        owner=None,
        agency=indicator.owner,
        group=obj,
        due_date=timezone.localdate() + dt.timedelta(days=EXCEPTION_DAYS),
        created_by=cast(User, request.user),
    )
    messages.success(request, f"Sent to {indicator.owner} for an update: action {action.reference}")
    back = reverse("performance:group-report", args=[obj.slug])
    return redirect(f"{back}?{request.POST.get('query', '')}#kpi-{indicator.code}")
