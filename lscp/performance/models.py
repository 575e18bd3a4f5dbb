"""The multi-agency data set: indicators, their targets, the areas they are compared across, and
the values (observations) supplied for each indicator, area and period.

A period is stored as the date it starts (`period_start`), read with the indicator's frequency
(see periods.py), so a series is a date-ordered query. A value that is corrected keeps the value it
replaced in `ObservationCorrection`; a target that changes is a new `Target` from a later date.
Derived indicators (a percentage or a rate) store no values of their own: derived.py works them out
from their numerator's and denominator's, so rates compare fairly across areas.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Lower, Now
from django.utils import timezone

from lscp.performance.periods import Frequency, Period, PeriodError, check_reportable, is_start
from lscp.performance.vocabulary import (
    DECIMAL_PLACES,
    FACTORS,
    MAX_DIGITS,
    AreaKind,
    Direction,
    IndicatorKind,
    Unit,
    plain,
    value_problem,
)


def _decimal(**options) -> models.DecimalField:
    return models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, **options)


class Indicator(models.Model):
    """A KPI in the data set: what is measured, in what unit, which way is better, and who owns it."""

    code = models.CharField(max_length=20, unique=True, help_text="Short; how import files name it.")
    name = models.CharField(max_length=200, unique=True)
    definition = models.TextField(blank=True, help_text="What is counted, and how.")
    unit = models.CharField(max_length=12, choices=Unit.choices)
    direction = models.CharField("Improvement", max_length=10, choices=Direction.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    owner = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="indicators", verbose_name="Owner agency"
    )
    source_system = models.CharField(max_length=100, blank=True)
    groups = models.ManyToManyField(
        "governance.Group", blank=True, related_name="indicators", help_text="The groups that watch it."
    )
    published = models.BooleanField(default=False, help_text="Shown in published reports.")
    kind = models.CharField(max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.REPORTED)
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="numerator_of"
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="denominator_of"
    )
    factor = models.PositiveIntegerField(null=True, blank=True, help_text="100 for a percentage.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="indicator_code_unique_in_any_case"),
            # A derived indicator has all three parts; a reported one has none.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=IndicatorKind.DERIVED,
                        numerator__isnull=False,
                        denominator__isnull=False,
                        factor__isnull=False,
                    )
                    | models.Q(
                        kind=IndicatorKind.REPORTED,
                        numerator__isnull=True,
                        denominator__isnull=True,
                        factor__isnull=True,
                    )
                ),
                name="indicator_derived_has_its_parts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.is_derived and self.factor is None and self.unit in FACTORS:
            self.factor = FACTORS[Unit(self.unit)]
        super().save(*args, **kwargs)

    @property
    def is_derived(self) -> bool:
        return self.kind == IndicatorKind.DERIVED

    @property
    def is_percentage(self) -> bool:
        return self.unit == Unit.PERCENTAGE

    def target_on(self, day: dt.date) -> "Target | None":
        """The target in force on `day`: the latest to apply from that day or before."""
        return self.targets.filter(applies_from__lte=day).order_by("-applies_from").first()

    def clean(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError(problems)

    def problems(self) -> dict[str, str]:
        """What is wrong with the indicator as it stands, by field."""
        problems = {}
        if self.is_derived:
            problems.update(self._derived_problems())
        elif self.kind == IndicatorKind.REPORTED and (
            self.numerator_id or self.denominator_id or self.factor
        ):
            problems["kind"] = "Only a derived indicator has a numerator, a denominator and a factor"
        if self.pk and self.observations.exists():
            stored = Indicator.objects.filter(pk=self.pk).values_list("frequency", flat=True).first()
            if stored != self.frequency:
                problems["frequency"] = (
                    "The indicator has values for its periods: its frequency cannot change"
                )
        return problems

    def _derived_problems(self) -> dict[str, str]:
        problems = {}
        for name in ("numerator", "denominator"):
            part = getattr(self, name)
            if part is None:
                problems[name] = f"A derived indicator needs a {name}"
            elif part.pk == self.pk or part.kind != IndicatorKind.REPORTED or part.unit != Unit.COUNT:
                problems[name] = f"The {name} must be another indicator: a reported count"
            elif part.frequency != self.frequency:
                problems[name] = f"The {name} must have the same frequency ({self.get_frequency_display()})"
        expected = FACTORS.get(Unit(self.unit)) if self.unit else None
        if expected is None:
            problems["unit"] = "A derived indicator is a percentage, a rate per 10,000 children or a number"
        elif self.factor is None:
            self.factor = expected
        elif self.unit != Unit.NUMBER and self.factor != expected:
            problems["factor"] = f"The factor for a {self.get_unit_display().lower()} is {expected:,}"
        return problems


class Target(models.Model):
    """What an indicator should reach from a date on. Targets change by adding a new one from a
    later date, so the history of what was expected, and when, is kept."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    value = _decimal()
    applies_from = models.DateField()
    tolerance = _decimal(
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text="How far short of the target still counts as amber, not red.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Who set it, and why.")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "applies_from"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "applies_from"], name="one_target_per_start_date")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} from {self.applies_from}"

    def save(self, *args, **kwargs) -> None:
        self.clean()  # a target is never overwritten, nor set for a neutral indicator, by any route
        super().save(*args, **kwargs)

    def clean(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError(problems)

    def problems(self) -> dict[str, str]:
        if not self._state.adding:
            return {"value": "A target is never changed: add a new one from a later date"}
        indicator = self.indicator
        if indicator.direction == Direction.NEUTRAL:
            why = "is for context (neither higher nor lower is better): it has no target"
            return {"indicator": f"{indicator} {why}"}
        problems = {}
        if problem := value_problem(indicator.unit, self.value):
            problems["value"] = problem
        if self.tolerance is not None and self.tolerance < 0:
            problems["tolerance"] = "The tolerance cannot be negative"
        latest = indicator.targets.order_by("-applies_from").values_list("applies_from", flat=True).first()
        if latest is not None and self.applies_from <= latest:
            problems["applies_from"] = (
                f"A new target applies from a date after the latest one's ({latest.day} {latest:%B %Y})"
            )
        return problems

    def rag(self, value: Decimal) -> str:
        """green when the value meets the target; amber when short by no more than the tolerance; red."""
        shortfall = (
            self.value - value if self.indicator.direction == Direction.INCREASE else value - self.value
        )
        if shortfall <= 0:
            return "green"
        if self.tolerance is not None and shortfall <= self.tolerance:
            return "amber"
        return "red"


class AreaQuerySet(models.QuerySet["Area"]):
    def own(self) -> "Area":
        """The partnership's own area (there is exactly one)."""
        return self.get(kind=AreaKind.OWN)


class Area(models.Model):
    """Where a value is for: the partnership's own area or a comparator."""

    name = models.CharField(max_length=100, unique=True)
    code = models.CharField(max_length=20, unique=True, help_text="Short; how import files name it.")
    kind = models.CharField(max_length=10, choices=AreaKind.choices)
    order = models.PositiveSmallIntegerField(default=0)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="area_code_unique_in_any_case"),
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(kind=AreaKind.OWN), name="one_own_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """One value: an indicator's, for an area, in a period. The importer writes these in bulk with
    plain SQL (see importer.py), which is why the columns it leaves out have database defaults."""

    # The unique index below starts with the indicator: it serves every series query, so the
    # foreign keys carry no index of their own (each would slow a million-row import).
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations", db_index=False)
    period_start = models.DateField()
    value = _decimal()
    supplied_by = models.CharField(max_length=150, blank=True, default="", db_default="")
    supplied_at = models.DateTimeField(default=timezone.now, db_default=Now())
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        help_text="Who put it into lscp, by hand or by importing a file.",
    )
    note = models.TextField(blank=True, default="", db_default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_start"], name="one_value_per_indicator_area_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}, {self.area}, {self.period}: {self.value}"

    def save(self, *args, **kwargs) -> None:
        """Saves the value, keeping the one it replaces (if it changed) as a correction."""
        self.clean()
        with transaction.atomic():
            before = None
            if not self._state.adding:
                before = (
                    Observation.objects.filter(pk=self.pk)
                    .values("value", "supplied_by", "supplied_at")
                    .first()
                )
            super().save(*args, **kwargs)
            if before is not None and before["value"] != self.value:
                ObservationCorrection.objects.create(
                    observation=self,
                    previous_value=before["value"],
                    previous_supplied_by=before["supplied_by"],
                    previous_supplied_at=before["supplied_at"],
                    value=self.value,
                    corrected_by=self.entered_by,
                )

    @property
    def period(self) -> Period:
        return Period(self.period_start, Frequency(self.indicator.frequency))

    def clean(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError(problems)

    def problems(self, today: dt.date | None = None) -> dict[str, str]:
        indicator = self.indicator
        if indicator.is_derived:
            return {"indicator": f"{indicator} is worked out from its numerator and denominator"}
        problems = {}
        if not is_start(indicator.frequency, self.period_start):
            problems["period_start"] = f"{self.period_start} does not start a period of {indicator}"
        else:
            try:
                check_reportable(self.period, today or timezone.localdate())
            except PeriodError as error:
                problems["period_start"] = str(error)
        if problem := value_problem(indicator.unit, self.value):
            problems["value"] = problem
        elif problem := self._percentage_problem():
            problems["value"] = problem
        return problems

    def _percentage_problem(self) -> str:
        """A percentage's numerator can be no more than its denominator, for the same area and period."""
        for derived in Indicator.objects.filter(
            models.Q(numerator=self.indicator_id) | models.Q(denominator=self.indicator_id),
            kind=IndicatorKind.DERIVED,
            unit=Unit.PERCENTAGE,
        ).select_related("numerator", "denominator"):
            is_numerator = derived.numerator_id == self.indicator_id
            other = derived.denominator if is_numerator else derived.numerator
            assert other is not None  # the check constraint: a derived indicator has both parts
            value = (
                Observation.objects.filter(
                    indicator=other, area_id=self.area_id, period_start=self.period_start
                )
                .values_list("value", flat=True)
                .first()
            )
            if value is None:
                continue
            numerator, denominator = (self.value, value) if is_numerator else (value, self.value)
            if numerator > denominator:
                return (
                    f"{derived.numerator} ({plain(numerator)}) would be more than {derived.denominator} "
                    f"({plain(denominator)}): {derived} is a percentage"
                )
        return ""

    def correct(self, value: Decimal, *, supplied_by: str, entered_by=None, note: str = "") -> None:
        """A new value for the same indicator, area and period; the old one is kept in the history."""
        self.value = value
        self.supplied_by = supplied_by
        self.supplied_at = timezone.now()
        self.entered_by = entered_by
        if note:
            self.note = note
        self.save()


class ObservationCorrection(models.Model):
    """A value replaced by a correction: what it was, who supplied it and when, what replaced it."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="corrections")
    previous_value = _decimal()
    previous_supplied_by = models.CharField(max_length=150, blank=True)
    previous_supplied_at = models.DateTimeField()
    value = _decimal(help_text="The value that replaced it.")
    corrected_at = models.DateTimeField(default=timezone.now)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True, help_text="For example the file it came from.")

    class Meta:
        ordering = ["observation", "corrected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.previous_value} corrected to {self.value}"


class Rebase(models.Model):
    """Where a new SPC baseline starts, because the process changed (a new toolkit, a new
    definition): the mean and limits before it say nothing about the values after it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rebases")
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Blank: every area.",
    )
    period_start = models.DateField(help_text="The first period of the new baseline.")
    reason = models.TextField()

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_start"],
                condition=models.Q(area__isnull=False),
                name="one_rebase_per_area_and_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=models.Q(area__isnull=True),
                name="one_rebase_for_every_area_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: new baseline from {self.period}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, Frequency(self.indicator.frequency))

    def clean(self) -> None:
        if self.period_start and not is_start(self.indicator.frequency, self.period_start):
            raise ValidationError(
                {"period_start": f"{self.period_start} does not start a period of {self.indicator}"}
            )


def rebase_starts(indicator: Indicator, area: Area) -> list[dt.date]:
    """Where the indicator's baselines restart for this area: its own rebases and every area's."""
    rebases = indicator.rebases.filter(models.Q(area=area) | models.Q(area__isnull=True))
    return sorted(set(rebases.values_list("period_start", flat=True)))
