"""Adding evidence to a recommendation: text, and optionally a file kept privately."""

from django.db import transaction

from lscp.improvement.models import Evidence
from lscp.improvement.uploads import check_upload


@transaction.atomic
def add_evidence(
    recommendation,
    *,
    kind: str,
    text: str,
    added_by,
    upload=None,
    action=None,
    kpi_ref: str = "",
    audit_ref: str = "",
) -> Evidence:
    """Record evidence; a file is checked (type by content, size) before anything is saved.

    Raises uploads.FileRefused for a file that is not accepted.
    """
    evidence = Evidence(
        recommendation=recommendation,
        action=action,
        kind=kind,
        text=text,
        added_by=added_by,
        kpi_ref=kpi_ref,
        audit_ref=audit_ref,
    )
    if upload is not None:
        file_type = check_upload(upload)
        evidence.original_filename = (upload.name or "")[:255]
        evidence.content_type = file_type.content_type
        evidence.size = upload.size
        evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    return evidence
