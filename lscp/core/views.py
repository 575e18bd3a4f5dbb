import datetime as dt
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import connection, models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import dateformat, timezone
from django.utils.text import capfirst
from django.views.decorators.cache import cache_control, never_cache
from django_tasks_db.models import DBTaskResult

from lscp.core.forms import ACCESS, CHANGES, AgencyForm, AuditSearchForm, trail_keys
from lscp.core.models import AccessEntry, Agency
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

AUDIT_PAGE_SIZE = 50
CHANGE_VERBS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Updated",
    LogEntry.Action.DELETE: "Deleted",
}
# Enough of a change to recognise it; the full values stay in the log.
MAX_CHANGED_FIELDS = 6
MAX_VALUE_LENGTH = 80


@dataclass
class TrailRow:
    at: dt.datetime
    trail: str
    person: str
    email: str
    what: str
    record: str
    record_type: str
    details: list[str]
    content_type_id: int | None
    object_id: str
    ip_address: str


EMPTY = (None, "", "None")


def _short(value) -> str:
    text = "–" if value in EMPTY else str(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"


def _record_type(content_type: ContentType | None) -> str:
    model = content_type.model_class() if content_type else None
    return model._meta.verbose_name.capitalize() if model else (content_type.model if content_type else "")


def _field_changes(entry: LogEntry) -> list[tuple[str, models.Field | None, object, object]]:
    """(name, field, old, new) for what a change entry recorded, leaving out what says nothing."""
    model = entry.content_type.model_class()
    result = []
    for name, values in (entry.changes_dict or {}).items():
        if not (isinstance(values, list | tuple) and len(values) == 2):
            result.append((name, None, None, "changed"))
            continue
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        if field is not None and (not field.concrete or field.primary_key):
            continue  # reverse relations and the id say nothing a reader needs
        old, new = values
        if entry.action == LogEntry.Action.CREATE and new in EMPTY:
            continue
        result.append((name, field, old, new))
    return result


def _related_names(entries) -> dict[tuple[type, str], str]:
    """Names for the records that changed foreign keys point at: one query per related model."""
    wanted: dict[type, set[str]] = {}
    for entry in entries:
        for _, field, old, new in _field_changes(entry):
            if field is not None and field.many_to_one:
                wanted.setdefault(field.related_model, set()).update(
                    str(v) for v in (old, new) if v not in EMPTY
                )
    names = {}
    for model, pks in wanted.items():
        valid = []
        for pk in pks:
            try:
                valid.append(model._meta.pk.to_python(pk))
            except ValidationError:
                continue
        for pk, obj in model._default_manager.in_bulk(valid).items():
            names[(model, str(pk))] = str(obj)
    return names


def _display(field: models.Field | None, value, names: dict) -> str:
    if value in EMPTY:
        return "–"
    if field is None:
        return _short(value)
    if field.many_to_one:
        return _short(names.get((field.related_model, str(value)), f"deleted record {value}"))
    if field.choices:
        return _short(dict(field.flatchoices).get(value, value))
    kind = field.get_internal_type()
    if kind == "BooleanField":
        return {"True": "Yes", "False": "No"}.get(str(value), str(value))
    try:
        if kind == "DateField":
            return dateformat.format(dt.date.fromisoformat(str(value)), "j F Y")
        if kind == "DateTimeField":
            return dateformat.format(timezone.localtime(dt.datetime.fromisoformat(str(value))), "j F Y, H:i")
    except ValueError:
        pass
    return _short(value)


def _change_row(entry: LogEntry, names: dict) -> TrailRow:
    details = []
    changes = _field_changes(entry)
    for name, field, old, new in changes[:MAX_CHANGED_FIELDS]:
        label = capfirst(field.verbose_name) if field is not None else name
        if entry.action == LogEntry.Action.CREATE:
            details.append(f"{label}: {_display(field, new, names)}")
        elif entry.action == LogEntry.Action.DELETE:
            details.append(f"{label}: was {_display(field, old, names)}")
        else:
            details.append(f"{label}: {_display(field, old, names)} → {_display(field, new, names)}")
    if len(changes) > MAX_CHANGED_FIELDS:
        details.append(f"and {len(changes) - MAX_CHANGED_FIELDS} more")
    actor = entry.actor
    return TrailRow(
        at=entry.timestamp,
        trail="change",
        person=actor.full_name if actor else ("" if entry.actor_email else "System"),
        email=actor.email if actor else (entry.actor_email or ""),
        what=CHANGE_VERBS.get(entry.action, "Logged"),
        record=entry.object_repr,
        record_type=_record_type(entry.content_type),
        details=details,
        content_type_id=entry.content_type_id,
        object_id=entry.object_pk,
        ip_address=entry.remote_addr or "",
    )


def _access_row(entry: AccessEntry) -> TrailRow:
    user = entry.user
    return TrailRow(
        at=entry.at,
        trail="access",
        person=user.full_name if user else "",
        email=user.email if user else entry.username,
        what=entry.get_kind_display(),
        record=entry.object_repr,
        record_type=_record_type(entry.content_type),
        details=[entry.path] if entry.path else [],
        content_type_id=entry.content_type_id,
        object_id=entry.object_id,
        ip_address=entry.ip_address or "",
    )


def trail_rows(keys) -> list[TrailRow]:
    """The page's entries in full, in the page's order.

    Two queries whatever the page size, plus one per kind of record that changed links point at.
    """
    change_ids = [pk for _, pk, trail in keys if trail == CHANGES]
    access_ids = [pk for _, pk, trail in keys if trail == ACCESS]
    changes = LogEntry.objects.select_related("actor", "content_type").in_bulk(change_ids)
    access = AccessEntry.objects.select_related("user", "content_type").in_bulk(access_ids)
    names = _related_names(changes.values())
    rows = []
    for _, pk, trail in keys:
        if trail == CHANGES and pk in changes:
            rows.append(_change_row(changes[pk], names))
        elif trail == ACCESS and pk in access:
            rows.append(_access_row(access[pk]))
    return rows


@rule("core.view_audit_trail")
def audit_trail(request: HttpRequest) -> HttpResponse:
    """Who changed what, and who looked at or signed in to what: searchable, newest first."""
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = rows = None
    if not form.errors:
        paginator = Paginator(trail_keys(filters), AUDIT_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        rows = trail_rows(list(page.object_list))
    return render(
        request,
        "core/audit/trail.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "page_links": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            if page is not None
            else [],
            "searched": any(value not in (None, "") for value in filters.values()),
        },
    )
