"""Who may see the action log and who may move an action on.

Partnership staff read every action; practitioners see none. An action is updated and edited by
the business unit, by its agency (anyone from the agency that owns it, or its named owner), or by
the chair of the group it belongs to. Who chairs a group is governance's knowledge: this app asks
through the permission `governance.lead_group`, so it never imports a domain app.
"""

import rules

from lscp.accounts.roles import Role
from lscp.accounts.rules import is_partnership_staff, runs_partnership


@rules.predicate
def is_its_agency(user, action) -> bool:
    """The action's owner, or anyone who works for the agency that owns it."""
    if action is None or not is_partnership_staff(user):
        return False
    return action.owner_id == user.pk or (user.agency_id is not None and user.agency_id == action.agency_id)


@rules.predicate
def leads_its_group(user, action) -> bool:
    if action is None or action.group_id is None:
        return False
    return user.has_perm("governance.lead_group", action.group)


reads_actions = is_partnership_staff
moves_action_on = runs_partnership | is_its_agency | leads_its_group

rules.add_perm("improvement.view_actions", reads_actions)
rules.add_perm("improvement.view_action", reads_actions)
rules.add_perm("improvement.export_actions", reads_actions)
rules.add_perm("improvement.update_action", moves_action_on)
rules.add_perm("improvement.change_action", moves_action_on)


# The learning and development group's slug, as the partnership's groups are set up.
LEARNING_GROUP_SLUG = "learning"

# Recommendations. Partnership staff read them; the business manager and officer and the owning
# group's chair manage them (the analyst and the scrutineer read only); the people of an agency
# a recommendation is addressed to add evidence, and update the actions their agency owns.


@rules.predicate
def chairs_owning_group(user, recommendation) -> bool:
    if recommendation is None or getattr(recommendation, "group_id", None) is None:
        return False
    return user.has_perm("governance.lead_group", recommendation.group)


# Roles that read the partnership's records but change none, whatever agency employs them.
READ_ONLY_ROLES = frozenset({Role.DATA_ANALYST, Role.INDEPENDENT_SCRUTINEER, Role.PRACTITIONER})


@rules.predicate
def is_addressed_agency(user, recommendation) -> bool:
    """Someone from an agency the recommendation is addressed to, or owning one of its actions."""
    if recommendation is None or not is_partnership_staff(user) or user.roles <= READ_ONLY_ROLES:
        return False
    if user.agency_id is not None and recommendation.agencies.filter(pk=user.agency_id).exists():
        return True
    return recommendation.actions.filter(owner=user).exists()


@rules.predicate
def leads_learning(user) -> bool:
    """The chair of the learning and development group, who answers stepped-across learning needs."""
    group = learning_group()
    return group is not None and user.has_perm("governance.lead_group", group)


def learning_group():
    """The L&D group, found through the recommendation's link (this app never imports governance)."""
    from lscp.improvement.models import Recommendation

    Group = Recommendation._meta.get_field("group").related_model
    return Group.objects.filter(slug=LEARNING_GROUP_SLUG).first()


reads_recommendations = is_partnership_staff
manages_recommendation = runs_partnership | chairs_owning_group
evidences_recommendation = manages_recommendation | is_addressed_agency

rules.add_perm("improvement.view_recommendations", reads_recommendations)
rules.add_perm("improvement.view_recommendation", reads_recommendations)
rules.add_perm("improvement.export_recommendations", reads_recommendations)
rules.add_perm("improvement.raise_recommendation", runs_partnership)
rules.add_perm("improvement.manage_recommendation", manages_recommendation)
rules.add_perm("improvement.close_recommendation", manages_recommendation)
rules.add_perm("improvement.add_evidence", evidences_recommendation)
rules.add_perm("improvement.view_evidence", reads_recommendations)
rules.add_perm("improvement.view_agency_commitments", reads_recommendations)
rules.add_perm("improvement.view_learning_needs", reads_recommendations)
rules.add_perm("improvement.respond_to_learning_need", runs_partnership | leads_learning)
rules.add_perm("improvement.view_learning_themes", reads_recommendations)
rules.add_perm("improvement.manage_learning_themes", runs_partnership)
