"""The golden thread's pages for `make bench`: [(name, client, url)].

bench/scenarios.py adds these to its list: `scenarios() + bench_pages(client_for)`.
"""

from django.db.models import Count

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.improvement.models import Recommendation
from lscp.improvement.tracker import PAGE_SIZE


def bench_pages(client_factory) -> list[tuple[str, object, str]]:
    officer, _ = User.objects.get_or_create(
        email="bench.officer@bench.lscp.invalid", defaults={"full_name": "Bench Officer"}
    )
    if not officer.has_role(Role.BUSINESS_OFFICER):
        officer.grant(Role.BUSINESS_OFFICER)
    client = client_factory(officer)
    biggest = Recommendation.objects.values("group_id").annotate(n=Count("pk")).order_by("-n").first()
    group_id = biggest["group_id"] if biggest else ""
    filtered = f"/recommendations/?group={group_id}&sort=-made"
    in_group = Recommendation.objects.filter(group_id=group_id).count()
    last_page = max(1, -(-in_group // PAGE_SIZE))
    # The recommendation with the most actions: the longest thread. One made outside the app
    # ("other"), as every national-scale one is, so that the demo-scale query count is for a
    # thread of the same shape (a linked source costs one query more, at any scale).
    busiest = (
        Recommendation.objects.filter(source_id__isnull=True)
        .annotate(n=Count("actions"))
        .order_by("-n", "pk")
        .first()
    )
    return [
        ("recommendation tracker, page 1", client, filtered),
        ("recommendation tracker, last page", client, f"{filtered}&page={last_page}"),
        (
            "recommendation thread",
            client,
            f"/recommendations/{busiest.pk}/" if busiest else "/recommendations/",
        ),
    ]
