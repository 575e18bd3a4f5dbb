"""Who may see and work on the data set. KPI figures are counts and rates, not people: every
member of the partnership's staff reads the reports; the business unit, or the group's chair,
sends an exception to the owner agency."""

import rules

from lscp.accounts.rules import is_partnership_staff, runs_partnership

rules.add_perm("performance.view_reports", is_partnership_staff)
# The group's chair (or vice-chair) is asked by name, so this app need not import governance's rules.
rules.add_perm(
    "performance.raise_exception",
    runs_partnership | rules.predicate(lambda user, group: user.has_perm("governance.lead_group", group)),
)
