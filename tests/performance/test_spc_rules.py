"""Each Making Data Count rule on its own, with its edge cases (lscp.performance.spc).

Small series are built so that their figures are exact in binary floating point (integers, halves),
so "exactly on the mean" and "exactly on a limit" really are exact.
"""

import decimal

import numpy as np
import pytest

from lscp.performance import spc
from lscp.performance.spc import Groups, NotEnoughData, SpcError, analyse, analyse_many


def groups(n: int, rebase: tuple[int, ...] = ()) -> Groups:
    is_start = np.zeros(n, dtype=bool)
    is_start[0] = True
    is_start[list(rebase)] = True
    return Groups.from_starts(is_start)


def arr(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)


def signs(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int8)


def flagged(mask) -> list[int]:
    return [int(i) for i in np.flatnonzero(mask)]


def rules(result) -> list[str | None]:
    return [p.special_cause_rule for p in result.points]


def types(result) -> list[str]:
    return [p.point_type for p in result.points]


def alternating(n: int, low: float = 9, high: float = 11) -> list[float]:
    """low, high, low, ...: mean (low + high) / 2 for an even n, every moving range high - low."""
    return [low if i % 2 == 0 else high for i in range(n)]


# ---- mean ------------------------------------------------------------------------------------------


def test_mean_is_the_mean_of_each_baseline_group():
    y = arr(1, 2, 3, 10, 20)
    assert spc.centre_line(y, groups(5)).tolist() == [7.2]
    assert spc.centre_line(y, groups(5, rebase=(3,))).tolist() == [2, 15]


def test_fixed_limits_use_only_the_first_n_points_of_each_group():
    y = arr(*range(1, 16), 100, 200)  # 1..15, then two far-off points
    assert spc.centre_line(y, groups(17), fix_after=12).tolist() == [6.5]  # mean of 1..12
    # Each group is fixed on its own first 12; a group shorter than 12 uses all of its points.
    assert spc.centre_line(y, groups(17, rebase=(14,)), fix_after=12).tolist() == [6.5, 105]


def test_fixed_limits_ignore_later_points_entirely():
    base = alternating(12)
    free = analyse(base + [50, 60, 70], fix_after=12)
    also = analyse(base + [-5, 0, 3], fix_after=12)
    assert free.points[0].mean == also.points[0].mean == 10
    assert free.points[0].upl == also.points[0].upl == 10 + 2.66 * 2
    assert analyse(base + [50, 60, 70]).points[0].mean != 10


# ---- moving ranges and screening ------------------------------------------------------------------


def test_moving_ranges_never_cross_a_rebase():
    y = arr(1, 4, 2, 100, 97)
    mr, exists = spc.moving_ranges(y, groups(5, rebase=(3,)))
    assert flagged(exists) == [1, 2, 4]  # each group's first point has none
    assert mr[exists].tolist() == [3, 2, 3]


def test_fixed_limits_take_moving_ranges_among_the_first_n_only():
    y = arr(*alternating(12), 50, 60)
    mr, exists = spc.moving_ranges(y, groups(14), fix_after=12)
    assert flagged(exists) == list(range(1, 12))
    assert analyse(list(y), fix_after=12).points[0].upl == 10 + 2.66 * 2


# A moving range exactly 3.267 × the mean moving range (found by search: with MRs 1, 1, 1, 1, F the
# mean is (4 + F) / 5 and 3.267 × that is exactly F in binary floating point).
F = 7.54068090017311


def test_a_moving_range_not_strictly_below_the_screening_limit_is_dropped():
    y = [0, 1, 0, 1, 0, F]  # moving ranges 1, 1, 1, 1, F
    assert 3.267 * ((4 + F) / 5) == F
    screened = analyse(y).points[0]
    mean = sum(y) / 6
    assert screened.upl == mean + 2.66 * 1.0  # F dropped: mean of 1, 1, 1, 1
    unscreened = analyse(y, screen_outliers=False).points[0]
    assert unscreened.upl == mean + 2.66 * ((4 + F) / 5)


def test_a_moving_range_just_below_the_screening_limit_is_kept():
    g = F - 1e-9
    y = [0, 1, 0, 1, 0, g]
    mean = sum(y) / 6
    assert analyse(y).points[0].upl == pytest.approx(mean + 2.66 * ((4 + g) / 5), abs=1e-12)


def test_screening_is_done_once_not_repeated():
    # MRs 1 ×8, 6, 20: mean 3.4, limit 11.1: 20 dropped. Mean of the rest is 14 / 9 = 1.56, whose
    # limit (5.08) would also drop the 6 if screening were repeated; it is not.
    y = [0, 1, 0, 1, 0, 1, 0, 1, 0, 6, 26]
    mr = [1] * 8 + [6, 20]
    assert sum(mr) / 10 == 3.4
    p = analyse(y).points[0]
    assert p.upl == pytest.approx(p.mean + 2.66 * (14 / 9))


def test_constant_values_have_limits_on_the_mean():
    # Every moving range is 0: screening keeps the mean MR at 0 (NHSRplotthedots would give NaN).
    r = analyse([5, 5, 5, 5, 5])
    assert [(p.mean, p.lpl, p.upl) for p in r.points] == [(5, 5, 5)] * 5
    assert rules(r) == [None] * 5 and r.variation_icon == "common_cause"
    assert analyse([5, 5, 5, 5], target=4).assurance == "consistent_pass"
    assert analyse([5, 5, 5, 5], target=5).assurance == "inconsistent"


# ---- limits, sides, closeness --------------------------------------------------------------------


def test_process_and_near_limits():
    lpl, upl = spc.process_limits(arr(10), arr(3))
    assert (lpl.tolist(), upl.tolist()) == ([10 - 2.66 * 3], [10 + 2.66 * 3])
    nlpl, nupl = spc.near_limits(arr(10), arr(3))
    assert (nlpl.tolist(), nupl.tolist()) == ([10 - (2 * 2.66 / 3) * 3], [10 + (2 * 2.66 / 3) * 3])
    # Symmetric about the mean.
    assert upl[0] - 10 == pytest.approx(10 - lpl[0]) and nupl[0] - 10 == pytest.approx(10 - nlpl[0])


def test_outside_limits_is_strictly_beyond():
    lpl, upl = arr(4, 4, 4, 4, 4), arr(16, 16, 16, 16, 16)
    y = arr(3.999, 4, 10, 16, 16.001)
    assert spc.outside_limits(y, lpl, upl).tolist() == [True, False, False, False, True]


def test_a_point_exactly_on_a_fixed_limit_is_inside():
    base = alternating(12)
    upl = analyse(base, fix_after=12).points[0].upl
    on = analyse([*base, upl], fix_after=12).points[-1]
    assert on.y == on.upl and not on.outside_limits and on.close_to_limits
    beyond = analyse([*base, np.nextafter(upl, np.inf)], fix_after=12).points[-1]
    assert beyond.outside_limits and beyond.special_cause_rule == "outside_limits"


def test_relative_to_mean_is_zero_on_the_mean():
    assert spc.relative_to_mean(arr(1, 2, 3), arr(2, 2, 2)).tolist() == [-1, 0, 1]
    r = analyse([9, 11, 10, 9, 11])  # mean 10
    assert [p.relative_to_mean for p in r.points] == [-1, 1, 0, -1, 1]


def test_close_to_limits_is_beyond_a_near_limit_but_not_outside():
    nlpl, nupl = arr(6, 6, 6, 6, 6, 6), arr(14, 14, 14, 14, 14, 14)
    y = arr(5, 6, 10, 14, 15, 20)
    outside = arr(2, 2, 2, 2, 2, 2) > 0  # pretend: only the last is outside
    outside[:] = [False, False, False, False, False, True]
    assert spc.close_to_limits(y, nlpl, nupl, outside).tolist() == [True, False, False, False, True, False]


# ---- shift -----------------------------------------------------------------------------------------


def test_shift_needs_seven_points_on_one_side():
    assert flagged(spc.shift(signs(1, 1, 1, 1, 1, 1), groups(6))) == []
    assert flagged(spc.shift(signs(1, 1, 1, 1, 1, 1, -1), groups(7))) == []
    assert flagged(spc.shift(signs(-1, 1, 1, 1, 1, 1, 1, 1, 1, -1), groups(10))) == list(range(1, 9))
    assert flagged(spc.shift(signs(1, -1, -1, -1, -1, -1, -1, -1, -1, 1), groups(10))) == list(range(1, 9))


def test_a_point_on_the_mean_breaks_a_shift_and_counts_for_neither_side():
    assert flagged(spc.shift(signs(1, 1, 1, 0, 1, 1, 1, 1), groups(8))) == []
    assert flagged(spc.shift(signs(0, 0, 0, 0, 0, 0, 0), groups(7))) == []  # 7 on the mean: no shift
    assert flagged(spc.shift(signs(0, 1, 1, 1, 1, 1, 1, 1), groups(8))) == list(range(1, 8))


def test_a_shift_does_not_cross_a_rebase():
    side = signs(1, 1, 1, 1, 1, 1, 1, 1)
    assert flagged(spc.shift(side, groups(8, rebase=(4,)))) == []
    assert flagged(spc.shift(side, groups(8))) == list(range(8))


def test_shift_through_analyse():
    # 10 points alternating 10/12, then 12, 13, 12, 13, 12, 13, 12: the mean is 197 / 17 ≈ 11.59, so
    # the 12 at index 9 and the seven after it are 8 points above it.
    y = alternating(10, 10, 12) + [12, 13, 12, 13, 12, 13, 12]
    r = analyse(y)
    assert rules(r) == [None] * 9 + ["shift"] * 8
    assert types(r)[9:] == ["special_cause_improvement"] * 8
    assert analyse(y, improvement="decrease").points[-1].point_type == "special_cause_concern"


# ---- trend -----------------------------------------------------------------------------------------


def test_trend_needs_seven_points_each_strictly_beyond_the_last():
    flags, _ = spc.trend(arr(1, 2, 3, 4, 5, 6), groups(6))
    assert flagged(flags) == []
    flags, direction = spc.trend(arr(1, 2, 3, 4, 5, 6, 7), groups(7))
    assert flagged(flags) == list(range(7)) and set(direction.tolist()) == {1}
    flags, direction = spc.trend(arr(7, 6, 5, 4, 3, 2, 1), groups(7))
    assert flagged(flags) == list(range(7)) and set(direction.tolist()) == {-1}


def test_a_repeat_breaks_a_trend():
    flags, _ = spc.trend(arr(1, 2, 3, 3, 4, 5, 6), groups(7))
    assert flagged(flags) == []
    flags, _ = spc.trend(arr(1, 2, 3, 4, 5, 6, 6, 7), groups(8))
    assert flagged(flags) == []


def test_trend_flags_only_the_run():
    # NHSRplotthedots' own case: c(2, 1:7, 3) is a trend of points 2..8 (R's numbering).
    flags, direction = spc.trend(arr(2, 1, 2, 3, 4, 5, 6, 7, 3), groups(9))
    assert flagged(flags) == list(range(1, 8))
    assert direction[1:8].tolist() == [1] * 7 and direction[[0, 8]].tolist() == [0, 0]
    flags, direction = spc.trend(arr(2, 7, 6, 5, 4, 3, 2, 1, 3), groups(9))
    assert flagged(flags) == list(range(1, 8)) and direction[1:8].tolist() == [-1] * 7


def test_a_peak_shared_by_two_trends_takes_the_following_direction():
    y = arr(1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1)
    flags, direction = spc.trend(y, groups(13))
    assert flagged(flags) == list(range(13))
    assert direction.tolist() == [1] * 6 + [-1] * 7  # the peak (index 6) falls with what follows
    y = arr(7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7)
    _, direction = spc.trend(y, groups(13))
    assert direction.tolist() == [-1] * 6 + [1] * 7  # the trough rises with what follows


def test_a_point_before_a_repeat_keeps_its_own_trend_direction():
    # 1..7, 7, 6..1: two trends that share no point (the repeat breaks them). The first 7 is the
    # top of the rising trend only. (NHSRplotthedots labels it falling: see the module docstring.)
    y = arr(1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1)
    flags, direction = spc.trend(y, groups(14))
    assert flagged(flags) == list(range(14))
    assert direction.tolist() == [1] * 7 + [-1] * 7


def test_a_trend_does_not_cross_a_rebase():
    y = arr(1, 2, 3, 4, 5, 6, 7, 8)
    flags, _ = spc.trend(y, groups(8, rebase=(4,)))
    assert flagged(flags) == []
    flags, _ = spc.trend(y, groups(8, rebase=(7,)))  # 7 points rising remain before the rebase
    assert flagged(flags) == list(range(7))


def test_a_rising_trend_below_the_mean_is_an_improvement_when_increase_is_better():
    # 12 points at 50 and 60 alternately, then a rise 20..26 (all below the mean): the trend is
    # rising, so it is improvement for "increase" and concern for "decrease" whatever its side.
    y = alternating(12, 50, 60) + [20, 21, 22, 23, 24, 25, 26]
    r = analyse(y, fix_after=12)
    assert all(p.relative_to_mean == -1 for p in r.points[12:])
    assert [p.outside_limits for p in r.points[12:]] == [True] * 7  # far below the fixed limits
    # Inside the limits: fixed on 20/30 (mean 25, limits 25 ± 26.6), a rise from 22 to 24.9375 is a
    # trend (and 7 below the mean, a shift, which the trend outranks).
    rise = [22, 23, 24, 24.5, 24.75, 24.875, 24.9375]
    r = analyse(alternating(12, 20, 30) + rise, fix_after=12)
    assert rules(r)[12:] == ["trend"] * 7
    assert all(p.relative_to_mean == -1 and not p.outside_limits for p in r.points[12:])
    assert types(r)[12:] == ["special_cause_improvement"] * 7
    r = analyse(alternating(12, 20, 30) + rise, fix_after=12, improvement="decrease")
    assert types(r)[12:] == ["special_cause_concern"] * 7


# ---- two in three ----------------------------------------------------------------------------------


def test_two_in_three_flags_the_close_points():
    close = np.array([0, 0, 1, 0, 1, 0, 0], dtype=bool)
    assert flagged(spc.two_in_three(signs(1, 1, 1, 1, 1, 1, 1), close, groups(7))) == [2, 4]
    close = np.array([0, 0, 1, 1, 0, 0, 0], dtype=bool)
    assert flagged(spc.two_in_three(signs(1, 1, 1, 1, 1, 1, 1), close, groups(7))) == [2, 3]
    # 1, 0, 0, 1: no window of three holds two close points.
    close = np.array([1, 0, 0, 1], dtype=bool)
    assert flagged(spc.two_in_three(signs(1, 1, 1, 1), close, groups(4))) == []
    close = np.array([1, 0, 0, 1, 1], dtype=bool)
    assert flagged(spc.two_in_three(signs(1, 1, 1, 1, 1), close, groups(5))) == [3, 4]


def test_two_in_three_needs_all_three_strictly_on_one_side():
    close = np.array([1, 0, 1], dtype=bool)
    assert flagged(spc.two_in_three(signs(1, -1, 1), close, groups(3))) == []
    assert flagged(spc.two_in_three(signs(1, 0, 1), close, groups(3))) == []  # the middle one on the mean
    assert flagged(spc.two_in_three(signs(-1, -1, -1), close, groups(3))) == [0, 2]
    # Close points on opposite sides of the mean never make a window (NHSRplotthedots issue #143).
    close = np.array([0, 0, 1, 1, 0, 0, 0], dtype=bool)
    assert flagged(spc.two_in_three(signs(-1, 1, -1, 1, -1, 1, -1), close, groups(7))) == []


def test_a_two_in_three_window_does_not_cross_a_rebase():
    close = np.array([0, 1, 1, 0], dtype=bool)
    side = signs(1, 1, 1, 1)
    assert flagged(spc.two_in_three(side, close, groups(4, rebase=(2,)))) == []
    assert flagged(spc.two_in_three(side, close, groups(4))) == [1, 2]


def test_points_outside_the_limits_do_not_count_as_close():
    # Alternating 9/11 (mean 10, MR 2: limits 4.68..15.32, near limits 6.45..13.55), fixed after
    # 12; then 14 (close), 16 (outside), 10: one close point only, so no two-in-three.
    base = alternating(12)
    r = analyse([*base, 14, 16, 10], fix_after=12)
    assert [(p.close_to_limits, p.outside_limits) for p in r.points[12:]] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    assert rules(r)[12:] == [None, "outside_limits", None]
    # 14, 12, 14: all three above the mean, two close: both close points are flagged.
    r = analyse([*base, 14, 12, 14], fix_after=12)
    assert rules(r)[12:] == ["two_in_three", None, "two_in_three"]


def test_two_in_three_in_a_window_crossing_the_mean():
    base = alternating(12)
    r = analyse([*base, 14, 9, 14], fix_after=12)  # the middle point is below the mean
    assert rules(r)[12:] == [None, None, None]
    r = analyse([*base, 14, 10, 14], fix_after=12)  # on the mean: not strictly on one side
    assert r.points[13].relative_to_mean == 0 and rules(r)[12:] == [None, None, None]
    r = analyse([*base, -14 + 20, 11, -14 + 20], fix_after=12)  # 6, 11, 6: close below, then above
    assert rules(r)[12:] == [None, None, None]


# ---- precedence, point types, icons -----------------------------------------------------------------


def test_precedence_outside_then_trend_then_two_in_three_then_shift():
    outside = np.array([1, 0, 0, 0, 0], dtype=bool)
    trend = np.array([1, 1, 0, 0, 0], dtype=bool)
    two = np.array([1, 1, 1, 0, 0], dtype=bool)
    shift = np.array([1, 1, 1, 1, 0], dtype=bool)
    codes = spc.special_cause_rule(outside, trend, two, shift)
    assert [spc.RULES[c] for c in codes] == ["outside_limits", "trend", "two_in_three", "shift", None]


def test_precedence_in_a_series():
    # Fixed on alternating 9/11 (limits 4.68..15.32, near 6.45..13.55); the 12th point is 11; then
    # 11..17 rising: a trend of 7 (the repeated 11 starts it), and with the 12th point 8 above the
    # mean (a shift); 14 and 15 are close, 16 and 17 outside.
    r = analyse([*alternating(12), 11, 12, 13, 14, 15, 16, 17], fix_after=12)
    assert rules(r)[11:] == ["shift"] + ["trend"] * 5 + ["outside_limits"] * 2
    # Without the trend (a repeat), the close pair is two-in-three and the rest is shift.
    r = analyse([*alternating(12), 11, 12, 12, 14, 15, 12, 11], fix_after=12)
    assert rules(r)[12:] == ["shift", "shift", "shift", "two_in_three", "two_in_three", "shift", "shift"]


def test_point_types_by_improvement_direction():
    direction = signs(1, -1, 0, 1, -1, 0, 1, -1, 0)
    improvement = signs(1, 1, 1, -1, -1, -1, 0, 0, 0)
    assert [spc.POINT_TYPES[t] for t in spc.point_type(direction, improvement)] == [
        "special_cause_improvement",
        "special_cause_concern",
        "common_cause",
        "special_cause_concern",
        "special_cause_improvement",
        "common_cause",
        "special_cause_neutral_high",
        "special_cause_neutral_low",
        "common_cause",
    ]


def test_neutral_indicators_are_high_or_low():
    base = alternating(12)
    r = analyse([*base, 20, -5], improvement="neutral", fix_after=12)
    assert types(r)[12:] == ["special_cause_neutral_high", "special_cause_neutral_low"]
    assert r.variation_icon == "neutral_low" and r.assurance is None
    assert analyse([*base, -5, 20], improvement="neutral", fix_after=12).variation_icon == "neutral_high"


def test_variation_icon_is_from_the_latest_point():
    base = alternating(12)
    assert analyse([*base, 20], fix_after=12).variation_icon == "improvement_high"
    assert analyse([*base, 0], fix_after=12).variation_icon == "concern_low"
    assert analyse([*base, 20], fix_after=12, improvement="decrease").variation_icon == "concern_high"
    assert analyse([*base, 0], fix_after=12, improvement="decrease").variation_icon == "improvement_low"
    # A special cause earlier on, common cause now: the icon says common cause.
    assert analyse([*base, 20, 10], fix_after=12).variation_icon == "common_cause"


def test_variation_icon_codes_directly():
    latest_type = signs(spc.COMMON, spc.IMPROVEMENT, spc.IMPROVEMENT, spc.CONCERN, spc.CONCERN)
    latest_direction = signs(0, 1, -1, 1, -1)
    names = [spc.VARIATION_ICONS[c] for c in spc.variation_icon(latest_type, latest_direction)]
    assert names == ["common_cause", "improvement_high", "improvement_low", "concern_high", "concern_low"]


# ---- assurance ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("improvement", "target", "expected"),
    [
        ("increase", 3, "consistent_pass"),  # below the lower limit (4.68)
        ("increase", 17, "consistent_fail"),  # above the upper limit (15.32)
        ("increase", 10, "inconsistent"),
        ("decrease", 3, "consistent_fail"),
        ("decrease", 17, "consistent_pass"),
        ("decrease", 10, "inconsistent"),
    ],
)
def test_assurance(improvement, target, expected):
    assert analyse(alternating(14), improvement=improvement, target=target).assurance == expected


def test_assurance_with_the_target_exactly_on_a_limit_is_inconsistent():
    r = analyse(alternating(14))
    lpl, upl = r.latest.lpl, r.latest.upl
    assert analyse(alternating(14), target=lpl).assurance == "inconsistent"
    assert analyse(alternating(14), target=upl).assurance == "inconsistent"
    assert analyse(alternating(14), target=np.nextafter(lpl, -np.inf)).assurance == "consistent_pass"
    assert analyse(alternating(14), target=np.nextafter(upl, np.inf)).assurance == "consistent_fail"
    codes = spc.assurance(arr(4, 16, 4, 16), arr(4, 4, 4, 4), arr(16, 16, 16, 16), signs(1, 1, -1, -1))
    assert [spc.ASSURANCES[c] for c in codes] == ["inconsistent"] * 4


def test_assurance_uses_the_latest_baseline():
    # Old baseline around 10 (limits ~4.7..15.3), new baseline around 30 (limits ~24.7..35.3).
    y = alternating(14) + alternating(14, 29, 31)
    r = analyse(y, target=20, rebase=[14])
    assert r.assurance == "consistent_pass"
    assert analyse(y, target=20).assurance == "inconsistent"  # one baseline: 20 is inside


def test_no_target_no_assurance():
    assert analyse(alternating(14)).assurance is None
    assert analyse(alternating(14), improvement="neutral").assurance is None


# ---- trial limits and rebases ----------------------------------------------------------------------


def test_fewer_than_13_points_in_a_group_are_trial_limits():
    assert {p.trial_limits for p in analyse(alternating(12)).points} == {True}
    assert {p.trial_limits for p in analyse(alternating(13)).points} == {False}
    r = analyse(alternating(13) + alternating(12), rebase=[13])
    assert [p.trial_limits for p in r.points] == [False] * 13 + [True] * 12
    assert [p.rebase_group for p in r.points] == [0] * 13 + [1] * 12


def test_rebase_as_indices_or_booleans():
    y = alternating(20)
    mask = [False] * 20
    mask[8] = mask[14] = True
    by_index, by_mask = analyse(y, rebase=[8, 14]), analyse(y, rebase=mask)
    assert by_index == by_mask
    assert [p.rebase_group for p in by_index.points] == [0] * 8 + [1] * 6 + [2] * 6


def test_each_baseline_has_its_own_limits():
    y = alternating(14) + alternating(14, 28, 32)
    r = analyse(y, rebase=[14])
    assert (r.points[0].mean, r.points[14].mean) == (10, 30)
    assert r.points[14].upl == 30 + 2.66 * 4  # the jump 11 → 28 is no moving range of either
    assert rules(r) == [None] * 28


# ---- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([1, "2", 3], "point 1 is '2', which is not a number"),
        ([1, None, 3], "point 1 is None"),
        ([1, True, 3], "point 1 is True"),
        ([1, float("nan"), 3], "point 1 has no value"),
        ([1, 2, float("inf")], "point 2 has no value"),
        ("123", "sequence of numbers"),
        (None, "sequence of numbers"),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), "not a table"),
    ],
)
def test_bad_values_are_refused_with_the_point(values, message):
    with pytest.raises(SpcError, match=message):
        analyse(values)


@pytest.mark.parametrize("values", [[], [5], np.array([5.0])])
def test_fewer_than_two_points_is_not_enough_data(values):
    with pytest.raises(NotEnoughData, match="not enough data"):
        analyse(values)


def test_decimals_and_numpy_numbers_are_numbers():
    r = analyse([decimal.Decimal("1.5"), np.float32(2.5), np.int64(3), 4])
    assert [p.y for p in r.points] == [1.5, 2.5, 3.0, 4.0]


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"rebase": [0]}, SpcError, "rebase on the first point"),
        ({"rebase": [True] + [False] * 9}, SpcError, "rebase on the first point"),
        ({"rebase": [9]}, NotEnoughData, "starting at point 9 has only 1 point"),
        ({"rebase": [4, 5]}, NotEnoughData, "starting at point 4 has only 1 point"),
        ({"rebase": [10]}, SpcError, "no point 10"),
        ({"rebase": [2.5]}, SpcError, "2.5 is neither"),
        ({"rebase": 3}, SpcError, "must list point numbers"),
        ({"rebase": [False] * 9}, SpcError, "9 true/false values for 10 points"),
        ({"improvement": "neutral", "target": 5}, SpcError, "neutral indicator has no target"),
        ({"improvement": "up"}, SpcError, "increase, decrease or neutral"),
        ({"target": "5"}, SpcError, "target must be a number"),
        ({"target": float("inf")}, SpcError, "finite"),
        ({"fix_after": 11}, SpcError, "at least 12"),
        ({"fix_after": 12.5}, SpcError, "at least 12"),
        ({"fix_after": True}, SpcError, "at least 12"),
        ({"x": [1, 2, 3]}, SpcError, "3 x values for 10 points"),
    ],
)
def test_bad_options_are_refused(options, error, message):
    with pytest.raises(error, match=message):
        analyse(alternating(10), **options)


def test_errors_are_value_errors_for_people():
    assert issubclass(SpcError, ValueError) and issubclass(NotEnoughData, SpcError)


def test_a_nan_target_means_no_target():
    assert analyse(alternating(10), target=float("nan")).assurance is None


# ---- the batch API -----------------------------------------------------------------------------------


def test_batch_errors_name_the_series():
    with pytest.raises(SpcError, match="Series 1: point 2 has no value"):
        analyse_many(np.array([[1.0, 2.0, 3.0], [1.0, 2.0, np.nan]]))
    with pytest.raises(SpcError, match="Series 1: point 0 is 'x'"):
        analyse_many([[1, 2], ["x", 2]])
    with pytest.raises(NotEnoughData, match="Series 2: 1 point is not enough data"):
        analyse_many([[1, 2], [1, 2, 3], [1]])
    with pytest.raises(SpcError, match="Series 1: a neutral indicator has no target"):
        analyse_many([[1, 2], [1, 2]], improvement=["increase", "neutral"], target=[1, 2])
    with pytest.raises(SpcError, match="Series 1: a neutral indicator has no target"):
        analyse_many(np.ones((2, 3)), improvement=["increase", "neutral"], target=np.array([1.0, 2.0]))
    with pytest.raises(SpcError, match="Series 0: a rebase on the first point"):
        rebase = np.zeros((2, 4), dtype=bool)
        rebase[0, 0] = True
        analyse_many(np.ones((2, 4)), rebase=rebase)
    with pytest.raises(NotEnoughData, match="Series 1: the baseline starting at point 3 has only 1 point"):
        rebase = np.zeros((2, 4), dtype=bool)
        rebase[1, 3] = True
        analyse_many(np.ones((2, 4)), rebase=rebase)
    with pytest.raises(SpcError, match="improvement has 1 values for 2 series"):
        analyse_many([[1, 2], [1, 2]], improvement=["increase"])


def test_batch_of_a_matrix_and_of_a_list_agree():
    rng = np.random.default_rng(5)
    values = rng.normal(50, 5, (6, 30)).round(1)
    rebase = np.zeros((6, 30), dtype=bool)
    rebase[[1, 4], [10, 20]] = True
    improvements = ["increase", "decrease", "neutral", "increase", "decrease", "neutral"]
    targets = [45.0, 55.0, None, None, 50.0, None]
    matrix = analyse_many(values, rebase=rebase, improvement=improvements, target=targets)
    listed = analyse_many(
        [list(v) for v in values], rebase=[list(r) for r in rebase], improvement=improvements, target=targets
    )
    for i in range(6):
        single = analyse(values[i], rebase=rebase[i], improvement=improvements[i], target=targets[i])
        assert matrix.series(i) == listed.series(i) == single
    assert matrix.matrix("mean").shape == (6, 30)


def test_batch_series_of_different_lengths():
    result = analyse_many([[1, 2, 3], alternating(20), [5, 5]])
    assert len(result) == 3 and [len(result.series(i).points) for i in range(3)] == [3, 20, 2]
    with pytest.raises(SpcError, match="not all the same length"):
        result.matrix("mean")
    with pytest.raises(IndexError):
        result.series(3)
