"""The demo partnership's learning themes and its recommendations of kind "other".

Twelve invented recommendations (from the scrutineer's report, a peer review, a thematic
learning event) across the groups, one or more at every status, with their actions, evidence
and dated transitions; several stepped across to L&D. Reviews add their own in their demo.
Each is found by its text on a second run, so running the demo again changes nothing.
"""

import datetime as dt

from django.apps import apps
from django.utils import timezone
from django.utils.text import slugify

from lscp.accounts.models import User
from lscp.core.models import Agency
from lscp.improvement.models import (
    RECOMMENDATION_STEPS,
    Action,
    ActionStatus,
    ActionUpdate,
    Evidence,
    EvidenceKind,
    LearningTheme,
    Rag,
    Recommendation,
    RecommendationStatus,
    RecommendationTransition,
)
from lscp.improvement.recommendations import OTHER_SOURCE

THEMES = [
    (
        "Professional curiosity and challenge",
        "Asking, checking and respectfully challenging what we are told.",
    ),
    ("Working with men", "Seeing and engaging fathers, partners and other men in a child's life."),
    ("Think family", "Joining up help for adults' needs that affect the children in the household."),
    ("Safe sleep", "Safer sleep advice for babies, especially where risks add up."),
    ("Coercive control", "Recognising controlling behaviour and its effect on children."),
    (
        "Cross-border information sharing",
        "Sharing information when families move or are placed across borders.",
    ),
]

POLICE = "West Moorland Police"
ICB = "West Moorland Integrated Care Board"
COUNCIL = "Westbrook Metropolitan District Council"
S = RecommendationStatus

# (group, text, source description, agencies, themes, status, stepped across, due in days from made)
RECOMMENDATIONS = [
    (
        "csprg",
        "Agencies should make sure practitioners record and follow up who else lives in or visits the "
        "household, including men who are not the child's father.",
        "Independent scrutineer's annual report",
        [POLICE, ICB],
        ["Working with men", "Professional curiosity and challenge"],
        S.IN_PROGRESS,
        True,
        120,
    ),
    (
        "csprg",
        "The partnership should agree one way to share information when a child is placed from or to "
        "another area.",
        "Regional peer review",
        [COUNCIL, POLICE],
        ["Cross-border information sharing"],
        S.OPEN,
        False,
        90,
    ),
    (
        "csprg",
        "Health and children's social care should check that safer sleep advice is given and recorded at "
        "every contact with families of babies under one.",
        "Thematic learning event on sudden infant deaths",
        [ICB, COUNCIL],
        ["Safe sleep", "Think family"],
        S.IMPACT_EVIDENCED,
        True,
        150,
    ),
    (
        "executive",
        "Sub-groups should report the impact of their work on children's experience, not only activity.",
        "Independent scrutineer's annual report",
        [COUNCIL, POLICE, ICB],
        [],
        S.CLOSED,
        False,
        180,
    ),
    (
        "executive",
        "The partnership should hear directly from young people about what helps them feel safe.",
        "Independent scrutineer's annual report",
        [COUNCIL],
        ["Professional curiosity and challenge"],
        S.ACTIONS_AGREED,
        False,
        200,
    ),
    (
        "seg",
        "Multi-agency audits should test whether practitioners recognise coercive control in referrals "
        "about domestic abuse.",
        "Domestic abuse partnership review",
        [POLICE, COUNCIL],
        ["Coercive control"],
        S.IMPLEMENTED,
        True,
        100,
    ),
    (
        "seg",
        "Agencies should show how adult mental health and substance misuse services consider the children "
        "of the adults they see.",
        "Regional peer review",
        [ICB],
        ["Think family"],
        S.IN_PROGRESS,
        False,
        60,
    ),
    (
        "mace",
        "Return home interviews should be offered within 72 hours and their learning shared with the "
        "exploitation meeting.",
        "Independent scrutineer's annual report",
        [COUNCIL, POLICE],
        ["Professional curiosity and challenge"],
        S.IN_PROGRESS,
        False,
        90,
    ),
    (
        "mace",
        "Police and children's social care should agree how intelligence about places of concern is shared "
        "with schools.",
        "Thematic learning event on exploitation",
        [POLICE],
        ["Cross-border information sharing"],
        S.CLOSED,
        True,
        120,
    ),
    (
        "learning",
        "The training offer should include a course on working with fathers and male carers.",
        "Thematic learning event on working with men",
        [COUNCIL, ICB],
        ["Working with men"],
        S.ACTIONS_AGREED,
        True,
        150,
    ),
    (
        "cdop",
        "Maternity services should ask about smoking and co-sleeping plans before discharge and record the "
        "answer.",
        "Child death overview thematic report",
        [ICB],
        ["Safe sleep"],
        S.OPEN,
        True,
        60,
    ),
    (
        "cdop",
        "The partnership should check that bereaved families are offered a key worker within five working "
        "days.",
        "Child death overview thematic report",
        [ICB, COUNCIL],
        ["Think family"],
        S.IMPLEMENTED,
        False,
        90,
    ),
]

ACTIONS = [
    ("Brief {agency} staff on the recommendation", "Use the 7-Point Briefing at team meetings."),
    ("Audit ten {agency} cases against the recommendation", "Report what was found to the group."),
]
COMPLETION = "The briefing went to every team in {agency}; attendance lists are kept with the group's papers."
IMPACT = (
    "A re-audit of fifteen cases found the change in {count} of them, up from a handful before. "
    "Practitioners' feedback says the new prompt helps."
)


def _themes() -> dict[str, LearningTheme]:
    found = {}
    for name, description in THEMES:
        theme, _ = LearningTheme.objects.get_or_create(
            name=name, defaults={"slug": slugify(name), "description": description}
        )
        found[name] = theme
    return found


def _owner(agency: Agency, group_id: int, memberships) -> User | None:
    for membership in memberships:
        if membership.agency_id == agency.pk and membership.group_id == group_id:
            return membership.person
    return User.objects.filter(agency=agency, is_active=True).order_by("email").first()


def _aware(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def load(officer: User | None) -> str:
    Group = apps.get_model("governance", "Group")
    Membership = apps.get_model("governance", "Membership")
    today = timezone.localdate()
    themes = _themes()
    groups = {g.slug: g for g in Group.objects.filter(slug__in={r[0] for r in RECOMMENDATIONS})}
    agencies = {a.name: a for a in Agency.objects.filter(name__in=[POLICE, ICB, COUNCIL])}
    memberships = list(Membership.objects.select_related("person").filter(role__in=["chair", "member"]))
    if officer is None or len(agencies) < 3:
        return "no recommendations (the demo people and agencies are missing)"
    new = 0
    for n, (slug, text, description, agency_names, theme_names, status, stepped, due_in) in enumerate(
        RECOMMENDATIONS
    ):
        group = groups.get(slug)
        if group is None or Recommendation.objects.filter(text=text).exists():
            continue
        new += 1
        step = RECOMMENDATION_STEPS.index(status)
        made_on = today - dt.timedelta(days=300 - 15 * n)
        addressed = [agencies[name] for name in agency_names]
        recommendation = Recommendation.objects.create(
            text=text,
            source_kind=OTHER_SOURCE,
            source_description=description,
            group=group,
            made_on=made_on,
            due_date=made_on + dt.timedelta(days=due_in),
            status=status,
            stepped_across_on=made_on + dt.timedelta(days=40) if stepped else None,
            learning_response=(
                "Covered in the next run of the multi-agency course; a 7-Point Briefing is being written."
                if stepped and n % 2 == 0
                else ""
            ),
            created_by=officer,
        )
        Recommendation.objects.filter(pk=recommendation.pk).update(created_at=_aware(made_on))
        recommendation.agencies.set(addressed)
        recommendation.themes.set([themes[name] for name in theme_names])
        _thread(recommendation, step, made_on, addressed, memberships, officer, today)
    return f"{len(THEMES)} learning themes, {Recommendation.objects.count()} recommendations ({new} new)"


def _thread(recommendation, step, made_on, addressed, memberships, officer, today) -> None:
    """Actions, evidence and transitions that bring the recommendation to its status."""
    when = [made_on + dt.timedelta(days=20 * (i + 1)) for i in range(len(RECOMMENDATION_STEPS))]
    actions = []
    if step >= 1:
        for i, agency in enumerate(addressed[:2]):
            title, detail = ACTIONS[i % len(ACTIONS)]
            owner = _owner(agency, recommendation.group_id, memberships)
            done = step >= 3
            due = when[0] + dt.timedelta(days=45 + 30 * i)
            action = Action.objects.create(
                title=title.format(agency=agency.display_name),
                detail=detail,
                owner=owner,
                agency=agency,
                group=recommendation.group,
                due_date=due,
                status=ActionStatus.COMPLETED
                if done
                else (ActionStatus.IN_PROGRESS if step == 2 else ActionStatus.OPEN),
                rag=Rag.GREEN if done or due >= today else Rag.RED,
                completed_on=min(due - dt.timedelta(days=5), today) if done else None,
                source_kind=OTHER_SOURCE,
                recommendation=recommendation,
                created_by=officer,
            )
            actions.append(action)
            if step >= 2 and owner is not None:
                ActionUpdate.objects.create(
                    action=action,
                    author=owner,
                    written_at=_aware(min(when[1] + dt.timedelta(days=10), today), 16),
                    text="Completed and reported to the group." if done else "Work started; on track.",
                    status=action.status,
                    rag=action.rag,
                )
    if step >= 3:
        for action in actions:
            Evidence.objects.create(
                recommendation=recommendation,
                action=action,
                kind=EvidenceKind.COMPLETION,
                text=COMPLETION.format(agency=action.agency.display_name),
                added_by=action.owner or officer,
                added_at=_aware(min(when[2], today), 15),
            )
    if step >= 4:
        Evidence.objects.create(
            recommendation=recommendation,
            kind=EvidenceKind.IMPACT,
            text=IMPACT.format(count=11),
            audit_ref="Multi-agency audit, spring",
            added_by=officer,
            added_at=_aware(min(when[3], today), 15),
        )
    for i in range(step):
        RecommendationTransition.objects.create(
            recommendation=recommendation,
            from_status=RECOMMENDATION_STEPS[i],
            to_status=RECOMMENDATION_STEPS[i + 1],
            at=_aware(min(when[i], today), 10),
            by=officer,
        )
