"""Issue 3's "done means", as one story in a real browser, driven only through the UI.

The demo business officer records a serious incident notification, takes it through the rapid
review to an LCSPR, publishes the practice review and raises a recommendation from its findings;
then follows that recommendation through an action, completion and impact evidence to closure,
and steps it across to L&D, where it shows on the learning needs list. Every page on the way is
checked with axe (collected, asserted once at the end), and the case views must be in the access
trail. The database is touched only to load the demo, read a backup code and check at the end.
"""

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from lscp.accounts.models import User
from lscp.core.models import AccessEntry, AccessKind
from lscp.core.nhs_number import is_valid
from lscp.improvement.models import (
    Action,
    ActionStatus,
    Evidence,
    EvidenceKind,
    Recommendation,
    RecommendationStatus,
)
from lscp.reviews.models import Decision, PracticeReview, RapidReview, SeriousIncidentNotification
from tests.browser.conftest import axe_violations, sign_in_through_browser, unused_backup_code
from tests.pages import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICER = "business.officer@demo.lscp.invalid"
OFFICER_NAME = "Owen Pritchard"
COUNCIL = "Westbrook Metropolitan District Council"
NHS_NUMBER = "943 476 5919"
RECOMMENDATION = (
    "Health visitors and children's social care should share safe sleep concerns at every "
    "contact where a baby lives with a parent who misuses alcohol."
)


def iso(day: dt.date) -> str:
    return day.isoformat()


class Walk:
    """The browser page plus what axe found on each page the story visits."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base = base_url
        self.problems: dict[str, list] = {}
        self.seen: list[str] = []

    def check(self, name: str) -> None:
        self.seen.append(name)
        if found := axe_violations(self.page):
            self.problems[name] = found

    def heading(self, text: str | re.Pattern, name: str) -> None:
        """Wait for the page whose h1 is `text`, then axe it."""
        expect(self.page.locator("h1")).to_have_text(text)
        self.check(name)

    def submit(self, button: str) -> None:
        self.page.locator("main").get_by_role("button", name=button, exact=True).click()

    def link(self, name: str | re.Pattern) -> None:
        self.page.locator("main").get_by_role("link", name=name).first.click()

    def move(self, status: str) -> None:
        """Change the recommendation's status with the form on its page."""
        page = self.page
        page.get_by_role("radio", name=status, exact=True).check()
        self.submit("Change status")
        expect(page.locator("main p .govuk-tag").first).to_have_text(status)
        self.check(f"recommendation, {status.lower()}")


def test_a_notification_becomes_a_published_review_and_a_closed_recommendation_on_lds_list(
    page, live_server, tmp_path
):
    call_command("demo", verbosity=0)
    officer = User.objects.get(email=OFFICER)
    assert is_valid(NHS_NUMBER)
    today = timezone.localdate()
    # A case from four months ago, published ten days ago: every date on or after the one before.
    incident, aware, notified, meeting, to_panel, invited, draft, final, told, published = (
        today - dt.timedelta(days) for days in (120, 119, 118, 105, 104, 95, 40, 30, 20, 10)
    )

    walk = Walk(page, live_server.url)
    sign_in_through_browser(
        page, live_server.url, officer, password=DEMO_PASSWORD, code=unused_backup_code(officer)
    )
    walk.heading(re.compile(r"^Welcome, "), "home")

    # The notification.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reviews").click()
    walk.heading("Practice reviews", "practice reviews")
    walk.link("Record a notification")
    walk.heading("Record a serious incident notification", "record a notification")
    page.get_by_label("Date of the incident").fill(iso(incident))
    page.get_by_label("Date the local authority became aware").fill(iso(aware))
    page.get_by_label("Notifying agency").select_option(label=COUNCIL)
    page.get_by_label("Summary").fill("A baby was seriously injured while co-sleeping with a parent.")
    page.get_by_label("The child died or was seriously harmed").check()
    page.get_by_label("Abuse or neglect is known or suspected").check()
    page.get_by_label("Date notified to the national Panel").fill(iso(notified))
    child = page.get_by_role("group", name="Child 1", exact=True)
    child.get_by_label("Full name").fill("Ellie Testchild")
    child.get_by_label("Date of birth").fill(iso(today - dt.timedelta(300)))
    child.get_by_label("Sex").select_option(label="Female")
    child.get_by_label("Ethnicity").fill("White British")
    child.get_by_label("NHS number (optional)").fill(NHS_NUMBER)
    walk.submit("Save notification")
    walk.heading(re.compile(r"^Notification N\d{4}$"), "a notification")
    notification_ref = page.locator("h1").inner_text().removeprefix("Notification ")
    expect(page.locator("main table")).to_contain_text("9434765919")

    # The rapid review: started, a return asked for, the meeting and the decision.
    walk.link("Start the rapid review")
    walk.heading("Start the rapid review", "start a rapid review")
    expect(page.get_by_label("Rapid review clock starts")).to_have_value(iso(notified))
    walk.submit("Start")
    walk.heading(re.compile(r"^Rapid review RR\d{4}$"), "a rapid review")

    walk.link("Ask an agency for a return")
    walk.heading("Ask an agency for a return", "ask for a return")
    page.get_by_label("Agency").select_option(label="West Moorland Police")
    # The form suggests working day 10 of the review, weeks ago for this case, and then refuses it:
    # a return is always "requested" today and may not fall due before that. So: due today.
    page.get_by_label("Due").fill(iso(today))
    walk.submit("Save")
    walk.heading(re.compile(r"^Rapid review RR\d{4}$"), "a rapid review, return asked for")
    expect(page.locator("main")).to_contain_text("West Moorland Police")

    walk.link("Record the meeting and findings")
    walk.heading("Meeting and findings", "meeting and findings")
    page.get_by_label("Date of the rapid review meeting").fill(iso(meeting))
    page.get_by_label("Participants").fill("Children's social care\nPolice\nHealth visiting")
    page.get_by_label("Findings").fill("Safe sleep advice was not repeated when the household changed.")
    walk.submit("Save")
    walk.heading(re.compile(r"^Rapid review RR\d{4}$"), "a rapid review, met")

    walk.link("Record the decision")
    walk.heading("Record the decision", "record the decision")
    page.get_by_role("radio", name="Local child safeguarding practice review").check()
    page.get_by_label("Rationale").fill("Multi-agency learning on safe sleep and parental alcohol use.")
    page.get_by_label("Date sent to the Panel").fill(iso(to_panel))
    walk.submit("Save")
    walk.heading(re.compile(r"^Rapid review RR\d{4}$"), "a rapid review, decided")
    expect(page.locator("main")).to_contain_text("Local child safeguarding practice review")

    # The practice review: family engagement, then draft, final, Panel told and published.
    walk.link(re.compile(r"^Practice review LCSPR\d{3}$"))
    walk.heading(re.compile(r"^Practice review LCSPR\d{3}$"), "a practice review")
    walk.link("Record an invitation")
    walk.heading("Record family or child engagement", "record engagement")
    page.get_by_label("Who was invited").fill("Mother")
    page.get_by_label("Date invited").fill(iso(invited))
    page.get_by_label("They took part in the review").check()
    walk.submit("Save")
    walk.heading(re.compile(r"^Practice review LCSPR\d{3}$"), "a practice review, engaged")
    engagement = page.locator("main table", has_text="Took part")
    expect(engagement.locator("tbody tr")).to_have_text(re.compile(r"Mother.*Yes", re.S))

    walk.link("Change the reviewer, terms or dates")
    walk.heading("Reviewer, terms and dates", "practice review dates")
    page.get_by_label("Lead reviewer").fill("Dr Ada Reviewer")
    page.get_by_label("Terms of reference").fill("How agencies shared safe sleep concerns.")
    for label, day in [
        ("Draft report received", draft),
        ("Final report agreed", final),
        ("Panel told of publication", told),
        ("Published", published),
    ]:
        page.get_by_label(label, exact=True).fill(iso(day))
    walk.submit("Save")
    walk.heading(re.compile(r"^Practice review LCSPR\d{3}$"), "a practice review, published")
    stages = page.locator("main table", has_text="Stages to publication")
    expect(stages.locator("tbody tr")).to_have_count(4)
    for row in range(4):
        expect(stages.locator("tbody tr").nth(row)).to_contain_text("Done")

    # A recommendation from its findings.
    walk.link("Raise a recommendation")
    walk.heading("Raise a recommendation", "raise a recommendation")
    page.get_by_label("Recommendation", exact=True).fill(RECOMMENDATION)
    # One agency and one theme here; the test below chooses several.
    page.get_by_label(COUNCIL, exact=True).check()
    page.get_by_label("Safe sleep", exact=True).check()
    page.get_by_label("Due (optional)").fill(iso(today + dt.timedelta(180)))
    walk.submit("Raise")
    walk.heading(re.compile(r"^Health visitors and children's social care"), "a recommendation")
    expect(page.locator("main p .govuk-tag").first).to_have_text("Open")
    expect(page.locator("main dl")).to_contain_text("Local practice review")

    # On the recommendation page: an action, agreed and under way.
    walk.link("Add an action")
    walk.heading("Add an action", "add an action")
    page.get_by_label("Action", exact=True).fill("Add a safe sleep question to every health visitor contact")
    page.get_by_label("Owner").select_option(label=f"{OFFICER_NAME} ({COUNCIL})")
    page.get_by_label("Due date").fill(iso(today + dt.timedelta(60)))
    walk.submit("Add action")
    walk.heading(re.compile(r"^Health visitors"), "a recommendation, with an action")
    walk.move("Actions agreed")
    walk.move("In progress")

    # The action completed, through its own page's update form.
    walk.link(re.compile(r"Add a safe sleep question"))
    walk.heading("Add a safe sleep question to every health visitor contact", "an action")
    page.get_by_label("Update", exact=True).fill("The question is in the contact template from this month.")
    page.get_by_role("radio", name="Completed", exact=True).check()
    page.get_by_role("radio", name="Green: on track").check()
    walk.submit("Add update")
    walk.heading("Add a safe sleep question to every health visitor contact", "an action, completed")
    expect(page.locator("main dl")).to_contain_text("Completed on")
    # The action page links to where it was raised (the practice review), not to its recommendation.
    walk.link(re.compile(r"^Practice review LCSPR\d{3}$"))
    walk.heading(re.compile(r"^Practice review LCSPR\d{3}$"), "a practice review, recommendation raised")
    walk.link(re.compile(r"^Health visitors and children's social care"))
    walk.heading(re.compile(r"^Health visitors"), "a recommendation, action done")

    # Completion evidence with a file, then implemented.
    proof = tmp_path / "template-change.txt"
    proof.write_text("Contact template v4: safe sleep question added.\n")
    walk.link("Add evidence")
    walk.heading("Add evidence", "add evidence")
    page.get_by_role("radio", name="Completion: the work was done").check()
    page.get_by_label("Evidence", exact=True).fill("The contact template asks about sleeping arrangements.")
    page.get_by_label("Upload a file (optional)").set_input_files(str(proof))
    walk.submit("Add evidence")
    walk.heading(re.compile(r"^Health visitors"), "a recommendation, completion evidence")
    expect(page.locator("main")).to_contain_text("Download template-change.txt")
    walk.move("Implemented")

    # Impact evidence, then impact evidenced, closed and stepped across.
    walk.link("Add evidence")
    walk.heading("Add evidence", "add impact evidence")
    page.get_by_role("radio", name="Impact: practice changed").check()
    page.get_by_label("Evidence", exact=True).fill(
        "A re-audit of 20 cases found the safe sleep question asked in 19."
    )
    page.get_by_label("Audit reference (optional)").fill("MAA-2024-03")
    walk.submit("Add evidence")
    walk.heading(re.compile(r"^Health visitors"), "a recommendation, impact evidence")
    walk.move("Impact evidenced")
    walk.move("Closed")
    walk.submit("Step across to L&D")
    walk.heading(re.compile(r"^Health visitors"), "a recommendation, stepped across")
    expect(page.locator("main")).to_contain_text("Stepped across to L&D")
    reference = page.locator(".govuk-caption-l").inner_text().removeprefix("Recommendation ")

    page.goto(f"{live_server.url}/recommendations/learning-needs/")
    walk.heading("Learning needs", "learning needs")
    need = page.locator(".govuk-summary-card", has_text=reference)
    expect(need).to_contain_text(RECOMMENDATION)
    expect(need).to_contain_text("Safe sleep")

    # What the browser did is what the database holds.
    notification = SeriousIncidentNotification.objects.get(pk=int(notification_ref.lstrip("N")))
    assert notification.children.get().nhs_number == "9434765919"
    review = RapidReview.objects.get(notification=notification)
    assert review.decision == Decision.LCSPR
    assert review.returns.get().agency.name == "West Moorland Police"
    lcspr = PracticeReview.objects.get(rapid_review=review)
    assert (lcspr.draft_on, lcspr.final_on, lcspr.panel_told_on, lcspr.published_on) == (
        draft,
        final,
        told,
        published,
    )
    assert lcspr.engagements.get().took_part
    recommendation = Recommendation.objects.get(text=RECOMMENDATION)
    assert recommendation.source == lcspr
    assert recommendation.status == RecommendationStatus.CLOSED
    assert recommendation.stepped_across_on == today
    assert [t.to_status for t in recommendation.transitions.order_by("pk")] == [
        RecommendationStatus.ACTIONS_AGREED,
        RecommendationStatus.IN_PROGRESS,
        RecommendationStatus.IMPLEMENTED,
        RecommendationStatus.IMPACT_EVIDENCED,
        RecommendationStatus.CLOSED,
    ]
    assert all(t.by == officer for t in recommendation.transitions.all())
    action = Action.objects.get(recommendation=recommendation)
    assert (action.status, action.completed_on) == (ActionStatus.COMPLETED, today)
    completion = Evidence.objects.get(recommendation=recommendation, kind=EvidenceKind.COMPLETION)
    assert completion.original_filename == "template-change.txt"
    assert completion.content_type == "text/plain"
    assert Evidence.objects.filter(recommendation=recommendation, kind=EvidenceKind.IMPACT).count() == 1

    # Every view of the case is in the access trail, as the officer.
    viewed = AccessEntry.objects.filter(user=officer, kind=AccessKind.VIEWED)
    for case in (notification, review, lcspr):
        kind = ContentType.objects.get_for_model(case)
        assert viewed.filter(content_type=kind, object_id=str(case.pk)).exists(), case

    assert len(walk.seen) >= 30
    assert walk.problems == {}


def test_a_recommendation_from_a_practice_review_is_addressed_to_two_agencies(page, live_server):
    call_command("demo", verbosity=0)
    officer = User.objects.get(email=OFFICER)
    sign_in_through_browser(
        page, live_server.url, officer, password=DEMO_PASSWORD, code=unused_backup_code(officer)
    )
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reviews").click()
    page.locator("main").get_by_role("link", name=re.compile(r"^LCSPR\d{3}$")).first.click()
    page.locator("main").get_by_role("link", name="Raise a recommendation").click()
    page.get_by_label("Recommendation", exact=True).fill(RECOMMENDATION)
    page.get_by_label(COUNCIL, exact=True).check()
    page.get_by_label("West Moorland Police", exact=True).check()
    page.get_by_label("Safe sleep", exact=True).check()
    page.get_by_label("Think family", exact=True).check()
    page.locator("main").get_by_role("button", name="Raise", exact=True).click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Health visitors"))
    summary = page.locator("main dl")
    expect(summary).to_contain_text(COUNCIL, timeout=1_000)
    expect(summary).to_contain_text("West Moorland Police", timeout=1_000)
    expect(summary).to_contain_text("Think family", timeout=1_000)
    expect(summary).to_contain_text("Safe sleep", timeout=1_000)
