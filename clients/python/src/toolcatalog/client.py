"""The catalog client: every tool in memory, kept current from a node's watch stream."""

from __future__ import annotations

import logging
import os
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, List, Mapping, Optional, Sequence, Union

from ._backoff import Backoff
from ._cache import CacheFile, CacheUnreadable
from ._catalog import LocalCatalog
from ._http import STABLE_VIEW, Requests, default_consumer_id
from ._reconcile import Reconciler
from ._reports import Reporter
from ._state import CatalogChanged, CatalogState, Profiles, Tool
from ._watch import WatchLoop

log = logging.getLogger("toolcatalog")


class CatalogUnavailable(RuntimeError):
    """``start()`` got no catalog: no node answered in time and no usable cache file."""


@dataclass(frozen=True)
class ClientStatus:
    """Where the client's catalog comes from now.

    ``source`` is ``"node"`` once a node has sent or vouched for the state held, ``"cache"`` while
    it serves what the cache file held, ``None`` before it holds anything. ``last_event_age`` is
    the seconds since the last event of any kind (heartbeats included), ``None`` before the first.
    ``view`` is the view the nodes serve this consumer (``"stable"``, ``"rollout=3"``).
    ``reports_sent`` counts outcomes the nodes accepted, ``reports_dropped`` outcomes and apply
    failures let go (past the bounds, or after a 404), ``report_sends_failed`` posts that failed.
    """

    node: str
    connected: bool
    source: Optional[str]
    revision: int
    last_event_age: Optional[float]
    reconnects: int
    last_error: Optional[str]
    reporting: bool
    view: str = STABLE_VIEW
    reports_sent: int = 0
    reports_dropped: int = 0
    report_sends_failed: int = 0


class CatalogClient:
    """Holds the whole catalog in memory and keeps it current from a node's watch stream.

    Reads (``tools()``, ``tool()``, ``profiles()``, ``revision()``) never block and never touch
    the network. ``start()`` serves from the cache file at once when it has one, even with every
    node down, then follows a node from that revision; it fails over across ``endpoints`` with a
    jittered, capped backoff. Use it as a context manager, or call ``close()``.
    """

    def __init__(
        self,
        endpoints: Sequence[str],
        token: Optional[str] = None,
        cache_file: Union[str, "os.PathLike[str]", None] = None,
        consumer_id: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        *,
        allow_insecure: bool = False,
        start_timeout: float = 30.0,
        connect_timeout: float = 2.0,
        read_timeout: float = 45.0,
        backoff_initial: float = 0.1,
        backoff_max: float = 10.0,
        stable_after: float = 10.0,
        max_event_bytes: int = 64 * 1024 * 1024,
        cache_write_delay: float = 0.2,
        report_interval: float = 10.0,
        reconcile_interval: float = 300.0,
        ssl_context: Optional[ssl.SSLContext] = None,
    ) -> None:
        if isinstance(endpoints, str):
            endpoints = [endpoints]
        self._requests = Requests(
            endpoints, token, consumer_id or default_consumer_id(), labels or {},
            allow_insecure, connect_timeout, ssl_context,
        )
        self._cache = CacheFile(cache_file, self._requests.identity) if cache_file is not None else None
        self._start_timeout = start_timeout
        self._cache_write_delay = cache_write_delay
        self._report_interval = report_interval
        self._reconcile_interval = reconcile_interval
        self._dirty = threading.Event()
        self._stop = threading.Event()
        self._report_soon = threading.Event()
        self._reconcile_soon = threading.Event()
        self._catalog = LocalCatalog(self._dirty.set, self._apply_failed)
        self._watch = WatchLoop(
            self._requests, self._catalog, Backoff(backoff_initial, backoff_max),
            read_timeout, stable_after, max_event_bytes, self._rollout_stepped,
        )
        self._reporter = Reporter(self._requests, lambda: self._watch.node)
        self._reconciler = Reconciler(self._requests, self._catalog, self._watch)
        self._threads: List[threading.Thread] = []
        self._written: Optional[CatalogState] = None
        self._started = False
        self._closed = False

    # lifecycle

    def start(self) -> "CatalogClient":
        """Serves from the cache file or waits (``start_timeout``) for a node's snapshot.

        Raises :class:`CatalogUnavailable` when neither gave a catalog; its message says why
        each failed (an unreadable cache file included).
        """
        if self._started:
            return self
        self._started = True
        cache_problem = self._load_cache()
        for name, target in (("watch", self._watch.run), ("housekeeping", self._housekeep)):
            thread = threading.Thread(target=target, name=f"toolcatalog-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        if not self._catalog.await_state(self._start_timeout, self._stop.is_set):
            nodes = ", ".join(e.url for e in self._requests.endpoints)
            reasons = [f"no node answered within {self._start_timeout:g} s ({nodes}; last error: {self._watch.last_error})"]
            if cache_problem:
                reasons.append(cache_problem)
            elif self._cache is None:
                reasons.append("no cache_file was given")
            else:
                reasons.append(f"there is no cache file at {self._cache.path} yet")
            self.close()
            raise CatalogUnavailable("No catalog to serve: " + "; ".join(reasons))
        return self

    def close(self) -> None:
        """Stops following, sends the counted reports and writes the cache file one last time."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._dirty.set()  # wakes the housekeeping thread, which sees the stop
        self._watch.close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._started:
            self._reporter.flush()
            self._write_cache()

    def __enter__(self) -> "CatalogClient":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # reads

    def revision(self) -> int:
        """The revision held; 0 before the first state."""
        return self._catalog.revision

    def tools(self) -> Mapping[str, Tool]:
        """Every tool (disabled ones too) by name, in the API's shape; read-only."""
        return self._state().tools

    def tool(self, name: str) -> Optional[Tool]:
        """One tool, or ``None`` when the catalog has no tool of that name."""
        return self._state().tools.get(name)

    def profiles(self) -> Profiles:
        """Enabled tools' profiles, as a node's ``/api/v1/profiles`` shows them at the revision held."""
        return self._state().profiles

    def await_revision(self, revision: int, timeout: Optional[float] = None) -> bool:
        """Waits until the revision held is at least ``revision``; false when ``timeout`` ran out first."""
        return self._catalog.await_revision(revision, timeout)

    def on_change(self, listener: Callable[[CatalogChanged], Any]) -> None:
        """Calls ``listener`` with every change applied from now on, on the watch thread, in order.

        A listener added before ``start()`` also hears the initial state (a reset event from the
        cache file or the first snapshot). Each listener runs in its own ``try``: one that raises
        is logged and the others still run. Keep listeners quick; they hold up the stream.
        """
        self._catalog.on_change(listener)

    def status(self) -> ClientStatus:
        watch = self._watch
        state = self._catalog.state
        last = watch.last_event
        return ClientStatus(
            node=watch.node.url,
            connected=watch.connected,
            source=None if state is None else ("node" if watch.from_node else "cache"),
            revision=self._catalog.revision,
            last_event_age=None if last is None else time.monotonic() - last,
            reconnects=watch.reconnects,
            last_error=watch.last_error,
            reporting=self._reporter.supported,
            view=self.view(),
            reports_sent=self._reporter.sent,
            reports_dropped=self._reporter.dropped,
            report_sends_failed=self._reporter.failed_sends,
        )

    def view(self) -> str:
        """The view of the catalog the nodes serve this consumer, as they named it (``X-Catalog-View``):
        ``"stable"``, or ``"rollout=3"`` while this consumer is in the cohort of rollout 3
        (``"rollout=3,rollout=5"`` for several); ``"stable"`` until a node names another."""
        state = self._catalog.state
        return STABLE_VIEW if state is None or state.view is None else state.view

    # usage reports

    def report(self, tool: str, ok: bool) -> None:
        """Counts one call of ``tool``; counts are posted every ``report_interval`` and at ``close()``.

        Never blocks on the network and never raises. Best effort: at most 1000 tools are held
        (further ones are dropped and counted in ``status()``); a failed post keeps the counts for
        the next one; a node that does not take reports (404) is remembered and reporting stops
        quietly.
        """
        self._reporter.add(tool, bool(ok))

    def flush(self) -> bool:
        """Posts the counts (and apply failures) now, on the calling thread; true when the node took them all."""
        return self._reporter.flush()

    flush_reports = flush

    # internals

    def _state(self) -> CatalogState:
        state = self._catalog.state
        if state is None:
            raise CatalogUnavailable("the client holds no catalog yet: call start() first")
        return state

    def _load_cache(self) -> Optional[str]:
        if self._cache is None:
            return None
        try:
            state = self._cache.read()
        except CacheUnreadable as e:
            problem = f"the cache file {self._cache.path} was unreadable: {e}"
            log.warning("Catalog cache ignored: %s", problem)
            return problem
        if state is None:
            log.info("No catalog cache file at %s yet", self._cache.path)
            return None
        self._written = state
        self._catalog.replace(state, f"the cache file {self._cache.path}")
        if self._cache.held_another_consumer:
            log.info("Catalog cache file %s holds another consumer's view: serving it until a full snapshot replaces it",
                     self._cache.path)
            self._watch.snapshot_first()
        return None

    def _housekeep(self) -> None:
        """Cache writes, usage reports and reconciles, on one thread off the stream's path."""
        now = time.monotonic()
        next_report, next_reconcile = now + self._report_interval, now + self._reconcile_interval
        while not self._stop.is_set():
            wake = min(1.0, next_report - time.monotonic(), next_reconcile - time.monotonic())
            if self._dirty.wait(timeout=max(0.0, wake)):
                # a burst of changes costs one write of the latest state
                if self._stop.wait(self._cache_write_delay):
                    return
                self._dirty.clear()
                self._write_cache()
            if self._report_soon.is_set() or time.monotonic() >= next_report:
                self._report_soon.clear()
                self._reporter.flush()
                next_report = time.monotonic() + self._report_interval
            if self._reconcile_soon.is_set() or time.monotonic() >= next_reconcile:
                self._reconcile_soon.clear()
                self._reconciler.reconcile()
                next_reconcile = time.monotonic() + self._reconcile_interval

    def _apply_failed(self, change: CatalogChanged, error: BaseException) -> None:
        """A listener raised: reported as an apply failure at once (on the housekeeping thread)."""
        touched = [t["name"] for t in change.changed] + list(change.removed)
        self._reporter.apply_failed(change.revision, touched[0] if len(touched) == 1 else None, error)
        self._report_soon.set()
        self._dirty.set()  # wakes the housekeeping thread

    def _rollout_stepped(self) -> None:
        """A rollout stepped: check the state and learn the view's name now rather than at the next interval."""
        self._reconcile_soon.set()
        self._dirty.set()

    def _write_cache(self) -> None:
        state = self._catalog.state
        if self._cache is None or state is None or state is self._written:
            return
        try:
            self._cache.write(state)
            self._written = state
            log.debug("Catalog cache file %s written at revision %d", self._cache.path, state.revision)
        except OSError as e:
            log.warning("Catalog cache file %s could not be written at revision %d: %s", self._cache.path, state.revision, e)
