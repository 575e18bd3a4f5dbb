"""Who may see and publish the annual report."""

import rules

from lscp.accounts.rules import is_partnership_staff, runs_partnership


@rules.predicate
def is_published(user, year) -> bool:
    """`year` is a governance ReportYear; a published report is for everyone."""
    return year is not None and year.published_at is not None


rules.add_perm("reporting.view_reports", is_partnership_staff)
rules.add_perm("reporting.view_report", is_published | is_partnership_staff)
rules.add_perm("reporting.publish_report", runs_partnership)
