"""The predecessor's ``ProfileLoader``, reading from a :class:`CatalogClient` instead of a database."""

from __future__ import annotations

import threading
from types import MappingProxyType
from typing import Any, Dict, Mapping, Optional

from ._state import CatalogChanged
from .client import CatalogClient

ProfilesByTool = Mapping[str, Mapping[str, Mapping[str, Any]]]


class ProfileLoader:
    """Enabled tools' profiles by tool name, cached; the cache drops a tool as soon as it changes.

    The predecessor's interface, kept so pipelines written against it port unchanged. The client
    is kept current by its watch stream, so ``load()`` is a dictionary read and never stale: every
    applied change invalidates the entries of the tools it touched (a reset invalidates all).
    """

    def __init__(self, client: CatalogClient) -> None:
        self._client = client
        self._lock = threading.Lock()
        self._cache: Optional[Dict[str, Mapping[str, Mapping[str, Any]]]] = None
        client.on_change(self._changed)

    def load(self, force_reload: bool = False) -> ProfilesByTool:
        """The enabled tools' profiles (``{tool: {profile: {...}}}``), from the cache unless it was invalidated."""
        with self._lock:
            if force_reload or self._cache is None:
                self._cache = dict(self._client.profiles().tools)
            else:
                fresh = self._client.profiles().tools
                for name in [n for n in fresh if n not in self._cache]:
                    self._cache[name] = fresh[name]
            return MappingProxyType(dict(self._cache))

    def reload(self, tool_name: Optional[str] = None) -> ProfilesByTool:
        """Invalidates the cache (one tool's entry, or all) and loads again."""
        self.invalidate_cache(tool_name)
        return self.load()

    def invalidate_cache(self, tool_name: Optional[str] = None) -> None:
        """Forgets one tool's cached profiles, or all of them."""
        with self._lock:
            if tool_name is None:
                self._cache = None
            elif self._cache is not None:
                self._cache.pop(tool_name, None)

    def _changed(self, change: CatalogChanged) -> None:
        if change.reset:
            self.invalidate_cache()
            return
        for tool in change.changed:
            self.invalidate_cache(tool["name"])
        for name in change.removed:
            self.invalidate_cache(name)
