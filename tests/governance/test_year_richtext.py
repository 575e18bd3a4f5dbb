"""Narrative is published, so what the forms save is cleaned: no scripts or event handlers, but
the headings, lists and links a writer meant. Links to records must be pages of this system
(or https addresses), each bad line named."""

import pytest
from django import forms
from django.urls import reverse

from lscp.governance.year_forms import LinksField, NarrativeField
from lscp.governance.yearly import DevelopmentArea, EngagementActivity, Link, read_links
from tests.governance.year_factories import DevelopmentAreaFactory, ReportYearFactory

pytestmark = pytest.mark.django_db

DIRTY = (
    '<h2>What we did</h2><p onclick="steal()">We <strong>listened</strong>.</p>'
    "<script>alert('x')</script>"
    '<ul><li><a href="/groups/" onclick="steal()">Groups</a></li></ul>'
    '<img src="x" onerror="steal()"><a href="javascript:steal()">bad link</a>'
)


def assert_clean(html: str) -> None:
    assert "<script" not in html and "alert" not in html
    assert "onclick" not in html and "onerror" not in html and "<img" not in html
    assert "javascript:" not in html
    assert "<h2>What we did</h2>" in html
    assert "<strong>listened</strong>" in html
    assert '<ul><li><a href="/groups/"' in html


def test_narrative_field_cleans():
    assert_clean(NarrativeField().clean(DIRTY))


def test_every_narrative_form_saves_clean_html(client_for, cast):
    """One form of each kind, through the browser's route."""
    year = ReportYearFactory(first_year=2023)
    officer, chair = client_for(cast.officer), client_for(cast.chair)
    officer.post(reverse("governance:year-introduction", args=["2023-24"]), {"introduction": DIRTY})
    client_for(cast.scrutineer).post(
        reverse("governance:year-scrutiny", args=["2023-24"]), {"scrutineer_summary": DIRTY}
    )
    chair.post(
        reverse("governance:area-add", args=["2023-24", "cdop"]), {"order": 1, "title": "Area", "text": DIRTY}
    )
    officer.post(
        reverse("governance:engagement-add", args=["2023-24"]),
        {"held_on": "2023-05-01", "title": "Forum", "who": ["children"], "method": DIRTY, "heard": DIRTY},
    )
    year.refresh_from_db()
    assert_clean(year.introduction)
    assert_clean(year.scrutineer_summary)
    assert_clean(DevelopmentArea.objects.get().text)
    activity = EngagementActivity.objects.get()
    assert_clean(activity.method)
    assert_clean(activity.heard)


def test_stored_narrative_is_cleaned_again_on_the_page(client_for, cast):
    """A row written around the forms (the admin, a migration) still shows safely."""
    year = ReportYearFactory(first_year=2023)
    DevelopmentAreaFactory(group=cast.cdop, year=year, text=DIRTY)
    html = (
        client_for(cast.member)
        .get(reverse("governance:group-year", args=["2023-24", "cdop"]))
        .content.decode()
    )
    assert "steal()" not in html
    assert "<h2>What we did</h2>" in html


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Groups /groups/", "Line 1: write a label, then | , then the address"),
        (" | /groups/", "Line 1: write a label"),
        ("Nowhere | /no-such-page/", "Line 1: /no-such-page/ is not a page in this system"),
        ("Away | //elsewhere.org/x/", "Line 1: the address must be a page in this system"),
        ("Plain | http://example.org/", "Line 1: the address must be a page in this system"),
        ("Script | javascript:alert(1)", "Line 1: the address must be a page in this system"),
        ("Relative | groups/", "Line 1: the address must be a page in this system"),
    ],
)
def test_bad_links_are_named_by_line(line, problem):
    with pytest.raises(forms.ValidationError) as refused:
        LinksField().clean(line)
    assert any(message.startswith(problem) for message in refused.value.messages)


def test_every_bad_line_is_reported():
    with pytest.raises(forms.ValidationError) as refused:
        LinksField().clean("Good | /groups/\nbad\nGood | /groups/\nalso bad")
    assert [message.split(":")[0] for message in refused.value.messages] == ["Line 2", "Line 4"]


def test_good_links_are_tidied():
    text = "  Groups|/groups/?page=2  \n\nGuidance | https://www.gov.uk/guidance \n"
    assert LinksField().clean(text) == "Groups | /groups/?page=2\nGuidance | https://www.gov.uk/guidance"


def test_links_read_for_pages_skip_unsafe_addresses():
    stored = "Groups | /groups/\nBad | javascript:alert(1)\nAway | //elsewhere.org/\nno bar\nGOV.UK | https://gov.uk/"
    assert read_links(stored) == [Link("Groups", "/groups/"), Link("GOV.UK", "https://gov.uk/")]
