"""Recommendation figures for a period, computed from the records and traceable to them."""

import datetime as dt

import pytest
from django.utils import timezone

from lscp.improvement.figures import recommendation_figures
from lscp.improvement.models import ActionStatus, RecommendationStatus
from lscp.improvement.progress import raise_action
from tests.factories import AgencyFactory, UserFactory
from tests.improvement.threads import a_recommendation

pytestmark = pytest.mark.django_db
S = RecommendationStatus


def at(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_figures_for_a_year():
    start, end = dt.date(2023, 4, 1), dt.date(2024, 3, 31)
    officer = UserFactory(roles=["Business officer"])
    police = AgencyFactory(name="Police")
    inside = a_recommendation(made_on=dt.date(2023, 5, 1), agencies=[police], due_date=dt.date(2023, 9, 1))
    before = a_recommendation(made_on=dt.date(2022, 5, 1), due_date=dt.date(2022, 9, 1))
    late = a_recommendation(made_on=dt.date(2023, 6, 1), due_date=dt.date(2024, 1, 1))
    for step, (to, day) in enumerate(
        [
            (S.ACTIONS_AGREED, dt.date(2023, 5, 10)),
            (S.IN_PROGRESS, dt.date(2023, 6, 1)),
            (S.IMPLEMENTED, dt.date(2023, 8, 1)),
            (S.IMPACT_EVIDENCED, dt.date(2023, 12, 1)),
            (S.CLOSED, dt.date(2024, 2, 1)),
        ]
    ):
        inside.transitions.create(from_status=S.values[step], to_status=to, at=at(day), by=officer)
    # Implemented in the year before: not "implemented" this year, and not overdue at the end.
    before.transitions.create(
        from_status=S.IN_PROGRESS, to_status=S.IMPLEMENTED, at=at(dt.date(2022, 8, 1)), by=officer
    )
    for n, (due, done) in enumerate(
        [(dt.date(2023, 7, 1), dt.date(2023, 6, 20)), (dt.date(2023, 7, 1), dt.date(2023, 7, 9))]
    ):
        action = raise_action(
            source=None,
            source_kind="other",
            title=f"A{n}",
            owner=officer,
            agency=police,
            due_date=due,
            recommendation=inside,
        )
        action.status, action.completed_on = ActionStatus.COMPLETED, done
        action.save()

    figures = recommendation_figures(start, end)

    assert figures.records["made"] == (inside.reference, late.reference)
    assert figures.made == 2
    assert figures.records["implemented"] == (inside.reference,)
    assert figures.impact_evidenced == 1 and figures.closed == 1
    assert figures.records["overdue_at_end"] == (late.reference,)
    assert figures.made_by_source.counts == {"Other": 2}
    assert figures.made_by_agency.records["Police"] == (inside.reference,)
    assert (figures.actions_completed, figures.actions_completed_on_time) == (2, 1)
