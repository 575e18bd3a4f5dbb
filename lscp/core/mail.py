"""Email leaves through the background worker, never from inside a request.

A request that fails after queueing rolls its queued message back with it (the task row is
written in the same transaction), and a slow or broken mail server never slows a page.
"""

from collections.abc import Iterable, Sequence

from django_tasks import TaskResult

from lscp.core.tasks import send_email

# An attachment as the task stores it (plain JSON): [filename, text content, mimetype], such as
# ["session.ics", "BEGIN:VCALENDAR...", "text/calendar"]. Text only: the task row is JSON.
Attachment = Sequence[str]


def send(
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str | None = None,
    attachments: Iterable[Attachment] | None = None,
) -> TaskResult:
    """Queue one message to the people in `to`; the worker sends it exactly once."""
    arguments: dict = {"to": list(to), "subject": subject, "body_text": body_text, "body_html": body_html}
    if attachments:
        arguments["attachments"] = [_attachment(a) for a in attachments]
    return send_email.enqueue(**arguments)


def _attachment(attachment: Attachment) -> list[str]:
    filename, content, mimetype = attachment
    if not all(isinstance(part, str) for part in (filename, content, mimetype)):
        raise TypeError("An attachment is [filename, text content, mimetype], all text")
    return [filename, content, mimetype]
