"""Percentages and small-number suppression for the child death figures.

Inside the panel every count is shown. Figures published outside it (the annual report) must not
let a reader single out a child, so a count from 1 to 4 shows as "<5", and where a breakdown adds
up to a published total, other cells are withheld ("[c]") until no hidden small count can be
worked out by subtracting the shown cells from the total.

What a reader is assumed to know, and what `suppress` protects against: the published total (or
that it is 1 to 4, when it shows "<5"), every shown count, that "<5" means 1 to 4 and that "[c]"
means 5 or more but no more than the smallest count still shown (the withheld cell is always the
next smallest). From that, every "<5" cell must still have at least two possible values. When no
choice of cells can achieve that (every non-zero cell hidden and still pinned down: 1 female and
5 male, say), the whole breakdown is withheld, zeros included.

A cell withheld in a public table carries no count at all (`count` is None), so a template or a
chart cannot show the real number by mistake.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SMALL = "<5"
WITHHELD = "[c]"
SMALLEST_SHOWN = 5
SUPPRESSION_NOTE = (
    "<5 is a number from 1 to 4, not shown so that no child can be identified. [c] is withheld so "
    "that a number under 5 cannot be worked out from the total."
)


def percent(part: int, whole: int) -> int | None:
    """part as a whole-number percentage of whole, rounded half up (1 of 8 is 12.5%, shown 13%);
    None when whole is 0. Decimal, because Python's round() takes halves to the even number (12.5
    to 12) and floats miss some halves (23 / 40 * 100 is 57.49999...)."""
    if whole == 0:
        return None
    exact = Decimal(part) * 100 / Decimal(whole)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Cell:
    """One figure as a page shows it: the template prints `shown` and `percent`, nothing else."""

    label: str
    count: int | None  # None when withheld: a public figure never carries the hidden number
    shown: str  # "12", "0", "<5" or "[c]"
    percent: str = ""  # "44%", or "" when withheld or there is nothing to take a share of

    @property
    def withheld(self) -> bool:
        return self.count is None


def _percent_text(count: int, whole: int | None) -> str:
    share = percent(count, whole) if whole is not None else None
    return "" if share is None else f"{share}%"


def _is_small(count: int) -> bool:
    return 1 <= count < SMALLEST_SHOWN


def figure(label: str, count: int, *, suppressed: bool, whole: int | None = None) -> Cell:
    """A single figure (reviews completed), with its share of `whole` when there is one."""
    if suppressed and _is_small(count):
        return Cell(label, None, SMALL)
    if suppressed and whole is not None and _is_small(whole):
        return Cell(label, count, f"{count:,}")  # a share of a hidden total would give it away
    return Cell(label, count, f"{count:,}", _percent_text(count, whole))


def breakdown(
    rows: Sequence[tuple[str, int]], total: int | None, *, suppressed: bool, partition: bool = True
) -> list[Cell]:
    """Cells for (label, count) rows, each with its share of `total`.

    `partition` says the rows add up to the total (every review has one category), so hiding one
    small cell is not enough; when they need not (a review can have several named factors), only
    the small counts are hidden."""
    if not suppressed:
        return [Cell(label, count, f"{count:,}", _percent_text(count, total)) for label, count in rows]
    counts = [count for _, count in rows]
    hidden = suppress(counts, total) if partition and total is not None else _small(counts)
    whole = None if total is None or _is_small(total) or len(hidden) == len(counts) else total
    cells = []
    for i, (label, count) in enumerate(rows):
        if i in hidden:
            cells.append(Cell(label, None, hidden[i]))
        else:
            cells.append(Cell(label, count, f"{count:,}", _percent_text(count, whole)))
    return cells


def _small(counts: Sequence[int]) -> dict[int, str]:
    return {i: SMALL for i, count in enumerate(counts) if _is_small(count)}


def suppress(counts: Sequence[int], total: int) -> dict[int, str]:
    """{index: mark} for the cells of a breakdown that adds up to `total` which must not be shown.

    Counts of 1 to 4 are "<5". While any of them can still be pinned down from the total, the
    next smallest non-zero cell is withheld too ("[c]"); if every non-zero cell is hidden and one
    still can, the whole breakdown is withheld."""
    if sum(counts) != total:
        raise ValueError(f"the breakdown adds up to {sum(counts)}, not the total {total}")
    hidden = _small(counts)
    while hidden and _pinned(counts, hidden, total):
        others = [i for i, count in enumerate(counts) if count > 0 and i not in hidden]
        if not others:
            return dict.fromkeys(range(len(counts)), WITHHELD)
        hidden[min(others, key=lambda i: (counts[i], i))] = WITHHELD
    return hidden


def _pinned(counts: Sequence[int], hidden: dict[int, str], total: int) -> bool:
    """Whether a reader (see the module's docstring) could work out some "<5" cell exactly."""
    return any(low == high for low, high in possible_values(counts, hidden, total).values())


def possible_values(
    counts: Sequence[int], hidden: dict[int, str], total: int
) -> dict[int, tuple[float, float]]:
    """{index: (lowest, highest)} a reader could think each hidden "<5" cell holds.

    The hidden cells add up to the total less the shown ones (a total of 1 to 4 is itself shown
    "<5", so only its range is known); each lies in its own range, so one cell can be anything in
    its range that the others, each within theirs, can make up the rest of."""
    shown = [count for i, count in enumerate(counts) if i not in hidden]
    smallest_shown = min((count for count in shown if count > 0), default=math.inf)
    low_total, high_total = (1, SMALLEST_SHOWN - 1) if _is_small(total) else (total, total)
    rest_low, rest_high = low_total - sum(shown), high_total - sum(shown)
    ranges = {
        i: (1, SMALLEST_SHOWN - 1) if mark == SMALL else (SMALLEST_SHOWN, smallest_shown)
        for i, mark in hidden.items()
    }
    result = {}
    for i, (low, high) in ranges.items():
        if hidden[i] != SMALL:
            continue
        others_low = sum(r[0] for j, r in ranges.items() if j != i)
        others_high = sum(r[1] for j, r in ranges.items() if j != i)
        result[i] = (max(low, rest_low - others_high), min(high, rest_high - others_low))
    return result
