"""Roles are Django groups with these names; what each may do is in each app's rules.py."""

from enum import StrEnum


class Role(StrEnum):
    SYSTEM_ADMINISTRATOR = "System administrator"
    BUSINESS_MANAGER = "Business manager"
    BUSINESS_OFFICER = "Business officer"
    DATA_ANALYST = "Data analyst"
    GROUP_CHAIR = "Group chair"
    GROUP_MEMBER = "Group member"
    INDEPENDENT_SCRUTINEER = "Independent scrutineer"
    LEAD_NURSE = "Lead nurse"
    PRACTITIONER = "Practitioner"


BUSINESS_UNIT = frozenset({Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER, Role.DATA_ANALYST})
# The analyst reads the records to prepare figures; changing them is for the manager and officer.
BUSINESS_UNIT_EDITORS = frozenset({Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER})

# Everyone but a practitioner handles partnership business, so must use two-factor sign-in.
TWO_FACTOR_EXEMPT = frozenset({Role.PRACTITIONER})

DESCRIPTIONS = {
    Role.SYSTEM_ADMINISTRATOR: "Runs the platform: every page, people and settings.",
    Role.BUSINESS_MANAGER: "Runs the business unit: people, agencies, groups, the audit trail.",
    Role.BUSINESS_OFFICER: "Supports the groups: meetings, minutes and the action log.",
    Role.DATA_ANALYST: "Prepares the partnership's figures; reads the governance records, changes none.",
    Role.GROUP_CHAIR: "Chairs a group: manages its meetings and actions.",
    Role.GROUP_MEMBER: "Sits on a group: reads its papers, updates their agency's actions.",
    Role.INDEPENDENT_SCRUTINEER: "Reads everything except records that identify a child.",
    Role.LEAD_NURSE: "Supports bereaved families: reads child death cases, keeps the family contact log.",
    Role.PRACTITIONER: "Works in a partner agency: books training, refers cases.",
}
