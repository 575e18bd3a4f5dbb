"""Statistical process control exactly as NHS England's Making Data Count (XmR charts).

Pure functions over sequences of values (no Django), vectorised with NumPy so that thousands of
series are analysed at once. The reference implementation is the NHS-R Community's R package
NHSRplotthedots (`ptd_spc`); its published code and tests were read for every rule below.

Two entry points share one engine:

* `analyse(values, *, improvement, target, rebase, fix_after, screen_outliers, x)` → `SeriesResult`
  for one series (the `lscp spc` command and the performance report);
* `analyse_many(series, ...)` → `BatchResult` for many series at once: a 2-D array (one row per
  series) or a list of series of any lengths. `BatchResult.series(i)` gives series i's
  `SeriesResult`. Both check their input, then run the same engine (`_compute`), so a series gets
  the same answer alone or in a batch.

How it is computed. All the series' points are laid end to end in flat arrays; a **baseline group**
is a run of points that starts at a series' first point or at a rebase. Group figures (mean, mean
moving range) are segment sums (`np.add.reduceat`); run rules are run lengths over the flat arrays,
with runs broken at every group start, so nothing crosses a rebase or a series boundary. The
computation has no Python loop over series, groups or points (checking a *list* of series does go
series by series; a 2-D array is checked whole).

The rules (each is a small function below whose docstring states it):

* centre line: mean of the group's values, or of only its first N when limits are fixed after N
  points (N ≥ 12; fixing applies to every baseline group, as in NHSRplotthedots ≥ 0.2);
* moving ranges |yᵢ − yᵢ₋₁| within a group (none for its first point; with fixed limits, only
  among the first N); their mean; **outlier screening** (on by default): drop the moving ranges
  not strictly below 3.267 × that mean and take the mean of the rest, once;
* process limits mean ± 2.66 × mean MR; near limits mean ± (2 × 2.66 / 3) × mean MR;
* per point: outside limits (strictly beyond), side of the mean (−1, 0, +1), close to limits
  (not outside, but strictly beyond a near limit);
* special causes, each within a group: **shift** (7 or more consecutive points strictly on the
  same side; a point on the mean breaks the run), **trend** (7 or more consecutive points each
  strictly higher, or each strictly lower, than the one before; a repeat breaks it), **two in
  three** (a window of 3 consecutive points all strictly on one side with at least 2 close to the
  limits flags those close points); every point of a run is flagged; precedence outside limits >
  trend > two in three > shift;
* point type from the direction of the special cause (a trend's direction; otherwise the side of
  the mean) and the improvement direction; for neutral indicators, ..._neutral_high / _low;
* variation icon from the latest point; assurance from the latest group's limits, strictly:
  target beyond the favourable limit → consistent_pass, beyond the unfavourable one →
  consistent_fail, otherwise (inside or exactly on a limit) → inconsistent;
* a group of fewer than 13 points has trial limits.

What "exactly" means: the same constants (2.66, 2 × (2.66 / 3) computed in that order, 3.267),
the same formulae in the same floating-point order (`mean - 2.66 * amr`), the same strict and
non-strict comparisons, the same windows and the same precedence as NHSRplotthedots. Means are
float64 sums divided by counts, where R accumulates in long double: results can differ from R's in
the last bit or two, which only matters for a point within ~1e-15 of a limit.

Where this module departs from NHSRplotthedots' code, and why:

1. Trial limits below 13 points (the issue's rule); NHSRplotthedots' `short_group_warning` fires
   below 12.
2. A group whose moving ranges are all 0 (a constant run): with screening, NHSRplotthedots drops
   every moving range (0 is not strictly below 3.267 × 0) and its limits become NaN; here the mean
   moving range stays 0, so the limits equal the mean and assurance is decided against them.
3. Trend direction of the last point of a trend that is followed by a repeat and then another
   trend: NHSRplotthedots takes the sign of the repeat (0) and labels the point "Decreasing"
   whatever its trend; here it keeps the direction of the one trend it belongs to (the issue's
   wording). A peak or trough *shared* by two trends takes the following trend's direction, as in
   NHSRplotthedots.
4. Refused, where NHSRplotthedots goes on silently (the issue's "bad input" rules): a rebase on
   the first point (R just numbers groups from 1), a target for a neutral indicator (R ignores
   it), non-finite values, fewer than 2 points in a series or in a baseline group (R gives NaN
   limits). These raise `SpcError` (`NotEnoughData` for too few points) with a message for people.
5. Points are taken in the order given (R sorts by date); the command refuses repeated x values,
   as R refuses repeated dates.
6. Variation icon names follow Making Data Count's icon set (common_cause, improvement_high/low,
   concern_high/low, neutral_high/low); one NHSRplotthedots release maps concern points to the
   improvement icon files, which is a slip in its plotting code, not in the analysis.

Followed from NHSRplotthedots' code where the issue says nothing: fixed limits apply within each
baseline group, and their moving ranges are only those among the first N points; outlier
screening compares each moving range with 3.267 × the unscreened mean of the same (fixed) moving
ranges; a special cause's direction is the trend's for trend points (a rising trend is
"improvement" for an increasing indicator even below the mean, NHSRplotthedots issue #167) and the
side of the mean for the other rules; a neutral indicator's special causes are high or low by that
direction; two-in-three windows must be all on one side (issue #143); variation and assurance are
read from the last point (its group's limits); rebase groups are numbered from 0.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

# Making Data Count's constants (NHSRplotthedots' `limit`, `limitclose` and screening factor).
LIMIT = 2.66
NEAR_LIMIT = 2 * (LIMIT / 3)
SCREEN_FACTOR = 3.267
SHIFT_POINTS = 7
TREND_POINTS = 7
MIN_FIX_AFTER = 12
TRIAL_BELOW = 13
MIN_POINTS = 2

IMPROVEMENTS = {"increase": 1, "decrease": -1, "neutral": 0}
# Codes used in BatchResult's arrays, decoded by these tuples.
RULES: tuple[str | None, ...] = (None, "outside_limits", "trend", "two_in_three", "shift")
RULE_NONE, RULE_OUTSIDE, RULE_TREND, RULE_TWO_IN_THREE, RULE_SHIFT = range(5)
POINT_TYPES = (
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)
COMMON, IMPROVEMENT, CONCERN, NEUTRAL_HIGH, NEUTRAL_LOW = range(5)
VARIATION_ICONS = (
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
)
ASSURANCES: tuple[str | None, ...] = (None, "consistent_pass", "consistent_fail", "inconsistent")
NO_ASSURANCE, CONSISTENT_PASS, CONSISTENT_FAIL, INCONSISTENT = range(4)

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Ints = NDArray[np.int64]
Signs = NDArray[np.int8]


class SpcError(ValueError):
    """The values or options cannot be analysed; the message says why, for people."""


class NotEnoughData(SpcError):
    """Too few points: a series, or a baseline group, needs at least 2 points."""


# --------------------------------------------------------------------------------------------------
# Baseline groups
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Groups:
    """Where each baseline group lies in the flat arrays of points.

    `starts[g]`/`lengths[g]`: group g's first point and size; `gid[i]`/`pos[i]`: point i's group and
    its position in it; `is_start`/`is_end`: a group's first/last point.
    """

    starts: Ints
    lengths: Ints
    gid: Ints
    pos: Ints
    is_start: Bools
    is_end: Bools

    @classmethod
    def from_starts(cls, is_start: Bools) -> Groups:
        total = len(is_start)
        starts = np.flatnonzero(is_start)
        lengths = np.diff(np.append(starts, total))
        gid = np.repeat(np.arange(len(starts)), lengths)
        pos = np.arange(total) - np.repeat(starts, lengths)
        is_end = np.empty(total, dtype=bool)
        is_end[:-1] = is_start[1:]
        is_end[-1] = True
        return cls(starts, lengths, gid, pos, is_start, is_end)

    def spread(self, per_group: NDArray[Any]) -> NDArray[Any]:
        """A per-group figure repeated for each of the group's points."""
        return np.repeat(per_group, self.lengths)

    def total(self, per_point: NDArray[Any]) -> NDArray[Any]:
        """The sum of a per-point figure over each group (true/false counted as 1/0)."""
        if per_point.dtype == bool:
            return np.add.reduceat(per_point, self.starts, dtype=np.int64)
        return np.add.reduceat(per_point, self.starts)


def _run_lengths(key: NDArray[Any], breaks: Bools) -> Ints:
    """For each element, the length of the run of equal `key`s it belongs to; a run also ends
    wherever `breaks` is true (a new run starts there)."""
    new_run = breaks.copy()
    new_run[0] = True
    new_run[1:] |= key[1:] != key[:-1]
    run_starts = np.flatnonzero(new_run)
    lengths = np.diff(np.append(run_starts, len(key)))
    return np.repeat(lengths, lengths)


# --------------------------------------------------------------------------------------------------
# The rules, one function each
# --------------------------------------------------------------------------------------------------


def centre_line(y: Floats, groups: Groups, fix_after: int | None = None) -> Floats:
    """The mean of each baseline group's values; with limits fixed after N points, the mean of only
    the group's first N values (all of them if it has fewer)."""
    if fix_after is None:
        return groups.total(y) / groups.lengths
    counted = np.where(groups.pos < fix_after, y, 0.0)
    return groups.total(counted) / np.minimum(groups.lengths, fix_after)


def moving_ranges(y: Floats, groups: Groups, fix_after: int | None = None) -> tuple[Floats, Bools]:
    """|yᵢ − yᵢ₋₁| for each point but a group's first (which has none: nothing crosses a rebase);
    with limits fixed after N points, only the moving ranges among the group's first N points.

    Returns the moving ranges and a mask of the ones that exist."""
    mr = np.zeros_like(y)
    mr[1:] = np.abs(np.diff(y))
    exists = ~groups.is_start
    if fix_after is not None:
        exists &= groups.pos < fix_after
    return mr, exists


def screen_moving_ranges(mr: Floats, exists: Bools, groups: Groups) -> Bools:
    """Outlier screening: keep only the moving ranges strictly below 3.267 × the group's mean
    moving range (one pass, no iteration)."""
    amr = groups.total(np.where(exists, mr, 0.0)) / groups.total(exists)
    return exists & (mr < groups.spread(SCREEN_FACTOR * amr))


def mean_moving_range(mr: Floats, kept: Bools, groups: Groups) -> Floats:
    """The mean of each group's kept moving ranges. If screening kept none (every moving range was
    0, so none is strictly below 3.267 × 0) the mean moving range is 0, not undefined."""
    count = groups.total(kept)
    total = groups.total(np.where(kept, mr, 0.0))
    return np.where(count > 0, total / np.maximum(count, 1), 0.0)


def process_limits(mean: Floats, amr: Floats) -> tuple[Floats, Floats]:
    """Lower and upper process limits: mean ∓ 2.66 × mean moving range."""
    return mean - (LIMIT * amr), mean + (LIMIT * amr)


def near_limits(mean: Floats, amr: Floats) -> tuple[Floats, Floats]:
    """Lower and upper near limits (two thirds of the way out): mean ∓ (2 × 2.66 / 3) × mean MR."""
    return mean - (NEAR_LIMIT * amr), mean + (NEAR_LIMIT * amr)


def outside_limits(y: Floats, lpl: Floats, upl: Floats) -> Bools:
    """A point strictly above the upper or strictly below the lower process limit (a point exactly
    on a limit is inside)."""
    return (y > upl) | (y < lpl)


def relative_to_mean(y: Floats, mean: Floats) -> Signs:
    """The side of the mean a point is on: +1 above, −1 below, 0 exactly on it."""
    return np.sign(y - mean).astype(np.int8)


def close_to_limits(y: Floats, nlpl: Floats, nupl: Floats, outside: Bools) -> Bools:
    """A point not outside the limits but strictly beyond a near limit."""
    return ~outside & ((y < nlpl) | (y > nupl))


def shift(side: Signs, groups: Groups) -> Bools:
    """Every point of a run of 7 or more consecutive points strictly on the same side of the mean.
    A point on the mean breaks the run and counts for neither side; runs end at a rebase."""
    run = _run_lengths(side, groups.is_start)
    return (side != 0) & (run >= SHIFT_POINTS)


def trend(y: Floats, groups: Groups) -> tuple[Bools, Signs]:
    """Every point of a run of 7 or more consecutive points each strictly higher (or each strictly
    lower) than the one before; a repeated value breaks the run; runs end at a rebase.

    Returns the flags and each flagged point's trend direction (+1 rising, −1 falling): the
    direction of the trend step leaving the point, or if it has none, of the step arriving at it —
    so a peak or trough shared by two trends takes the direction of the following one."""
    step = np.zeros(len(y), dtype=np.int8)  # the step from each point to the next one in its group
    step[:-1] = np.sign(np.diff(y))
    step[groups.is_end] = 0
    steps = _run_lengths(step, groups.is_start)
    leaving = (step != 0) & (steps >= TREND_POINTS - 1)
    arriving = np.zeros_like(leaving)
    arriving[1:] = leaving[:-1]
    before = np.zeros_like(step)
    before[1:] = step[:-1]
    direction = np.where(leaving, step, np.where(arriving, before, 0)).astype(np.int8)
    return leaving | arriving, direction


def two_in_three(side: Signs, close: Bools, groups: Groups) -> Bools:
    """In any window of 3 consecutive points of a group, all strictly on the same side of the mean,
    with at least 2 of them close to the limits: those close points. (Points outside the limits are
    not close, so they don't count.)"""
    total = len(side)
    window = np.zeros(total, dtype=bool)  # window[i]: the window starting at point i qualifies
    if total >= 3:
        c = close.astype(np.int8)
        n_close = c[:-2] + c[1:-1] + c[2:]
        sides = side[:-2].astype(np.int16) + side[1:-1] + side[2:]
        fits = ~groups.is_end[:-2] & ~groups.is_end[1:-1]  # the window's 3 points share a group
        window[:-2] = fits & (n_close >= 2) & (np.abs(sides) == 3)
    in_window = window.copy()
    in_window[1:] |= window[:-1]
    in_window[2:] |= window[:-2]
    return close & in_window


def special_cause_rule(outside: Bools, in_trend: Bools, in_two_in_three: Bools, in_shift: Bools) -> Signs:
    """The rule a point is flagged by, when several apply: outside limits, then trend, then two in
    three, then shift (codes index `RULES`; 0 is none)."""
    return np.select(
        [outside, in_trend, in_two_in_three, in_shift],
        [RULE_OUTSIDE, RULE_TREND, RULE_TWO_IN_THREE, RULE_SHIFT],
        RULE_NONE,
    ).astype(np.int8)


def special_cause_direction(rule: Signs, side: Signs, trend_direction: Signs) -> Signs:
    """Which way a flagged point is special: a trend's direction, otherwise its side of the mean
    (+1 high, −1 low; 0 for common cause)."""
    return np.where(rule == RULE_TREND, trend_direction, np.where(rule == RULE_NONE, 0, side)).astype(np.int8)


def point_type(direction: Signs, improvement: Signs) -> Signs:
    """Common cause, or special cause improvement (its direction is the improvement direction) or
    concern (the opposite); for a neutral indicator, special cause neutral high or low (codes index
    `POINT_TYPES`)."""
    oriented = direction * improvement
    return np.select(
        [direction == 0, (improvement == 0) & (direction > 0), improvement == 0, oriented > 0],
        [COMMON, NEUTRAL_HIGH, NEUTRAL_LOW, IMPROVEMENT],
        CONCERN,
    ).astype(np.int8)


def variation_icon(latest_type: Signs, latest_direction: Signs) -> Signs:
    """A series' variation icon, from its latest point: common cause, improvement high/low, concern
    high/low or neutral high/low (codes index `VARIATION_ICONS`)."""
    high = latest_direction > 0
    return np.select(
        [
            latest_type == IMPROVEMENT,
            latest_type == CONCERN,
            latest_type == NEUTRAL_HIGH,
            latest_type == NEUTRAL_LOW,
        ],
        [np.where(high, 1, 2), np.where(high, 3, 4), 5, 6],
        0,
    ).astype(np.int8)


def assurance(target: Floats, lpl: Floats, upl: Floats, improvement: Signs) -> Signs:
    """Will the process meet its target? From the latest group's limits, strictly: a target beyond
    the favourable limit (below the lower limit when increase is better, above the upper one when
    decrease is better) is consistently passed; beyond the unfavourable limit, consistently failed;
    inside the limits or exactly on one, hit and miss ("inconsistent"). No target, or a neutral
    indicator: no assurance (codes index `ASSURANCES`)."""
    above = target > upl
    below = target < lpl
    rises = improvement > 0
    code = np.select(
        [above, below],
        [
            np.where(rises, CONSISTENT_FAIL, CONSISTENT_PASS),
            np.where(rises, CONSISTENT_PASS, CONSISTENT_FAIL),
        ],
        INCONSISTENT,
    )
    return np.where(np.isnan(target) | (improvement == 0), NO_ASSURANCE, code).astype(np.int8)


def trial_limits(groups: Groups) -> Bools:
    """A point's limits are trial limits when its baseline group has fewer than 13 points."""
    return groups.spread(groups.lengths < TRIAL_BELOW)


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One point of an analysed series, with the fields of `lscp spc`'s JSON."""

    x: Any
    y: float
    rebase_group: int
    mean: float
    lpl: float
    upl: float
    outside_limits: bool
    relative_to_mean: int
    close_to_limits: bool
    special_cause_rule: str | None
    point_type: str
    trial_limits: bool


@dataclass(frozen=True)
class SeriesResult:
    """One series analysed: its points and its variation and assurance icons."""

    points: tuple[Point, ...]
    variation_icon: str
    assurance: str | None
    improvement: str
    target: float | None

    @property
    def latest(self) -> Point:
        return self.points[-1]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `lscp spc` (keys in the issue's order)."""
        return {
            "points": [
                {
                    "x": _jsonable(p.x),
                    "y": p.y,
                    "rebase_group": p.rebase_group,
                    "mean": p.mean,
                    "lpl": p.lpl,
                    "upl": p.upl,
                    "outside_limits": p.outside_limits,
                    "relative_to_mean": p.relative_to_mean,
                    "close_to_limits": p.close_to_limits,
                    "special_cause_rule": p.special_cause_rule,
                    "point_type": p.point_type,
                    "trial_limits": p.trial_limits,
                }
                for p in self.points
            ],
            "variation_icon": self.variation_icon,
            "assurance": self.assurance,
        }


def _jsonable(x: Any) -> Any:
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, np.generic):
        return x.item()
    return x


@dataclass(frozen=True)
class BatchResult:
    """Many series analysed at once. Per-point arrays are flat: series i's points are
    `offsets[i]:offsets[i + 1]`. Codes index RULES, POINT_TYPES, VARIATION_ICONS and ASSURANCES."""

    offsets: Ints
    y: Floats
    rebase_group: Ints
    mean: Floats
    lpl: Floats
    upl: Floats
    outside_limits: Bools
    relative_to_mean: Signs
    close_to_limits: Bools
    rule: Signs
    direction: Signs
    point_type: Signs
    trial_limits: Bools
    variation_icon: Signs
    assurance: Signs
    improvement: Signs
    target: Floats

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def matrix(self, field: str) -> NDArray[Any]:
        """A per-point field as a 2-D array, one row per series (all series must be equally long)."""
        lengths = np.diff(self.offsets)
        if len(lengths) and (lengths != lengths[0]).any():
            raise SpcError("The series are not all the same length, so they don't make a matrix.")
        return getattr(self, field).reshape(len(self), -1)

    def series(self, i: int, x: Sequence[Any] | None = None) -> SeriesResult:
        """Series i as a `SeriesResult`; `x` labels its points (default: 0, 1, 2, ...)."""
        if not -len(self) <= i < len(self):
            raise IndexError(f"There is no series {i}: there are {len(self)}.")
        i %= len(self)
        a, b = int(self.offsets[i]), int(self.offsets[i + 1])
        labels = list(range(b - a)) if x is None else list(x)
        if len(labels) != b - a:
            raise SpcError(f"There are {len(labels)} x values for {b - a} points.")
        s = slice(a, b)
        columns = zip(
            labels,
            self.y[s].tolist(),
            self.rebase_group[s].tolist(),
            self.mean[s].tolist(),
            self.lpl[s].tolist(),
            self.upl[s].tolist(),
            self.outside_limits[s].tolist(),
            self.relative_to_mean[s].tolist(),
            self.close_to_limits[s].tolist(),
            self.rule[s].tolist(),
            self.point_type[s].tolist(),
            self.trial_limits[s].tolist(),
            strict=True,
        )
        points = tuple(
            Point(x_, y, g, m, lo, hi, out, side, close, RULES[r], POINT_TYPES[t], trial)
            for x_, y, g, m, lo, hi, out, side, close, r, t, trial in columns
        )
        improvement = {v: k for k, v in IMPROVEMENTS.items()}[int(self.improvement[i])]
        target = float(self.target[i])
        return SeriesResult(
            points=points,
            variation_icon=VARIATION_ICONS[int(self.variation_icon[i])],
            assurance=ASSURANCES[int(self.assurance[i])],
            improvement=improvement,
            target=None if math.isnan(target) else target,
        )


# --------------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------------


def _compute(
    y: Floats,
    offsets: Ints,
    rebase: Bools,
    improvement: Signs,
    target: Floats,
    fix_after: int | None,
    screen_outliers: bool,
) -> BatchResult:
    """All series at once. `y` holds every point end to end, series i at offsets[i]:offsets[i+1];
    `rebase[j]` is true where point j starts a new baseline; `improvement`/`target` are per series
    (NaN: no target). Inputs are already checked."""
    total = len(y)
    lengths = np.diff(offsets)
    series_start = np.zeros(total, dtype=bool)
    series_start[offsets[:-1]] = True
    groups = Groups.from_starts(series_start | rebase)

    mean_g = centre_line(y, groups, fix_after)
    mr, exists = moving_ranges(y, groups, fix_after)
    kept = screen_moving_ranges(mr, exists, groups) if screen_outliers else exists
    amr_g = mean_moving_range(mr, kept, groups)
    lpl_g, upl_g = process_limits(mean_g, amr_g)
    nlpl_g, nupl_g = near_limits(mean_g, amr_g)

    mean = groups.spread(mean_g)
    lpl, upl = groups.spread(lpl_g), groups.spread(upl_g)
    outside = outside_limits(y, lpl, upl)
    side = relative_to_mean(y, mean)
    close = close_to_limits(y, groups.spread(nlpl_g), groups.spread(nupl_g), outside)

    in_trend, trend_direction = trend(y, groups)
    rule = special_cause_rule(outside, in_trend, two_in_three(side, close, groups), shift(side, groups))
    direction = special_cause_direction(rule, side, trend_direction)
    types = point_type(direction, np.repeat(improvement, lengths))

    latest = offsets[1:] - 1
    first_group = groups.gid[offsets[:-1]]
    return BatchResult(
        offsets=offsets,
        y=y,
        rebase_group=groups.gid - np.repeat(first_group, lengths),
        mean=mean,
        lpl=lpl,
        upl=upl,
        outside_limits=outside,
        relative_to_mean=side,
        close_to_limits=close,
        rule=rule,
        direction=direction,
        point_type=types,
        trial_limits=trial_limits(groups),
        variation_icon=variation_icon(types[latest], direction[latest]),
        assurance=assurance(target, lpl[latest], upl[latest], improvement),
        improvement=improvement,
        target=target,
    )


# --------------------------------------------------------------------------------------------------
# Checking input
# --------------------------------------------------------------------------------------------------


def _where(series: int | None) -> str:
    return "" if series is None else f"Series {series}: "


def _is_number(v: Any) -> bool:
    """A real number (int, float, Decimal, NumPy number), not a bool or a string."""
    return not isinstance(v, bool | np.bool_) and isinstance(v, numbers.Real | decimal.Decimal)


def _values(values: Any, series: int | None = None) -> Floats:
    """A 1-D float array of finite numbers, or SpcError naming the first bad point."""
    prefix = _where(series)
    if isinstance(values, str | bytes) or values is None:
        raise SpcError(f"{prefix}the values must be a sequence of numbers.")
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        y = values.astype(np.float64, copy=False)
    else:
        items = list(values)
        for n, v in enumerate(items):
            if not _is_number(v):
                raise SpcError(f"{prefix}point {n} is {v!r}, which is not a number.")
        y = np.asarray(items, dtype=np.float64)
    if y.ndim != 1:
        raise SpcError(f"{prefix}the values must be one sequence of numbers, not a table.")
    bad = np.flatnonzero(~np.isfinite(y))
    if len(bad):
        raise SpcError(f"{prefix}point {bad[0]} has no value (it is {y[bad[0]]!r}): every point needs one.")
    if len(y) < MIN_POINTS:
        raise NotEnoughData(
            f"{prefix}{len(y)} point{'' if len(y) == 1 else 's'} is not enough data: SPC needs at least "
            f"{MIN_POINTS}."
        )
    return y


def _rebase_mask(rebase: Any, n: int, series: int | None = None) -> Bools:
    """Rebase given as point indices or as one boolean per point → a boolean mask."""
    prefix = _where(series)
    mask = np.zeros(n, dtype=bool)
    if rebase is None:
        return mask
    arr = np.asarray(rebase)
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise SpcError(f"{prefix}rebase has {arr.size} true/false values for {n} points.")
        mask[:] = arr
    else:
        try:
            items = list(rebase)
        except TypeError:
            raise SpcError(
                f"{prefix}rebase must list point numbers (or give true/false for every point), "
                f"not {rebase!r}."
            ) from None
        for v in items:
            if isinstance(v, bool | np.bool_) or not isinstance(v, numbers.Integral):
                raise SpcError(
                    f"{prefix}rebase must list point numbers (or give true/false for every point); "
                    f"{v!r} is neither."
                )
            if not 0 <= int(v) < n:
                raise SpcError(f"{prefix}there is no point {v} to rebase at: the points are 0 to {n - 1}.")
        mask[[int(v) for v in items]] = True
    if mask[0]:
        raise SpcError(
            f"{prefix}a rebase on the first point means nothing: the first point already starts the "
            "first baseline. Rebase where a new baseline starts."
        )
    starts = np.append(np.flatnonzero(mask), n)
    sizes = np.diff(np.concatenate(([0], starts)))
    if (sizes < MIN_POINTS).any():
        at = int(np.concatenate(([0], starts))[np.flatnonzero(sizes < MIN_POINTS)[0]])
        raise NotEnoughData(
            f"{prefix}the baseline starting at point {at} has only 1 point: each baseline needs at "
            f"least {MIN_POINTS} points for limits. Move or remove the rebase."
        )
    return mask


def _improvement(improvement: Any, series: int | None = None) -> int:
    if not isinstance(improvement, str) or improvement not in IMPROVEMENTS:
        raise SpcError(
            f"{_where(series)}the improvement direction must be increase, decrease or neutral, not "
            f"{improvement!r}."
        )
    return IMPROVEMENTS[improvement]


def _target(target: Any, direction: int, series: int | None = None) -> float:
    if target is None:
        return math.nan
    prefix = _where(series)
    if not _is_number(target):
        raise SpcError(f"{prefix}the target must be a number, not {target!r}.")
    target = float(target)
    if math.isnan(target):
        return math.nan
    if not math.isfinite(target):
        raise SpcError(f"{prefix}the target must be a finite number, not {target!r}.")
    if direction == 0:
        raise SpcError(
            f"{prefix}a neutral indicator has no target: neither direction is better, so there is "
            "nothing to assure. Remove the target or give the improvement direction."
        )
    return float(target)


def _fix_after(fix_after: Any) -> int | None:
    if fix_after is None:
        return None
    if (
        isinstance(fix_after, bool)
        or not isinstance(fix_after, numbers.Integral)
        or fix_after < MIN_FIX_AFTER
    ):
        raise SpcError(
            f"Limits can only be fixed after a whole number of points, at least {MIN_FIX_AFTER} "
            f"(not {fix_after!r})."
        )
    return int(fix_after)


def _per_series(option: Any, count: int, name: str) -> list[Any]:
    """One option value for every series, from a single value or a sequence of them."""
    if isinstance(option, str | bytes) or option is None or isinstance(option, numbers.Number):
        return [option] * count
    items = list(option)
    if len(items) != count:
        raise SpcError(f"{name} has {len(items)} values for {count} series.")
    return items


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def analyse_many(
    series: Any,
    *,
    improvement: str | Sequence[str] = "increase",
    target: float | None | Sequence[float | None] = None,
    rebase: Any = None,
    fix_after: int | None = None,
    screen_outliers: bool = True,
) -> BatchResult:
    """Analyse many series at once.

    `series`: a 2-D array of numbers (one row per series, all the same length), or a sequence of
    series of any lengths. `improvement` and `target`: one value for all, or one per series.
    `rebase`: for a 2-D array, a boolean array of the same shape (true on the first point of each
    new baseline); or one entry per series, each None, a list of point indices or one boolean per
    point. Raises SpcError (NotEnoughData for too few points) naming the series and point."""
    fix = _fix_after(fix_after)
    if isinstance(series, np.ndarray) and series.ndim == 2 and series.dtype.kind in "iuf":
        count, width = series.shape
        y = np.ascontiguousarray(series, dtype=np.float64).ravel()
        bad = np.flatnonzero(~np.isfinite(y))
        if len(bad):
            s, p = divmod(int(bad[0]), width)
            raise SpcError(
                f"Series {s}: point {p} has no value (it is {y[bad[0]]!r}): every point needs one."
            )
        if width < MIN_POINTS:
            raise NotEnoughData(f"Each series has {width} point(s): SPC needs at least {MIN_POINTS}.")
        offsets = np.arange(count + 1, dtype=np.int64) * width
        rebase_mask = _matrix_rebase(rebase, series.shape)
    else:
        if isinstance(series, str | bytes | np.ndarray) and not (
            isinstance(series, np.ndarray) and series.dtype == object
        ):
            raise SpcError("The series must be a 2-D array of numbers or a list of sequences of numbers.")
        rows = [_values(v, n) for n, v in enumerate(series)]
        count = len(rows)
        if count == 0:
            raise NotEnoughData("There are no series to analyse.")
        y = np.concatenate(rows)
        offsets = np.concatenate(([0], np.cumsum([len(r) for r in rows]))).astype(np.int64)
        if isinstance(rebase, np.ndarray) and rebase.dtype == bool and rebase.ndim == 1:
            raise SpcError("For a list of series, give rebase as one entry per series.")
        rebases = _per_series(rebase, count, "rebase") if rebase is not None else [None] * count
        rebase_mask = np.concatenate(
            [_rebase_mask(r, len(v), n) for n, (r, v) in enumerate(zip(rebases, rows, strict=True))]
        )
    directions = _improvements(improvement, count)
    return _compute(
        y, offsets, rebase_mask, directions, _targets(target, directions), fix, bool(screen_outliers)
    )


def _improvements(improvement: Any, count: int) -> Signs:
    """Improvement direction codes, one per series."""
    if isinstance(improvement, str):
        return np.full(count, _improvement(improvement), dtype=np.int8)
    items = _per_series(improvement, count, "improvement")
    return np.fromiter(
        (
            IMPROVEMENTS[v] if isinstance(v, str) and v in IMPROVEMENTS else _improvement(v, n)
            for n, v in enumerate(items)
        ),
        dtype=np.int8,
        count=count,
    )


def _targets(target: Any, directions: Signs) -> Floats:
    """Targets, one per series (NaN: none); none may be infinite or set for a neutral indicator."""
    count = len(directions)
    if isinstance(target, np.ndarray) and target.dtype.kind in "iuf":
        if target.shape != (count,):
            raise SpcError(f"target has {target.size} values for {count} series.")
        targets = target.astype(np.float64)
        if np.isinf(targets).any():
            n = int(np.flatnonzero(np.isinf(targets))[0])
            _target(targets[n], int(directions[n]), n)  # raises with the series
    else:
        items = _per_series(target, count, "target")
        targets = np.fromiter(
            (_target(t, int(directions[n]) or 1, n) for n, t in enumerate(items)),
            dtype=np.float64,
            count=count,
        )
    neutral = np.flatnonzero((directions == 0) & ~np.isnan(targets))
    if len(neutral):
        n = int(neutral[0])
        _target(targets[n], 0, n)  # raises: a neutral indicator has no target
    return targets


def _matrix_rebase(rebase: Any, shape: tuple[int, int]) -> Bools:
    count, width = shape
    if rebase is None:
        return np.zeros(count * width, dtype=bool)
    if isinstance(rebase, np.ndarray) and rebase.dtype == bool and rebase.ndim == 2:
        if rebase.shape != shape:
            raise SpcError(f"rebase is {rebase.shape[0]}×{rebase.shape[1]} for {count}×{width} values.")
        if rebase[:, 0].any():
            s = int(np.flatnonzero(rebase[:, 0])[0])
            raise SpcError(
                f"Series {s}: a rebase on the first point means nothing: the first point already starts "
                "the first baseline. Rebase where a new baseline starts."
            )
        # Every baseline needs 2 points: no two rebases side by side, none on the last point.
        single = rebase[:, -1] | (rebase[:, 1:-1] & rebase[:, 2:]).any(axis=1) | rebase[:, 1]
        if single.any():
            s = int(np.flatnonzero(single)[0])
            _rebase_mask(rebase[s], width, s)  # raises with the exact point
        return np.ascontiguousarray(rebase).ravel()
    items = _per_series(rebase, count, "rebase")
    return np.concatenate([_rebase_mask(r, width, n) for n, r in enumerate(items)])


def analyse(
    values: Any,
    *,
    improvement: str = "increase",
    target: float | None = None,
    rebase: Any = None,
    fix_after: int | None = None,
    screen_outliers: bool = True,
    x: Sequence[Any] | None = None,
) -> SeriesResult:
    """Analyse one series of values, oldest first.

    `rebase`: point indices (0-based) where a new baseline starts, or one boolean per point.
    `fix_after`: fix each baseline's limits on its first N points (N ≥ 12). `x`: labels for the
    points (default 0, 1, 2, ...). Raises SpcError (NotEnoughData for too few points)."""
    fix = _fix_after(fix_after)
    y = _values(values)
    if x is not None and len(x) != len(y):
        raise SpcError(f"There are {len(x)} x values for {len(y)} points.")
    direction = _improvement(improvement)
    batch = _compute(
        y,
        np.array([0, len(y)], dtype=np.int64),
        _rebase_mask(rebase, len(y)),
        np.array([direction], dtype=np.int8),
        np.array([_target(target, direction)], dtype=np.float64),
        fix,
        bool(screen_outliers),
    )
    return batch.series(0, x)
