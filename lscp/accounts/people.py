"""Looking after people's accounts: their roles, and finding them."""

from django.contrib.auth.models import Group as RoleGroup
from django.db import transaction
from django.db.models import QuerySet

from lscp.accounts.models import User
from lscp.accounts.roles import Role


@transaction.atomic
def set_roles(person: User, roles: list[str]) -> None:
    """Give the person exactly these roles (Django groups named after them)."""
    groups = [RoleGroup.objects.get_or_create(name=Role(role).value)[0] for role in roles]
    person.groups.set(groups)
    person.__dict__.pop("_roles", None)


def find_people(*, agency=None, role: str = "", status: str = "active") -> QuerySet[User]:
    """People for the business unit's list, with what each row shows loaded up front."""
    people = User.objects.select_related("agency").prefetch_related("groups").order_by("full_name", "pk")
    if agency is not None:
        people = people.filter(agency=agency)
    if role:
        people = people.filter(groups__name=role)
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "deactivated":
        people = people.filter(is_active=False)
    return people
