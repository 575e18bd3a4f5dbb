"""The national child death analysis form's vocabularies (NCMD / Child Death Review statutory guidance).

Kept apart from the models so the analysis, the import and the forms read one list.
"""

import datetime as dt

from django.db import models


class Category(models.TextChoices):
    """The ten categories of death, in the form's hierarchy: the panel records the FIRST that applies.

    The stored value is the form's own number, so an eCDOP or NCMD export maps straight across.
    """

    DELIBERATE_HARM = "1", "Deliberately inflicted injury, abuse or neglect"
    SUICIDE = "2", "Suicide or deliberate self-inflicted harm"
    TRAUMA = "3", "Trauma and other external factors, including medical or surgical complications or error"
    MALIGNANCY = "4", "Malignancy"
    ACUTE = "5", "Acute medical or surgical condition"
    CHRONIC = "6", "Chronic medical condition"
    ANOMALIES = "7", "Chromosomal, genetic and congenital anomalies"
    PERINATAL = "8", "Perinatal or neonatal event"
    INFECTION = "9", "Infection"
    SUDDEN_UNEXPLAINED = "10", "Sudden unexpected, unexplained death"


class Domain(models.TextChoices):
    """The four domains in which the panel looks for factors that may have contributed."""

    CHILD = "child", "Factors intrinsic to the child"
    SOCIAL = "social", "Social environment, including family and parenting capacity"
    PHYSICAL = "physical", "Physical environment"
    SERVICES = "services", "Service provision"


class Contribution(models.TextChoices):
    """How the panel scores each domain (the form's 0 / 1 / 2)."""

    NOT_KNOWN = "0", "Information not available"
    NONE = "1", "No factors identified, or factors identified that are unlikely to have contributed"
    MAY_HAVE = "2", "Factors identified that may have contributed to the death"


class Modifiable(models.TextChoices):
    YES = "yes", "Yes: modifiable factors identified"
    NO = "no", "No modifiable factors identified"
    INSUFFICIENT = "insufficient", "Insufficient information"


class Expectation(models.TextChoices):
    EXPECTED = "expected", "Expected"
    UNEXPECTED = "unexpected", "Unexpected"


UNEXPECTED_HELP = (
    "Unexpected means the death was not anticipated as a significant possibility 24 hours before "
    "it happened, or there was a similarly unexpected collapse leading to or starting the events "
    "that led to the death."
)


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    INDETERMINATE = "indeterminate", "Indeterminate"
    NOT_KNOWN = "not_known", "Not known"


# Named factors a new partnership starts with (the panel's list is editable: `Factor` rows).
DEFAULT_FACTORS: list[tuple[str, str]] = [
    ("Smoking", Domain.SOCIAL),
    ("Parental substance use", Domain.SOCIAL),
    ("Parental alcohol use", Domain.SOCIAL),
    ("Domestic abuse", Domain.SOCIAL),
    ("Parental mental ill-health", Domain.SOCIAL),
    ("Unsafe sleep", Domain.PHYSICAL),
    ("Road traffic: speed or road design", Domain.PHYSICAL),
    ("Child's mental health", Domain.CHILD),
    ("Obesity in pregnancy", Domain.CHILD),
    ("Delay in recognising illness", Domain.SERVICES),
    ("Communication between agencies", Domain.SERVICES),
]


class AgeBand(models.TextChoices):
    """The report's age bands at death, youngest first (`age_band` puts a death in one)."""

    NEONATAL = "0-27d", "Under 28 days"
    INFANT = "28d-1y", "28 days to under 1 year"
    YEARS_1_4 = "1-4", "1 to 4 years"
    YEARS_5_9 = "5-9", "5 to 9 years"
    YEARS_10_14 = "10-14", "10 to 14 years"
    YEARS_15_17 = "15-17", "15 to 17 years"


def whole_years(born: dt.date, on: dt.date) -> int:
    """Completed years of age on a day (a child born on 29 February turns a year older on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: dt.date, died: dt.date) -> AgeBand:
    """The band for a death: days for the first year (the neonatal period is the first 27 days),
    completed years after."""
    if (died - born).days < 28:
        return AgeBand.NEONATAL
    years = whole_years(born, died)
    if years < 1:
        return AgeBand.INFANT
    if years < 5:
        return AgeBand.YEARS_1_4
    if years < 10:
        return AgeBand.YEARS_5_9
    if years < 15:
        return AgeBand.YEARS_10_14
    return AgeBand.YEARS_15_17
