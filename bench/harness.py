"""Measure pages through Django's test client: server time and SQL queries per request.

Times are reported as ratios to a floor (a signed-in page that renders the base template and
nothing else) measured in the same run, so figures compare across machines. Each page's floor is
measured alongside it, one floor request before each of the page's requests: a shared machine
speeds up and slows down over the minutes a run takes, and a floor measured once at the start
would move every later ratio with it.
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
    floor_p95_ms: float = 0.0  # the floor measured alongside this page

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
    floor: tuple[Client, str] | None = None,
) -> PageFigures:
    """`before_each` runs untimed before every request (to empty a cache, say); `floor` is the
    floor's (client, url), requested before each of the page's requests and timed apart."""
    for _ in range(warm_up):
        client.get(url)
    samples, floor_samples = [], []
    status = 0
    for _ in range(requests):
        if floor is not None:
            floor_samples.append(_timed_get(*floor))
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
        floor_p95_ms=round(p95(floor_samples), 2) if floor_samples else 0.0,
    )


def _timed_get(client: Client, url: str) -> float:
    start = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - start) * 1000


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
