"""Calendar files (iCalendar, RFC 5545) for booked sessions, attached to the confirmation email.

One event per booking. Its UID is the booking's, so a calendar that imports the file again (after
a re-booking, say) updates the event rather than adding a second; SEQUENCE counts the versions.
Times are written in UTC (the "Z" form), which every calendar converts to its own time zone, so
the file needs no VTIMEZONE block. Lines end in CRLF and are folded at 75 octets; text values
escape backslashes, semicolons, commas and newlines.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from lscp.learning.models import Booking

CRLF = "\r\n"
MAX_OCTETS = 75


def escape(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line (RFC 5545 3.1): no line longer than 75 octets, each continuation starting
    with one space. A multi-byte UTF-8 character is never split."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space counts
        current.append(char)
        size += octets
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def utc(moment: dt.datetime) -> str:
    """A DATE-TIME in UTC: 20240312T093000Z."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(
    *,
    uid: str,
    stamp: dt.datetime,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    summary: str,
    location: str,
    description: str,
    url: str = "",
    sequence: int = 0,
) -> str:
    """A VCALENDAR holding one VEVENT, as text with CRLF line endings."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape(settings.PARTNERSHIP_NAME)}//Learning and development//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{utc(stamp)}",
        f"SEQUENCE:{sequence}",
        f"DTSTART:{utc(starts_at)}",
        f"DTEND:{utc(ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}",
        *([f"URL:{url}"] if url else []),
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + CRLF for line in lines)


def booking_uid(booking: Booking) -> str:
    """Stable for the booking (one booking per person and session, ever)."""
    host = urlsplit(settings.LSCP_BASE_URL).hostname or "lscp.invalid"
    return f"learning-booking-{booking.pk}@{host}"


def for_booking(booking: Booking, stamp: dt.datetime, sequence: int = 0) -> str:
    """The calendar file for a booked place on a dated session."""
    session = booking.session
    course = session.course
    base = settings.LSCP_BASE_URL.rstrip("/")
    session_url = base + reverse("learning:session", args=[session.pk])
    if session.venue:
        location = session.venue
        how = f"Venue: {session.venue}"
    else:
        location = "Online"
        how = "Online: the joining link is emailed 5 days before."
    description = (
        f"{course.title}, run by the {settings.PARTNERSHIP_NAME}.\n"
        f"{how}\n"
        f"See or cancel your booking: {base}{reverse('learning:my-learning')}"
    )
    return calendar(
        uid=booking_uid(booking),
        stamp=stamp,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=course.title,
        location=location,
        description=description,
        url=session_url,
        sequence=sequence,
    )
