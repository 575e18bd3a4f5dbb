import os

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from tests.factories import UserFactory

# Browser tests drive the ORM and Playwright from one thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def sign_in(client: Client, user) -> Client:
    """Sign a user in as if they had passed both factors (for tests that are not about signing in)."""
    client.force_login(user)
    if user.needs_two_factor:
        device, _ = StaticDevice.objects.get_or_create(user=user, name="backup codes")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def client_for(db):
    """client_for(user) -> a test client signed in as that user, second factor passed."""

    def make(user) -> Client:
        return sign_in(Client(), user)

    return make


@pytest.fixture
def run_tasks(monkeypatch):
    """Run every queued background task once, with the real database worker."""
    from django.core.management import call_command

    # The worker closes "old" connections between tasks; inside a test's transaction (autocommit
    # off) Django counts the connection as unusable and closes it, which ends the test's
    # transaction on PostgreSQL. A real worker runs in its own process, so nothing is lost here.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run() -> None:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    return run
