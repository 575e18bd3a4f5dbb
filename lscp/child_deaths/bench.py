"""National-scale synthetic child death reviews for `make bench`: ten years of closed cases, each
with the panel's conclusions (category, modifiable factors, all four domains scored, up to three
named factors), shaped roughly like England's (about 3,500 deaths a year; most in the first year
of life, most of those in the first four weeks).

Children are synthetic, with NHS numbers in the 999 test range that pass the check digit, taken
from a block the demo does not use. Rows go in with bulk_create, in batches: `age_band` is set
here, because bulk_create does not call `ChildDeath.save`.
"""

import datetime as dt

from django.utils import timezone

from lscp.child_deaths import snapshots
from lscp.child_deaths.categories import (
    DEFAULT_FACTORS,
    AgeBand,
    Category,
    Contribution,
    Domain,
    Expectation,
    Modifiable,
    Sex,
    age_band,
)
from lscp.child_deaths.models import ChildDeath, DomainScore, Factor, PanelReview, Stage
from lscp.core.nhs_number import TEST_RANGE_PREFIX, with_check_digit

DEPENDS_ON = ["core", "accounts"]
MARKER = "Bench Child"
BATCH = 5000
YEARS = 10
FIRST_SERIAL = 100_000  # 999100000 onwards; the demo's children are 99970....
# Rough national shares, as weights.
AGE_DAYS = {  # band → (youngest, oldest) age at death in days
    AgeBand.NEONATAL: (0, 27),
    AgeBand.INFANT: (28, 364),
    AgeBand.YEARS_1_4: (366, 5 * 365 - 2),
    AgeBand.YEARS_5_9: (5 * 365 + 2, 10 * 365 - 3),
    AgeBand.YEARS_10_14: (10 * 365 + 3, 15 * 365 - 4),
    AgeBand.YEARS_15_17: (15 * 365 + 4, 18 * 365 - 5),
}
AGE_WEIGHTS = [42, 20, 10, 7, 9, 12]
CATEGORY_WEIGHTS = {
    Category.DELIBERATE_HARM: 2,
    Category.SUICIDE: 5,
    Category.TRAUMA: 6,
    Category.MALIGNANCY: 7,
    Category.ACUTE: 8,
    Category.CHRONIC: 6,
    Category.ANOMALIES: 22,
    Category.PERINATAL: 30,
    Category.INFECTION: 6,
    Category.SUDDEN_UNEXPLAINED: 8,
}
ALWAYS_UNEXPECTED = {Category.DELIBERATE_HARM, Category.SUICIDE, Category.SUDDEN_UNEXPLAINED}
SEXES = [Sex.MALE, Sex.FEMALE, Sex.INDETERMINATE, Sex.NOT_KNOWN]
SEX_WEIGHTS = [55, 44, 0.5, 0.5]
MODIFIABLE = [Modifiable.YES, Modifiable.NO, Modifiable.INSUFFICIENT]
MODIFIABLE_WEIGHTS = [35, 60, 5]


def seed(scale, rng) -> None:
    total = getattr(scale, "child_deaths", 40_000)
    today = timezone.localdate()
    factors = _factors()
    specs = [_spec(rng, today) for _ in range(total)]
    case_ids = _seed_cases(rng, specs)
    review_ids = _seed_reviews(rng, specs, case_ids)
    _seed_scores(specs, review_ids)
    _seed_factors(rng, specs, review_ids, factors)
    snapshots.changed()  # bulk_create sends no signals


def _factors() -> dict[int, str]:
    """{factor id: domain} for the panel's list, making the default factors if they are missing."""
    for name, domain in DEFAULT_FACTORS:
        Factor.objects.get_or_create(name=name, defaults={"domain": domain})
    return dict(Factor.objects.filter(active=True).values_list("pk", "domain"))


def _spec(rng, today: dt.date) -> dict:
    """One death: when, how old, its category and what the panel concluded."""
    band = rng.choices(list(AGE_DAYS), AGE_WEIGHTS)[0]
    died_on = today - dt.timedelta(days=rng.randint(120, YEARS * 365))
    born = died_on - dt.timedelta(days=rng.randint(*AGE_DAYS[band]))
    category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
    unexpected = category in ALWAYS_UNEXPECTED or rng.random() < 0.2
    return {
        "born": born,
        "died_on": died_on,
        "expectation": Expectation.UNEXPECTED if unexpected else Expectation.EXPECTED,
        "sex": rng.choices(SEXES, SEX_WEIGHTS)[0],
        "category": category,
        "modifiable": rng.choices(MODIFIABLE, MODIFIABLE_WEIGHTS)[0],
        # The panel meets every few weeks; reviews conclude three months to eighteen months on.
        "completed_on": min(died_on + dt.timedelta(days=rng.randint(90, 540)), today - dt.timedelta(days=1)),
    }


def _nhs_numbers(count: int):
    serial = FIRST_SERIAL
    for _ in range(count):
        while (number := with_check_digit(f"{TEST_RANGE_PREFIX}{serial:06d}")) is None:
            serial += 1
        serial += 1
        yield number


def _seed_cases(rng, specs: list[dict]) -> list[int]:
    numbers = _nhs_numbers(len(specs))
    rows = []
    for n, spec in enumerate(specs):
        # A few children never had an NHS number (born abroad, say): the reason is recorded.
        number = next(numbers)
        known = rng.random() < 0.97
        rows.append(
            ChildDeath(
                full_name=f"{MARKER} {n:06d}",
                date_of_birth=spec["born"],
                sex=spec["sex"],
                ethnicity="Not recorded",
                nhs_number=number if known else "",
                no_nhs_number_reason="" if known else "Born abroad; not registered with a GP",
                died_on=spec["died_on"],
                place_of_death="Hospital",
                expectation=spec["expectation"],
                age_band=age_band(spec["born"], spec["died_on"]),
                notified_on=spec["died_on"] + dt.timedelta(days=rng.randint(0, 3)),
                stage=Stage.CLOSED,
            )
        )
    ChildDeath.objects.bulk_create(rows, batch_size=BATCH)
    # Primary keys in the order made, which is the order of `specs`.
    return list(
        ChildDeath.objects.filter(full_name__startswith=MARKER).order_by("pk").values_list("pk", flat=True)
    )


def _seed_reviews(rng, specs: list[dict], case_ids: list[int]) -> list[int]:
    rows = [
        PanelReview(
            case_id=case_id,
            completed_on=spec["completed_on"],
            category=spec["category"],
            modifiable=spec["modifiable"],
            conclusions="Bench conclusions.",
        )
        for spec, case_id in zip(specs, case_ids, strict=True)
    ]
    PanelReview.objects.bulk_create(rows, batch_size=BATCH)
    by_case = dict(
        PanelReview.objects.filter(case__full_name__startswith=MARKER).values_list("case_id", "pk")
    )
    return [by_case[case_id] for case_id in case_ids]


def _seed_scores(specs: list[dict], review_ids: list[int]) -> None:
    """Every domain scored; a review with modifiable factors has at least one domain where
    factors may have contributed (the national form's rule)."""
    rows = []
    for spec, review_id in zip(specs, review_ids, strict=True):
        for domain in Domain:
            if spec["modifiable"] == Modifiable.YES and domain == Domain.SOCIAL:
                contribution = Contribution.MAY_HAVE
            elif spec["modifiable"] == Modifiable.INSUFFICIENT and domain == Domain.SERVICES:
                contribution = Contribution.NOT_KNOWN
            else:
                contribution = Contribution.NONE
            rows.append(DomainScore(review_id=review_id, domain=domain, contribution=contribution))
        if len(rows) >= BATCH:
            DomainScore.objects.bulk_create(rows)
            rows = []
    DomainScore.objects.bulk_create(rows)


def _seed_factors(rng, specs: list[dict], review_ids: list[int], factors: dict[int, str]) -> None:
    """Up to three named factors on each review that found modifiable factors."""
    Through = PanelReview.factors.through
    factor_ids = sorted(factors)
    rows = []
    for spec, review_id in zip(specs, review_ids, strict=True):
        if spec["modifiable"] != Modifiable.YES:
            continue
        for factor_id in rng.sample(factor_ids, rng.choices([0, 1, 2, 3], [10, 35, 35, 20])[0]):
            rows.append(Through(panelreview_id=review_id, factor_id=factor_id))
    Through.objects.bulk_create(rows, batch_size=BATCH)
