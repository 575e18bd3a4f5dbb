"""Attachments (text, such as a calendar file) go through the worker with the message; callers that
send none, and tasks queued before attachments existed, work as they did."""

import pytest
from django_tasks_db.models import DBTaskResult

from lscp.core import mail
from lscp.core.tasks import send_email
from tests.smtp import body_of, smtp_server_fixture

pytestmark = pytest.mark.django_db
smtp_server = smtp_server_fixture()

CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def test_an_attachment_arrives_with_the_message(smtp_server, run_tasks):
    mail.send(
        ["learner@example.org"],
        "Place booked",
        "Your place is booked.",
        attachments=[("session.ics", CALENDAR, "text/calendar"), ["notes.txt", "Bring a pen", "text/plain"]],
    )
    run_tasks()
    (message,) = smtp_server
    assert body_of(message) == "Your place is booked."
    parts = {part.get_filename(): part for part in message.walk() if part.get_filename()}
    assert set(parts) == {"session.ics", "notes.txt"}
    assert parts["session.ics"].get_content_type() == "text/calendar"
    assert parts["session.ics"].get_payload(decode=True).decode() == CALENDAR
    assert parts["notes.txt"].get_payload(decode=True).decode() == "Bring a pen"


def test_without_attachments_the_task_is_queued_as_before(smtp_server, run_tasks):
    mail.send(["chair@example.org"], "Papers", "The papers are ready.", "<p>The papers are ready.</p>")
    task = DBTaskResult.objects.get()
    assert set(task.args_kwargs["kwargs"]) == {"to", "subject", "body_text", "body_html"}
    # A task queued by the earlier code (no attachments argument) still sends.
    send_email.enqueue(to=["old@example.org"], subject="Old", body_text="Queued before", body_html=None)
    run_tasks()
    assert sorted(m["X-Envelope-To"] for m in smtp_server) == ["chair@example.org", "old@example.org"]


def test_an_attachment_must_be_text():
    with pytest.raises(TypeError):
        mail.send(
            ["a@example.org"], "S", "B", attachments=[("file.bin", b"\x00", "application/octet-stream")]
        )
    with pytest.raises(ValueError):
        mail.send(["a@example.org"], "S", "B", attachments=[("file.txt", "text")])
    assert not DBTaskResult.objects.exists()
