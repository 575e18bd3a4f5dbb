"""Publishing a year's report: only once the Executive chair has signed the year off (locked), so
what the public reads is what was signed. Publishing sets the year's `published_at` and keeps the
report as composed at that moment (PublishedReport): that edition is what everyone reads from then
on, until the year is reopened (which withdraws it) and published again.

The ReportYear row is governance's; reporting reaches it through the app registry rather than
importing governance's models, as nothing else here writes to another app."""

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from lscp.core.years import FinancialYear
from lscp.reporting.compose import compose
from lscp.reporting.models import PublishedReport
from lscp.reporting.render import pdf_from, pdf_source, render_body, render_json

NOT_SIGNED_OFF = "The {label} report cannot be published until the year is signed off."
ALREADY = "The {label} report is already published."


def publish(year: FinancialYear, by=None, base_url: str = "") -> str:
    """Publish the year's report; '' when done, otherwise why not. The PDF is made afterwards,
    in the background: at national scale its layout takes longer than a request should."""
    from lscp.reporting.tasks import make_published_pdf

    model = apps.get_model("governance", "ReportYear")
    with transaction.atomic():
        # Held while the report is composed: a reopening waits, so the edition is the signed one.
        row = model.objects.select_for_update().get(first_year=year.first)
        if row.signed_off_at is None:
            return NOT_SIGNED_OFF.format(label=year.label)
        if row.published_at is not None:
            return ALREADY.format(label=year.label)
        row.published_at = timezone.now()
        row.save(update_fields=["published_at"])  # saved, not updated, so the change log records it
        keep(row, by, base_url)
        transaction.on_commit(lambda: make_published_pdf.enqueue(first_year=year.first))
    return ""


def keep(row, by=None, base_url: str = "") -> PublishedReport:
    """Compose the year's report now and keep it as its published edition (replacing an edition
    from before a reopening)."""
    report = compose(row.year)
    edition, _ = PublishedReport.objects.update_or_create(
        year=row,
        defaults={
            "published_at": row.published_at,
            "published_by": by,
            "title": report.title,
            "body_html": render_body(report),
            "data": render_json(report),
            "pdf_source": pdf_source(report, base_url or None),
            "base_url": base_url,
            "pdf": None,
        },
    )
    return edition


def edition(first_year: int, published_at) -> PublishedReport | None:
    """The kept edition of a published year, or None (not published, or published before
    editions were kept: then the report is composed as it is opened)."""
    if published_at is None:
        return None
    return (
        PublishedReport.objects.filter(year__first_year=first_year, published_at=published_at)
        .defer("pdf", "pdf_source")
        .first()
    )


def published_at(year: FinancialYear):
    """When the year's report was published; None when it is not (or the year has no report)."""
    model = apps.get_model("governance", "ReportYear")
    return model.objects.filter(first_year=year.first).values_list("published_at", flat=True).first()


def edition_pdf(found: PublishedReport) -> bytes:
    """The edition's PDF, made from its kept source now if the background task has not yet."""
    stored = PublishedReport.objects.filter(pk=found.pk).values_list("pdf", "pdf_source", "base_url").get()
    pdf, source, base_url = stored
    if pdf is not None:
        return bytes(pdf)
    made = pdf_from(source, base_url or None)
    PublishedReport.objects.filter(pk=found.pk, published_at=found.published_at).update(pdf=made)
    return made
