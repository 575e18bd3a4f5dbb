"""The year's plan and report narrative: included in governance.urls (namespace "governance")."""

urlpatterns: list = []
