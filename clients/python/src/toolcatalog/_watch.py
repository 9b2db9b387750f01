"""The watch thread: follows one node's event stream at a time, moving on when it fails."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
from typing import Any, Callable, Dict, Optional, Tuple

from ._backoff import Backoff
from ._catalog import Applied, LocalCatalog
from ._http import STABLE_VIEW, VIEW_HEADER, Endpoint, Requests
from ._sse import Event, read_events
from ._state import CatalogState

log = logging.getLogger("toolcatalog")


class StreamFailed(IOError):
    def __init__(self, message: str, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class WatchLoop:
    """Follows ``GET /api/v1/watch`` on one node, then the next, resuming from the revision held.

    A ``change`` that does not start at the revision held makes it reconnect with ``since`` set to
    that revision; a ``snapshot`` (also one at the revision held) replaces the state; a node saying
    the revision held was never committed (409) gets a full snapshot asked of it. Between attempts
    it waits a jittered, capped backoff, which starts over only once a stream has lived
    ``stable_after`` seconds, so a node that accepts and drops at once is not hammered.

    The node answers in this consumer's view (``X-Catalog-View``). When it names another view of
    the very revision held than the one held, the content held is not what this consumer should
    see: the client takes a full snapshot. When the node is ahead, the changes bring the content
    and its view becomes the held state's once the client reaches the node's revision. A change
    that steps a rollout without naming the view calls ``rollout_stepped`` (a prompt reconcile).
    """

    def __init__(
        self,
        requests: Requests,
        catalog: LocalCatalog,
        backoff: Backoff,
        read_timeout: float,
        stable_after: float,
        max_event_bytes: int,
        rollout_stepped: Callable[[], None] = lambda: None,
    ) -> None:
        self._requests = requests
        self._rollout_stepped = rollout_stepped
        self._stream_view: Optional[str] = None
        self._stream_revision = -1
        self._pending_view: Optional[Tuple[str, int]] = None
        self._catalog = catalog
        self._backoff = backoff
        self._read_timeout = read_timeout
        self._stable_after = stable_after
        self._max_event_bytes = max_event_bytes
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._connection: Optional[http.client.HTTPConnection] = None
        self._index = 0
        self._snapshot_wanted = False
        self._failures_in_row = 0
        self.node: Endpoint = requests.endpoints[0]
        self.connected = False
        self.from_node = False
        self.last_event: Optional[float] = None
        self.reconnects = 0
        self.last_error: Optional[str] = None

    def run(self) -> None:
        endpoints = self._requests.endpoints
        while not self._closed.is_set():
            self.node = endpoints[self._index]
            rotate = True
            retry_after = 0.0
            opened = time.monotonic()
            try:
                rotate = not self._follow(self.node)
            except (OSError, http.client.HTTPException, ValueError, KeyError, TypeError) as e:
                if self._snapshot_wanted:
                    rotate = False  # the stream was dropped on purpose
                else:
                    retry_after = getattr(e, "retry_after", 0.0)
                    self._failed(e)
            finally:
                self.connected = False
                with self._lock:
                    connection, self._connection = self._connection, None
                if connection is not None:
                    connection.close()
            if self._closed.is_set():
                break
            if time.monotonic() - opened >= self._stable_after:
                self._backoff.reset()
            if rotate:
                self._index = (self._index + 1) % len(endpoints)
            self.reconnects += 1
            self._closed.wait(max(self._backoff.next(), retry_after))
        log.debug("Catalog watch loop stopped at revision %d", self._catalog.revision)

    def snapshot_first(self) -> None:
        """The next stream starts from a full snapshot (the state held may be another consumer's view)."""
        self._snapshot_wanted = True

    def request_snapshot(self) -> None:
        """Drops the stream and starts over, on the same node, from a full snapshot."""
        self._snapshot_wanted = True
        self._abort()

    def close(self) -> None:
        self._closed.set()
        self._abort()

    def _abort(self) -> None:
        with self._lock:
            connection = self._connection
        if connection is not None and connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _follow(self, node: Endpoint) -> bool:
        """Streams from ``node``; true when the client wants to start over on the same node."""
        held = self._catalog.state
        since = None if self._snapshot_wanted or held is None else held.revision
        self._snapshot_wanted = False
        connection = self._requests.open(node)
        with self._lock:
            if self._closed.is_set():
                return False
            self._connection = connection
        connection.connect()
        if connection.sock is not None:
            # connected within the connect timeout; from now on only a silent stream times out
            connection.sock.settimeout(self._read_timeout)
        path = node.prefix + "/api/v1/watch" + ("" if since is None else f"?since={since}")
        connection.request("GET", path, headers=self._requests.headers("text/event-stream"))
        response = connection.getresponse()
        if response.status == 409 and since is not None:
            log.warning("Catalog node %s says revision %d was never committed: taking a full snapshot", node.url, since)
            self._snapshot_wanted = True
            return True
        if response.status != 200:
            detail = response.read(1024).decode("utf-8", "replace")
            raise StreamFailed(f"HTTP {response.status} from {node.url}: {detail}", _retry_after(response))
        self._stream_view = response.getheader(VIEW_HEADER)
        self._stream_revision = _int(response.getheader("X-Catalog-Revision"))
        self._pending_view = None
        if since is not None and self._other_view_of_held(node, since):
            self._snapshot_wanted = True
            return True
        log.info("Catalog watch stream on %s open from %s", node.url, "a snapshot" if since is None else f"revision {since}")
        self.connected = True
        self._failures_in_row = 0
        self.last_error = None
        if since is not None:
            self.from_node = True  # the node accepted to continue from what is held: it vouches for it
        for event in read_events(response, self._max_event_bytes):
            self.last_event = time.monotonic()
            if self._handle(node, event) or self._closed.is_set() or self._snapshot_wanted:
                return True
        if self._snapshot_wanted:
            return True
        if not self._closed.is_set():
            log.info("Catalog watch stream on %s ended by the node at revision %d", node.url, self._catalog.revision)
        return False

    def _handle(self, node: Endpoint, event: Event) -> bool:
        data: Dict[str, Any] = json.loads(event.data) if event.type in ("snapshot", "change") else {}
        if event.type == "snapshot":
            revision = int(data["revision"])
            view = data.get("view") or (
                self._stream_view if self._stream_revision in (-1, revision) else None)
            self._catalog.replace(CatalogState.of(revision, data["tools"], view), f"a snapshot from {node.url}")
            self.from_node = True
        elif event.type == "change":
            applied = self._catalog.apply(
                int(data["from_revision"]), int(data["revision"]), data.get("changed", []), data.get("removed", []),
                data.get("view"))
            if applied is Applied.CHAIN_BROKEN:
                log.warning(
                    "Catalog change %s -> %s from %s does not follow the revision held, %d: resuming from it",
                    data["from_revision"], data["revision"], node.url, self._catalog.revision,
                )
                return True
            self._view_after(data)
            self.from_node = True
        elif event.type == "progress":
            self.from_node = True
        else:
            log.debug("Catalog watch event %r from %s ignored", event.type, node.url)
        return False

    def _other_view_of_held(self, node: Endpoint, since: int) -> bool:
        held = self._catalog.state
        if self._stream_view is None or held is None:
            return False
        held_view = held.view or STABLE_VIEW
        if self._stream_view == held_view:
            return False
        if self._stream_revision == since:
            log.info(
                "Catalog node %s serves this consumer the view %s of revision %d, the client holds %s: "
                "taking a full snapshot", node.url, self._stream_view, since, held_view,
            )
            return True
        self._pending_view = (self._stream_view, self._stream_revision)
        return False

    def _view_after(self, change: Dict[str, Any]) -> None:
        held = self._catalog.revision
        if self._pending_view is not None and held >= self._pending_view[1]:
            if held == self._pending_view[1] and change.get("view") is None:
                self._catalog.name_view(self._pending_view[0], held)
            self._pending_view = None
        if change.get("view") is None and str(change.get("operation") or "").startswith("rollout_"):
            self._rollout_stepped()

    def _failed(self, error: BaseException) -> None:
        if self._closed.is_set():
            return
        self.last_error = f"{self.node.url}: {error}"
        self._failures_in_row += 1
        # the first failure and every 20th after it at WARNING, so a long outage does not flood the log
        level = logging.WARNING if self._failures_in_row % 20 == 1 else logging.DEBUG
        log.log(
            level, "Catalog watch stream on %s failed at revision %d (%d failures in a row): %s",
            self.node.url, self._catalog.revision, self._failures_in_row, error,
        )


def _int(header: Optional[str]) -> int:
    try:
        return -1 if header is None else int(header.strip())
    except ValueError:
        return -1


def _retry_after(response: http.client.HTTPResponse) -> float:
    try:
        return min(30.0, max(0.0, float(response.getheader("Retry-After", "0"))))
    except ValueError:
        return 0.0
