"""Bringing values in: the KPI file import (with its template), and each agency's entry of the
figures it owns, a value at a time.

The import checks every row and writes nothing unless every row is good
(lscp.performance.importer); a check-only run says what an import would do. The page, its form and
its checks of the file are the child death import's.

Entry is for the partnership's own area (comparators' figures come in a file), one indicator at a
time: the latest period that is over, or an earlier one to correct it. A value that changes keeps
the one it replaced in the history (Observation.save writes the correction).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from itertools import groupby
from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from lscp.accounts.models import User
from lscp.core.import_page import ImportPage, import_page
from lscp.core.permissions import rule
from lscp.performance import importer
from lscp.performance.data_forms import EntryForm, ImportForm, latest_ended
from lscp.performance.models import Area, Indicator, Observation, ObservationCorrection
from lscp.performance.periods import Frequency, Period, PeriodError, check_reportable, parse
from lscp.performance.vocabulary import IndicatorKind, Unit, plain

TEMPLATE_FILENAME = "kpi-import-template.csv"
HISTORY_SHOWN = 12  # periods of values on an indicator's entry page


def shown(value: Decimal | float, unit: str) -> str:
    """A value as the page writes it: 91.5%, 1,250, 28.5."""
    text = plain(value)
    whole, _, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    text = sign + f"{int(whole.lstrip('-')):,}" + (f".{decimals}" if decimals else "")
    return text + ("%" if unit == Unit.PERCENTAGE else "")


def counted(count: int, one: str, many: str = "") -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


# --- the import --------------------------------------------------------------------------------


def _imported(result: importer.ImportResult) -> str:
    message = (
        f"Imported {counted(result.created, 'new value')} and corrected {counted(result.corrected, 'value')}"
    )
    if result.skipped:
        were = "was skipped because it was" if result.skipped == 1 else "were skipped because they were"
        message += f". {counted(result.skipped, 'value')} {were} already here"
    return message


def _run(data: dict, content: bytes, name: str, dry_run: bool, entered_by: User) -> importer.ImportResult:
    return importer.import_file(
        content, name, dry_run=dry_run, supplied_by=data["supplied_by"], entered_by=entered_by
    )


@rule("performance.import")
def import_values(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    page = ImportPage(
        template="performance/import.html",
        url_name="performance:import",
        records="KPI values",
        columns=importer.COLUMNS,
        run=partial(_run, entered_by=cast(User, request.user)),
        done=_imported,
    )
    context = {
        "indicators": Indicator.objects.filter(kind=IndicatorKind.REPORTED).order_by("code"),
        "areas": Area.objects.order_by("order", "name"),
    }
    return import_page(request, form, page, context)


@rule("performance.import")
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    return response


# --- entry -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryRow:
    indicator: Indicator
    period: Period  # the latest that is over
    value: str  # "" when not entered yet
    last: str = ""  # when it is not: the latest value that is, and its period ("March 2022: 68")


def _the_own_area() -> Area | None:
    try:
        return Area.objects.own()
    except Area.DoesNotExist:
        return None


def _entry_rows(indicators: list[Indicator], area: Area | None, today: dt.date) -> list[EntryRow]:
    latest = {indicator.pk: latest_ended(indicator, today) for indicator in indicators}
    values: dict[tuple[int, dt.date], Decimal] = {}
    last: dict[int, tuple[dt.date | None, Decimal | None]] = {}
    if area is not None and indicators:
        starts = {period.start for period in latest.values()}
        for indicator_id, start, value in Observation.objects.filter(
            area=area, indicator__in=indicators, period_start__in=starts
        ).values_list("indicator_id", "period_start", "value"):
            values[indicator_id, start] = value
        newest = Observation.objects.filter(indicator=OuterRef("pk"), area=area).order_by("-period_start")
        last = {
            pk: (start, value)
            for pk, start, value in Indicator.objects.filter(pk__in=[i.pk for i in indicators])
            .annotate(
                last_start=Subquery(newest.values("period_start")[:1]),
                last_value=Subquery(
                    newest.values("value")[:1], output_field=Observation._meta.get_field("value")
                ),
            )
            .values_list("pk", "last_start", "last_value")
        }
    rows = []
    for indicator in indicators:
        period = latest[indicator.pk]
        value = values.get((indicator.pk, period.start))
        if value is not None:
            rows.append(EntryRow(indicator, period, shown(value, indicator.unit)))
            continue
        last_start, last_value = last.get(indicator.pk, (None, None))
        said = ""
        if last_start is not None and last_value is not None:
            when = Period(last_start, Frequency(indicator.frequency))
            said = f"{when.label}: {shown(last_value, indicator.unit)}"
        rows.append(EntryRow(indicator, period, "", said))
    return rows


@rule("performance.enter_any_values")
def entry(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    reported = Indicator.objects.filter(kind=IndicatorKind.REPORTED).select_related("owner")
    indicators = [
        indicator
        for indicator in reported.order_by("owner__name", "order", "name")
        if request.user.has_perm("performance.enter_values", indicator)
    ]
    area = _the_own_area()
    rows = _entry_rows(indicators, area, today)
    return render(
        request,
        "performance/entry.html",
        {
            "area": area,
            "agencies": [
                (owner, list(group)) for owner, group in groupby(rows, key=lambda r: r.indicator.owner)
            ],
            "can_import": request.user.has_perm("performance.import"),
        },
    )


def get_indicator(request: HttpRequest, code: str, **kwargs) -> Indicator:
    """A reported indicator by its code; a derived one has no values of its own to enter."""
    return get_object_or_404(
        Indicator.objects.select_related("owner"), code=code, kind=IndicatorKind.REPORTED
    )


def _chosen_period(request: HttpRequest, indicator: Indicator, today: dt.date) -> Period:
    """The period the form starts with: ?period= (from a Change link) when it is one that is over;
    else the latest that is."""
    text = request.GET.get("period", "").strip()
    if text:
        try:
            period = parse(text, indicator.frequency)
            check_reportable(period, today)
        except PeriodError:
            pass
        else:
            return period
    return latest_ended(indicator, today)


@dataclass(frozen=True)
class HistoryRow:
    period: Period
    value: str
    supplied_by: str
    supplied_at: dt.datetime
    note: str
    corrections: list[str]


def _history(indicator: Indicator, area: Area) -> list[HistoryRow]:
    observations = (
        Observation.objects.filter(indicator=indicator, area=area)
        .order_by("-period_start")
        .prefetch_related(
            Prefetch("corrections", queryset=ObservationCorrection.objects.order_by("-corrected_at", "-pk"))
        )[:HISTORY_SHOWN]
    )
    frequency = Frequency(indicator.frequency)
    rows = []
    for observation in observations:
        corrections = [
            f"{shown(c.previous_value, indicator.unit)}"
            + (f", supplied by {c.previous_supplied_by}" if c.previous_supplied_by else "")
            + f", on {timezone.localtime(c.corrected_at):%-d %B %Y}"
            for c in observation.corrections.all()
        ]
        rows.append(
            HistoryRow(
                Period(observation.period_start, frequency),
                shown(observation.value, indicator.unit),
                observation.supplied_by,
                observation.supplied_at,
                observation.note,
                corrections,
            )
        )
    return rows


def _save(form: EntryForm, indicator: Indicator, area: Area, user) -> tuple[str, str]:
    """Save the form's value: (how it went, "success" or "info"). Raises ValidationError if the
    model refuses it (another value saved meanwhile, say)."""
    period: Period = form.cleaned_data["period"]
    value: Decimal = form.cleaned_data["value"]
    supplied_by, note = form.cleaned_data["supplied_by"], form.cleaned_data["note"]
    where = f"{indicator.name}, {period.label}"
    with transaction.atomic():
        observation = (
            Observation.objects.select_for_update()
            .filter(indicator=indicator, area=area, period_start=period.start)
            .first()
        )
        if observation is None:
            Observation(
                indicator=indicator,
                area=area,
                period_start=period.start,
                value=value,
                supplied_by=supplied_by,
                entered_by=user,
                note=note,
            ).save()
            return f"Saved {shown(value, indicator.unit)} for {where}", "success"
        if observation.value == value:
            return f"{where} was already {shown(value, indicator.unit)}: nothing was changed", "info"
        before = observation.value
        observation.correct(value, supplied_by=supplied_by, entered_by=user, note=note)
        correction = observation.corrections.order_by("-pk").first()
        if correction is not None:
            correction.reason = ("Entered by hand" + (f": {note}" if note else ""))[:200]
            correction.save(update_fields=["reason"])
    return (
        f"Changed {where} from {shown(before, indicator.unit)} to {shown(value, indicator.unit)}. "
        "The old value is kept in the history",
        "success",
    )


@rule("performance.enter_values", get_indicator)
def entry_indicator(request: HttpRequest, code: str, obj: Indicator) -> HttpResponse:
    today = timezone.localdate()
    area = _the_own_area()
    if area is None:
        return redirect("performance:entry")  # which says the partnership's area is not set up
    if request.method == "POST":
        form = EntryForm(request.POST, indicator=obj, area=area, today=today)
        if form.is_valid():
            try:
                message, level = _save(form, obj, area, request.user)
            except ValidationError as error:
                for name, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error("period" if name == "period_start" else "value", problem)
            else:
                (messages.success if level == "success" else messages.info)(request, message)
                return redirect("performance:entry")
    else:
        period = _chosen_period(request, obj, today)
        existing = (
            Observation.objects.filter(indicator=obj, area=area, period_start=period.start)
            .values_list("value", flat=True)
            .first()
        )
        form = EntryForm(
            initial={
                "period": period.code,
                "value": "" if existing is None else plain(existing),
                "supplied_by": cast(User, request.user).full_name,
            },
            indicator=obj,
            area=area,
            today=today,
        )
    return render(
        request,
        "performance/entry_indicator.html",
        {
            "indicator": obj,
            "area": area,
            "form": form,
            "history": _history(obj, area),
        },
    )
