"""Service navigation by area. Each app's AppConfig declares its entry; areas not built are absent.

An AppConfig opts in with `navigation = (order, label, url name, perm)`, or a list of them when
an app has more than one area, each then with a fifth element: the path prefixes that make it the
current item. Core reads the app registry, so it never imports the apps it lists.
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


@dataclass(frozen=True, order=True)
class Entry:
    order: int
    label: str
    url_name: str
    perm: str
    app_label: str
    prefixes: tuple[str, ...] = ()

    def is_current(self, request: HttpRequest, namespace: str) -> bool:
        if self.prefixes:
            return request.path.startswith(self.prefixes)
        return namespace == self.app_label


def _entries() -> list[Entry]:
    entries = []
    for config in apps.get_app_configs():
        declared = getattr(config, "navigation", None)
        if not declared:
            continue
        for entry in declared if isinstance(declared, list) else [declared]:
            order, label, url_name, perm, *prefixes = entry
            entries.append(
                Entry(order, label, url_name, perm, config.label, tuple(prefixes[0]) if prefixes else ())
            )
    return sorted(entries)


def navigation_for(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    at_home = match is not None and not namespace and match.url_name == "home"
    items = [NavItem("Home", reverse("home"), at_home)]
    for entry in _entries():
        if user.has_perm(entry.perm):
            items.append(NavItem(entry.label, reverse(entry.url_name), entry.is_current(request, namespace)))
    return items


@dataclass(frozen=True)
class HomeLink:
    label: str
    url: str
    description: str


def home_links_for(request: HttpRequest) -> list[HomeLink]:
    """Things anyone may start from the home page, declared by apps as `home_links`.

    Each is (label, url name, perm, description): e.g. the reviews app's "Refer a case for
    review", which practitioners reach from nowhere else.
    """
    links = []
    for config in apps.get_app_configs():
        for label, url_name, perm, description in getattr(config, "home_links", []):
            if request.user.has_perm(perm):
                links.append(HomeLink(label, reverse(url_name), description))
    return links
