"""The SEG's performance report from the demo data set: every KPI read, grouped as the annual
report groups them, in a fixed number of queries; an exception becomes an action on the log."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from lscp.accounts.roles import Role
from lscp.governance.models import Group
from lscp.improvement.models import Action
from lscp.performance import report
from lscp.performance.models import Indicator
from lscp.performance.reading import Reading
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
END_OF_YEAR = dt.date(2022, 3, 31)


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)
    return Group.objects.get(slug="seg")


def seg_report(group) -> report.Report:
    indicators = list(group.indicators.select_related("owner"))
    return report.build(indicators, title="SEG", until=END_OF_YEAR)


def test_the_year_shows_improving_fluctuating_and_developing_kpis(demo):
    built = seg_report(demo)
    readings = {row.indicator.code: row.reading for row in built.rows}
    assert set(readings.values()) >= {Reading.GOOD, Reading.FLUCTUATING, Reading.DEVELOPMENT}, readings
    assert all(row.said is not None and row.said.text for row in built.rows if row.enough_data)
    labels = [label for label, _rows in built.grouped()]
    assert labels[:3] == ["Good or improved performance", "Fluctuating", "Development still required"]


def test_the_page_makes_the_same_queries_for_one_kpi_or_all(demo, client_for, django_assert_max_num_queries):
    client = client_for(UserFactory(roles=[Role.GROUP_MEMBER]))
    url = reverse("performance:group-report", args=[demo.slug]) + "?until=2022-03"
    client.get(url)
    with django_assert_max_num_queries(40) as every:
        page = client.get(url)
    assert page.status_code == 200 and b"govuk-summary-card" in page.content
    kept = Indicator.objects.filter(groups=demo).order_by("pk").first()
    for other in Indicator.objects.filter(groups=demo).exclude(pk=kept.pk):
        other.groups.remove(demo)
    with django_assert_max_num_queries(len(every.captured_queries)):
        client.get(url)


def test_an_exception_is_sent_to_the_owner_agency_and_the_report_shows_it(demo, client_for):
    officer = UserFactory(roles=[Role.BUSINESS_OFFICER])
    client = client_for(officer)
    built = seg_report(demo)
    developing = next(row for row in built.rows if row.reading == Reading.DEVELOPMENT)
    code = developing.indicator.code
    response = client.post(
        reverse("performance:raise-exception", args=[demo.slug, code]), {"query": "until=2022-03"}
    )
    assert response.status_code == 302
    action = Action.objects.get(source_kind=report.EXCEPTION_SOURCE)
    assert action.agency == developing.indicator.owner and action.group == demo
    page = client.get(reverse("performance:group-report", args=[demo.slug]) + "?until=2022-03")
    assert action.reference.encode() in page.content
    member = client_for(UserFactory(roles=[Role.GROUP_MEMBER]))
    assert member.post(reverse("performance:raise-exception", args=[demo.slug, code])).status_code == 403


def test_the_pdf_and_the_data_download(demo, client_for):
    client = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER]))
    pdf = client.get(reverse("performance:group-report-pdf", args=[demo.slug]) + "?until=2022-03")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    data = client.get(reverse("performance:group-report-data", args=[demo.slug]) + "?until=2022-03")
    assert data.status_code == 200 and data["Content-Disposition"].endswith('.xlsx"')


def test_the_rank_is_among_the_regions_districts_only(demo):
    from lscp.performance.models import Area
    from lscp.performance.vocabulary import AreaKind

    districts = Area.objects.filter(kind=AreaKind.DISTRICT).count()
    built = seg_report(demo)
    ranked = [row for row in built.rows if row.rank]
    assert ranked
    for row in ranked:
        place, of = row.rank.split(" of ")
        assert int(of) <= districts + 1 and 1 <= int(place) <= int(of)


def test_the_annual_report_figures_count_each_reading_from_the_records(demo):
    from lscp.performance.figures import performance_figures

    (seg,) = [g for g in performance_figures(END_OF_YEAR) if g.group == demo.name]
    built = seg_report(demo)
    assert sum(seg.counts.values()) == len(built.rows) == len(seg.kpis)
    assert seg.counts["Good or improved performance"] == sum(
        1 for r in built.rows if r.reading == Reading.GOOD
    )
    assert all(k.sentence for k in seg.kpis if k.reading != "Not enough data yet")


def test_a_seg_meeting_links_to_the_report_with_the_figures_before_it(demo, client_for):
    from lscp.governance.models import Meeting

    meeting = Meeting.objects.filter(group=demo).order_by("-starts_at").first()
    page = client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])).get(meeting.get_absolute_url())
    month_before = meeting.local_date.replace(day=1) - dt.timedelta(days=1)
    expected = reverse("performance:group-report", args=[demo.slug]) + f"?until={month_before:%Y-%m}"
    assert expected.encode() in page.content


def test_the_annual_report_figures_are_kept_until_a_kpi_changes(demo, django_assert_max_num_queries):
    """Read once, kept: until a value comes in by the import (plain SQL, no signals) or an
    indicator stops being watched by the group."""
    from lscp.performance import importer
    from lscp.performance.figures import performance_figures
    from lscp.performance.models import Indicator

    first = performance_figures(END_OF_YEAR)
    with django_assert_max_num_queries(1):
        assert performance_figures(END_OF_YEAR) == first
    watched = Indicator.objects.filter(groups=demo).order_by("pk").first()
    watched.groups.remove(demo)
    (seg,) = [g for g in performance_figures(END_OF_YEAR) if g.group == demo.name]
    assert watched.name not in {k.indicator for k in seg.kpis}
    # A monthly count, re-imported one higher for its last month: the import bumps the figures.
    from lscp.core.models import FiguresVersion
    from lscp.performance.models import Observation

    seen = Observation.objects.filter(indicator__groups=demo, indicator__frequency="monthly")
    last = seen.select_related("indicator", "area").order_by("-period_start", "pk").first()
    token = FiguresVersion.objects.get(name="performance").token
    line = f"{last.indicator.code},{last.area.code},{last.period_start:%Y-%m},{last.value + 1}\n"
    result = importer.import_file(f"indicator,area,period,value\n{line}".encode(), "one.csv")
    assert result.ok, result
    assert FiguresVersion.objects.get(name="performance").token != token
