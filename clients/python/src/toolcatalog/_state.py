"""The catalog as the client holds it: immutable values, swapped whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

Tool = Mapping[str, Any]
"""A tool in the API's shape (name, description, enabled, profiles, version, revision, …), read-only."""


def freeze(value: Any) -> Any:
    """A read-only deep copy of JSON data: objects become mapping proxies, arrays tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Plain JSON data (dicts and lists) from what :func:`freeze` made."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Profiles:
    """Every enabled tool's profiles at one revision: the shape of a node's ``GET /api/v1/profiles``."""

    revision: int
    tools: Mapping[str, Mapping[str, Mapping[str, Any]]]

    def to_dict(self) -> Dict[str, Any]:
        """The view as plain JSON data, equal to what a node's ``/profiles`` answers at this revision."""
        return {"revision": self.revision, "tools": thaw(self.tools)}


@dataclass(frozen=True)
class CatalogChanged:
    """What one applied change did; a listener gets one per change, in order.

    ``reset`` is true when the whole state was replaced (the cache file read at start, a snapshot
    from a node): then ``changed`` and ``removed`` are the difference from what was held before.
    """

    from_revision: int
    revision: int
    changed: Tuple[Tool, ...]
    removed: Tuple[str, ...]
    reset: bool


@dataclass(frozen=True)
class CatalogState:
    """The catalog at one revision as this consumer sees it; ``view`` is what the nodes named that
    view (``"stable"``, ``"rollout=3"``), ``None`` while no node named one."""

    revision: int
    tools: Mapping[str, Tool]
    view: Optional[str] = None
    profiles: Profiles = field(init=False, compare=False)

    def __post_init__(self) -> None:
        enabled = {
            name: tool.get("profiles", MappingProxyType({}))
            for name, tool in sorted(self.tools.items())
            if tool.get("enabled", True)
        }
        object.__setattr__(self, "profiles", Profiles(self.revision, MappingProxyType(enabled)))

    @staticmethod
    def of(revision: int, tools: Iterable[Mapping[str, Any]], view: Optional[str] = None) -> "CatalogState":
        return CatalogState(revision, MappingProxyType({t["name"]: freeze(t) for t in tools}), view)

    def apply(
        self, revision: int, changed: Iterable[Mapping[str, Any]], removed: Iterable[str], view: Optional[str] = None
    ) -> "CatalogState":
        tools = dict(self.tools)
        for name in removed:
            tools.pop(name, None)
        for tool in changed:
            tools[tool["name"]] = freeze(tool)
        return CatalogState(revision, MappingProxyType(tools), self.view if view is None else view)

    def reset_to(self, other: "CatalogState") -> CatalogChanged:
        changed = tuple(t for n, t in other.tools.items() if self.tools.get(n) != t)
        removed = tuple(n for n in self.tools if n not in other.tools)
        return CatalogChanged(self.revision, other.revision, changed, removed, True)

    def to_json(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {"revision": self.revision, "tools": [thaw(t) for t in self.tools.values()]}
        if self.view is not None:
            data["view"] = self.view
        return data


EMPTY = CatalogState(0, MappingProxyType({}))
