"""How the client reads a stream: chains, resets, resumes, headers, reports (against a scripted node)."""

from __future__ import annotations

import io
import json
import threading
from typing import Dict, Iterator, List, Optional, Tuple

import pytest

from fake_node import FakeNode, sse, tool
from toolcatalog import CatalogChanged, CatalogClient
from toolcatalog._sse import StreamTooLarge, read_events


@pytest.fixture
def fake() -> Iterator[FakeNode]:
    node = FakeNode([])
    yield node
    node.close()


def client_of(node: FakeNode, **kwargs) -> CatalogClient:
    return CatalogClient([node.url], backoff_initial=0.01, backoff_max=0.05, **kwargs)


def test_a_broken_chain_resumes_from_the_revision_held(fake: FakeNode) -> None:
    fake.scripts = [
        (200, sse("snapshot", {"revision": 5, "tools": [tool("a")]})
         + sse("change", {"from_revision": 5, "revision": 6, "changed": [tool("b")], "removed": []})
         + sse("change", {"from_revision": 9, "revision": 10, "changed": [tool("c")], "removed": []})),
        (200, sse("change", {"from_revision": 6, "revision": 7, "changed": [], "removed": ["a"]})),
    ]
    with client_of(fake) as client:
        assert client.await_revision(7, timeout=5)
        assert sorted(client.tools()) == ["b"], "the change that did not chain was not applied"
    paths = [fake.next_request()[1] for _ in range(2)]
    assert paths == ["/api/v1/watch", "/api/v1/watch?since=6"]


def test_a_snapshot_at_the_revision_held_replaces_the_state(fake: FakeNode) -> None:
    heard: List[CatalogChanged] = []
    fake.scripts = [
        (200, sse("snapshot", {"revision": 5, "tools": [tool("a"), tool("b")]})
         + sse("snapshot", {"revision": 5, "tools": [tool("a", version=2)]})
         + sse("change", {"from_revision": 5, "revision": 6, "changed": [tool("c")], "removed": []})),
    ]
    client = client_of(fake)
    client.on_change(heard.append)
    with client:
        assert client.await_revision(6, timeout=5)
        assert {n: t["version"] for n, t in client.tools().items()} == {"a": 2, "c": 1}
    reset = heard[1]
    assert (reset.reset, reset.from_revision, reset.revision) == (True, 5, 5)
    assert [t["name"] for t in reset.changed] == ["a"] and reset.removed == ("b",)


def test_a_revision_the_node_never_committed_asks_for_a_snapshot(fake: FakeNode) -> None:
    fake.scripts = [
        (200, sse("snapshot", {"revision": 8, "tools": [tool("a")]})),
        (409, b"revision 8 was never committed"),
        (200, sse("snapshot", {"revision": 3, "tools": [tool("z")]})),
    ]
    replaced = threading.Event()
    client = client_of(fake)
    client.on_change(lambda change: change.revision == 3 and replaced.set())
    with client:
        paths = [fake.next_request()[1] for _ in range(3)]
        assert paths == ["/api/v1/watch", "/api/v1/watch?since=8", "/api/v1/watch"]
        assert replaced.wait(5)
        assert (client.revision(), sorted(client.tools())) == (3, ["z"])


def test_sends_consumer_id_labels_and_no_token_over_http(fake: FakeNode) -> None:
    fake.scripts = [(200, sse("snapshot", {"revision": 1, "tools": []}))]
    with client_of(fake, consumer_id="ingest-7", labels={"team": "search", "env": "ci"}):
        _, _, headers, _ = fake.next_request()
    assert headers["X-Catalog-Consumer"] == "ingest-7"
    assert headers["X-Catalog-Consumer-Labels"] == "env=ci,team=search"
    assert headers["Accept"] == "text/event-stream" and "Authorization" not in headers


def test_refuses_a_token_over_http_unless_allowed(fake: FakeNode, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(ValueError, match="only sent over https"):
        CatalogClient([fake.url], token="secret")
    fake.scripts = [(200, sse("snapshot", {"revision": 1, "tools": []}))]
    with CatalogClient([fake.url], token="secret", allow_insecure=True):
        assert fake.next_request()[2]["Authorization"] == "Bearer secret"
    assert [r.levelname for r in caplog.records if "plain http" in r.getMessage()] == ["WARNING"]
    assert "secret" not in caplog.text


def test_reports_are_batched_and_a_404_stops_them(fake: FakeNode) -> None:
    # the stream ends after its script and the client keeps reconnecting: only the POSTs count here
    def next_post() -> Tuple[str, str, Dict[str, str], Optional[bytes]]:
        while True:
            request = fake.next_request()
            if request[0] == "POST":
                return request

    fake.scripts = [(200, sse("snapshot", {"revision": 1, "tools": [tool("grep")]}))]
    fake.report_status = 202
    with client_of(fake) as client:
        for ok in [True] * 97 + [False] * 3:
            client.report("grep", ok)
        client.report("find", False)
        assert client.flush_reports()
        _, path, _, body = next_post()
        assert path == "/api/v1/consumers/reports"
        assert json.loads(body) == {"tools": {"grep": {"success": 97, "failure": 3}, "find": {"success": 0, "failure": 1}}}

        fake.report_status = 404
        client.report("grep", True)
        assert not client.flush_reports() and client.status().reporting is False
        next_post()
        client.report("grep", True)
        assert client.flush_reports()
    rest = []
    while not fake.requests.empty():
        rest.append(fake.requests.get_nowait())
    assert [r for r in rest if r[0] == "POST"] == [], "nothing posted after the 404, not even at close()"


def test_the_stream_reader_bounds_lines_and_events() -> None:
    ok = b": hi\nevent: change\nid: 2\ndata: {\"a\":\ndata: 1}\n\n"
    assert [(e.type, e.id, e.data) for e in read_events(io.BytesIO(ok), 1024)] == [("change", "2", '{"a":\n1}')]
    with pytest.raises(StreamTooLarge):
        list(read_events(io.BytesIO(b"data: " + b"x" * 2000 + b"\n\n"), 1024))
    with pytest.raises(StreamTooLarge):
        list(read_events(io.BytesIO(b"data: xxxxxxxxxx\n" * 200 + b"\n"), 1024))


def test_a_reconcile_that_finds_other_profiles_at_the_same_revision_takes_a_snapshot(fake: FakeNode) -> None:
    served = [tool("a", version=1)]
    fake.when_done = lambda path: (200, b"" if "since=" in path else sse("snapshot", {"revision": 5, "tools": served}))
    fake.profiles = {"revision": 5, "tools": {"a": {"default": {"timeout_ms": 2}}}}
    replaced = threading.Event()
    with client_of(fake, reconcile_interval=0.2) as client:
        assert client.tool("a")["version"] == 1
        client.on_change(lambda change: replaced.set())
        served[0] = tool("a", version=2)  # content changed without a new revision, and no event said so
        assert replaced.wait(5)
        assert client.tool("a")["version"] == 2 and client.revision() == 5
