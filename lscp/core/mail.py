"""Email leaves through the background worker, never from inside a request.

A request that fails after queueing rolls its queued message back with it (the task row is
written in the same transaction), and a slow or broken mail server never slows a page.
"""

from django_tasks import TaskResult

from lscp.core.tasks import send_email


def send(to: list[str], subject: str, body_text: str, body_html: str | None = None) -> TaskResult:
    """Queue one message to the people in `to`; the worker sends it exactly once."""
    return send_email.enqueue(to=list(to), subject=subject, body_text=body_text, body_html=body_html)
