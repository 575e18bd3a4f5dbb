"""The local timescales for a child death case: counted in working days across bank holidays, or in
calendar days, from the setting; a bad setting is refused by name."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from lscp.child_deaths import timescales, workflow
from lscp.child_deaths.categories import Category, Modifiable
from lscp.child_deaths.models import ChildDeath, Stage
from lscp.core.calendar import is_working_day, working_days_between
from tests.child_deaths.conftest import ALL_SCORED, DIED, NOTIFIED

DEFAULTS = {
    "notification": (2, "working", "death"),
    "jar": (5, "working", "notification"),
    "information": (15, "working", "request"),
    "cdrm": (90, "calendar", "death"),
    "panel": (182, "calendar", "death"),
}
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))


def test_the_default_setting_is_local_practice():
    scales = timescales.configured()
    assert {stage: (s.number, s.unit, s.counted_from) for stage, s in scales.items()} == DEFAULTS
    assert scales["information"].description == "within 15 working days of the request"
    assert scales["cdrm"].description == "within 90 days of the death"


# --- across bank holidays ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "start", "due"),
    [
        # Died on the Spring bank holiday; Fri 3 June 2022 was the Platinum Jubilee.
        ("notification", dt.date(2022, 6, 2), dt.date(2022, 6, 7)),
        # Died the Friday before Christmas 2022: Boxing Day and the Christmas substitute day are off.
        ("notification", dt.date(2022, 12, 23), dt.date(2022, 12, 29)),
        # Notified the day before Good Friday 2023: Good Friday and Easter Monday are off.
        ("jar", dt.date(2023, 4, 6), dt.date(2023, 4, 17)),
        # Asked the Friday before the May Day holiday 2023, with the Coronation a week later.
        ("information", dt.date(2023, 4, 28), dt.date(2023, 5, 23)),
        # Calendar days run through weekends and holidays alike.
        ("cdrm", dt.date(2023, 1, 9), dt.date(2023, 4, 9)),
        ("panel", dt.date(2023, 1, 9), dt.date(2023, 7, 10)),
    ],
)
def test_due_dates_across_bank_holidays(stage, start, due):
    assert timescales.timescale(stage).due(start) == due


@given(died=dates)
def test_notification_is_due_two_working_days_after_any_death(died):
    due = timescales.timescale("notification").due(died)
    assert is_working_day(due)
    assert working_days_between(died, due) == 2
    # Never more than a long weekend and a holiday week's worth of days later.
    assert 2 <= (due - died).days <= 8


@given(asked=dates)
def test_information_is_due_fifteen_working_days_after_any_request(asked):
    due = timescales.timescale("information").due(asked)
    assert is_working_day(due)
    assert working_days_between(asked, due) == 15


@given(died=dates)
def test_calendar_stages_are_exact_days_after_the_death(died):
    assert timescales.timescale("cdrm").due(died) == died + dt.timedelta(days=90)
    assert timescales.timescale("panel").due(died) == died + dt.timedelta(days=182)


# --- the setting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([("notification", 2)], "must be a dict"),
        ({k: v for k, v in DEFAULTS.items() if k != "cdrm"}, "'cdrm' is missing"),
        ({**DEFAULTS, "inquest": (10, "working", "death")}, "'inquest' is not a stage"),
        ({**DEFAULTS, "jar": (0, "working", "notification")}, "'jar': the number of days must be a whole"),
        ({**DEFAULTS, "jar": (-5, "working", "notification")}, "not -5"),
        ({**DEFAULTS, "jar": (True, "working", "notification")}, "not True"),
        ({**DEFAULTS, "jar": ("5", "working", "notification")}, "not '5'"),
        ({**DEFAULTS, "jar": (2.5, "working", "notification")}, "not 2.5"),
        (
            {**DEFAULTS, "cdrm": (3, "months", "death")},
            "the unit must be 'working' or 'calendar', not 'months'",
        ),
        (
            {**DEFAULTS, "jar": (5, "working", "request")},
            "'jar' can be counted from 'death' or 'notification'",
        ),
        ({**DEFAULTS, "notification": (2, "working", "notification")}, "counted from 'death'"),
        ({**DEFAULTS, "panel": (182, "calendar")}, "'panel' must be (number"),
        ({**DEFAULTS, "panel": "182 calendar death"}, "'panel' must be (number"),
    ],
)
def test_a_bad_setting_is_refused_clearly(settings, value, message):
    settings.LSCP_CDOP_TIMESCALES = value
    with pytest.raises(ImproperlyConfigured, match="LSCP_CDOP_TIMESCALES") as refused:
        timescales.configured()
    assert message in str(refused.value)


def test_a_changed_setting_changes_the_dates(settings):
    settings.LSCP_CDOP_TIMESCALES = {**DEFAULTS, "notification": (1, "calendar", "death")}
    assert timescales.timescale("notification").due(dt.date(2022, 12, 24)) == dt.date(2022, 12, 25)


def test_information_can_be_counted_from_the_notification(settings, case):
    settings.LSCP_CDOP_TIMESCALES = {**DEFAULTS, "information": (10, "working", "notification")}
    # Notified Mon 4 March 2024: 10 working days later, whenever the request was made.
    assert timescales.information_due(case, dt.date(2024, 3, 12)) == dt.date(2024, 3, 18)
    assert timescales.due_dates(case)["information"] == dt.date(2024, 3, 18)


# --- a case's deadlines ------------------------------------------------------------------------


def test_an_unexpected_deaths_stages_and_due_dates(case):
    assert timescales.due_dates(case) == {
        "notification": dt.date(2024, 3, 5),  # died Fri 1 March: Mon 4 and Tue 5
        "jar": dt.date(2024, 3, 11),  # notified Mon 4 March
        "information": None,  # nothing asked yet
        "cdrm": DIED + dt.timedelta(days=90),
        "panel": DIED + dt.timedelta(days=182),
    }


def test_an_expected_death_has_no_jar(expected_case):
    assert [item.stage for item in timescales.stage_dues(expected_case)] == [
        "notification",
        "information",
        "cdrm",
        "panel",
    ]


def test_the_next_deadline_moves_on_as_the_case_does(case, officer, agencies):
    jar_due = dt.date(2024, 3, 11)
    assert timescales.next_deadline(case, NOTIFIED) == timescales.NextDeadline(
        "Joint agency response meeting", jar_due, False
    )
    assert timescales.next_deadline(case, dt.date(2024, 3, 12)).late is True
    assert [item.stage for item in timescales.overdue(case, dt.date(2024, 3, 12))] == ["jar"]

    workflow.record_joint_agency_response(case, met_on=dt.date(2024, 3, 8), agencies=agencies, by=officer)
    workflow.request_information(case, agencies[:2], by=officer, requested_on=dt.date(2024, 3, 8))
    case = ChildDeath.objects.get(pk=case.pk)
    assert timescales.overdue(case, dt.date(2024, 3, 12)) == []
    next_up = timescales.next_deadline(case, dt.date(2024, 3, 12))
    assert next_up is not None and next_up.label == "Information from agencies"
    # Good Friday 2024 is 29 March: 15 working days run to Tuesday 2 April.
    assert next_up.due == dt.date(2024, 4, 2)

    # One agency's return in: the stage is not done until both are.
    first, second = case.information_requests.all()
    first.received_on = dt.date(2024, 3, 20)
    first.save()
    assert [i.stage for i in timescales.overdue(case, dt.date(2024, 4, 3))] == ["information"]
    second.received_on = dt.date(2024, 4, 5)
    second.save()
    information = next(i for i in timescales.stage_dues(case) if i.stage == "information")
    assert information.done and information.done_on == dt.date(2024, 4, 5) and information.was_late()
    assert timescales.next_deadline(case, dt.date(2024, 4, 8)).label == "Child death review meeting"


def test_everything_overdue_is_red_at_once(case):
    long_after = DIED + dt.timedelta(days=200)
    assert [item.stage for item in timescales.overdue(case, long_after)] == ["jar", "cdrm", "panel"]
    assert timescales.next_deadline(case, long_after).late


def test_a_concluded_case_has_no_deadline(at_cdrm, officer):
    workflow.record_panel_review(
        at_cdrm,
        completed_on=dt.date(2024, 7, 1),
        category=Category.INFECTION,
        modifiable=Modifiable.NO,
        scores=ALL_SCORED,
        by=officer,
    )
    case = ChildDeath.objects.get(pk=at_cdrm.pk)
    assert timescales.next_deadline(case, dt.date(2030, 1, 1)) is None
    assert timescales.overdue(case, dt.date(2030, 1, 1)) == []


def test_an_imported_closed_case_without_a_cdrm_record_is_not_late(case):
    ChildDeath.objects.filter(pk=case.pk).update(stage=Stage.CLOSED)
    case = ChildDeath.objects.get(pk=case.pk)
    assert timescales.overdue(case, dt.date(2030, 1, 1)) == []
    assert timescales.next_deadline(case, dt.date(2030, 1, 1)) is None


def test_a_bad_setting_fails_the_system_check(settings):
    from django.core import checks

    settings.LSCP_CDOP_TIMESCALES = {"notification": (2, "fortnights", "death")}
    errors = [e for e in checks.run_checks() if e.id == "child_deaths.E001"]
    assert len(errors) == 1 and "LSCP_CDOP_TIMESCALES" in errors[0].msg
