"""Who may see and work on child death cases: the most restricted records in lscp. Deny by default.

- Cases, with the child's details: the CDOP's current members (any role), the business unit and
  lead nurses. A notifier who is none of these sees only the case they notified.
- The lead nurse's log of contact with the bereaved family: lead nurses and the CDOP's chair or
  vice-chair only; not the business unit, not the panel's members.
- The independent scrutineer, and everyone else on the partnership's staff, read only the
  analysis with small numbers suppressed: counts of a few deaths can identify a child.
"""

import rules
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.accounts.rules import (
    is_partnership_staff,
    is_scrutineer,
    is_signed_in,
    reads_partnership,
    runs_partnership,
)

CDOP_SLUG = "cdop"


def _cdop_memberships(user, on=None):
    from lscp.governance.models import Membership

    return Membership.objects.current(on or timezone.localdate()).filter(person=user, group__slug=CDOP_SLUG)


@rules.predicate
def is_cdop_member(user) -> bool:
    """A current member of the Child Death Overview Panel, in any role (cached on the user)."""
    if not is_signed_in(user):
        return False
    cache = user.__dict__.get("_is_cdop_member")
    if cache is None:
        cache = _cdop_memberships(user).exists()
        user.__dict__["_is_cdop_member"] = cache
    return cache


@rules.predicate
def chairs_cdop(user) -> bool:
    """The CDOP's current chair or vice-chair (cached on the user)."""
    if not is_signed_in(user):
        return False
    cache = user.__dict__.get("_chairs_cdop")
    if cache is None:
        from lscp.governance.models import CHAIRING_ROLES

        cache = _cdop_memberships(user).filter(role__in=CHAIRING_ROLES).exists()
        user.__dict__["_chairs_cdop"] = cache
    return cache


@rules.predicate
def is_lead_nurse(user) -> bool:
    return is_signed_in(user) and user.has_role(Role.LEAD_NURSE)


@rules.predicate
def notified_it(user, case) -> bool:
    # An imported case has no notifier: None must not match an anonymous user's None.
    return case is not None and case.notifier_id is not None and case.notifier_id == user.pk


@rules.predicate
def from_requested_agency(user, request) -> bool:
    """Someone in the agency the information was asked of (a GP practice, a school, a trust)."""
    return request is not None and user.agency_id is not None and user.agency_id == request.agency_id


# The scrutineer reads the suppressed analysis only, even if they also sit on a group.
sees_cases = (reads_partnership | is_cdop_member | is_lead_nurse) & ~is_scrutineer
manages_cases = runs_partnership | chairs_cdop
sees_family_contacts = is_lead_nurse | chairs_cdop

rules.add_perm("child_deaths.view_cases", sees_cases)
rules.add_perm("child_deaths.view_case", sees_cases | (is_signed_in & notified_it))
rules.add_perm("child_deaths.notify", is_signed_in)
rules.add_perm("child_deaths.manage_cases", manages_cases)
rules.add_perm("child_deaths.conclude", is_cdop_member | runs_partnership)
rules.add_perm("child_deaths.view_family_contacts", sees_family_contacts)
# The log is the lead nurse's own: the chair reads it, lead nurses (covering for each other) write it.
rules.add_perm("child_deaths.add_family_contact", is_lead_nurse)
rules.add_perm("child_deaths.import", runs_partnership)
rules.add_perm("child_deaths.view_analysis", is_partnership_staff)
rules.add_perm("child_deaths.view_unsuppressed_analysis", sees_cases)
rules.add_perm(
    "child_deaths.upload_information",
    runs_partnership | is_cdop_member | (is_partnership_staff & from_requested_agency),
)
