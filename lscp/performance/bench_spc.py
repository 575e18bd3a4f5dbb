"""`make bench`'s SPC figure: Making Data Count SPC over many series at once, against the `abspc`
package on the same series in the same run.

Synthetic monthly KPI series (values to one decimal place; some with a step change, a drift or a
one-off spike; some rebased at a random point) are analysed by `lscp.performance.spc.analyse_many`
in one call — limits, all four special-cause rules, point types, variation and assurance icons for
every series — and then one series at a time through abspc (the peer: a Python package for the
same method, bench-only dependency `abspc` in the `bench` dependency group). abspc has no manual
rebase, so each baseline group goes through it as a series of its own, then the series' variation
and assurance come from its latest group. Its rules differ in places (no outlier screening, 8-point
shift, 6-point trend), so this compares the cost of the same job, not identical answers.

`python -m lscp.performance.bench_spc` prints the figures as JSON.
"""

import json
import os
import statistics
import time
from typing import Any

import numpy as np

from lscp.performance import spc

SERIES = 10_000
POINTS = 120
SEED = 20240601
TARGET_RATIO = 100.0
REBASED_SHARE = 0.3
IMPROVEMENTS = ("increase", "decrease", "neutral")


def synthetic(series: int = SERIES, points: int = POINTS, seed: int = SEED) -> dict[str, Any]:
    """Values (series × points), rebase flags (true on the first point of a new baseline; about
    REBASED_SHARE of the series have one), improvement directions and targets (NaN: none)."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(20, 80, (series, 1))
    spread = rng.uniform(1, 6, (series, 1))
    values = level + spread * rng.standard_normal((series, points))
    t = np.arange(points)
    kind = rng.integers(0, 4, series)  # 0 noise, 1 step change, 2 drift, 3 spike
    at = rng.integers(points // 4, max(points // 4 + 1, 3 * points // 4), series)
    step = (kind == 1)[:, None] * (t >= at[:, None]) * rng.choice([-3.0, 3.0], (series, 1)) * spread
    drift = (
        (kind == 2)[:, None]
        * np.clip(t - at[:, None], 0, None)
        * rng.uniform(-0.2, 0.2, (series, 1))
        * spread
    )
    values = values + step + drift
    spiked = np.flatnonzero(kind == 3)
    values[spiked, at[spiked]] += 5 * spread[spiked, 0]
    values = values.round(1)

    rebase = np.zeros((series, points), dtype=bool)
    if points >= 4:
        rebased = np.flatnonzero(rng.random(series) < REBASED_SHARE)
        low, high = max(2, points // 5), max(3, points - points // 5)
        rebase[rebased, rng.integers(low, min(high, points - 1), len(rebased))] = True
    improvement = rng.choice(IMPROVEMENTS, series, p=[0.45, 0.45, 0.10])
    target = np.where(improvement == "neutral", np.nan, (level[:, 0] + rng.uniform(-8, 8, series)).round(0))
    return {"values": values, "rebase": rebase, "improvement": improvement, "target": target}


def run_lscp(data: dict[str, Any]) -> spc.BatchResult:
    return spc.analyse_many(
        data["values"], rebase=data["rebase"], improvement=data["improvement"], target=data["target"]
    )


def run_peer(data: dict[str, Any], count: int) -> list[tuple[str, str]]:
    """The first `count` series through abspc: (variation, assurance) for each."""
    import pandas as pd
    from abspc import (
        calculate_control_limits,
        detect_special_causes,
        determine_assurance_type,
        determine_point_colours,
        determine_variation_type,
    )

    answers = []
    for i in range(count):
        values, rebase = data["values"][i], data["rebase"][i]
        direction = "low" if data["improvement"][i] == "decrease" else "high"
        target = None if np.isnan(data["target"][i]) else float(data["target"][i])
        starts = [0, *np.flatnonzero(rebase).tolist(), len(values)]
        latest = None
        for a, b in zip(starts, starts[1:], strict=False):
            frame = pd.DataFrame({"value": values[a:b]})
            latest = detect_special_causes(calculate_control_limits(frame, chart_type="XmR"))
            determine_point_colours(latest, improvement_direction=direction)
        answers.append(
            (
                determine_variation_type(latest, improvement_direction=direction),
                determine_assurance_type(latest, target, improvement_direction=direction),
            )
        )
    return answers


def _peer_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("abspc")
    except Exception:
        return None


def measure(
    series: int = SERIES,
    points: int = POINTS,
    seed: int = SEED,
    repeats: int = 5,
    peer_series: int | None = None,
) -> dict[str, Any]:
    """Time lscp's batch SPC (median of `repeats` runs after a warm-up) and abspc on the same series
    (all of them, or the first `peer_series`, scaled up to all), and give the ratio."""
    data = synthetic(series, points, seed)
    total = series * points
    run_lscp(data)  # warm-up: imports, page faults
    timings = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        result = run_lscp(data)
        timings.append(time.perf_counter() - start)
    lscp_s = statistics.median(timings)
    special = result.rule != spc.RULE_NONE
    figures: dict[str, Any] = {
        "series": series,
        "points_per_series": points,
        "points": total,
        "rebased_series": int(data["rebase"].any(axis=1).sum()),
        "screen_outliers": True,
        "lscp_s": round(lscp_s, 4),
        "lscp_best_s": round(min(timings), 4),
        "lscp_points_per_second": round(total / lscp_s),
        "special_cause_points": int(special.sum()),
        "variation_icons": {
            name: int((result.variation_icon == code).sum()) for code, name in enumerate(spc.VARIATION_ICONS)
        },
        "load_average": [round(v, 2) for v in os.getloadavg()],
        "target_ratio": TARGET_RATIO,
    }
    version = _peer_version()
    if version is None:
        figures["peer"] = {
            "package": "abspc",
            "available": False,
            "reason": "abspc is not installed (it is in the bench dependency group: uv run --group bench)",
        }
        figures["ratio"] = None
        figures["meets_target"] = None
        return figures
    count = series if peer_series is None else max(1, min(series, peer_series))
    start = time.perf_counter()
    run_peer(data, count)
    peer_s = time.perf_counter() - start
    peer_all_s = peer_s * series / count
    ratio = peer_all_s / lscp_s
    figures["peer"] = {
        "package": "abspc",
        "version": version,
        "available": True,
        "series_timed": count,
        "s": round(peer_s, 3),
        "s_for_all_series": round(peer_all_s, 3),
        "points_per_second": round(count * points / peer_s),
    }
    figures["ratio"] = round(ratio, 1)
    figures["meets_target"] = ratio >= TARGET_RATIO
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
