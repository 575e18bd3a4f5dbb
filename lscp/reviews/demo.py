"""The demo partnership's CSPRG casework: a year of notifications, referrals, rapid reviews and two
LCSPRs (one published), shaped like a partnership's 2021-22 practice review year, plus a few cases
open now so the deadline dashboard has red, amber and on-track rows.

Every name is invented; children are synthetic, with NHS numbers in the 999 test range that pass
the check digit. Records are found by their summary text, so loading again changes nothing.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from lscp.accounts.models import User
from lscp.core.calendar import add_working_days
from lscp.core.models import Agency
from lscp.core.nhs_number import with_check_digit
from lscp.governance.models import Group
from lscp.improvement.evidence import add_evidence
from lscp.improvement.models import (
    ActionStatus,
    EvidenceKind,
    LearningTheme,
    Rag,
    Recommendation,
    RecommendationStatus,
)
from lscp.improvement.progress import raise_action, record_update
from lscp.improvement.recommendations import move, raise_recommendation, step_across
from lscp.reviews import deadlines
from lscp.reviews.models import (
    PRACTICE_REVIEW_SOURCE,
    RAPID_REVIEW_SOURCE,
    CaseReferral,
    Child,
    Decision,
    Engagement,
    PracticeReview,
    RapidReview,
    Return,
    SeriousIncidentNotification,
    Sex,
    TriageOutcome,
)

DEPENDS_ON = ["core", "accounts", "governance", "improvement"]
DOMAIN = "demo.lscp.invalid"
COUNCIL = "Westbrook Metropolitan District Council"
POLICE = "West Moorland Police"
ICB = "West Moorland Integrated Care Board"
SCHOOL = "Moorside Primary School"

# (aware on, summary, children [(first name, age in years, sex)], notified late?, decision, returns late?)
YEAR = [
    (
        dt.date(2021, 5, 10),
        "Infant admitted with unexplained head injury; parents' accounts differ.",
        [("Ellis", 0, Sex.MALE)],
        False,
        Decision.LCSPR,
        False,
    ),
    (
        dt.date(2021, 7, 19),
        "Teenager seriously injured after exploitation concerns known to several services.",
        [("Kian", 15, Sex.MALE)],
        False,
        Decision.OTHER_LEARNING,
        True,
    ),
    (
        dt.date(2021, 10, 4),
        "Sudden death of an infant in an unsafe sleeping arrangement; neglect suspected.",
        [("Ava", 0, Sex.FEMALE)],
        True,
        Decision.NO_FURTHER_REVIEW,
        False,
    ),
    (
        dt.date(2022, 1, 17),
        "Two siblings harmed in a household with long-standing domestic abuse.",
        [("Maya", 7, Sex.FEMALE), ("Theo", 4, Sex.MALE)],
        False,
        Decision.LCSPR,
        True,
    ),
]
# Referrals through the pathway: (received, agency, what happened, outcome, reason)
REFERRALS = [
    (
        dt.date(2021, 6, 2),
        SCHOOL,
        "A pupil's repeated absences and injuries were not shared between services.",
        TriageOutcome.OTHER_LEARNING,
        "Learning on information sharing taken to the learning and development group.",
    ),
    (
        dt.date(2021, 9, 14),
        ICB,
        "Missed health appointments for a baby were not followed up across agencies.",
        TriageOutcome.NO_REVIEW,
        "Single-agency learning; the health provider has its own action plan.",
    ),
    (
        dt.date(2021, 11, 22),
        POLICE,
        "Repeat missing episodes for a looked-after child placed out of area.",
        TriageOutcome.RAPID_REVIEW,
        "",
    ),
    (
        dt.date(2022, 2, 8),
        COUNCIL,
        "Concerns about a young carer that no service held overall.",
        TriageOutcome.NO_REVIEW,
        "Did not meet the criteria; shared with the effectiveness group for audit.",
    ),
]
RECOMMENDATIONS = [
    "Partners should assure the partnership that practitioners are using professional curiosity and "
    "challenge when parents' explanations of injuries differ.",
    "Health, police and children's social care should include fathers and male carers in assessments "
    "and safety planning.",
]


def _agency(name: str) -> Agency:
    return Agency.objects.filter(name=name).first() or Agency.objects.order_by("pk").first()  # type: ignore[return-value]


def _user(local: str) -> User:
    return User.objects.get(email=f"{local}@{DOMAIN}")


def _nhs(seq: int) -> str:
    n = seq
    while True:
        number = with_check_digit(f"999{n:06d}")
        if number:
            return number
        n += 1000


def _notification(index: int, aware_on, summary, kids, late: bool, officer) -> SeriousIncidentNotification:
    existing = SeriousIncidentNotification.objects.filter(summary=summary).first()
    if existing:
        return existing
    notified = add_working_days(aware_on, 7 if late else 4)
    notification = SeriousIncidentNotification.objects.create(
        incident_on=aware_on - dt.timedelta(days=2),
        aware_on=aware_on,
        summary=summary,
        died_or_seriously_harmed=True,
        abuse_or_neglect=True,
        notified_on=notified,
        notifying_agency=_agency(COUNCIL),
        created_by=officer,
    )
    for j, (name, age, sex) in enumerate(kids):
        Child.objects.create(
            notification=notification,
            full_name=f"{name} Demo-{index}{j}",
            date_of_birth=aware_on.replace(year=aware_on.year - age) - dt.timedelta(days=40 + j * 90),
            sex=sex,
            ethnicity="White British" if j % 2 == 0 else "Mixed: White and Black Caribbean",
            nhs_number=_nhs(index * 10 + j + 1),
        )
    return notification


def _rapid_review(review: RapidReview, decision: Decision, returns_late: bool, on_time: bool) -> None:
    start = review.starts_on
    agencies = [COUNCIL, POLICE, ICB]
    for k, name in enumerate(agencies):
        due = deadlines.returns_due(start)
        received = add_working_days(due, 3) if returns_late and k == 0 else add_working_days(start, 7 + k)
        Return.objects.get_or_create(
            rapid_review=review,
            agency=_agency(name),
            defaults={"requested_on": add_working_days(start, 1), "due_on": due, "received_on": received},
        )
    review.meeting_on = deadlines.meeting_due(start) if not returns_late else add_working_days(start, 14)
    review.participants = "Children's social care\nPolice\nHealth (designated nurse)\nEducation"
    review.findings = "Information about the family was held by several agencies but not brought together."
    review.decision = decision
    review.rationale = {
        Decision.LCSPR: "The case may show improvements needed across agencies; a local review is needed.",
        Decision.NO_FURTHER_REVIEW: "Learning is already in hand through existing single-agency work.",
        Decision.OTHER_LEARNING: "Thematic learning best taken forward with the learning group.",
    }[decision]
    review.sent_to_panel_on = deadlines.rapid_review_due(start) if on_time else add_working_days(start, 18)
    review.save()


def _recommendations(source, kind: str, made_on, officer, group) -> int:
    if Recommendation.objects.from_source(source).exists():
        return 0
    themes = list(LearningTheme.objects.order_by("pk")[:2])
    agencies = [_agency(COUNCIL), _agency(POLICE), _agency(ICB)]
    # Each review recommendation's plan is one stage further on, across both practice reviews.
    already = Recommendation.objects.filter(source_kind__in=REVIEW_SOURCES).count()
    for i, text in enumerate(RECOMMENDATIONS):
        recommendation = raise_recommendation(
            source=source,
            source_kind=kind,
            text=text,
            group=group,
            agencies=agencies[: 2 + i % 2],
            made_on=made_on,
            raised_by=officer,
            themes=themes[i : i + 1],
            due_date=made_on + dt.timedelta(days=180),
        )
        _action_plan(
            recommendation,
            PLAN_STAGES[(already + i) % len(PLAN_STAGES)],
            officer,
        )
    return len(RECOMMENDATIONS)


REVIEW_SOURCES = [PRACTICE_REVIEW_SOURCE, RAPID_REVIEW_SOURCE]
# How far each review recommendation's action plan has got, so the demo shows every stage.
PLAN_STAGES = ["overdue", "in_progress", "implemented", "impact_evidenced"]


def _action_plan(recommendation, stage: str, officer) -> None:
    """An action per agency it is addressed to, moved on through improvement's own rules."""
    today = timezone.localdate()
    due = today - dt.timedelta(days=20) if stage == "overdue" else today + dt.timedelta(days=60)
    actions = [
        raise_action(
            source=None,
            source_kind=recommendation.source_kind,
            title=f"{agency.display_name}: brief practitioners on this recommendation and audit five cases",
            owner=User.objects.filter(agency=agency, is_active=True).order_by("email").first(),
            agency=agency,
            due_date=due,
            group=recommendation.group,
            created_by=officer,
            recommendation=recommendation,
        )
        for agency in recommendation.agencies.order_by("name")
    ]
    move(recommendation, RecommendationStatus.ACTIONS_AGREED, officer)
    if stage == "overdue":
        return
    move(recommendation, RecommendationStatus.IN_PROGRESS, officer)
    if stage == "in_progress":
        return
    for action in actions:
        record_update(
            action,
            author=officer,
            text="Briefings given; audit done.",
            status=ActionStatus.COMPLETED,
            rag=Rag.GREEN,
        )
    add_evidence(
        recommendation,
        kind=EvidenceKind.COMPLETION,
        text="Briefing records and the audit of five cases.",
        added_by=officer,
    )
    move(recommendation, RecommendationStatus.IMPLEMENTED, officer)
    if stage == "implemented":
        return
    add_evidence(
        recommendation,
        kind=EvidenceKind.IMPACT,
        text="A re-audit three months on found the learning applied in nine of ten cases.",
        added_by=officer,
        audit_ref="Multi-agency re-audit",
    )
    move(recommendation, RecommendationStatus.IMPACT_EVIDENCED, officer)
    step_across(recommendation, officer)


def _year(officer, group) -> tuple[int, int]:
    made = 0
    practice_reviews = 0
    for i, (aware, summary, kids, late, decision, returns_late) in enumerate(YEAR, start=1):
        notification = _notification(i, aware, summary, kids, late, officer)
        review = RapidReview.objects.filter(notification=notification).first()
        if review is None:
            review = RapidReview.objects.create(
                notification=notification, starts_on=notification.notified_on or notification.aware_on
            )
            _rapid_review(review, decision, returns_late, on_time=not returns_late)
        if decision == Decision.LCSPR:
            practice_reviews += 1
            pr, created = PracticeReview.objects.get_or_create(
                rapid_review=review, defaults={"initiated_on": review.sent_to_panel_on or review.starts_on}
            )
            if created:
                start = pr.initiated_on
                pr.reviewer = "Independent reviewer (Hartley Review Associates)"
                pr.terms_of_reference = "How agencies shared information and heard the child's voice."
                pr.draft_on = start + dt.timedelta(days=100)
                if i == 1:  # the first is published; the second is at draft
                    pr.final_on = start + dt.timedelta(days=140)
                    pr.panel_told_on = start + dt.timedelta(days=160)
                    pr.published_on = start + dt.timedelta(days=175)
                pr.save()
                Engagement.objects.create(
                    practice_review=pr, who="Mother", invited_on=start + dt.timedelta(days=20), took_part=True
                )
                Engagement.objects.create(
                    practice_review=pr,
                    who="Father",
                    invited_on=start + dt.timedelta(days=20),
                    took_part=False,
                )
            made += _recommendations(
                pr, PRACTICE_REVIEW_SOURCE, pr.draft_on or pr.initiated_on, officer, group
            )
    return made, practice_reviews


def _referrals(officer, member) -> int:
    for received, agency, what, outcome, reason in REFERRALS:
        if CaseReferral.objects.filter(what_happened=what).exists():
            continue
        referral = CaseReferral.objects.create(
            referrer=member,
            referrer_agency=_agency(agency),
            received_on=received,
            what_happened=what,
            why_learning="Several agencies were involved and the picture was not shared.",
            outcome=outcome,
            outcome_reason=reason,
            triaged_by=officer,
            triaged_on=add_working_days(received, 6),
        )
        if outcome == TriageOutcome.RAPID_REVIEW:
            review = RapidReview.objects.create(
                referral=referral, starts_on=referral.triaged_on or referral.received_on
            )
            _rapid_review(review, Decision.OTHER_LEARNING, returns_late=False, on_time=True)
    return len(REFERRALS)


def _open_now(officer, practitioner, today) -> None:
    """Cases open today: a notification due soon, a rapid review mid-way, a referral awaiting triage."""
    summary = "Young child admitted with a fracture; bruising seen previously at nursery."
    if not SeriousIncidentNotification.objects.filter(summary=summary).exists():
        aware = add_working_days(today, -3)
        n = SeriousIncidentNotification.objects.create(
            incident_on=aware - dt.timedelta(days=1),
            aware_on=aware,
            summary=summary,
            died_or_seriously_harmed=True,
            abuse_or_neglect=True,
            notifying_agency=_agency(COUNCIL),
            created_by=officer,
        )
        Child.objects.create(
            notification=n,
            full_name="Rosie Demo-90",
            date_of_birth=today.replace(year=today.year - 2),
            sex=Sex.FEMALE,
            ethnicity="White British",
            nhs_number=_nhs(901),
        )
    summary = "Adolescent seriously harmed after going missing; exploitation suspected."
    if not SeriousIncidentNotification.objects.filter(summary=summary).exists():
        aware = add_working_days(today, -13)
        n = SeriousIncidentNotification.objects.create(
            incident_on=aware - dt.timedelta(days=3),
            aware_on=aware,
            summary=summary,
            died_or_seriously_harmed=True,
            abuse_or_neglect=True,
            notified_on=add_working_days(aware, 2),
            notifying_agency=_agency(POLICE),
            created_by=officer,
        )
        Child.objects.create(
            notification=n,
            full_name="Jayden Demo-91",
            date_of_birth=today.replace(year=today.year - 14),
            sex=Sex.MALE,
            ethnicity="Black British",
            nhs_number=_nhs(911),
        )
        review = RapidReview.objects.create(notification=n, starts_on=n.notified_on or aware)
        for k, name in enumerate([COUNCIL, POLICE, ICB]):
            Return.objects.create(
                rapid_review=review,
                agency=_agency(name),
                requested_on=add_working_days(review.starts_on, 1),
                due_on=deadlines.returns_due(review.starts_on),
                # The health return is outstanding: the ICB's lead sees it on "Returns your agency owes".
                received_on=None if name == ICB else add_working_days(review.starts_on, 6 + k),
            )
    what = "A pupil disclosed that a sibling had been hurt at home; several services knew the family."
    if not CaseReferral.objects.filter(what_happened=what).exists():
        CaseReferral.objects.create(
            referrer=practitioner,
            referrer_agency=practitioner.agency or _agency(SCHOOL),
            received_on=add_working_days(today, -2),
            what_happened=what,
            why_learning="Information from school, health and police may not have been brought together.",
        )


def _attach_a_return_file() -> None:
    """One return with its file, so the download page has something to serve."""
    if Return.objects.exclude(file="").exists():
        return
    received = Return.objects.filter(received_on__isnull=False, rapid_review__sent_to_panel_on__isnull=True)
    return_ = received.order_by("pk").first()
    if return_ is not None:
        text = f"Chronology from {return_.agency} (synthetic demo record).\n"
        return_.file.save("chronology.txt", ContentFile(text.encode()), save=True)


def load(rng) -> str:
    today = timezone.localdate()
    officer = _user("business.officer")
    member = _user("group.member")
    practitioner = _user("practitioner")
    group = Group.objects.filter(slug="csprg").first()
    made, practice_reviews = _year(officer, group)
    referrals = _referrals(officer, member)
    _open_now(officer, practitioner, today)
    _attach_a_return_file()
    return (
        f"{len(YEAR) + 2} notifications, {referrals + 1} referrals, {practice_reviews} practice reviews, "
        f"{made} recommendations (new)"
    )
