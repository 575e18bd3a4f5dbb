"""The demo partnership's people: one sign-in per role, and the members who sit on its groups.

Every name is invented. Staff sign-ins have a second factor from the start (a confirmed set of
backup codes), because two-factor is never switched off, not even for a demo.
"""

import datetime as dt

from django.contrib.auth.models import Group as RoleGroup
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from lscp.accounts.models import User
from lscp.accounts.roles import TWO_FACTOR_EXEMPT, Role
from lscp.core.models import AccessEntry, AccessKind, Agency

DEPENDS_ON = ["core"]

DOMAIN = "demo.lscp.invalid"
PASSWORD = "DemoPartnership2022!"
BACKUP_DEVICE_NAME = "backup codes"
BACKUP_CODES = 10

COUNCIL = "Westbrook Metropolitan District Council"
POLICE = "West Moorland Police"
ICB = "West Moorland Integrated Care Board"


def role_email(role: Role) -> str:
    return f"{role.value.lower().replace(' ', '.')}@{DOMAIN}"


# One sign-in per role: (role, full name, job title, agency name or None).
SIGN_INS = [
    (Role.SYSTEM_ADMINISTRATOR, "Jordan Ashby", "Systems administrator", COUNCIL),
    (Role.BUSINESS_MANAGER, "Elaine Fairbrother", "Partnership business manager", COUNCIL),
    (Role.BUSINESS_OFFICER, "Owen Pritchard", "Partnership business officer", COUNCIL),
    (Role.DATA_ANALYST, "Farah Mirza", "Partnership data analyst", COUNCIL),
    (Role.GROUP_CHAIR, "Bethany Caldwell", "Head of quality and safeguarding", ICB),
    (Role.GROUP_MEMBER, "Daniel Okoro", "Detective inspector, public protection", POLICE),
    (Role.INDEPENDENT_SCRUTINEER, "Patricia Nkemelu", "Independent scrutineer", None),
    (
        Role.LEAD_NURSE,
        "Grace Adeyemi",
        "Lead nurse for child death review",
        "Westbrook Teaching Hospitals NHS Trust",
    ),
    (Role.PRACTITIONER, "Lucy Brennan", "Designated safeguarding lead", "Moorside Primary School"),
]

# The people who sit on the groups: (full name, job title, agency name). Governance's demo picks
# its members from these by agency and job title.
MEMBERS = [
    ("Margaret Oyelaran", "Corporate director, children and young people's services", COUNCIL),
    ("Tomasz Kowalczyk", "Service director, children's social care", COUNCIL),
    ("Priya Raman", "Head of quality assurance and safeguarding", COUNCIL),
    ("Gareth Pryce", "Service manager, integrated front door", COUNCIL),
    ("Aisha Bello", "Exploitation team manager", COUNCIL),
    ("Declan Byrne", "Local authority designated officer (LADO)", COUNCIL),
    ("Fiona McLeod", "Safeguarding advisor for education", COUNCIL),
    ("Sunita Chauhan", "Workforce development manager", COUNCIL),
    ("Marcus Ellery", "Chief superintendent, district commander", POLICE),
    ("Joanna Whitcombe", "Detective chief inspector, safeguarding", POLICE),
    ("Imran Qureshi", "Detective inspector, child exploitation", POLICE),
    ("Catherine Lindqvist", "Director of nursing and quality", ICB),
    ("Bernadette Nwosu", "Designated nurse for safeguarding children", ICB),
    ("Rajesh Iyer", "Designated doctor for child deaths", ICB),
    ("Eleanor Hartley", "Named GP for safeguarding children", ICB),
    ("Siobhan Gallagher", "Named nurse for safeguarding children", "Westbrook Teaching Hospitals NHS Trust"),
    ("Agnieszka Nowak", "Lead nurse for child death review", "Westbrook Teaching Hospitals NHS Trust"),
    ("Kwame Asante", "Consultant paediatrician", "Westbrook Teaching Hospitals NHS Trust"),
    ("Yusuf Patel", "Head of safeguarding", "Moorland Community and Mental Health NHS Foundation Trust"),
    ("Lowri Evans", "CAMHS service manager", "Moorland Community and Mental Health NHS Foundation Trust"),
    ("Mei Ling Chen", "0-19 service manager", "Moorland Community and Mental Health NHS Foundation Trust"),
    ("Hamza Siddiqui", "Safeguarding lead GP", "Westbrook GP Federation"),
    ("Callum Fraser", "Safeguarding lead", "Northern Moors Ambulance Service NHS Trust"),
    ("Adebayo Ogunleye", "Headteacher", "Westbrook Academy"),
    ("Bridget O'Connell", "Headteacher", "St Aidan's Church of England Primary School"),
    ("Nadia Haddad", "Headteacher", "Hollin Bank Special School"),
    ("Harriet Blackwood", "Designated safeguarding lead", "Kingsmoor Grammar School"),
    ("Tariq Mahmood", "Safeguarding manager", "Westbrook College"),
    ("Chloe Ashworth", "Nursery manager", "Little Acorns Day Nursery"),
    ("Grace Mensah", "Network coordinator", "Westbrook Childminding Network"),
    ("Ruth Abernethy", "Chief executive", "Safe Harbour Westbrook"),
    ("Jamal Robinson", "Service manager", "Westbrook Young Carers"),
    ("Sean Doherty", "Youth work manager", "Moorland Youth Trust"),
    ("Leanne Firth", "Family support manager", "Bridges Family Support"),
    ("Olumide Bakare", "Safeguarding officer", "Westbrook Community Sports Trust"),
    ("Gurpreet Sandhu", "Faith settings coordinator", "Westbrook Faith Forum"),
    ("Ingrid Solberg", "Consultant in public health", "Westbrook Public Health"),
    ("Zainab Ahmed", "Public health manager, children and families", "Westbrook Public Health"),
    ("Peter Lomax", "Head of probation delivery", "Probation Service, West Moorland"),
    ("Dawn Ridley", "Tenancy services manager", "Westbrook Homes"),
    ("Craig Holroyd", "Station manager, prevention", "West Moorland Fire and Rescue Service"),
    ("Andrea Costa", "Head of youth justice", "Westbrook Youth Justice Service"),
    ("Hannah Szabo", "Safeguarding adults manager", "Westbrook Adult Social Care"),
    ("Niamh Quinn", "Service manager", "Westbrook Recovery Service"),
]


# Members who also sign in, for a seat rather than a role: (what they do, full name from MEMBERS).
# The Executive's chair alone signs off a year's report.
SEAT_SIGN_INS = [("Executive chair", "Margaret Oyelaran")]


def member_email(full_name: str) -> str:
    local = "".join(c for c in full_name.lower().replace(" ", ".") if c.isalnum() or c == ".")
    return f"{local}@{DOMAIN}"


def _agency(name: str | None) -> Agency | None:
    return Agency.objects.get(name=name) if name else None


def _person(email: str, full_name: str, job_title: str, agency_name: str | None) -> tuple[User, bool]:
    return User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "job_title": job_title,
            "agency": _agency(agency_name),
            # A year before the demo year: these people were there when it began.
            "date_joined": timezone.make_aware(dt.datetime(2020, 4, 1, 9, 0)),
        },
    )


def _grant(user: User, role: Role) -> None:
    if role.value not in user.roles:
        user.grant(role)


def _backup_codes(user: User) -> None:
    """A confirmed set of backup codes, made once; a second run never adds more."""
    device, created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    if created:
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=StaticToken.random_token()) for _ in range(BACKUP_CODES)
        )


def _sign_in_history(rng, users: list[User]) -> int:
    """A few weeks of sign-ins for the audit trail, written once."""
    if AccessEntry.objects.filter(user__in=users).exists():
        return 0
    now = timezone.now()
    entries: list[tuple[dt.datetime, AccessKind, User | None, str]] = []
    for user in users:
        for _ in range(rng.randint(3, 8)):
            at = now - dt.timedelta(days=rng.randint(1, 40), minutes=rng.randint(0, 600))
            entries.append((at, AccessKind.SIGNED_IN, user, user.email))
            entries.append(
                (at + dt.timedelta(minutes=rng.randint(5, 90)), AccessKind.SIGNED_OUT, user, user.email)
            )
        if rng.random() < 0.3:
            at = now - dt.timedelta(days=rng.randint(1, 40))
            entries.append((at, AccessKind.SIGN_IN_FAILED, None, user.email))
    # Someone guessing at an account that does not exist, until the lockout stops them.
    at = now - dt.timedelta(days=9, hours=3)
    for n in range(5):
        entries.append(
            (at + dt.timedelta(seconds=20 * n), AccessKind.SIGN_IN_FAILED, None, f"admin@{DOMAIN}")
        )
    entries.append((at + dt.timedelta(seconds=101), AccessKind.LOCKED_OUT, None, f"admin@{DOMAIN}"))
    for at, kind, who, username in sorted(entries, key=lambda e: e[0]):
        entry = AccessEntry.objects.create(
            user=who,
            kind=kind,
            username=username,
            path="/account/sign-in/" if kind != AccessKind.SIGNED_OUT else "/account/sign-out/",
            ip_address=f"10.20.{rng.randint(0, 15)}.{rng.randint(2, 250)}",
        )
        # `at` is set on creation; move it back to when it happened.
        AccessEntry.objects.filter(pk=entry.pk).update(at=at)
    return len(entries)


def load(rng) -> str:
    for role in Role:
        RoleGroup.objects.get_or_create(name=role.value)
    sign_in_users = []
    new = 0
    for role, full_name, job_title, agency_name in SIGN_INS:
        user, created = _person(role_email(role), full_name, job_title, agency_name)
        if created:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
            new += 1
        _grant(user, role)
        if role not in TWO_FACTOR_EXEMPT:
            _backup_codes(user)
        sign_in_users.append(user)
    for full_name, job_title, agency_name in MEMBERS:
        user, created = _person(member_email(full_name), full_name, job_title, agency_name)
        if created:
            # Members are there to sit on groups; only the role sign-ins above can sign in.
            user.set_unusable_password()
            user.save(update_fields=["password"])
            new += 1
        _grant(user, Role.GROUP_MEMBER)
    for _, full_name in SEAT_SIGN_INS:
        user = User.objects.get(email=member_email(full_name))
        if not user.has_usable_password():
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        _backup_codes(user)
        sign_in_users.append(user)
    history = _sign_in_history(rng, sign_in_users)
    sign_ins = len(SIGN_INS) + len(SEAT_SIGN_INS)
    return f"{sign_ins} sign-ins and {len(MEMBERS)} members ({new} new), {history} access entries"


def sign_ins() -> list[dict]:
    """For each role: email, the shared password, and the backup codes not yet used."""
    accounts = [(role.value, role_email(role), role not in TWO_FACTOR_EXEMPT) for role, *_ in SIGN_INS]
    accounts += [(seat, member_email(full_name), True) for seat, full_name in SEAT_SIGN_INS]
    result = []
    for role, email, two_factor in accounts:
        codes = list(
            StaticToken.objects.filter(device__user__email=email, device__name=BACKUP_DEVICE_NAME)
            .order_by("pk")
            .values_list("token", flat=True)
        )
        result.append(
            {
                "role": role,
                "email": email,
                "password": PASSWORD,
                "two_factor": two_factor,
                "backup_codes": codes,
            }
        )
    return result
