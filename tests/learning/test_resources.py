"""Learning products: who sees which, adding and changing them, versions kept and the latest
served, uploads checked before anything is saved, files handed out only through the checked view."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.improvement.models import LearningTheme
from lscp.improvement.uploads import MAX_BYTES
from lscp.learning.models import Resource, ResourceKind, ResourceVersion
from lscp.learning.resource_forms import add_version, safe_name
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = dt.date.today


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


def a_resource(
    title="One Minute Guide: neglect", *, public=True, published=True, owner=None, themes=(), **fields
):
    today = timezone.localdate()
    resource = Resource.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-").replace(":", ""),
        kind=fields.pop("kind", ResourceKind.ONE_MINUTE_GUIDE),
        summary=f"About {title}.",
        is_public=public,
        owner=owner,
        review_on=fields.pop("review_on", today + dt.timedelta(days=200)),
        published_on=today - dt.timedelta(days=30) if published else None,
        **fields,
    )
    resource.themes.set(themes)
    add_version(resource, owner, link=f"https://example.org/{resource.slug}.pdf")
    return resource


@pytest.fixture
def officer():
    return UserFactory(roles=[Role.BUSINESS_OFFICER])


@pytest.fixture
def practitioner():
    return UserFactory(roles=[Role.PRACTITIONER])


@pytest.fixture
def chair():
    return UserFactory(roles=[Role.GROUP_CHAIR])


def titles(response) -> list[str]:
    return [r.title for r in response.context["page"].object_list]


# --- the list --------------------------------------------------------------------------------


def test_anonymous_people_see_public_published_resources_and_signed_in_people_the_rest(
    client, client_for, practitioner, officer
):
    a_resource("Public guide")
    a_resource("Practitioners briefing", public=False, kind=ResourceKind.SEVEN_POINT_BRIEFING)
    a_resource("Draft podcast", published=False, kind=ResourceKind.PODCAST)
    response = client.get(reverse("learning:resources"))
    assert response.status_code == 200
    assert titles(response) == ["Public guide"]
    assert "sign in</a> to see them too" in response.content.decode()
    assert titles(client_for(practitioner).get(reverse("learning:resources"))) == [
        "Practitioners briefing",
        "Public guide",
    ]
    # The business unit sees drafts too, marked as such.
    response = client_for(officer).get(reverse("learning:resources"))
    assert titles(response) == ["Draft podcast", "Practitioners briefing", "Public guide"]
    assert "Draft" in response.content.decode()


def test_the_list_filters_by_kind_and_theme(client):
    neglect = LearningTheme.objects.create(name="Neglect", slug="neglect")
    sleep = LearningTheme.objects.create(name="Safe sleep", slug="safe-sleep")
    a_resource("Neglect guide", themes=[neglect])
    a_resource("Neglect toolkit", kind=ResourceKind.TOOLKIT, themes=[neglect])
    a_resource("Safer sleep guide", themes=[sleep])
    url = reverse("learning:resources")
    assert titles(client.get(url, {"theme": "neglect"})) == ["Neglect guide", "Neglect toolkit"]
    assert titles(client.get(url, {"kind": "toolkit"})) == ["Neglect toolkit"]
    assert titles(client.get(url, {"kind": "one_minute_guide", "theme": "neglect"})) == ["Neglect guide"]
    # A stale value is dropped rather than showing nothing.
    assert len(titles(client.get(url, {"theme": "renamed-since"}))) == 3


# --- one resource ----------------------------------------------------------------------------


def test_a_public_resource_is_open_to_anyone_and_a_practitioners_one_asks_to_sign_in(
    client, client_for, practitioner
):
    public = a_resource("Public guide")
    private = a_resource("Practitioners briefing", public=False)
    response = client.get(public.get_absolute_url())
    assert response.status_code == 200
    assert "https://example.org/public-guide.pdf" in response.content.decode()
    response = client.get(private.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
    assert client_for(practitioner).get(private.get_absolute_url()).status_code == 200


def test_a_draft_is_for_the_business_unit_and_its_owner(client_for, practitioner, officer, chair):
    draft = a_resource("Draft podcast", published=False, owner=chair)
    assert client_for(practitioner).get(draft.get_absolute_url()).status_code == 403
    assert client_for(officer).get(draft.get_absolute_url()).status_code == 200
    assert client_for(chair).get(draft.get_absolute_url()).status_code == 200


def test_a_drafts_owner_reads_it_without_a_partnership_role(client_for, practitioner):
    """An owner may change their resource (learning.change_resource), so they may read its draft."""
    draft = a_resource("Draft briefing", published=False, owner=practitioner)
    assert client_for(practitioner).get(draft.get_absolute_url()).status_code == 200
    other = UserFactory(roles=["Practitioner"])
    assert client_for(other).get(draft.get_absolute_url()).status_code == 403


def test_versions_are_listed_only_for_those_who_may_change_it(client_for, practitioner, chair):
    resource = a_resource("Neglect guide", owner=chair)
    add_version(resource, chair, link="https://example.org/neglect-v2.pdf", note="New contacts")
    response = client_for(practitioner).get(resource.get_absolute_url())
    assert response.context["versions"] == [] and "New contacts" not in response.content.decode()
    assert "neglect-v2.pdf" in response.content.decode()  # the latest is the one people get
    response = client_for(chair).get(resource.get_absolute_url())
    assert [v.number for v in response.context["versions"]] == [2, 1]
    assert "New contacts" in response.content.decode()


def test_unknown_resource_is_404(client):
    assert client.get(reverse("learning:resource", args=["no-such-thing"])).status_code == 404


# --- adding ----------------------------------------------------------------------------------


def add_form(**changes) -> dict:
    data = {
        "title": "One Minute Guide: private fostering",
        "kind": ResourceKind.ONE_MINUTE_GUIDE,
        "summary": "What private fostering is and who to tell.",
        "audience": "",
        "is_public": "on",
        "review_on": (timezone.localdate() + dt.timedelta(days=365)).isoformat(),
        "published": "on",
        "link": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_business_unit_adds_a_resource_with_a_file(client_for, officer, private_media):
    theme = LearningTheme.objects.create(name="Private fostering", slug="private-fostering")
    client = client_for(officer)
    assert client.get(reverse("learning:resource-add")).status_code == 200
    form = add_form(owner=officer.pk, themes=[theme.pk], file=SimpleUploadedFile("Guide.pdf", PDF))
    response = client.post(reverse("learning:resource-add"), form)
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.slug == "one-minute-guide-private-fostering"
    assert resource.published_on == timezone.localdate() and resource.owner == officer
    assert list(resource.themes.all()) == [theme]
    version = resource.versions.get()
    assert (version.number, version.original_name, version.link) == (1, "Guide.pdf", "")
    assert version.added_by == officer
    # Stored under a random name in the private folder, not under the name it came with.
    assert version.file.name.startswith("resources/") and "Guide" not in version.file.name
    assert (private_media / version.file.name).read_bytes() == PDF
    # The same title again gets its own address.
    client.post(reverse("learning:resource-add"), add_form(owner=officer.pk, link="https://example.org/x"))
    assert Resource.objects.filter(slug="one-minute-guide-private-fostering-2").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("big.pdf", PDF + b"0" * MAX_BYTES), "smaller than 10 MB"),
        (("program.pdf", b"MZ\x90\x00 not a pdf"), "not a real PDF file"),
        (("slides.pptx", b"PK\x03\x04"), "must be a PDF, DOCX"),
    ],
)
def test_a_refused_upload_says_why_and_saves_nothing(client_for, officer, private_media, upload, message):
    name, content = upload
    response = client_for(officer).post(
        reverse("learning:resource-add"), add_form(owner=officer.pk, file=SimpleUploadedFile(name, content))
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "govuk-error-summary" in page
    assert "<title>Error: Add a resource" in page
    assert not Resource.objects.exists() and not ResourceVersion.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "Upload a file or give a link"),
        ({"link": "https://example.org/a", "file": SimpleUploadedFile("a.pdf", PDF)}, "not both"),
        ({"link": "javascript:alert(1)"}, "Enter a link that starts with https://"),
        ({"link": "https://e.org/a", "review_on": "2020-01-01"}, "The review date must be in the future"),
        ({"link": "https://e.org/a", "title": ""}, "Enter the title"),
        ({"link": "https://e.org/a", "owner": ""}, "Select who owns it"),
    ],
)
def test_the_add_form_explains_what_is_missing(client_for, officer, changes, message):
    form = add_form(owner=officer.pk)
    form.update(changes)
    response = client_for(officer).post(reverse("learning:resource-add"), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.exists()


def test_only_the_business_unit_adds_resources(client, client_for, practitioner, chair):
    url = reverse("learning:resource-add")
    assert client.get(url).status_code == 302
    assert client_for(practitioner).get(url).status_code == 403
    assert client_for(chair).get(url).status_code == 403
    assert client_for(UserFactory(roles=[Role.DATA_ANALYST])).get(url).status_code == 403


def test_a_version_is_a_file_or_a_link_in_the_database_too():
    resource = a_resource("Guide")
    with pytest.raises(IntegrityError):
        ResourceVersion.objects.create(resource=resource, number=2)


# --- changing --------------------------------------------------------------------------------


def test_the_owner_changes_the_details_but_does_not_hand_it_on(client_for, chair, officer):
    resource = a_resource("Babies briefing", owner=chair, public=False, review_reminded_on=TODAY())
    client = client_for(chair)
    url = reverse("learning:resource-edit", args=[resource.slug])
    response = client.get(url)
    assert response.status_code == 200 and "owner" not in response.context["form"].fields
    new_date = timezone.localdate() + dt.timedelta(days=100)
    response = client.post(
        url,
        {
            "title": "Babies briefing (revised)",
            "kind": ResourceKind.SEVEN_POINT_BRIEFING,
            "summary": "Seven points.",
            "review_on": new_date.isoformat(),
            "published": "on",
            "owner": officer.pk,  # ignored: not theirs to change
        },
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Babies briefing (revised)" and resource.slug == "babies-briefing"
    assert resource.owner == chair and resource.review_on == new_date
    assert resource.review_reminded_on is None  # the reminder was for the old date
    assert not resource.is_public


def test_unpublishing_takes_it_off_the_list(client_for, officer, client):
    resource = a_resource("Guide")
    form = {
        "title": "Guide",
        "kind": resource.kind,
        "summary": "About it.",
        "review_on": resource.review_on.isoformat(),  # unchanged: not checked against today
        "owner": officer.pk,
        "is_public": "on",
    }
    assert (
        client_for(officer).post(reverse("learning:resource-edit", args=[resource.slug]), form).status_code
        == 302
    )
    resource.refresh_from_db()
    assert resource.published_on is None
    assert titles(client.get(reverse("learning:resources"))) == []


def test_others_may_not_change_it(client_for, practitioner):
    resource = a_resource("Guide", owner=UserFactory(roles=[Role.GROUP_CHAIR]))
    member = UserFactory(roles=[Role.GROUP_MEMBER])
    for user in (practitioner, member):
        client = client_for(user)
        assert client.get(reverse("learning:resource-edit", args=[resource.slug])).status_code == 403
        assert client.get(reverse("learning:version-add", args=[resource.slug])).status_code == 403


def test_a_new_version_is_numbered_kept_and_served(client_for, chair, practitioner, private_media):
    resource = a_resource("Neglect guide", owner=chair)
    client = client_for(chair)
    url = reverse("learning:version-add", args=[resource.slug])
    next_review = timezone.localdate() + dt.timedelta(days=400)
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("neglect guide v2.pdf", PDF),
            "note": "Revised",
            "review_on": next_review,
        },
    )
    assert response.status_code == 302
    assert list(resource.versions.values_list("number", "note")) == [(2, "Revised"), (1, "")]
    resource.refresh_from_db()
    assert resource.review_on == next_review
    # Everyone gets the latest; only the owner and the business unit may have an older one.
    reader = client_for(practitioner)
    response = reader.get(reverse("learning:resource-file", args=[resource.slug]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert (
        reader.get(reverse("learning:resource-file", args=[resource.slug]) + "?version=2").status_code == 200
    )
    assert (
        reader.get(reverse("learning:resource-file", args=[resource.slug]) + "?version=1").status_code == 403
    )
    # Version 1 is a link, so there is no file to hand out.
    assert (
        client.get(reverse("learning:resource-file", args=[resource.slug]) + "?version=1").status_code == 404
    )
    assert (
        client.get(reverse("learning:resource-file", args=[resource.slug]) + "?version=9").status_code == 404
    )
    assert (
        client.get(reverse("learning:resource-file", args=[resource.slug]) + "?version=x").status_code == 404
    )
    response = client.post(url, {"link": "https://example.org/v3"})
    assert "Say what changed in this version" in response.content.decode()
    assert resource.versions.count() == 2


@pytest.mark.parametrize(
    ("uploaded_as", "disposition"),
    [
        ("Neglect guide.pdf", 'attachment; filename="Neglect guide.pdf"'),
        ('a "quoted"\r\nname.pdf', 'attachment; filename="a quotedname.pdf"'),
        ("..\\..\\évaluation.pdf", "attachment; filename*=utf-8''%C3%A9valuation.pdf"),
    ],
)
def test_the_file_goes_out_with_its_original_name_safely(
    client, chair, private_media, uploaded_as, disposition
):
    resource = a_resource("Guide", owner=chair)
    add_version(resource, chair, file=SimpleUploadedFile(uploaded_as, PDF), note="File")
    response = client.get(reverse("learning:resource-file", args=[resource.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_practitioners_only_file_asks_anonymous_people_to_sign_in(client, private_media):
    resource = a_resource("Briefing", public=False)
    add_version(resource, None, file=SimpleUploadedFile("b.pdf", PDF))
    response = client.get(reverse("learning:resource-file", args=[resource.slug]))
    assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]


def test_safe_name_keeps_a_readable_name_and_nothing_dangerous():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name('C:\\Users\\me\\"brief".pdf') == "brief.pdf"
    assert safe_name("line\nbreak.pdf") == "linebreak.pdf"
    assert safe_name("") == "resource"
    long = safe_name("x" * 400 + ".pdf")
    assert len(long) == 255 and long.endswith(".pdf")


# --- review ----------------------------------------------------------------------------------


def test_the_review_list_shows_what_is_past_review_and_due_soon(client_for, officer, practitioner):
    today = timezone.localdate()
    a_resource("Overdue guide", review_on=today - dt.timedelta(days=40), review_reminded_on=today)
    a_resource("Due soon guide", review_on=today + dt.timedelta(days=10))
    a_resource("Fine guide", review_on=today + dt.timedelta(days=200))
    response = client_for(officer).get(reverse("learning:resources-due"))
    assert response.status_code == 200
    assert [r.title for r in response.context["past"]] == ["Overdue guide"]
    assert [r.title for r in response.context["soon"]] == ["Due soon guide"]
    assert "Fine guide" not in response.content.decode()
    assert client_for(practitioner).get(reverse("learning:resources-due")).status_code == 403
