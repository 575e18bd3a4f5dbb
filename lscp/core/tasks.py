"""Background work that core owns. Arguments are plain JSON: they are stored in the database.

Exactly once: the database worker claims a task (READY -> RUNNING, in one locked transaction)
before running it, and only ever picks READY tasks. A task that fails or whose worker dies is
left FAILED or RUNNING, never picked up again, so a message is never sent twice; the cost is that
a failed message stays failed until someone looks (the health check reports work waiting).
"""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str | None = None,
    attachments: list[list[str]] | None = None,
) -> int:
    """Send one message through the configured email backend; returns how many were sent.

    `attachments` are [filename, text content, mimetype] lists (a calendar file, say). Tasks
    queued before attachments existed carry no such argument and send as they always did.
    """
    message = EmailMultiAlternatives(subject=subject, body=body_text, to=to)
    if body_html:
        message.attach_alternative(body_html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()
