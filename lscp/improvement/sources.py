"""Where actions come from. Each domain app registers its kinds of source when it starts.

An action points at its source through a generic link and a `source_kind` to filter on; this
registry names each kind for people ("Meeting", later "Rapid review", "Multi-agency audit"), so
the action log can say where an action came from without importing the app that raised it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SourceKind:
    code: str
    label: str
    # How to link to a source of this kind; None uses the source's get_absolute_url().
    link: Callable[[Any], str] | None = None


_kinds: dict[str, SourceKind] = {}


def register(code: str, label: str, link: Callable[[Any], str] | None = None) -> SourceKind:
    kind = SourceKind(code, label, link)
    _kinds[code] = kind
    return kind


def link_for(code: str, source) -> str:
    """The address of a source record, or "" when there is none to link to."""
    if source is None:
        return ""
    kind = _kinds.get(code)
    if kind is not None and kind.link is not None:
        return kind.link(source)
    get_url = getattr(source, "get_absolute_url", None)
    return get_url() if get_url else ""


def label_for(code: str) -> str:
    """The name people use for a kind of source; unregistered kinds show their code."""
    kind = _kinds.get(code)
    return kind.label if kind else (code.replace("_", " ").capitalize() if code else "")


def registered() -> list[SourceKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.label)
