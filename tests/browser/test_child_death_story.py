"""The child death issue's "done means", as one story in a real browser, driven through the UI:
a case goes from notification to a closed panel review.

A practitioner notifies an unexpected death with the short form (first with the dates the wrong
way round); the business officer completes the notification and takes the case through the joint
agency response, information from agencies and the review meeting to the panel; a CDOP member
records the panel's review and makes its learning point a recommendation; the lead nurse logs a
contact with the family, which the business officer cannot see. The case page lists who viewed
it, and the independent scrutineer reads only the published analysis. Every page on the way is
checked with axe (collected, asserted once at the end). The database is touched only to load the
demo, give a panel member a password, read backup codes and check what the browser did.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from lscp.accounts.demo import member_email
from lscp.accounts.models import User
from lscp.child_deaths.categories import Category, Contribution, Domain, Modifiable
from lscp.child_deaths.models import ChildDeath, InformationRequest, LearningPoint, PanelReview, Stage
from lscp.core.models import AccessEntry, AccessKind
from lscp.governance.models import Group
from tests.browser.conftest import (
    PASSWORD,
    axe_violations,
    sign_in_through_browser,
    unused_backup_code,
)
from tests.pages import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRACTITIONER = "practitioner@demo.lscp.invalid"
OFFICER = "business.officer@demo.lscp.invalid"
NURSE = "lead.nurse@demo.lscp.invalid"
SCRUTINEER = "independent.scrutineer@demo.lscp.invalid"
# A plain member of the demo's CDOP (no chairing role, no business unit role).
PANEL_MEMBER = "Kwame Asante"
NAMES = {
    PRACTITIONER: "Lucy Brennan",
    OFFICER: "Owen Pritchard",
    NURSE: "Grace Adeyemi",
}

CHILD = "Ivy Storytest"
NHS_NUMBER = "943 476 5919"
WHAT_IS_KNOWN = "Found unresponsive in the morning; resuscitation was stopped in hospital."
GP = "Westbrook GP Federation"
HOSPITAL = "Westbrook Teaching Hospitals NHS Trust"
POLICE = "West Moorland Police"
LEARNING = "Safer sleep advice should be repeated whenever a baby's household changes."
# The panel's score for each domain (the physical environment: unsafe sleep).
SCORES = {
    Domain.CHILD: Contribution.NONE,
    Domain.SOCIAL: Contribution.NONE,
    Domain.PHYSICAL: Contribution.MAY_HAVE,
    Domain.SERVICES: Contribution.NOT_KNOWN,
}
CONTACT = "Home visit: explained the review and what the family can expect from the panel."


def iso(day: dt.date) -> str:
    return day.isoformat()


class Walk:
    """The browser page plus what axe found on each page the story visits."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base = base_url
        self.problems: dict[str, list] = {}
        self.seen: list[str] = []
        self.who = ""  # who is signed in: several people open the same pages

    def check(self, name: str) -> None:
        name = f"{name} ({self.who})"
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

    def menu(self, name: str) -> None:
        self.page.get_by_role("navigation", name="Menu").get_by_role("link", name=name).click()

    def refused(self, path: str, name: str) -> None:
        """The page at `path` answers 403 to the person signed in."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 403, (path, response and response.status)
        self.check(name)

    def sign_in(self, user, name: str, password: str = DEMO_PASSWORD, code: str = "") -> None:
        """Sign in as `user` in a fresh session (the previous person's cookies gone), on to home."""
        self.page.context.clear_cookies()
        self.who = name
        if password == DEMO_PASSWORD and user.needs_two_factor and not code:
            code = unused_backup_code(user)  # one of the demo's printed backup codes
        sign_in_through_browser(self.page, self.base, user, password=password, code=code)
        self.heading(re.compile(r"^Welcome, "), "home")

    def error_summary(self, message: str) -> None:
        summary = self.page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("There is a problem")
        expect(summary).to_contain_text(message)

    def banner(self, message: str) -> None:
        expect(self.page.locator(".govuk-notification-banner")).to_contain_text(message)


def case_heading(reference: str) -> str:
    return f"Child death {reference}"


# --- 1. the practitioner ----------------------------------------------------------------------


def notify_with_the_short_form(walk: Walk, born: dt.date, died: dt.date) -> str:
    """The practitioner's short notification, first with a death before the birth; the reference."""
    page = walk.page
    walk.link("Notify a child death")
    walk.heading("Notify a child death", "notify, short form")
    # Only what a clinician knows at once: the business unit's fields are not asked.
    for later in ("Ethnicity", "Date notified", "Notifying agency"):
        expect(page.get_by_label(later, exact=True)).to_have_count(0)
    page.get_by_label("Child's full name").fill(CHILD)
    page.get_by_label("Date of birth").fill(iso(born))
    page.get_by_role("radio", name="Female", exact=True).check()
    page.get_by_label("NHS number", exact=True).fill(NHS_NUMBER)
    page.get_by_label("Date of death").fill(iso(born - dt.timedelta(days=10)))
    page.get_by_label("Time of death (optional)").fill("06:40")
    page.get_by_label("Place of death").fill("Home")
    page.get_by_role("radio", name="Unexpected", exact=True).check()
    page.get_by_label("What is known about the death").fill(WHAT_IS_KNOWN)
    walk.submit("Send the notification")

    walk.heading("Notify a child death", "notify, death before birth")
    walk.error_summary("The date of death must be on or after the date of birth")
    # The summary's link takes the person to the field to fix.
    page.locator(".govuk-error-summary").get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_died_on"
    assert not ChildDeath.objects.filter(full_name=CHILD).exists()

    page.get_by_label("Date of death").fill(iso(died))
    walk.submit("Send the notification")
    walk.heading(re.compile(r"^Child death CD\d{5}$"), "your notification")
    return page.locator("h1").inner_text().removeprefix("Child death ")


def practitioner_sees_only_their_notification(walk: Walk, reference: str) -> None:
    page, main = walk.page, walk.page.locator("main")
    walk.banner(f"Child death {reference} notified. Thank you.")
    expect(page.locator(".govuk-caption-l")).to_have_text("Your notification")
    expect(main).to_contain_text(CHILD)
    expect(main).to_contain_text("9434765919")
    expect(main).to_contain_text(WHAT_IS_KNOWN)
    expect(main).to_contain_text(f"by {NAMES[PRACTITIONER]}, Moorside Primary School")
    # Not the panel's work on the case, nor who else has looked at it.
    for panel_only in ("Where the case stands", "Lead nurse", "Joint agency response", "Who has viewed"):
        expect(main).not_to_contain_text(panel_only)

    page.locator(".govuk-back-link").click()
    walk.heading("Child deaths you notified", "child deaths you notified")
    expect(main.locator("tbody tr")).to_have_count(1)
    expect(main.locator("tbody tr")).to_contain_text(reference)
    expect(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Child deaths")
    ).to_have_count(0)
    walk.refused("/child-deaths/cases/", "case list, refused")


# --- 2. the business officer ------------------------------------------------------------------


def open_case(walk: Walk, reference: str, stage: str = "") -> None:
    """From the menu's case list (filtered to `stage` if given) to the case."""
    walk.menu("Child deaths")
    walk.heading("Child deaths", f"case list{', ' + stage.lower() if stage else ''}")
    if stage:
        walk.page.get_by_label("Stage").select_option(label=stage)
        walk.submit("Show")
        walk.heading("Child deaths", f"case list, {stage.lower()} filtered")
    walk.link(re.compile(f"^{reference}$"))
    walk.heading(case_heading(reference), f"a case, at {stage or 'the list'}")


def complete_the_notification(walk: Walk, reference: str) -> None:
    page = walk.page
    walk.link("Change the notification")
    walk.heading("Change the notification", "change the notification")
    expect(page.get_by_label("Child's full name")).to_have_value(CHILD)
    page.get_by_label("Ethnicity").fill("White and Black Caribbean")
    page.get_by_label("Home postcode (optional)").fill("WB3 4QT")
    walk.submit("Save")
    walk.heading(case_heading(reference), "a case, notification completed")
    notification = page.locator("main dl").first
    expect(notification).to_contain_text("White and Black Caribbean")
    expect(notification).to_contain_text("WB3 4QT")


def assign_the_lead_nurse(walk: Walk, reference: str) -> None:
    walk.link("Assign a lead nurse")
    walk.heading("Lead nurse or key worker", "assign a lead nurse")
    walk.page.get_by_label("Lead nurse or key worker").select_option(label=NAMES[NURSE])
    walk.submit("Save")
    walk.heading(case_heading(reference), "a case, lead nurse assigned")
    expect(walk.page.locator("main")).to_contain_text(f"{NAMES[NURSE]} supports the family.")


def record_the_joint_agency_response(walk: Walk, reference: str, met: dt.date) -> None:
    page = walk.page
    walk.link("Record the joint agency response")
    walk.heading("Joint agency response", "joint agency response")
    page.get_by_label("Date of the JAR meeting").fill(iso(met))
    page.get_by_label(POLICE, exact=True).check()
    page.get_by_label(HOSPITAL, exact=True).check()
    page.get_by_label("Immediate actions (optional)").fill("Home visit with the police; twin checked.")
    walk.submit("Save")
    walk.heading(case_heading(reference), "a case, JAR held")
    jar = page.locator("main dl", has_text="Agencies present")
    expect(jar).to_contain_text(POLICE)
    expect(jar).to_contain_text(HOSPITAL)


def ask_two_agencies(walk: Walk, reference: str, asked: dt.date) -> None:
    page = walk.page
    walk.link("Ask agencies for information")
    walk.heading("Ask agencies for information", "ask agencies for information")
    page.get_by_label(GP, exact=True).check()
    page.get_by_label(HOSPITAL, exact=True).check()
    page.get_by_label("Date requested").fill(iso(asked))
    page.get_by_label("Due", exact=True).fill(iso(asked + dt.timedelta(days=21)))
    walk.submit("Ask")
    walk.heading(case_heading(reference), "a case, information asked for")
    rows = page.locator("main table", has_text="Received").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=GP)).to_contain_text("Upload")
    expect(rows.filter(has_text=HOSPITAL)).to_contain_text("Upload")


def upload_the_gps_form(walk: Walk, reference: str, received: dt.date, tmp_path) -> None:
    page = walk.page
    form = tmp_path / "gp-reporting-form.txt"
    form.write_text("Reporting form: seen at 6 weeks and 4 months; no concerns recorded.\n")
    walk.link(f"Upload the {GP} form")
    walk.heading(f"Upload the {GP} reporting form", "upload a reporting form")
    page.get_by_label("Upload the agency's reporting form").set_input_files(str(form))
    page.get_by_label("Date received").fill(iso(received))
    walk.submit("Upload")
    walk.heading(case_heading(reference), "a case, reporting form in")
    walk.banner("Reporting form uploaded")
    rows = page.locator("main table", has_text="Received").locator("tbody tr")
    expect(rows.filter(has_text=GP)).to_contain_text(received.strftime("%-d %B %Y"))
    # The downloaded file is the one uploaded.
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download the {GP} form").click()
    assert download.value.suggested_filename == "gp-reporting-form.txt"
    assert Path(download.value.path()).read_text() == form.read_text()
    expect(rows.filter(has_text=HOSPITAL)).to_contain_text("Upload")


def fill_the_panel_review(page, concluded: dt.date) -> None:
    """The national analysis form's answers: a category, a score for every domain, a named factor,
    modifiable factors (the physical environment's score makes that allowed) and a learning point."""
    page.get_by_label("Date the panel concluded its review").fill(iso(concluded))
    for domain, contribution in SCORES.items():
        group = page.get_by_role("group", name=domain.label, exact=True)
        group.get_by_role("radio", name=contribution.label, exact=True).check()
    page.get_by_role("group", name="Named factors (optional)").get_by_label("Unsafe sleep").check()
    category = Category.SUDDEN_UNEXPLAINED
    page.get_by_role("radio", name=f"{category.value}. {category.label}", exact=True).check()
    page.get_by_role("radio", name=Modifiable.YES.label, exact=True).check()
    page.get_by_label("Learning points (optional)").fill(LEARNING)
    page.get_by_label("Conclusions (optional)").fill("No cause found; the sleeping arrangements added risk.")


def panel_review_too_early(walk: Walk, reference: str, case_url: str, today: dt.date) -> None:
    """Before the review meeting the case page offers no panel review; going to its address sends
    the person back to the case, saying what to do first, before they fill anything in."""
    page = walk.page
    expect(page.locator("main").get_by_role("link", name="Record the panel's review")).to_have_count(0)
    page.goto(case_url + "panel-review/")
    walk.heading(case_heading(reference), "a case, panel review refused")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text(
        "Cannot record the panel's review yet: record the child death review meeting first"
    )
    expect(banner).not_to_contain_text("Success")
    assert not PanelReview.objects.filter(case__full_name=CHILD).exists()


def record_the_review_meeting(walk: Walk, reference: str, held: dt.date) -> None:
    page = walk.page
    walk.link("Record the review meeting")
    walk.heading("Child death review meeting", "child death review meeting")
    page.get_by_label("Date of the meeting").fill(iso(held))
    page.get_by_label("Who attended").fill("Consultant paediatrician\nGP\nHealth visitor\nLead nurse")
    page.get_by_label("Draft learning (optional)").fill("Safer sleep advice after the move to a new home.")
    walk.submit("Save")
    walk.heading(case_heading(reference), "a case, review meeting held")
    walk.submit("Ready for the panel")
    walk.heading(case_heading(reference), "a case, ready for the panel")
    walk.banner(f"{reference} is ready for the panel")
    expect(page.locator(".govuk-caption-l")).to_have_text("Unexpected death · Panel review")


# --- 3. the panel -----------------------------------------------------------------------------


def panel_member() -> User:
    """A CDOP member of the demo's. Members cannot sign in there (no password), so give one a
    password; sign_in_through_browser gives them a backup code for the second factor."""
    member = User.objects.get(email=member_email(PANEL_MEMBER))
    assert Group.objects.get(slug="cdop").memberships.filter(person=member).exists()
    member.set_password(PASSWORD)
    member.save(update_fields=["password"])
    return member


def record_the_panel_review(walk: Walk, reference: str, today: dt.date) -> None:
    page = walk.page
    walk.link("Record the panel's review")
    walk.heading("The panel's review", "panel review")
    fill_the_panel_review(page, today)
    walk.submit("Record and close the case")
    walk.heading(case_heading(reference), "a case, closed")
    walk.banner("Panel review recorded")
    expect(page.locator(".govuk-caption-l")).to_have_text("Unexpected death · Closed")
    review = page.locator("main dl", has_text="Category of death")
    expect(review).to_contain_text("10. Sudden unexpected, unexplained death")
    expect(review).to_contain_text("Unsafe sleep")
    expect(review).to_contain_text(Modifiable.YES.label)
    expect(page.locator("main")).not_to_contain_text("Next:")


def make_the_learning_a_recommendation(walk: Walk, reference: str) -> str:
    """Follow the learning point's link and raise it; the recommendation's reference."""
    page = walk.page
    point = page.locator("main li", has_text=LEARNING)
    point.get_by_role("link", name=re.compile(r"^make it a recommendation")).click()
    walk.heading("Make the learning point a recommendation", "learning point recommendation")
    expect(page.locator(".govuk-caption-l")).to_have_text(f"Child death {reference}")
    expect(page.get_by_label("Recommendation", exact=True)).to_have_value(LEARNING)
    expect(page.get_by_label("Owning group")).to_have_text(re.compile("Child Death Overview Panel"))
    page.get_by_role("group", name="Addressed to").get_by_label(HOSPITAL, exact=True).check()
    walk.submit("Raise")
    walk.heading(re.compile(r"^Safer sleep advice should be repeated"), "a recommendation")
    walk.banner("raised")
    return page.locator(".govuk-caption-l").inner_text().removeprefix("Recommendation ")


# --- 4. the lead nurse ------------------------------------------------------------------------


def record_a_family_contact(walk: Walk, reference: str) -> None:
    page = walk.page
    walk.link("Record a contact")
    walk.heading("Contact with the family", "contact with the family")
    page.get_by_label("What was discussed").fill(CONTACT)
    page.get_by_label("Bereavement support offered").check()
    page.get_by_label("Support offered or arranged (optional)").fill("Referred to the bereavement service.")
    walk.submit("Save")
    walk.heading(case_heading(reference), "a case, contact recorded")
    log = page.locator("main table", has_text="Bereavement support").locator("tbody tr", has_text=CONTACT)
    expect(log).to_contain_text(NAMES[NURSE])
    expect(log).to_contain_text("Offered: Referred to the bereavement service.")


# --- the story --------------------------------------------------------------------------------


def test_a_child_death_goes_from_notification_to_a_closed_panel_review(page, live_server, tmp_path):
    call_command("demo", verbosity=0)
    practitioner, officer, nurse, scrutineer = (
        User.objects.get(email=email) for email in (PRACTITIONER, OFFICER, NURSE, SCRUTINEER)
    )
    member = panel_member()
    today = timezone.localdate()
    # A baby of seven months who died seven weeks ago; each step on or after the one before.
    born, died = today - dt.timedelta(days=260), today - dt.timedelta(days=50)
    met, asked, received, held = (died + dt.timedelta(days) for days in (2, 5, 20, 40))
    walk = Walk(page, live_server.url)

    # 1. The practitioner notifies, from the home page.
    walk.sign_in(practitioner, "practitioner")
    reference = notify_with_the_short_form(walk, born, died)
    case_url = page.url
    practitioner_sees_only_their_notification(walk, reference)
    case = ChildDeath.objects.get(full_name=CHILD)
    assert (case.reference, case.stage, case.notifier) == (reference, Stage.NOTIFIED, practitioner)
    assert case.ethnicity == ""  # the business unit completes it

    # 2. The business officer takes the case to the panel.
    walk.sign_in(officer, "business officer")
    open_case(walk, reference)
    expect(page.locator(".govuk-caption-l")).to_have_text("Unexpected death · Notified")
    complete_the_notification(walk, reference)
    assign_the_lead_nurse(walk, reference)
    record_the_joint_agency_response(walk, reference, met)
    ask_two_agencies(walk, reference, asked)
    upload_the_gps_form(walk, reference, received, tmp_path)
    panel_review_too_early(walk, reference, case_url, today)
    record_the_review_meeting(walk, reference, held)

    # 3. A member of the panel records its review; the learning becomes a recommendation.
    walk.sign_in(member, "panel member", password=PASSWORD)
    open_case(walk, reference)
    record_the_panel_review(walk, reference, today)
    recommendation_ref = make_the_learning_a_recommendation(walk, reference)

    # 4. The lead nurse logs a contact with the family; the business officer does not see the log.
    walk.sign_in(nurse, "lead nurse")
    open_case(walk, reference, stage="Closed")
    expect(page.get_by_role("heading", name="Contact with the family")).to_be_visible()
    record_a_family_contact(walk, reference)

    walk.sign_in(officer, "business officer, later")
    open_case(walk, reference, stage="Closed")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Contact with the family")).to_have_count(0)
    expect(main).not_to_contain_text(CONTACT)
    # The learning point now links to its recommendation instead.
    expect(main.get_by_role("link", name=re.compile(r"^make it a recommendation"))).to_have_count(0)
    expect(main.locator("li", has_text=LEARNING).get_by_role("link")).to_have_text(
        "recommendation made from this point"
    )

    # 5. Who has viewed the case: everyone who opened it, on the page and in the access trail.
    expect(main.get_by_role("heading", name="Who has viewed this case")).to_be_visible()
    viewers = main.locator("table", has_text="The most recent views of this case").locator("tbody")
    for name in (*NAMES.values(), PANEL_MEMBER):
        expect(viewers).to_contain_text(name)

    # The scrutineer reads the published analysis only; the cases are not theirs to open.
    walk.sign_in(scrutineer, "scrutineer")
    expect(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Child deaths")
    ).to_have_count(0)
    walk.link("Child death analysis")
    walk.heading("Child death analysis", "analysis")
    expect(page.locator("#version")).to_contain_text("These are the published figures")
    expect(main.get_by_role("link", name="Show every count")).to_have_count(0)
    expect(main.locator("a[href*='/child-deaths/cases']")).to_have_count(0)
    page.goto(f"{live_server.url}/child-deaths/analysis/?published=0")
    expect(page.locator("#version")).to_contain_text("These are the published figures")
    walk.refused("/child-deaths/cases/", "case list, refused")
    walk.refused(case_url.removeprefix(live_server.url), "a case, refused")

    # What the browser did is what the database holds.
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert (case.ethnicity, case.home_postcode, case.lead_nurse) == (
        "White and Black Caribbean",
        "WB3 4QT",
        nurse,
    )
    assert case.joint_agency_response.met_on == met
    requests = {r.agency.name: r for r in case.information_requests.select_related("agency")}
    assert sorted(requests) == [GP, HOSPITAL]
    assert requests[GP].received_on == received and requests[GP].uploaded_by == officer
    assert requests[HOSPITAL].received_on is None and not requests[HOSPITAL].file
    assert case.review_meeting.held_on == held
    review = case.panel_review
    assert (review.category, review.modifiable, review.completed_on) == (
        Category.SUDDEN_UNEXPLAINED,
        Modifiable.YES,
        today,
    )
    assert {s.domain: s.contribution for s in review.domain_scores.all()} == SCORES
    assert [f.name for f in review.factors.all()] == ["Unsafe sleep"]
    point = LearningPoint.objects.get(review=review)
    assert point.recommendation.reference == recommendation_ref
    assert point.recommendation.group.slug == "cdop"
    assert [a.name for a in point.recommendation.agencies.all()] == [HOSPITAL]
    assert case.family_contacts.get().made_by == nurse

    # Every view of the case is in the access trail, by each person who opened it.
    views = AccessEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ChildDeath),
        object_id=str(case.pk),
        kind=AccessKind.VIEWED,
    )
    assert set(views.values_list("user__email", flat=True)) == {
        PRACTITIONER,
        OFFICER,
        NURSE,
        member.email,
    }
    # The scrutineer was refused, so never saw it; the downloaded form is in the trail too.
    assert not views.filter(user=scrutineer).exists()
    assert AccessEntry.objects.filter(
        user=officer,
        content_type=ContentType.objects.get_for_model(InformationRequest),
        object_id=str(requests[GP].pk),
    ).exists()

    assert len(walk.seen) >= 40
    assert len(set(walk.seen)) == len(walk.seen)  # each page's axe result kept under its own name
    assert walk.problems == {}
