"""Placeholder: the evaluation pages are added here."""

urlpatterns: list = []
