"""Counts of calls that worked or failed per tool, and listener failures, sent in batches, best effort."""

from __future__ import annotations

import http.client
import json
import logging
import threading
from typing import Any, Callable, Dict, List, Optional, Tuple

from ._http import Endpoint, Requests

log = logging.getLogger("toolcatalog")

REPORTS_PATH = "/api/v1/consumers/reports"
MAX_TOOLS_HELD = 1000
"""Distinct tools held at most; outcomes of further tools are dropped (and counted)."""
MAX_TOOLS_PER_BATCH = 200
"""Tools in one report at most (what the nodes accept)."""
MAX_APPLY_FAILURES = 20
"""Apply failures held, and sent in one report, at most (what the nodes accept)."""
MAX_COUNT = 1_000_000
"""The highest count of one outcome of one tool a report carries; the rest waits for the next report."""
MAX_ERROR_CHARS = 500


class Reporter:
    """Adds up ``report(tool, ok)`` calls and listener failures, and posts them together.

    Bounded: at most 1000 tools and 20 apply failures are held; what does not fit is dropped and
    counted. A post carries at most 200 tools. Best effort: a failed post puts its batch back, merged
    with what was counted since; a 404 means the nodes do not take reports, so it is remembered,
    counts are dropped and reporting stops quietly.
    """

    def __init__(self, requests: Requests, node: Callable[[], Endpoint]) -> None:
        self._requests = requests
        self._node = node
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._counts: Dict[str, List[int]] = {}
        self._failures: List[Dict[str, Any]] = []
        self.supported = True
        self.sent = 0
        self.dropped = 0
        self.failed_sends = 0

    def add(self, tool: str, ok: bool) -> None:
        if not self.supported:
            return
        with self._lock:
            counts = self._counts.get(tool)
            if counts is None:
                if len(self._counts) >= MAX_TOOLS_HELD:
                    self.dropped += 1
                    return
                counts = self._counts[tool] = [0, 0]
            counts[0 if ok else 1] += 1

    def apply_failed(self, revision: int, tool: Optional[str], error: BaseException) -> None:
        """A listener raised on the change to ``revision``; kept for the next post."""
        kind = type(error)
        text = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        if str(error):
            text += f": {error}"
        if len(text) > MAX_ERROR_CHARS:
            text = text[: MAX_ERROR_CHARS - 1] + "…"
        entry: Dict[str, Any] = {"revision": revision, "error": text}
        if tool is not None:
            entry["tool"] = tool
        with self._lock:
            if len(self._failures) >= MAX_APPLY_FAILURES or not self.supported:
                self.dropped += 1
                return
            self._failures.append(entry)

    @property
    def pending(self) -> bool:
        with self._lock:
            return bool(self._counts or self._failures)

    def flush(self) -> bool:
        """Sends what was counted, batch after batch; true when the node took it all (or there was nothing)."""
        with self._send_lock:
            while True:
                batch = self._take()
                if batch is None:
                    return True
                if not self._send(*batch):
                    return False

    def _take(self) -> Optional[Tuple[Dict[str, Dict[str, int]], List[Dict[str, Any]]]]:
        with self._lock:
            if not self.supported or not (self._counts or self._failures):
                return None
            tools: Dict[str, Dict[str, int]] = {}
            for name in list(self._counts)[:MAX_TOOLS_PER_BATCH]:
                counts = self._counts[name]
                success, failure = min(counts[0], MAX_COUNT), min(counts[1], MAX_COUNT)
                tools[name] = {"success": success, "failure": failure}
                counts[0] -= success
                counts[1] -= failure
                if counts == [0, 0]:
                    del self._counts[name]
            failures, self._failures = self._failures, []
            return tools, failures

    def _send(self, tools: Dict[str, Dict[str, int]], failures: List[Dict[str, Any]]) -> bool:
        body: Dict[str, Any] = {"tools": tools}
        if failures:
            body["apply_failures"] = failures
        node = self._node()
        try:
            status, detail = self._post(node, json.dumps(body).encode("utf-8"))
        except (OSError, http.client.HTTPException) as e:
            status, detail = 0, str(e)
        if 200 <= status < 300:
            with self._lock:
                self.sent += sum(c["success"] + c["failure"] for c in tools.values())
            return True
        with self._lock:
            self.failed_sends += 1
        if status == 404:
            with self._lock:
                self.supported = False
                self._counts.clear()
                self._failures.clear()
            log.info("Catalog node %s takes no usage reports (404): reporting stops", node.url)
            return False
        log.debug("Catalog usage report to %s failed (%s %s): kept for the next one", node.url, status, detail)
        self._restore(tools, failures)
        return False

    def _post(self, node: Endpoint, body: bytes) -> Tuple[int, str]:
        connection = self._requests.open(node)
        try:
            headers = self._requests.headers("application/json")
            headers["Content-Type"] = "application/json"
            connection.request("POST", node.prefix + REPORTS_PATH, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read(512).decode("utf-8", "replace")
        finally:
            connection.close()

    def _restore(self, tools: Dict[str, Dict[str, int]], failures: List[Dict[str, Any]]) -> None:
        """The batch goes back in front of what was counted since, merged, still within the bounds."""
        with self._lock:
            merged: Dict[str, List[int]] = {n: [c["success"], c["failure"]] for n, c in tools.items()}
            for name, counts in self._counts.items():
                both = merged.setdefault(name, [0, 0])
                both[0] += counts[0]
                both[1] += counts[1]
            self._counts = {}
            for name, counts in merged.items():
                if len(self._counts) < MAX_TOOLS_HELD:
                    self._counts[name] = counts
                else:
                    self.dropped += counts[0] + counts[1]
            everything = failures + self._failures
            self._failures = everything[:MAX_APPLY_FAILURES]
            self.dropped += len(everything) - len(self._failures)
