"""The demo partnership's plan and report narrative for 2021-22 (the reference year: signed off by
the Executive's chair in July 2022 and published) and 2022-23 (a draft, not signed off).

The words are in demo_text (the whole partnership's parts of 2021-22), demo_text_groups (the
groups' development areas), demo_text_steps (their functions and key steps) and demo_text_2022;
this module stores them. Development areas and engagement activities link to the demo's own
records (a practice review, a course's evaluation, a performance report, the child death
analysis), found by their natural keys when the demo loads; a link whose record is missing is
left out. Every row is found by its natural key (the year, a group, an order, a date, a title),
so loading again finds everything already there and adds nothing, and a year already signed off
is not touched.
"""

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone

from lscp.accounts.models import User
from lscp.core.richtext import clean
from lscp.governance.models import (
    DevelopmentArea,
    EngagementActivity,
    Group,
    GroupKind,
    GroupYear,
    ImpactStatement,
    KeyStep,
    KeyStepProgress,
    Membership,
    MembershipRole,
    Priority,
    PriorityUpdate,
    ReportYear,
)
from lscp.improvement.models import Evidence, EvidenceKind, Recommendation
from lscp.learning.models import Course, Resource
from lscp.performance.models import Indicator
from lscp.reporting import demo_text, demo_text_2022, demo_text_groups, demo_text_steps, publishing
from lscp.reporting.demo_text import AreaSpec, EngagementSpec, PrioritySpec, StepSpec
from lscp.reviews.models import PracticeReview, RapidReview

# The narrative describes the whole year's work, so it is written last, when the records it links
# to (reviews, child deaths, KPIs, courses, recommendations and their evidence) exist.
DEPENDS_ON = [
    "core",
    "accounts",
    "governance",
    "improvement",
    "reviews",
    "child_deaths",
    "performance",
    "learning",
]

DOMAIN = "demo.lscp.invalid"
GROUPS = ["executive", "csprg", "cdop", "mace", "learning", "seg"]
# Signed off at the Executive's meeting in July 2022 (on its eight-weekly cycle), published after.
SIGNED_OFF = dt.datetime(2022, 7, 12, 15, 30)
PUBLISHED = dt.datetime(2022, 7, 29, 10, 0)
# The statutory partners whose leads sign the introduction, in the order they sign.
PARTNERS = [
    "Westbrook Metropolitan District Council",
    "West Moorland Police",
    "West Moorland Integrated Care Board",
]


def html(text: str) -> str:
    """Narrative written in the demo's modules, on one line and cleaned as a form would clean it."""
    return clean(" ".join(text.split()))


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment)


class Counter:
    """How many rows a load created, for the one-line summary."""

    def __init__(self) -> None:
        self.new = 0

    def add(self, created: bool) -> None:
        self.new += created


# Links: "kind:argument" keys in the text modules, to paths of records that exist.


def link_path(key: str) -> str | None:
    """The path of the record a link key names, or None if the demo has no such record."""
    kind, _, arg = key.partition(":")
    if kind == "url":
        return reverse(arg)
    if kind == "course":
        return reverse("learning:course", args=[arg]) if Course.objects.filter(slug=arg).exists() else None
    if kind == "evaluation":
        found = Course.objects.filter(slug=arg).exists()
        return reverse("learning:evaluation-report", args=[arg]) if found else None
    if kind == "resource":
        return (
            reverse("learning:resource", args=[arg]) if Resource.objects.filter(slug=arg).exists() else None
        )
    if kind == "kpi":
        found = Indicator.objects.filter(groups__slug=arg).exists()
        return reverse("performance:group-report", args=[arg]) if found else None
    if kind == "practice-review":
        reviews = PracticeReview.objects.filter(published_on__isnull=arg != "published")
        review = reviews.order_by("initiated_on", "pk").first()
        return reverse("reviews:practice-review", args=[review.pk]) if review else None
    if kind == "rapid-review":
        rapid = RapidReview.objects.filter(notification__summary__startswith=arg).order_by("pk").first()
        return reverse("reviews:rapid-review", args=[rapid.pk]) if rapid else None
    if kind == "recommendation":
        recommendation = Recommendation.objects.filter(text__startswith=arg).order_by("pk").first()
        return recommendation.get_absolute_url() if recommendation else None
    raise ValueError(f"Unknown demo link {key!r}")


def links_text(links: Iterable[tuple[str, str]]) -> str:
    """The stored form: one "Label | /path/" a line, for the records that exist."""
    lines = []
    for label, key in links:
        path = link_path(key)
        if path is not None:
            lines.append(f"{label} | {path}")
    return "\n".join(lines)


def _impact_evidence(recommendation_start: str) -> Evidence | None:
    if not recommendation_start:
        return None
    return (
        Evidence.objects.filter(
            kind=EvidenceKind.IMPACT, recommendation__text__startswith=recommendation_start
        )
        .order_by("pk")
        .first()
    )


# People


def _user(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@{DOMAIN}").first()


def _chairs(groups: dict[str, Group], on: dt.date) -> dict[str, User]:
    """Each group's chair on a day (the person who writes up the group's progress)."""
    chairs: dict[str, User] = {}
    current = (
        Membership.objects.current(on).filter(role=MembershipRole.CHAIR).select_related("person", "group")
    )
    for membership in current.filter(group__in=groups.values()).order_by("start", "pk"):
        chairs.setdefault(membership.group.slug, membership.person)
    return chairs


def _executive_chair(on: dt.date) -> User | None:
    membership = (
        Membership.objects.current(on)
        .filter(group__kind=GroupKind.EXECUTIVE, role=MembershipRole.CHAIR)
        .select_related("person")
        .order_by("start", "pk")
        .first()
    )
    return membership.person if membership else None


def _signatories(executive: Group, on: dt.date) -> str:
    """The Executive's chair and vice-chairs who lead the three partners: name, title, agency."""
    chairing = (
        Membership.objects.current(on)
        .filter(group=executive, role__in=[MembershipRole.CHAIR, MembershipRole.VICE_CHAIR])
        .select_related("person", "agency")
        .order_by("role", "pk")
    )
    by_agency = {m.agency.name: m.person for m in chairing}
    lines = []
    for agency in PARTNERS:
        person = by_agency.get(agency)
        if person is not None:
            lines.append(f"{person.full_name}, {person.job_title}, {agency}")
    return "\n".join(lines)


# The parts of a year


def _priorities(year: ReportYear, specs: list[PrioritySpec], groups, by: User | None, count: Counter) -> None:
    for order, spec in enumerate(specs, start=1):
        priority, created = Priority.objects.get_or_create(
            year=year, order=order, defaults={"title": spec.title, "outcomes": html(spec.outcomes)}
        )
        count.add(created)
        if created:
            priority.groups.set([groups[slug] for slug in spec.groups])
        for update in spec.updates:
            _, created = PriorityUpdate.objects.get_or_create(
                priority=priority,
                on=update.on,
                defaults={"status": update.status, "text": html(update.text), "by": by},
            )
            count.add(created)


def _functions(year: ReportYear, functions: dict[str, str], groups, count: Counter) -> None:
    for slug, function in functions.items():
        _, created = GroupYear.objects.get_or_create(
            group=groups[slug], year=year, defaults={"function": html(function)}
        )
        count.add(created)


def _key_steps(year: ReportYear, steps: dict[str, list[StepSpec]], groups, chairs, count: Counter) -> None:
    for slug, specs in steps.items():
        for order, spec in enumerate(specs, start=1):
            step, created = KeyStep.objects.get_or_create(
                group=groups[slug], year=year, order=order, defaults={"text": html(spec.text)}
            )
            count.add(created)
            for progress in spec.progress:
                _, created = KeyStepProgress.objects.get_or_create(
                    key_step=step,
                    on=progress.on,
                    defaults={"status": progress.status, "text": html(progress.text), "by": chairs.get(slug)},
                )
                count.add(created)


def _development_areas(year: ReportYear, areas: dict[str, list[AreaSpec]], groups, count: Counter) -> None:
    for slug, specs in areas.items():
        for order, spec in enumerate(specs, start=1):
            area, created = DevelopmentArea.objects.get_or_create(
                group=groups[slug],
                year=year,
                order=order,
                defaults={"title": spec.title, "text": html(spec.text), "links": links_text(spec.links)},
            )
            count.add(created)
            for impact in spec.impacts:
                _, created = ImpactStatement.objects.get_or_create(
                    area=area,
                    text=html(impact.text),
                    defaults={"evidence": _impact_evidence(impact.evidence)},
                )
                count.add(created)


def _engagement(year: ReportYear, specs: list[EngagementSpec], count: Counter) -> None:
    for spec in specs:
        _, created = EngagementActivity.objects.get_or_create(
            year=year,
            title=spec.title,
            defaults={
                "held_on": spec.held_on,
                **{who: True for who in spec.who},
                "taking_part": spec.taking_part,
                "method": html(spec.method),
                "heard": html(spec.heard),
                "changed": html(spec.changed),
                "links": links_text(spec.links),
            },
        )
        count.add(created)


# The two years


def _year_2021(groups: dict[str, Group], count: Counter) -> ReportYear:
    signed_on = SIGNED_OFF.date()
    scrutineer = _user("independent.scrutineer")
    year, created = ReportYear.objects.get_or_create(
        first_year=2021,
        defaults={
            "introduction": html(demo_text.INTRODUCTION),
            "signatories": _signatories(groups["executive"], signed_on),
            "scrutineer_summary": html(demo_text.SCRUTINEER_SUMMARY),
            "scrutineer_summary_by": scrutineer,
            "areas_of_focus": html(demo_text.AREAS_OF_FOCUS),
        },
    )
    count.add(created)
    if year.is_locked or year.reopenings.exists():
        return year  # signed off already, or reopened by someone on purpose: leave it as it is
    _priorities(year, demo_text.PRIORITIES, groups, _user("business.manager"), count)
    _functions(year, demo_text_steps.FUNCTIONS_2021, groups, count)
    # Key steps planned for 2021-22 in the year before, with this year's progress against them.
    _key_steps(year, demo_text_steps.STEPS_2021, groups, _chairs(groups, signed_on), count)
    _development_areas(year, demo_text_groups.AREAS, groups, count)
    _engagement(year, demo_text.ENGAGEMENT, count)
    year.signed_off_at = _aware(SIGNED_OFF)
    year.signed_off_by = _executive_chair(signed_on)
    year.published_at = _aware(PUBLISHED)
    year.save(update_fields=["signed_off_at", "signed_off_by", "published_at"])
    publishing.keep(year, _user("business.manager"))  # the published edition, as the public reads it
    return year


def _year_2022(groups: dict[str, Group], count: Counter) -> ReportYear:
    year, created = ReportYear.objects.get_or_create(first_year=2022)
    count.add(created)
    if year.is_locked:
        return year
    _priorities(year, demo_text_2022.PRIORITIES, groups, _user("business.manager"), count)
    _functions(year, demo_text_steps.FUNCTIONS_2022, groups, count)
    # Announced in the 2021-22 report; progress recorded during 2022-23, some steps still without.
    _key_steps(year, demo_text_steps.STEPS_2022, groups, _chairs(groups, dt.date(2022, 4, 1)), count)
    _development_areas(year, demo_text_2022.AREAS, groups, count)
    _engagement(year, demo_text_2022.ENGAGEMENT, count)
    return year


def load(rng) -> str:
    groups = {group.slug: group for group in Group.objects.filter(slug__in=GROUPS)}
    if len(groups) < len(GROUPS):
        return "no report years (the demo groups are missing)"
    count = Counter()
    first = _year_2021(groups, count)
    second = _year_2022(groups, count)
    state = "signed off and published" if first.published_at else "draft"
    return f"{first.label} ({state}) and {second.label} (draft): {count.new} new rows"
