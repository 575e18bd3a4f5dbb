"""The import benchmark, run small: its files import cleanly and its figures add up."""

import pytest

from lscp.child_deaths import bench_import
from lscp.child_deaths.models import ChildDeath, PanelReview

pytestmark = pytest.mark.django_db


def test_the_synthetic_export_imports_as_csv_and_as_xlsx():
    figures = bench_import.measure(rows=40)
    assert [f["format"] for f in figures] == ["csv", "xlsx"]
    assert ChildDeath.objects.count() == 80 and PanelReview.objects.count() == 80
    for f in figures:
        assert f["rows"] == 40 and f["import_s"] > 0 and f["rows_per_second"] > 0
        assert f["ratio_to_reading"] > 1  # importing checks and writes: never faster than reading
