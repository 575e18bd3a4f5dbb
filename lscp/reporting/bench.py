"""The annual report at national scale for `make bench`: a year's narrative for every bench group
(priorities, key steps with and without progress, areas of development with impact, engagement),
then the report composed and written as HTML, JSON and PDF, each timed and its peak memory taken.

Targets: HTML and JSON under 2 s, the PDF under 20 s, each under 500 MB at its peak.
`seed` runs with every app's bench seed (bench/__main__.py finds it); `measure()` is called after
the seed, like lscp.performance.bench_spc.measure. The narrative's models are governance's,
reached through the app registry: reporting imports no domain app's models.
"""

import time
import tracemalloc
from collections.abc import Callable

from django.apps import apps
from django.utils import timezone

from lscp.core.years import FinancialYear

DEPENDS_ON = [
    "core",
    "accounts",
    "governance",
    "improvement",
    "reviews",
    "child_deaths",
    "performance",
    "learning",
]
TARGET_SECONDS = {"html": 2.0, "json": 2.0, "pdf": 20.0}
TARGET_MB = 500.0
PRIORITIES = 8
STEPS_PER_GROUP = 4
AREAS_PER_GROUP = 3
ENGAGEMENT = 24


def bench_year() -> FinancialYear:
    """The last complete financial year: the one a partnership is writing its report for."""
    return FinancialYear.of(timezone.localdate()).previous


def seed(scale, rng) -> None:
    model = lambda name: apps.get_model("governance", name)  # noqa: E731
    year = bench_year()
    this, _ = model("ReportYear").objects.get_or_create(
        first_year=year.first,
        defaults={
            "introduction": "<p>Bench introduction.</p>",
            "signatories": "Bench lead one\nBench lead two\nBench lead three",
            "scrutineer_summary": "<p>Bench summary.</p>",
            "areas_of_focus": "<p>Bench focus.</p>",
        },
    )
    following, _ = model("ReportYear").objects.get_or_create(first_year=year.first + 1)
    groups = list(model("Group").objects.order_by("pk"))
    on = year.start.replace(month=10)
    priorities = model("Priority").objects.bulk_create(
        [
            model("Priority")(year=this, order=n, title=f"Bench priority {n}", outcomes="Safer.")
            for n in range(PRIORITIES)
        ]
    )
    model("PriorityUpdate").objects.bulk_create(
        [
            model("PriorityUpdate")(
                priority=p, on=on, status=rng.choice(["red", "amber", "green"]), text="Bench."
            )
            for p in priorities[1:]
        ]
    )
    steps = model("KeyStep").objects.bulk_create(
        [
            model("KeyStep")(group=g, year=y, order=n, text=f"Bench step {n} for {g.short_name}")
            for g in groups
            for y in (this, following)
            for n in range(STEPS_PER_GROUP)
        ]
    )
    model("KeyStepProgress").objects.bulk_create(
        [
            model("KeyStepProgress")(key_step=s, on=on, status="green", text="Bench progress.")
            for s in steps
            if s.year_id == this.pk and rng.random() < 0.7
        ]
    )
    areas = model("DevelopmentArea").objects.bulk_create(
        [
            model("DevelopmentArea")(
                group=g, year=this, order=n, title=f"Bench area {n}", text="<p>Bench.</p>"
            )
            for g in groups
            for n in range(AREAS_PER_GROUP)
        ]
    )
    model("ImpactStatement").objects.bulk_create(
        [model("ImpactStatement")(area=a, text="Bench impact.") for a in areas if rng.random() < 0.8]
    )
    model("EngagementActivity").objects.bulk_create(
        [
            model("EngagementActivity")(
                year=this,
                held_on=on,
                title=f"Bench engagement {n}",
                children=True,
                taking_part=rng.randint(5, 200),
                method="Survey.",
                heard="Bench.",
                changed="Bench." if n % 4 else "",
            )
            for n in range(ENGAGEMENT)
        ]
    )


def _measured(work: Callable[[], object]) -> tuple[float, float]:
    """Seconds (untraced, so tracing does not slow the timing) and peak MB (traced, a second run)."""
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return seconds, peak / 1024 / 1024


def measure(year: FinancialYear | None = None) -> dict:
    """Each output composed from the records and written: time, peak memory, whether on target.

    The apps keep their figures until a record they count changes (lscp.core.figures_cache), so
    the outputs are timed as a reader meets them, figures kept; and, apart, the first compose after
    a change, with every figure counted afresh and every chart drawn again (the caches emptied
    first), in a process that has composed a report before."""
    from django.core.cache import cache

    from lscp.reporting import charts
    from lscp.reporting.compose import compose
    from lscp.reporting.render import render_html, render_json, render_pdf

    year = year or bench_year()
    cache.clear()

    def afresh_compose() -> None:
        cache.clear()
        charts.forget()  # drawn again too: a changed count changes its chart
        compose(year)

    # Once untimed, as a serving process has done before the change: its modules imported,
    # matplotlib's fonts read and the working-day calendar built (half a second, once a process).
    compose(year)

    afresh, afresh_peak = _measured(afresh_compose)
    results: dict = {
        "year": year.label,
        "targets": {"seconds": TARGET_SECONDS, "peak_mb": TARGET_MB},
        "counted_afresh": {"seconds": round(afresh, 2), "peak_mb": round(afresh_peak, 1)},
    }
    print(f"  composed with every figure counted afresh: {afresh:.1f} s, peak {afresh_peak:.0f} MB")
    outputs = {
        "html": lambda: render_html(compose(year)),
        "json": lambda: render_json(compose(year)),
        "pdf": lambda: render_pdf(compose(year)),
    }
    for name, work in outputs.items():
        seconds, peak = _measured(work)
        results[name] = {
            "seconds": round(seconds, 2),
            "peak_mb": round(peak, 1),
            "meets_targets": seconds <= TARGET_SECONDS[name] and peak <= TARGET_MB,
        }
        print(f"  annual report {name.upper()}, figures kept: {seconds:.1f} s, peak {peak:.0f} MB")
    return results
