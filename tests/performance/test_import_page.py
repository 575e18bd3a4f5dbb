"""The KPI import page: who may use it, the template's round trip, a broken file refused row by
row with nothing saved, a check that saves nothing, a re-import skipping what is here and a changed
value corrected with its history."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from lscp.accounts.roles import Role
from lscp.core.models import AccessEntry, AccessKind
from lscp.performance import importer
from lscp.performance.models import Observation, ObservationCorrection
from lscp.performance.vocabulary import AreaKind, Direction, Unit
from tests.child_deaths.test_analysis_page import Page
from tests.factories import UserFactory
from tests.performance.test_models import area, indicator, percentage_of

pytestmark = pytest.mark.django_db

URL = reverse("performance:import")
TEMPLATE_URL = reverse("performance:import-template")
JUNE = dt.date(2021, 6, 1)


@pytest.fixture(autouse=True)
def data_set():
    """The template's example indicator and area, a count and a percentage worked out from two counts."""
    front_door = indicator("FD-TIME", Unit.PERCENTAGE, name="Front door decisions in time")
    numerator = indicator("ICPC-15", Unit.COUNT, Direction.NEUTRAL, owner=front_door.owner)
    denominator = indicator("ICPC", Unit.COUNT, Direction.NEUTRAL, owner=front_door.owner)
    percentage_of(numerator, denominator, "ICPC-PC")
    area("WBK", AreaKind.OWN, "Westbrook")
    area("CLB", AreaKind.DISTRICT, "Calderbank")


@pytest.fixture
def officer(db):
    return UserFactory(roles=[Role.BUSINESS_OFFICER], full_name="Owen Officer")


@pytest.fixture
def client(client_for, officer):
    return client_for(officer)


def template_rows(client) -> tuple[list[str], dict[str, str]]:
    """The template as downloaded: its headers, and its example row by header."""
    response = client.get(TEMPLATE_URL)
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    headers, example = lines[0], lines[1]
    return headers, dict(zip(headers, example, strict=True))


def csv_upload(headers: list[str], rows: list[dict[str, str]], name: str = "kpis.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def three_values(example: dict[str, str], **changes) -> list[dict[str, str]]:
    """The template's example row, the same for a comparator, and a count."""
    return [
        {**example, **changes},
        {**example, "area": "CLB", "value": "88", **changes},
        {**example, "indicator": "ICPC", "value": "15", "supplied_by": "", **changes},
    ]


def post(client, upload, action: str | None = "import", follow: bool = False, **data):
    data["file"] = upload
    if action is not None:
        data["action"] = action
    return client.post(URL, data, follow=follow)


def error_summary(html: str) -> str:
    start = html.index('<div class="govuk-error-summary"')
    return " ".join(html[start : html.index("</ul>", start)].split())


def stored() -> set[tuple[str, str, dt.date, Decimal]]:
    return set(Observation.objects.values_list("indicator__code", "area__code", "period_start", "value"))


# --- who may use it -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SYSTEM_ADMINISTRATOR, 200),
        (Role.BUSINESS_MANAGER, 200),
        (Role.BUSINESS_OFFICER, 200),
        (Role.DATA_ANALYST, 403),  # reads the records, changes none
        (Role.GROUP_CHAIR, 403),
        (Role.GROUP_MEMBER, 403),
        (Role.INDEPENDENT_SCRUTINEER, 403),
        (Role.LEAD_NURSE, 403),
        (Role.PRACTITIONER, 403),
    ],
)
def test_only_the_business_unit_editors_import(client_for, role, status):
    client = client_for(UserFactory(roles=[role]))
    assert client.get(URL).status_code == status
    assert client.get(TEMPLATE_URL).status_code == status
    headers, example = template_rows(client_for(UserFactory(roles=[Role.BUSINESS_OFFICER])))
    response = post(client, csv_upload(headers, three_values(example)))
    assert response.status_code == (302 if status == 200 else 403)
    assert Observation.objects.count() == (3 if status == 200 else 0)


def test_the_owner_agency_does_not_import_even_its_own_values(client_for):
    from lscp.performance.models import Indicator

    member = UserFactory(roles=[Role.GROUP_MEMBER], agency=Indicator.objects.get(code="FD-TIME").owner)
    assert client_for(member).get(URL).status_code == 403


def test_signing_in_is_needed():
    for url in (URL, TEMPLATE_URL):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


# --- the page and the template --------------------------------------------------------------------


def test_the_page_documents_every_column_and_links_the_template(client):
    html = client.get(URL).content.decode()
    page = Page(html)
    columns = page.rows("columns-table")
    assert [row[0] for row in columns] == [
        f"{c.header} {'Required' if c.required else 'Optional'}" for c in importer.COLUMNS
    ]
    assert [row[1] for row in columns] == [
        c.meaning + (f" For example, {c.example}" if c.example else "") for c in importer.COLUMNS
    ]
    assert f'href="{TEMPLATE_URL}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html
    # The codes to write, reported indicators only (a derived one is worked out).
    assert [row[0] for row in page.rows("indicator-codes")] == ["FD-TIME", "ICPC", "ICPC-15"]
    assert [row[0] for row in page.rows("area-codes")] == ["CLB", "WBK"]


def test_the_template_is_a_csv_attachment(client):
    response = client.get(TEMPLATE_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kpi-import-template.csv"'
    assert response.content == importer.template_csv()
    headers, _ = template_rows(client)
    assert headers == importer.HEADERS


def test_the_template_round_trip_imports_its_values(client, officer):
    headers, example = template_rows(client)
    upload = csv_upload(headers, three_values(example))
    response = post(client, upload, follow=True, supplied_by="Council performance team")
    assert response.redirect_chain == [(URL, 302)]
    assert "Imported 3 new values and corrected 0 values" in response.content.decode()
    assert stored() == {
        ("FD-TIME", "WBK", JUNE, Decimal("91.5")),
        ("FD-TIME", "CLB", JUNE, Decimal("88")),
        ("ICPC", "WBK", JUNE, Decimal("15")),
    }
    # Who supplied each: the file says, or (where it is blank) the form; who entered them: the officer.
    suppliers = dict(
        Observation.objects.values_list("indicator__code", "supplied_by").filter(area__code="WBK")
    )
    assert suppliers == {"FD-TIME": example["supplied_by"], "ICPC": "Council performance team"}
    assert set(Observation.objects.values_list("entered_by", flat=True)) == {officer.pk}


def test_an_xlsx_file_imports_too(client):
    headers, example = template_rows(client)
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in three_values(example):
        sheet.append([row[h] for h in headers])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("kpis.xlsx", out.getvalue())
    assert "Imported 3 new values" in post(client, upload, follow=True).content.decode()
    assert Observation.objects.count() == 3


# --- problems ------------------------------------------------------------------------------------


def test_a_broken_file_is_refused_row_by_row_and_nothing_is_saved(client):
    headers, example = template_rows(client)
    rows = [
        *three_values(example),
        {**example, "indicator": "NOPE"},
        {**example, "area": "KRM", "period": "2021-13"},
        {**example, "period": "2021-07", "value": "101"},
        {**example, "indicator": "ICPC", "period": "2021-07", "value": "-2"},
        {**example, "indicator": "ICPC-PC", "period": "2021-08"},
        {**example, "period": "2099-01", "value": "lots"},
        {**example},  # the first row again
    ]
    upload = csv_upload(headers, rows)
    expected = importer.import_file(upload.read(), "kpis.csv", dry_run=True)
    upload.seek(0)
    response = post(client, upload)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Import KPI values" in html
    summary = error_summary(html)
    assert f"The file has {len(expected.errors)} problems: nothing was saved" in summary
    assert 'href="#problems"' in summary
    assert "Nothing was saved." in html
    problems = Page(html).rows("problem-table")
    assert problems == [[str(e.line), e.column or "The whole row", e.reason] for e in expected.errors]
    assert {(line, column) for line, column, _ in problems} >= {
        ("5", "indicator"),
        ("6", "area"),
        ("6", "period"),
        ("7", "value"),
        ("8", "value"),
        ("9", "indicator"),
        ("10", "period"),
        ("10", "value"),
        ("11", "The whole row"),
    }
    assert ["7", "value", "A percentage cannot be more than 100"] in problems
    assert ["8", "value", "A count cannot be negative"] in problems
    # The good rows alone are not saved either.
    assert Observation.objects.count() == 0
    assert "would be added" not in html


def test_a_file_with_wrong_headers_names_them(client):
    upload = SimpleUploadedFile("kpis.csv", b"kpi,area,period,value\r\nX,WBK,2021-06,1\r\n")
    html = post(client, upload).content.decode()
    problems = Page(html).rows("problem-table")
    assert ["1", "kpi", "Unknown column: check its name against the template"] in problems
    assert ["1", "indicator", "The column is missing"] in problems
    assert Observation.objects.count() == 0


@pytest.mark.parametrize("action", ["check", None, "anything"])
def test_a_check_saves_nothing(client, action):
    headers, example = template_rows(client)
    response = post(client, csv_upload(headers, three_values(example)), action=action)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file is ready to import" in html
    assert "3 new values would be added" in html
    assert "0 values would be corrected" in html
    assert "0 values would be skipped" in html
    assert "Nothing has been saved." in html
    assert Observation.objects.count() == 0
    assert not AccessEntry.objects.filter(kind=AccessKind.IMPORTED).exists()


def test_re_uploading_skips_what_is_here_and_corrects_what_changed(client):
    headers, example = template_rows(client)
    rows = three_values(example)
    post(client, csv_upload(headers, rows))
    before = stored()

    again = post(client, csv_upload(headers, rows), follow=True).content.decode()
    assert "Imported 0 new values and corrected 0 values. 3 values were skipped because they were" in again
    assert stored() == before
    assert not ObservationCorrection.objects.exists()

    changed = [{**rows[0], "value": "92"}, rows[1], {**rows[2], "period": "2021-07"}]
    checked = post(client, csv_upload(headers, changed), action="check").content.decode()
    assert "1 new value would be added" in checked
    assert "1 value would be corrected" in checked
    assert "1 value would be skipped because it is already here" in checked
    assert stored() == before

    done = post(client, csv_upload(headers, changed), follow=True).content.decode()
    assert (
        "Imported 1 new value and corrected 1 value. 1 value was skipped because it was already here" in done
    )
    correction = ObservationCorrection.objects.get()
    assert (correction.previous_value, correction.value) == (Decimal("91.5"), Decimal("92"))
    assert ("FD-TIME", "WBK", JUNE, Decimal("92")) in stored()


def test_a_check_of_a_broken_file_lists_its_problems(client):
    headers, example = template_rows(client)
    html = post(
        client, csv_upload(headers, three_values(example, value="n/a")), action="check"
    ).content.decode()
    problems = Page(html).rows("problem-table")
    assert [row[:2] for row in problems] == [["2", "value"], ["3", "value"], ["4", "value"]]
    assert "The file is ready to import" not in html
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Select a CSV or XLSX file"),
        (SimpleUploadedFile("kpis.csv", b""), "The selected file is empty"),
        (SimpleUploadedFile("kpis.pdf", b"%PDF-1.4 nothing"), "The selected file must be a CSV or XLSX file"),
        (
            SimpleUploadedFile("kpis.xlsx", b"indicator,area,period,value\r\n"),
            "The selected file is not a real XLSX file",
        ),
        (
            SimpleUploadedFile("kpis.csv", b"PK\x03\x04\x00\x00binary"),
            "The selected file is not a real CSV file",
        ),
    ],
)
def test_a_missing_or_wrong_file_is_refused(client, upload, message):
    response = client.post(URL, {"action": "import", **({"file": upload} if upload else {})})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in error_summary(html)
    assert 'href="#id_file"' in error_summary(html)
    assert "<title>Error: Import KPI values" in html
    assert Observation.objects.count() == 0


def test_a_supplier_too_long_is_refused(client):
    headers, example = template_rows(client)
    html = post(client, csv_upload(headers, three_values(example)), supplied_by="x" * 151).content.decode()
    assert "Supplied by must be 150 characters or fewer" in error_summary(html)
    assert Observation.objects.count() == 0


def test_an_import_is_one_entry_in_the_audit_trail(client, officer):
    headers, example = template_rows(client)
    post(client, csv_upload(headers, three_values(example)))
    entry = AccessEntry.objects.get(kind=AccessKind.IMPORTED)
    assert entry.user == officer
    assert entry.object_repr == "KPI values from kpis.csv: Imported 3 new values and corrected 0 values"
