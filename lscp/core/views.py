from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django_tasks_db.models import DBTaskResult

from lscp.core import trail
from lscp.core.forms import AgencyForm, AuditSearchForm
from lscp.core.models import Agency
from lscp.core.permissions import public, rule

# A worker that has claimed nothing for this long while work waits is reported as stalled.
WORKER_STALL_SECONDS = 300


@public
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database reachable? Background work flowing? For load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # noqa: BLE001  (any failure means the database is not usable)
        return JsonResponse({"database": "unavailable", "worker": "unknown"}, status=503)
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    waiting_seconds = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    worker = "stalled" if waiting_seconds > WORKER_STALL_SECONDS else "ok"
    return JsonResponse(
        {
            "database": database,
            "worker": worker,
            "tasks_waiting": ready.count(),
            "oldest_wait_seconds": waiting_seconds,
        },
        status=200 if worker == "ok" else 503,
    )


@public
@cache_control(max_age=300)
def brand_css(request: HttpRequest) -> HttpResponse:
    """The partnership's colour from settings, as CSS custom properties (no inline styles under CSP)."""
    css = f":root{{--lscp-brand:{settings.PARTNERSHIP_BRAND_COLOUR};}}\n"
    return HttpResponse(css, content_type="text/css")


# --- Agencies ------------------------------------------------------------------------------------


@rule("core.view_agency")
def agencies(request: HttpRequest) -> HttpResponse:
    """The partnership's organisations: the safeguarding partners first, then relevant agencies."""
    rows = list(Agency.objects.order_by("name"))
    return render(
        request,
        "core/agencies/list.html",
        {
            "partners": [a for a in rows if a.is_statutory_partner],
            "relevant": [a for a in rows if not a.is_statutory_partner],
            "can_manage": request.user.has_perm("core.manage_agency"),
        },
    )


def _agency(request: HttpRequest, pk: int) -> Agency:
    return get_object_or_404(Agency, pk=pk)


@rule("core.manage_agency")
def agency_add(request: HttpRequest) -> HttpResponse:
    return _agency_form(request, Agency())


@rule("core.manage_agency", _agency)
def agency_edit(request: HttpRequest, pk: int, obj: Agency) -> HttpResponse:
    return _agency_form(request, obj)


def _agency_form(request: HttpRequest, agency: Agency) -> HttpResponse:
    is_new = agency.pk is None
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        agency = form.save()
        messages.success(request, f"{agency.name} {'added' if is_new else 'saved'}")
        return redirect("core:agencies")
    return render(request, "core/agencies/form.html", {"form": form, "agency": agency, "is_new": is_new})


# --- Audit trail ---------------------------------------------------------------------------------


@rule("core.view_audit_trail")
def audit_trail(request: HttpRequest) -> HttpResponse:
    """Who changed what, and who looked at or signed in to what: searchable, newest first."""
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = rows = None
    if not form.errors:
        page, rows = trail.search(filters, request.GET.get("page"))
    return render(
        request,
        "core/audit/trail.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "searched": any(value not in (None, "") for value in filters.values()),
        },
    )
