"""Who may see and work on the data set. KPI figures are counts and rates, not people: every
member of the partnership's staff reads the reports; the business unit, or the group's chair,
sends an exception to the owner agency."""

import rules

from lscp.accounts.roles import Role
from lscp.accounts.rules import is_partnership_staff, runs_partnership

rules.add_perm("performance.view_reports", is_partnership_staff)
# The group's chair (or vice-chair) is asked by name, so this app need not import governance's rules.
rules.add_perm(
    "performance.raise_exception",
    runs_partnership | rules.predicate(lambda user, group: user.has_perm("governance.lead_group", group)),
)


# --- bringing values in: the import page and each agency's own entry -----------------------------


def _represents_an_agency(user) -> bool:
    """Sits on the partnership's groups for an agency (a chair or member): the people an agency's
    figures come from. The analyst and the scrutineer read figures; they do not supply them."""
    return (
        is_partnership_staff(user)
        and user.agency_id is not None
        and bool(user.roles & {Role.GROUP_CHAIR, Role.GROUP_MEMBER})
    )


@rules.predicate
def owns_indicator(user, indicator) -> bool:
    """A chair or member from the agency that owns the indicator: each agency enters its own figures."""
    return indicator is not None and _represents_an_agency(user) and indicator.owner_id == user.agency_id


@rules.predicate
def agency_owns_indicators(user) -> bool:
    """Partnership staff whose agency owns at least one reported indicator: they have figures to enter."""
    if not _represents_an_agency(user):
        return False
    from lscp.performance.models import Indicator
    from lscp.performance.vocabulary import IndicatorKind

    return Indicator.objects.filter(owner_id=user.agency_id, kind=IndicatorKind.REPORTED).exists()


# The import writes any agency's values, and every area's: the business unit's editors run it.
rules.add_perm("performance.import", runs_partnership)
# One indicator's values, for the partnership's own area: its owner agency, or the business unit.
rules.add_perm("performance.enter_values", runs_partnership | owns_indicator)
# The entry page, listing the indicators the person may enter values for.
rules.add_perm("performance.enter_any_values", runs_partnership | agency_owns_indicators)


@rules.predicate
def is_data_analyst(user) -> bool:
    return is_partnership_staff(user) and Role.DATA_ANALYST in user.roles


# Where a process changed and its SPC baseline starts again: the analyst, who prepares the figures,
# or the business unit's editors.
rules.add_perm("performance.manage_baselines", runs_partnership | is_data_analyst)
