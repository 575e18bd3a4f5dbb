"""`make bench`: seed a national-scale partnership and measure the busiest pages.

Runs on its own SQLite file under var/bench/ (or BENCH_DATABASE_URL, a scratch database that is
emptied first), with production settings
(DEBUG off, Argon2, manifest static files), so the figures are what a deployment would see.
"""

import json
import os
import platform
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results" / "latest.json"
# Targets from the foundation issue.
MAX_RATIO_TO_FLOOR = 5.0
MAX_P95_MS = 150.0
# Pages with a target of their own instead: the performance report's p95 (issue 5), in ms; and
# pages shown only for comparison, with none (the child death analysis counted afresh is the
# first request after a change; the kept analysis beside it is the page people read).
OWN_P95_TARGET_MS = {"performance report": 500.0}
NO_TARGET = {"child death analysis, 10 y, no cache"}


@dataclass(frozen=True)
class Scale:
    users: int = 2000
    agencies: int = 200
    groups: int = 50
    meetings: int = 5000
    actions: int = 250_000
    recommendations: int = 50_000
    evidence: int = 100_000
    child_deaths: int = 40_000
    # Learning and development (lscp/learning/bench.py).
    practitioners: int = 100_000
    learning_sessions: int = 20_000
    bookings: int = 500_000
    evaluations: int = 300_000


def configure_environment() -> None:
    shutil.rmtree(BENCH_VAR, ignore_errors=True)
    BENCH_VAR.mkdir(parents=True)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "lscp.settings",
            "LSCP_VAR_DIR": str(BENCH_VAR),
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{BENCH_VAR / 'bench.sqlite3'}"),
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "DEBUG": "0",
            "LSCP_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "testserver",
        }
    )


def main() -> int:
    configure_environment()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    from bench.harness import timed
    from lscp.core.serving import settle

    print("Setting up (migrate, static files, demo partnership)")
    timed("migrate", lambda: call_command("migrate", verbosity=0, interactive=False))
    # BENCH_DATABASE_URL must name a scratch database: whatever is in it is deleted here.
    call_command("flush", verbosity=0, interactive=False)
    timed("collectstatic", lambda: call_command("collectstatic", verbosity=0, interactive=False))
    timed("demo data", lambda: call_command("demo", verbosity=0))
    with override_settings(ROOT_URLCONF="bench.urls", ALLOWED_HOSTS=["testserver"]):
        demo_queries = query_counts()
        print(f"Seeding national scale: {Scale()}")
        timed("national-scale seed", lambda: seed(Scale()))
        # As lscp/wsgi.py does in a deployment once the app is loaded.
        settle()
        pages = measure_pages()
    from lscp.child_deaths import bench_import

    print(f"Importing {bench_import.ROWS:,} child death rows from CSV and from XLSX")
    imports = bench_import.measure()
    from lscp.performance import bench_import as kpi_import
    from lscp.performance import bench_spc

    print(f"Importing {kpi_import.ROWS:,} KPI observation rows from CSV")
    kpi_import_figures = kpi_import.measure()

    print("SPC over 10,000 series of 120 points, and the same through abspc")
    spc_figures = bench_spc.measure()
    from lscp.learning import bench_booking

    print(f"Booking throughput: {bench_booking.THREADS} bookers at once, {bench_booking.PLACES} places each")
    booking_figures = bench_booking.measure()
    from lscp.reporting import bench as annual_report

    print(f"The annual report for {annual_report.bench_year()} at national scale: HTML, JSON and PDF")
    annual_report_figures = annual_report.measure()
    report = build_report(pages, demo_queries, settings)
    report["imports"] = imports
    report["spc"] = spc_figures
    report["kpi_import"] = kpi_import_figures
    report["booking"] = booking_figures
    report["annual_report"] = annual_report_figures
    print_table(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nWritten {RESULTS.relative_to(ROOT)}")
    return 0


def seed(scale: Scale) -> None:
    from django.db import transaction

    from lscp.core.discovery import app_modules

    rng = random.Random(2022)
    with transaction.atomic():
        for _label, module in app_modules("bench"):
            module.seed(scale, rng)


def query_counts() -> dict[str, int]:
    from bench.harness import count_queries
    from bench.scenarios import scenarios

    counts = {}
    for name, client, url, before_each in scenarios():
        counts[name] = count_queries(client, url, before_each)
    return counts


def measure_pages():
    from bench.harness import measure
    from bench.scenarios import scenarios

    (floor_name, floor_client, floor_url, _), *pages = scenarios()  # the floor comes first
    beside = (floor_client, floor_url)
    return [
        measure(floor_client, floor_name, floor_url),
        *(
            measure(client, name, url, before_each=before_each, floor=beside)
            for name, client, url, before_each in pages
        ),
    ]


def build_report(pages, demo_queries: dict[str, int], settings) -> dict:
    floor = next(p for p in pages if p.name == "floor")
    for page in pages:
        # Against the floor measured alongside the page (bench.harness), or the run's own.
        beside = page.floor_p95_ms or floor.p95_ms
        page.ratio_to_floor_p95 = round(page.p95_ms / beside, 2) if beside else 0.0
    rows = []
    for page in pages:
        row = page.as_dict()
        row["queries_at_demo_scale"] = demo_queries.get(page.name)
        # A page whose queries grow with the data fails whatever its time.
        same_queries = row["queries_at_demo_scale"] == page.queries
        row["meets_targets"] = _meets_targets(page) if same_queries else False
        rows.append(row)
    return {
        "scale": Scale().__dict__,
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "targets": {"max_ratio_to_floor_p95": MAX_RATIO_TO_FLOOR, "max_p95_ms": MAX_P95_MS},
        "pages": rows,
    }


def _meets_targets(page) -> bool | None:
    """Whether the page meets its speed target; None for a page shown only for comparison."""
    if page.name == "floor":
        return True
    if page.name in NO_TARGET:
        return None
    if page.name in OWN_P95_TARGET_MS:
        return page.p95_ms <= OWN_P95_TARGET_MS[page.name]
    return page.ratio_to_floor_p95 <= MAX_RATIO_TO_FLOOR and page.p95_ms <= MAX_P95_MS


def _shown(meets: bool | None) -> str:
    return "-" if meets is None else "yes" if meets else "NO"


def print_table(report: dict) -> None:
    print(f"\nPages at national scale ({report['database']}, {report['machine']}); 50 requests each")
    columns = f"{'median ms':>10}{'p95 ms':>9}{'floor p95':>10}{'x floor':>9}{'queries':>9}{'demo q':>8}"
    header = f"{'page':<36}{columns}  ok"
    print(header)
    print("-" * len(header))
    for row in report["pages"]:
        print(
            f"{row['name']:<36}{row['median_ms']:>10.1f}{row['p95_ms']:>9.1f}"
            f"{row['floor_p95_ms'] or row['p95_ms']:>10.1f}{row['ratio_to_floor_p95']:>9.2f}"
            f"{row['queries']:>9}{row['queries_at_demo_scale'] or '-':>8}"
            f"  {_shown(row['meets_targets'])}"
        )
    print(
        f"ok: p95 within {MAX_RATIO_TO_FLOOR:g}x the floor beside it and under {MAX_P95_MS:g} ms, and the "
        "same queries at both scales; "
        + "; ".join(f"{name}: p95 under {ms:g} ms" for name, ms in OWN_P95_TARGET_MS.items())
        + "; -: shown for comparison"
    )
    spc = report.get("spc")
    if spc:
        peer = spc["peer"]
        print(
            f"\nSPC: {spc['series']:,} series x {spc['points_per_series']} points in {spc['lscp_s']:.3f} s "
            f"({spc['lscp_points_per_second']:,} points/s)"
            + (
                f"; abspc {peer['s_for_all_series']:.1f} s: lscp {spc['ratio']}x faster (target 100x)"
                if peer.get("available")
                else "; abspc not installed"
            )
        )
    kpi = report.get("kpi_import")
    if kpi:
        print(
            f"\nKPI import: {kpi['rows']:,} rows in {kpi['import_s']:.1f} s ({kpi['rows_per_second']:,}/s); "
            f"just reading the file {kpi['read_rows_per_second']:,}/s: "
            f"{kpi['share_of_reading_rate']} of the parse-only rate (target 0.25); "
            f"storing the rows alone {kpi['store_s']:.1f} s, {kpi['storage_share_of_reading_rate']} of the "
            f"parse-only rate, so the import runs at {kpi['share_of_storage_rate']} of the storage rate"
        )
    booking = report.get("booking")
    if booking:
        if "skipped" in booking:
            print(f"\nBooking throughput ({booking['database']}): {booking['skipped']}")
        else:
            print(
                f"\nBooking throughput ({booking['database']}): {booking['threads']} bookers, "
                f"{booking['answered']:,} bookings in {booking['seconds']:.1f} s "
                f"({booking['bookings_per_second']:,}/s); "
                f"{booking['overbooked_sessions']} sessions overbooked (target 0), "
                f"{booking['sessions_with_a_free_place']} left with a free place while people waited"
            )
    annual = report.get("annual_report")
    if annual:
        targets = annual["targets"]
        print(f"\nAnnual report {annual['year']} (targets: {targets['seconds']} s, {targets['peak_mb']} MB)")
        afresh = annual["counted_afresh"]
        print(
            f"composed, every figure counted afresh: {afresh['seconds']:.1f} s, "
            f"peak {afresh['peak_mb']:.0f} MB"
        )
        for name in ("html", "json", "pdf"):
            row = annual[name]
            print(
                f"{name.upper():<6}{row['seconds']:>7.1f} s  peak {row['peak_mb']:>6.0f} MB  "
                f"{'yes' if row['meets_targets'] else 'NO'}"
            )
    print("\nChild death import (rows per second; x reading = import time / just reading the file)")
    for row in report.get("imports", []):
        print(
            f"{row['format']:<6}{row['rows']:>8,} rows  read {row['read_s']:>6.2f} s  "
            f"import {row['import_s']:>6.2f} s  {row['rows_per_second']:>7,}/s  "
            f"x reading {row['ratio_to_reading']}"
        )


if __name__ == "__main__":
    sys.exit(main())
