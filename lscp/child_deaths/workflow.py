"""A child death case's life, from the notification to the panel's conclusions.

notified → joint agency response (unexpected deaths only) → information gathering → child death
review meeting (CDRM) → panel review → closed. Child Death Review: Statutory and Operational
Guidance (England) 2018 sets the order: the JAR for an unexpected death, then information from
every agency that knew the child, then the CDRM, then the independent review by the CDOP.

Each step is one function in one transaction: nothing is half-saved. A step out of order is
refused with `StepRefused`, whose message says what to do first; a bad value is refused with a
ValidationError keyed by field, in the same words the forms use (the forms call the same
`*_problems` functions, so each rule is written once).
"""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.child_deaths import timescales
from lscp.child_deaths.categories import Category, Contribution, Domain, Modifiable, whole_years
from lscp.child_deaths.models import (
    RECOMMENDATION_SOURCE,
    STAGE_ORDER,
    ChildDeath,
    DomainScore,
    FamilyContact,
    InformationRequest,
    JointAgencyResponse,
    LearningPoint,
    PanelReview,
    ReviewMeeting,
    Stage,
)
from lscp.core.nhs_number import normalise, validate_nhs_number
from lscp.improvement.uploads import check_upload

# The panel reviews the deaths of children: people under 18 (Children Act 2004, s. 65).
ADULT_AGE = 18


class StepRefused(Exception):
    """A step the case's life does not allow now; the message says why, for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DuplicateNotification(StepRefused):
    """This child's death has already been notified: the message names the existing case."""

    def __init__(self, reason: str, existing: ChildDeath, field: str) -> None:
        super().__init__(reason)
        self.existing = existing
        self.field = field


# --- rules shared with the forms and the import ---------------------------------------------------


def _date_problem(
    field: str, label: str, value: dt.date | None, today: dt.date, not_before: Iterable = ()
) -> dict[str, str]:
    """What is wrong with one date, by field: it is in the future, or before one of `not_before`
    ((earliest, what) pairs); {} when nothing is."""
    if value is None:
        return {}
    if value > today:
        return {field: f"The {label} must be today or in the past"}
    for earliest, what in not_before:
        if earliest is not None and value < earliest:
            return {field: f"The {label} must be on or after {what}"}
    return {}


def notification_problems(
    *,
    date_of_birth: dt.date | None,
    died_on: dt.date | None,
    notified_on: dt.date | None = None,
    nhs_number: str = "",
    no_nhs_number_reason: str = "",
    today: dt.date | None = None,
) -> dict[str, str]:
    """What is wrong with a notification's dates and NHS number, by field; {} when nothing is.

    The NHS number identifies the child across agencies' systems, so it is asked for every time;
    a baby who died before registration has none, and then the reason is recorded instead.
    """
    today = today or timezone.localdate()
    problems = _date_problem("date_of_birth", "date of birth", date_of_birth, today)
    problems |= _date_problem(
        "died_on", "date of death", died_on, today, [(date_of_birth, "the date of birth")]
    )
    if "died_on" not in problems and date_of_birth and died_on:
        if whole_years(date_of_birth, died_on) >= ADULT_AGE:
            problems["died_on"] = "The child must have died before their 18th birthday"
    # A date of death that is itself wrong is not held against the other dates: one fix, one message.
    death = None if "died_on" in problems else died_on
    problems |= _date_problem(
        "notified_on", "date notified", notified_on, today, [(death, "the date of death")]
    )
    number, reason = normalise(nhs_number or ""), (no_nhs_number_reason or "").strip()
    if number and reason:
        problems["no_nhs_number_reason"] = "Leave the reason blank when you give the NHS number"
    elif not number and not reason:
        problems["nhs_number"] = "Enter the NHS number, or say why there is none"
    elif number:
        try:
            validate_nhs_number(number)
        except ValidationError as invalid:
            problems["nhs_number"] = invalid.messages[0]
    return problems


def name_key(full_name: str) -> str:
    """A name as the duplicate check compares it: case and spaces ignored ("Amy  Lee" = "amylee")."""
    return "".join(full_name.split()).casefold()


def find_duplicate(
    *, full_name: str, date_of_birth: dt.date | None, nhs_number: str = "", exclude_pk: int | None = None
) -> tuple[ChildDeath, str] | None:
    """An existing case for the same child, and the field it matched on (NHS number first)."""
    cases = ChildDeath.objects.exclude(pk=exclude_pk) if exclude_pk else ChildDeath.objects.all()
    number = normalise(nhs_number or "")
    if number:
        match = cases.filter(nhs_number=number).first()
        if match is not None:
            return match, "nhs_number"
    if full_name and date_of_birth:
        wanted = name_key(full_name)
        for case in cases.filter(date_of_birth=date_of_birth):
            if name_key(case.full_name) == wanted:
                return case, "full_name"
    return None


def duplicate_message(existing: ChildDeath, field: str) -> str:
    if field == "nhs_number":
        return (
            f"A death has already been notified for the child with this NHS number: case {existing.reference}"
        )
    return (
        "A death has already been notified for a child with this name and date of birth: "
        f"case {existing.reference}"
    )


def jar_problems(case: ChildDeath, met_on: dt.date | None, today: dt.date | None = None) -> dict[str, str]:
    today = today or timezone.localdate()
    return _date_problem(
        "met_on", "date of the JAR meeting", met_on, today, [(case.died_on, "the date of death")]
    )


def request_problems(
    case: ChildDeath, requested_on: dt.date | None, due_on: dt.date | None, today: dt.date | None = None
) -> dict[str, str]:
    today = today or timezone.localdate()
    problems = _date_problem(
        "requested_on", "date requested", requested_on, today, [(case.died_on, "the date of death")]
    )
    if due_on and requested_on and due_on < requested_on:
        problems["due_on"] = "The due date must be on or after the date requested"
    return problems


def return_problems(
    request: InformationRequest, received_on: dt.date | None, today: dt.date | None = None
) -> dict[str, str]:
    today = today or timezone.localdate()
    return _date_problem(
        "received_on",
        "date received",
        received_on,
        today,
        [(request.requested_on, "the date the information was requested")],
    )


def cdrm_problems(case: ChildDeath, held_on: dt.date | None, today: dt.date | None = None) -> dict[str, str]:
    today = today or timezone.localdate()
    return _date_problem(
        "held_on", "date of the meeting", held_on, today, [(case.died_on, "the date of death")]
    )


def panel_problems(
    case: ChildDeath,
    *,
    completed_on: dt.date | None,
    category: str,
    modifiable: str,
    scores: Mapping[str, str],
    today: dt.date | None = None,
) -> dict[str, str]:
    """The national analysis form's rules: one category, a modifiable conclusion, all four domains
    scored; "modifiable factors identified" needs a domain where factors may have contributed."""
    today = today or timezone.localdate()
    meeting = timescales.recorded(case, "review_meeting")
    problems = _date_problem(
        "completed_on",
        "date the panel concluded",
        completed_on,
        today,
        [
            (case.died_on, "the date of death"),
            (meeting.held_on if meeting else None, "the child death review meeting"),
        ],
    )
    if category not in Category.values:
        problems["category"] = "Select the category of death"
    if modifiable not in Modifiable.values:
        problems["modifiable"] = "Select whether modifiable factors were identified"
    for domain in Domain:
        if scores.get(domain.value) not in Contribution.values:
            problems[f"score_{domain.value}"] = f"Score the domain: {domain.label.lower()}"
    if modifiable == Modifiable.YES and Contribution.MAY_HAVE not in scores.values():
        problems["modifiable"] = (
            "Modifiable factors need at least one domain scored as factors that may have contributed"
        )
    return problems


def contact_problems(
    case: ChildDeath, contacted_on: dt.date | None, today: dt.date | None = None
) -> dict[str, str]:
    today = today or timezone.localdate()
    return _date_problem(
        "contacted_on", "date of contact", contacted_on, today, [(case.died_on, "the date of death")]
    )


def _refuse_problems(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


# --- the order of the steps --------------------------------------------------------------------

NEXT_STEP = {
    Stage.JOINT_AGENCY_RESPONSE: "record the joint agency response",
    Stage.INFORMATION: "ask agencies for information",
    Stage.REVIEW_MEETING: "record the child death review meeting",
    Stage.PANEL: "record the panel's review",
    Stage.CLOSED: "record the panel's review",
}


def next_stage(case: ChildDeath) -> Stage | None:
    """The stage after the case's own; an expected death goes from notified to information."""
    current = Stage(case.stage)
    if current == Stage.CLOSED:
        return None
    following = STAGE_ORDER[STAGE_ORDER.index(current) + 1]
    if following == Stage.JOINT_AGENCY_RESPONSE and not case.is_unexpected:
        return Stage.INFORMATION
    return following


def next_step(case: ChildDeath) -> str:
    """What to do next, in words ("record the joint agency response"); "" once closed."""
    following = next_stage(case)
    return NEXT_STEP[following] if following else ""


def _lock(case: ChildDeath) -> ChildDeath:
    """Read the stage afresh under a row lock, so two people moving the case at once cannot both win."""
    case.stage = ChildDeath.objects.select_for_update().values_list("stage", flat=True).get(pk=case.pk)
    return case


def _check_step(case: ChildDeath, to: Stage, doing: str, also_from: Iterable[Stage] = ()) -> None:
    """Refuse `doing` unless `to` is the case's next stage (or the case is at one of `also_from`)."""
    current = Stage(case.stage)
    if current == Stage.CLOSED:
        raise StepRefused(f"Case {case.reference} is closed: the panel has concluded its review")
    if current in also_from or next_stage(case) == to:
        return
    if STAGE_ORDER.index(current) >= STAGE_ORDER.index(to):
        raise StepRefused(f"Case {case.reference} is past that step: it is at “{current.label}”")
    raise StepRefused(f"Cannot {doing} for case {case.reference} yet: {next_step(case)} first")


def _move(case: ChildDeath, to: Stage) -> None:
    if STAGE_ORDER.index(to) > STAGE_ORDER.index(Stage(case.stage)):
        case.stage = to
        case.save(update_fields=["stage"])


# --- the steps ---------------------------------------------------------------------------------

# What a notification says, in the order the form asks it.
NOTIFICATION_FIELDS = (
    "full_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "nhs_number",
    "no_nhs_number_reason",
    "home_postcode",
    "died_on",
    "died_at",
    "place_of_death",
    "expectation",
    "notified_on",
    "notifier_name",
    "notifying_agency",
    "what_is_known",
)
# A clinician's short notification leaves these for the business unit to complete.
COMPLETED_LATER = ("ethnicity", "home_postcode", "notifier_name", "what_is_known")


@transaction.atomic
def notify(*, by, **details) -> ChildDeath:
    """A new case, at stage notified. Refused (DuplicateNotification) if the child's death is already
    recorded, by NHS number or by name and date of birth; ValidationError for bad dates or numbers."""
    unknown = set(details) - set(NOTIFICATION_FIELDS)
    if unknown:
        raise TypeError(f"notify() does not take {', '.join(sorted(unknown))}")
    details["nhs_number"] = normalise(details.get("nhs_number") or "")
    details["no_nhs_number_reason"] = (details.get("no_nhs_number_reason") or "").strip()
    details["full_name"] = " ".join((details.get("full_name") or "").split())
    _refuse_problems(
        notification_problems(
            date_of_birth=details.get("date_of_birth"),
            died_on=details.get("died_on"),
            notified_on=details.get("notified_on"),
            nhs_number=details["nhs_number"],
            no_nhs_number_reason=details["no_nhs_number_reason"],
        )
    )
    _refuse_duplicate(details)
    if details.get("notified_on") is None:
        details.pop("notified_on", None)  # the model's default: today
    case = ChildDeath(**details, notifier=by)
    if not case.notifier_name:
        case.notifier_name = by.full_name
    if case.notifying_agency_id is None:
        case.notifying_agency_id = by.agency_id
    case.full_clean(
        exclude=[name for name in COMPLETED_LATER if not getattr(case, name)], validate_constraints=False
    )
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # Someone notified the same NHS number a moment ago: the database's constraint caught it.
        _refuse_duplicate(details)
        raise
    return case


def _refuse_duplicate(details: Mapping) -> None:
    found = find_duplicate(
        full_name=details.get("full_name", ""),
        date_of_birth=details.get("date_of_birth"),
        nhs_number=details.get("nhs_number", ""),
    )
    if found:
        existing, field = found
        raise DuplicateNotification(duplicate_message(existing, field), existing, field)


@transaction.atomic
def assign_lead_nurse(case: ChildDeath, nurse, *, by) -> ChildDeath:
    """The lead nurse (key worker) who supports the family from the start; any stage, even closed:
    bereavement support does not stop when the panel concludes."""
    if nurse is None or not nurse.has_role(Role.LEAD_NURSE):
        raise StepRefused("Choose someone with the lead nurse role")
    case.lead_nurse = nurse
    case.save(update_fields=["lead_nurse"])
    return case


@transaction.atomic
def record_joint_agency_response(
    case: ChildDeath, *, met_on: dt.date, agencies: Iterable, immediate_actions: str = "", by
) -> JointAgencyResponse:
    """The JAR meeting, for an unexpected death only (Working Together 2023, ch. 6, and Child Death
    Review: Statutory and Operational Guidance 2018: an unexpected death triggers a joint agency
    response). An expected death has none."""
    _lock(case)
    if not case.is_unexpected:
        raise StepRefused(
            f"Case {case.reference} is an expected death: it has no joint agency response; "
            "ask agencies for information next"
        )
    _check_step(case, Stage.JOINT_AGENCY_RESPONSE, "record the joint agency response")
    _refuse_problems(jar_problems(case, met_on))
    response = JointAgencyResponse.objects.create(
        case=case, met_on=met_on, immediate_actions=immediate_actions.strip()
    )
    response.agencies.set(agencies)
    _move(case, Stage.JOINT_AGENCY_RESPONSE)
    return response


@transaction.atomic
def request_information(
    case: ChildDeath,
    agencies: Iterable,
    *,
    by,
    requested_on: dt.date | None = None,
    due_on: dt.date | None = None,
) -> list[InformationRequest]:
    """Ask several agencies at once for the statutory reporting form, each due by the local timescale
    (or `due_on`). More can be asked later, while the case is open, without moving it back."""
    _lock(case)
    _check_step(
        case,
        Stage.INFORMATION,
        "ask agencies for information",
        also_from=(Stage.INFORMATION, Stage.REVIEW_MEETING, Stage.PANEL),
    )
    agencies = list(agencies)
    if not agencies:
        raise ValidationError({"agencies": "Select at least one agency"})
    requested_on = requested_on or timezone.localdate()
    due_on = due_on or timescales.information_due(case, requested_on)
    _refuse_problems(request_problems(case, requested_on, due_on))
    asked = set(case.information_requests.values_list("agency_id", flat=True))
    again = sorted(str(agency) for agency in agencies if agency.pk in asked)
    if again:
        raise ValidationError({"agencies": f"Information has already been asked of {', '.join(again)}"})
    requests = [
        InformationRequest.objects.create(case=case, agency=agency, requested_on=requested_on, due_on=due_on)
        for agency in agencies
    ]
    _move(case, Stage.INFORMATION)
    return requests


@transaction.atomic
def record_return(
    request: InformationRequest, *, upload, by, received_on: dt.date | None = None
) -> InformationRequest:
    """An agency's completed reporting form, kept privately. The file is checked (type by its
    content, size) before anything is saved: improvement.uploads.FileRefused says why not."""
    check_upload(upload)
    received_on = received_on or timezone.localdate()
    _refuse_problems(return_problems(request, received_on))
    request.file.save(upload.name, upload, save=False)
    request.received_on = received_on
    request.uploaded_by = by
    request.save(update_fields=["file", "received_on", "uploaded_by"])
    return request


@transaction.atomic
def record_cdrm(
    case: ChildDeath, *, held_on: dt.date, attendees: str, draft_learning: str = "", by
) -> ReviewMeeting:
    """The child death review meeting (CDRM) of the professionals who knew the child."""
    _lock(case)
    _check_step(case, Stage.REVIEW_MEETING, "record the child death review meeting")
    problems = cdrm_problems(case, held_on)
    if not attendees.strip():
        problems["attendees"] = "Enter who attended"
    _refuse_problems(problems)
    meeting = ReviewMeeting.objects.create(
        case=case, held_on=held_on, attendees=attendees.strip(), draft_learning=draft_learning.strip()
    )
    _move(case, Stage.REVIEW_MEETING)
    return meeting


@transaction.atomic
def list_for_panel(case: ChildDeath, *, by) -> ChildDeath:
    """The case is ready for the panel (its CDRM held): it waits at stage panel review."""
    _lock(case)
    _check_step(case, Stage.PANEL, "list the case for the panel")
    _move(case, Stage.PANEL)
    return case


@transaction.atomic
def record_panel_review(
    case: ChildDeath,
    *,
    completed_on: dt.date,
    category: str,
    modifiable: str,
    scores: Mapping[str, str],
    factors: Iterable = (),
    learning_points: Iterable[str] = (),
    conclusions: str = "",
    notes: Mapping[str, str] | None = None,
    meeting=None,
    by,
) -> PanelReview:
    """The panel's conclusions, in the shape of the national analysis form; the case closes.

    Recorded from the panel review stage, or straight after the CDRM: recording the conclusions
    is the panel review, so the case passes through that stage to closed.
    """
    _lock(case)
    _check_step(case, Stage.PANEL, "record the panel's review", also_from=(Stage.PANEL,))
    _refuse_problems(
        panel_problems(
            case, completed_on=completed_on, category=category, modifiable=modifiable, scores=scores
        )
    )
    review = PanelReview.objects.create(
        case=case,
        meeting=meeting,
        completed_on=completed_on,
        category=category,
        modifiable=modifiable,
        conclusions=conclusions.strip(),
    )
    notes = notes or {}
    # One row at a time (a handful), so that the change log records each.
    for domain in Domain.values:
        DomainScore.objects.create(
            review=review, domain=domain, contribution=scores[domain], note=notes.get(domain, "")
        )
    review.factors.set(factors)
    for text in learning_points:
        if text.strip():
            LearningPoint.objects.create(review=review, text=text.strip())
    _move(case, Stage.CLOSED)
    return review


@transaction.atomic
def record_family_contact(
    case: ChildDeath,
    *,
    contacted_on: dt.date,
    summary: str,
    by,
    bereavement_support_offered: bool = False,
    support_notes: str = "",
) -> FamilyContact:
    """One contact in the lead nurse's log of support for the bereaved family."""
    problems = contact_problems(case, contacted_on)
    if not summary.strip():
        problems["summary"] = "Enter what was discussed"
    _refuse_problems(problems)
    return FamilyContact.objects.create(
        case=case,
        contacted_on=contacted_on,
        made_by=by,
        summary=summary.strip(),
        bereavement_support_offered=bereavement_support_offered,
        support_notes=support_notes.strip(),
    )


@transaction.atomic
def learning_point_to_recommendation(
    point: LearningPoint, group, agencies: Iterable, user, *, made_on=None, due_date=None, themes=()
):
    """Carry a point of the panel's learning into the golden thread as a recommendation, once."""
    from lscp.improvement.recommendations import raise_recommendation

    point = LearningPoint.objects.select_for_update().select_related("review").get(pk=point.pk)
    if point.recommendation_id is not None:
        raise StepRefused("This learning point is already a recommendation")
    recommendation = raise_recommendation(
        source=point.review,
        source_kind=RECOMMENDATION_SOURCE,
        text=point.text,
        group=group,
        agencies=agencies,
        made_on=made_on or timezone.localdate(),
        raised_by=user,
        themes=themes,
        due_date=due_date,
    )
    point.recommendation = recommendation
    point.save(update_fields=["recommendation"])
    return recommendation


# --- chasing -----------------------------------------------------------------------------------


def business_unit_addresses() -> list[str]:
    """Active business managers and officers: the people who chase agencies."""
    from lscp.accounts.models import User

    return sorted(
        set(
            User.objects.filter(
                is_active=True, groups__name__in=[Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER]
            ).values_list("email", flat=True)
        )
    )


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _case_link(case: ChildDeath) -> str:
    from django.conf import settings

    try:
        return "\n\nSign in to see the case:\n" + settings.LSCP_BASE_URL.rstrip("/") + case.get_absolute_url()
    except NoReverseMatch:  # the case pages are not installed: the reference is enough to find it
        return ""


def chase_message(request: InformationRequest) -> tuple[str, str]:
    """Subject and body: the case reference, the agency and the dates, nothing about the child."""
    reference = request.case.reference
    subject = f"Child death {reference}: information from {request.agency} is overdue"
    body = (
        f"The information asked of {request.agency} for child death case {reference} "
        f"on {_date(request.requested_on)} was due on {_date(request.due_on)} and has not come in."
        f"{_case_link(request.case)}\n\n"
        "The case's details are in the system, never in email."
    )
    return subject, body


def chase_overdue_information(today: dt.date | None = None) -> int:
    """Email the business unit about each information request past its due date and not in, at
    most once per request a day (`chased_on`); returns how many requests were chased.

    Each request is claimed by a conditional update in its own transaction with its emails, so a
    second run the same day, or two at once, chases nothing twice.
    """
    from lscp.core.mail import send

    today = today or timezone.localdate()
    recipients = business_unit_addresses()
    if not recipients:
        return 0
    overdue = (
        InformationRequest.objects.filter(received_on__isnull=True, due_on__lt=today)
        .filter(Q(chased_on__isnull=True) | Q(chased_on__lt=today))
        .exclude(case__stage=Stage.CLOSED)
        .select_related("case", "agency")
        .order_by("due_on", "pk")
    )
    chased = 0
    for request in overdue:
        with transaction.atomic():
            claimed = (
                InformationRequest.objects.filter(pk=request.pk)
                .filter(Q(chased_on__isnull=True) | Q(chased_on__lt=today))
                .update(chased_on=today)
            )
            if not claimed:
                continue  # another run chased it today
            subject, body = chase_message(request)
            for address in recipients:
                send([address], subject, body)
        chased += 1
    return chased
