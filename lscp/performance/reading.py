"""What an SPC analysis says about a KPI, in the words a performance report uses.

Every KPI falls in one of the three groups the partnership's annual report uses, from Making Data
Count's icons: **good or improved performance** (special cause improvement, or a target it will
consistently meet), **development still required** (special cause concern, or a target it will
consistently miss) and **fluctuating** (common cause variation: no signal either way). One
sentence says why, from the points that gave the signal.
"""

from dataclasses import dataclass
from enum import StrEnum

from lscp.performance.spc import Point, SeriesResult

IMPROVEMENT = "special_cause_improvement"
CONCERN = "special_cause_concern"


class Reading(StrEnum):
    GOOD = "good"
    FLUCTUATING = "fluctuating"
    DEVELOPMENT = "development"


READING_LABELS = {
    Reading.GOOD: "Good or improved performance",
    Reading.FLUCTUATING: "Fluctuating",
    Reading.DEVELOPMENT: "Development still required",
}

VARIATION_LABELS = {
    "common_cause": "Common cause variation: no significant change",
    "improvement_high": "Special cause: improvement, higher",
    "improvement_low": "Special cause: improvement, lower",
    "concern_high": "Special cause: concern, higher",
    "concern_low": "Special cause: concern, lower",
    "neutral_high": "Special cause: higher",
    "neutral_low": "Special cause: lower",
}
ASSURANCE_LABELS = {
    "consistent_pass": "The target will be met consistently",
    "consistent_fail": "The target will be missed consistently without change",
    "inconsistent": "The target will be hit and missed",
    None: "No target to assure",
}


def reading(result: SeriesResult) -> Reading:
    """Concern or a consistently missed target outweighs everything; then improvement or a
    consistently met target; anything else is common cause: fluctuating."""
    latest = result.latest.point_type
    if latest == CONCERN or result.assurance == "consistent_fail":
        return Reading.DEVELOPMENT
    if latest == IMPROVEMENT or result.assurance == "consistent_pass":
        return Reading.GOOD
    return Reading.FLUCTUATING


@dataclass(frozen=True)
class Sentence:
    reading: Reading
    text: str


def _run(points: tuple[Point, ...]) -> int:
    """How many points at the end share the latest point's rule and side: the signal's length."""
    latest = points[-1]
    count = 0
    for point in reversed(points):
        same_side = point.relative_to_mean == latest.relative_to_mean or latest.special_cause_rule == "trend"
        if point.special_cause_rule != latest.special_cause_rule or not same_side:
            break
        count += 1
    return count


def _why(result: SeriesResult, periods: str) -> str:
    latest = result.latest
    side = "above" if latest.relative_to_mean > 0 else "below"
    run = _run(result.points)
    match latest.special_cause_rule:
        case "outside_limits":
            return f"the latest value is {side} the range it usually varies within"
        case "shift":
            return f"the last {run} {periods} were all {side} the average"
        case "trend":
            rising = len(result.points) < 2 or result.points[-1].y > result.points[-2].y
            return f"it has {'risen' if rising else 'fallen'} for {run} {periods} in a row"
        case "two_in_three":
            limit = "upper" if side == "above" else "lower"
            return f"two of the last three values were close to the {limit} limit"
    return "it varies within its usual range, with no significant change"


def sentence(name: str, result: SeriesResult, *, periods: str = "months") -> Sentence:
    """One sentence for the report, e.g. "Re-referrals fell: the last 8 months were all below
    the average." The verb follows the direction of the signal, the reading its meaning."""
    kind = reading(result)
    latest = result.latest
    signal = latest.point_type != "common_cause"
    if signal:
        verb = "rose" if latest.relative_to_mean > 0 else "fell"
        text = f"{name} {verb}: {_why(result, periods)}."
    else:
        text = f"{name} fluctuated: {_why(result, periods)}."
    if result.assurance is not None:
        text += f" {ASSURANCE_LABELS[result.assurance]}."
    return Sentence(kind, text)
