"""Who may do what, by role. Every app builds its rules from these predicates.

The perms for core's own pages (agencies, the audit trail) are declared here too, because core
imports no app and the roles live in accounts.
"""

import rules

from lscp.accounts.roles import BUSINESS_UNIT, BUSINESS_UNIT_EDITORS, Role


@rules.predicate
def is_signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


@rules.predicate
def is_system_administrator(user) -> bool:
    return is_signed_in(user) and (user.is_superuser or user.has_role(Role.SYSTEM_ADMINISTRATOR))


@rules.predicate
def is_business_unit(user) -> bool:
    return is_signed_in(user) and user.has_role(*BUSINESS_UNIT)


@rules.predicate
def edits_for_business_unit(user) -> bool:
    return is_signed_in(user) and user.has_role(*BUSINESS_UNIT_EDITORS)


@rules.predicate
def is_business_manager(user) -> bool:
    return is_signed_in(user) and user.has_role(Role.BUSINESS_MANAGER)


@rules.predicate
def is_scrutineer(user) -> bool:
    return is_signed_in(user) and user.has_role(Role.INDEPENDENT_SCRUTINEER)


@rules.predicate
def is_partnership_staff(user) -> bool:
    """Anyone with a role beyond practitioner: members, chairs, the business unit, the scrutineer."""
    return is_signed_in(user) and bool(user.roles - {Role.PRACTITIONER})


# Reading the partnership's records (the whole business unit) and changing them (not the analyst).
reads_partnership = is_system_administrator | is_business_unit
runs_partnership = is_system_administrator | edits_for_business_unit
manages_partnership = is_system_administrator | is_business_manager

rules.add_perm("core.signed_in", is_signed_in)
rules.add_perm("core.view_agency", is_partnership_staff)
rules.add_perm("core.manage_agency", manages_partnership)
rules.add_perm("core.view_audit_trail", manages_partnership)


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.pk == person.pk


@rules.predicate
def guards_administrators(user, person) -> bool:
    """Only a system administrator may change a system administrator's account."""
    return person is None or not is_system_administrator(person) or is_system_administrator(user)


# People: the business manager and officer invite and look after accounts; ending someone's
# access is the business manager's call (or the system administrator's). Nobody changes their
# own roles or locks themselves out: that needs a second person.
rules.add_perm("accounts.view_people", runs_partnership)
rules.add_perm("accounts.manage_people", runs_partnership)
rules.add_perm("accounts.change_person", runs_partnership & guards_administrators & ~is_self)
rules.add_perm("accounts.deactivate_person", manages_partnership & guards_administrators & ~is_self)
