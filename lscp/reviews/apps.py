from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """The CSPRG's casework: serious incident notifications, referrals, rapid reviews, LCSPRs."""

    name = "lscp.reviews"
    label = "reviews"
    verbose_name = "Practice reviews"
