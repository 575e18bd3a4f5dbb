"""`lscp spc FILE.csv [--improvement increase|decrease|neutral] [--target T] [--fix-after N]
[--no-screen-outliers]`: Making Data Count SPC for one series, printed as JSON.

The CSV has a header row with columns `x` and `y`, and optionally `rebase` (1 on the first point of
a new baseline, 0 or empty elsewhere), one row per point, oldest first. `x` is a label (a date, a
month, a number) printed back as given; `y` is the value. Any problem in the file is reported with
its line number, and nothing is printed but the error.

The JSON: {"points": [{"x", "y", "rebase_group", "mean", "lpl", "upl", "outside_limits",
"relative_to_mean", "close_to_limits", "special_cause_rule", "point_type", "trial_limits"}, ...],
"variation_icon", "assurance"}; see lscp.performance.spc for the rules.
"""

import csv
import io
import json
import math
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lscp.performance.spc import IMPROVEMENTS, SpcError, analyse

REQUIRED = ("x", "y")
OPTIONAL = ("rebase",)


def read_series(text: str) -> tuple[list[str], list[float], list[int], list[int]]:
    """(x labels, values, rebase point indices, each point's line) from the CSV text, or CommandError
    with the line and the reason."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(rows, None)
    if header is None:
        raise CommandError("The file is empty: it needs a header row (x,y) and at least 2 rows of values.")
    columns = [cell.strip().lower() for cell in header]
    line = rows.line_num
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CommandError(
            f"line {line}: the header must have columns x and y (and optionally rebase); "
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing."
        )
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    if unknown:
        raise CommandError(f"line {line}: unknown column {unknown[0]!r}: the columns are x, y and rebase.")
    repeated = [c for c in columns if columns.count(c) > 1]
    if repeated:
        raise CommandError(f"line {line}: the column {repeated[0]!r} appears twice.")
    at = {c: columns.index(c) for c in columns}

    xs: list[str] = []
    ys: list[float] = []
    rebase: list[int] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank lines (a trailing newline, a spreadsheet's empty rows)
        if len(row) != len(columns):
            raise CommandError(f"line {line}: {len(row)} fields where the header has {len(columns)}.")
        x = row[at["x"]].strip()
        if not x:
            raise CommandError(f"line {line}: x is empty: every point needs a label.")
        if x in seen:
            raise CommandError(f"line {line}: x {x!r} is repeated (first on line {seen[x]}).")
        seen[x] = line
        raw = row[at["y"]].strip()
        if not raw:
            raise CommandError(f"line {line}: y is missing: every point needs a value.")
        try:
            y = float(raw)
        except ValueError:
            raise CommandError(f"line {line}: y is {raw!r}, which is not a number.") from None
        if not math.isfinite(y):
            raise CommandError(f"line {line}: y is {raw!r}: it must be a finite number.")
        if "rebase" in at:
            flag = row[at["rebase"]].strip()
            if flag not in ("", "0", "1"):
                raise CommandError(
                    f"line {line}: rebase is {flag!r}: it must be 1 (a new baseline starts here), 0 or empty."
                )
            if flag == "1":
                if not ys:
                    raise CommandError(
                        f"line {line}: rebase on the first point: the first point already starts the first "
                        "baseline. Put 1 on the first point of a new baseline."
                    )
                rebase.append(len(ys))
        xs.append(x)
        ys.append(y)
        lines.append(line)
    return xs, ys, rebase, lines


class Command(BaseCommand):
    help = "Making Data Count SPC (XmR) for a series in a CSV file (columns x,y[,rebase]), printed as JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="CSV with columns x,y and optionally rebase (1 on a new baseline's first point)"
        )
        parser.add_argument("--improvement", choices=sorted(IMPROVEMENTS), default="increase")
        parser.add_argument(
            "--target", type=float, default=None, help="the target (not for a neutral indicator)"
        )
        parser.add_argument(
            "--fix-after",
            type=int,
            default=None,
            metavar="N",
            help="fix limits on the first N points (N >= 12)",
        )
        parser.add_argument(
            "--no-screen-outliers", action="store_true", help="keep large moving ranges in the limits"
        )

    def handle(
        self, *args, file: str, improvement: str, target, fix_after, no_screen_outliers: bool, **options
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {file}")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(f"The file is not UTF-8 text (byte {error.start} cannot be read).") from None
        except OSError as error:
            raise CommandError(f"The file cannot be read: {error.strerror}") from None
        try:
            xs, ys, rebase, lines = read_series(text)
        except csv.Error as error:
            raise CommandError(f"The file is not valid CSV: {error}") from None
        if target is not None and not math.isfinite(target):
            raise CommandError("--target must be a finite number.")
        try:
            result = analyse(
                ys,
                improvement=improvement,
                target=target,
                rebase=rebase,
                fix_after=fix_after,
                screen_outliers=not no_screen_outliers,
                x=xs,
            )
        except SpcError as error:
            raise CommandError(_with_lines(str(error), lines)) from None
        self.stdout.write(json.dumps(result.as_dict(), indent=2))


def _with_lines(message: str, lines: list[int]) -> str:
    """The engine counts points from 0; people read the file's lines."""
    return re.sub(r"\bpoint (\d+)\b", lambda m: f"the point on line {lines[int(m.group(1))]}", message)
