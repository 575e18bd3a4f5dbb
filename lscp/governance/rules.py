"""Who may see and run the partnership's groups and meetings."""

import rules

from lscp.accounts.rules import (
    is_partnership_staff,
    is_scrutineer,
    is_signed_in,
    reads_partnership,
    runs_partnership,
)
from lscp.governance.models import CHAIRING_ROLES, Group, Meeting


def _group_of(obj) -> Group | None:
    if isinstance(obj, Group):
        return obj
    if isinstance(obj, Meeting):
        return obj.group
    return None


def _current_roles(user, group: Group) -> set[str]:
    """The user's current membership roles in one group, loaded once per request per user."""
    cache = user.__dict__.setdefault("_membership_roles", None)
    if cache is None:
        from django.utils import timezone

        from lscp.governance.models import Membership

        cache = {}
        for group_id, role in (
            Membership.objects.current(timezone.localdate())
            .filter(person=user)
            .values_list("group_id", "role")
        ):
            cache.setdefault(group_id, set()).add(role)
        user.__dict__["_membership_roles"] = cache
    return cache.get(group.pk, set())


@rules.predicate
def is_member_of(user, obj) -> bool:
    group = _group_of(obj)
    return group is not None and is_signed_in(user) and bool(_current_roles(user, group))


@rules.predicate
def chairs(user, obj) -> bool:
    group = _group_of(obj)
    return (
        group is not None and is_signed_in(user) and bool(_current_roles(user, group) & set(CHAIRING_ROLES))
    )


reads_governance = is_partnership_staff
rules.add_perm("governance.view_groups", reads_governance)
rules.add_perm("governance.view_group", reads_governance)
rules.add_perm("governance.view_meeting", reads_partnership | is_scrutineer | is_member_of)
rules.add_perm("governance.manage_group", runs_partnership)
rules.add_perm("governance.manage_meeting", runs_partnership | chairs)
# Asked by other apps (the action log) through the permission name, so they need not import this.
rules.add_perm("governance.lead_group", chairs)
