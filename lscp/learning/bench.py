"""National-scale synthetic learning and development for `make bench`: practitioners with their
learner profiles, courses, sessions over five years and the next six months, bookings (attended,
absent, cancelled, booked and waiting), evaluations on the day and impact follow-ups, and
resources with versions.

Sized by the Scale's `practitioners`, `learning_sessions`, `bookings` and `evaluations` (follow-ups
are a quarter of the evaluations, courses one for every hundred sessions). A Scale without them
(another app's small test scale) seeds nothing here.

Bookings are planned as plain tuples first and written in chunks of sessions, each chunk's
evaluations straight after it, so memory stays flat however many there are. A past session never
has more places held to the end (attended, absent, cancelled late) than its capacity; a future one
has its places booked and the rest waiting, in the order they booked.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group as RoleGroup
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core import figures_cache
from lscp.core.models import Agency, AgencyKind
from lscp.improvement.models import LearningTheme
from lscp.learning.models import (
    Booking,
    BookingStatus,
    Course,
    CourseAudience,
    CourseFormat,
    Evaluation,
    FollowUp,
    LearnerProfile,
    Resource,
    ResourceKind,
    ResourceVersion,
    Session,
    UsedLearning,
)
from lscp.learning.report import KEPT

DEPENDS_ON = ["core", "accounts", "improvement"]

EMAIL_PREFIX = "bench.learner"
DOMAIN = "bench.lscp.invalid"
MARKER = "Bench course"
YEARS = 5
FUTURE_DAYS = 180
FUTURE_SHARE = 0.1
BATCH = 5000
SESSIONS_PER_CHUNK = 1000
S = BookingStatus
# Past bookings: (status, weight). Future ones are booked, or waiting once the places have gone.
PAST = [(S.ATTENDED, 85), (S.ABSENT, 5), (S.LATE_CANCELLATION, 3), (S.CANCELLED, 7)]
HELD_TO_THE_END = {S.ATTENDED, S.ABSENT, S.LATE_CANCELLATION}


def sizes(scale) -> dict[str, int]:
    """What to seed, from the Scale; zeros when the Scale has no learning figures."""
    sessions = getattr(scale, "learning_sessions", 0)
    evaluations = getattr(scale, "evaluations", 0)
    return {
        "practitioners": getattr(scale, "practitioners", 0),
        "sessions": sessions,
        "courses": max(5, sessions // 100) if sessions else 0,
        "bookings": getattr(scale, "bookings", 0),
        "evaluations": evaluations,
        "follow_ups": evaluations // 4,
        "resources": max(10, sessions // 40) if sessions else 0,
    }


def seed(scale, rng) -> None:
    size = sizes(scale)
    if not (size["practitioners"] and size["sessions"]):
        return
    themes = [
        LearningTheme.objects.get_or_create(name=f"Bench theme {n}", defaults={"slug": f"bench-theme-{n}"})[
            0
        ].pk
        for n in range(12)
    ]
    people = _practitioners(rng, size["practitioners"])
    courses = _courses(rng, size["courses"], themes)
    sessions = _sessions(rng, size["sessions"], courses)
    _bookings(rng, size, sessions, people)
    _resources(rng, size["resources"], themes)
    figures_cache.bump(KEPT)  # rows written past the signals: the report's kept figures are out of date


def _practitioners(rng, count: int) -> list[tuple[int, int | None]]:
    """[(user pk, agency pk)], each with the practitioner role and a learner profile."""
    agencies = list(Agency.objects.values_list("pk", flat=True))
    password = make_password("bench-password-not-for-use")  # hashed once: Argon2 is slow on purpose
    joined = timezone.now()
    insert(
        User,
        (
            {
                "email": f"{EMAIL_PREFIX}{n:06d}@{DOMAIN}",
                "full_name": f"Bench Learner {n:06d}",
                "job_title": "Practitioner",
                "agency_id": rng.choice(agencies) if agencies else None,
                "password": password,
                "date_joined": joined,
            }
            for n in range(count)
        ),
    )
    rows = list(
        User.objects.filter(email__startswith=EMAIL_PREFIX, email__endswith=DOMAIN)
        .order_by("pk")
        .values_list("pk", "agency_id", "agency__service_area")
    )
    role = RoleGroup.objects.get_or_create(name=Role.PRACTITIONER.value)[0]
    insert(User.groups.through, ({"user_id": pk, "group_id": role.pk} for pk, _, _ in rows))
    insert(
        LearnerProfile,
        (
            {
                "user_id": pk,
                "service_area": area or "other",
                "line_manager_email": f"manager{pk % 997}@{DOMAIN}",
            }
            for pk, _, area in rows
        ),
    )
    return [(pk, agency_id) for pk, agency_id, _ in rows]


# Dated formats, with a few recorded courses (one open-ended session each) among them.
DATED = [CourseFormat.CLASSROOM, CourseFormat.VIRTUAL, CourseFormat.VIRTUAL, CourseFormat.MASTERCLASS]


def _courses(rng, count: int, themes: list[int]) -> list[tuple[int, str]]:
    """[(course pk, format)]: about one in twenty-five on demand, the rest dated."""
    formats = [CourseFormat.RECORDED if n % 25 == 24 else DATED[n % len(DATED)] for n in range(count)]
    Course.objects.bulk_create(
        [
            Course(
                title=f"{MARKER} {n:04d}",
                slug=f"bench-course-{n:04d}",
                format=fmt,
                summary="Bench course: what it covers.",
                outcomes="Know the signs\nKnow who to tell\nKnow what happens next",
                audience="Anyone who works with children",
                duration_minutes=180,
                is_published=n % 20 != 19,
                needs_manager_approval=n % 10 == 3,
                recording_url="https://bench.example.org/recording" if fmt == CourseFormat.RECORDED else "",
            )
            for n, fmt in enumerate(formats)
        ],
        batch_size=BATCH,
    )
    rows = list(Course.objects.filter(title__startswith=MARKER).order_by("pk").values_list("pk", "format"))
    kinds = list(AgencyKind)
    CourseAudience.objects.bulk_create(
        [CourseAudience(course_id=pk, agency_kind=kind) for pk, _ in rows for kind in rng.sample(kinds, 3)],
        batch_size=BATCH,
    )
    Themes = Course.themes.through
    Themes.objects.bulk_create(
        [Themes(course_id=pk, learningtheme_id=theme) for pk, _ in rows for theme in rng.sample(themes, 2)],
        batch_size=BATCH,
    )
    return rows


def _sessions(rng, count: int, courses: list[tuple[int, str]]) -> list[tuple[int, dt.datetime, int, bool]]:
    """[(session pk, starts at, capacity, on demand)]: most in the last five years, a tenth ahead."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    on_demand = [pk for pk, fmt in courses if fmt == CourseFormat.RECORDED]
    dated = [(pk, fmt) for pk, fmt in courses if fmt != CourseFormat.RECORDED]
    rows = []
    for pk in on_demand:
        start = now - dt.timedelta(days=rng.randint(30, YEARS * 365))
        rows.append(
            Session(course_id=pk, starts_at=start, ends_at=start + dt.timedelta(hours=3), capacity=5000)
        )
    for n in range(count - len(on_demand)):
        course_id, fmt = dated[n % len(dated)]
        if rng.random() < FUTURE_SHARE:
            start = now + dt.timedelta(days=rng.randint(1, FUTURE_DAYS), hours=rng.randint(0, 8))
        else:
            start = now - dt.timedelta(days=rng.randint(1, YEARS * 365), hours=rng.randint(0, 8))
        start = start.replace(hour=9)
        capacity = (
            rng.choice([150, 200, 300]) if fmt == CourseFormat.MASTERCLASS else rng.choice([16, 20, 24, 30])
        )
        rows.append(
            Session(
                course_id=course_id,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=3),
                venue="Online" if fmt != CourseFormat.CLASSROOM else "Bench training room",
                capacity=capacity,
            )
        )
    Session.objects.bulk_create(rows, batch_size=BATCH)
    demand = set(on_demand)
    return [(s.pk, s.starts_at, s.capacity, s.course_id in demand) for s in rows]


def _bookings(rng, size: dict[str, int], sessions, people: list[tuple[int, int | None]]) -> None:
    """Each session's share of the bookings, by its capacity; then evaluations and follow-ups for a
    sample of those who attended."""
    total = size["bookings"]
    now = timezone.now()
    weights = [capacity if not on_demand else 100 for _, _, capacity, on_demand in sessions]
    per_session = _spread(total, weights)
    plans: list[tuple[int, int, str]] = []  # (session index, person index, status)
    statuses, status_weights = zip(*PAST, strict=True)
    for index, ((_, starts_at, capacity, on_demand), n) in enumerate(zip(sessions, per_session, strict=True)):
        n = min(n, len(people))
        past = starts_at < now
        held = 0
        for person in rng.sample(range(len(people)), n):
            if on_demand:
                status = S.ATTENDED if rng.random() < 0.7 else S.BOOKED
            elif past:
                status = rng.choices(statuses, status_weights)[0]
                if status in HELD_TO_THE_END:
                    if held >= capacity:
                        status = S.CANCELLED
                    held += status != S.CANCELLED
            else:
                status = S.BOOKED if held < capacity else S.WAITING
                held += status == S.BOOKED
            plans.append((index, person, status))
    attended = [i for i, (_, _, status) in enumerate(plans) if status == S.ATTENDED]
    evaluated = set(rng.sample(attended, min(size["evaluations"], len(attended))))
    followed = set(rng.sample(sorted(evaluated), min(size["follow_ups"], len(evaluated))))
    charge = Decimal(str(settings.LSCP_LEARNING["non_attendance_charge"]))
    for start in range(0, len(plans), BATCH * 4):
        chunk = range(start, min(start + BATCH * 4, len(plans)))
        before = Booking.objects.aggregate(top=Max("pk"))["top"] or 0
        bookings = [_booking(rng, plans[i], sessions, people, charge, now) for i in chunk]
        insert(Booking, bookings)
        ids = {
            (session_id, person_id): pk
            for pk, session_id, person_id in Booking.objects.filter(pk__gt=before).values_list(
                "pk", "session_id", "person_id"
            )
        }
        for row in bookings:
            row["id"] = ids[row["session_id"], row["person_id"]]
        insert(
            Evaluation, (_evaluation(rng, b) for i, b in zip(chunk, bookings, strict=True) if i in evaluated)
        )
        insert(FollowUp, (_follow_up(rng, b) for i, b in zip(chunk, bookings, strict=True) if i in followed))


def _spread(total: int, weights: list[int]) -> list[int]:
    """`total` shared out in proportion to the weights, adding up exactly."""
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    for i in range(total - sum(shares)):
        shares[i % len(shares)] += 1
    return shares


def _booking(rng, plan: tuple[int, int, str], sessions, people, charge: Decimal, now: dt.datetime) -> dict:
    index, person, status = plan
    session_id, starts_at, _, on_demand = sessions[index]
    person_id, agency_id = people[person]
    if on_demand:
        booked_at = starts_at + dt.timedelta(days=rng.randint(0, 300))
    else:
        booked_at = starts_at - dt.timedelta(days=rng.randint(3, 60), minutes=rng.randint(0, 600))
    booked_at = min(booked_at, now - dt.timedelta(hours=1))  # nobody books in the future
    attended = status == S.ATTENDED
    return {
        "session_id": session_id,
        "person_id": person_id,
        "agency_id": agency_id,
        "status": status,
        "booked_at": booked_at,
        "changed_at": booked_at,
        "manager_token": uuid.UUID(int=rng.getrandbits(128), version=4),
        "charge": charge if status in (S.ABSENT, S.LATE_CANCELLATION) else None,
        "watched_confirmed_at": booked_at if on_demand and attended else None,
        "attended_on": (booked_at if on_demand else starts_at).date() if attended else None,
    }


def _evaluation(rng, booking: dict) -> dict:
    improved = rng.random() < 0.9
    before = rng.randint(1, 4)
    after = min(5, before + 1) if improved else before
    return {
        "booking_id": booking["id"],
        "quality": rng.randint(3, 5),
        "relevance": rng.randint(3, 5),
        "knowledge_before": before,
        "knowledge_after": after,
        "confidence_before": before,
        "confidence_after": after,
        "improved": improved,
        "will_do_differently": "Ask more questions." if improved else "",
        "comments": "",
        "submitted_at": _on(booking) + dt.timedelta(days=1),
    }


def _on(booking: dict) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(booking["attended_on"], dt.time(10)))


def _follow_up(rng, booking: dict) -> dict:
    used = rng.choices(USED, [70, 23, 7])[0]
    return {
        "booking_id": booking["id"],
        "used_learning": used,
        "example": "Bench example: a concern was shared sooner." if used == UsedLearning.YES else "",
        "impact": rng.randint(3, 5) if used != UsedLearning.NO else rng.randint(1, 2),
        "submitted_at": min(_on(booking) + dt.timedelta(days=100), timezone.now()),
        "publishable": rng.random() < 0.01,
        "from_line_manager": "",
    }


USED = list(UsedLearning)


def _resources(rng, count: int, themes: list[int]) -> None:
    today = timezone.localdate()
    kinds = list(ResourceKind)
    resources = [
        Resource(
            title=f"Bench resource {n:05d}",
            slug=f"bench-resource-{n:05d}",
            kind=kinds[n % len(kinds)],
            summary="Bench resource.",
            is_public=n % 3 != 0,
            review_on=today + dt.timedelta(days=rng.randint(-200, 700)),
            published_on=None if n % 50 == 49 else today - dt.timedelta(days=rng.randint(30, 1500)),
        )
        for n in range(count)
    ]
    Resource.objects.bulk_create(resources, batch_size=BATCH)
    ResourceVersion.objects.bulk_create(
        [
            ResourceVersion(resource_id=r.pk, number=v, link=f"https://bench.example.org/{r.slug}/v{v}")
            for r in resources
            for v in range(1, rng.randint(1, 3) + 1)
        ],
        batch_size=BATCH,
    )
    Themes = Resource.themes.through
    Themes.objects.bulk_create(
        [
            Themes(resource_id=r.pk, learningtheme_id=theme)
            for r in resources
            for theme in rng.sample(themes, 2)
        ],
        batch_size=BATCH,
    )


# ------------------------------------------------------------------------- fast plain inserts


def _converter(field):
    """How a value goes to this database for this field (the ORM's own rules, looked up once)."""
    ops = connection.ops
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return lambda value: None if value is None else ops.adapt_datetimefield_value(value)
    if kind == "DateField":
        return lambda value: None if value is None else ops.adapt_datefield_value(value)
    if kind == "DecimalField":
        return lambda value: (
            None
            if value is None
            else ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
        )
    if kind == "UUIDField":
        return lambda value: field.get_db_prep_value(value, connection)
    return None


def insert(model, rows: Iterable[dict]) -> int:
    """Write plain rows ({attname: value}; fields left out take their default) in batches, without
    building model instances: the ORM's per-object work is most of bulk_create's time at this size.
    No signals, no save(): fine for seeding, as bulk_create. A callable default is called once per
    call, so a unique field with one (Booking.manager_token) must be in every row."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    defaults = {f.attname: f.get_default() if f.has_default() else (None if f.null else "") for f in fields}
    converters = [_converter(f) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    written = 0
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(
                tuple(
                    convert(row.get(name, defaults[name])) if convert else row.get(name, defaults[name])
                    for name, convert in zip(names, converters, strict=True)
                )
            )
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written
