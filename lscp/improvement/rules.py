"""Who may see the action log and who may move an action on.

Partnership staff read every action; practitioners see none. An action is updated and edited by
the business unit, by its agency (anyone from the agency that owns it, or its named owner), or by
the chair of the group it belongs to. Who chairs a group is governance's knowledge: this app asks
through the permission `governance.lead_group`, so it never imports a domain app.
"""

import rules

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
