"""Deny by default: every URL pattern's view must declare who may reach it."""

from django.urls import URLPattern, URLResolver, get_resolver


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def declared_rule(callback) -> str | None:
    return getattr(callback, "lscp_rule", None) or getattr(
        getattr(callback, "view_class", None), "lscp_rule", None
    )


def test_every_view_declares_a_rule():
    undeclared = [
        route for route, callback in walk(get_resolver().url_patterns) if not declared_rule(callback)
    ]
    assert undeclared == [], f"views with no permission rule: {undeclared}"


def test_the_walk_sees_the_whole_site():
    routes = [route for route, _ in walk(get_resolver().url_patterns)]
    assert "healthz" in routes
    assert "account/sign-in/" in routes
    assert len(routes) >= 5
