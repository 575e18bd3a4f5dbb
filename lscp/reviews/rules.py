"""Who may see and work on the CSPRG's casework (a restricted area).

Two questions, as for any child's record: which cases (all of them for the CSPRG and the
business unit; only their own referral for the practitioner who made it), and which details (the
scrutineer reads every case but never a child's name, date of birth or NHS number).
"""

import rules
from django.utils import timezone

from lscp.accounts.roles import Role
from lscp.accounts.rules import is_scrutineer, is_signed_in, reads_partnership, runs_partnership

CSPRG_SLUG = "csprg"


@rules.predicate
def is_csprg_member(user) -> bool:
    """A current member of the Child Safeguarding Practice Review Group, in any role."""
    if not is_signed_in(user):
        return False
    cache = user.__dict__.get("_is_csprg_member")
    if cache is None:
        from lscp.governance.models import Membership

        cache = (
            Membership.objects.current(timezone.localdate())
            .filter(person=user, group__slug=CSPRG_SLUG)
            .exists()
        )
        user.__dict__["_is_csprg_member"] = cache
    return cache


@rules.predicate
def referred_it(user, referral) -> bool:
    return referral is not None and referral.referrer_id == user.pk


@rules.predicate
def represents_an_agency(user) -> bool:
    """Sits on the partnership's groups for an agency: the person an agency's return comes from."""
    return (
        is_signed_in(user)
        and user.agency_id is not None
        and bool(user.roles & {Role.GROUP_CHAIR, Role.GROUP_MEMBER})
    )


@rules.predicate
def return_is_from_their_agency(user, return_) -> bool:
    return return_ is not None and represents_an_agency(user) and return_.agency_id == user.agency_id


reads_cases = reads_partnership | is_csprg_member | is_scrutineer
# The scrutineer reads cases without the children's identifying details.
sees_identities = (reads_partnership | is_csprg_member) & ~is_scrutineer
# The business unit runs the casework; the group's members triage, decide and add returns.
works_cases = runs_partnership | is_csprg_member

rules.add_perm("reviews.view_cases", reads_cases)
rules.add_perm("reviews.view_child_identities", sees_identities)
rules.add_perm("reviews.manage_cases", runs_partnership)
rules.add_perm("reviews.triage", works_cases)
rules.add_perm("reviews.decide", works_cases)
# Each agency uploads its own chronology; the business unit and the group can upload any.
rules.add_perm("reviews.upload_return", works_cases | return_is_from_their_agency)
# A chronology names the child: not for the scrutineer, but for the agency that wrote it.
rules.add_perm("reviews.download_return", sees_identities | return_is_from_their_agency)
rules.add_perm("reviews.view_returns_owed", runs_partnership | represents_an_agency)
rules.add_perm("reviews.refer", is_signed_in)
rules.add_perm("reviews.view_referral", reads_cases | referred_it)
