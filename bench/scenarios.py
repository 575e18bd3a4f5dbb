"""Who requests which page in the benchmark: the heaviest realistic viewer for each."""

from django.db.models import Count
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.child_deaths.bench_pages import bench_pages as child_deaths_bench_pages
from lscp.governance.models import Group, Meeting, Membership, MembershipRole
from lscp.improvement.bench_pages import bench_pages
from lscp.improvement.models import Action
from lscp.learning.bench_pages import bench_pages as learning_bench_pages
from lscp.performance.bench_pages import bench_pages as performance_bench_pages
from lscp.reviews.bench_pages import bench_pages as reviews_bench_pages

PAGE_SIZE = 25


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    device, _ = StaticDevice.objects.get_or_create(user=user, name="bench")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def business_officer() -> User:
    user, created = User.objects.get_or_create(
        email="bench.officer@bench.lscp.invalid", defaults={"full_name": "Bench Officer"}
    )
    if created:
        user.grant(Role.BUSINESS_OFFICER)
    return user


def busiest_chair() -> User:
    """The chair who owns the most actions: the dashboard with the most to show."""
    chairs = Membership.objects.filter(role=MembershipRole.CHAIR).values("person")
    return User.objects.filter(pk__in=chairs).annotate(n=Count("actions")).order_by("-n", "pk").first()


def scenarios() -> list[tuple]:
    """(name, client, url) or (name, client, url, run before each request, untimed)."""
    return [_scenario(*each) for each in _pages()]


def _scenario(name, client, url, before_each=None) -> tuple:
    return name, client, url, before_each


def _pages() -> list[tuple]:
    officer = client_for(business_officer())
    chair = client_for(busiest_chair())
    # The group with the longest action log, so the log's last page is deep.
    group = Group.objects.annotate(n=Count("actions")).order_by("-n", "pk").first()
    filtered = f"/actions/?group={group.pk}&sort=due"
    in_group = Action.objects.filter(group=group).count()
    last_page = max(1, -(-in_group // PAGE_SIZE))
    meeting = Meeting.objects.filter(group=group, minutes__gt="").order_by("-starts_at").first()
    return [
        ("floor", officer, "/bench/floor/"),
        ("dashboard", chair, "/"),
        ("action log, page 1", officer, filtered),
        ("action log, last page", officer, f"{filtered}&page={last_page}"),
        ("meeting page", officer, f"/meetings/{meeting.pk}/"),
        *bench_pages(client_for),
        *reviews_bench_pages(client_for),
        *child_deaths_bench_pages(client_for),
        *performance_bench_pages(client_for),
        *learning_bench_pages(client_for),
    ]
