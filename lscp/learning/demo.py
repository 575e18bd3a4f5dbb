"""The demo partnership's learning and development: a year like the reference report's (2021-22),
and what is on offer now.

- The courses and masterclasses the reference year ran, each with its sessions through the year:
  the multi-agency "Working Together" course every month, the specialist courses each quarter or
  so, the two masterclasses and the safeguarding week webinar. Over 830 practitioners (invented
  names, from the agencies of the demo) attended something; some booked and did not come, or
  cancelled too late, and were charged under the non-attendance policy.
- Evaluations on the day (about nine in ten say their skills and knowledge improved) and impact
  follow-ups three to six months later, some with examples the business unit chose to publish.
- One Minute Guides, 7-Point Briefings, a video, a toolkit, guidance and a draft podcast on the
  year's topics, each with its versions (links; one has a file) and a review date, some past it.
- Learning themes: the improvement demo's themes (some stepped across from reviews and audits)
  plus the topics of the offer. "Working with men" is a need nothing covers yet.
- Today's offer: sessions in the coming weeks (one full, with a waiting list; one needing line
  manager approval) and the babies masterclass as a recording on demand.
- The demo practitioner (practitioner@demo.lscp.invalid) has attended courses, has an evaluation
  and a follow-up to fill in, a place booked, a place on a waiting list and the recording to watch.

Everything is written in bulk. A second run finds the core course and changes nothing, except to
add a fresh set of upcoming sessions once every one of them is in the past.
"""

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group as RoleGroup
from django.core.files.base import ContentFile
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from lscp.accounts.demo import DOMAIN, MEMBERS, SIGN_INS, member_email, role_email
from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core import figures_cache
from lscp.core.calendar import is_working_day
from lscp.core.models import Agency, AgencyKind
from lscp.improvement.models import LearningTheme
from lscp.learning.models import (
    Booking,
    BookingStatus,
    Course,
    CourseAudience,
    CourseFormat,
    EmailKind,
    Evaluation,
    FollowUp,
    LearnerProfile,
    LearningEmail,
    Resource,
    ResourceKind,
    ResourceVersion,
    Session,
    UsedLearning,
)
from lscp.learning.report import KEPT

DEPENDS_ON = ["core", "accounts", "governance", "improvement", "reviews", "child_deaths"]

CORE_SLUG = "working-together-to-safeguard-children"
YEAR_START, YEAR_END = dt.date(2021, 4, 1), dt.date(2022, 3, 31)
LEARNERS_DOMAIN = f"learners.{DOMAIN}"
WEBSITE = "https://westbrookscp.example.org"
REACHED = 868  # practitioners who attended something in 2021-22 ("over 830")
NEVER_CAME = 40  # booked in the year but never attended anything
S = BookingStatus
F = CourseFormat
Person = tuple[int, int | None, str]  # (user pk, agency pk, email)
K = AgencyKind

# ------------------------------------------------------------------------------------- themes

# Learning themes beyond the improvement demo's (which this finds by name).
THEMES = [
    ("Child exploitation", "Criminal and sexual exploitation, online and offline, and extra-familial harm."),
    ("Neglect", "Recognising and responding to neglect, using the partnership's neglect toolkit."),
    ("Private fostering", "Spotting private fostering arrangements and telling children's social care."),
    ("Managing allegations", "Allegations against people who work or volunteer with children; the LADO."),
    ("Safer recruitment", "Recruiting staff and volunteers safely, and the checks that go with it."),
    ("Child death review", "The child death review process and the joint agency response."),
    ("Mental health", "Children's and parents' mental health, and first aid for it."),
]

# --------------------------------------------------------------------------------- courses


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    format: str
    minutes: int
    themes: tuple[str, ...]
    kinds: tuple[str, ...]  # agency kinds it is for
    summary: str
    outcomes: str
    trainers: tuple[str, ...]  # members' full names (lscp.accounts.demo.MEMBERS)
    # The year's sessions: (months, weekday 0=Monday, nth in month, start hh:mm) or explicit dates.
    months: tuple[int, ...] = ()
    weekday: int = 1
    nth: int = 2
    starts: str = "09:30"
    dates: tuple[dt.date, ...] = ()
    capacity: int = 20
    attend: tuple[float, float] = (0.78, 0.92)  # share of the capacity that attends
    audience: str = ""
    approval: bool = False
    published: bool = True


EVERYONE = (
    K.LOCAL_AUTHORITY,
    K.POLICE,
    K.HEALTH,
    K.NHS_PROVIDER,
    K.SCHOOL,
    K.COLLEGE,
    K.EARLY_YEARS,
    K.VOLUNTARY,
)
COURSES = [
    CourseSpec(
        CORE_SLUG,
        "Working Together to Safeguard Children: a shared responsibility",
        F.VIRTUAL,
        180,
        ("Professional curiosity and challenge", "Think family"),
        EVERYONE,
        "The partnership's core multi-agency course: what each agency does, how to share a concern, "
        "and how the continuum of need and the front door work in Westbrook.",
        "Know your own and other agencies' safeguarding roles\nKnow how and when to share information\n"
        "Use the continuum of need to decide what help a family needs\nKnow how to escalate a concern",
        ("Sunita Chauhan", "Fiona McLeod"),
        months=(4, 5, 6, 7, 9, 10, 11, 12, 1, 2, 3),
        weekday=1,
        nth=2,
        capacity=24,
        audience="Anyone who works or volunteers with children and families",
    ),
    CourseSpec(
        "safeguarding-babies-and-infants-masterclass",
        "Safeguarding Babies and Infants Masterclass",
        F.MASTERCLASS,
        180,
        ("Safe sleep", "Think family"),
        (K.HEALTH, K.NHS_PROVIDER, K.LOCAL_AUTHORITY, K.EARLY_YEARS, K.VOLUNTARY),
        "Specialist practitioners on local responses to babies and infants, infant mental health, the "
        "impact of parents' mental ill-health, and learning from recent reviews and audits.",
        "Recognise the particular vulnerability of babies\nKnow the non-mobile babies protocol\n"
        "Understand infant mental health and the effect of parental mental ill-health",
        ("Siobhan Gallagher", "Bernadette Nwosu"),
        dates=(dt.date(2021, 11, 17),),
        capacity=200,
        attend=(0.78, 0.78),
    ),
    CourseSpec(
        "managing-allegations",
        "Managing Allegations Against Those Who Work or Volunteer with Children",
        F.VIRTUAL,
        150,
        ("Managing allegations",),
        (K.SCHOOL, K.COLLEGE, K.EARLY_YEARS, K.VOLUNTARY, K.NHS_PROVIDER, K.OTHER),
        "When and how to tell the local authority designated officer (LADO), and what happens next.",
        "Know what counts as an allegation\nKnow when to contact the LADO\nKeep proper records",
        ("Declan Byrne",),
        months=(5, 9, 11, 2),
        weekday=3,
        nth=2,
    ),
    CourseSpec(
        "multi-agency-safer-recruitment",
        "Multi-Agency Safer Recruitment",
        F.CLASSROOM,
        360,
        ("Safer recruitment",),
        (K.SCHOOL, K.COLLEGE, K.EARLY_YEARS, K.VOLUNTARY, K.OTHER),
        "Recruiting safely from the advert to the first months in post, for anyone on interview panels.",
        "Plan a safer recruitment process\nCheck references and identity properly\n"
        "Spot warning signs at interview",
        ("Fiona McLeod",),
        months=(6, 10, 1, 3),
        weekday=2,
        nth=3,
        starts="09:00",
        capacity=16,
    ),
    CourseSpec(
        "mental-health-first-aid",
        "Mental Health First Aid",
        F.CLASSROOM,
        420,
        ("Mental health",),
        EVERYONE,
        "A day on spotting the signs of mental ill-health in children and adults, and giving first help.",
        "Recognise common mental health problems\nGive first help and know where to refer",
        ("Lowri Evans",),
        months=(6, 9, 12, 3),
        weekday=0,
        nth=3,
        starts="09:00",
        capacity=12,
    ),
    CourseSpec(
        "safer-sleep-and-sudden-infant-death",
        "Safer Sleep and Sudden Infant Death",
        F.VIRTUAL,
        120,
        ("Safe sleep",),
        (K.HEALTH, K.NHS_PROVIDER, K.LOCAL_AUTHORITY, K.EARLY_YEARS, K.VOLUNTARY, K.HOUSING),
        "Safer sleep advice for every family with a baby, and the risks that add up: smoking, alcohol, "
        "sofa sharing. Delivered with a national safer sleep charity.",
        "Give consistent safer sleep advice\nRecognise when risks add up\nRecord the advice given",
        ("Bernadette Nwosu",),
        months=(4, 6, 8, 10, 12, 2),
        weekday=2,
        nth=1,
        starts="13:30",
        capacity=25,
    ),
    CourseSpec(
        "child-exploitation-masterclass",
        "Child Exploitation Masterclass",
        F.MASTERCLASS,
        180,
        ("Child exploitation",),
        EVERYONE,
        "Criminal and sexual exploitation, online risk, the risk assessment meeting pathway, and how "
        "intelligence shared through the portal helps disrupt exploitation.",
        "Recognise the forms of exploitation, online included\nKnow the risk assessment meeting pathway\n"
        "Submit intelligence to the police portal",
        ("Aisha Bello", "Imran Qureshi"),
        dates=(dt.date(2022, 2, 9),),
        capacity=150,
        attend=(0.8, 0.8),
    ),
    CourseSpec(
        "reducing-parental-conflict",
        "Reducing Parental Conflict",
        F.VIRTUAL,
        150,
        ("Think family",),
        EVERYONE,
        "The effect of parents' conflict on children, and how to talk with parents about it.",
        "Tell conflict from domestic abuse\nTalk with parents about the effect on their children\n"
        "Know the local help for couples",
        ("Leanne Firth",),
        months=(5, 8, 11, 2),
        weekday=1,
        nth=4,
        starts="10:00",
    ),
    CourseSpec(
        "extra-familial-harm-webinar",
        "Safeguarding Week 2021: Extra-Familial Harm Webinar",
        F.WEBINAR,
        60,
        ("Child exploitation",),
        EVERYONE,
        "A lunchtime webinar in safeguarding week: harm outside the family home, from peers, places and "
        "online spaces, and what each agency can do.",
        "Recognise extra-familial harm\nKnow the contextual safeguarding approach",
        ("Sean Doherty", "Aisha Bello"),
        dates=(dt.date(2021, 10, 13),),
        starts="12:30",
        capacity=150,
        attend=(0.72, 0.72),
    ),
    # The new offer (the reference report's next steps): sessions from now on.
    CourseSpec(
        "professional-curiosity-and-challenge",
        "Professional Curiosity and Challenge",
        F.CLASSROOM,
        240,
        ("Professional curiosity and challenge",),
        EVERYONE,
        "Asking, checking and respectfully challenging: learning from local reviews where practitioners "
        "took what they were told at face value.",
        "Ask the questions that check what you are told\n"
        "Challenge colleagues and other agencies respectfully\nUse the escalation policy",
        ("Priya Raman",),
        capacity=16,
    ),
    CourseSpec(
        "neglect-toolkit",
        "Using the Neglect Toolkit",
        F.CLASSROOM,
        180,
        ("Neglect",),
        EVERYONE,
        "The relaunched neglect toolkit: how to use it with families, and how it feeds a referral.",
        "Recognise neglect early\nUse the toolkit with a family\nUse what it shows in a referral",
        ("Leanne Firth", "Gareth Pryce"),
        capacity=20,
        approval=True,
    ),
]
RECORDING_SLUG = "safeguarding-babies-and-infants-masterclass-recording"
RECORDING = CourseSpec(
    RECORDING_SLUG,
    "Safeguarding Babies and Infants Masterclass (recording)",
    F.RECORDED,
    170,
    ("Safe sleep", "Think family"),
    (K.HEALTH, K.NHS_PROVIDER, K.LOCAL_AUTHORITY, K.EARLY_YEARS, K.VOLUNTARY),
    "The November 2021 masterclass, recorded: watch it when it suits you, then complete the evaluation.",
    "Recognise the particular vulnerability of babies\nUnderstand infant mental health",
    ("Siobhan Gallagher",),
    dates=(dt.date(2021, 12, 1),),
    capacity=5000,
)
# Today's offer: (course slug, days from today, capacity or None for the course's, booked, waiting)
UPCOMING = [
    ("professional-curiosity-and-challenge", 12, 16, 16, 4),  # full: a waiting list
    (CORE_SLUG, 19, None, 15, 0),
    ("neglect-toolkit", 26, None, 8, 0),
    ("safer-sleep-and-sudden-infant-death", 33, None, 11, 0),
    ("professional-curiosity-and-challenge", 40, 16, 6, 0),
    ("managing-allegations", 47, None, 5, 0),
    (CORE_SLUG, 54, None, 4, 0),
]

# ------------------------------------------------------------------------------------- people

FIRST_NAMES = (
    "Aaliyah Abigail Adam Aidan Alfie Amara Amelia Anil Anya Ayesha Ben Bilal Caitlin Carys Chidi Chloe "
    "Connor Deborah Dylan Eilidh Ella Emeka Erin Faisal Freya Gemma Harvey Hollie Isaac Jade Jasmine Kamal "
    "Kayleigh Kieran Laila Leon Lydia Maryam Megan Mohammed Nathan Nia Olivia Oscar Paige Rachel Reuben Rhys "
    "Rosa Saffron Sam Sana Shauna Simone Tegan Tom Usman Vanessa Wiktoria Yasmin Zoe Joel Esther"
).split()
SURNAMES = (
    "Abbott Acheampong Akhtar Barker Begum Birch Bradshaw Carr Chowdhury Clegg Dale Dunmore Egan Farrow "
    "Fenwick Garside Gill Haigh Hanley Hussain Ibbotson Jagger Kaur Kerr Lister Lockwood Marsden Mistry "
    "Nolan Oduya Ormerod Parkin Pickles Quigley Rashid Roebuck Sadiq Sharples Sykes Thornton Tillotson Uddin "
    "Varley Walsh Whiteley Wilde Yates Zielinski Horsfall Ellison"
).split()
JOB_TITLES = {
    "education": [
        "Teacher",
        "Designated safeguarding lead",
        "Teaching assistant",
        "Pastoral lead",
        "Head of year",
    ],
    "children_services": [
        "Social worker",
        "Family support worker",
        "Early help practitioner",
        "Team manager",
    ],
    "health": ["Health visitor", "School nurse", "Midwife", "Practice nurse", "Paediatric nurse", "GP"],
    "early_years": ["Nursery practitioner", "Childminder", "Room leader"],
    "police": ["Police constable", "Detective constable", "Police community support officer"],
    "voluntary": ["Youth worker", "Volunteer coordinator", "Support worker"],
    "public_health": ["Public health practitioner"],
    "probation": ["Probation officer"],
    "housing": ["Housing officer"],
    "fire": ["Fire safety officer"],
    "youth_justice": ["Youth justice officer"],
    "adult_services": ["Social worker (adults)", "Recovery worker"],
    "other": ["Faith leader", "Sports coach"],
}
AGENCY_WEIGHTS: dict[str, int] = {
    K.LOCAL_AUTHORITY: 14,
    K.SCHOOL: 5,
    K.COLLEGE: 4,
    K.EARLY_YEARS: 3,
    K.NHS_PROVIDER: 4,
    K.HEALTH: 2,
    K.POLICE: 5,
    K.VOLUNTARY: 2,
}

# -------------------------------------------------------------------------- what people said

DIFFERENTLY = [
    "Ask who else lives in or visits the home, every time.",
    "Check what I am told with other agencies before I close a case.",
    "Use the continuum of need document before making a referral.",
    "Record the child's own words in my notes.",
    "Challenge a decision I disagree with and use the escalation policy.",
    "Give safer sleep advice at every visit, not only the first.",
    "Share information sooner: I know now that I can.",
    "Talk with both parents, not only the one who comes to appointments.",
]
COMMENTS = [
    "Well paced, with plenty of time for questions.",
    "The case studies made it real.",
    "Hearing from other agencies was the most useful part.",
    "A good refresher; I will share the slides with my team.",
    "Would have liked more on online risks.",
    "Too much to fit into the time.",
]
EXAMPLES = [
    "I asked a mother who else stayed at the house. She told me about a new partner nobody knew about, "
    "and we checked with the police before the next visit.",
    "After the course I challenged a decision to close a case. The manager agreed to a joint visit and "
    "the family now has an early help plan.",
    "I gave safer sleep advice to a father who had been sleeping on the sofa with the baby. He bought a "
    "cot the same week.",
    "I used the continuum of need document with a school and we agreed early help rather than a referral "
    "the family would have refused.",
    "A pupil told me about a group of older boys outside school. I submitted intelligence through the "
    "portal and the police attended the location.",
    "I recognised the signs of exploitation in a young person who kept going missing and asked for a "
    "risk assessment meeting.",
    "A parent disclosed her mental health was getting worse. Because I asked, she was referred for "
    "support and the children were offered help at school.",
    "I contacted the LADO about a volunteer's behaviour instead of dealing with it in house, as I would "
    "have before.",
    "We changed our interview questions and references process; two applicants' gaps were followed up.",
    "I talked with both parents about the effect of their arguments on their son; they took up the "
    "parenting course.",
    "I shared a concern with the health visitor the same day instead of waiting for the review meeting.",
    "I now record what the child says in their own words, and our audit picked this up.",
]
MANAGER_SAYS = [
    "I have seen the difference in supervision: more curious, and more confident to challenge.",
    "The team have asked for the whole service to attend.",
    "Recording of the child's voice has improved in the cases I have audited.",
]

# ------------------------------------------------------------------------------------ resources


@dataclass(frozen=True)
class ResourceSpec:
    title: str
    kind: str
    summary: str
    themes: tuple[str, ...]
    published: dt.date | None
    public: bool = True
    review_in_days: int = 300  # from today: negative is past review
    owner: str = "officer"  # "officer", "chair" or a member's full name
    audience: str = ""
    updates: tuple[tuple[dt.date, str], ...] = ()  # later versions: (added on, what changed)
    link_suffix: str = "pdf"


OMG, SPB = ResourceKind.ONE_MINUTE_GUIDE, ResourceKind.SEVEN_POINT_BRIEFING
RESOURCES = [
    ResourceSpec(
        "One Minute Guide: the child death review process",
        OMG,
        "What happens after a child dies: the review meeting, the panel, and what agencies are asked for.",
        ("Child death review",),
        dt.date(2021, 7, 5),
        owner="Agnieszka Nowak",
    ),
    ResourceSpec(
        "One Minute Guide: joint agency response meetings",
        OMG,
        "When a joint agency response is needed after an unexpected death, and who takes part.",
        ("Child death review",),
        dt.date(2021, 7, 5),
        review_in_days=-40,
        owner="Agnieszka Nowak",
    ),
    ResourceSpec(
        "One Minute Guide: perplexing presentations and fabricated or induced illness",
        OMG,
        "Signs that a child's illness may be perplexing, fabricated or induced, and what to do.",
        ("Professional curiosity and challenge",),
        dt.date(2021, 10, 1),
    ),
    ResourceSpec(
        "One Minute Guide: neglect",
        OMG,
        "The signs of neglect, and how the neglect toolkit helps you talk with families about it.",
        ("Neglect",),
        dt.date(2019, 11, 4),
        updates=((dt.date(2021, 9, 20), "Updated for the relaunched neglect toolkit"),),
    ),
    ResourceSpec(
        "One Minute Guide: private fostering",
        OMG,
        "What private fostering is, why it matters, and how to tell children's social care.",
        ("Private fostering",),
        dt.date(2021, 9, 6),
        updates=((dt.date(2022, 2, 14), "New contact details for children's social care"),),
    ),
    ResourceSpec(
        "One Minute Guide: the local authority designated officer (LADO)",
        OMG,
        "When to contact the LADO about someone who works or volunteers with children.",
        ("Managing allegations",),
        dt.date(2021, 6, 14),
        owner="Declan Byrne",
    ),
    ResourceSpec(
        "One Minute Guide: sharing intelligence with the police",
        OMG,
        "How and why to submit information to the police's partnership intelligence portal.",
        ("Child exploitation", "Cross-border information sharing"),
        dt.date(2021, 6, 1),
    ),
    ResourceSpec(
        "One Minute Guide: the continuum of need",
        OMG,
        "The levels of need and the help that matches each, from universal services to child protection.",
        ("Think family",),
        dt.date(2020, 3, 2),
        review_in_days=-95,
    ),
    ResourceSpec(
        "One Minute Guide: children not attending school",
        OMG,
        "Why a child missing education is a safeguarding concern, and who to tell.",
        ("Professional curiosity and challenge",),
        dt.date(2020, 9, 7),
        review_in_days=-12,
    ),
    ResourceSpec(
        "7-Point Briefing: safeguarding babies audit",
        SPB,
        "Seven points from the multi-agency audit of work with babies under one.",
        ("Safe sleep", "Think family"),
        dt.date(2021, 12, 6),
        public=False,
        review_in_days=-30,
        owner="chair",
    ),
    ResourceSpec(
        "7-Point Briefing: private fostering audit",
        SPB,
        "What the audit of private fostering arrangements found, and what changes.",
        ("Private fostering",),
        dt.date(2021, 11, 8),
        public=False,
    ),
    ResourceSpec(
        "7-Point Briefing: child exploitation audit",
        SPB,
        "Seven points from the multi-agency child exploitation audit, online risk included.",
        ("Child exploitation",),
        dt.date(2022, 1, 17),
        public=False,
        review_in_days=20,
    ),
    ResourceSpec(
        "7-Point Briefing: recognising coercive control",
        SPB,
        "Learning from the domestic abuse audit: controlling behaviour and what it means for children.",
        ("Coercive control",),
        None,  # published below, a couple of months ago
        public=False,
        review_in_days=330,
    ),
    ResourceSpec(
        "Video: submitting intelligence to the partnership intelligence portal",
        ResourceKind.VIDEO,
        "A five-minute walk through the portal's form.",
        ("Child exploitation",),
        dt.date(2021, 6, 1),
        link_suffix="video",
    ),
    ResourceSpec(
        "Presentation: the intelligence sharing toolkit for team meetings",
        ResourceKind.PRESENTATION,
        "Slides for managers to brief their teams on sharing intelligence.",
        ("Child exploitation",),
        dt.date(2021, 6, 1),
        public=False,
    ),
    ResourceSpec(
        "Neglect toolkit",
        ResourceKind.TOOLKIT,
        "The relaunched toolkit: tools to use with families, and guidance on what they show.",
        ("Neglect",),
        dt.date(2022, 3, 21),
    ),
    ResourceSpec(
        "Assessment of non-mobile babies with injuries protocol",
        ResourceKind.GUIDANCE,
        "What to do when a baby who is not yet mobile has a bruise, burn or scald.",
        (),
        dt.date(2021, 8, 2),
    ),
    ResourceSpec(
        "Podcast: seeing the men in a child's life",
        ResourceKind.PODCAST,
        "Practitioners talk about engaging fathers, partners and other men in the household.",
        ("Working with men",),
        None,
        review_in_days=200,
        link_suffix="podcast",
    ),
]
DRAFT = "Podcast: seeing the men in a child's life"
WITH_A_FILE = "One Minute Guide: private fostering"


# ------------------------------------------------------------------------------------ loading


def load(rng) -> str:
    today = timezone.localdate()
    if Course.objects.filter(slug=CORE_SLUG).exists():
        added = _keep_an_offer(rng, today)
        return summary(today) + (f"; {added} new upcoming sessions" if added else "")
    officer = User.objects.filter(email=role_email(Role.BUSINESS_OFFICER)).first()
    practitioner = User.objects.filter(email=role_email(Role.PRACTITIONER)).first()
    agencies = list(Agency.objects.filter(is_active=True).order_by("pk"))
    if officer is None or practitioner is None or not agencies:
        return "no learning (the demo people and agencies are missing)"
    themes = _themes()
    plan = Plan(rng=rng, today=today, officer=officer, practitioner=practitioner)
    plan.trainers = {
        u.full_name: u for u in User.objects.filter(email__in=[member_email(m[0]) for m in MEMBERS])
    }
    courses = _courses(themes, officer)
    plan.people = _practitioners(rng, agencies)
    LearnerProfile.objects.get_or_create(
        user=practitioner,
        defaults={
            "service_area": practitioner.agency.service_area if practitioner.agency else "education",
            "line_manager_email": f"headteacher.moorside@{DOMAIN}",
        },
    )
    _the_year(plan, courses)
    _recent(plan, courses)
    _offer(plan, courses)
    plan.write()
    _resources(themes, officer, today)
    figures_cache.bump(KEPT)  # written in bulk, past the signals that keep the report's cache current
    return summary(today)


@dataclass
class Planned:
    """One booking to write, with what follows it."""

    booking: Booking
    evaluate: bool = False
    improved: bool = True
    follow_up: str = ""  # a UsedLearning value, or "" for none
    example: str = ""
    publishable: bool = False
    email: str = ""


@dataclass
class Plan:
    rng: random.Random
    today: dt.date
    officer: User
    practitioner: User
    trainers: dict[str, User] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)  # (pk, agency pk, email)
    sessions: list[tuple[Session, CourseSpec]] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)

    def session(
        self, course: Course, spec: CourseSpec, start: dt.datetime, capacity: int | None = None
    ) -> Session:
        venue = "Online (Microsoft Teams)" if spec.format in (F.VIRTUAL, F.MASTERCLASS, F.WEBINAR) else ""
        session = Session(
            course=course,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=spec.minutes),
            venue=venue or "Training room 2, Westbrook Civic Centre",
            joining_link=f"{WEBSITE}/join/{course.slug}-{start:%Y%m%d}" if venue else "",
            capacity=capacity or spec.capacity,
        )
        self.sessions.append((session, spec))
        return session

    def book(self, session: Session, person: Person, status: str, booked_at: dt.datetime) -> Planned:
        pk, agency_id, email = person
        booking = Booking(
            session=session,
            person_id=pk,
            agency_id=agency_id,
            status=status,
            booked_at=booked_at,
            changed_at=booked_at,
        )
        planned = Planned(booking=booking, email=email)
        self.planned.append(planned)
        return planned

    def write(self) -> None:
        Session.objects.bulk_create([s for s, _ in self.sessions])
        Trainers = Session.trainers.through
        Trainers.objects.bulk_create(
            Trainers(session_id=s.pk, user_id=self.trainers[name].pk)
            for s, spec in self.sessions
            for name in spec.trainers
            if name in self.trainers
        )
        for planned in self.planned:
            planned.booking.session = planned.booking.session  # its key, now that it has one
        Booking.objects.bulk_create([p.booking for p in self.planned], batch_size=500)
        Evaluation.objects.bulk_create(_evaluations(self), batch_size=500)
        FollowUp.objects.bulk_create(_follow_ups(self), batch_size=500)
        LearningEmail.objects.bulk_create(_emails(self), batch_size=1000)


def _themes() -> dict[str, LearningTheme]:
    """The offer's own themes, and any the courses and resources name that the improvement demo
    (which makes the stepped-across ones) did not."""
    described = dict(THEMES)
    named = {name for spec in [*COURSES, RECORDING] for name in spec.themes}
    named |= {name for resource in RESOURCES for name in resource.themes}
    for name in sorted(named | set(described)):
        LearningTheme.objects.get_or_create(
            name=name, defaults={"slug": slugify(name), "description": described.get(name, "")}
        )
    return {t.name: t for t in LearningTheme.objects.filter(name__in=named)}


def _courses(themes: dict[str, LearningTheme], officer: User) -> dict[str, tuple[Course, CourseSpec]]:
    specs = [*COURSES, RECORDING]
    created = Course.objects.bulk_create(
        Course(
            title=spec.title,
            slug=spec.slug,
            format=spec.format,
            summary=spec.summary,
            outcomes=spec.outcomes,
            audience=spec.audience,
            owner=officer,
            duration_minutes=spec.minutes,
            is_published=spec.published,
            needs_manager_approval=spec.approval,
            recording_url=f"{WEBSITE}/learning/recordings/{spec.slug}" if spec.format == F.RECORDED else "",
            created_at=timezone.make_aware(dt.datetime(2021, 3, 1, 9, 0)),
        )
        for spec in specs
    )
    Themes = Course.themes.through
    Themes.objects.bulk_create(
        Themes(course_id=c.pk, learningtheme_id=themes[name].pk)
        for c, spec in zip(created, specs, strict=True)
        for name in spec.themes
    )
    CourseAudience.objects.bulk_create(
        CourseAudience(course=c, agency_kind=kind)
        for c, spec in zip(created, specs, strict=True)
        for kind in spec.kinds
    )
    return {spec.slug: (c, spec) for c, spec in zip(created, specs, strict=True)}


def _practitioners(rng: random.Random, agencies: list[Agency]) -> list[Person]:
    """Invented practitioners across the demo's agencies, signed up to book: (pk, agency pk, email)."""
    taken = {name for _, name, *_ in SIGN_INS} | {name for name, *_ in MEMBERS}
    names = [f"{first} {last}" for first, last in itertools.product(FIRST_NAMES, SURNAMES)]
    names = rng.sample([n for n in names if n not in taken], REACHED + NEVER_CAME)
    weights = [AGENCY_WEIGHTS.get(a.kind, 1) for a in agencies]
    password = make_password(None)
    joined = timezone.make_aware(dt.datetime(2021, 3, 1, 9, 0))
    users = []
    for name in names:
        agency = rng.choices(agencies, weights)[0]
        local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
        users.append(
            User(
                email=f"{local}@{LEARNERS_DOMAIN}",
                full_name=name,
                job_title=rng.choice(JOB_TITLES.get(agency.service_area, JOB_TITLES["other"])),
                agency=agency,
                password=password,
                date_joined=joined + dt.timedelta(days=rng.randint(0, 25), minutes=rng.randint(0, 600)),
            )
        )
    User.objects.bulk_create(users, batch_size=500)
    role = RoleGroup.objects.get_or_create(name=Role.PRACTITIONER.value)[0]
    Through = User.groups.through
    Through.objects.bulk_create((Through(user_id=u.pk, group_id=role.pk) for u in users), batch_size=500)
    LearnerProfile.objects.bulk_create(
        (
            LearnerProfile(
                user=u,
                service_area=u.agency.service_area if u.agency else "other",
                line_manager_email=f"manager.{n % 97:02d}@{LEARNERS_DOMAIN}" if n % 4 else "",
            )
            for n, u in enumerate(users)
        ),
        batch_size=500,
    )
    return [(u.pk, u.agency_id, u.email) for u in users]


def _aware(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    day = dt.date(year, month, 1)
    day += dt.timedelta(days=(weekday - day.weekday()) % 7 + 7 * (nth - 1))
    while not is_working_day(day):
        day += dt.timedelta(days=7)
    return day


def _year_dates(spec: CourseSpec) -> list[dt.date]:
    if spec.dates:
        return list(spec.dates)
    return [_nth_weekday(2021 if m >= 4 else 2022, m, spec.weekday, spec.nth) for m in spec.months]


def _the_year(plan: Plan, courses: dict) -> None:
    """2021-22: every attendance drawn from the reached practitioners in turn, so each of them comes
    at least once; no-shows and cancellations from anyone."""
    rng = plan.rng
    reached = plan.people[:REACHED]
    queue: list = []
    mine = {
        (CORE_SLUG, 6): UsedLearning.YES,
        ("safer-sleep-and-sudden-infant-death", 10): UsedLearning.PARTLY,
    }
    for slug, (course, spec) in courses.items():
        if spec.format == F.RECORDED or not (spec.months or spec.dates):
            continue
        for day in _year_dates(spec):
            start = _aware(day, spec.starts)
            session = plan.session(course, spec, start)
            here: set[int] = set()
            attended = round(spec.capacity * rng.uniform(*spec.attend))
            if (slug, day.month) in mine:
                _attend(
                    plan,
                    session,
                    start,
                    _person(plan.practitioner),
                    follow_up=mine[slug, day.month],
                    evaluate=True,
                )
                here.add(plan.practitioner.pk)
            for _ in range(attended - len(here)):
                if not queue:
                    queue = rng.sample(reached, len(reached))
                person = _next_in_turn(rng, queue, reached, here)
                here.add(person[0])
                _attend(plan, session, start, person)
            _did_not_come(plan, session, start, attended, here)
    _recording(plan, courses[RECORDING_SLUG])


def _next_in_turn(rng: random.Random, queue: list, reached: list, here: set[int]):
    """The next practitioner in the queue not already on this session (those skipped wait)."""
    for _ in range(len(queue)):
        person = queue.pop()
        if person[0] not in here:
            return person
        queue.insert(0, person)
    while (person := rng.choice(reached))[0] in here:
        pass
    return person


def _person(user: User) -> Person:
    return (user.pk, user.agency_id, user.email)


def _attend(
    plan: Plan,
    session: Session,
    start: dt.datetime,
    person,
    *,
    follow_up: str | None = None,
    evaluate: bool | None = None,
) -> Planned:
    rng = plan.rng
    booked_at = start - dt.timedelta(days=rng.randint(7, 60), hours=rng.randint(0, 8))
    planned = plan.book(session, person, S.ATTENDED, booked_at)
    b = planned.booking
    b.changed_at = session.ends_at + dt.timedelta(minutes=30)
    b.attended_on = timezone.localtime(start).date()
    b.attendance_marked_by = plan.trainers.get(next(iter(_spec_of(plan, session).trainers), ""), plan.officer)
    masterclass = session.course.format in (F.MASTERCLASS, F.WEBINAR)
    planned.evaluate = evaluate if evaluate is not None else rng.random() < (0.72 if masterclass else 0.86)
    planned.improved = rng.random() < 0.91
    if follow_up is not None:
        planned.follow_up = follow_up
    elif planned.evaluate and b.attended_on + dt.timedelta(days=92) <= plan.today and rng.random() < 0.38:
        planned.follow_up = rng.choices(list(UsedLearning), [70, 23, 7])[0]
    if planned.follow_up == UsedLearning.YES and rng.random() < 0.6:
        planned.example = rng.choice(EXAMPLES)
    return planned


def _spec_of(plan: Plan, session: Session) -> CourseSpec:
    return next(spec for s, spec in plan.sessions if s is session)


def _did_not_come(plan: Plan, session: Session, start: dt.datetime, attended: int, here: set[int]) -> None:
    """No-shows and late cancellations (charged), and cancellations in good time (not charged)."""
    rng = plan.rng
    charge = Decimal(str(settings.LSCP_LEARNING["non_attendance_charge"]))
    # Places held to the end (attended, absent, cancelled late) never exceed the capacity.
    spare = max(session.capacity - len(here), 0)  # everyone here so far attended
    absent = min(round(attended * rng.uniform(0.03, 0.08)), spare)
    counts = {
        S.ABSENT: absent,
        S.LATE_CANCELLATION: min(round(attended * rng.uniform(0.0, 0.05)), spare - absent),
        S.CANCELLED: round(attended * rng.uniform(0.02, 0.08)),
    }
    for status, count in counts.items():
        for _ in range(count):
            person = rng.choice(plan.people)
            if person[0] in here:
                continue
            here.add(person[0])
            planned = plan.book(session, person, status, start - dt.timedelta(days=rng.randint(10, 60)))
            b = planned.booking
            if status == S.CANCELLED:
                b.changed_at = start - dt.timedelta(days=rng.randint(6, 9))
            elif status == S.LATE_CANCELLATION:
                b.changed_at, b.charge = start - dt.timedelta(hours=rng.randint(12, 40)), charge
            else:
                b.changed_at, b.charge = session.ends_at + dt.timedelta(minutes=30), charge
                b.attendance_marked_by = plan.officer


def _recording(plan: Plan, course_and_spec) -> None:
    """The masterclass on demand: watched by some, booked by others who have not watched it yet."""
    course, spec = course_and_spec
    rng = plan.rng
    start = _aware(spec.dates[0], "09:00")
    session = plan.session(course, spec, start)
    viewers = rng.sample(plan.people, 60)
    for n, person in enumerate(viewers):
        booked_at = start + dt.timedelta(days=rng.randint(0, 400), hours=rng.randint(8, 18))
        if n < 45:
            planned = _attend(plan, session, start, person)
            b = planned.booking
            b.booked_at = booked_at
            b.watched_confirmed_at = b.changed_at = booked_at + dt.timedelta(days=rng.randint(0, 20))
            b.attended_on = timezone.localtime(b.watched_confirmed_at).date()
            b.attendance_marked_by = None
            planned.evaluate = True  # saving the evaluation is what counted it as attended
            planned.follow_up = (
                "" if b.attended_on + dt.timedelta(days=92) > plan.today else planned.follow_up
            )
        else:
            plan.book(session, person, S.BOOKED, booked_at)
    plan.book(session, _person(plan.practitioner), S.BOOKED, timezone.now() - dt.timedelta(days=6))


def _recent(plan: Plan, courses: dict) -> None:
    """Two sessions since: the demo practitioner has an evaluation (9 days ago) and an impact
    follow-up (about four months ago) to fill in."""
    rng = plan.rng
    for slug, days_ago, practitioner_evaluated in [
        ("reducing-parental-conflict", 122, True),
        (CORE_SLUG, 9, False),
    ]:
        course, spec = courses[slug]
        day = _working_day(plan.today - dt.timedelta(days=days_ago))
        start = _aware(day, spec.starts)
        session = plan.session(course, spec, start)
        mine = _attend(
            plan, session, start, _person(plan.practitioner), follow_up="", evaluate=practitioner_evaluated
        )
        mine.improved = True
        here = {plan.practitioner.pk}
        for person in rng.sample(plan.people, spec.capacity - 3):
            if person[0] not in here:
                here.add(person[0])
                planned = _attend(plan, session, start, person)
                if days_ago < 92:
                    planned.follow_up = ""
                elif planned.evaluate and rng.random() < 0.45:
                    planned.follow_up = rng.choices(list(UsedLearning), [70, 23, 7])[0]
                    planned.example = rng.choice(EXAMPLES) if planned.follow_up == UsedLearning.YES else ""
        _did_not_come(plan, session, start, spec.capacity - 3, here)


def _working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _offer(plan: Plan, courses: dict) -> None:
    """Sessions in the coming weeks; the demo practitioner is booked on one and waiting on the full one."""
    rng = plan.rng
    now = timezone.now()
    for index, (slug, days, capacity, booked, waiting) in enumerate(UPCOMING):
        course, spec = courses[slug]
        start = _aware(_working_day(plan.today + dt.timedelta(days=days)), spec.starts)
        session = plan.session(course, spec, start, capacity)
        people = rng.sample(plan.people, booked + waiting)
        # In the order they booked: the waiting list is those who came after the last place went.
        times = sorted(now - dt.timedelta(days=rng.randint(2, 30), hours=rng.randint(0, 9)) for _ in people)
        for n, (person, booked_at) in enumerate(zip(people, times, strict=True)):
            status = S.WAITING if n >= booked else S.BOOKED
            if spec.approval and n >= booked - 2 and status == S.BOOKED:
                status = S.AWAITING_APPROVAL
            plan.book(session, person, status, booked_at)
        if index == 0:  # full: the practitioner is last on the waiting list
            plan.book(session, _person(plan.practitioner), S.WAITING, now - dt.timedelta(hours=20))
        if slug == "neglect-toolkit":
            plan.book(session, _person(plan.practitioner), S.BOOKED, now - dt.timedelta(days=3))


def _keep_an_offer(rng: random.Random, today: dt.date) -> int:
    """On a later run, once every upcoming session has passed, a fresh set from today."""
    now = timezone.now()
    dated = Session.objects.filter(course__slug__in={u[0] for u in UPCOMING}, is_cancelled=False)
    if dated.filter(starts_at__gt=now).exists():
        return 0
    officer = User.objects.get(email=role_email(Role.BUSINESS_OFFICER))
    practitioner = User.objects.get(email=role_email(Role.PRACTITIONER))
    plan = Plan(rng=rng, today=today, officer=officer, practitioner=practitioner)
    learners = User.objects.filter(email__endswith=f"@{LEARNERS_DOMAIN}").order_by("pk")
    plan.people = [
        (pk, agency_id, email) for pk, agency_id, email in learners.values_list("pk", "agency_id", "email")
    ]
    courses = {c.slug: (c, spec) for spec in COURSES for c in Course.objects.filter(slug=spec.slug)}
    _offer(plan, courses)
    plan.write()
    return len(UPCOMING)


def _evaluations(plan: Plan) -> list[Evaluation]:
    rng = plan.rng
    rows = []
    for p in plan.planned:
        if not p.evaluate:
            continue
        b = p.booking
        know = rng.choices([1, 2, 3, 4], [8, 35, 45, 12])[0]
        sure = rng.choices([1, 2, 3, 4], [6, 30, 50, 14])[0]
        gain = rng.choices([1, 2], [55, 45])[0] if p.improved else 0
        opened = b.watched_confirmed_at or b.session.ends_at
        rows.append(
            Evaluation(
                booking=b,
                quality=rng.choices([5, 4, 3, 2], [52, 38, 8, 2])[0],
                relevance=rng.choices([5, 4, 3, 2], [48, 40, 10, 2])[0],
                knowledge_before=know,
                knowledge_after=min(5, know + gain),
                confidence_before=sure,
                confidence_after=min(5, sure + (rng.choice([0, 1, 1, 2]) if p.improved else 0)),
                improved=p.improved,
                will_do_differently=rng.choice(DIFFERENTLY) if rng.random() < 0.7 else "",
                comments=rng.choice(COMMENTS) if rng.random() < 0.3 else "",
                submitted_at=opened + dt.timedelta(hours=rng.randint(1, 72)),
            )
        )
    return rows


def _follow_ups(plan: Plan) -> list[FollowUp]:
    rng = plan.rng
    rows = []
    publishable = 0
    for p in plan.planned:
        if not p.follow_up or p.booking.attended_on is None:
            continue
        impact = {
            UsedLearning.YES: rng.choices([5, 4, 3], [45, 45, 10])[0],
            UsedLearning.PARTLY: rng.choices([4, 3, 2], [30, 55, 15])[0],
            UsedLearning.NO: rng.choices([2, 1], [60, 40])[0],
        }[UsedLearning(p.follow_up)]
        chosen = bool(p.example) and publishable < 12 and rng.random() < 0.3
        publishable += chosen
        submitted = p.booking.attended_on + dt.timedelta(days=rng.randint(93, 170))
        rows.append(
            FollowUp(
                booking=p.booking,
                used_learning=p.follow_up,
                example=p.example,
                impact=impact,
                submitted_at=_aware(min(submitted, plan.today), "10:15"),
                publishable=chosen,
                from_line_manager=rng.choice(MANAGER_SAYS) if p.example and rng.random() < 0.15 else "",
            )
        )
    return rows


def _emails(plan: Plan) -> list[LearningEmail]:
    """The emails the booking service and the hourly job would have sent, so none goes again."""
    rows: list[LearningEmail] = []
    for p in plan.planned:
        b = p.booking
        sent = [(EmailKind.WAITING if b.status == S.WAITING else EmailKind.CONFIRMATION, b.booked_at)]
        if b.status == S.AWAITING_APPROVAL:
            sent = [(EmailKind.APPROVAL_REQUEST, b.booked_at)]
        if b.status in (S.ATTENDED, S.ABSENT) and b.session.course.format != F.RECORDED:
            sent.append((EmailKind.REMINDER, b.session.starts_at - dt.timedelta(days=14)))
        if b.status == S.ATTENDED:
            sent.append((EmailKind.EVALUATION, b.watched_confirmed_at or b.session.ends_at))
            if b.attended_on and b.attended_on + dt.timedelta(days=92) <= plan.today:
                sent.append((EmailKind.FOLLOW_UP, _aware(b.attended_on + dt.timedelta(days=92), "08:00")))
        if b.status == S.CANCELLED:
            sent.append((EmailKind.CANCELLATION, b.changed_at))
        rows.extend(
            LearningEmail(booking=b, kind=kind, sent_at=max(at, b.booked_at), sent_to=p.email)
            for kind, at in sent
        )
    return rows


def _resources(themes: dict[str, LearningTheme], officer: User, today: dt.date) -> None:
    chair = User.objects.filter(email=role_email(Role.GROUP_CHAIR)).first()
    owners = {"officer": officer, "chair": chair or officer}
    owners.update(
        {u.full_name: u for u in User.objects.filter(email__in=[member_email(m[0]) for m in MEMBERS])}
    )
    resources, versions = [], []
    for spec in RESOURCES:
        published = spec.published
        if published is None and spec.title != DRAFT:
            published = today - dt.timedelta(days=62)
        review_on = today + dt.timedelta(days=spec.review_in_days)
        resource = Resource(
            title=spec.title,
            slug=slugify(spec.title)[:200],
            kind=spec.kind,
            summary=spec.summary,
            audience=spec.audience,
            is_public=spec.public,
            owner=owners.get(spec.owner, officer),
            review_on=review_on,
            published_on=published,
            # Past review: the owner was reminded two weeks before the date (the job's rule).
            review_reminded_on=review_on if spec.review_in_days < 14 else None,
        )
        resources.append(resource)
        first = published or today - dt.timedelta(days=20)
        dates = [(first, ""), *spec.updates]
        for number, (on, note) in enumerate(dates, start=1):
            versions.append(
                ResourceVersion(
                    resource=resource,
                    number=number,
                    link=f"{WEBSITE}/resources/{resource.slug}-v{number}.{spec.link_suffix}"
                    if spec.link_suffix == "pdf"
                    else f"{WEBSITE}/{spec.link_suffix}s/{resource.slug}",
                    note=note,
                    added_by=resource.owner,
                    added_at=_aware(on, "11:00"),
                )
            )
    Resource.objects.bulk_create(resources)
    for version in versions:
        version.resource = version.resource  # its key, now that it has one
    ResourceVersion.objects.bulk_create(versions)
    Themes = Resource.themes.through
    Themes.objects.bulk_create(
        Themes(resource_id=r.pk, learningtheme_id=themes[name].pk)
        for r, spec in zip(resources, RESOURCES, strict=True)
        for name in spec.themes
    )
    # One version is a real file (a one-page PDF), so the download has something to hand out.
    latest = ResourceVersion.objects.filter(resource__title=WITH_A_FILE).order_by("-number").first()
    if latest is not None:
        latest.link = ""
        latest.original_name = "One Minute Guide - private fostering.pdf"
        latest.file.save(latest.original_name, ContentFile(_one_page_pdf(WITH_A_FILE)), save=True)


def _one_page_pdf(text: str) -> bytes:
    """A minimal valid PDF with one line of text."""
    words = text.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 56 760 Td ({words}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ------------------------------------------------------------------------------------ figures


@dataclass(frozen=True)
class Headlines:
    reached: int
    sessions: int
    bookings: int
    evaluations: int
    improved_percent: int
    follow_ups: int
    publishable: int
    charged: int
    resources: int
    past_review: int
    upcoming: int


def headlines(today: dt.date | None = None) -> Headlines:
    """The demo year's figures (2021-22), as the summary line and the tests read them."""
    today = today or timezone.localdate()
    in_year = Q(session__starts_at__date__range=(YEAR_START, YEAR_END))
    year = Booking.objects.filter(Q(attended_on__range=(YEAR_START, YEAR_END)) | in_year)
    evaluations = Evaluation.objects.filter(booking__attended_on__range=(YEAR_START, YEAR_END)).aggregate(
        n=Count("pk"), improved=Count("pk", filter=Q(improved=True))
    )
    follow_ups = FollowUp.objects.filter(booking__attended_on__range=(YEAR_START, YEAR_END))
    return Headlines(
        reached=year.filter(status=S.ATTENDED).values("person").distinct().count(),
        sessions=Session.objects.filter(starts_at__date__range=(YEAR_START, YEAR_END))
        .exclude(course__format=F.RECORDED)
        .count(),
        bookings=year.count(),
        evaluations=evaluations["n"],
        improved_percent=round(100 * evaluations["improved"] / evaluations["n"]) if evaluations["n"] else 0,
        follow_ups=follow_ups.count(),
        publishable=follow_ups.filter(publishable=True).count(),
        charged=year.filter(status__in=(S.ABSENT, S.LATE_CANCELLATION)).count(),
        resources=Resource.objects.count(),
        past_review=Resource.objects.filter(review_on__lt=today).count(),
        upcoming=Session.objects.filter(starts_at__gt=timezone.now(), is_cancelled=False).count(),
    )


def summary(today: dt.date) -> str:
    h = headlines(today)
    return (
        f"2021-22: {h.sessions} sessions, {h.reached} practitioners reached, {h.evaluations} evaluations "
        f"({h.improved_percent}% improved), {h.follow_ups} follow-ups ({h.publishable} publishable), "
        f"{h.charged} charged; {h.resources} resources ({h.past_review} past review); "
        f"{h.upcoming} upcoming sessions"
    )
