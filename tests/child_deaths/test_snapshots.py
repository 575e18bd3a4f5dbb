"""The analysis is kept between requests and never outlives a change to what it counts."""

import datetime as dt

import pytest

from lscp.child_deaths import importer, snapshots, workflow
from lscp.child_deaths.categories import Category, Modifiable
from lscp.child_deaths.models import ChildDeath
from tests.child_deaths.conftest import ALL_SCORED, notification

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2024, 4, 1), dt.date(2025, 3, 31))


def concluded(officer, **changes) -> ChildDeath:
    case = workflow.notify(by=officer, **notification(expectation="expected", **changes))
    ChildDeath.objects.filter(pk=case.pk).update(stage="cdrm")
    case.refresh_from_db()
    workflow.record_panel_review(
        case,
        completed_on=dt.date(2024, 9, 2),
        category=Category.CHRONIC,
        modifiable=Modifiable.NO,
        scores=ALL_SCORED,
        by=officer,
    )
    return case


def test_a_kept_analysis_is_served_without_counting_again(officer, django_assert_num_queries):
    concluded(officer)
    first = snapshots.analysis(*YEAR, suppressed=False)
    assert first.completed.count == 1
    with django_assert_num_queries(1):  # the version token only
        again = snapshots.analysis(*YEAR, suppressed=False)
    assert again == first


def test_a_new_review_or_a_changed_case_shows_at_once(officer):
    case = concluded(officer)
    assert snapshots.analysis(*YEAR, suppressed=False).completed.count == 1
    concluded(officer, full_name="Another Placeholder", nhs_number="", no_nhs_number_reason="Synthetic")
    assert snapshots.analysis(*YEAR, suppressed=False).completed.count == 2
    case.sex = "female"
    case.save()
    sexes = {cell.label: cell.count for cell in snapshots.analysis(*YEAR, suppressed=False).sexes}
    assert sexes["Female"] == 1 and sexes["Male"] == 1


def test_an_import_shows_at_once(officer):
    concluded(officer)
    assert snapshots.analysis(*YEAR, suppressed=False).completed.count == 1
    header = importer.template_csv().decode("utf-8-sig").splitlines()[0]
    columns = header.split(",")
    row = dict.fromkeys(columns, "")
    row.update(
        external_reference="ECDOP-1",
        full_name="Imported Placeholder",
        date_of_birth="2020-01-01",
        sex="female",
        ethnicity="White British",
        no_nhs_number_reason="Synthetic",
        date_of_death="2024-01-05",
        place_of_death="Home",
        expected_or_unexpected="expected",
        notified_on="2024-01-06",
        panel_completed_on="2024-10-01",
        category="6",
        modifiable="no",
    )
    data = (header + "\n" + ",".join(row[c] for c in columns) + "\n").encode()
    result = importer.import_file(data, "cases.csv")
    assert not result.errors, result.errors
    assert snapshots.analysis(*YEAR, suppressed=False).completed.count == 2
