"""Searching the audit trail: both trails as one list, newest first, a page at a time.

Two trails, one list: changes (django-auditlog) and access (core.AccessEntry), merged in the
database by a UNION of (time, id, trail) so that ordering and paging stay in SQL however long
the trails grow; only the page's own rows are then fetched in full. Writing to the trail is
`core.audit`'s job; this module only reads it.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import CharField, F, Q, QuerySet, Value
from django.utils import dateformat, timezone
from django.utils.text import capfirst

from lscp.core.models import AccessEntry

CHANGES = "changes"
ACCESS = "access"
# LogEntry.Action values, as the trail names them.
CHANGE_KINDS = {"created": 0, "updated": 1, "deleted": 2}

PAGE_SIZE = 50
CHANGE_VERBS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Updated",
    LogEntry.Action.DELETE: "Deleted",
}
# Enough of a change to recognise it; the full values stay in the log.
MAX_CHANGED_FIELDS = 6
MAX_VALUE_LENGTH = 80

EMPTY = (None, "", "None")

# (time, id, trail): what the UNION orders and pages by.
Key = tuple[dt.datetime, int, str]
# (name, field, old, new) for one field of one change; field is None when the model no longer has it.
FieldChange = tuple[str, models.Field | None, object, object]
RelatedNames = dict[tuple[type[models.Model], str], str]


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


def search(filters: Mapping[str, Any], page_number: str | None) -> tuple[Page, list[TrailRow]]:
    """One page of the entries matching `filters` (an AuditSearchForm's cleaned data), in full."""
    page = Paginator(keys(filters), PAGE_SIZE).get_page(page_number)
    return page, rows(list(page.object_list))


# --- Which entries -----------------------------------------------------------------------------


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def keys(filters: Mapping[str, Any]) -> QuerySet:
    """(at, pk, trail) for every matching entry in both trails, newest first."""
    changes = LogEntry.objects.all()
    access = AccessEntry.objects.all()
    kind = filters.get("kind") or ""
    if kind == CHANGES:
        access = access.none()
    elif kind in CHANGE_KINDS:
        changes = changes.filter(action=CHANGE_KINDS[kind])
        access = access.none()
    elif kind == ACCESS:
        changes = changes.none()
    elif kind:
        access = access.filter(kind=kind)
        changes = changes.none()
    if person := (filters.get("person") or "").strip():
        changes = changes.filter(
            Q(actor__email__icontains=person)
            | Q(actor_email__icontains=person)
            | Q(actor__full_name__icontains=person)
        )
        access = access.filter(
            Q(user__email__icontains=person)
            | Q(username__icontains=person)
            | Q(user__full_name__icontains=person)
        )
    if record := (filters.get("record") or "").strip():
        changes = changes.filter(object_repr__icontains=record)
        access = access.filter(object_repr__icontains=record)
    if record_type := filters.get("record_type"):
        changes = changes.filter(content_type=record_type)
        access = access.filter(content_type=record_type)
    if object_id := (filters.get("object_id") or "").strip():
        changes = changes.filter(object_pk=object_id)
        access = access.filter(object_id=object_id)
    if start := filters.get("date_from"):
        changes = changes.filter(timestamp__gte=_day_start(start))
        access = access.filter(at__gte=_day_start(start))
    if end := filters.get("date_to"):
        changes = changes.filter(timestamp__lt=_day_start(end + dt.timedelta(days=1)))
        access = access.filter(at__lt=_day_start(end + dt.timedelta(days=1)))
    # Same annotations on both sides, so the UNION's columns line up by construction.
    change_keys = (
        changes.order_by()
        .annotate(ts=F("timestamp"), ref=F("pk"), trail=Value(CHANGES, output_field=CharField()))
        .values_list("ts", "ref", "trail")
    )
    access_keys = (
        access.order_by()
        .annotate(ts=F("at"), ref=F("pk"), trail=Value(ACCESS, output_field=CharField()))
        .values_list("ts", "ref", "trail")
    )
    return change_keys.union(access_keys, all=True).order_by("-ts", "-ref")


# --- The page's entries, as a reader sees them ---------------------------------------------------


def rows(page_keys: Sequence[Key]) -> list[TrailRow]:
    """The page's entries in full, in the page's order.

    Two queries whatever the page size, plus one per kind of record that changed links point at.
    """
    change_ids = [pk for _, pk, trail in page_keys if trail == CHANGES]
    access_ids = [pk for _, pk, trail in page_keys if trail == ACCESS]
    changes = LogEntry.objects.select_related("actor", "content_type").in_bulk(change_ids)
    access = AccessEntry.objects.select_related("user", "content_type").in_bulk(access_ids)
    names = _related_names(changes.values())
    result = []
    for _, pk, trail in page_keys:
        if trail == CHANGES and pk in changes:
            result.append(_change_row(changes[pk], names))
        elif trail == ACCESS and pk in access:
            result.append(_access_row(access[pk]))
    return result


def _short(value: object) -> str:
    text = "–" if value in EMPTY else str(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"


def _record_type(content_type: ContentType | None) -> str:
    if content_type is None:
        return ""
    model = content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else content_type.model


def _field_changes(entry: LogEntry) -> list[FieldChange]:
    """(name, field, old, new) for what a change entry recorded, leaving out what says nothing."""
    model = entry.content_type.model_class()
    result: list[FieldChange] = []
    for name, values in (entry.changes_dict or {}).items():
        if not (isinstance(values, list | tuple) and len(values) == 2):
            result.append((name, None, None, "changed"))
            continue
        try:
            found = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            found = None
        # Reverse relations and generic keys (not Fields), and the id, say nothing a reader needs.
        field = found if isinstance(found, models.Field) else None
        if found is not None and (field is None or not field.concrete or field.primary_key):
            continue
        old, new = values
        if entry.action == LogEntry.Action.CREATE and new in EMPTY:
            continue
        result.append((name, field, old, new))
    return result


def _related_names(entries: Iterable[LogEntry]) -> RelatedNames:
    """Names for the records that changed foreign keys point at: one query per related model."""
    wanted: dict[type[models.Model], set[str]] = {}
    for entry in entries:
        for _, field, old, new in _field_changes(entry):
            if field is not None and field.many_to_one and field.related_model is not None:
                wanted.setdefault(field.related_model, set()).update(
                    str(v) for v in (old, new) if v not in EMPTY
                )
    names: RelatedNames = {}
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


def _display(field: models.Field | None, value: object, names: RelatedNames) -> str:
    if value in EMPTY:
        return "–"
    if field is None:
        return _short(value)
    if field.many_to_one and field.related_model is not None:
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


def _change_row(entry: LogEntry, names: RelatedNames) -> TrailRow:
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
