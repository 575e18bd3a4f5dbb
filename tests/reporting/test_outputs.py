"""`lscp annual-report`: each format, and a clear error for a bad year."""

import json
import os
import re
import subprocess
import sys
import zlib

import pytest
from django.core.management import CommandError, call_command

from tests.reporting.factories import ReportYearFactory

pytestmark = pytest.mark.django_db


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's bytes with its compressed streams (object streams hold the catalog) inflated."""
    inflated = [pdf]
    # The end-of-line before "endstream" is left on the data: a compressed stream may itself
    # end in a carriage return, and zlib knows where its data ends (the rest is unused_data).
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, flags=re.DOTALL):
        try:
            inflated.append(zlib.decompressobj().decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def test_html_to_a_file(tmp_path, executive):
    ReportYearFactory()
    out = tmp_path / "report.html"
    call_command("annual-report", "2021-22", "--format", "html", "--out", str(out))
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert "Structure and governance" in html


def test_json_to_standard_output(capsys, executive):
    ReportYearFactory()
    call_command("annual-report", "2021-22", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == "2021-22"
    assert any(f["key"] == "executive.meetings.held" for f in data["figures"])


def test_pdf_is_tagged_with_a_contents_page(tmp_path, executive):
    ReportYearFactory()
    out = tmp_path / "report.pdf"
    call_command("annual-report", "2021-22", "--format", "pdf", "--out", str(out))
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    objects = pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects and b"/MarkInfo" in objects
    assert b"/Lang" in objects and b"en-GB" in objects
    assert b"/Title" in objects
    assert b"pdfuaid" in objects  # PDF/UA-1 declared in the XMP metadata


def test_a_bad_year_is_a_clear_error():
    with pytest.raises(CommandError, match="not a financial year"):
        call_command("annual-report", "2021-23")


def test_a_bad_year_from_the_shell_exits_non_zero_without_a_traceback():
    run = subprocess.run(
        [sys.executable, "-m", "lscp.cli", "annual-report", "twenty-one", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DEBUG": "1", "LSCP_TESTING": "1"},
    )
    assert run.returncode != 0
    assert "not a financial year" in run.stderr and "Traceback" not in run.stderr
