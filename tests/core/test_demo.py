"""`lscp demo`: every role can sign in, staff with a second factor; a second run changes nothing."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from lscp.accounts.models import User
from lscp.accounts.roles import TWO_FACTOR_EXEMPT, Role
from lscp.core.models import Agency, AgencyKind, ServiceArea
from lscp.governance.models import Attendance, Group, Meeting
from lscp.governance.rules import chairs_executive
from lscp.improvement.models import Action, ActionStatus

pytestmark = pytest.mark.django_db

PASSWORD = "DemoPartnership2022!"
# People named in the reference report, and its real places: none may appear in the demo.
REAL = [
    r"\bSchofield\b",
    r"\bClose\b",
    r"\bWoodhead\b",
    r"\bStuart\b",
    r"\bSmith\b",
    r"\bWakefield\b",
    r"\bYorkshire\b",
]
DEMO_MODULES = ["core", "accounts", "governance", "improvement"]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_second_run_changes_nothing():
    first_output = run_demo()
    first = counts()
    second_output = run_demo()
    assert counts() == first
    assert first["core.Agency"] >= 25
    assert first["governance.Meeting"] > 50
    assert first["improvement.Action"] > 50
    # The sign-in table is printed every time, with the same codes (none are added).
    assert "Demo sign-ins (password DemoPartnership2022!)" in second_output
    assert "http://127.0.0.1:8000/account/sign-in/" in second_output
    table = first_output[first_output.index("Demo sign-ins") :]
    assert table == second_output[second_output.index("Demo sign-ins") :]


def test_every_role_signs_in_and_staff_have_a_second_factor(client):
    output = run_demo()
    for role in Role:
        email = f"{role.value.lower().replace(' ', '.')}@demo.lscp.invalid"
        user = User.objects.get(email=email)
        assert user.has_role(role)
        assert user.check_password(PASSWORD)
        devices = StaticDevice.objects.filter(user=user, name="backup codes", confirmed=True)
        if role in TWO_FACTOR_EXEMPT:
            assert not devices.exists()
            assert user.needs_two_factor is False
        else:
            assert user.needs_two_factor
            assert devices.get().token_set.count() == 10
            for token in devices.get().token_set.values_list("token", flat=True):
                assert token in output
        assert email in output
    # The codes really work as a second factor.
    manager = User.objects.get(email="business.manager@demo.lscp.invalid")
    device = StaticDevice.objects.get(user=manager)
    assert device.verify_token(device.token_set.first().token)


def test_the_executive_chair_signs_in_to_sign_off_the_year():
    output = run_demo()
    chair = User.objects.get(email="margaret.oyelaran@demo.lscp.invalid")
    assert chair.check_password(PASSWORD) and chair.needs_two_factor
    tokens = StaticDevice.objects.get(user=chair, confirmed=True).token_set.values_list("token", flat=True)
    assert len(tokens) == 10 and all(token in output for token in tokens)
    assert "Executive chair" in output and chair.email in output
    assert chairs_executive(chair)  # the one rule that lets someone sign off a year


def test_the_partnership_looks_alive_today():
    run_demo()
    today = timezone.localdate()
    assert {a.kind for a in Agency.objects.all()} == set(AgencyKind.values)
    assert {a.service_area for a in Agency.objects.all()} == set(ServiceArea.values)
    assert (
        Agency.objects.filter(
            kind__in=[AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.HEALTH]
        ).count()
        == 3
    )
    assert set(Group.objects.values_list("short_name", flat=True)) >= {
        "Executive",
        "CSPRG",
        "CDOP",
        "MACE",
        "L&D",
        "SEG",
    }
    # The reference year, and the months either side of today.
    assert Meeting.objects.filter(starts_at__date__range=("2021-04-01", "2022-03-31")).count() > 30
    upcoming = Meeting.objects.filter(starts_at__gte=timezone.now())
    assert upcoming.count() >= 6
    assert all(m.minutes == "" and m.agenda_items.exists() for m in upcoming)
    past = Meeting.objects.filter(starts_at__date__lt=today, is_cancelled=False)
    assert all(m.minutes and m.attendance.exists() for m in past)
    assert Action.objects.overdue(today).exists()
    assert Action.objects.filter(
        status=ActionStatus.COMPLETED, completed_on__gt=models.F("due_date")
    ).exists()
    assert Action.objects.filter(status=ActionStatus.CANCELLED).exists()
    for action in Action.objects.all()[:50]:
        assert action.source == Meeting.objects.get(pk=action.source_id)
        assert action.source_kind == "meeting" and action.group_id == action.source.group_id
    # The demo group member and chair have work in hand, some of it late.
    for email in ["group.member@demo.lscp.invalid", "group.chair@demo.lscp.invalid"]:
        assert Action.objects.open().filter(owner__email=email).count() >= 2
        assert Action.objects.overdue(today).filter(owner__email=email).exists()
    chair = User.objects.get(email="group.chair@demo.lscp.invalid")
    assert chair.memberships.get(group__short_name="SEG").role == "chair"
    member = User.objects.get(email="group.member@demo.lscp.invalid")
    assert set(member.memberships.values_list("group__short_name", flat=True)) == {"CSPRG", "MACE"}
    # Attendance rates differ by agency.
    rates = []
    for agency in Agency.objects.filter(attendance__isnull=False).distinct():
        rows = Attendance.objects.filter(agency=agency)
        rates.append(rows.filter(status="present").count() / rows.count())
    assert max(rates) - min(rates) > 0.3


def test_no_real_person_or_place_from_the_reference_report():
    run_demo()
    patterns = [re.compile(p) for p in REAL]
    for model in apps.get_models():
        text_fields = [
            f.name for f in model._meta.get_fields() if isinstance(f, models.CharField | models.TextField)
        ]
        if not text_fields:
            continue
        for row in model._default_manager.values_list(*text_fields):
            for value in row:
                for pattern in patterns:
                    assert not (value and pattern.search(value)), f"{model._meta.label}: {value!r}"
    root = Path(__file__).resolve().parents[2] / "lscp"
    for app in DEMO_MODULES:
        source = (root / app / "demo.py").read_text()
        for pattern in patterns:
            assert not pattern.search(source), f"{app}/demo.py mentions {pattern.pattern}"
