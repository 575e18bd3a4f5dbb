from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Learning and development: courses, bookings, evaluations that show impact, learning products."""

    name = "lscp.learning"
    label = "learning"
    verbose_name = "Learning"
    navigation = (35, "Learning", "learning:catalogue", "learning.view_catalogue")
    home_links: list = []
