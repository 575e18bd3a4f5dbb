"""National-scale synthetic casework for `make bench`: notifications with their children, rapid
reviews with agency returns, practice reviews and case referrals.

Most cases are closed, years back; the open ones are recent, so the deadline dashboard has late,
due-soon and on-track rows of every kind. Children are synthetic, with NHS numbers in the 999
test range that pass the check digit.
"""

import datetime as dt

from django.utils import timezone

from lscp.accounts.models import User
from lscp.core.models import Agency
from lscp.core.nhs_number import TEST_RANGE_PREFIX, with_check_digit
from lscp.reviews import casework, deadlines
from lscp.reviews.models import (
    CaseReferral,
    Child,
    Decision,
    PracticeReview,
    RapidReview,
    Return,
    SeriousIncidentNotification,
    Sex,
    TriageOutcome,
)

DEPENDS_ON = ["core", "accounts", "governance", "improvement"]
MARKER = "Bench notification"
RETURNS_PER_REVIEW = 3
OPEN_RAPID_REVIEWS = 0.06  # of rapid reviews; the rest were sent to the Panel
OPEN_PRACTICE_REVIEWS = 0.25
OPEN_REFERRALS = 0.04


def seed(scale, rng) -> None:
    notifications = getattr(scale, "notifications", 2000)
    rapid_reviews = min(notifications, getattr(scale, "rapid_reviews", 1500))
    practice_reviews = getattr(scale, "practice_reviews", 300)
    referrals = getattr(scale, "referrals", 3000)
    agencies = list(Agency.objects.filter(name__startswith="Bench agency").values_list("pk", flat=True))
    people = list(User.objects.filter(email__startswith="bench.person").values_list("pk", "agency_id"))
    assert agencies and people, "the core and accounts benches seed agencies and people first"
    today = timezone.localdate()
    ids = _seed_notifications(rng, notifications, rapid_reviews, agencies, people, today)
    reviews = _seed_rapid_reviews(rng, ids[:rapid_reviews], practice_reviews, today)
    _seed_returns(rng, reviews, agencies)
    _seed_practice_reviews(rng, reviews, practice_reviews, today)
    _seed_referrals(rng, referrals, people, today)
    # bulk_create sends no signals: work out every open case's next deadline in one go.
    casework.rebuild()


def _recent(rng, today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=rng.randint(0, days))


def _seed_notifications(rng, total, with_review, agencies, people, today) -> list[tuple[int, dt.date, bool]]:
    """[(notification id, clock start, open?)]; the first `with_review` go on to a rapid review."""
    rows = []
    notified_on: dt.date | None
    for n in range(total):
        has_review = n < with_review
        open_ = not has_review or rng.random() < OPEN_RAPID_REVIEWS
        if open_:
            aware_on = _recent(rng, today, 35)
            notified_on = aware_on + dt.timedelta(days=rng.randint(0, 6))
            if notified_on > today or (not has_review and rng.random() < 0.4):
                notified_on = None if not has_review else aware_on
        else:
            aware_on = today - dt.timedelta(days=rng.randint(60, 1800))
            notified_on = aware_on + dt.timedelta(days=rng.randint(1, 9))
        rows.append(
            SeriousIncidentNotification(
                incident_on=aware_on - dt.timedelta(days=rng.randint(0, 3)),
                aware_on=aware_on,
                summary=f"{MARKER} {n:05d}: synthetic incident.",
                died_or_seriously_harmed=rng.random() < 0.5,
                abuse_or_neglect=True,
                looked_after=rng.random() < 0.1,
                notified_on=notified_on,
                notifying_agency_id=rng.choice(agencies),
                created_by_id=rng.choice(people)[0],
            )
        )
    SeriousIncidentNotification.objects.bulk_create(rows, batch_size=2000)
    saved = list(
        SeriousIncidentNotification.objects.filter(summary__startswith=MARKER)
        .order_by("pk")
        .values_list("pk", "aware_on", "notified_on")
    )
    _seed_children(rng, [pk for pk, _, _ in saved])
    result = []
    for n, (pk, aware_on, notified) in enumerate(saved):
        start: dt.date = notified or aware_on
        result.append((pk, start, n >= with_review or start > today - dt.timedelta(days=40)))
    return result


def _seed_children(rng, notification_ids: list[int]) -> None:
    children = []
    serial = 0
    sexes = list(Sex)
    for pk in notification_ids:
        for c in range(1 if rng.random() < 0.8 else 2):
            number = None
            while number is None:
                serial += 1
                number = with_check_digit(f"{TEST_RANGE_PREFIX}{serial:06d}")
            children.append(
                Child(
                    notification_id=pk,
                    full_name=f"Bench Child {pk}-{c}",
                    date_of_birth=dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 5000)),
                    sex=rng.choice(sexes),
                    ethnicity="Not recorded",
                    nhs_number=number if rng.random() < 0.7 else "",
                )
            )
    Child.objects.bulk_create(children, batch_size=5000)


def _seed_rapid_reviews(rng, notifications, practice_reviews, today) -> list[tuple[int, dt.date, bool]]:
    """[(rapid review id, clock start, open?)]; enough closed ones decide on an LCSPR."""
    decisions = [Decision.NO_FURTHER_REVIEW, Decision.OTHER_LEARNING]
    lcsprs = 0
    rows = []
    for pk, starts_on, open_ in notifications:
        review = RapidReview(notification_id=pk, starts_on=starts_on)
        if open_:
            if rng.random() < 0.3 and starts_on + dt.timedelta(days=14) <= today:
                review.meeting_on = starts_on + dt.timedelta(days=14)
        else:
            review.meeting_on = starts_on + dt.timedelta(days=rng.randint(12, 18))
            review.sent_to_panel_on = review.meeting_on + dt.timedelta(days=rng.randint(3, 12))
            decision = Decision.LCSPR if lcsprs < practice_reviews else rng.choice(decisions)
            lcsprs += decision == Decision.LCSPR
            review.decision = decision
            review.findings = "Bench findings."
            review.rationale = "Bench rationale."
        rows.append(review)
    RapidReview.objects.bulk_create(rows, batch_size=2000)
    return [
        (pk, starts_on, sent is None)
        for pk, starts_on, sent in RapidReview.objects.filter(notification__summary__startswith=MARKER)
        .order_by("pk")
        .values_list("pk", "starts_on", "sent_to_panel_on")
    ]


def _seed_returns(rng, reviews, agencies) -> None:
    rows = []
    for pk, starts_on, open_ in reviews:
        due = deadlines.returns_due(starts_on)
        for agency_id in rng.sample(agencies, min(len(agencies), RETURNS_PER_REVIEW)):
            received = None if open_ and rng.random() < 0.5 else due - dt.timedelta(days=rng.randint(-3, 5))
            rows.append(
                Return(
                    rapid_review_id=pk,
                    agency_id=agency_id,
                    requested_on=starts_on,
                    due_on=due,
                    received_on=received if received is None or received >= starts_on else starts_on,
                )
            )
    Return.objects.bulk_create(rows, batch_size=5000)


def _seed_practice_reviews(rng, reviews, total, today) -> None:
    lcspr = set(
        RapidReview.objects.filter(notification__summary__startswith=MARKER, decision=Decision.LCSPR)
        .order_by("pk")
        .values_list("pk", flat=True)[:total]
    )
    rows = []
    for pk, starts_on, _open in reviews:
        if pk not in lcspr:
            continue
        review = PracticeReview(rapid_review_id=pk, reviewer="Bench Reviewer", initiated_on=starts_on)
        if rng.random() < OPEN_PRACTICE_REVIEWS:
            # Open: initiated up to seven months ago, so publication is late, near or well ahead.
            review.initiated_on = _recent(rng, today, 215)
            if rng.random() < 0.5:
                review.draft_on = review.initiated_on + dt.timedelta(days=rng.randint(0, 60))
                review.draft_on = min(review.draft_on, today)
        else:
            review.initiated_on = starts_on + dt.timedelta(days=30)
            review.draft_on = review.initiated_on + dt.timedelta(days=120)
            review.final_on = review.draft_on + dt.timedelta(days=40)
            review.panel_told_on = review.final_on + dt.timedelta(days=5)
            review.published_on = review.panel_told_on + dt.timedelta(days=rng.randint(5, 40))
        rows.append(review)
    PracticeReview.objects.bulk_create(rows, batch_size=2000)


def _seed_referrals(rng, total, people, today) -> None:
    outcomes = list(TriageOutcome)
    rows = []
    for n in range(total):
        referrer_id, agency_id = rng.choice(people)
        referral = CaseReferral(
            referrer_id=referrer_id,
            referrer_agency_id=agency_id,
            what_happened=f"Bench referral {n:05d}: synthetic.",
            why_learning="Several agencies were involved.",
        )
        if rng.random() < OPEN_REFERRALS:
            referral.received_on = _recent(rng, today, 20)
        else:
            referral.received_on = today - dt.timedelta(days=rng.randint(30, 1800))
            referral.outcome = rng.choice(outcomes)
            referral.outcome_reason = "Bench triage."
            referral.triaged_on = referral.received_on + dt.timedelta(days=rng.randint(1, 14))
        rows.append(referral)
    CaseReferral.objects.bulk_create(rows, batch_size=2000)
