"""Email goes out through the background worker, once and only once."""

import pytest
from django_tasks_db.models import DBTaskResult

from lscp.core import mail
from tests.smtp import body_of, free_port, smtp_server_fixture

smtp_server = smtp_server_fixture()


@pytest.mark.django_db
def test_message_waits_for_the_worker_then_arrives_once(smtp_server, run_tasks):
    mail.send(
        ["chair@example.org"], "Papers for Thursday", "The papers are ready.", "<p>The papers are ready.</p>"
    )

    assert smtp_server == []

    run_tasks()
    assert len(smtp_server) == 1
    message = smtp_server[0]
    assert message["Subject"] == "Papers for Thursday"
    assert message["X-Envelope-To"] == "chair@example.org"
    assert body_of(message) == "The papers are ready."
    assert body_of(message, "html") == "<p>The papers are ready.</p>"

    run_tasks()
    assert len(smtp_server) == 1


@pytest.mark.django_db
def test_a_failed_send_is_never_retried(settings, smtp_server, run_tasks):
    server_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens here: the send fails
    mail.send(["chair@example.org"], "Papers for Thursday", "The papers are ready.")
    run_tasks()
    assert DBTaskResult.objects.failed().count() == 1

    # A failure part-way through a send could have delivered it: so a failed task stays failed.
    settings.EMAIL_PORT = server_port
    run_tasks()
    assert smtp_server == []
