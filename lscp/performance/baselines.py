"""New SPC baselines (rebases): where an indicator's process changed (a new toolkit, a new
definition), so its mean and limits start again from that period.

The data analyst (who prepares the figures) or the business unit adds one with its reason; the
report and `lscp spc` then compute each baseline's limits separately. A baseline cannot start at a
series' first value, which already starts the first baseline (the issue's bad input: the SPC
reference would silently ignore it; lscp says so).
"""

import datetime as dt

from django import forms
from django.db.models import Q

from lscp.performance.models import Area, Indicator, Observation, Rebase
from lscp.performance.periods import Frequency, Period, PeriodError, parse

REASON_LENGTH = 2000


class BaselineForm(forms.Form):
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.order_by("name"),
        empty_label="Choose an indicator",
        error_messages={
            "required": "Choose the indicator",
            "invalid_choice": "Choose an indicator from the list",
        },
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.order_by("order", "name"),
        required=False,
        empty_label="Every area",
        help_text="Leave as every area when the change was everywhere (a new national definition, say)",
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    period = forms.CharField(
        label="First period of the new baseline",
        max_length=40,
        help_text="As the indicator is supplied: a month (2021-06), a quarter (2021-Q2) or a year (2021-22)",
        error_messages={"required": "Enter the first period of the new baseline"},
    )
    reason = forms.CharField(
        label="What changed",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the values from this period on are a new process: the group reads this with the chart",
        error_messages={
            "required": "Enter what changed",
            "max_length": f"What changed must be {REASON_LENGTH} characters or fewer",
        },
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter what changed")
        return reason

    def clean(self) -> dict:
        data = super().clean() or {}
        indicator, text = data.get("indicator"), data.get("period")
        if indicator is None or not text:
            return data
        try:
            period = parse(text, indicator.frequency)
        except PeriodError as error:
            self.add_error("period", str(error))
            return data
        problem = problem_with(indicator, data.get("area"), period)
        if problem:
            self.add_error("period", problem)
        data["period_start"] = period.start
        return data


def problem_with(indicator: Indicator, area: Area | None, period: Period) -> str:
    """Why a baseline cannot start here, or "" when it can."""
    where = f"for {area.name}" if area else "for every area"
    if _exists(indicator, area, period.start):
        return f"A new baseline already starts in {period.label} {where}"
    earlier = Observation.objects.filter(indicator=indicator, period_start__lt=period.start)
    if area is not None:
        earlier = earlier.filter(area=area)
    if not earlier.exists():
        return (
            f"{indicator.name} has no values {where} before {period.label}: its first baseline already "
            "starts at its first value. A new baseline starts at a later period"
        )
    return ""


def _exists(indicator: Indicator, area: Area | None, start: dt.date) -> bool:
    same_area = Q(area__isnull=True) if area is None else Q(area=area)
    return Rebase.objects.filter(same_area, indicator=indicator, period_start=start).exists()


def add(indicator: Indicator, area: Area | None, period_start: dt.date, reason: str) -> Rebase:
    return Rebase.objects.create(indicator=indicator, area=area, period_start=period_start, reason=reason)


def period_of(rebase: Rebase) -> Period:
    return Period(rebase.period_start, Frequency(rebase.indicator.frequency))
