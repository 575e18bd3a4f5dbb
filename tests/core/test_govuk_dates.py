import datetime as dt
from zoneinfo import ZoneInfo

from lscp.core.templatetags.lscp import govuk_datetime, govuk_time

UTC = dt.UTC


def test_times_are_written_the_govuk_way():
    assert govuk_time(dt.time(10, 0)) == "10am"
    assert govuk_time(dt.time(17, 30)) == "5:30pm"
    assert govuk_time(dt.time(12, 0)) == "midday"
    assert govuk_time(dt.time(0, 0)) == "midnight"
    assert govuk_time(dt.time(0, 5)) == "12:05am"


def test_datetimes_are_shown_in_london_time():
    # 09:00 UTC in July is 10am British Summer Time; in January it is 9am GMT.
    assert govuk_datetime(dt.datetime(2022, 7, 14, 9, 0, tzinfo=UTC)) == "Thursday 14 July 2022, 10am"
    assert govuk_datetime(dt.datetime(2022, 1, 13, 9, 0, tzinfo=UTC)) == "Thursday 13 January 2022, 9am"
    london = ZoneInfo("Europe/London")
    assert govuk_datetime(dt.datetime(2022, 4, 5, 14, 15, tzinfo=london)) == "Tuesday 5 April 2022, 2:15pm"
