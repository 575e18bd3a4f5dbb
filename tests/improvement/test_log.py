"""The action log: filters select exactly the right rows; sorting and pages; the exports."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.core.models import AccessEntry, AccessKind
from lscp.improvement.log import LogFilters, parse_sort, select_actions, sort_headers
from lscp.improvement.models import ActionStatus
from tests.factories import ActionFactory, AgencyFactory, GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def log():
    """Five actions across two groups and two agencies, one person owning two."""
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health")
    seg, cdop = GroupFactory(short_name="SEG"), GroupFactory(short_name="CDOP")
    me = UserFactory(agency=police, roles=[Role.GROUP_MEMBER])
    other = UserFactory(agency=health)
    actions = {
        "mine_overdue": ActionFactory(owner=me, agency=police, group=seg, due_date=days(-3)),
        "mine_done": ActionFactory(
            owner=me, agency=police, group=seg, due_date=days(-10), status=ActionStatus.COMPLETED
        ),
        "health_overdue": ActionFactory(
            owner=other, agency=health, group=cdop, due_date=days(-1), status=ActionStatus.IN_PROGRESS
        ),
        "health_later": ActionFactory(owner=other, agency=health, group=seg, due_date=days(20)),
        "cancelled": ActionFactory(
            owner=other, agency=health, group=None, due_date=days(-30), status=ActionStatus.CANCELLED
        ),
    }
    return {"me": me, "police": police, "health": health, "seg": seg, "cdop": cdop, **actions}


def names(log, actions) -> set[str]:
    by_pk = {v.pk: k for k, v in log.items() if hasattr(v, "due_date")}
    return {by_pk[a.pk] for a in actions}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"mine_overdue", "mine_done", "health_overdue", "health_later", "cancelled"}),
        ({"group": "seg"}, {"mine_overdue", "mine_done", "health_later"}),
        ({"agency": "health"}, {"health_overdue", "health_later", "cancelled"}),
        ({"status": "outstanding"}, {"mine_overdue", "health_overdue", "health_later"}),
        ({"status": ActionStatus.COMPLETED}, {"mine_done"}),
        ({"overdue_only": True}, {"mine_overdue", "health_overdue"}),
        ({"mine_only": True}, {"mine_overdue", "mine_done"}),
        ({"mine_only": True, "overdue_only": True}, {"mine_overdue"}),
        ({"group": "seg", "agency": "health"}, {"health_later"}),
    ],
)
def test_filters_select_exactly_the_right_actions(log, filters, expected):
    kwargs = dict(filters)
    if "group" in kwargs:
        kwargs["group_id"] = log[kwargs.pop("group")].pk
    if "agency" in kwargs:
        kwargs["agency_id"] = log[kwargs.pop("agency")].pk
    assert names(log, select_actions(LogFilters(**kwargs), log["me"])) == expected


def test_sorting_by_due_date_status_and_agency(log):
    everything = LogFilters()
    by_due = [a.due_date for a in select_actions(everything, log["me"], "due")]
    assert by_due == sorted(by_due)
    assert [a.due_date for a in select_actions(everything, log["me"], "-due")] == sorted(by_due, reverse=True)
    statuses = [a.status for a in select_actions(everything, log["me"], "status")]
    assert statuses == ["open", "open", "in_progress", "completed", "cancelled"]
    agencies = [a.agency.name for a in select_actions(everything, log["me"], "-agency")]
    assert agencies == ["Police", "Police", "Health", "Health", "Health"]


def test_unknown_sort_falls_back_to_due_date():
    assert parse_sort("password") == ("due", False)
    assert parse_sort("-status") == ("status", True)


def test_sort_headers_say_which_column_is_sorted_and_which_way():
    headers = sort_headers("-agency")
    assert headers["agency"].aria_sort == "descending"
    assert headers["agency"].next_sort == "agency"
    assert headers["due"].aria_sort == "none"
    assert sort_headers(None)["due"].aria_sort == "ascending"
    assert sort_headers(None)["due"].next_sort == "-due"


def test_log_page_filters_from_the_query_string_and_tags_overdue(log, client_for):
    client = client_for(log["me"])
    response = client.get("/actions/", {"agency": log["health"].pk, "overdue": "on"})
    assert response.status_code == 200
    page = response.context["page"]
    assert [a.pk for a in page.object_list] == [log["health_overdue"].pk]
    html = response.content.decode()
    assert "Overdue</strong>" in html
    assert 'aria-sort="ascending"' in html
    assert "1 action matches the filters" in html


def test_log_ignores_filter_values_that_do_not_exist(log, client_for):
    response = client_for(log["me"]).get("/actions/", {"group": "999999", "status": "nonsense", "sort": "x"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 5


def test_log_pages_25_at_a_time(client_for, make_user):
    me = make_user(roles=[Role.BUSINESS_OFFICER])
    agency = AgencyFactory()
    ActionFactory.create_batch(30, owner=me, agency=agency)
    client = client_for(me)
    first = client.get("/actions/")
    assert len(first.context["page"].object_list) == 25
    assert 'class="govuk-pagination"' in first.content.decode()
    second = client.get("/actions/", {"page": 2})
    assert len(second.context["page"].object_list) == 5
    assert 'aria-current="page"' in second.content.decode()


def test_csv_export_holds_the_filtered_rows_and_is_on_the_access_trail(log, client_for):
    client = client_for(log["me"])
    response = client.get("/actions/export.csv", {"mine": "on"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["Reference"] for r in rows} == {log["mine_overdue"].reference, log["mine_done"].reference}
    overdue = next(r for r in rows if r["Reference"] == log["mine_overdue"].reference)
    assert overdue["Overdue"] == "Yes"
    assert overdue["Agency"] == "Police"
    assert overdue["Group"] == "SEG"
    assert overdue["Due date"] == days(-3).isoformat()
    entry = AccessEntry.objects.get(kind=AccessKind.EXPORTED)
    assert entry.user == log["me"]
    assert entry.path.startswith("/actions/export.csv")


def test_xlsx_export_parses_back(log, client_for):
    log["health_later"].title = "=cmd|' /C calc'!A0"
    log["health_later"].save()
    response = client_for(log["me"]).get("/actions/export.xlsx", {"agency": log["health"].pk, "sort": "due"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headings = rows[0]
    assert headings[:3] == ("Reference", "Title", "Detail")
    references = [row[0] for row in rows[1:]]
    assert references == [
        log["cancelled"].reference,
        log["health_overdue"].reference,
        log["health_later"].reference,
    ]
    due = headings.index("Due date")
    assert rows[1][due].date() == days(-30)
    title_cell = sheet.cell(row=4, column=2)
    assert title_cell.value == "=cmd|' /C calc'!A0"
    assert title_cell.data_type == "s"
    assert AccessEntry.objects.filter(kind=AccessKind.EXPORTED).count() == 1


def test_a_stale_filter_value_is_dropped_and_the_others_still_apply(log, client_for):
    response = client_for(log["me"]).get("/actions/", {"group": "999999", "agency": log["police"].pk})
    assert {a.pk for a in response.context["page"].object_list} == {
        log["mine_overdue"].pk,
        log["mine_done"].pk,
    }
