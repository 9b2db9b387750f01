"""The requests the client sends, with its token, consumer id and labels."""

from __future__ import annotations

import http.client
import logging
import re
import socket
import ssl
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Sequence
from urllib.parse import urlsplit

log = logging.getLogger("toolcatalog")

CONSUMER_HEADER = "X-Catalog-Consumer"
LABELS_HEADER = "X-Catalog-Consumer-Labels"
VIEW_HEADER = "X-Catalog-View"
STABLE_VIEW = "stable"
MAX_LABELS = 16
_CONSUMER_ID = re.compile(r"^[A-Za-z0-9._:@/-]{1,128}$")
_LABEL_KEY = re.compile(r"^[a-z0-9._-]{1,63}$")
_LABEL_VALUE = re.compile(r"^[A-Za-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class Endpoint:
    """A node's base URL, split once."""

    url: str
    secure: bool
    host: str
    port: int
    prefix: str

    @staticmethod
    def parse(url: str) -> "Endpoint":
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"endpoint {url!r} must be an http:// or https:// URL with a host")
        secure = parts.scheme == "https"
        port = parts.port or (443 if secure else 80)
        return Endpoint(url.rstrip("/"), secure, parts.hostname, port, parts.path.rstrip("/"))

    def connect(self, timeout: float, context: Optional[ssl.SSLContext]) -> http.client.HTTPConnection:
        if self.secure:
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=context)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)


def default_consumer_id() -> str:
    """``<host>-<application>``: stable across restarts, so a node's consumer list does not fill with ids."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] not in ("", "-c") else None
    # python -m app runs app/__main__.py: the package names the application, not "__main__"
    application = (script.parent.name if script.stem == "__main__" else script.stem) if script else "python"
    raw = f"{socket.gethostname() or 'unknown-host'}-{application or 'python'}"
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "-", raw).lstrip("._-") or "python"
    return cleaned[:128]


def check_consumer_id(consumer_id: str) -> str:
    if not isinstance(consumer_id, str) or not _CONSUMER_ID.match(consumer_id):
        raise ValueError(
            f"consumer_id {consumer_id!r} must be 1 to 128 letters, digits, '.', '_', ':', '@', '/' or '-'"
        )
    return consumer_id


def labels_header(labels: Mapping[str, str]) -> Optional[str]:
    """``k=v,k2=v2``, keys sorted; checked by the nodes' rules, so a bad label fails here, naming it,
    rather than as a 400 on every request."""
    if len(labels) > MAX_LABELS:
        raise ValueError(f"labels: at most {MAX_LABELS} labels, {len(labels)} given")
    for key, value in labels.items():
        if not isinstance(key, str) or not _LABEL_KEY.match(key):
            raise ValueError(f"label {key!r}: a key is 1 to 63 lower-case letters, digits, '.', '_' or '-'")
        if not isinstance(value, str) or not _LABEL_VALUE.match(value):
            raise ValueError(
                f"label {key!r} has the value {value!r}: a value is 1 to 63 letters, digits, '.', '_' or '-'"
            )
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items())) or None


class Requests:
    """Builds each request's headers and opens connections to the nodes."""

    def __init__(
        self,
        endpoints: Sequence[str],
        token: Optional[str],
        consumer_id: str,
        labels: Mapping[str, str],
        allow_insecure: bool,
        connect_timeout: float,
        ssl_context: Optional[ssl.SSLContext],
    ) -> None:
        if not endpoints:
            raise ValueError("endpoints must name at least one node")
        self.endpoints = [Endpoint.parse(e) for e in endpoints]
        plain = [e.url for e in self.endpoints if not e.secure]
        if token is not None and plain:
            if not allow_insecure:
                raise ValueError(
                    f"a token is only sent over https, and {plain[0]} is plain http: use https, "
                    "or pass allow_insecure=True on a network you trust"
                )
            log.warning("Sending the catalog token over plain http to %s (allow_insecure=True)", ", ".join(plain))
        self._token = token
        self._consumer_id = check_consumer_id(consumer_id)
        self._labels = labels_header(labels)
        self.connect_timeout = connect_timeout
        self._ssl = ssl_context

    @property
    def consumer_id(self) -> str:
        return self._consumer_id

    @property
    def identity(self) -> str:
        """``<id> <labels header>``: whose view the cache file holds."""
        return f"{self._consumer_id} {self._labels or ''}"

    def headers(self, accept: str) -> Dict[str, str]:
        headers = {"Accept": accept, CONSUMER_HEADER: self._consumer_id}
        if self._labels:
            headers[LABELS_HEADER] = self._labels
        if self._token is not None:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def open(self, endpoint: Endpoint) -> http.client.HTTPConnection:
        return endpoint.connect(self.connect_timeout, self._ssl)
