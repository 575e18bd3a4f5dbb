"""The demo partnership's action log: actions raised at the groups' past meetings.

Each action points at the meeting that raised it. Whether it was done, done late, dropped or is
still open is judged against today, so the dashboard always shows work in hand and some that is
overdue. The demo group member and group chair each own open actions, some of them overdue.
Everything about an action comes from a generator seeded by its meeting, so a second run finds
every action already there and changes nothing.
"""

import datetime as dt
import random

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from lscp.accounts.models import User
from lscp.improvement import demo_recommendations
from lscp.improvement.models import Action, ActionStatus, ActionUpdate, Rag

# This app never imports governance: meetings and memberships are read through the registry.
DEPENDS_ON = ["core", "accounts", "governance"]

SEED = 2022
DOMAIN = "demo.lscp.invalid"
YEAR_END = dt.date(2022, 3, 31)
GROUP_MEMBER = f"group.member@{DOMAIN}"
GROUP_CHAIR = f"group.chair@{DOMAIN}"
BUSINESS_OFFICER = f"business.officer@{DOMAIN}"

# Where the demo sign-ins own actions: the group member on CSPRG and MACE, the chair on SEG.
DEMO_OWNERS = {"csprg": GROUP_MEMBER, "mace": GROUP_MEMBER, "seg": GROUP_CHAIR}
# How many of the group's most recent past meetings give the demo owner an action to do.
DEMO_OWNED_MEETINGS = 3

# Per group: (title, detail). "{agency}" is the owner's agency, "{month}" the meeting's month.
ACTIONS = {
    "executive": [
        (
            "Bring recovery plans for the delivery plan key steps at risk",
            "Cover what is late, why, and the revised dates.",
        ),
        (
            "Confirm {agency}'s contribution to the partnership budget",
            "In writing, before the budget is set.",
        ),
        (
            "Add an 'impact on practice' section to sub-group highlight reports",
            "Use the template agreed at the meeting in {month}.",
        ),
        ("Publish the yearly report on the partnership website", "With an easy-read summary."),
        ("Update the risk register after the {month} discussion", "Re-score the partner capacity risk."),
        ("Share the transitions guidance with {agency} managers", "Ask managers to use it in supervision."),
        ("Report on schools' harmful sexual behaviour support", "Include take-up of the training offer."),
        (
            "Arrange the development session for Executive members",
            "Half a day, facilitated by the independent scrutineer.",
        ),
    ],
    "csprg": [
        (
            "Send {agency}'s chronology for the rapid review",
            "Use the partnership template; include contacts over the last twelve months.",
        ),
        (
            "Evidence the changes made after the review discussed in {month}",
            "Audit five cases and report what has changed.",
        ),
        ("Brief {agency} frontline staff on the rapid review learning", "Use the 7-Point Briefing."),
        (
            "Review cross-border information sharing in {agency}",
            "Check how placements from other areas are notified and followed up.",
        ),
        (
            "Write to the national panel with the rapid review outcome",
            "Within 15 working days of the notification.",
        ),
        (
            "Draft a leaflet for families taking part in reviews",
            "Plain English; test it with a parent group.",
        ),
        (
            "Check step-down decisions in {agency} for families with several needs",
            "Sample ten step-downs from the last quarter.",
        ),
        (
            "Update the review action plan with {agency}'s evidence",
            "Attach the audit or the procedure that shows the change.",
        ),
        ("Confirm the publication date for the local practice review", "Tell the national panel first."),
    ],
    "cdop": [
        (
            "Complete {agency}'s reporting forms for the cases due at panel",
            "Upload them to the case system before the papers go out.",
        ),
        (
            "Plan the safer sleep campaign with maternity and health visiting",
            "Include the messages on co-sleeping after alcohol or medication.",
        ),
        ("Pilot the standard GP information request", "Three months; report back on returns."),
        ("Share the safer sleep risk tool with {agency}", "Offer a short briefing for staff."),
        ("Summarise modifiable factors for the yearly report", "Counts by factor for the year."),
        (
            "Check notification timeliness for deaths reported in {month}",
            "Compare with the local target of 48 hours.",
        ),
        (
            "Offer smoking cessation support through {agency}",
            "Agree a referral route with the stop smoking service.",
        ),
    ],
    "mace": [
        ("Return {agency}'s disruption activity template", "What was done this quarter and what helped."),
        (
            "Promote the intelligence sharing toolkit in {agency}",
            "Aim for every team to have seen the one-minute guide.",
        ),
        (
            "Refer the repeat locations to the community safety partnership",
            "Include the dates and the concerns raised.",
        ),
        ("Improve return home interview timeliness", "Report the share completed within 72 hours."),
        ("Work with the youth forum on a film about exploitation", "Agree the script with young people."),
        (
            "Arrange contextual safeguarding training for {agency} staff",
            "At least one session before the end of the quarter.",
        ),
        ("Map services' disruption powers into one guide", "Draw on the templates returned since {month}."),
        ("Check missing episodes for children known to {agency}", "Look for patterns in times and places."),
    ],
    "learning": [
        ("Send the follow-up evaluation for courses run in {month}", "Three to six months after the course."),
        (
            "Write the professional curiosity and challenge course",
            "Draw on the case studies from recent reviews.",
        ),
        ("Publish the One Minute Guide on private fostering", "After the final proof read."),
        ("Offer {agency} trainers for the multi-agency pool", "Two trainers for next year."),
        ("Record the safeguarding week sessions for the website", "With captions."),
        ("Reduce no-shows on online courses", "Try reminders and a waiting list."),
        ("Add early years examples to the neglect toolkit training", "Ask {agency} for two case examples."),
    ],
    "seg": [
        (
            "Explain the missed re-referral target",
            "Bring the reasons and an improvement plan to the next meeting.",
        ),
        ("Chase the outstanding Section 11 return from {agency}", "Offer help from the business unit."),
        ("Send the audit 7-Point Briefing to {agency}", "Ask for it to go to team meetings."),
        ("Re-issue the harmful sexual behaviour procedure", "After the changes agreed in {month}."),
        ("Complete the joint inspection self-assessment", "Each lead to fill in their section."),
        (
            "Add the child's voice to {agency}'s case audit tool",
            "So audits record what the child said and what changed.",
        ),
        ("Report the health assessment timeliness figures", "Split by first and review assessments."),
        ("Agree a common way to report feedback from families", "One template for all agencies."),
    ],
}

UPDATES = [
    "Work started; first draft shared with colleagues in {agency}.",
    "Met the leads involved; on track for the due date.",
    "Some delay from staff absence in {agency}; the chair has been told.",
    "Draft ready and circulated for comments.",
    "Waiting for information from partner agencies before this can be finished.",
    "Discussed at the team meeting; changes agreed and being put in place.",
]
LATE_UPDATES = [
    "Behind schedule: capacity in {agency} has been stretched. A revised date will go to the chair.",
    "Not yet done: waiting on another agency. Raised with the chair as at risk.",
    "Slipped because of competing priorities; escalated to the service manager.",
]
DONE = [
    "Completed and reported back to the group.",
    "Done: the evidence is saved with the meeting papers.",
    "Completed; the group agreed the action can close.",
]
CANCELLED = [
    "Cancelled by the group: overtaken by the new delivery plan.",
    "Cancelled: the work now sits with another group's action.",
    "No longer needed after the national guidance changed.",
]


def _owner_pool(meeting, memberships) -> list:
    day = timezone.localdate(meeting.starts_at)
    current = [
        m
        for m in memberships
        if m.group_id == meeting.group_id
        and m.role != "adviser"
        and m.start <= day
        and (m.end is None or m.end >= day)
    ]
    return sorted(current, key=lambda m: m.person.email)


def _pick_status(rng: random.Random, raised: dt.date, due: dt.date, today: dt.date):
    """(status, rag, completed_on) for an action raised on `raised`, due on `due`, seen today."""
    yesterday = today - dt.timedelta(days=1)
    roll = rng.random()
    if raised <= YEAR_END:
        # Years ago: everything from the reference year has long been closed one way or another.
        if roll < 0.1:
            return ActionStatus.CANCELLED, Rag.AMBER, None
        late = roll > 0.75
        return ActionStatus.COMPLETED, Rag.GREEN, _done_on(rng, raised, due, late, yesterday)
    if due < today:
        if roll < 0.55:
            return ActionStatus.COMPLETED, Rag.GREEN, _done_on(rng, raised, due, False, yesterday)
        if roll < 0.75:
            return ActionStatus.COMPLETED, Rag.GREEN, _done_on(rng, raised, due, True, yesterday)
        if roll < 0.9:
            return ActionStatus.IN_PROGRESS, rng.choice([Rag.RED, Rag.RED, Rag.AMBER]), None
        return ActionStatus.CANCELLED, Rag.AMBER, None
    if roll < 0.15 and (today - raised).days > 14:
        return ActionStatus.COMPLETED, Rag.GREEN, _done_on(rng, raised, due, False, yesterday)
    if roll < 0.45:
        return ActionStatus.OPEN, Rag.GREEN, None
    return ActionStatus.IN_PROGRESS, rng.choice([Rag.GREEN, Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.RED]), None


def _done_on(rng, raised: dt.date, due: dt.date, late: bool, latest: dt.date) -> dt.date:
    if late:
        day = due + dt.timedelta(days=rng.randint(3, 45))
    else:
        span = max((due - raised).days - 7, 1)
        day = raised + dt.timedelta(days=7 + rng.randint(0, span))
    return max(min(day, latest), raised + dt.timedelta(days=1))


def _updates(rng, action: Action, raised: dt.date, today: dt.date) -> list[ActionUpdate]:
    """Dated notes from the owner, ending with the current status."""
    agency = action.agency.display_name
    end = action.completed_on or today
    if action.status == ActionStatus.CANCELLED:
        end = min(action.due_date + dt.timedelta(days=14), today)
    days = max((end - raised).days, 1)
    progress = 0 if action.status == ActionStatus.OPEN else rng.randint(1, 3 if days > 30 else 1)
    overdue = action.is_open and action.due_date < today
    notes: list[tuple[dt.date, str, str, str]] = []
    for n in sorted(rng.sample(range(1, days + 1), k=min(progress, days))):
        written = raised + dt.timedelta(days=n)
        late = overdue and written > action.due_date
        text = (rng.choice(LATE_UPDATES) if late else rng.choice(UPDATES)).format(agency=agency)
        rag = action.rag if late or action.is_open else Rag.GREEN
        notes.append((written, text, ActionStatus.IN_PROGRESS, rag))
    if action.status == ActionStatus.COMPLETED:
        assert action.completed_on is not None  # _pick_status dates every completed action
        notes.append((action.completed_on, rng.choice(DONE), ActionStatus.COMPLETED, Rag.GREEN))
    elif action.status == ActionStatus.CANCELLED:
        notes.append((end, rng.choice(CANCELLED), ActionStatus.CANCELLED, action.rag))
    if overdue and not any(written > action.due_date for written, *_ in notes):
        written = min(action.due_date + dt.timedelta(days=rng.randint(2, 10)), today)
        notes.append((written, rng.choice(LATE_UPDATES).format(agency=agency), action.status, action.rag))
    # The last note shows the action as it stands.
    if notes and action.is_open:
        written, text, _, _ = notes[-1]
        notes[-1] = (written, text, action.status, action.rag)
    return [
        ActionUpdate(
            action=action,
            author=action.owner,
            written_at=timezone.make_aware(dt.datetime.combine(written, dt.time(16, 30))),
            text=text,
            status=status,
            rag=rag,
        )
        for written, text, status, rag in notes
    ]


def load(rng) -> str:
    Group = apps.get_model("governance", "Group")
    Meeting = apps.get_model("governance", "Meeting")
    Membership = apps.get_model("governance", "Membership")
    today = timezone.localdate()
    meeting_type = ContentType.objects.get_for_model(Meeting)
    raised_by = User.objects.filter(email=BUSINESS_OFFICER).first()
    demo_owners = {email: User.objects.filter(email=email).first() for email in set(DEMO_OWNERS.values())}
    memberships = list(Membership.objects.select_related("person", "agency").filter(group__slug__in=ACTIONS))
    total = new = 0
    for group in Group.objects.filter(slug__in=ACTIONS).order_by("order"):
        past = list(
            Meeting.objects.filter(group=group, is_cancelled=False, starts_at__date__lt=today).order_by(
                "starts_at"
            )
        )
        recent = [m.pk for m in past if timezone.localdate(m.starts_at) > YEAR_END][-DEMO_OWNED_MEETINGS:]
        for meeting in past:
            raised = timezone.localdate(meeting.starts_at)
            meeting_rng = random.Random(f"{SEED}:actions:{group.slug}:{raised.isoformat()}")
            pool = _owner_pool(meeting, memberships)
            if not pool:
                continue
            templates = meeting_rng.sample(ACTIONS[group.slug], k=meeting_rng.randint(1, 3))
            for n, (title, detail) in enumerate(templates):
                # Its own generator: whether an earlier action was new or not must not change this one.
                action_rng = random.Random(f"{SEED}:actions:{group.slug}:{raised.isoformat()}:{n}")
                membership = action_rng.choice(pool)
                owner, agency = membership.person, membership.agency
                due = raised + dt.timedelta(weeks=action_rng.choice([4, 6, 8, 8, 12, 16]))
                status, rag, completed_on = _pick_status(action_rng, raised, due, today)
                demo_owner = demo_owners.get(DEMO_OWNERS.get(group.slug, ""))
                if n == 0 and demo_owner is not None and meeting.pk in recent:
                    # The demo sign-ins always have work in hand, the oldest of it overdue.
                    age = len(recent) - recent.index(meeting.pk)  # 1 for the most recent
                    owner = demo_owner
                    agency = next(
                        m.agency for m in memberships if m.person_id == owner.pk and m.group_id == group.pk
                    )
                    due = raised + dt.timedelta(weeks={1: 10, 2: 6}.get(age, 4))
                    overdue = due < today
                    status = ActionStatus.IN_PROGRESS
                    rag = Rag.RED if overdue else (Rag.AMBER if age == 2 else Rag.GREEN)
                    completed_on = None
                month = f"{raised:%B %Y}"
                names = {"agency": agency.display_name, "month": month}
                action, created = Action.objects.get_or_create(
                    source_type=meeting_type,
                    source_id=meeting.pk,
                    title=title.format(**names)[:300],
                    defaults={
                        "detail": detail.format(**names),
                        "owner": owner,
                        "agency": agency,
                        "group": group,
                        "due_date": due,
                        "status": status,
                        "rag": rag,
                        "completed_on": completed_on,
                        "source_kind": "meeting",
                        "created_by": raised_by,
                    },
                )
                total += 1
                if not created:
                    continue
                new += 1
                raised_at = meeting.starts_at + dt.timedelta(hours=3)
                Action.objects.filter(pk=action.pk).update(created_at=raised_at)
                ActionUpdate.objects.bulk_create(_updates(action_rng, action, raised, today))
    threads = demo_recommendations.load(raised_by)
    return f"{total} actions ({new} new), {Action.objects.overdue(today).count()} overdue today; {threads}"
