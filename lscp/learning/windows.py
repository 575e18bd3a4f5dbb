"""When each evaluation may be filled in: one rule, used by the pages, the report and the emails.

- The **evaluation** (on the day) opens at the end of the session for someone marked attended, or,
  for a recorded session or e-learning, once the practitioner has confirmed they watched it (saving
  the evaluation is what then counts it as attended). It does not close: a late answer still counts.
- The **impact follow-up** opens 3 calendar months after the day the learning counted
  (`Booking.attended_on`) and closes at the end of the day 6 months after it. Months are calendar
  months: 15 June plus 3 months is 15 September; when the later month is too short, its last day
  (30 November plus 3 months is 28 February, or 29 in a leap year).
- The **line manager's** answer is taken once the practitioner's own follow-up is in, until a month
  after the follow-up closes (so a manager asked on its last day still has time to reply).

Each rule comes twice: as a test of one booking (for a page) and as a filter on bookings (for the
emails and the report), so a booking is open in one exactly when it is open in the other.
"""

import calendar
import datetime as dt

from django.db.models import Q
from django.utils import timezone

from lscp.core.templatetags.lscp import govuk_time
from lscp.learning.models import ON_DEMAND, Booking, BookingStatus

FOLLOW_UP_OPENS_MONTHS = 3
FOLLOW_UP_CLOSES_MONTHS = 6
MANAGER_CLOSES_MONTHS = 7


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# --- the evaluation on the day -------------------------------------------------------------------


def evaluation_opens_at(booking: Booking) -> dt.datetime | None:
    """When the booker may evaluate, or None while they may not (no attendance, or not watched)."""
    if booking.status == BookingStatus.ATTENDED:
        if booking.session.course.format in ON_DEMAND:
            return booking.watched_confirmed_at or booking.booked_at
        return booking.session.ends_at
    if (
        booking.status == BookingStatus.BOOKED
        and booking.session.course.format in ON_DEMAND
        and booking.watched_confirmed_at is not None
    ):
        return booking.watched_confirmed_at
    return None


def evaluation_is_open(booking: Booking, now: dt.datetime | None = None) -> bool:
    opens = evaluation_opens_at(booking)
    return opens is not None and opens <= (now or timezone.now())


def why_evaluation_is_closed(booking: Booking, now: dt.datetime | None = None) -> str:
    """In words for the booker; empty when the evaluation is open."""
    now = now or timezone.now()
    opens = evaluation_opens_at(booking)
    if opens is not None and opens <= now:
        return ""
    on_demand = booking.session.course.format in ON_DEMAND
    if on_demand and booking.status == BookingStatus.BOOKED:
        return "Confirm you have watched the session first: the evaluation opens then"
    if not on_demand and booking.status in (BookingStatus.ATTENDED, BookingStatus.BOOKED):
        if booking.session.ends_at > now:
            end = timezone.localtime(booking.session.ends_at)
            return f"The evaluation opens at the end of the session, {govuk_time(end)} on {end:%-d %B %Y}"
        return "The evaluation opens once the trainer has recorded that you attended"
    return (
        "The evaluation is for people who attended the session "
        f"(this booking: {booking.get_status_display().lower()})"
    )


def evaluation_open_filter(now: dt.datetime) -> Q:
    """Bookings (a Booking queryset's filter) whose evaluation is open at `now`."""
    on_demand = Q(session__course__format__in=ON_DEMAND)
    return (
        Q(status=BookingStatus.ATTENDED, session__ends_at__lte=now) & ~on_demand
        | Q(status=BookingStatus.ATTENDED) & on_demand
        | Q(status=BookingStatus.BOOKED, watched_confirmed_at__lte=now) & on_demand
    )


# --- the impact follow-up, 3 to 6 months later ----------------------------------------------------


def follow_up_opens_on(attended_on: dt.date) -> dt.date:
    return add_months(attended_on, FOLLOW_UP_OPENS_MONTHS)


def follow_up_closes_on(attended_on: dt.date) -> dt.date:
    """The last day the follow-up is open."""
    return add_months(attended_on, FOLLOW_UP_CLOSES_MONTHS)


def follow_up_is_open(booking: Booking, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        booking.status == BookingStatus.ATTENDED
        and booking.attended_on is not None
        and follow_up_opens_on(booking.attended_on) <= today <= follow_up_closes_on(booking.attended_on)
    )


def why_follow_up_is_closed(booking: Booking, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    if booking.status != BookingStatus.ATTENDED or booking.attended_on is None:
        return "The impact follow-up is for people who attended, 3 to 6 months afterwards"
    opens, closes = follow_up_opens_on(booking.attended_on), follow_up_closes_on(booking.attended_on)
    if today < opens:
        return (
            f"The impact follow-up opens 3 months after the learning, on {opens:%-d %B %Y}, "
            f"and stays open until {closes:%-d %B %Y}"
        )
    if today > closes:
        return f"The impact follow-up closed on {closes:%-d %B %Y}, 6 months after the learning"
    return ""


def latest_attended_on_opened_by(today: dt.date) -> dt.date:
    """The last attendance day whose follow-up has opened by `today` (every earlier one has too)."""
    day = add_months(today, -FOLLOW_UP_OPENS_MONTHS)
    # Month ends: 31 May less 3 months is 28 February, but 1 to 3 March open after 31 May.
    while follow_up_opens_on(day + dt.timedelta(days=1)) <= today:
        day += dt.timedelta(days=1)
    return day


def earliest_attended_on_still_open(today: dt.date) -> dt.date:
    """The first attendance day whose follow-up is still open on `today` (every later one is too)."""
    day = add_months(today, -FOLLOW_UP_CLOSES_MONTHS)
    while follow_up_closes_on(day) < today:
        day += dt.timedelta(days=1)
    while follow_up_closes_on(day - dt.timedelta(days=1)) >= today:
        day -= dt.timedelta(days=1)
    return day


def follow_up_open_filter(today: dt.date) -> Q:
    """Bookings (a Booking queryset's filter) whose follow-up is open on `today`."""
    return Q(
        status=BookingStatus.ATTENDED,
        attended_on__gte=earliest_attended_on_still_open(today),
        attended_on__lte=latest_attended_on_opened_by(today),
    )


def follow_up_due_filter(today: dt.date) -> Q:
    """Bookings whose follow-up has opened by `today` (open now, or closed): the follow-up response
    rate is a share of these."""
    return Q(status=BookingStatus.ATTENDED, attended_on__lte=latest_attended_on_opened_by(today))


# --- the line manager's view ---------------------------------------------------------------------


def manager_closes_on(attended_on: dt.date) -> dt.date:
    return add_months(attended_on, MANAGER_CLOSES_MONTHS)


def manager_may_answer(booking: Booking, today: dt.date | None = None) -> bool:
    """The practitioner's follow-up is in, and the manager's time has not run out."""
    today = today or timezone.localdate()
    return (
        booking.attended_on is not None
        and hasattr(booking, "follow_up")
        and today <= manager_closes_on(booking.attended_on)
    )
