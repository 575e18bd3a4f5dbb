"""Placeholder: the catalogue pages are added here."""

urlpatterns: list = []
