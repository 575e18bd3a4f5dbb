from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Learning and development: courses, bookings, evaluations that show impact, learning products."""

    name = "lscp.learning"
    label = "learning"
    verbose_name = "Learning"
    navigation = (35, "Learning", "learning:catalogue", "learning.view_catalogue")
    home_links: list = []

    def ready(self) -> None:
        from lscp.core import figures_cache
        from lscp.core.models import Agency
        from lscp.improvement.models import LearningTheme
        from lscp.learning.models import (
            Booking,
            BookingStatus,
            Course,
            Evaluation,
            FollowUp,
            LearnerProfile,
            Resource,
            Session,
        )
        from lscp.learning.report import KEPT

        # What the evaluation report counts. A booking counts once the register has it (or a
        # recording counted as watched): places booked and cancelled before a session starts are
        # not in a report until it starts, which the report's cache key sees for itself.
        registered = {BookingStatus.ATTENDED, BookingStatus.ABSENT, BookingStatus.LATE_CANCELLATION}
        figures_cache.watch(KEPT, [Evaluation, FollowUp, Session, Course, LearnerProfile, Agency])
        # The annual report's learning figures (lscp.learning.figures) count resources and themes too.
        figures_cache.watch(KEPT, [Resource, LearningTheme])
        figures_cache.watch(
            KEPT, [Booking], counts=lambda booking: getattr(booking, "status", "") in registered
        )
