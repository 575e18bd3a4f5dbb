"""A real SMTP server on 127.0.0.1 for tests that follow a message out of the worker.

`smtp_server_fixture()` returns a pytest fixture; a test module or conftest that needs one says
`smtp_server = smtp_server_fixture()`. The fixture points Django's SMTP backend at the server and
yields the list that received messages are appended to (as `email.message.Message`).
"""

import email
import socket
from email.message import Message

import pytest
from aiosmtpd.controller import Controller


class Collector:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_server_fixture():
    @pytest.fixture
    def smtp_server(settings):
        collector = Collector()
        controller = Controller(collector, hostname="127.0.0.1", port=free_port())
        controller.start()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        try:
            yield collector.messages
        finally:
            controller.stop()

    return smtp_server


def body_of(message: Message, subtype: str = "plain") -> str:
    """The text (or html) part of a received message, decoded."""
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no text/{subtype} part")
