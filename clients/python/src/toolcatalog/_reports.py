"""Counts of calls that worked or failed per tool, sent in batches, best effort."""

from __future__ import annotations

import http.client
import json
import logging
import threading
from collections import Counter
from typing import Callable, Dict, Tuple

from ._http import Endpoint, Requests

log = logging.getLogger("toolcatalog")

REPORTS_PATH = "/api/v1/consumers/reports"


class Reporter:
    """Adds up ``report(tool, ok)`` calls and posts them together.

    Best effort: a failed post keeps the counts for the next one; a 404 means the nodes do not
    take reports, so it is remembered, counts are dropped and reporting stops quietly.
    """

    def __init__(self, requests: Requests, node: Callable[[], Endpoint]) -> None:
        self._requests = requests
        self._node = node
        self._lock = threading.Lock()
        self._counts: Dict[str, Counter[str]] = {}
        self.supported = True

    def add(self, tool: str, ok: bool) -> None:
        if not self.supported:
            return
        with self._lock:
            self._counts.setdefault(tool, Counter())["success" if ok else "failure"] += 1

    def flush(self) -> bool:
        """Sends what was counted; true when the node took it (or there was nothing to send)."""
        with self._lock:
            counts, self._counts = self._counts, {}
        if not counts or not self.supported:
            return True
        body = {"tools": {t: {"success": c["success"], "failure": c["failure"]} for t, c in counts.items()}}
        node = self._node()
        try:
            status, detail = self._post(node, json.dumps(body).encode("utf-8"))
        except (OSError, http.client.HTTPException) as e:
            status, detail = 0, str(e)
        if status == 404:
            self.supported = False
            log.info("Catalog node %s takes no usage reports (404): reporting stops", node.url)
            return False
        if not 200 <= status < 300:
            log.debug("Catalog usage report to %s failed (%s %s): kept for the next one", node.url, status, detail)
            self._restore(counts)
            return False
        return True

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

    def _restore(self, counts: Dict[str, Counter[str]]) -> None:
        with self._lock:
            for tool, count in counts.items():
                self._counts.setdefault(tool, Counter()).update(count)
