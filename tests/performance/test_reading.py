"""A KPI's reading and sentence follow from its SPC signals, and the chart says it in words too."""

import xml.etree.ElementTree as ET

from lscp.performance.charts import spc_chart
from lscp.performance.reading import Reading, reading, sentence
from lscp.performance.spc import analyse

STEADY = [20, 22, 19, 21, 20, 23, 18, 21, 20, 22, 19, 21, 20, 22, 19, 21]
FALLEN = [30, 31, 29, 30, 32, 30, 31, 29, 28, 27, 28, 27, 28, 27, 28, 27]  # the last 8 below the mean


def test_a_run_below_the_mean_of_a_lower_is_better_kpi_is_good_and_says_how_long():
    result = analyse(FALLEN, improvement="decrease")
    assert reading(result) is Reading.GOOD
    said = sentence("Re-referrals", result)
    assert said.text.startswith("Re-referrals fell: the last 8 months were all below the average.")


def test_the_same_run_for_a_higher_is_better_kpi_needs_development():
    result = analyse(FALLEN, improvement="increase")
    assert reading(result) is Reading.DEVELOPMENT
    assert sentence("Return home interviews", result).text.startswith("Return home interviews fell")


def test_common_cause_is_fluctuating_and_a_target_inside_the_limits_is_hit_and_miss():
    result = analyse(STEADY, improvement="increase", target=21)
    assert reading(result) is Reading.FLUCTUATING
    assert sentence("Strategy discussions", result).text == (
        "Strategy discussions fluctuated: it varies within its usual range, with no significant change. "
        "The target will be hit and missed."
    )


def test_a_target_beyond_the_unfavourable_limit_needs_development_even_without_a_signal():
    result = analyse(STEADY, improvement="increase", target=40)
    assert result.assurance == "consistent_fail" and reading(result) is Reading.DEVELOPMENT


def test_the_chart_is_accessible_svg_with_its_reading_in_words():
    result = analyse(FALLEN, improvement="decrease", target=25)
    labels = [f"Month {i}" for i in range(1, len(FALLEN) + 1)]
    chart = spc_chart("Re-referrals within 12 months", result, labels, "%")
    root = ET.fromstring(chart)
    assert root.get("role") == "img"
    assert "style=" not in chart and "<style" not in chart
    description = root.find("{http://www.w3.org/2000/svg}desc").text
    assert "16 values from Month 1 to Month 16" in description
    assert "Latest, Month 16: 27 %" in description and "Target 25" in description
