"""The demo partnership's Child Death Overview Panel: two years of closed reviews and a few open
cases, one at every stage.

The closed reviews are shaped like a partnership's 2021-22 year, when the panel worked through a
backlog: 25 reviews completed (7 the year before) of deaths from 2017 to 2021, 7 of them
unexpected, 11 with modifiable factors. Nothing here states those figures: they come out of the
analysis of the records below, as they would for a real panel.

Every name is invented; the children are synthetic, with NHS numbers in the 999 test range that
pass the check digit. A case is found by its NHS number, so loading again changes nothing.
"""

import datetime as dt
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.utils import timezone

from lscp.accounts.demo import role_email
from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.child_deaths.categories import (
    DEFAULT_FACTORS,
    Category,
    Contribution,
    Domain,
    Expectation,
    Modifiable,
    Sex,
)
from lscp.child_deaths.models import (
    ChildDeath,
    DomainScore,
    Factor,
    FamilyContact,
    InformationRequest,
    JointAgencyResponse,
    LearningPoint,
    PanelReview,
    ReviewMeeting,
    Stage,
)
from lscp.core.models import Agency
from lscp.core.nhs_number import with_check_digit
from lscp.governance.models import Group, Meeting

DEPENDS_ON = ["core", "accounts", "governance"]

COUNCIL = "Westbrook Metropolitan District Council"
POLICE = "West Moorland Police"
HOSPITAL = "Westbrook Teaching Hospitals NHS Trust"
COMMUNITY = "Moorland Community and Mental Health NHS Foundation Trust"
GP = "Westbrook GP Federation"
AMBULANCE = "Northern Moors Ambulance Service NHS Trust"
SCHOOL = "Westbrook Academy"


# Named factors, as the panel's list names them (categories.DEFAULT_FACTORS).
SMOKING = "Smoking"
SUBSTANCES = "Parental substance use"
ALCOHOL = "Parental alcohol use"
UNSAFE_SLEEP = "Unsafe sleep"
DOMESTIC_ABUSE = "Domestic abuse"
MENTAL_HEALTH = "Parental mental ill-health"

U, E = Expectation.UNEXPECTED, Expectation.EXPECTED
M, F = Sex.MALE, Sex.FEMALE
YES, NO, INSUFFICIENT = Modifiable.YES, Modifiable.NO, Modifiable.INSUFFICIENT

# The CDOP's meetings in 2021-22, as governance's demo schedules them (every eight weeks from
# 15 April 2021). A review is concluded at the panel meeting nearest its slot's date.
PANELS_2021_22 = [
    dt.date(2021, 4, 15),
    dt.date(2021, 6, 10),
    dt.date(2021, 8, 5),
    dt.date(2021, 9, 30),
    dt.date(2021, 11, 25),
    dt.date(2022, 1, 20),
    dt.date(2022, 3, 17),
]


class Closed(NamedTuple):
    first_name: str
    sex: Sex
    died_on: dt.date
    age_days: int
    expectation: Expectation
    category: Category
    modifiable: Modifiable
    factors: tuple[str, ...]
    concluded: dt.date  # the panel date (for 2021-22, one of PANELS_2021_22)


P = PANELS_2021_22
CLOSED = [
    # Reviews completed in 2021-22: a backlog of deaths from 2017 to 2021.
    Closed("Alfie", M, dt.date(2019, 2, 11), 95, U, Category.SUDDEN_UNEXPLAINED, YES,
           (UNSAFE_SLEEP, SMOKING, SUBSTANCES, ALCOHOL), P[0]),
    Closed("Isla", F, dt.date(2019, 11, 3), 140, U, Category.SUDDEN_UNEXPLAINED, YES,
           (UNSAFE_SLEEP, SMOKING, SUBSTANCES, ALCOHOL), P[1]),
    Closed("Freddie", M, dt.date(2020, 6, 21), 62, U, Category.SUDDEN_UNEXPLAINED, YES,
           (UNSAFE_SLEEP, SMOKING, SUBSTANCES, DOMESTIC_ABUSE), P[2]),
    Closed("Ruby", F, dt.date(2020, 9, 14), 210, U, Category.SUDDEN_UNEXPLAINED, YES,
           (UNSAFE_SLEEP, SMOKING, ALCOHOL), P[3]),
    Closed("Arlo", M, dt.date(2021, 1, 8), 120, U, Category.SUDDEN_UNEXPLAINED, YES,
           (UNSAFE_SLEEP, SUBSTANCES, ALCOHOL), P[4]),
    Closed("Nova", F, dt.date(2021, 3, 29), 700, U, Category.SUDDEN_UNEXPLAINED, YES,
           (SUBSTANCES, ALCOHOL, DOMESTIC_ABUSE), P[5]),
    Closed("Leo", M, dt.date(2018, 3, 2), 3, E, Category.PERINATAL, YES, (SMOKING, SUBSTANCES), P[0]),
    Closed("Maisie", F, dt.date(2019, 7, 19), 1, E, Category.PERINATAL, YES, (SMOKING, ALCOHOL), P[1]),
    Closed("Oscar", M, dt.date(2020, 12, 5), 9, E, Category.PERINATAL, YES,
           (SUBSTANCES, ALCOHOL, DOMESTIC_ABUSE), P[3]),
    Closed("Evie", F, dt.date(2021, 2, 17), 0, E, Category.PERINATAL, NO, (), P[4]),
    Closed("Jude", M, dt.date(2021, 5, 30), 2, E, Category.PERINATAL, NO, (), P[6]),
    Closed("Hallie", F, dt.date(2017, 8, 23), 15, E, Category.ANOMALIES, NO, (), P[0]),
    Closed("Reuben", M, dt.date(2018, 10, 9), 20, E, Category.ANOMALIES, NO, (), P[2]),
    Closed("Mabel", F, dt.date(2020, 4, 16), 260, E, Category.ANOMALIES, NO, (), P[3]),
    Closed("Ezra", M, dt.date(2021, 6, 12), 1300, E, Category.ANOMALIES, NO, (), P[6]),
    Closed("Imogen", F, dt.date(2017, 12, 1), 2900, E, Category.CHRONIC, NO, (), P[1]),
    Closed("Tobias", M, dt.date(2019, 5, 25), 4600, E, Category.CHRONIC, NO, (), P[2]),
    Closed("Darcy", F, dt.date(2020, 10, 30), 5900, E, Category.CHRONIC, NO, (), P[5]),
    Closed("Felix", M, dt.date(2018, 6, 14), 2300, E, Category.MALIGNANCY, NO, (), P[1]),
    Closed("Poppy", F, dt.date(2020, 2, 20), 4200, E, Category.MALIGNANCY, NO, (), P[4]),
    Closed("Rory", M, dt.date(2019, 9, 6), 1500, E, Category.TRAUMA, NO, (), P[3]),
    Closed("Lyla", F, dt.date(2021, 4, 18), 3900, E, Category.TRAUMA, NO, (), P[6]),
    Closed("Harvey", M, dt.date(2020, 8, 8), 2000, E, Category.ACUTE, NO, (), P[4]),
    Closed("Willow", F, dt.date(2021, 1, 25), 300, E, Category.INFECTION, YES, (SMOKING,), P[5]),
    Closed("Kai", M, dt.date(2021, 7, 3), 5700, U, Category.SUICIDE, YES,
           (DOMESTIC_ABUSE, MENTAL_HEALTH), P[6]),
    # Reviews completed in 2020-21, before the demo's meetings begin.
    Closed("Jasper", M, dt.date(2018, 11, 20), 150, U, Category.SUDDEN_UNEXPLAINED, YES,
           (UNSAFE_SLEEP, SMOKING), dt.date(2020, 6, 18)),
    Closed("Elsie", F, dt.date(2019, 8, 2), 5, E, Category.PERINATAL, NO, (), dt.date(2020, 6, 18)),
    Closed("Bobby", M, dt.date(2019, 12, 12), 3300, E, Category.CHRONIC, NO, (), dt.date(2020, 10, 15)),
    Closed("Clara", F, dt.date(2020, 1, 30), 45, E, Category.ANOMALIES, NO, (), dt.date(2020, 10, 15)),
    Closed("Louie", M, dt.date(2020, 3, 9), 5200, U, Category.TRAUMA, INSUFFICIENT, (), dt.date(2021, 2, 11)),
    Closed("Aria", F, dt.date(2020, 5, 21), 1800, E, Category.MALIGNANCY, NO, (), dt.date(2021, 2, 11)),
    Closed("Otis", M, dt.date(2020, 7, 2), 2, E, Category.PERINATAL, YES, (SMOKING,), dt.date(2021, 3, 18)),
]  # fmt: skip

# Open cases, one at each stage: (first name, sex, days since the death, age in days, expected?,
# stage). Dated back from the day the demo is first loaded.
OPEN = [
    ("Sienna", F, 2, 200, U, Stage.NOTIFIED),
    ("Finley", M, 9, 1150, U, Stage.JOINT_AGENCY_RESPONSE),
    ("Matilda", F, 35, 3400, E, Stage.INFORMATION),
    ("Zachary", M, 100, 5200, U, Stage.REVIEW_MEETING),
    ("Esme", F, 160, 20, E, Stage.PANEL),
]

PLACE = {
    Category.SUDDEN_UNEXPLAINED: "Home",
    Category.PERINATAL: "Neonatal unit, Westbrook Teaching Hospitals",
    Category.ANOMALIES: "Children's ward, Westbrook Teaching Hospitals",
    Category.CHRONIC: "Home, with palliative care",
    Category.MALIGNANCY: "Moorland children's hospice",
    Category.TRAUMA: "Paediatric intensive care, Westbrook Teaching Hospitals",
    Category.ACUTE: "Emergency department, Westbrook Teaching Hospitals",
    Category.INFECTION: "Children's ward, Westbrook Teaching Hospitals",
    Category.SUICIDE: "Outdoors, near home",
}
WHAT_IS_KNOWN = {
    U: "Found unresponsive; ambulance called, resuscitation attempted and stopped in hospital.",
    E: "Died in the care of the treating team, who had talked with the family about the expected death.",
}
CONCLUSIONS = {
    Category.SUDDEN_UNEXPLAINED: "No cause was found at post-mortem. The sleeping arrangements that night "
    "and the circumstances at home may have added to the risk.",
    Category.PERINATAL: "Born very early after a pregnancy with limited antenatal care; the neonatal "
    "care given was of a good standard.",
    Category.ANOMALIES: "A genetic condition diagnosed before birth; the family were supported to plan "
    "the care they wanted.",
    Category.CHRONIC: "A long-term condition managed by specialist teams; end-of-life care was planned "
    "with the family.",
    Category.MALIGNANCY: "Treatment followed the national protocol; the family chose hospice care at the "
    "end.",
    Category.TRAUMA: "A rare complication after planned surgery, reported and investigated by the trust.",
    Category.ACUTE: "A sudden illness that progressed quickly despite prompt treatment.",
    Category.INFECTION: "A severe chest infection; the home was smoky and the family had not been offered "
    "help to stop smoking.",
    Category.SUICIDE: "A young person known to several services, whose worries at home were not brought "
    "together in one picture.",
}
LEARNING = {
    Category.SUDDEN_UNEXPLAINED: [
        "Safer sleep advice should be given again at every health visiting contact, not only at birth.",
        "Practitioners should ask about alcohol and drug use when talking about sleeping arrangements.",
    ],
    Category.PERINATAL: ["Offer help to stop smoking at the booking appointment and at every scan."],
    Category.ANOMALIES: ["Parallel planning with the family worked well and should be the usual approach."],
    Category.CHRONIC: ["Advance care plans should be shared with the ambulance service as soon as agreed."],
    Category.MALIGNANCY: ["Siblings should be offered their own bereavement support."],
    Category.TRAUMA: ["The trust's own investigation should be shared with the panel before it meets."],
    Category.ACUTE: ["Parents valued clear written advice on when to seek help again."],
    Category.INFECTION: ["Health visitors should refer smoking households to the stop smoking service."],
    Category.SUICIDE: [
        "Schools, health and social care should share concerns about a young person's mood early.",
        "Domestic abuse at home should prompt questions about how the children are coping.",
    ],
}
ETHNICITIES = ["White British", "Pakistani", "White and Black Caribbean", "Indian", "White Other"]
INTRINSIC = {Category.PERINATAL, Category.ANOMALIES, Category.CHRONIC, Category.MALIGNANCY}


def _agency(name: str) -> Agency | None:
    return Agency.objects.filter(name=name).first()


def _nhs(seq: int) -> str:
    """A valid test-range number of the panel's own (99970....), apart from other demos' children."""
    n = seq
    while (number := with_check_digit(f"99970{n:04d}")) is None:
        n += 100  # nine digits with no valid check digit: step past them
    return number


def lead_nurse() -> User:
    """The demo's lead nurse sign-in (accounts' demo makes one sign-in per role)."""
    return User.objects.get(email=role_email(Role.LEAD_NURSE))


def _factors() -> dict[str, Factor]:
    domains = dict(DEFAULT_FACTORS)
    return {
        name: Factor.objects.get_or_create(name=name, defaults={"domain": domains[name]})[0]
        for name in (SMOKING, SUBSTANCES, ALCOHOL, UNSAFE_SLEEP, DOMESTIC_ABUSE, MENTAL_HEALTH)
    }


def _panel_meeting(day: dt.date) -> Meeting | None:
    """The CDOP meeting within a fortnight of `day`, if governance's demo held one."""
    return (
        Meeting.objects.filter(
            group__slug="cdop",
            is_cancelled=False,
            starts_at__date__range=(day - dt.timedelta(days=14), day + dt.timedelta(days=14)),
        )
        .order_by("starts_at")
        .first()
    )


def _case(
    seq: int, first_name: str, sex: Sex, died_on, age_days: int, expectation: Expectation, place: str, nurse
) -> ChildDeath:
    return ChildDeath.objects.create(
        full_name=f"{first_name} Demo-C{seq:02d}",
        date_of_birth=died_on - dt.timedelta(days=age_days),
        sex=sex,
        ethnicity=ETHNICITIES[seq % len(ETHNICITIES)],
        nhs_number=_nhs(seq),
        home_postcode=f"WB{seq % 9 + 1} {seq % 7 + 2}QT",
        died_on=died_on,
        place_of_death=place,
        expectation=expectation,
        notified_on=died_on + dt.timedelta(days=1),
        notifier_name="Duty paediatric registrar" if expectation == E else "Emergency department consultant",
        notifying_agency=_agency(HOSPITAL),
        what_is_known=WHAT_IS_KNOWN[expectation],
        lead_nurse=nurse,
    )


def _joint_agency_response(case: ChildDeath, met_on: dt.date) -> None:
    response = JointAgencyResponse.objects.create(
        case=case,
        met_on=met_on,
        immediate_actions="Home visit with the police; siblings' safety checked; the family's GP told.",
    )
    response.agencies.set(a for a in map(_agency, [POLICE, COUNCIL, HOSPITAL, AMBULANCE]) if a)


def _information(case: ChildDeath, requested_on: dt.date, overdue: str = "") -> None:
    """The reporting form asked of each agency that knew the child, due three weeks on; all
    returned except from the agency named `overdue`."""
    names = [GP, HOSPITAL, COMMUNITY] + ([POLICE, COUNCIL] if case.is_unexpected else [])
    if case.age_in_years >= 5:
        names.append(SCHOOL)
    for k, name in enumerate(names):
        agency = _agency(name)
        if agency is None:
            continue
        InformationRequest.objects.create(
            case=case,
            agency=agency,
            requested_on=requested_on,
            due_on=requested_on + dt.timedelta(days=21),
            received_on=None if name == overdue else requested_on + dt.timedelta(days=8 + 2 * k),
        )


def _review_meeting(case: ChildDeath, held_on: dt.date) -> None:
    ReviewMeeting.objects.create(
        case=case,
        held_on=held_on,
        attendees="Consultant paediatrician\nGP\nHealth visitor\nLead nurse for child death review",
        draft_learning="What the professionals who knew the child would do differently, drafted for the "
        "panel.",
    )


def _contacts(case: ChildDeath, nurse, days: list[dt.date]) -> None:
    for n, day in enumerate(days):
        FamilyContact.objects.create(
            case=case,
            contacted_on=day,
            made_by=nurse,
            summary=[
                "Met the parents at the hospital; explained what happens after a child dies.",
                "Telephone call: the family asked about the post-mortem and when they would hear.",
                "Home visit: shared the outcome of the review meeting in plain words.",
            ][n % 3],
            bereavement_support_offered=n == 0,
            support_notes="Referred to the regional child bereavement service." if n == 0 else "",
        )


def _scores(spec: Closed, domains: dict[str, str]) -> dict[str, str]:
    """The panel's score for each domain: factors in a domain may have contributed; intrinsic
    conditions count in the child's own domain; missing information means not known."""
    named = {domains[name] for name in spec.factors}
    scores: dict[str, str] = {}
    for domain in Domain:
        if domain.value in named or (domain == Domain.CHILD and spec.category in INTRINSIC):
            scores[domain.value] = Contribution.MAY_HAVE
        elif spec.modifiable == INSUFFICIENT and domain == Domain.SERVICES:
            scores[domain.value] = Contribution.NOT_KNOWN
        else:
            scores[domain.value] = Contribution.NONE
    return scores


def _closed(seq: int, spec: Closed, nurse, factors: dict[str, Factor]) -> bool:
    if ChildDeath.objects.filter(nhs_number=_nhs(seq)).exists():
        return False
    place = PLACE[spec.category]
    case = _case(seq, spec.first_name, spec.sex, spec.died_on, spec.age_days, spec.expectation, place, nurse)
    if case.is_unexpected:
        _joint_agency_response(case, spec.died_on + dt.timedelta(days=3))
    _information(case, spec.died_on + dt.timedelta(days=4))
    held_on = min(spec.died_on + dt.timedelta(days=85), spec.concluded - dt.timedelta(days=21))
    _review_meeting(case, held_on)
    _contacts(case, nurse, [spec.died_on + dt.timedelta(days=1), held_on + dt.timedelta(days=7)])
    meeting = _panel_meeting(spec.concluded)
    review = PanelReview.objects.create(
        case=case,
        meeting=meeting,
        completed_on=timezone.localtime(meeting.starts_at).date() if meeting else spec.concluded,
        category=spec.category,
        modifiable=spec.modifiable,
        conclusions=CONCLUSIONS[spec.category],
    )
    domains = {name: factor.domain for name, factor in factors.items()}
    for domain, contribution in _scores(spec, domains).items():
        DomainScore.objects.create(review=review, domain=domain, contribution=contribution)
    review.factors.set(factors[name] for name in spec.factors)
    for text in LEARNING[spec.category]:
        LearningPoint.objects.create(review=review, text=text)
    case.stage = Stage.CLOSED
    case.save(update_fields=["stage"])
    return True


def _open(seq: int, spec: tuple, nurse, today: dt.date) -> bool:
    """A case still moving: each step up to its stage done, as the workflow would have done it
    (the stage is the last step taken)."""
    first_name, sex, days_ago, age_days, expectation, stage = spec
    if ChildDeath.objects.filter(nhs_number=_nhs(seq)).exists():
        return False
    died_on = today - dt.timedelta(days=days_ago)
    place = "Home" if expectation == U else "Children's ward, Westbrook Teaching Hospitals"
    case = _case(seq, first_name, sex, died_on, age_days, expectation, place, nurse)
    reached = list(Stage).index(stage)
    contacts = [died_on + dt.timedelta(days=1)]
    if case.is_unexpected and reached >= list(Stage).index(Stage.JOINT_AGENCY_RESPONSE):
        _joint_agency_response(case, died_on + dt.timedelta(days=3))
    if reached >= list(Stage).index(Stage.INFORMATION):
        # The open information case has one return overdue: the panel is waiting on the GPs.
        overdue = GP if stage == Stage.INFORMATION else ""
        _information(case, died_on + dt.timedelta(days=4), overdue=overdue)
        contacts.append(died_on + dt.timedelta(days=14))
    if reached >= list(Stage).index(Stage.REVIEW_MEETING):
        held_on = died_on + dt.timedelta(days=days_ago - 12 if stage == Stage.REVIEW_MEETING else 90)
        _review_meeting(case, held_on)
        contacts.append(held_on + dt.timedelta(days=5))
    _contacts(case, nurse, contacts)
    case.stage = stage
    case.save(update_fields=["stage"])
    return True


def load(rng) -> str:
    nurse = lead_nurse()
    factors = _factors()
    today = timezone.localdate()
    new = sum(_closed(seq, spec, nurse, factors) for seq, spec in enumerate(CLOSED, start=1))
    start = len(CLOSED) + 1
    new += sum(_open(seq, spec, nurse, today) for seq, spec in enumerate(OPEN, start=start))
    _notified_by_police()
    _attach_a_reporting_form()
    _learning_into_the_golden_thread()
    return f"{len(CLOSED)} closed reviews and {len(OPEN)} open cases ({new} new)"


def _notified_by_police() -> None:
    """The newest case was notified by the demo's police detective, who sits on no child death
    group: signed in as them, the case shows only what they reported."""
    case = ChildDeath.objects.filter(stage=Stage.NOTIFIED).order_by("pk").first()
    if case is not None and case.notifier_id is None:
        case.notifier = User.objects.get(email=role_email(Role.GROUP_MEMBER))
        case.notifying_agency = case.notifier.agency
        case.save(update_fields=["notifier", "notifying_agency"])


def _attach_a_reporting_form() -> None:
    """One agency's returned form as a file, so the case page has one to hand out."""
    received = InformationRequest.objects.filter(received_on__isnull=False)
    if received.exclude(file="").exists():
        return
    request = received.filter(case__stage=Stage.INFORMATION).order_by("pk").first()
    if request is not None:
        text = f"Reporting form from {request.agency} (synthetic demo record).\n"
        request.file.save("reporting-form.txt", ContentFile(text.encode()), save=True)


def _learning_into_the_golden_thread() -> None:
    """The panel made one of its learning points a recommendation to the hospital and the GPs."""
    if LearningPoint.objects.filter(recommendation__isnull=False).exists():
        return
    point = LearningPoint.objects.filter(review__case__stage=Stage.CLOSED).order_by("pk").first()
    group = Group.objects.filter(slug="cdop").first()
    if point is None or group is None:
        return
    from lscp.child_deaths.workflow import learning_point_to_recommendation

    officer = User.objects.get(email=role_email(Role.BUSINESS_OFFICER))
    agencies = [a for a in map(_agency, [HOSPITAL, GP]) if a]
    learning_point_to_recommendation(point, group, agencies, officer, made_on=point.review.completed_on)
