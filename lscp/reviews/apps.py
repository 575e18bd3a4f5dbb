from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """The CSPRG's casework: serious incident notifications, referrals, rapid reviews, LCSPRs."""

    name = "lscp.reviews"
    label = "reviews"
    verbose_name = "Practice reviews"
    navigation = (20, "Reviews", "reviews:dashboard", "reviews.view_cases")
    home_links = [
        (
            "Refer a case for review",
            "reviews:refer",
            "reviews.refer",
            "If you think agencies could learn from how they worked together for a child.",
        ),
        (
            "Your referrals",
            "reviews:my-referrals",
            "reviews.refer",
            "Cases you have referred, and what was decided.",
        ),
        (
            "Returns your agency owes",
            "reviews:returns-owed",
            "reviews.view_returns_owed",
            "Chronologies and summaries asked of your agency for a rapid review: upload them here.",
        ),
    ]

    def ready(self) -> None:
        from lscp.improvement import sources
        from lscp.reviews import casework
        from lscp.reviews.models import PRACTICE_REVIEW_SOURCE, RAPID_REVIEW_SOURCE

        sources.register(RAPID_REVIEW_SOURCE, "Rapid review")
        sources.register(PRACTICE_REVIEW_SOURCE, "Local practice review")
        casework.connect()
