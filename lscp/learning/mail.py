"""Emails about bookings. (The booking service calls these; the messages are written in
lscp.learning.emails. Each is sent once: see LearningEmail.)"""

from lscp.learning.models import Booking


def after_booking(booking: Booking) -> None:
    """Confirmation (with a calendar file), approval request to the line manager, or waiting list."""


def cancelled(booking: Booking) -> None:
    """Tell the booker their booking is cancelled (by them, or because the session was)."""


def offered(booking: Booking) -> None:
    """Offer a waiting-list place: accept within the offer time."""


def not_approved(booking: Booking) -> None:
    """Tell the booker their line manager did not approve."""
