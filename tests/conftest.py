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


@pytest.fixture(scope="session", autouse=True)
def private_files_in_a_temporary_folder(tmp_path_factory):
    """Uploads (and the demo's files) go to a folder of the test run's, not to var/private/."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        yield


@pytest.fixture(scope="session", autouse=True)
def no_stray_connections(django_db_setup, django_db_blocker):
    """Let the test database be dropped at the end of a PostgreSQL run.

    Chromium keeps connections to the live server alive; the server thread serving one can still
    hold its own database connection when the session ends, and PostgreSQL will not drop a
    database that someone is connected to.
    """
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
