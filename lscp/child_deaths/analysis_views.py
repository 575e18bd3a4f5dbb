"""The CDOP's analysis page, and the import of past cases from an eCDOP export or a spreadsheet.

The analysis counts the reviews the panel completed in a period (lscp.child_deaths.analysis).
The panel, and whoever else sees the cases, reads every count unless they ask for the published
version; everyone else on the partnership's staff (the independent scrutineer, the group chairs)
always reads the published version, with small numbers suppressed, whatever the query string says.

The import checks every row and writes nothing unless every row is good
(lscp.child_deaths.importer); a check-only run says what an import would do.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from lscp.child_deaths import importer, snapshots
from lscp.child_deaths.analysis import Analysis, financial_year
from lscp.child_deaths.arithmetic import SMALL, SUPPRESSION_NOTE, WITHHELD, Cell
from lscp.child_deaths.charts import bar_chart
from lscp.core.import_page import ImportPage, import_page
from lscp.core.permissions import rule
from lscp.improvement.uploads import ImportFileForm as ImportForm

# A native date picker submits ISO dates, whatever the browser's language.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Before any CDOP (2008) and far enough back that a period's previous period is a real date.
EARLIEST = dt.date(1990, 1, 1)
QUICK_YEARS = 5  # financial years linked above the figures, this one first


# --- the analysis --------------------------------------------------------------------------------


def _date_errors(what: str) -> dict[str, str]:
    return {"required": f"Enter the {what}", "invalid": f"Enter the {what} as a real date"}


class PeriodForm(forms.Form):
    """The period whose completed reviews are counted, both days included."""

    start = forms.DateField(
        label="Start date",
        widget=DATE_WIDGET,
        error_messages=_date_errors("start date"),
    )
    end = forms.DateField(
        label="End date",
        widget=DATE_WIDGET,
        error_messages=_date_errors("end date"),
    )

    def __init__(self, *args, today: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.latest = financial_year(today)[1]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and start < EARLIEST:
            self.add_error("start", f"The start date must be on or after {EARLIEST:%-d %B %Y}")
        if end and end > self.latest:
            self.add_error(
                "end",
                f"The end date must be on or before {self.latest:%-d %B %Y}, the end of this financial year",
            )
        if start and end and end < start and "end" not in self.errors:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data


@dataclass(frozen=True)
class Breakdown:
    """One breakdown as the page shows it: a chart, and a table with the same figures."""

    id: str
    title: str
    heading: str  # the table's first column
    share_of: str  # what the percentages are a share of
    cells: list[Cell]
    chart: SafeString | None  # None when there is nothing to draw
    note: str = ""


@dataclass(frozen=True)
class QuickLink:
    label: str
    url: str
    current: bool


COMPLETED = "reviews completed"
FACTORS_NOTE = (
    "A review can record several named factors, so these need not add up to the reviews with "
    "modifiable factors. Each share is of those reviews."
)
# For each of Analysis.breakdowns: the table's first column, what its percentages are a share of,
# and what to say first.
TABLES = {
    "Year of death": ("Year the child died", COMPLETED, ""),
    "Expected or unexpected": ("Death", COMPLETED, ""),
    "Category of death": ("Category", COMPLETED, ""),
    "Age at death": ("Age", COMPLETED, ""),
    "Sex": ("Sex", COMPLETED, ""),
    "Modifiable factors": ("Conclusion", COMPLETED, ""),
    "Named factors in reviews with modifiable factors": (
        "Factor",
        "reviews with modifiable factors",
        FACTORS_NOTE,
    ),
}


def _chart(title: str, cells: list[Cell], chart_id: str) -> SafeString | None:
    if not cells:
        return None  # the template says there is nothing to draw
    return mark_safe(responsive_svg(bar_chart(title, cells, chart_id=chart_id)))  # noqa: S308  (charts.py escapes)


def _breakdowns(result: Analysis) -> list[Breakdown]:
    shown = []
    for title, cells in result.breakdowns:
        heading, share_of, note = TABLES.get(title, ("", COMPLETED, ""))
        id_ = f"chart-{slugify(title)}"
        shown.append(Breakdown(id_, title, heading, share_of, cells, _chart(title, cells, id_), note))
    return shown


def _change(result: Analysis) -> str:
    """How the period compares with the one before, in words; "" when either count is withheld."""
    now, before = result.completed.count, result.previous.count
    if now is None or before is None:
        return ""
    if now == before:
        return "The same number as the previous period"
    difference = abs(now - before)
    return f"{difference:,} {'more' if now > before else 'fewer'} than the previous period"


def _with_query(request: HttpRequest, **changes: str | None) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params: QueryDict = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    query = params.urlencode()
    return request.path + (f"?{query}" if query else "")


def _quick_links(
    this_year_starts: dt.date, period: tuple[dt.date, dt.date] | None, published: str | None
) -> list[QuickLink]:
    links = []
    for back in range(QUICK_YEARS):
        start, end = financial_year(dt.date(this_year_starts.year - back, 4, 1))
        label = f"{start.year} to {end.year}" + (" (so far)" if back == 0 else "")
        query = {"start": start.isoformat(), "end": end.isoformat()}
        if published:
            query["published"] = published
        links.append(
            QuickLink(label, f"{reverse('child_deaths:analysis')}?{urlencode(query)}", period == (start, end))
        )
    return links


@rule("child_deaths.view_analysis")
def analysis(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sees_every_count = request.user.has_perm("child_deaths.view_unsuppressed_analysis")
    # Only those who see the cases may see small numbers, whatever the query string says.
    published = not sees_every_count or request.GET.get("published") == "1"
    this_year = financial_year(today)
    period: tuple[dt.date, dt.date] | None
    if "start" in request.GET or "end" in request.GET:
        form = PeriodForm(request.GET, today=today)
        # Dates that are wrong show the problem, never another period's figures as if they were theirs.
        period = (form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else None
    else:
        form = PeriodForm(initial={"start": this_year[0], "end": this_year[1]}, today=today)
        period = this_year
    result = snapshots.analysis(*period, suppressed=published) if period else None
    return render(
        request,
        "child_deaths/analysis.html",
        {
            "form": form,
            "result": result,
            "breakdowns": _breakdowns(result) if result and result.completed.count != 0 else [],
            "change": _change(result) if result else "",
            "years_of_death": _years_of_death(result) if result else "",
            "published": published,
            "sees_every_count": sees_every_count,
            "switch_url": _with_query(request, published=None if published else "1"),
            # The panel's choice of the published version is kept; nobody else has a choice.
            "quick_links": _quick_links(
                this_year[0], period, "1" if sees_every_count and published else None
            ),
            "note": SUPPRESSION_NOTE,
            "small": SMALL,
            "withheld": WITHHELD,
        },
    )


def _years_of_death(result: Analysis) -> str:
    years = [cell.label for cell in result.years_of_death]
    if not years:
        return ""
    return years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"


# The chart is drawn 7 inches wide (504pt), wider than a phone and than the column it sits in.
# Without a stylesheet rule (the site's Content-Security-Policy allows no style="" attribute), the
# width attribute scales it to its column instead, and with no height attribute the height
# follows from the viewBox.
_SIZES = re.compile(r'\s(?:width|height)="[^"]*"')


def responsive_svg(svg: str) -> str:
    """The chart's <svg> sized to its column, its height from its viewBox."""
    opening = svg[: svg.index(">") + 1]
    if not opening.startswith("<svg"):
        raise ValueError("not an <svg> element")
    sized = _SIZES.sub("", opening)[:-1] + ' width="100%">'
    return sized + svg[len(opening) :]


# --- the import ----------------------------------------------------------------------------------

TEMPLATE_FILENAME = "child-deaths-import-template.csv"


def _imported(result: importer.ImportResult) -> str:
    cases = f"{result.created:,} case{'' if result.created == 1 else 's'}"
    message = f"Imported {cases}"
    if result.skipped == 1:
        message += ". 1 was skipped because it had been imported before"
    elif result.skipped:
        message += f". {result.skipped:,} were skipped because they had been imported before"
    return message


IMPORT_PAGE = ImportPage(
    template="child_deaths/import.html",
    url_name="child_deaths:import",
    records="Child deaths",
    columns=importer.COLUMNS,
    run=lambda _data, content, name, dry_run: importer.import_file(content, name, dry_run=dry_run),
    done=_imported,
)


@rule("child_deaths.import")
def import_cases(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    return import_page(request, form, IMPORT_PAGE, {"separator": importer.LIST_SEPARATOR})


@rule("child_deaths.import")
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    return response
