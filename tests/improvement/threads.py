"""Helpers for recommendation tests: a recommendation with a group, agencies and people."""

import datetime as dt

from lscp.improvement.recommendations import OTHER_SOURCE, raise_recommendation
from tests.factories import AgencyFactory, GroupFactory, UserFactory


def a_recommendation(*, group=None, agencies=None, raised_by=None, made_on=None, due_date=None, **kwargs):
    return raise_recommendation(
        source=None,
        source_kind=OTHER_SOURCE,
        text=kwargs.pop("text", "Agencies should check who lives in the household."),
        group=group or GroupFactory(),
        agencies=agencies if agencies is not None else [AgencyFactory()],
        made_on=made_on or dt.date(2023, 4, 3),
        due_date=due_date,
        raised_by=raised_by or UserFactory(roles=["Business officer"]),
        source_description="Scrutineer's report",
        **kwargs,
    )
