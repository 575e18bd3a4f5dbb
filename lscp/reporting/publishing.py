"""Publishing a year's report: only once the Executive chair has signed the year off (locked), so
what the public reads is what was signed. Publishing sets the year's `published_at`.

The ReportYear row is governance's; reporting reaches it through the app registry rather than
importing governance's models, as nothing else here writes to another app."""

from django.apps import apps
from django.utils import timezone

from lscp.core.years import FinancialYear

NOT_SIGNED_OFF = "The {label} report cannot be published until the year is signed off."
ALREADY = "The {label} report is already published."


def publish(year: FinancialYear) -> str:
    """Publish the year's report; '' when done, otherwise why not."""
    model = apps.get_model("governance", "ReportYear")
    row = model.objects.get(first_year=year.first)
    if row.signed_off_at is None:
        return NOT_SIGNED_OFF.format(label=year.label)
    if row.published_at is not None:
        return ALREADY.format(label=year.label)
    row.published_at = timezone.now()
    row.save(update_fields=["published_at"])  # saved, not updated, so the change log records it
    return ""
