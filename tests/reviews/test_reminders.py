"""The business unit (and, for a rapid review, the CSPRG chair) hears when a case's next deadline is
3 working days away and when it is missed: once each, by email, without the child's details."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from lscp.accounts.roles import Role
from lscp.core.calendar import add_working_days
from lscp.governance.models import MembershipRole
from lscp.reviews.models import (
    CaseReferral,
    Child,
    DeadlineReminder,
    RapidReview,
    SeriousIncidentNotification,
    TriageOutcome,
)
from lscp.reviews.reminders import send_reminders
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.smtp import body_of, smtp_server_fixture

pytestmark = pytest.mark.django_db
smtp_server = smtp_server_fixture()
TODAY = dt.date(2024, 3, 4)  # a Monday
CHILD = "Zebedee Testchild"


def notification(officer, aware_on, notified_on=None, summary="Synthetic incident, Zebedee hurt"):
    n = SeriousIncidentNotification.objects.create(
        incident_on=aware_on,
        aware_on=aware_on,
        summary=summary,
        notified_on=notified_on,
        notifying_agency=AgencyFactory(),
        created_by=officer,
    )
    Child.objects.create(
        notification=n,
        full_name=CHILD,
        date_of_birth=dt.date(2019, 5, 1),
        sex="male",
        ethnicity="White British",
        nhs_number="9990000018",
    )
    return n


@pytest.fixture
def people(officer, csprg):
    manager = UserFactory(roles=[Role.BUSINESS_MANAGER])
    UserFactory(roles=[Role.BUSINESS_OFFICER], is_active=False)  # left: hears nothing
    UserFactory(roles=[Role.DATA_ANALYST])  # reads figures: not reminded
    chair = MembershipFactory(group=csprg, role=MembershipRole.CHAIR).person
    return {"officer": officer.email, "manager": manager.email, "chair": chair.email}


@pytest.fixture
def cases(officer):
    # Not notified to the Panel, awareness long past: missed.
    missed = notification(officer, dt.date(2024, 2, 1))
    # A rapid review whose agency returns (day 10) fall due in 3 working days.
    starts_on = dt.date(2024, 2, 22)
    assert add_working_days(starts_on, 10) == add_working_days(TODAY, 3)
    review = RapidReview.objects.create(
        notification=notification(officer, dt.date(2024, 2, 20), notified_on=starts_on), starts_on=starts_on
    )
    # Closed cases, long past their deadlines: a rapid review sent to the Panel, a triaged referral.
    closed = RapidReview.objects.create(
        notification=notification(officer, dt.date(2023, 1, 2), notified_on=dt.date(2023, 1, 3)),
        starts_on=dt.date(2023, 1, 3),
        meeting_on=dt.date(2023, 1, 16),
        decision="no_review",
        rationale="Synthetic",
        sent_to_panel_on=dt.date(2023, 1, 20),
    )
    CaseReferral.objects.create(
        referrer=officer,
        referrer_agency=officer.agency,
        received_on=dt.date(2023, 6, 1),
        what_happened="Synthetic",
        why_learning="Synthetic",
        outcome=TriageOutcome.NO_REVIEW,
    )
    # An open referral received today: triage due in 10 working days, nothing yet.
    CaseReferral.objects.create(
        referrer=officer,
        referrer_agency=officer.agency,
        received_on=TODAY,
        what_happened="Synthetic",
        why_learning="Synthetic",
    )
    return {"missed": missed, "review": review, "closed": closed}


def test_each_reminder_is_sent_once_without_the_childs_details(people, cases, smtp_server, run_tasks):
    call_command("send-review-reminders", date=TODAY.isoformat())
    run_tasks()
    run_tasks()  # the reminder run queues the emails; a second pass sends what it queued
    by_case: dict[str, set[str]] = {}
    for message in smtp_server:
        by_case.setdefault(message["Subject"].split(":")[0], set()).add(message["X-Envelope-To"])
    missed, review = cases["missed"].reference, cases["review"].reference
    # The business unit hears about both; the chair only about the rapid review.
    assert by_case == {
        f"Notification {missed}": {people["officer"], people["manager"]},
        f"Rapid review {review}": {people["officer"], people["manager"], people["chair"]},
    }
    for message in smtp_server:
        text = message["Subject"] + body_of(message)
        assert "Zebedee" not in text and "Testchild" not in text
        assert "9990000018" not in text and "2019" not in text and "Synthetic incident" not in text
    subjects = {m["Subject"] for m in smtp_server}
    assert f"Notification {missed}: deadline missed" in subjects
    assert f"Rapid review {review}: deadline on 7 March 2024" in subjects
    review_body = body_of(next(m for m in smtp_server if m["Subject"].startswith("Rapid review")))
    assert "3 working days away" in review_body and "Agency returns in (local deadline)" in review_body
    assert (
        f"/reviews/rapid-reviews/{cases['review'].pk}/" in review_body
        or cases["review"].get_absolute_url() in review_body
    )

    # Again the same day, and the next: nothing new.
    assert send_reminders(TODAY) == {"due_soon": 0, "missed": 0}
    assert send_reminders(TODAY + dt.timedelta(days=1)) == {"due_soon": 0, "missed": 0}
    run_tasks()
    assert len(smtp_server) == 5
    # Once the returns are late, the rapid review is reminded once more, once.
    later = add_working_days(TODAY, 4)
    assert send_reminders(later) == {"due_soon": 0, "missed": 1}
    assert send_reminders(later) == {"due_soon": 0, "missed": 0}
    run_tasks()
    assert len(smtp_server) == 8
    assert DeadlineReminder.objects.count() == 3
    assert not DeadlineReminder.objects.filter(case=cases["closed"].reference).exists()


def test_a_closed_case_is_not_reminded(people, cases, smtp_server, run_tasks):
    notification = SeriousIncidentNotification.objects.get(pk=cases["missed"].pk)
    notification.notified_on = dt.date(2024, 2, 2)
    notification.save()
    review = RapidReview.objects.get(pk=cases["review"].pk)
    review.meeting_on, review.decision, review.rationale = dt.date(2024, 3, 1), "no_review", "Synthetic"
    review.sent_to_panel_on = TODAY
    review.save()
    # The notification is now waiting for its rapid review (15 working days from 2 February): missed.
    assert send_reminders(TODAY) == {"due_soon": 0, "missed": 1}
    run_tasks()
    assert {m["Subject"] for m in smtp_server} == {
        f"Notification {cases['missed'].reference}: deadline missed"
    }


def test_the_command_checks_its_date():
    with pytest.raises(CommandError, match="--date"):
        call_command("send-review-reminders", date="4 March")
