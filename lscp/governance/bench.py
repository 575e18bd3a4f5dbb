"""National-scale synthetic groups, memberships, meetings, attendance and actions for `make bench`.

Actions are seeded here, not in improvement, because they are raised at meetings and improvement
never imports a domain app.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from lscp.accounts.models import User
from lscp.core.models import Agency
from lscp.governance.models import (
    MEETING_SOURCE,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Group,
    Meeting,
    Membership,
    MembershipRole,
)
from lscp.improvement.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Evidence,
    EvidenceKind,
    LearningTheme,
    Rag,
    Recommendation,
    RecommendationStatus,
)

DEPENDS_ON = ["core", "accounts", "improvement"]
MEMBERS_PER_GROUP = 20


def seed(scale, rng) -> None:
    Group.objects.bulk_create(
        [
            Group(
                name=f"Bench group {n:03d}", short_name=f"BG{n:03d}", slug=f"bench-{n:03d}", function="Bench."
            )
            for n in range(scale.groups)
        ]
    )
    groups = list(Group.objects.filter(slug__startswith="bench-"))
    people = list(User.objects.filter(email__startswith="bench.person").values_list("pk", "agency_id"))
    members: dict[int, list[tuple[int, int]]] = {}
    memberships = []
    for group in groups:
        chosen = rng.sample(people, MEMBERS_PER_GROUP)
        members[group.pk] = chosen
        for i, (person_id, agency_id) in enumerate(chosen):
            role = MembershipRole.CHAIR if i == 0 else MembershipRole.MEMBER
            memberships.append(
                Membership(
                    group=group,
                    person_id=person_id,
                    agency_id=agency_id,
                    role=role,
                    start=dt.date(2015, 4, 1),
                )
            )
    Membership.objects.bulk_create(memberships, batch_size=2000)
    _seed_meetings(scale, rng, groups, members)
    recommendations = _seed_recommendations(scale, rng, groups)
    _seed_actions(scale, rng, recommendations)
    _seed_evidence(scale, rng, recommendations)


def _seed_meetings(scale, rng, groups, members) -> None:
    now = timezone.now()
    per_group = scale.meetings // len(groups)
    Meeting.objects.bulk_create(
        [
            Meeting(
                group=group,
                starts_at=now - dt.timedelta(days=7 * (n - 8)),
                location="Online",
                minutes="Bench.",
            )
            for group in groups
            for n in range(per_group)
        ],
        batch_size=2000,
    )
    meetings = Meeting.objects.filter(group__slug__startswith="bench-").values_list("pk", "group_id")
    statuses = [AttendanceStatus.PRESENT] * 7 + [AttendanceStatus.APOLOGIES] * 2 + [AttendanceStatus.ABSENT]
    attendance: list[Attendance] = []
    agenda: list[AgendaItem] = []
    for meeting_id, group_id in meetings:
        agenda.extend(AgendaItem(meeting_id=meeting_id, order=i, title=f"Item {i}") for i in range(1, 6))
        attendance.extend(
            Attendance(meeting_id=meeting_id, person_id=p, agency_id=a, status=rng.choice(statuses))
            for p, a in members[group_id]
        )
    AgendaItem.objects.bulk_create(agenda, batch_size=5000)
    Attendance.objects.bulk_create(attendance, batch_size=5000)


def _seed_recommendations(scale, rng, groups) -> dict[int, list[int]]:
    """Recommendations of kind "other", spread over the groups: {group id: [recommendation ids]}."""
    total = getattr(scale, "recommendations", 50_000)
    themes = [
        LearningTheme.objects.get_or_create(name=f"Bench theme {n}", defaults={"slug": f"bench-theme-{n}"})[0]
        for n in range(12)
    ]
    agencies = list(Agency.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    statuses = list(RecommendationStatus)
    Recommendation.objects.bulk_create(
        [
            Recommendation(
                text=f"Bench recommendation {n:06d}: agencies should check and record what they were told.",
                source_kind="other",
                source_description="Bench",
                group=groups[n % len(groups)],
                made_on=today - dt.timedelta(days=rng.randint(0, 1500)),
                due_date=today + dt.timedelta(days=rng.randint(-400, 300)),
                status=rng.choice(statuses),
                stepped_across_on=today if rng.random() < 0.1 else None,
            )
            for n in range(total)
        ],
        batch_size=5000,
    )
    ids = list(
        Recommendation.objects.filter(source_description="Bench").values_list("pk", "group_id").order_by("pk")
    )
    Through = Recommendation.agencies.through
    Through.objects.bulk_create(
        [
            Through(recommendation_id=pk, agency_id=agency_id)
            for pk, _ in ids
            for agency_id in rng.sample(agencies, min(len(agencies), rng.randint(1, 3)))
        ],
        batch_size=10000,
    )
    ThemeThrough = Recommendation.themes.through
    ThemeThrough.objects.bulk_create(
        [ThemeThrough(recommendation_id=pk, learningtheme_id=rng.choice(themes).pk) for pk, _ in ids],
        batch_size=10000,
    )
    by_group: dict[int, list[int]] = {}
    for pk, group_id in ids:
        by_group.setdefault(group_id, []).append(pk)
    return by_group


def _seed_evidence(scale, rng, recommendations: dict[int, list[int]]) -> None:
    total = getattr(scale, "evidence", 100_000)
    author = User.objects.filter(email__startswith="bench.person").values_list("pk", flat=True).first()
    assert author is not None, "the accounts bench seeds people first"
    ids = [pk for pks in recommendations.values() for pk in pks]
    kinds = [EvidenceKind.COMPLETION, EvidenceKind.COMPLETION, EvidenceKind.IMPACT]
    Evidence.objects.bulk_create(
        [
            Evidence(
                recommendation_id=ids[n % len(ids)],
                kind=rng.choice(kinds),
                text="Bench evidence: the change was checked in a re-audit.",
                added_by_id=author,
            )
            for n in range(total)
        ],
        batch_size=5000,
    )


def _seed_actions(scale, rng, recommendations: dict[int, list[int]]) -> None:
    """Actions raised at the meetings, with updates: the action log at national scale."""
    meeting_type = ContentType.objects.get_for_model(Meeting)
    meetings = list(Meeting.objects.filter(group__slug__startswith="bench-").values_list("pk", "group_id"))
    members: dict[int, list[tuple[int, int]]] = {}
    for group_id, person_id, agency_id in Membership.objects.filter(
        group__slug__startswith="bench-"
    ).values_list("group_id", "person_id", "agency_id"):
        members.setdefault(group_id, []).append((person_id, agency_id))
    today = timezone.localdate()
    statuses = list(ActionStatus)
    actions = []
    for n in range(scale.actions):
        meeting_id, group_id = meetings[n % len(meetings)]
        owner_id, agency_id = rng.choice(members[group_id])
        actions.append(
            Action(
                title=f"Bench action {n:06d}",
                owner_id=owner_id,
                agency_id=agency_id,
                group_id=group_id,
                due_date=today + dt.timedelta(days=rng.randint(-400, 200)),
                status=rng.choice(statuses),
                rag=rng.choice(list(Rag)),
                source_kind=MEETING_SOURCE,
                source_type=meeting_type,
                source_id=meeting_id,
                # Every bench action belongs to one of its group's recommendations, at random.
                recommendation_id=rng.choice(recommendations[group_id])
                if group_id in recommendations
                else None,
            )
        )
    Action.objects.bulk_create(actions, batch_size=5000)
    _seed_updates(rng)


def _seed_updates(rng) -> None:
    action_rows = Action.objects.filter(title__startswith="Bench action").values_list(
        "pk", "owner_id", "status", "rag"
    )
    updates = [
        ActionUpdate(action_id=pk, author_id=owner_id, text="Progress noted.", status=status, rag=rag)
        for pk, owner_id, status, rag in action_rows
        if rng.random() < 0.5
    ]
    ActionUpdate.objects.bulk_create(updates, batch_size=5000)
