"""The course evaluation report (on screen, as PDF, its figures as CSV), the year's list of courses
with their headline figures, and the business unit's choice of impact examples to publish.

The figures come from lscp.learning.report, computed in the database. Impact examples are free
text a practitioner or their line manager wrote: the business unit's editors see them all and
choose which may be published; everyone else who reads the report (and every PDF or CSV, which
leave the system) gets only the chosen ones.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from lscp.core.exports import Column, export_response
from lscp.core.permissions import rule
from lscp.learning import report as computed
from lscp.learning.models import Course, FollowUp
from lscp.learning.report import Figures, Year

EXAMPLES_PER_PAGE = 20


def get_course(request, slug: str, **kwargs) -> Course:
    return get_object_or_404(Course, slug=slug)


def get_follow_up(request, pk: int, **kwargs) -> FollowUp:
    return get_object_or_404(FollowUp.objects.select_related("booking__session__course"), pk=pk)


def _year(request: HttpRequest) -> tuple[Year, str]:
    return computed.read_year(request.GET.get("year", ""), timezone.localdate())


def _may_choose(request: HttpRequest) -> bool:
    return request.user.has_perm("learning.choose_published_examples")


@rule("learning.view_evaluation_report")
def evaluations(request: HttpRequest) -> HttpResponse:
    year, problem = _year(request)
    today = timezone.localdate()
    return render(
        request,
        "learning/evaluation/evaluations.html",
        {
            "year": year,
            "problem": problem,
            "years": computed.years_since(computed.first_session_day(), today),
            "lines": computed.kept_course_lines(year.start, year.end),
        },
    )


@rule("learning.view_evaluation_report", get_course)
def report(request: HttpRequest, slug: str, obj: Course) -> HttpResponse:
    year, problem = _year(request)
    today = timezone.localdate()
    result = computed.kept_figures(year.start, year.end, obj)
    may_choose = _may_choose(request)
    examples = computed.examples(year.start, year.end, obj, published_only=not may_choose)
    # One query gives the count and each page's place in the order; a second reads the page.
    page = Paginator(list(examples.values_list("pk", flat=True)), EXAMPLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "learning/evaluation/report.html",
        {
            "course": obj,
            "year": year,
            "problem": problem,
            "years": computed.years_since(computed.first_session_day(obj), today),
            "figures": result,
            "chart": computed.before_after_chart(result),
            "examples": page,
            "cards": computed.example_cards(examples, list(page)),
            "may_choose": may_choose,
            "query": urlencode({"year": year.code}),
        },
    )


@rule("learning.view_evaluation_report", get_course)
def report_pdf(request: HttpRequest, slug: str, obj: Course) -> HttpResponse:
    from weasyprint import HTML

    year, _problem = _year(request)
    result = computed.kept_figures(year.start, year.end, obj)
    html = render_to_string(
        "learning/evaluation/report_pdf.html",
        {
            "course": obj,
            "year": year,
            "figures": result,
            "chart": computed.before_after_chart(result, chart_id="before-after-pdf"),
            "examples": list(computed.examples(year.start, year.end, obj, published_only=True)),
            "made_on": timezone.localdate(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{obj.slug}-evaluation-{year.code}.pdf"'
    return response


CSV_COLUMNS = [
    Column("Section", lambda r: r[0]),
    Column("Figure", lambda r: r[1]),
    Column("Value", lambda r: r[2]),
    Column("Out of", lambda r: r[3]),
    Column("Percentage", lambda r: r[4]),
]


def csv_rows(result: Figures, examples) -> list[tuple]:
    """(section, figure, value, out of, percentage): every figure the report shows, and the
    published impact examples. A share with nothing to share is left blank, never 0%."""

    def share(section: str, name: str, found: computed.Share) -> tuple:
        return (section, name, found.count, found.of, found.percent)

    def mean(section: str, name: str, found: computed.Mean) -> tuple:
        return (section, name, "" if found.value is None else round(found.value, 2), found.count, "")

    rows: list[tuple] = [
        ("Period", "From", result.start, "", ""),
        ("Period", "To", result.end, "", ""),
    ]
    if not result.on_demand:
        rows += [
            ("Sessions", "Sessions run", result.sessions_run, "", ""),
            ("Sessions", "Places offered", result.places_offered, "", ""),
            share("Sessions", "Fill rate (places taken)", result.fill_rate),
            share("Sessions", "Non-attendance rate (absent or cancelled late)", result.non_attendance),
        ]
    rows += [
        ("Reach", "Attendances", result.attendances, "", ""),
        ("Reach", "Practitioners (different people)", result.practitioners, "", ""),
    ]
    for title, reaches in (("agency kind", result.by_agency_kind), ("service area", result.by_service_area)):
        for reach in reaches:
            rows.append((f"Reach by {title}", f"{reach.label}: attendances", reach.attendances, "", ""))
            rows.append((f"Reach by {title}", f"{reach.label}: practitioners", reach.practitioners, "", ""))
    rows += [
        share("Evaluations", "Evaluation response rate", result.evaluation_rate),
        mean("Evaluations", "Mean quality (1 to 5)", result.quality),
        mean("Evaluations", "Mean relevance (1 to 5)", result.relevance),
    ]
    for name, pair in (("knowledge", result.knowledge), ("confidence", result.confidence)):
        rows += [
            mean("Before and after", f"Mean {name} before (1 to 5)", pair.before),
            mean("Before and after", f"Mean {name} after (1 to 5)", pair.after),
            share("Before and after", f"Evaluations where {name} rose", pair.rose),
        ]
    rows += [
        share("Evaluations", "Said their skills and knowledge improved", result.improved),
        share("Follow-up", "Follow-up response rate (of those due)", result.follow_up_rate),
        mean("Follow-up", "Mean impact on practice (1 to 5)", result.impact),
        share("Follow-up", "Used the learning (yes or partly)", result.used),
    ]
    rows += [
        ("Follow-up", f"Used the learning: {label}", n, "", "") for label, n in result.used_learning.items()
    ]
    rows.append(("Follow-up", "Line managers who gave their view", result.manager_answers, "", ""))
    for example in examples:
        agency = example.booking.agency
        where = agency.get_kind_display() if agency else computed.NOT_RECORDED
        if example.example:
            rows.append(("Published impact example", where, example.example, "", ""))
        if example.from_line_manager:
            rows.append(("Published impact example: line manager", where, example.from_line_manager, "", ""))
    return rows


@rule("learning.view_evaluation_report", get_course)
def report_csv(request: HttpRequest, slug: str, obj: Course) -> HttpResponse | StreamingHttpResponse:
    year, _problem = _year(request)
    result = computed.kept_figures(year.start, year.end, obj)
    examples = computed.examples(year.start, year.end, obj, published_only=True)
    return export_response(
        csv_rows(result, examples), CSV_COLUMNS, f"{obj.slug}-evaluation-{year.code}", "csv"
    )


@require_POST
@rule("learning.choose_published_examples", get_follow_up)
def publish_example(request: HttpRequest, pk: int, obj: FollowUp) -> HttpResponse:
    """Publish an impact example, or withdraw it: the button says which (`publish` is yes or no),
    so pressing it twice leaves it as asked rather than toggling back."""
    publish = request.POST.get("publish") == "yes"
    if obj.publishable != publish:
        obj.publishable = publish
        obj.save(update_fields=["publishable"])
    messages.success(
        request,
        "The example is published: everyone who reads the report, its PDF and the annual report sees it"
        if publish
        else "The example is no longer published: only the business unit's editors see it",
    )
    booking = obj.booking
    year = (
        Year.containing(booking.attended_on) if booking.attended_on else Year.containing(timezone.localdate())
    )
    query = {"year": year.code}
    page = request.POST.get("page", "")
    if page.isdigit():
        query["page"] = page
    back = reverse("learning:evaluation-report", args=[booking.session.course.slug])
    return redirect(f"{back}?{urlencode(query)}#example-{obj.pk}")
