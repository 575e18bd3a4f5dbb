"""Placeholder: the resource pages are added here."""

urlpatterns: list = []
