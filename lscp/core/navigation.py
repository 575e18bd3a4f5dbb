"""Service navigation by area. Each app's AppConfig declares its entry; areas not built are absent.

An AppConfig opts in with `navigation = (order, label, url name, perm)`; core reads the app
registry, so it never imports the apps it lists.
"""

from dataclasses import dataclass

from django.apps import apps
from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def _entries() -> list[tuple[int, str, str, str, str]]:
    entries = []
    for config in apps.get_app_configs():
        if entry := getattr(config, "navigation", None):
            order, label, url_name, perm = entry
            entries.append((order, label, url_name, perm, config.label))
    return sorted(entries)


def navigation_for(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    at_home = match is not None and not namespace and match.url_name == "home"
    items = [NavItem("Home", reverse("home"), at_home)]
    for _order, label, url_name, perm, app_label in _entries():
        if user.has_perm(perm):
            items.append(NavItem(label, reverse(url_name), namespace == app_label))
    return items
