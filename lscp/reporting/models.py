"""The published edition of a year's report.

A report is composed from the records whenever it is opened, until it is published. Publishing
keeps what was composed at that moment: the records go on changing (a late evaluation, an action
closed in the next year), and a published document must not change with them. It also means a
public reader costs one row read, not a count across every app."""

from django.conf import settings
from django.db import models


class PublishedReport(models.Model):
    """The year's report as published: the page's body, the JSON and the PDF's source; the PDF
    itself is made from that source in the background (or at the first download)."""

    year = models.OneToOneField(
        "governance.ReportYear", on_delete=models.CASCADE, related_name="published_report"
    )
    # The year's own published_at when this was kept: a reopened and republished year has a new one,
    # so an edition from before a reopening is never served.
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=300)
    body_html = models.TextField(help_text="The report's body, as on its page and in the HTML file")
    data = models.TextField(help_text="The JSON: every figure with the records behind it")
    pdf_source = models.TextField(help_text="The HTML the PDF is laid out from")
    base_url = models.CharField(max_length=300, blank=True, help_text="Where the PDF's relative links point")
    pdf = models.BinaryField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return self.title
