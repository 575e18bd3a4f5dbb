"""Closed reviews made directly, for tests of the analysis: every field the analysis reads."""

import datetime as dt
import itertools

from lscp.child_deaths.categories import Category, Expectation, Modifiable, Sex
from lscp.child_deaths.models import ChildDeath, Factor, PanelReview, Stage

_names = itertools.count(1)


def factor(name: str) -> Factor:
    return Factor.objects.get_or_create(name=name, defaults={"domain": "social"})[0]


def review(
    completed_on=dt.date(2021, 6, 10),
    died_on=dt.date(2020, 11, 3),
    age_days=100,
    category=Category.SUDDEN_UNEXPLAINED,
    expectation=Expectation.UNEXPECTED,
    sex=Sex.FEMALE,
    modifiable=Modifiable.NO,
    factors=(),
) -> PanelReview:
    case = ChildDeath.objects.create(
        full_name=f"Test Child {next(_names)}",
        date_of_birth=died_on - dt.timedelta(days=age_days),
        sex=sex,
        ethnicity="Not recorded",
        died_on=died_on,
        place_of_death="Home",
        expectation=expectation,
        notified_on=died_on,
        stage=Stage.CLOSED,
    )
    made = PanelReview.objects.create(
        case=case, completed_on=completed_on, category=category, modifiable=modifiable
    )
    made.factors.set(factor(name) for name in factors)
    return made
