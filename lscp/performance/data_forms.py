"""The forms that bring values in: the KPI file upload, and one value entered by its owner agency.

The upload's checks (size, a CSV or XLSX file, content that is what its name says) are the child
death import's: the same form, with who supplied the figures added.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms

from lscp.improvement.uploads import ImportFileForm as FileForm
from lscp.performance.models import Area, Indicator, Observation
from lscp.performance.periods import Frequency, Period, PeriodError, check_reportable, parse
from lscp.performance.vocabulary import DECIMAL_PLACES, Unit, value_problem

SUPPLIED_BY_LENGTH = Observation._meta.get_field("supplied_by").max_length or 150
NOTE_LENGTH = 2000


class ImportForm(FileForm):
    supplied_by = forms.CharField(
        label="Supplied by (optional)",
        required=False,
        max_length=SUPPLIED_BY_LENGTH,
        help_text="For rows with a blank supplied_by column: the team or person who supplied the figures",
        error_messages={"max_length": f"Supplied by must be {SUPPLIED_BY_LENGTH} characters or fewer"},
    )

    def clean_supplied_by(self) -> str:
        return self.cleaned_data["supplied_by"].strip()


# What to enter, by unit: the value field's hint.
VALUE_HINTS = {
    Unit.COUNT: "A whole number, like 42",
    Unit.PERCENTAGE: "A percentage from 0 to 100, without the % sign, like 91.5",
    Unit.RATE: "A rate per 10,000 children, like 35.2",
    Unit.DAYS: "A number of days, like 28.5",
    Unit.NUMBER: "A number, like 1250",
}


def read_number(text: str) -> Decimal:
    """The number a person typed, or a ValidationError saying what to type instead."""
    text = text.strip()
    if "%" in text:
        raise forms.ValidationError("Enter the value without the % sign")
    if "," in text:
        raise forms.ValidationError("Enter the value without commas (1234.5, not 1,234.5)")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError("Enter the value as a number, like 91.5") from None
    if not number.is_finite():
        raise forms.ValidationError("Enter the value as a number, like 91.5")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
        raise forms.ValidationError(f"Enter the value with no more than {DECIMAL_PLACES} decimal places")
    return number


class EntryForm(forms.Form):
    """One value of an indicator's, for the partnership's own area, in a period that is over."""

    period = forms.CharField(
        label="Period",
        max_length=40,
        error_messages={"required": "Enter the period"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    value = forms.CharField(
        label="Value",
        max_length=40,
        error_messages={"required": "Enter the value"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    supplied_by = forms.CharField(
        label="Supplied by",
        max_length=SUPPLIED_BY_LENGTH,
        help_text="The team or person who supplied the figure",
        error_messages={
            "required": "Enter who supplied the figure",
            "max_length": f"Supplied by must be {SUPPLIED_BY_LENGTH} characters or fewer",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything the group should know about the figure, such as why it was corrected",
        error_messages={"max_length": f"The note must be {NOTE_LENGTH:,} characters or fewer"},
    )

    def __init__(self, *args, indicator: Indicator, area: Area, today: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator, self.area, self.today = indicator, area, today
        latest = latest_ended(indicator, today)
        self.fields["period"].help_text = (
            f"The latest {PERIOD_WORD[Frequency(indicator.frequency)]} that has ended is {latest.label} "
            f"({latest.code}). To correct an earlier value, enter its period, like {latest.previous().code}"
        )
        self.fields["value"].help_text = VALUE_HINTS[Unit(indicator.unit)]
        if indicator.unit == Unit.COUNT:
            self.fields["value"].widget.attrs["inputmode"] = "numeric"

    def clean_period(self) -> Period:
        try:
            period = parse(self.cleaned_data["period"], self.indicator.frequency)
            check_reportable(period, self.today)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        return period

    def clean_value(self) -> Decimal:
        number = read_number(self.cleaned_data["value"])
        if problem := value_problem(self.indicator.unit, number):
            raise forms.ValidationError(problem)
        return number

    def clean_supplied_by(self) -> str:
        text = self.cleaned_data["supplied_by"].strip()
        if not text:
            raise forms.ValidationError("Enter who supplied the figure")
        return text

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()

    def clean(self):
        data = super().clean()
        period, value = data.get("period"), data.get("value")
        if period is not None and value is not None:
            # The model's own checks too (a percentage's numerator is no more than its denominator).
            observation = Observation(
                indicator=self.indicator, area=self.area, period_start=period.start, value=value
            )
            for name, problem in observation.problems(self.today).items():
                self.add_error("period" if name == "period_start" else "value", problem)
        return data


PERIOD_WORD = {Frequency.MONTHLY: "month", Frequency.QUARTERLY: "quarter", Frequency.YEARLY: "financial year"}


def latest_ended(indicator: Indicator, today: dt.date) -> Period:
    """The indicator's latest period that is over: the one before the period `today` is in."""
    return Period.containing(indicator.frequency, today).previous()
