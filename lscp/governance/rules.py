"""Who may see and run the partnership's groups and meetings."""

import rules

from lscp.accounts.rules import (
    is_partnership_staff,
    is_scrutineer,
    is_signed_in,
    manages_partnership,
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


# The year's plan and report narrative (lscp.governance.yearly).


@rules.predicate
def chairs_executive(user) -> bool:
    """The Executive's chair (not vice-chair): signs off, and so locks, a year's report."""
    from lscp.governance.models import GroupKind, MembershipRole

    if not is_signed_in(user):
        return False
    executive = Group.objects.filter(kind=GroupKind.EXECUTIVE).values_list("pk", flat=True)
    return any(MembershipRole.CHAIR in _current_roles(user, Group(pk=pk)) for pk in executive)


rules.add_perm("governance.view_year", is_partnership_staff)
# Priorities and their progress, the introduction, engagement and areas of focus: the business unit.
rules.add_perm("governance.edit_plan", runs_partnership)
# A group's function, key steps, development areas and impact: the business unit or the group's chair.
rules.add_perm("governance.edit_group_year", runs_partnership | chairs)
rules.add_perm("governance.write_scrutiny", is_scrutineer)
rules.add_perm("governance.sign_off_year", chairs_executive)
rules.add_perm("governance.reopen_year", chairs_executive | manages_partnership)
