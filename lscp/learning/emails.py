"""What the learning emails say: plain text, plain English, signed by the partnership.

Each function returns the subject and body of one message and does no sending (lscp.learning.mail
and lscp.learning.schedule send them, once each). A message to a practitioner is about their own
booking only; a message to a line manager names the person it is about and the course, nothing
more. Links are absolute (LSCP_BASE_URL); the line manager's links carry the booking's token
instead of needing an account.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lscp.core.templatetags.lscp import govuk_datetime, govuk_time
from lscp.learning.models import Booking, BookingStatus, Resource


@dataclass(frozen=True)
class Message:
    subject: str
    text: str


def link(name: str, *args) -> str:
    return settings.LSCP_BASE_URL.rstrip("/") + reverse(name, args=args)


def day(value: dt.date | dt.datetime) -> str:
    """12 March 2024 (a moment is read in the local time zone)."""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return f"{value.day} {value:%B %Y}"


def long_day(value: dt.date | dt.datetime) -> str:
    """Tuesday 12 March 2024."""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return f"{value:%A} {value.day} {value:%B %Y}"


def money(amount: str | Decimal) -> str:
    """£50, or £42.50."""
    value = Decimal(amount)
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


def _policy(name: str):
    return settings.LSCP_LEARNING[name]


def _signature() -> str:
    return f"\n\nLearning and development\n{settings.PARTNERSHIP_NAME}\n"


def _hello(booking: Booking) -> str:
    return f"Hello {booking.person.get_short_name()},\n\n"


def _when(booking: Booking) -> str:
    """When: Tuesday 12 March 2024, 9:30am to 12:30pm"""
    session = booking.session
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    if start.date() == end.date():
        return f"When: {govuk_datetime(start)} to {govuk_time(end)}"
    return f"When: {govuk_datetime(start)} to {govuk_datetime(end)}"


def _where(booking: Booking, joining: bool = False) -> str:
    session = booking.session
    if session.venue:
        return f"Where: {session.venue}"
    if joining and session.joining_link:
        return "Where: online"
    return "Where: online (we email you the joining link before the session)"


def _subject_day(booking: Booking) -> str:
    """The title and date for a subject line; an on-demand course has no date."""
    course = booking.session.course
    return course.title if course.is_on_demand else f"{course.title}, {day(booking.session.starts_at)}"


def _attended(booking: Booking) -> str:
    """ "attended Working with men on 12 March 2024" ("completed" for on-demand learning)."""
    verb = "completed" if booking.session.course.is_on_demand else "attended"
    title = booking.session.course.title
    return (
        f"{verb} {title}" if booking.attended_on is None else f"{verb} {title} on {day(booking.attended_on)}"
    )


def _on_day(booking: Booking) -> str:
    """ "Working with men on 12 March 2024" (an on-demand course: the title alone)."""
    course = booking.session.course
    return course.title if course.is_on_demand else f"{course.title} on {day(booking.session.starts_at)}"


def _charge_warning() -> str:
    days = _policy("cancel_until_working_days")
    charge = money(_policy("non_attendance_charge"))
    return (
        f"If you cannot come, cancel as soon as you can so someone on the waiting list can have your "
        f"place. If you cancel less than {days} working days before, or do not come, your organisation "
        f"may be charged {charge}."
    )


def _what_next(booking: Booking, now: dt.datetime) -> str:
    ahead = booking.session.starts_at - now
    if ahead > dt.timedelta(days=14):
        return "We will remind you 14 days before, and send joining instructions 5 days before."
    if ahead > dt.timedelta(days=5):
        return "We will send joining instructions 5 days before."
    return "We will send the joining instructions in a separate email shortly."


def confirmation(booking: Booking, now: dt.datetime | None = None) -> Message:
    """`now`: when the place was booked (the booking's last change, unless given)."""
    course = booking.session.course
    mine = link("learning:my-learning")
    if course.is_on_demand:
        text = (
            f"{_hello(booking)}You are booked on {course.title}. You can do it whenever suits you:\n"
            f"{link('learning:session', booking.session.pk)}\n\n"
            "When you have finished, confirm on that page that you have done it and fill in the short "
            "evaluation. It then counts as training you have attended.\n\n"
            f"See your bookings:\n{mine}"
        )
        return Message(f"You are booked on {course.title}", text + _signature())
    text = (
        f"{_hello(booking)}Your place on {course.title} is booked.\n\n"
        f"{_when(booking)}\n{_where(booking)}\n\n"
        "The calendar file attached to this email adds the session to your calendar.\n\n"
        f"{_what_next(booking, now or booking.changed_at)}\n\n"
        f"{_charge_warning()}\n\n"
        f"See or cancel your booking:\n{mine}"
    )
    return Message(f"Place booked: {_subject_day(booking)}", text + _signature())


def approval_request(booking: Booking) -> Message:
    """To the booker's line manager (the link carries the booking's token)."""
    course, person = booking.session.course, booking.person
    when = "" if course.is_on_demand else f"{_when(booking)}\n{_where(booking)}\n\n"
    text = (
        "Hello,\n\n"
        f"{person.get_full_name()} has booked a place on {course.title} and named you as their line "
        "manager. This course needs their line manager to approve each booking.\n\n"
        f"{when}"
        f"Approve or decline the booking:\n{link('learning:approval', booking.manager_token)}\n\n"
        "The place is held until you answer. Anyone with this link can answer, so please do not "
        "forward this email. If you are not their line manager, please ignore it."
    )
    return Message(f"Please approve a training booking: {person.get_full_name()}", text + _signature())


def waiting(booking: Booking) -> Message:
    course = booking.session.course
    hours = _policy("offer_hours")
    text = (
        f"{_hello(booking)}{_on_day(booking)} is full, so you are on its waiting list.\n\n"
        f"If a place becomes free, we will email you an offer. You then have {hours} hours to accept "
        "it before it goes to the next person waiting. You do not have a place unless you accept "
        "an offer.\n\n"
        f"To leave the waiting list, cancel it here:\n{link('learning:my-learning')}"
    )
    if course.needs_manager_approval:
        text += "\n\nIf you accept a place, we will ask your line manager to approve it."
    return Message(f"On the waiting list: {_subject_day(booking)}", text + _signature())


def offer(booking: Booking) -> Message:
    course = booking.session.course
    deadline = booking.offer_expires_at
    by = f" by {govuk_datetime(deadline)}" if deadline else ""
    when = "" if course.is_on_demand else f"{_when(booking)}\n{_where(booking)}\n\n"
    text = (
        f"{_hello(booking)}A place has become free on {course.title}, and you are next on the "
        "waiting list.\n\n"
        f"{when}"
        f"Accept or decline the place{by}:\n{link('learning:offer', booking.pk)}\n\n"
        "If you do not answer in time, the place goes to the next person waiting."
    )
    if course.needs_manager_approval:
        text += " If you accept, we will ask your line manager to approve it."
    subject_by = f": answer by {govuk_time(deadline)} on {day(deadline)}" if deadline else ""
    return Message(f"Place offered on {course.title}{subject_by}", text + _signature())


def offer_lapsed(booking: Booking) -> Message:
    course = booking.session.course
    text = (
        f"{_hello(booking)}The place we offered you on {course.title} was not accepted in time, so it "
        "has gone to the next person waiting.\n\n"
        f"You can book another date from the course page:\n{link('learning:course', course.slug)}"
    )
    return Message(f"Offer ended: {_subject_day(booking)}", text + _signature())


def not_approved(booking: Booking) -> Message:
    course = booking.session.course
    text = (
        f"{_hello(booking)}Your line manager did not approve your booking on {_on_day(booking)}, "
        "so you do not have a place.\n\n"
        "If you think this is a mistake, talk to your line manager. You can book again from the "
        f"course page:\n{link('learning:course', course.slug)}"
    )
    return Message(f"Booking not approved: {_subject_day(booking)}", text + _signature())


def cancellation(booking: Booking) -> Message:
    course = booking.session.course
    again = f"Other dates, if there are any, are on the course page:\n{link('learning:course', course.slug)}"
    calendar = "" if course.is_on_demand else "If the session is in your calendar, remove it.\n\n"
    if booking.status == BookingStatus.SESSION_CANCELLED:
        text = (
            f"{_hello(booking)}We are sorry: we have had to cancel {_on_day(booking)}. Your "
            "booking is cancelled and you do not need to do anything.\n\n"
            f"{calendar}{again}"
        )
        return Message(f"Session cancelled: {_subject_day(booking)}", text + _signature())
    text = f"{_hello(booking)}Your booking on {_on_day(booking)} is cancelled, as you asked.\n\n"
    if booking.status == BookingStatus.LATE_CANCELLATION:
        days = _policy("cancel_until_working_days")
        charge = f" of {money(booking.charge)}" if booking.charge is not None else ""
        text += (
            f"You cancelled less than {days} working days before the session, so it is recorded as a "
            f"late cancellation. Under the partnership's non-attendance policy your organisation may "
            f"be charged{charge}.\n\n"
        )
    text += f"{calendar}{again}"
    return Message(f"Booking cancelled: {_subject_day(booking)}", text + _signature())


def reminder(booking: Booking) -> Message:
    course = booking.session.course
    text = (
        f"{_hello(booking)}This is a reminder that you have a place on {course.title}.\n\n"
        f"{_when(booking)}\n{_where(booking)}\n\n"
        "We will send joining instructions 5 days before.\n\n"
        f"{_charge_warning()}\n\n"
        f"See or cancel your booking:\n{link('learning:my-learning')}"
    )
    return Message(f"Reminder: {course.title} on {long_day(booking.session.starts_at)}", text + _signature())


def joining(booking: Booking) -> Message:
    session = booking.session
    course = session.course
    how = []
    if session.joining_link:
        how.append(
            f"Join online with this link:\n{session.joining_link}\n\n"
            "The link is for you only: please do not share it. Join 5 minutes early to check your "
            "sound and camera."
        )
    if session.venue:
        how.append(f"The venue is:\n{session.venue}\n\nPlease arrive 10 minutes early to sign in.")
    text = (
        f"{_hello(booking)}Here is how to join {course.title}.\n\n"
        f"{_when(booking)}\n{_where(booking, joining=True)}\n\n"
        + "\n\n".join(how)
        + f"\n\nThe session's details are also at:\n{link('learning:session', session.pk)}\n\n"
        f"{_charge_warning()}\n\n"
        f"See or cancel your booking:\n{link('learning:my-learning')}"
    )
    return Message(f"Joining instructions: {_subject_day(booking)}", text + _signature())


def evaluation(booking: Booking) -> Message:
    course = booking.session.course
    text = (
        f"{_hello(booking)}Thank you for attending {course.title}. Please tell us what you thought of "
        "it: the evaluation takes about 5 minutes.\n\n"
        f"{link('learning:evaluate', booking.pk)}\n\n"
        "We use your answers to improve the training and to show the difference it makes. In about "
        "3 months we will ask you how you have used what you learned."
    )
    return Message(f"Tell us what you thought of {course.title}", text + _signature())


def evaluation_reminder(booking: Booking) -> Message:
    course = booking.session.course
    text = (
        f"{_hello(booking)}You have not yet told us what you thought of {course.title}. It takes about "
        f"5 minutes:\n\n{link('learning:evaluate', booking.pk)}\n\n"
        "This is the only reminder we will send."
    )
    return Message(f"Reminder: tell us what you thought of {course.title}", text + _signature())


def follow_up(booking: Booking, closes: dt.date, manager_asked: bool = False) -> Message:
    """`closes` is the last day it is open; `manager_asked`: the line manager will be asked too."""
    course = booking.session.course
    text = (
        f"{_hello(booking)}You {_attended(booking)}. Has it changed how you work with "
        "children and families? Tell us, with an example if you have one. It takes about 5 "
        f"minutes:\n\n{link('learning:follow-up', booking.pk)}\n\n"
        f"You can answer until {day(closes)}. What you tell us shows the partnership whether its "
        "training makes a difference to children."
    )
    if manager_asked:
        text += (
            "\n\nOnce you have answered, we will also ask your line manager whether they have seen a "
            "difference."
        )
    return Message(f"Has {course.title} changed your practice?", text + _signature())


def follow_up_reminder(booking: Booking, closes: dt.date) -> Message:
    course = booking.session.course
    text = (
        f"{_hello(booking)}You have not yet told us whether {course.title} has changed your practice. "
        f"It takes about 5 minutes:\n\n{link('learning:follow-up', booking.pk)}\n\n"
        f"You can answer until {day(closes)}. This is the only reminder we will send."
    )
    return Message(f"Reminder: has {course.title} changed your practice?", text + _signature())


def manager_follow_up(booking: Booking, closes: dt.date) -> Message:
    """To the practitioner's line manager, once the practitioner's own follow-up is in (the link
    carries the booking's token). `closes` is the last day to answer."""
    course, person = booking.session.course, booking.person
    text = (
        "Hello,\n\n"
        f"{person.get_full_name()}, who names you as their line manager, {_attended(booking)} "
        "and has told us about its effect on their practice. Have you seen a "
        f"difference? Tell us in a few words:\n\n{link('learning:manager-follow-up', booking.manager_token)}"
        f"\n\nYou can answer until {day(closes)}. Anyone with this link can answer, so please do not "
        "forward this email."
    )
    return Message(
        f"Has training made a difference? {person.get_full_name()}, {course.title}", text + _signature()
    )


def resource_review(resource: Resource, today: dt.date) -> Message:
    """To the resource's owner, once for each review date."""
    if resource.review_on < today:
        subject = f"Review overdue: {resource.title}"
        lead = f"{resource.title} was due for review on {day(resource.review_on)}."
    else:
        subject = f"Review due by {day(resource.review_on)}: {resource.title}"
        lead = f"{resource.title} is due for review by {day(resource.review_on)}."
    text = (
        f"Hello,\n\n{lead} You are its owner: please check it is still accurate and up to date, then "
        "add a new version or set the next review date.\n\n"
        f"{link('learning:resource', resource.slug)}\n\n"
        f"Everything due for review:\n{link('learning:resources-due')}"
    )
    return Message(subject, text + _signature())
