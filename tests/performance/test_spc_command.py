"""`lscp spc FILE.csv`: the JSON it prints, and its errors (each with the file's line)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

POINT_KEYS = [
    "x",
    "y",
    "rebase_group",
    "mean",
    "lpl",
    "upl",
    "outside_limits",
    "relative_to_mean",
    "close_to_limits",
    "special_cause_rule",
    "point_type",
    "trial_limits",
]


def run(tmp_path, text: str | bytes, *args: str) -> dict:
    path = tmp_path / "series.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    out = io.StringIO()
    call_command("spc", str(path), *args, stdout=out)
    return json.loads(out.getvalue())


def csv_of(values, rebase_at=(), months=True) -> str:
    lines = ["x,y,rebase"]
    for i, v in enumerate(values):
        x = f"{2021 + (i + 3) // 12}-{(i + 3) % 12 + 1:02d}" if months else str(i)
        lines.append(f"{x},{v},{1 if i in rebase_at else ''}")
    return "\n".join(lines) + "\n"


# 10, 12 alternately then 12, 13, ...: the hand-worked shift of test_spc_known_series.
SHIFT = [10, 12] * 5 + [12, 13, 12, 13, 12, 13, 12]


def test_the_json_has_the_issues_shape(tmp_path):
    result = run(tmp_path, csv_of(SHIFT))
    assert list(result) == ["points", "variation_icon", "assurance"]
    assert len(result["points"]) == 17
    for point in result["points"]:
        assert list(point) == POINT_KEYS
    first, last = result["points"][0], result["points"][-1]
    assert first["x"] == "2021-04" and first["y"] == 10.0 and first["rebase_group"] == 0
    assert first["mean"] == pytest.approx(197 / 17) and first["upl"] == pytest.approx(197 / 17 + 3.99)
    assert first["outside_limits"] is False and first["close_to_limits"] is False
    assert first["relative_to_mean"] == -1
    assert first["special_cause_rule"] is None and first["point_type"] == "common_cause"
    assert first["trial_limits"] is False
    assert last["special_cause_rule"] == "shift" and last["point_type"] == "special_cause_improvement"
    assert result["variation_icon"] == "improvement_high"
    assert result["assurance"] is None


def test_the_options(tmp_path):
    text = csv_of(SHIFT)
    assert run(tmp_path, text, "--target", "7")["assurance"] == "consistent_pass"
    assert run(tmp_path, text, "--target", "16")["assurance"] == "consistent_fail"
    down = run(tmp_path, text, "--improvement", "decrease", "--target", "16")
    assert down["assurance"] == "consistent_pass" and down["variation_icon"] == "concern_high"
    assert down["points"][-1]["point_type"] == "special_cause_concern"
    neutral = run(tmp_path, text, "--improvement", "neutral")
    assert neutral["points"][-1]["point_type"] == "special_cause_neutral_high"
    assert neutral["variation_icon"] == "neutral_high" and neutral["assurance"] is None
    fixed = run(tmp_path, text, "--fix-after", "12")
    assert fixed["points"][0]["mean"] == 135 / 12  # (10 + 12) × 5 + 12 + 13 = 135
    spiky = csv_of([0, 1, 0, 1, 0, 1, 0, 1, 0, 6, 26])
    screened, unscreened = run(tmp_path, spiky), run(tmp_path, spiky, "--no-screen-outliers")
    assert unscreened["points"][0]["upl"] > screened["points"][0]["upl"]


def test_rebase_column(tmp_path):
    result = run(tmp_path, csv_of([10, 12] * 7 + [30, 32] * 7, rebase_at=(14,)))
    assert [p["rebase_group"] for p in result["points"]] == [0] * 14 + [1] * 14
    assert result["points"][0]["mean"] == 11 and result["points"][14]["mean"] == 31
    assert all(p["special_cause_rule"] is None for p in result["points"])


def test_x_is_printed_as_given_and_rebase_may_be_absent(tmp_path):
    result = run(tmp_path, "x,y\nApr 2023,1\nMay 2023,2.5\nJun 2023,-3\n")
    assert [(p["x"], p["y"]) for p in result["points"]] == [
        ("Apr 2023", 1),
        ("May 2023", 2.5),
        ("Jun 2023", -3),
    ]
    assert all(p["trial_limits"] for p in result["points"])


def test_a_spreadsheet_export_with_a_bom_blank_lines_and_spaces_is_read(tmp_path):
    text = "\ufeffY , X\r\n3, a\r\n\r\n4 ,b\r\n,\r\n5,c\r\n"
    result = run(tmp_path, text.encode("utf-8"))
    assert [p["x"] for p in result["points"]] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("x\n1\n2\n", "line 1: .*y is missing"),
        ("y,value\n1,2\n", "line 1: .*x is missing"),
        ("x,y,note\n1,2,a\n", "line 1: unknown column 'note'"),
        ("x,y,y\n1,2,3\n", "line 1: the column 'y' appears twice"),
        ("x,y\n1,2\n2,3,4\n", "line 3: 3 fields where the header has 2"),
        ("x,y\n1,2\n,3\n", "line 3: x is empty"),
        ("x,y\n1,2\n2,3\n1,4\n", "line 4: x '1' is repeated \\(first on line 2\\)"),
        ("x,y\n1,2\n2,\n", "line 3: y is missing"),
        ("x,y\n1,2\n2,two\n", "line 3: y is 'two', which is not a number"),
        ("x,y\n1,2\n2,1,5\n", "line 3: 3 fields"),
        ("x,y\n1,2\n2,nan\n", "line 3: y is 'nan': it must be a finite number"),
        ("x,y\n1,2\n2,inf\n", "line 3: y is 'inf'"),
        ("x,y,rebase\n1,2,\n2,3,yes\n", "line 3: rebase is 'yes'"),
        ("x,y,rebase\n1,2,1\n2,3,\n3,4,\n", "line 2: rebase on the first point"),
        ("x,y\n1,2\n", "1 point is not enough data"),
        ("x,y\n", "0 points is not enough data"),
        (
            "x,y,rebase\n1,2,\n2,3,\n3,4,\n4,5,1\n",
            "the baseline starting at the point on line 5 has only 1 point",
        ),
        (
            "x,y,rebase\n1,2,\n\n2,3,\n3,4,1\n\n4,5,1\n5,6,\n",
            "the baseline starting at the point on line 5 has only 1 point",
        ),
    ],
)
def test_bad_files_say_which_line_and_why(tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, text)


def test_bad_options(tmp_path):
    text = csv_of(SHIFT)
    with pytest.raises(CommandError, match="neutral indicator has no target"):
        run(tmp_path, text, "--improvement", "neutral", "--target", "5")
    with pytest.raises(CommandError, match="at least 12"):
        run(tmp_path, text, "--fix-after", "11")
    with pytest.raises(CommandError, match="invalid choice"):
        run(tmp_path, text, "--improvement", "up")
    with pytest.raises(CommandError, match="finite"):
        run(tmp_path, text, "--target", "nan")


def test_a_missing_or_unreadable_file(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("spc", str(tmp_path / "nowhere.csv"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not UTF-8"):
        run(tmp_path, b"x,y\n1,\xff\n")
