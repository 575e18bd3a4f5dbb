"""The CSPRG's pages for `make bench`: [(name, client, url)].

bench/scenarios.py adds these to its list: `*reviews_bench_pages(client_for)`.
"""

from django.db.models import Count

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.reviews.models import RapidReview


def bench_pages(client_factory) -> list[tuple[str, object, str]]:
    officer, _ = User.objects.get_or_create(
        email="bench.officer@bench.lscp.invalid", defaults={"full_name": "Bench Officer"}
    )
    if not officer.has_role(Role.BUSINESS_OFFICER):
        officer.grant(Role.BUSINESS_OFFICER)
    client = client_factory(officer)
    # The newest open rapid review with the most agency returns: the fullest page.
    review = (
        RapidReview.objects.filter(sent_to_panel_on__isnull=True)
        .annotate(n=Count("returns"))
        .order_by("-n", "-pk")
        .first()
    )
    return [
        ("deadline dashboard", client, "/reviews/"),
        ("rapid review", client, review.get_absolute_url() if review else "/reviews/"),
    ]
