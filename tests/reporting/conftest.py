import datetime as dt

import pytest
from django.utils import timezone

from lscp.governance.models import GroupKind
from tests.factories import GroupFactory

YEAR_START, YEAR_END = dt.date(2021, 4, 1), dt.date(2022, 3, 31)


def at(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.fixture
def executive(db):
    return GroupFactory(name="Executive", short_name="Executive", slug="executive", kind=GroupKind.EXECUTIVE)


@pytest.fixture
def csprg(db):
    return GroupFactory(
        name="Child Safeguarding Practice Review Group", short_name="CSPRG", slug="csprg", order=1
    )
