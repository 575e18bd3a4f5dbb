"""Where actions come from. Each domain app registers its kinds of source when it starts.

An action points at its source through a generic link and a `source_kind` to filter on; this
registry names each kind for people ("Meeting", later "Rapid review", "Multi-agency audit"), so
the action log can say where an action came from without importing the app that raised it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceKind:
    code: str
    label: str


_kinds: dict[str, SourceKind] = {}


def register(code: str, label: str) -> SourceKind:
    kind = SourceKind(code, label)
    _kinds[code] = kind
    return kind


def label_for(code: str) -> str:
    """The name people use for a kind of source; unregistered kinds show their code."""
    kind = _kinds.get(code)
    return kind.label if kind else (code.replace("_", " ").capitalize() if code else "")


def registered() -> list[SourceKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.label)
