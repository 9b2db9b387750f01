#!/usr/bin/env python3
"""Splits the watch benchmark's "PUT sent -> change event" on one node: how long the PUT itself
takes to be answered (HTTP, admission, the commit with its WAL flush, the local apply) against when
a watcher on the same node receives the change. Standard library only.

    bench/write-vs-watch.py [base-url] [token-file] [tool]   (defaults: http://127.0.0.1:8080 .data/admin-token grep)

The tool must exist. 120 updates, the first 20 to warm up, one at a time, 10 ms apart."""
import http.client, json, socket, statistics, sys, threading, time
from urllib.parse import urlparse

base = urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
token = open(sys.argv[2] if len(sys.argv) > 2 else ".data/admin-token").read().strip()
tool = sys.argv[3] if len(sys.argv) > 3 else "grep"
changes = []  # perf_counter() of each change event's arrival


def watch():
    s = socket.create_connection((base.hostname, base.port))
    s.sendall(b"GET /api/v1/watch HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
    pending = b""
    while True:
        data = s.recv(65536)
        if not data:
            return
        arrived = time.perf_counter()
        pending += data
        while b"\n\n" in pending:
            event, pending = pending.split(b"\n\n", 1)
            if b"event: change" in event or b"event:change" in event:
                changes.append(arrived)


threading.Thread(target=watch, daemon=True).start()
time.sleep(1)
http_conn = http.client.HTTPConnection(base.hostname, base.port)
answered, delivered = [], []
for i in range(120):
    seen = len(changes)
    sent = time.perf_counter()
    http_conn.request("PUT", f"/api/v1/tools/{tool}", json.dumps({"description": f"write-vs-watch {i}"}),
                      {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    reply = http_conn.getresponse()
    reply.read()
    done = time.perf_counter()
    deadline = done + 5
    while len(changes) <= seen and time.perf_counter() < deadline:
        time.sleep(0.0002)
    if i >= 20 and len(changes) > seen:
        answered.append((done - sent) * 1000)
        delivered.append((changes[seen] - sent) * 1000)
q = lambda xs, p: sorted(xs)[int(len(xs) * p)]
print(f"PUT answered: p50 {statistics.median(answered):.2f} ms, p90 {q(answered, .9):.2f} ms")
print(f"change event: p50 {statistics.median(delivered):.2f} ms, p90 {q(delivered, .9):.2f} ms (from the PUT sent)")
