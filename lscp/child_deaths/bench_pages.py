"""The child death pages for `make bench`: [(name, client, url)].

bench/scenarios.py adds these to its list: `*child_deaths_bench_pages(client_for)`. The analysis
is asked for one financial year (the last complete one) and for all ten years the bench seeds, the
heaviest range anyone would ask for. The analysis is kept between requests until a review changes
(`snapshots`), so the ten years are also measured with the cache emptied before every request:
the cost of the first request after the panel records something.
"""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.child_deaths.analysis import financial_year
from lscp.child_deaths.bench import YEARS
from lscp.child_deaths.models import ChildDeath
from lscp.child_deaths.views import CASES_PER_PAGE


def bench_pages(client_factory) -> list[tuple]:
    officer, _ = User.objects.get_or_create(
        email="bench.officer@bench.lscp.invalid", defaults={"full_name": "Bench Officer"}
    )
    if not officer.has_role(Role.BUSINESS_OFFICER):
        officer.grant(Role.BUSINESS_OFFICER)
    client = client_factory(officer)
    this_start, this_end = financial_year(timezone.localdate())
    last_start, last_end = financial_year(this_start - dt.timedelta(days=1))
    ten_start = this_start.replace(year=this_start.year - (YEARS - 1))
    every_case = ChildDeath.objects.count()
    last_page = max(1, -(-every_case // CASES_PER_PAGE))
    return [
        ("child death analysis, one year", client, _analysis(last_start, last_end)),
        ("child death analysis, ten years", client, _analysis(ten_start, this_end)),
        ("child death analysis, 10 y, no cache", client, _analysis(ten_start, this_end), cache.clear),
        ("child death cases, all, page 1", client, "/child-deaths/cases/?stage=all"),
        ("child death cases, all, last page", client, f"/child-deaths/cases/?stage=all&page={last_page}"),
    ]


def _analysis(start: dt.date, end: dt.date) -> str:
    return f"/child-deaths/analysis/?start={start.isoformat()}&end={end.isoformat()}"
