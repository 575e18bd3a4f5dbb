"""Background work for the annual report. Arguments are plain JSON: they are stored in the database."""

from django_tasks import task

from lscp.reporting.models import PublishedReport


@task()
def make_published_pdf(first_year: int) -> bool:
    """Lay out a published edition's PDF from its kept source; False when it was already made
    (at a first download, say)."""
    from lscp.reporting.publishing import edition_pdf

    found = PublishedReport.objects.filter(year__first_year=first_year, pdf__isnull=True).first()
    if found is None:
        return False
    edition_pdf(found)
    return True
