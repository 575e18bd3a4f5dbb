"""The performance report for `make bench`: the group that watches the most KPIs (60 at national
scale, with 5 comparators and ten years of monthly values), as its chair would open it."""

from django.db.models import Count

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.governance.models import Group


def bench_pages(client_factory) -> list[tuple]:
    officer, _ = User.objects.get_or_create(
        email="bench.officer@bench.lscp.invalid", defaults={"full_name": "Bench Officer"}
    )
    if not officer.has_role(Role.BUSINESS_OFFICER):
        officer.grant(Role.BUSINESS_OFFICER)
    group = Group.objects.annotate(n=Count("indicators")).order_by("-n", "pk").first()
    slug = group.slug if group is not None else "seg"
    return [("performance report", client_factory(officer), f"/performance/groups/{slug}/")]
