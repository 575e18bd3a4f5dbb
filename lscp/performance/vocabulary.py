"""The data set's vocabularies: units, improvement directions, kinds of indicator and of area, and
what a value in each unit may be.

`UNIT_RULES` is the one statement of what a value may be: the model's checks, manual entry and
the importer's column-at-once checks all read it, so they cannot disagree.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models

# Values are kept to four decimal places, and under ten thousand million: a float holds every such
# value exactly enough to round-trip, which lets the importer check a million values at once.
DECIMAL_PLACES = 4
MAX_DIGITS = 14
LIMIT = 10**10


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate_10k", "Rate per 10,000 children"
    DAYS = "days", "Days"
    NUMBER = "number", "Number"


# A derived indicator's factor: numerator / denominator x factor.
FACTORS = {Unit.PERCENTAGE: 100, Unit.RATE: 10_000, Unit.NUMBER: 1}


class Direction(models.TextChoices):
    INCREASE = "increase", "Higher is better"
    DECREASE = "decrease", "Lower is better"
    NEUTRAL = "neutral", "Neither: for context"


class IndicatorKind(models.TextChoices):
    REPORTED = "reported", "Reported: a value is supplied each period"
    DERIVED = "derived", "Derived: worked out from a numerator and a denominator"


class AreaKind(models.TextChoices):
    OWN = "own", "The partnership's area"
    DISTRICT = "district", "Another district in the region"
    NEIGHBOUR = "neighbour", "Statistical neighbour"
    REGION = "region", "The region"
    ENGLAND = "england", "England"


@dataclass(frozen=True)
class UnitRule:
    minimum: float | None
    maximum: float | None
    whole: bool
    what: str  # "A percentage", for the messages


UNIT_RULES = {
    Unit.COUNT: UnitRule(0, None, True, "A count"),
    Unit.PERCENTAGE: UnitRule(0, 100, False, "A percentage"),
    Unit.RATE: UnitRule(0, None, False, "A rate"),
    Unit.DAYS: UnitRule(0, None, False, "A number of days"),
    Unit.NUMBER: UnitRule(None, None, False, "A number"),
}


def value_problem(unit: str, value: Decimal | float) -> str:
    """Why a value cannot be one of this unit's ("A percentage cannot be more than 100"), or ""."""
    rule = UNIT_RULES[Unit(unit)]
    value = float(value)  # exact enough: values have at most 14 digits
    if abs(value) >= LIMIT:
        return f"{rule.what} must be less than {LIMIT:,}"
    if rule.minimum is not None and value < rule.minimum:
        return f"{rule.what} cannot be negative"
    if rule.maximum is not None and value > rule.maximum:
        return f"{rule.what} cannot be more than {rule.maximum}"
    if rule.whole and value != int(value):
        return f"{rule.what} must be a whole number"
    return ""


def plain(value: Decimal | float) -> str:
    """A value as people write it: 10, not 10.0000; 62.5, not 6.25E+1."""
    return format(Decimal(str(value)).normalize(), "f")
