import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from lscp.core.calendar import is_working_day, working_days_between
from lscp.reviews import deadlines
from lscp.reviews.deadlines import State, deadline_state

days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31))


def test_notification_due_skips_the_jubilee_bank_holidays():
    # Aware on Thu 2 June 2022 (Spring bank holiday); Fri 3 June was the Platinum Jubilee.
    assert deadlines.notification_due(dt.date(2022, 6, 2)) == dt.date(2022, 6, 10)


def test_rapid_review_due_across_christmas_and_new_year():
    # Notified Thu 23 Dec 2021: 27, 28 Dec and 3 Jan 2022 were bank holidays.
    assert deadlines.rapid_review_due(dt.date(2021, 12, 23)) == dt.date(2022, 1, 18)


def test_milestones_fall_on_days_10_12_and_15():
    start = dt.date(2022, 3, 1)  # a Tuesday, no holidays in the next three weeks
    assert deadlines.returns_due(start) == dt.date(2022, 3, 15)
    assert deadlines.meeting_due(start) == dt.date(2022, 3, 17)
    assert deadlines.sign_off_due(start) == dt.date(2022, 3, 22)


def test_lcspr_publication_is_six_calendar_months_end_of_month_clamped():
    assert deadlines.publication_due(dt.date(2021, 6, 14)) == dt.date(2021, 12, 14)
    assert deadlines.publication_due(dt.date(2021, 8, 31)) == dt.date(2022, 2, 28)


@given(days)
def test_notification_is_five_working_days_later_on_a_working_day(aware):
    due = deadlines.notification_due(aware)
    assert is_working_day(due)
    assert working_days_between(aware, due) == 5


@given(days)
def test_rapid_review_milestones_are_ordered_working_days(start):
    returns, meeting, sign_off = (
        deadlines.returns_due(start),
        deadlines.meeting_due(start),
        deadlines.sign_off_due(start),
    )
    assert start < returns < meeting < sign_off == deadlines.rapid_review_due(start)
    assert [working_days_between(start, d) for d in (returns, meeting, sign_off)] == [10, 12, 15]
    assert all(is_working_day(d) for d in (returns, meeting, sign_off))


@given(days, days)
def test_state_is_red_past_amber_within_three_working_days(due, today):
    state = deadline_state(due, today)
    if due < today:
        assert state is State.RED
    elif working_days_between(today, due) <= 3:
        assert state is State.AMBER
    else:
        assert state is State.OK


def test_state_known_cases():
    friday = dt.date(2022, 3, 4)
    assert deadline_state(dt.date(2022, 3, 3), friday) is State.RED
    assert deadline_state(friday, friday) is State.AMBER
    assert deadline_state(dt.date(2022, 3, 9), friday) is State.AMBER  # Wednesday: 3 working days
    assert deadline_state(dt.date(2022, 3, 10), friday) is State.OK


def test_next_deadline_is_the_first_undone_milestone():
    start = dt.date(2022, 3, 1)
    milestones = deadlines.rapid_review_milestones(start, dt.date(2022, 3, 14), None, None)
    nxt = deadlines.next_deadline(milestones, dt.date(2022, 3, 16))
    assert nxt is not None and nxt.label == "Rapid review meeting" and nxt.state is State.AMBER
    assert milestones[0].is_late(dt.date(2022, 3, 30)) is False
    assert milestones[1].is_late(dt.date(2022, 3, 18)) is True


@given(days, st.integers(min_value=-30, max_value=60))
def test_amber_until_agrees_with_the_deadline_state(today, offset):
    due = today + dt.timedelta(days=offset)
    in_sql_amber = today <= due < deadlines.amber_until(today)
    assert in_sql_amber == (deadline_state(due, today) is State.AMBER)


def test_lcspr_stages_have_their_own_deadlines():
    initiated = dt.date(2022, 6, 14)
    stages = deadlines.practice_review_milestones(initiated, None, None, None, None)
    assert [(m.label, m.due, m.statutory) for m in stages] == [
        ("Draft report", dt.date(2022, 10, 14), False),
        ("Final report", dt.date(2022, 11, 14), False),
        # 7 working days before Wed 14 December 2022: Mon 5 December.
        ("Panel told before publication", dt.date(2022, 12, 5), True),
        ("Published", dt.date(2022, 12, 14), True),
    ]
    after_draft = deadlines.practice_review_milestones(initiated, dt.date(2022, 10, 1), None, None, None)
    nxt = deadlines.next_deadline(after_draft, dt.date(2022, 10, 3))
    assert nxt is not None and (nxt.label, nxt.statutory) == ("Final report", False)


@given(days)
def test_the_panel_is_told_seven_working_days_before_publication(initiated):
    told, published = deadlines.panel_told_due(initiated), deadlines.publication_due(initiated)
    assert is_working_day(told)
    one_day = dt.timedelta(days=1)
    # Seven working days from that day up to, not including, the publication date.
    assert working_days_between(told - one_day, published - one_day) == 7
