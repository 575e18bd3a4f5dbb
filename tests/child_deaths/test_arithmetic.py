"""Percentages round half up; suppressed tables never give away a count from 1 to 4."""

from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lscp.child_deaths.arithmetic import SMALL, WITHHELD, Cell, breakdown, figure, percent, suppress


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (11, 25, 44),
        (1, 8, 13),  # 12.5
        (3, 8, 38),  # 37.5
        (23, 40, 58),  # 57.5, which a float makes 57.4999...
        (29, 200, 15),  # 14.5
        (1, 200, 1),  # 0.5
        (1, 3, 33),
        (2, 3, 67),
        (0, 7, 0),
        (7, 7, 100),
    ],
)
def test_percent_rounds_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_percent_of_nothing_is_none():
    assert percent(0, 0) is None


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_percent_is_the_nearest_whole_number_halves_up(part, whole):
    exact = Fraction(100 * part, whole)
    assert percent(part, whole) == int(exact + Fraction(1, 2))  # floor(x + 1/2): half up


breakdowns = st.lists(st.integers(0, 40), min_size=1, max_size=8)


@given(breakdowns)
def test_shares_of_a_breakdown_are_off_by_no_more_than_rounding(counts):
    total = sum(counts)
    cells = breakdown([(f"row {i}", n) for i, n in enumerate(counts)], total, suppressed=False)
    assert [cell.count for cell in cells] == counts
    if total == 0:
        assert all(cell.percent == "" for cell in cells)
        return
    shares = [int(cell.percent.rstrip("%")) for cell in cells]
    for share, count in zip(shares, counts, strict=True):
        assert abs(share - Fraction(100 * count, total)) <= Fraction(1, 2)
    assert abs(sum(shares) - 100) <= Fraction(len(counts), 2)


def test_unsuppressed_cells_show_every_count():
    cells = breakdown([("Smoking", 7), ("Domestic abuse", 1), ("None", 0)], 11, suppressed=False)
    assert cells == [
        Cell("Smoking", 7, "7", "64%"),
        Cell("Domestic abuse", 1, "1", "9%"),
        Cell("None", 0, "0", "0%"),
    ]


def test_a_small_figure_shows_as_under_five():
    assert figure("Reviews completed", 3, suppressed=True) == Cell("Reviews completed", None, SMALL)
    assert figure("Reviews completed", 0, suppressed=True).shown == "0"
    assert figure("Reviews completed", 5, suppressed=True).shown == "5"
    assert figure("With modifiable factors", 11, suppressed=True, whole=25).percent == "44%"
    assert figure("Reviews completed", 3, suppressed=False).shown == "3"


def test_one_small_cell_takes_the_next_smallest_with_it():
    cells = breakdown(
        [("Expected", 18), ("Unexpected", 3), ("Not recorded", 0), ("Other", 6)], 27, suppressed=True
    )
    assert [cell.shown for cell in cells] == ["18", SMALL, "0", WITHHELD]
    assert cells[1].count is None and cells[3].count is None
    assert cells[1].percent == cells[3].percent == ""
    assert cells[0].percent == "67%"


def test_zero_is_shown_and_never_hidden_as_the_complement():
    hidden = suppress([0, 2, 0, 9, 14], 25)
    assert hidden == {1: SMALL, 3: WITHHELD}


def test_two_ones_are_not_enough_on_their_own():
    # The hidden cells add up to 2, and each "<5" is at least 1: both must be 1.
    assert suppress([1, 1, 20], 22) == {0: SMALL, 1: SMALL, 2: WITHHELD}


def test_a_table_that_cannot_be_protected_is_withheld_whole():
    cells = breakdown([("Female", 1), ("Male", 5), ("Indeterminate", 0)], 6, suppressed=True)
    assert [cell.shown for cell in cells] == [WITHHELD] * 3
    assert all(cell.count is None and cell.percent == "" for cell in cells)


def test_factors_need_not_add_up_so_only_small_counts_are_hidden():
    cells = breakdown([("Smoking", 7), ("Domestic abuse", 4)], 11, suppressed=True, partition=False)
    assert [(cell.shown, cell.percent) for cell in cells] == [("7", "64%"), (SMALL, "")]


def test_a_breakdown_that_does_not_add_up_is_refused():
    with pytest.raises(ValueError, match="adds up to 3, not the total 4"):
        suppress([1, 2], 4)


# What a reader can work out from a published table: see arithmetic's module docstring. Worked out
# here by listing every possible sum, not by the module's own range arithmetic.


def reader_sees(counts: list[int], total: int) -> tuple[list[Cell], str]:
    cells = breakdown([(f"row {i}", n) for i, n in enumerate(counts)], total, suppressed=True)
    shown_total = figure("Total", total, suppressed=True).shown
    return cells, shown_total


def possible(cells: list[Cell], shown_total: str) -> dict[int, set[int]]:
    """{index of each "<5" cell: every value it could hold, given everything else shown}."""
    totals = range(1, 5) if shown_total == SMALL else [int(shown_total.replace(",", ""))]
    whole_withheld = all(cell.shown == WITHHELD for cell in cells)
    smallest_shown = min((c.count for c in cells if c.count), default=max(totals))
    ranges = []
    for cell in cells:
        if cell.count is not None:
            ranges.append(range(cell.count, cell.count + 1))
        elif cell.shown == SMALL:
            ranges.append(range(1, 5))
        elif whole_withheld:
            ranges.append(range(0, max(totals) + 1))
        else:
            ranges.append(range(5, smallest_shown + 1))
    result = {}
    for i, cell in enumerate(cells):
        if cell.shown != SMALL:
            continue
        others = {0}
        for j, values in enumerate(ranges):
            if j != i:
                others = {s + v for s in others for v in values if s + v <= max(totals)}
        result[i] = {v for v in ranges[i] if any(t - v in others for t in totals)}
    return result


small_heavy = st.lists(st.one_of(st.integers(0, 6), st.integers(0, 30)), min_size=1, max_size=6)


@given(small_heavy)
@example([1, 5, 0])
@example([1, 1, 20])
@example([4, 4])
@example([1, 1, 1, 1])
@example([4, 5, 5])
@example([3, 7])
def test_no_hidden_small_count_can_be_worked_out_from_the_total(counts):
    total = sum(counts)
    cells, shown_total = reader_sees(counts, total)
    # The table tells the truth: every real count is among what a reader thinks possible, ...
    values = possible(cells, shown_total)
    for i, could_be in values.items():
        assert counts[i] in could_be
        # ... and a hidden small count is never the only possibility.
        assert len(could_be) >= 2, (counts, [c.shown for c in cells])
    # Every count from 1 to 4 is hidden, and a hidden cell carries no number at all.
    for cell, count in zip(cells, counts, strict=True):
        assert cell.count in (None, count)
        if 1 <= count <= 4:
            assert cell.count is None and cell.shown in (SMALL, WITHHELD) and cell.percent == ""
        if cell.count is None:
            assert (cell.shown, cell.percent) in ((SMALL, ""), (WITHHELD, ""))


@given(small_heavy)
def test_a_lone_hidden_cell_never_stands_against_a_shown_total(counts):
    total = sum(counts)
    hidden = suppress(counts, total)
    if total >= 5:
        assert len(hidden) != 1
