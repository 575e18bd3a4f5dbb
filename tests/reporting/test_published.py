"""A published report is kept as it was published: later changes to the records do not rewrite
it, its PDF is made in the background from the kept source, and a reopening withdraws it until
the year is published again."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscp.governance.year_editing import reopen
from lscp.reporting.models import PublishedReport
from tests.factories import MeetingFactory, UserFactory
from tests.reporting.conftest import at
from tests.reporting.factories import ReportYearFactory

pytestmark = pytest.mark.django_db
LABEL = "2021-22"
HELD = "executive.meetings.held"


def url(name: str) -> str:
    return reverse(f"reporting:{name}", args=[LABEL])


def held(client) -> int:
    figures = json.loads(client.get(url("report-json")).content)["figures"]
    return next(f["value"] for f in figures if f["key"] == HELD)


@pytest.fixture
def officer(client_for):
    return client_for(UserFactory(roles=["Business officer"]))


@pytest.fixture
def published(officer, executive, django_capture_on_commit_callbacks):
    """2021-22 signed off with one Executive meeting held, then published by the business officer."""
    MeetingFactory(group=executive, starts_at=at(dt.date(2021, 6, 1)))
    year = ReportYearFactory(signed_off_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert officer.post(url("publish")).status_code == 302
    year.refresh_from_db()
    return year


def test_publishing_keeps_the_edition_everyone_then_reads(published, executive, officer):
    edition = PublishedReport.objects.get(year=published)
    assert edition.published_at == published.published_at
    assert held(Client()) == 1
    MeetingFactory(group=executive, starts_at=at(dt.date(2021, 9, 1)))  # recorded after publication
    for client in (Client(), officer):
        assert held(client) == 1
        page = client.get(url("report")).content.decode()
        assert "Published" in page and "Structure and governance" in page
    assert json.loads(Client().get(url("report-json")).content) == json.loads(edition.data)


def test_the_pdf_is_made_in_the_background_from_the_kept_source(published, run_tasks):
    assert PublishedReport.objects.get().pdf is None
    run_tasks()
    made = bytes(PublishedReport.objects.get().pdf)
    assert made.startswith(b"%PDF")
    response = Client().get(url("report-pdf"))
    assert response.status_code == 200 and response.content == made


def test_a_download_before_the_background_task_makes_and_keeps_the_pdf(published):
    response = Client().get(url("report-pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert bytes(PublishedReport.objects.get().pdf) == response.content


def test_reading_a_published_report_counts_nothing(published, django_assert_max_num_queries):
    client = Client()
    client.get(url("report"))  # sessions and the like, set up once
    with django_assert_max_num_queries(6):
        assert client.get(url("report")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(url("report-json")).status_code == 200


def test_a_reopening_withdraws_the_edition_and_publishing_again_keeps_a_new_one(
    published, executive, officer, django_capture_on_commit_callbacks
):
    MeetingFactory(group=executive, starts_at=at(dt.date(2021, 9, 1)))
    reopen(published, UserFactory(roles=["Business manager"]), "A figure was wrong")
    anonymous = Client().get(url("report"))
    assert anonymous.status_code == 302  # a draft again: not public
    assert held(officer) == 2  # composed from the records as they are now
    published.signed_off_at = timezone.now()
    published.save(update_fields=["signed_off_at"])
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(url("publish"))
    assert PublishedReport.objects.count() == 1
    assert held(Client()) == 2


def test_the_command_line_gives_the_published_edition_when_asked(published, executive, tmp_path):
    MeetingFactory(group=executive, starts_at=at(dt.date(2021, 9, 1)))  # recorded after publication
    edition = PublishedReport.objects.get(year=published)

    def written(*options: str) -> bytes:
        out = tmp_path / "report"
        call_command("annual-report", LABEL, *options, "--out", str(out), stderr=StringIO())
        return out.read_bytes()

    def held_in(data: bytes) -> int:
        return next(f["value"] for f in json.loads(data)["figures"] if f["key"] == HELD)

    assert written("--published", "--format", "json") == edition.data.encode()
    assert (held_in(written("--published", "--format", "json")), held_in(written("--format", "json"))) == (
        1,
        2,
    )
    page = written("--published").decode()
    assert page.startswith("<!DOCTYPE html>") and f"<title>{edition.title}</title>" in page
    assert edition.body_html in page
    assert written("--published", "--format", "pdf") == bytes(PublishedReport.objects.get().pdf)


def test_the_command_line_says_when_there_is_no_published_edition(executive):
    ReportYearFactory(signed_off_at=timezone.now())
    with pytest.raises(CommandError, match="The 2021-22 report is not published"):
        call_command("annual-report", LABEL, "--published", "--format", "json", stdout=StringIO())


def test_a_year_published_before_editions_were_kept_is_composed_as_the_site_does(executive, tmp_path):
    MeetingFactory(group=executive, starts_at=at(dt.date(2021, 6, 1)))
    ReportYearFactory(signed_off_at=timezone.now(), published_at=timezone.now())  # no edition kept
    out, said = tmp_path / "report.json", StringIO()
    call_command("annual-report", LABEL, "--published", "--format", "json", "--out", str(out), stderr=said)
    assert "published before editions were kept" in said.getvalue()
    assert next(f["value"] for f in json.loads(out.read_bytes())["figures"] if f["key"] == HELD) == 1
    assert held(Client()) == 1  # as the site serves it
