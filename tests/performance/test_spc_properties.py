"""Property tests: the vectorised engine against a slow, literal transcription of NHSRplotthedots'
R code (ptd_spc_standard, ptd_calculate_point_type, ptd_calculate_assurance_type), one series and
one baseline group at a time, with Python loops; and the batch API against the single-series one.

Values are multiples of 1/4 between −50 and 50, so every sum is exact in binary floating point and
both implementations must agree to the last bit (points exactly on the mean, on a near limit or
on a limit included: hypothesis finds them).
"""

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lscp.performance.spc import analyse, analyse_many

LIMIT = 2.66
LIMIT_CLOSE = 2 * (LIMIT / 3)


def sign(v: float) -> int:
    return (v > 0) - (v < 0)


def mean(values: list[float]) -> float:
    return math.nan if not values else sum(values) / len(values)


# ---- ptd_calculate_point_type.R, transcribed (R's 1-based windows made 0-based) --------------------


def seven_point_one_side_mean(v: list[int]) -> list[int]:
    vp = [0] * 6 + v
    return [int(all(vp[i] == vp[i - k] for k in range(1, 7)) and vp[i] != 0) for i in range(6, len(vp))]


def part_of_seven_trend(v: list[int]) -> list[int]:
    vp = v + [0] * 6
    return [int(any(abs(vp[i + k]) == 1 for k in range(7))) for i in range(len(v))]


def seven_point_trend(y: list[float]) -> list[int]:
    if len(y) < 7:
        return [0] * len(y)
    out = [0] * 6
    for i in range(6, len(y)):
        d = [sign(y[i - k] - y[i - k - 1]) for k in range(6)]
        out.append(1 if all(x == 1 for x in d) else -1 if all(x == -1 for x in d) else 0)
    return out


def two_in_three(close: list[int], rtm: list[int]) -> list[int]:
    vp, rp = [0, 0, *close, 0, 0], [0, 0, *rtm, 0, 0]
    return [
        int(any(sum(vp[i + a : i + a + 3]) >= 2 and abs(sum(rp[i + a : i + a + 3])) == 3 for a in range(3)))
        for i in range(len(close))
    ]


def special_cause_type(y, rtm, close, outside) -> list[tuple[str, int]]:
    """(rule, direction) per point, as ptd_special_cause_type; the direction of a trend point is R's
    `sdy`, except where the step to the next point is a repeat (R reads its sign 0 as "Decreasing";
    the engine keeps the point's own trend, as the issue says — see spc's docstring)."""
    trend = part_of_seven_trend(seven_point_trend(y))
    two = [int(t == 1 and c == 1) for t, c in zip(two_in_three(close, rtm), close, strict=True)]
    shift = part_of_seven_trend(seven_point_one_side_mean(rtm))
    n = len(y)
    sdy = [sign(y[i + 1] - y[i]) for i in range(n - 1)]
    out = []
    for i in range(n):
        if outside[i]:
            out.append(("outside_limits", rtm[i]))
        elif trend[i]:
            following = i + 1 < n and trend[i + 1] and sdy[i] != 0
            out.append(("trend", sdy[i] if following else sdy[i - 1]))
        elif two[i]:
            out.append(("two_in_three", rtm[i]))
        elif shift[i]:
            out.append(("shift", rtm[i]))
        else:
            out.append((None, 0))
    return out


def point_type(direction: int, improvement: int) -> str:
    if improvement == 0:
        return {1: "special_cause_neutral_high", -1: "special_cause_neutral_low"}.get(
            direction, "common_cause"
        )
    v = direction * improvement
    return "special_cause_improvement" if v > 0 else "special_cause_concern" if v < 0 else "common_cause"


# ---- ptd_spc_standard.R, transcribed -------------------------------------------------------------


def reference(y, rebase, improvement, target, fix_after, screen):
    direction = {"increase": 1, "decrease": -1, "neutral": 0}[improvement]
    starts = [0, *sorted(rebase), len(y)]
    points = []
    for g, (a, b) in enumerate(zip(starts, starts[1:], strict=False)):
        ys = y[a:b]
        fix_y = [v if (fix_after is None or i < fix_after) else None for i, v in enumerate(ys)]
        m = mean([v for v in fix_y if v is not None])
        mr = [None] + [
            abs(fix_y[i] - fix_y[i - 1]) if fix_y[i] is not None and fix_y[i - 1] is not None else None
            for i in range(1, len(ys))
        ]
        amr = mean([v for v in mr if v is not None])
        if screen:
            mr = [v if v is not None and v < 3.267 * amr else None for v in mr]
            kept = [v for v in mr if v is not None]
            amr = mean(kept) if kept else 0.0  # R: NaN (the one departure, in spc's docstring)
        lpl, upl = m - (LIMIT * amr), m + (LIMIT * amr)
        nlpl, nupl = m - (LIMIT_CLOSE * amr), m + (LIMIT_CLOSE * amr)
        outside = [v > upl or v < lpl for v in ys]
        rtm = [sign(v - m) for v in ys]
        close = [int(not o and (v < nlpl or v > nupl)) for v, o in zip(ys, outside, strict=True)]
        causes = special_cause_type(ys, rtm, close, outside)
        for v, o, r, c, (rule, d) in zip(ys, outside, rtm, close, causes, strict=True):
            points.append(
                dict(
                    y=v,
                    rebase_group=g,
                    mean=m,
                    lpl=lpl,
                    upl=upl,
                    outside_limits=o,
                    relative_to_mean=r,
                    close_to_limits=bool(c),
                    special_cause_rule=rule,
                    point_type=point_type(d, direction),
                    trial_limits=len(ys) < 13,
                    direction=d,
                )
            )
    last = points[-1]
    if target is None or direction == 0:
        assurance = None
    elif target > last["upl"]:
        assurance = "consistent_fail" if direction == 1 else "consistent_pass"
    elif target < last["lpl"]:
        assurance = "consistent_pass" if direction == 1 else "consistent_fail"
    else:
        assurance = "inconsistent"
    kind = last["point_type"]
    high = "high" if last["direction"] > 0 else "low"
    icon = {
        "common_cause": "common_cause",
        "special_cause_improvement": f"improvement_{high}",
        "special_cause_concern": f"concern_{high}",
        "special_cause_neutral_high": "neutral_high",
        "special_cause_neutral_low": "neutral_low",
    }[kind]
    for p in points:
        del p["direction"]
    return points, icon, assurance


# ---- strategies -------------------------------------------------------------------------------------

quarters = st.integers(-200, 200).map(lambda n: n / 4)


@st.composite
def series(draw, min_size=2, max_size=60):
    """Values with runs, repeats and rises (so shifts and trends happen), and rebases leaving every
    baseline at least 2 points."""
    n = draw(st.integers(min_size, max_size))
    shape = draw(st.sampled_from(["noise", "steps", "ramps", "few"]))
    if shape == "few":
        y = draw(st.lists(st.sampled_from([-1.0, 0.0, 1.0, 2.0]), min_size=n, max_size=n))
    elif shape == "ramps":
        y, v = [], draw(quarters)
        for _ in range(n):
            v += draw(st.sampled_from([-1.0, 0.25, 0.5, 1.0, 0.0, -0.5]))
            y.append(v)
    elif shape == "steps":
        y, level = [], draw(quarters)
        for _ in range(n):
            if draw(st.integers(0, 9)) == 0:
                level = draw(quarters)
            y.append(level + draw(st.sampled_from([-0.5, -0.25, 0.0, 0.25, 0.5])))
    else:
        y = draw(st.lists(quarters, min_size=n, max_size=n))
    possible = list(range(2, n - 1))
    rebase = sorted(draw(st.sets(st.sampled_from(possible), max_size=3))) if possible else []
    rebase = [r for i, r in enumerate(rebase) if i == 0 or r - rebase[i - 1] >= 2]
    return y, rebase


options = st.fixed_dictionaries(
    {
        "improvement": st.sampled_from(["increase", "decrease", "neutral"]),
        "fix_after": st.sampled_from([None, None, 12, 15]),
        "screen_outliers": st.booleans(),
        "target": st.one_of(st.none(), quarters),
    }
)

fast = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fields(result):
    return (
        [{k: v for k, v in p.__dict__.items() if k != "x"} for p in result.points],
        result.variation_icon,
        result.assurance,
    )


@fast
@given(series(), options)
def test_the_engine_agrees_with_a_transcription_of_nhsrplotthedots(data, opts):
    y, rebase = data
    if opts["improvement"] == "neutral":
        opts = {**opts, "target": None}
    got = analyse(y, rebase=rebase, **opts)
    assert fields(got) == reference(
        y, rebase, opts["improvement"], opts["target"], opts["fix_after"], opts["screen_outliers"]
    )


@fast
@given(st.lists(st.tuples(series(max_size=40), options), min_size=1, max_size=8))
def test_the_batch_gives_each_series_what_it_gets_alone(items):
    ys = [y for (y, _), _ in items]
    rebases = [r for (_, r), _ in items]
    improvements = [o["improvement"] for _, o in items]
    targets = [None if o["improvement"] == "neutral" else o["target"] for _, o in items]
    screen = items[0][1]["screen_outliers"]
    batch = analyse_many(ys, rebase=rebases, improvement=improvements, target=targets, screen_outliers=screen)
    for i, (y, r, imp, t) in enumerate(zip(ys, rebases, improvements, targets, strict=True)):
        assert batch.series(i) == analyse(y, rebase=r, improvement=imp, target=t, screen_outliers=screen)


@fast
@given(st.integers(1, 6), st.integers(2, 40), st.data())
def test_a_matrix_batch_gives_each_row_what_it_gets_alone(count, width, data):
    values = np.array(
        data.draw(
            st.lists(st.lists(quarters, min_size=width, max_size=width), min_size=count, max_size=count)
        )
    )
    rebase = np.zeros((count, width), dtype=bool)
    for row in range(count):
        if width >= 4 and data.draw(st.booleans()):
            rebase[row, data.draw(st.integers(2, width - 2))] = True
    batch = analyse_many(values, rebase=rebase, improvement="decrease", target=0.0)
    for row in range(count):
        assert batch.series(row) == analyse(
            values[row], rebase=rebase[row], improvement="decrease", target=0.0
        )


@fast
@given(series(), options)
def test_limits_are_symmetric_about_the_mean_and_ordered(data, opts):
    y, rebase = data
    opts = {**opts, "target": None}
    for p in analyse(y, rebase=rebase, **opts).points:
        assert p.lpl <= p.mean <= p.upl
        assert math.isclose(p.upl - p.mean, p.mean - p.lpl, rel_tol=1e-9, abs_tol=1e-9)
        assert not (p.outside_limits and p.close_to_limits)
        assert (p.special_cause_rule is None) == (p.point_type == "common_cause")


@fast
@given(series(), options)
def test_baselines_are_independent(data, opts):
    # Analysing each baseline as a series of its own gives the same points (nothing crosses a rebase).
    y, rebase = data
    opts = {**opts, "target": None}
    whole = analyse(y, rebase=rebase, **opts).points
    starts = [0, *rebase, len(y)]
    for g, (a, b) in enumerate(zip(starts, starts[1:], strict=False)):
        alone = analyse(y[a:b], **opts).points
        for p, q in zip(whole[a:b], alone, strict=True):
            assert p.rebase_group == g
            assert {k: v for k, v in p.__dict__.items() if k not in ("x", "rebase_group")} == {
                k: v for k, v in q.__dict__.items() if k not in ("x", "rebase_group")
            }


@fast
@given(series(), options)
def test_flipping_the_improvement_direction_swaps_improvement_and_concern(data, opts):
    y, rebase = data
    opts = {**opts, "target": None, "improvement": "increase"}
    up = analyse(y, rebase=rebase, **opts)
    down = analyse(y, rebase=rebase, **{**opts, "improvement": "decrease"})
    swap = {
        "special_cause_improvement": "special_cause_concern",
        "special_cause_concern": "special_cause_improvement",
        "common_cause": "common_cause",
    }
    assert [swap[p.point_type] for p in up.points] == [p.point_type for p in down.points]
    assert [p.special_cause_rule for p in up.points] == [p.special_cause_rule for p in down.points]


@fast
@given(series(), options, st.sampled_from([2.0, 4.0, 0.5, 1024.0]))
def test_scaling_the_values_changes_no_flag(data, opts, scale):
    # Scaling by a power of two is exact in binary floating point, so every comparison comes out the
    # same. (A shift by a constant is not exact: a point within rounding of a limit may move across.)
    y, rebase = data
    opts = {**opts, "target": None}
    before = analyse(y, rebase=rebase, **opts)
    after = analyse([v * scale for v in y], rebase=rebase, **opts)
    flags = ("outside_limits", "relative_to_mean", "close_to_limits", "special_cause_rule", "point_type")
    assert [[getattr(p, f) for f in flags] for p in before.points] == [
        [getattr(p, f) for f in flags] for p in after.points
    ]
    assert before.variation_icon == after.variation_icon
