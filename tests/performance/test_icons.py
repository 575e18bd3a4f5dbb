"""The Making Data Count icons: one per variation and assurance code, coloured and lettered by
meaning, and on the report beside each KPI's words."""

import re

import pytest
from django.urls import reverse

from lscp.accounts.roles import Role
from lscp.performance import icons
from lscp.performance.reading import ASSURANCE_LABELS, VARIATION_LABELS
from tests.factories import UserFactory
from tests.performance.test_report import demo, seg_report  # noqa: F401 (the fixture)


def letter(svg: str) -> str:
    found = re.search(r"<text[^>]*>([^<]*)</text>", svg)
    return found.group(1) if found else ""


@pytest.mark.parametrize("code", list(VARIATION_LABELS))
def test_each_variation_has_its_colour_letter_and_label(code):
    svg = icons.variation_icon(code)
    meaning, _, direction = code.partition("_")
    colour = {
        "improvement": icons.BLUE,
        "concern": icons.ORANGE,
        "neutral": icons.PURPLE,
        "common": icons.GREY,
    }
    assert f'fill="{colour[meaning]}"' in svg
    assert letter(svg) == {"high": "H", "low": "L", "cause": ""}[direction]
    assert f"<title>{VARIATION_LABELS[code]}</title>" in svg and 'aria-hidden="true"' in svg


@pytest.mark.parametrize("code", [code for code in ASSURANCE_LABELS if code])
def test_each_assurance_has_its_letter(code):
    svg = icons.assurance_icon(code)
    assert letter(svg) == {"consistent_pass": "P", "consistent_fail": "F", "inconsistent": "?"}[code]
    assert f"<title>{ASSURANCE_LABELS[code]}</title>" in svg


def test_no_target_no_assurance_icon():
    assert icons.assurance_icon(None) == ""


def test_the_report_shows_each_kpis_icons(demo, client_for):  # noqa: F811
    client = client_for(UserFactory(roles=[Role.GROUP_MEMBER]))
    url = reverse("performance:group-report", args=[demo.slug]) + "?until=2022-03"
    page = client.get(url).content.decode()
    for row in seg_report(demo).rows:
        if row.result is None:
            continue
        card = page[page.index(f'id="kpi-{row.indicator.code}"') :].split('class="govuk-summary-card"')[0]
        assert str(icons.variation_icon(row.result.variation_icon)) in card
        assert str(icons.assurance_icon(row.result.assurance)) in card
