"""Whole series with known answers: NHSRplotthedots' published test expectations, reproduced, and
series worked by hand (the working is in the comments)."""

import pytest

from lscp.performance.spc import analyse, analyse_many

# R: set.seed(123); rnorm(20) — the data of NHSRplotthedots' tests for ptd_spc_standard and
# ptd_spc (tests/testthat/test-ptd_spc_standard.R, test-ptd_spc.R), printed to 8 decimals by R.
RNORM_123 = [
    -0.56047565,
    -0.23017749,
    1.55870831,
    0.07050839,
    0.12928774,
    1.71506499,
    0.46091621,
    -1.26506123,
    -0.68685285,
    -0.44566197,
    1.22408180,
    0.35981383,
    0.40077145,
    0.11068272,
    -0.55584113,
    1.78691314,
    0.49785048,
    -1.96661716,
    0.70135590,
    -0.47279141,
]


def limits(result, point=0):
    p = result.points[point]
    return p.mean, p.lpl, p.upl


def test_nhsrplotthedots_snapshot_r1():
    # _snaps/ptd_spc_standard.md, r1: mean_col 0.1416238, lpl -3.01138, upl 3.294627, and the
    # relative_to_mean column -1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1, ...
    r = analyse(RNORM_123)
    mean, lpl, upl = limits(r)
    assert mean == pytest.approx(0.1416238, abs=5e-8)
    assert lpl == pytest.approx(-3.01138, abs=5e-6)
    assert upl == pytest.approx(3.294627, abs=5e-7)
    assert [p.relative_to_mean for p in r.points][:15] == [
        -1,
        -1,
        1,
        -1,
        -1,
        1,
        1,
        -1,
        -1,
        -1,
        1,
        1,
        1,
        -1,
        -1,
    ]
    assert not any(p.outside_limits for p in r.points)
    # The snapshot prints only the first close_to_limits values (all FALSE); by hand, the near lower
    # limit is 0.1416 − 1.7733 × 1.1853 = −1.960, so only −1.967 (the 18th point) is close: alone.
    assert [i for i, p in enumerate(r.points) if p.close_to_limits] == [17]
    # _snaps/ptd_spc.md: n 20, common_cause 20, no special cause; variation type common cause.
    assert {p.point_type for p in r.points} == {"common_cause"}
    assert r.variation_icon == "common_cause"


def test_nhsrplotthedots_snapshot_r2_and_r3_outlier_screening():
    # The same data with y[15] (R's numbering) set to 10: with screening, mean 0.6694159, lpl
    # -2.383666, upl 3.722497; without screening, lpl -4.596625, upl 5.935457.
    y = list(RNORM_123)
    y[14] = 10
    screened = analyse(y)
    assert limits(screened) == pytest.approx((0.6694159, -2.383666, 3.722497), abs=5e-7)
    assert [p.relative_to_mean for p in screened.points][:14] == [
        -1,
        -1,
        1,
        -1,
        -1,
        1,
        -1,
        -1,
        -1,
        -1,
        1,
        -1,
        -1,
        -1,
    ]
    unscreened = analyse(y, screen_outliers=False)
    assert limits(unscreened) == pytest.approx((0.6694159, -4.596625, 5.935457), abs=5e-7)
    # The test's own checks: all three differ, and screening narrows the limits.
    first = analyse(RNORM_123)
    assert len({limits(first)[1], limits(screened)[1], limits(unscreened)[1]}) == 3
    assert (
        unscreened.points[0].upl - unscreened.points[0].lpl > screened.points[0].upl - screened.points[0].lpl
    )


def test_nhsrplotthedots_snapshot_facets_as_rebase():
    # _snaps/ptd_spc.md, summary by facet rep(c(0, 1), each = 10): mean 0.0746, lpl -2.60, upl 2.75
    # and mean 0.209, lpl -3.28, upl 3.70, all 10 + 10 common cause. A rebase at the 11th point
    # splits the series the same way (nothing crosses a rebase, as nothing crosses a facet).
    r = analyse(RNORM_123, rebase=[10])
    assert limits(r, 0) == pytest.approx((0.0746, -2.60, 2.75), abs=5e-3)
    assert limits(r, 10) == pytest.approx((0.209, -3.28, 3.70), abs=5e-3)
    assert {p.point_type for p in r.points} == {"common_cause"}
    assert [p.rebase_group for p in r.points] == [0] * 10 + [1] * 10
    # As two separate series, too.
    both = analyse_many([RNORM_123[:10], RNORM_123[10:]])
    assert limits(both.series(0)) == limits(r, 0) and limits(both.series(1)) == limits(r, 10)


def test_nhsrplotthedots_fixing_limits_changes_them():
    # test-ptd_spc_standard.R: fix_after_n_points = 12 gives different limits from none.
    assert limits(analyse(RNORM_123, fix_after=12)) != limits(analyse(RNORM_123))
    # Hand check: the mean of the first 12 values.
    assert analyse(RNORM_123, fix_after=12).points[0].mean == pytest.approx(sum(RNORM_123[:12]) / 12)


def test_nhsrplotthedots_two_close_points_on_opposite_sides_are_common_cause():
    # test-ptd_spc_standard.R: 1, -1 repeated 8 times, then the 15th and 16th points set to 5.5 and
    # -5.5; the last two points must be common cause.
    # By hand: mean (7 − 7 + 5.5 − 5.5) / 16 = 0. Moving ranges: 13 of 2, then |5.5 − (−1)| = 6.5
    # and |−5.5 − 5.5| = 11; mean 43.5 / 15 = 2.9; 11 is not below 3.267 × 2.9 = 9.47, so it is
    # screened out: mean MR 32.5 / 14 = 2.3214. Limits ±6.175, near limits ±4.117: 5.5 and −5.5 are
    # both close, but on opposite sides, so no window of three is all on one side.
    y = [1, -1] * 8
    y[14], y[15] = 5.5, -5.5
    r = analyse(y)
    assert r.points[0].upl == pytest.approx(2.66 * 32.5 / 14)
    assert [p.close_to_limits for p in r.points[14:]] == [True, True]
    assert [p.point_type for p in r.points[14:]] == ["common_cause", "common_cause"]


def test_hand_worked_improving_shift_with_targets():
    # 10, 12 alternately for 10 points, then 12, 13, 12, 13, 12, 13, 12.
    # Mean 197 / 17 = 11.588. Moving ranges: nine of 2, one of 0 (12 → 12), six of 1: mean 24 / 16 = 1.5,
    # none screened (limit 4.9). Limits 11.588 ± 3.99 = 7.598 .. 15.578; near limits ± 2.66 =
    # 8.928 .. 14.248: no point is close or outside. The last 8 points (from the 10th) are above the
    # mean: a shift, improvement for "increase". Alternating values make no trend.
    y = [10, 12] * 5 + [12, 13, 12, 13, 12, 13, 12]
    r = analyse(y, target=7)
    assert limits(r) == pytest.approx((197 / 17, 197 / 17 - 3.99, 197 / 17 + 3.99))
    assert [p.special_cause_rule for p in r.points] == [None] * 9 + ["shift"] * 8
    assert [p.point_type for p in r.points][9:] == ["special_cause_improvement"] * 8
    assert r.variation_icon == "improvement_high"
    assert r.assurance == "consistent_pass"  # 7 is below the lower limit 7.598
    assert analyse(y, target=9).assurance == "inconsistent"
    assert analyse(y, target=16).assurance == "consistent_fail"
    assert analyse(y, target=16, improvement="decrease").assurance == "consistent_pass"
    assert analyse(y, improvement="decrease").variation_icon == "concern_high"
    assert all(p.trial_limits is False for p in r.points)  # 17 points


def test_hand_worked_falling_trend_and_a_spike_after_a_rebase():
    # Baseline 1: 20, 24 alternately (12 points): mean 22, mean MR 4, limits 22 ± 10.64.
    # Baseline 2 (rebase at the 13th point): 30, 29, 28, 27, 26, 25, 24, 23, 40, 24, 25, 24, 25, 24
    # (14 points). Mean 374 / 14 = 26.714. Moving ranges: seven of 1, 17, 16, then 1, 1, 1, 1:
    # mean 44 / 13 = 3.385; 3.267 × 3.385 = 11.06 screens out 17 and 16: mean MR 11 / 11 = 1.
    # Limits 26.714 ± 2.66 = 24.054 .. 29.374; near limits ± 1.773 = 24.941 .. 28.488.
    # 30..23 fall strictly for 8 points: a falling trend (improvement for "decrease"), but 30 (above
    # 29.374) and 24, 23 (below 24.054) are outside, which outranks it; 29 is close (above 28.488)
    # but alone. 40 is outside (concern: high is bad). Each 24 after it is outside (improvement),
    # each 25 inside; the latest point is a 24: improvement low. No 7 on one side of the mean.
    y = [20, 24] * 6 + [30, 29, 28, 27, 26, 25, 24, 23, 40, 24, 25, 24, 25, 24]
    r = analyse(y, rebase=[12], improvement="decrease", target=30)
    assert [p.rebase_group for p in r.points] == [0] * 12 + [1] * 14
    assert limits(r, 0) == pytest.approx((22, 22 - 10.64, 22 + 10.64))
    assert limits(r, 12) == pytest.approx((374 / 14, 374 / 14 - 2.66, 374 / 14 + 2.66))
    assert [p.special_cause_rule for p in r.points][:12] == [None] * 12
    assert [p.special_cause_rule for p in r.points][12:] == ["outside_limits"] + ["trend"] * 5 + [
        "outside_limits"
    ] * 4 + [None, "outside_limits", None, "outside_limits"]
    assert [p.point_type for p in r.points][12:20] == ["special_cause_concern"] + [
        "special_cause_improvement"
    ] * 7
    assert r.points[20].point_type == "special_cause_concern"  # 40: high is bad
    assert r.variation_icon == "improvement_low"
    # Baseline 1 has 12 points: trial limits; baseline 2 has 14.
    assert [p.trial_limits for p in r.points] == [True] * 12 + [False] * 14
    # Target 30 is above the latest upper limit (29.374): lower is better, so consistently passed.
    assert r.assurance == "consistent_pass"
