"""The recommendation tracker: filters, exports, the thread page, and queries bounded by page size."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lscp.core.models import AccessEntry, AccessKind
from lscp.improvement.models import LearningTheme, RecommendationStatus
from lscp.improvement.progress import raise_action
from tests.factories import AgencyFactory, GroupFactory, UserFactory
from tests.improvement.threads import a_recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client_for, make_user):
    return client_for(make_user(roles=["Group member"]))


def refs(response) -> list[str]:
    return [r.reference for r in response.context["page"].object_list]


def test_filters(staff):
    today = dt.date.today()
    theme = LearningTheme.objects.create(name="Safe sleep", slug="safe-sleep")
    agency, group = AgencyFactory(), GroupFactory()
    late = a_recommendation(group=group, agencies=[agency], due_date=today - dt.timedelta(days=1))
    late.themes.add(theme)
    done = a_recommendation(due_date=today - dt.timedelta(days=1))
    done.status = RecommendationStatus.IMPLEMENTED
    done.save()
    other = a_recommendation()
    url = reverse("improvement:recommendations")
    assert set(refs(staff.get(url))) == {late.reference, done.reference, other.reference}
    assert refs(staff.get(url, {"agency": agency.pk})) == [late.reference]
    assert refs(staff.get(url, {"group": group.pk})) == [late.reference]
    assert refs(staff.get(url, {"theme": theme.pk})) == [late.reference]
    assert refs(staff.get(url, {"overdue": "on"})) == [late.reference]
    assert refs(staff.get(url, {"status": "implemented"})) == [done.reference]
    assert len(refs(staff.get(url, {"source_kind": "other"}))) == 3
    assert refs(staff.get(url, {"source_kind": "rapid_review"})) == []
    assert refs(staff.get(url, {"sort": "made"}))[0] == late.reference


def test_exports_match_the_filters_and_are_logged(staff):
    agency = AgencyFactory()
    wanted = a_recommendation(agencies=[agency], text="=HYPERLINK(bad)")
    a_recommendation()
    response = staff.get(reverse("improvement:recommendations-csv"), {"agency": agency.pk})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Reference"
    assert [row[0] for row in rows[1:]] == [wanted.reference]
    assert rows[1][1].startswith("'=")
    xlsx = staff.get(reverse("improvement:recommendations-xlsx"))
    assert xlsx.status_code == 200
    assert AccessEntry.objects.filter(kind=AccessKind.EXPORTED).count() == 2


def test_practitioners_see_nothing(client_for, make_user):
    practitioner = client_for(make_user(roles=["Practitioner"]))
    recommendation = a_recommendation()
    assert practitioner.get(reverse("improvement:recommendations")).status_code == 403
    assert practitioner.get(recommendation.get_absolute_url()).status_code == 403


def seed(n: int) -> None:
    group, officer = GroupFactory(), UserFactory()
    agencies = [AgencyFactory() for _ in range(3)]
    theme = LearningTheme.objects.create(name=f"Theme {n}", slug=f"theme-{n}")
    for i in range(n):
        recommendation = a_recommendation(group=group, agencies=agencies[: 1 + i % 3], raised_by=officer)
        recommendation.themes.add(theme)
        raise_action(
            source=None,
            source_kind="other",
            title=f"Action {i}",
            owner=officer,
            agency=agencies[0],
            due_date=dt.date(2023, 6, 1),
            recommendation=recommendation,
        )
        recommendation.evidence.create(kind="completion", text="Done", added_by=officer)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_data(staff):
    seed(3)
    first = a_recommendation()
    staff.get(reverse("home"))  # the first request of a session does its own one-off work
    small = {
        "tracker": count_queries(staff, reverse("improvement:recommendations")),
        "last page": count_queries(staff, reverse("improvement:recommendations") + "?page=last"),
        "thread": count_queries(staff, first.get_absolute_url()),
        "learning needs": count_queries(staff, reverse("improvement:learning-needs")),
    }
    seed(40)
    large = {
        "tracker": count_queries(staff, reverse("improvement:recommendations")),
        "last page": count_queries(staff, reverse("improvement:recommendations") + "?page=last"),
        "thread": count_queries(staff, first.get_absolute_url()),
        "learning needs": count_queries(staff, reverse("improvement:learning-needs")),
    }
    assert large == small
