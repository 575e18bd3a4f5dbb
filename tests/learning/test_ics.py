"""Calendar files follow RFC 5545: CRLF lines folded at 75 octets, escaped text, UTC times."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lscp.learning import ics
from lscp.learning.models import BookingStatus
from tests.learning.factories import BookingFactory, CourseFactory, SessionFactory

LONDON = ZoneInfo("Europe/London")


def unfold(text: str) -> list[str]:
    """The content lines of a calendar file (RFC 5545 3.1), folds joined back."""
    assert text.endswith("\r\n")
    return text[:-2].replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def properties(text: str) -> dict[str, str]:
    """NAME -> value (unescaped) of the event's properties."""
    lines = unfold(text)
    event = lines[lines.index("BEGIN:VEVENT") + 1 : lines.index("END:VEVENT")]
    return {name: unescape(value) for name, value in (line.split(":", 1) for line in event)}


def test_text_values_escape_backslashes_semicolons_commas_and_newlines():
    assert ics.escape("Room 1, Civic Offices; level 2\nAsk at \\reception") == (
        "Room 1\\, Civic Offices\\; level 2\\nAsk at \\\\reception"
    )
    assert unescape(ics.escape("a,b;c\\d\r\ne")) == "a,b;c\\d\ne"


@pytest.mark.parametrize("line", ["SUMMARY:" + "x" * 200, "DESCRIPTION:" + "é€😀ab" * 40, "UID:short"])
def test_long_lines_fold_at_75_octets_without_splitting_a_character(line):
    folded = ics.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line  # every part is whole UTF-8: nothing was split
    if len(line.encode()) <= 75:
        assert folded == line


@pytest.mark.django_db
def test_a_booking_calendar_file(settings):
    settings.LSCP_BASE_URL = "https://lscp.example.org/"
    course = CourseFactory(title="Working with men: fathers, partners; and others")
    session = SessionFactory(
        course=course,
        # 9:30am British Summer Time is 8:30 UTC.
        starts_at=dt.datetime(2024, 7, 2, 9, 30, tzinfo=LONDON),
        ends_at=dt.datetime(2024, 7, 2, 12, 30, tzinfo=LONDON),
        venue="Training room 1, Civic Offices, High Street",
    )
    booking = BookingFactory(session=session, status=BookingStatus.BOOKED)
    stamp = dt.datetime(2024, 6, 1, 10, 0, tzinfo=dt.UTC)
    text = ics.for_booking(booking, stamp)

    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    assert any(line.startswith("PRODID:") for line in lines)
    event = properties(text)
    assert event["UID"] == f"learning-booking-{booking.pk}@lscp.example.org"
    assert event["DTSTAMP"] == "20240601T100000Z"
    assert event["DTSTART"] == "20240702T083000Z"
    assert event["DTEND"] == "20240702T113000Z"
    assert event["SUMMARY"] == "Working with men: fathers, partners; and others"
    assert event["LOCATION"] == "Training room 1, Civic Offices, High Street"
    assert "https://lscp.example.org/" in event["DESCRIPTION"] and "\n" in event["DESCRIPTION"]
    assert event["URL"] == f"https://lscp.example.org{session.get_absolute_url()}"

    # The same booking, later (a re-booking): the same event, a newer version of it.
    again = properties(ics.for_booking(booking, stamp + dt.timedelta(days=3), sequence=1))
    assert again["UID"] == event["UID"] and (event["SEQUENCE"], again["SEQUENCE"]) == ("0", "1")


@pytest.mark.django_db
def test_an_online_session_says_so_and_keeps_the_joining_link_out():
    session = SessionFactory(venue="", joining_link="https://meet.example.org/secret-room")
    event = properties(ics.for_booking(BookingFactory(session=session), dt.datetime.now(dt.UTC)))
    assert event["LOCATION"] == "Online"
    assert "secret-room" not in "".join(event.values())
