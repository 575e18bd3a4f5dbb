"""Real headless Chromium (Debian's) driven by Playwright against a live server."""

from pathlib import Path

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as the foundation issue asks.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browser here; the closed network needs these flags.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def page(page):
    # Pages here answer in milliseconds; fail fast instead of waiting Playwright's 30 seconds.
    page.set_default_timeout(10_000)
    return page


def axe_violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def backup_code(user) -> str:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="backup codes")
    token = StaticToken.random_token()
    device.token_set.create(token=token)
    return token


def unused_backup_code(user) -> str:
    """One of the backup codes the person already has (the demo's printed codes, say)."""
    token = StaticToken.objects.filter(device__user=user, device__confirmed=True).order_by("pk").first()
    assert token is not None, f"{user.email} has no backup codes left"
    return token.token


def sign_in_through_browser(page, base_url: str, user, password: str = PASSWORD, code: str = "") -> None:
    """Sign in as a person would: email, password and, for staff, a backup code.

    With no `code`, a fresh backup code is made for the person. For the demo sign-ins pass the
    demo password and `unused_backup_code(user)`.
    """
    if user.needs_two_factor and not code:
        code = backup_code(user)
    page.goto(f"{base_url}/account/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if user.needs_two_factor:
        page.get_by_label("Security code").fill(code)
        page.get_by_role("button", name="Continue").click()


class Visits:
    """A browser test's pages: what axe finds on each, what the content security policy blocked,
    and (narrow) whether a page scrolls sideways at 320 CSS pixels."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: dict[str, list] = {}
        self.refused: list[str] = []  # what the Content-Security-Policy blocked
        page.on(
            "console",
            lambda message: (
                self.refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )

    def axe(self, name: str) -> None:
        if found := axe_violations(self.page):
            self.problems[name] = found

    def narrow(self, name: str) -> None:
        """At 320 CSS pixels (WCAG's reflow) the page scrolls only down."""
        self.page.set_viewport_size({"width": 320, "height": 800})
        if self.page.evaluate("document.documentElement.scrollWidth") > 320:
            wide = self.page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 321)"
                ".slice(-6).map(e => e.tagName + '.' + e.className + ' ' + (e.innerText || '').slice(0, 40))"
            )
            self.problems[f"{name}, 320px wide"] = ["scrolls sideways", *wide]
        self.page.set_viewport_size({"width": 1280, "height": 800})
