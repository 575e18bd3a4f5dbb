"""National-scale synthetic people for `make bench`."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group as RoleGroup

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.core.models import Agency

DEPENDS_ON = ["core"]


def seed(scale, rng) -> None:
    agency_ids = list(Agency.objects.filter(name__startswith="Bench agency").values_list("pk", flat=True))
    password = make_password("bench-password-not-for-use")  # hashed once: Argon2 is slow on purpose
    User.objects.bulk_create(
        [
            User(
                email=f"bench.person{n:05d}@bench.lscp.invalid",
                full_name=f"Bench Person {n:05d}",
                job_title="Practitioner",
                agency_id=rng.choice(agency_ids),
                password=password,
            )
            for n in range(scale.users)
        ],
        batch_size=1000,
    )
    member_role = RoleGroup.objects.get_or_create(name=Role.GROUP_MEMBER.value)[0]
    through = User.groups.through
    people = User.objects.filter(email__startswith="bench.person").values_list("pk", flat=True)
    through.objects.bulk_create(
        [through(user_id=pk, group_id=member_role.pk) for pk in people], batch_size=1000
    )
