"""Headers, cookies and password hashing that every deployment gets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from lscp.accounts.roles import Role
from tests.accounts.conftest import sign_in_with_password

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/account/sign-in/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_inline_scripts_carry_the_nonce(client):
    response = client.get("/account/sign-in/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    content = response.content.decode()
    assert content.count("<script") == content.count(f'nonce="{nonce}"') > 0
    assert "style=" not in content


def test_session_and_csrf_cookies_are_http_only(client, make_user):
    make_user(email="p@example.org", roles=[Role.PRACTITIONER])
    client.get("/account/sign-in/")
    response = sign_in_with_password(client, "p@example.org")
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["httponly"]


def test_argon2_hashes_passwords_outside_the_test_suite(tmp_path):
    # The suite puts a fast hasher first; the real settings must not.
    environment = {
        **os.environ,
        "SECRET_KEY": "only-for-this-check",
        "LSCP_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "lscp.settings",
    }
    environment.pop("LSCP_TESTING", None)
    environment.pop("DEBUG", None)
    code = "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    first = subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True, text=True
    )
    assert first.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher", first.stderr
    assert "django.contrib.auth.hashers.Argon2PasswordHasher" in settings.PASSWORD_HASHERS
