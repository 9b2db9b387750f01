"""A scripted stand-in for a node, for what a real node will not do on demand (a broken chain)."""

from __future__ import annotations

import json
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple


def sse(event: str, data: Dict[str, Any]) -> bytes:
    return f"event: {event}\nid: {data['revision']}\ndata: {json.dumps(data)}\n\n".encode()


def tool(name: str, version: int = 1, enabled: bool = True) -> Dict[str, Any]:
    return {"name": name, "enabled": enabled, "version": version, "profiles": {"default": {"timeout_ms": version}}}


class FakeNode:
    """Answers each watch request with the next scripted body (then ends the stream), then with
    ``when_done(path)``; ``/profiles`` with ``profiles``; POSTs to reports with ``report_status``.
    A script may carry response headers as a third item (``X-Catalog-View``, ``X-Catalog-Revision``);
    ``headers`` go on every other answer. Records every request: method, path, headers, body."""

    def __init__(self, scripts: List[Tuple[Any, ...]], report_status: int = 404) -> None:
        self.scripts = list(scripts)
        self.report_status = report_status
        self.headers: Dict[str, str] = {}
        self.profiles: Optional[Dict[str, Any]] = None
        self.when_done: Callable[[str], Tuple[int, bytes]] = lambda path: (503, b"")
        self.requests: "queue.Queue[Tuple[str, str, Dict[str, str], Optional[bytes]]]" = queue.Queue()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                fake.requests.put(("GET", self.path, dict(self.headers), None))
                extra = dict(fake.headers)
                if self.path.startswith("/api/v1/profiles"):
                    status, body = (200, json.dumps(fake.profiles).encode()) if fake.profiles else (404, b"")
                elif fake.scripts:
                    script = fake.scripts.pop(0)
                    status, body = script[0], script[1]
                    extra = script[2] if len(script) > 2 else extra
                else:
                    status, body = fake.when_done(self.path)
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "text/event-stream" if status == 200 else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.requests.put(("POST", self.path, dict(self.headers), body))
                self.send_response(fake.report_status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client closing mid-stream is expected here

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def next_request(self) -> Tuple[str, str, Dict[str, str], Optional[bytes]]:
        return self.requests.get(timeout=10)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
