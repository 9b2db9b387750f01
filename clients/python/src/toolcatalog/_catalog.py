"""The state held, its listeners and those waiting for a revision."""

from __future__ import annotations

import enum
import logging
import threading
import time
from dataclasses import replace
from typing import Any, Callable, List, Mapping, Optional, Sequence

from ._state import EMPTY, CatalogChanged, CatalogState

log = logging.getLogger("toolcatalog")

Listener = Callable[[CatalogChanged], Any]
ListenerFailed = Callable[[CatalogChanged, BaseException], None]


class Applied(enum.Enum):
    APPLIED = "applied"
    ALREADY_HELD = "already held"
    CHAIN_BROKEN = "chain broken"


class LocalCatalog:
    """One immutable :class:`CatalogState` swapped whole, so readers never lock or see half a change.

    Only the watch thread changes it (and ``start()`` from the cache file, before that thread
    runs). Each change is told to every listener in order, each in its own ``try``: one that
    raises is logged, told to ``failed`` (reported to the nodes as an apply failure), and the
    others still run.
    """

    def __init__(self, changed: Callable[[], None], failed: Optional[ListenerFailed] = None) -> None:
        self._changed = changed
        self._failed = failed
        self._lock = threading.RLock()
        self._advanced = threading.Condition(self._lock)
        self._listeners: List[Listener] = []
        self.state: Optional[CatalogState] = None

    @property
    def revision(self) -> int:
        state = self.state
        return 0 if state is None else state.revision

    def on_change(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def replace(self, state: CatalogState, source: str) -> None:
        with self._lock:
            change = (self.state or EMPTY).reset_to(state)
            self._install(state, change)
        log.info(
            "Catalog replaced from %s: revision %d -> %d, %d tools (%d changed, %d removed)",
            source, change.from_revision, state.revision, len(state.tools), len(change.changed), len(change.removed),
        )
        self._changed()

    def apply(
        self,
        from_revision: int,
        revision: int,
        changed: Sequence[Mapping[str, Any]],
        removed: Sequence[str],
        view: Optional[str] = None,
    ) -> Applied:
        """Applies a change that starts at the revision held; also one at the revision held that
        names another view of it for this consumer (its content differs from what is held)."""
        with self._lock:
            current = self.state
            other_view_of_held = (
                current is not None and view is not None and view != current.view
                and from_revision == revision == current.revision
            )
            if current is not None and revision <= current.revision and not other_view_of_held:
                return Applied.ALREADY_HELD
            if current is None or from_revision != current.revision:
                return Applied.CHAIN_BROKEN
            state = current.apply(revision, changed, removed, view)
            self._install(state, CatalogChanged(
                current.revision, revision, tuple(state.tools[t["name"]] for t in changed), tuple(removed), False))
        log.debug("Catalog change applied: revision %d -> %d", from_revision, revision)
        self._changed()
        return Applied.APPLIED

    def name_view(self, view: Optional[str], revision: int) -> bool:
        """A node named this consumer's view of ``revision`` (whose content is the one held)."""
        with self._lock:
            current = self.state
            if view is None or current is None or current.revision != revision or current.view == view:
                return False
            self.state = replace(current, view=view)
        log.info("Catalog view of this consumer at revision %d: %s (was %s)", revision, view, current.view)
        self._changed()
        return True

    def await_revision(self, revision: int, timeout: Optional[float]) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._advanced:
            while self.revision < revision:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._advanced.wait(remaining)
            return True

    def await_state(self, timeout: float, give_up: Callable[[], bool]) -> bool:
        deadline = time.monotonic() + timeout
        with self._advanced:
            while self.state is None and not give_up():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._advanced.wait(min(remaining, 0.1))
            return self.state is not None

    def _install(self, state: CatalogState, change: CatalogChanged) -> None:
        self.state = state
        self._advanced.notify_all()
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception as error:
                log.exception(
                    "Catalog listener %s failed on revision %d; the other listeners still run",
                    getattr(listener, "__qualname__", repr(listener)), change.revision,
                )
                if self._failed is not None:
                    self._failed(change, error)
