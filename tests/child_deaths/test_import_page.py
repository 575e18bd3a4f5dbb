"""The import page: who may use it, the template's round trip, a broken file refused row by row with
nothing saved, a re-import skipping what is here, and a check that saves nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lscp.accounts.roles import Role
from lscp.child_deaths import importer
from lscp.child_deaths.models import ChildDeath, PanelReview, Stage
from lscp.governance.models import MembershipRole
from lscp.improvement.uploads import MAX_IMPORT_BYTES as MAX_UPLOAD_BYTES
from tests.child_deaths.test_analysis_page import Page
from tests.factories import GroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("child_deaths:import")
TEMPLATE_URL = reverse("child_deaths:import-template")
# The NHS's test range: never issued, each with a good check digit.
NHS_NUMBERS = ["999 000 0018", "999 000 0026", "999 000 0034"]


@pytest.fixture
def officer(db):
    return UserFactory(roles=[Role.BUSINESS_OFFICER])


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


def two_cases(example: dict[str, str], **changes) -> list[dict[str, str]]:
    """Two children from the template's example row."""
    first = {**example, "external_reference": "ECDOP-1", "full_name": "Alex Example", **changes}
    second = {
        **example,
        "external_reference": "ECDOP-2",
        "full_name": "Sam Sample",
        "nhs_number": NHS_NUMBERS[1],
        "panel_completed_on": "",
        **dict.fromkeys(importer.PANEL_COLUMNS, ""),
        **changes,
    }
    return [first, second]


def csv_upload(headers: list[str], rows: list[dict[str, str]], name: str = "cases.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def post(client, upload, action: str | None = "import", follow: bool = False):
    data: dict = {"file": upload}
    if action is not None:
        data["action"] = action
    return client.post(URL, data, follow=follow)


def error_summary(html: str) -> str:
    start = html.index('<div class="govuk-error-summary"')
    return " ".join(html[start : html.index("</ul>", start)].split())


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
    response = post(client, csv_upload(headers, two_cases(example)))
    assert response.status_code == (302 if status == 200 else 403)
    assert ChildDeath.objects.count() == (2 if status == 200 else 0)


def test_the_panel_chair_does_not_import(client_for):
    chair = UserFactory(roles=[Role.GROUP_CHAIR])
    MembershipFactory(group=GroupFactory(slug="cdop"), person=chair, role=MembershipRole.CHAIR)
    assert client_for(chair).get(URL).status_code == 403


def test_signing_in_is_needed(db):
    from django.test import Client

    for url in (URL, TEMPLATE_URL):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


# --- the page and the template --------------------------------------------------------------------


def test_the_page_documents_every_column_and_links_the_template(client):
    html = client.get(URL).content.decode()
    columns = Page(html).rows("columns-table")
    assert [row[0] for row in columns] == [
        f"{c.header} {'Required' if c.required else 'Optional'}" for c in importer.COLUMNS
    ]
    assert [row[1] for row in columns] == [
        c.meaning + (f" For example, {c.example}" if c.example else "") for c in importer.COLUMNS
    ]
    assert f'href="{TEMPLATE_URL}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html


def test_the_template_is_a_csv_attachment(client):
    response = client.get(TEMPLATE_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="child-deaths-import-template.csv"'
    assert response.content == importer.template_csv()
    headers, _ = template_rows(client)
    assert headers == importer.HEADERS


def test_the_template_round_trip_imports_two_cases(client):
    headers, example = template_rows(client)
    response = post(client, csv_upload(headers, two_cases(example)), follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Imported 2 cases" in response.content.decode()
    assert ChildDeath.objects.count() == 2
    alex = ChildDeath.objects.get(external_reference="ECDOP-1")
    assert alex.full_name == "Alex Example"
    assert alex.stage == Stage.CLOSED
    review = PanelReview.objects.get(case=alex)
    assert str(review.completed_on) == example["panel_completed_on"]
    assert sorted(f.name for f in review.factors.all()) == ["Smoking", "Unsafe sleep"]
    assert ChildDeath.objects.get(external_reference="ECDOP-2").stage == Stage.NOTIFIED


def test_an_xlsx_file_imports_too(client):
    headers, example = template_rows(client)
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in two_cases(example):
        sheet.append([row[h] for h in headers])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("cases.xlsx", out.getvalue())
    assert "Imported 2 cases" in post(client, upload, follow=True).content.decode()
    assert ChildDeath.objects.count() == 2


# --- problems ------------------------------------------------------------------------------------


def test_a_broken_file_is_refused_row_by_row_and_nothing_is_saved(client):
    headers, example = template_rows(client)
    rows = [
        *two_cases(example),
        {
            **two_cases(example)[1],
            "external_reference": "ECDOP-3",
            "full_name": "Kit Broken",
            "nhs_number": NHS_NUMBERS[2],
            "date_of_birth": "2021-02-30",
            "sex": "purple",
        },
        {
            **two_cases(example)[1],
            "external_reference": "ECDOP-4",
            "full_name": "Lee Broken",
            "nhs_number": "",
            "expected_or_unexpected": "",
        },
    ]
    upload = csv_upload(headers, rows)
    expected = importer.import_file(upload.read(), "cases.csv", dry_run=True)
    upload.seek(0)
    response = post(client, upload)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Import child death cases" in html
    summary = error_summary(html)
    assert f"The file has {len(expected.errors)} problems: nothing was saved" in summary
    assert 'href="#problems"' in summary
    assert "Nothing was saved." in html
    problems = Page(html).rows("problem-table")
    assert problems == [[str(e.line), e.column, e.reason] for e in expected.errors]
    # Every bad row, each problem by its column; the good rows alone are not saved either.
    assert {(line, column) for line, column, _ in problems} >= {
        ("4", "date_of_birth"),
        ("4", "sex"),
        ("5", "nhs_number"),
        ("5", "expected_or_unexpected"),
    }
    assert ChildDeath.objects.count() == 0
    assert "would be imported" not in html


def test_a_file_with_wrong_headers_names_them(client):
    upload = SimpleUploadedFile("cases.csv", b"reference,name\r\nX,Y\r\n")
    html = post(client, upload).content.decode()
    problems = Page(html).rows("problem-table")
    assert ["1", "reference", "Unknown column: check its name against the template"] in problems
    assert ["1", "external_reference", "The column is missing"] in problems
    assert ChildDeath.objects.count() == 0


def test_re_uploading_skips_the_cases_already_imported(client):
    headers, example = template_rows(client)
    rows = two_cases(example)
    post(client, csv_upload(headers, rows))
    third = {
        **rows[1],
        "external_reference": "ECDOP-3",
        "full_name": "Jo Third",
        "nhs_number": NHS_NUMBERS[2],
    }
    checked = post(client, csv_upload(headers, [*rows, third]), action="check").content.decode()
    assert "1 case would be imported" in checked
    assert "2 cases would be skipped because they were imported before" in checked
    assert ChildDeath.objects.count() == 2
    again = post(client, csv_upload(headers, rows), follow=True).content.decode()
    assert "Imported 0 cases. 2 were skipped because they had been imported before" in again
    once = post(client, csv_upload(headers, [rows[0], third]), follow=True).content.decode()
    assert "Imported 1 case. 1 was skipped because it had been imported before" in once
    assert ChildDeath.objects.count() == 3


@pytest.mark.parametrize("action", ["check", None, "anything"])
def test_a_check_saves_nothing(client, action):
    headers, example = template_rows(client)
    response = post(client, csv_upload(headers, two_cases(example)), action=action)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file is ready to import" in html
    assert "2 cases would be imported" in html
    assert "0 cases would be skipped" in html
    assert "Nothing has been saved." in html
    assert ChildDeath.objects.count() == 0
    assert PanelReview.objects.count() == 0


def test_a_check_of_a_broken_file_lists_its_problems(client):
    headers, example = template_rows(client)
    upload = csv_upload(headers, two_cases(example, sex="purple"))
    html = post(client, upload, action="check").content.decode()
    problems = Page(html).rows("problem-table")
    assert [row[:2] for row in problems] == [["2", "sex"], ["3", "sex"]]
    assert "The file is ready to import" not in html
    assert ChildDeath.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Select a CSV or XLSX file"),
        (SimpleUploadedFile("cases.csv", b""), "The selected file is empty"),
        (
            SimpleUploadedFile("cases.pdf", b"%PDF-1.4 nothing"),
            "The selected file must be a CSV or XLSX file",
        ),
        (
            SimpleUploadedFile("cases", b"external_reference\r\n"),
            "The selected file must be a CSV or XLSX file",
        ),
        (
            SimpleUploadedFile("cases.xlsx", b"external_reference,full_name\r\n"),
            "The selected file is not a real XLSX file",
        ),
        (
            SimpleUploadedFile("cases.csv", b"PK\x03\x04\x00\x00binary"),
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
    assert "<title>Error: Import child death cases" in html
    assert ChildDeath.objects.count() == 0


def test_a_file_over_20_mb_is_refused(client):
    headers, example = template_rows(client)
    good = csv_upload(headers, two_cases(example)).read()
    # A blank last line of spaces: a good file, but too big.
    upload = SimpleUploadedFile("cases.csv", good + b" " * (MAX_UPLOAD_BYTES - len(good) + 1))
    assert upload.size > 20 * 1024 * 1024
    html = post(client, upload).content.decode()
    assert "The selected file must be smaller than 20 MB" in error_summary(html)
    assert ChildDeath.objects.count() == 0


def test_a_file_of_20_mb_exactly_is_read(client):
    headers, example = template_rows(client)
    good = csv_upload(headers, two_cases(example)).read()
    line = b" " * 1022 + b"\r\n"  # blank lines, which the importer skips
    padding = line * ((MAX_UPLOAD_BYTES - len(good)) // len(line))
    upload = SimpleUploadedFile(
        "cases.csv", good + padding + b" " * (MAX_UPLOAD_BYTES - len(good) - len(padding))
    )
    assert upload.size == MAX_UPLOAD_BYTES
    assert "Imported 2 cases" in post(client, upload, follow=True).content.decode()


def test_a_csv_the_csv_module_cannot_read_is_refused_with_a_message(client):
    headers, example = template_rows(client)
    row = {**two_cases(example)[0], "learning_points": "x" * 200_000}  # over the csv module's field limit
    html = post(client, csv_upload(headers, [row])).content.decode()
    assert "The file is not a CSV file lscp can read" in error_summary(html)
    assert ChildDeath.objects.count() == 0


def test_an_import_is_one_entry_in_the_audit_trail_and_a_check_is_none(client, officer):
    from lscp.core.models import AccessEntry, AccessKind

    headers, example = template_rows(client)
    post(client, csv_upload(headers, two_cases(example)), action="check")
    assert not AccessEntry.objects.filter(kind=AccessKind.IMPORTED).exists()
    post(client, csv_upload(headers, two_cases(example)))
    entry = AccessEntry.objects.get(kind=AccessKind.IMPORTED)
    assert entry.user == officer
    assert entry.object_repr == "Child deaths from cases.csv: Imported 2 cases"
