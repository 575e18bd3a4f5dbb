"""Evidence files: type checked by extension and by content, size limited, stored privately and
handed out only through a permission-checked view."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscp.core.models import AccessEntry
from lscp.improvement.models import Evidence
from lscp.improvement.uploads import MAX_BYTES
from tests.improvement.threads import a_recommendation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def officer(make_user):
    return make_user(roles=["Business officer"])


def post_evidence(client, recommendation, name, content, kind="completion"):
    return client.post(
        reverse("improvement:evidence-add", args=[recommendation.pk]),
        {"kind": kind, "text": "Briefing delivered", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("chart.png", PNG),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("notes.txt", "Plain notes, with a £ sign.".encode()),
        ("figures.csv", b"a,b\n1,2\n"),
        ("minutes.docx", docx_bytes()),
    ],
)
def test_allowed_files_are_kept_privately(client_for, officer, private_media, name, content):
    recommendation = a_recommendation()
    response = post_evidence(client_for(officer), recommendation, name, content)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_filename == name and evidence.size == len(content)
    stored = private_media / evidence.file.name
    assert stored.read_bytes() == content
    assert name not in evidence.file.name  # stored under a random name
    with pytest.raises(ValueError):
        evidence.file.url  # noqa: B018  (no public URL, ever)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 this is a program", "not a real PDF"),
        ("chart.png", PDF, "not a real PNG"),
        ("minutes.docx", b"PK\x03\x04 not really a zip", "not a real DOCX"),
        ("sheet.xlsx", docx_bytes(), "not a real XLSX"),
        ("notes.txt", b"\x00\x01\x02binary", "not a real TXT"),
        ("run.exe", b"MZ\x90\x00", "must be a PDF, DOCX"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_wrong_types_are_refused_and_nothing_is_saved(
    client_for, officer, private_media, name, content, message
):
    recommendation = a_recommendation()
    response = post_evidence(client_for(officer), recommendation, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_too_large_is_refused(client_for, officer, private_media):
    recommendation = a_recommendation()
    response = post_evidence(client_for(officer), recommendation, "big.pdf", PDF + b"0" * MAX_BYTES)
    assert "smaller than 10 MB" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.fixture
def evidence_with_file(client_for, officer):
    recommendation = a_recommendation()
    post_evidence(client_for(officer), recommendation, "report.pdf", PDF)
    return Evidence.objects.get()


def test_staff_download_through_the_view(client_for, make_user, evidence_with_file):
    scrutineer = make_user(roles=["Independent scrutineer"])
    url = reverse("improvement:evidence-file", args=[evidence_with_file.pk])
    response = client_for(scrutineer).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="report.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not url.startswith((settings.STATIC_URL, "/media/"))
    entry = AccessEntry.objects.get(object_id=str(evidence_with_file.pk))
    assert entry.user == scrutineer


def test_practitioners_and_strangers_cannot_download(client, client_for, make_user, evidence_with_file):
    url = reverse("improvement:evidence-file", args=[evidence_with_file.pk])
    assert client_for(make_user(roles=["Practitioner"])).get(url).status_code == 403
    assert client.get(url).status_code == 302
    # Nothing under a public prefix serves it.
    assert client.get(f"/media/{evidence_with_file.file.name}").status_code == 404
    assert client.get(f"/static/{evidence_with_file.file.name}").status_code == 404


def test_the_addressed_agency_adds_evidence_but_the_analyst_does_not(client_for, make_user):
    recommendation = a_recommendation()
    agency = recommendation.agencies.get()
    member = make_user(roles=["Group member"], agency=agency)
    analyst = make_user(roles=["Data analyst"], agency=agency)
    url = reverse("improvement:evidence-add", args=[recommendation.pk])
    assert client_for(member).get(url).status_code == 200
    assert client_for(analyst).get(url).status_code == 403
    assert client_for(make_user(roles=["Group member"])).get(url).status_code == 403
