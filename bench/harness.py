"""Measure pages through Django's test client: server time and SQL queries per request.

Times are reported as ratios to a floor (a signed-in page that renders the base template and
nothing else) measured in the same run, so figures compare across machines.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class PageFigures:
    name: str
    url: str
    requests: int
    median_ms: float
    p95_ms: float
    queries: int
    status: int
    ratio_to_floor_p95: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def measure(
    client: Client,
    name: str,
    url: str,
    requests: int = 50,
    warm_up: int = 3,
    before_each: Callable[[], object] | None = None,
) -> PageFigures:
    """`before_each` runs untimed before every request (to empty a cache, say)."""
    for _ in range(warm_up):
        client.get(url)
    samples = []
    status = 0
    for _ in range(requests):
        if before_each is not None:
            before_each()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        status = response.status_code
    reset_queries()
    if before_each is not None:
        before_each()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return PageFigures(
        name=name,
        url=url,
        requests=requests,
        median_ms=round(statistics.median(samples), 2),
        p95_ms=round(p95(samples), 2),
        queries=len(captured),
        status=status,
    )


def count_queries(client: Client, url: str, before_each: Callable[[], object] | None = None) -> int:
    client.get(url)  # the first request of a session also writes the session: not the page's cost
    if before_each is not None:
        before_each()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def timed(label: str, work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"  {label}: {seconds:.1f} s")
    return seconds
