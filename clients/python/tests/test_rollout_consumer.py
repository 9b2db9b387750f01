"""The consumer's side of a gradual rollout, against a scripted node: it names itself on every
request, follows the view the node serves it, and reports outcomes and apply failures."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from fake_node import FakeNode, sse, tool
from toolcatalog import CatalogClient


@pytest.fixture
def fake() -> Iterator[FakeNode]:
    node = FakeNode([], report_status=202)
    yield node
    node.close()


def client_of(node: FakeNode, **kwargs: Any) -> CatalogClient:
    return CatalogClient([node.url], backoff_initial=0.01, backoff_max=0.05, **kwargs)


def named(view: str, revision: int) -> Dict[str, str]:
    return {"X-Catalog-View": view, "X-Catalog-Revision": str(revision)}


def requests_until(node: FakeNode, done: Any) -> List[Tuple[str, str, Dict[str, str], Optional[bytes]]]:
    seen: List[Tuple[str, str, Dict[str, str], Optional[bytes]]] = []
    while not done(seen):
        seen.append(node.next_request())
    return seen


def drain(node: FakeNode) -> None:
    """Forgets the requests of a client closed since (close() waited for its threads)."""
    while not node.requests.empty():
        node.requests.get_nowait()


def posts(seen: List[Tuple[str, str, Dict[str, str], Optional[bytes]]]) -> List[Dict[str, Any]]:
    return [json.loads(body) for method, _, _, body in seen if method == "POST" and body is not None]


def test_names_itself_with_sorted_labels_on_the_stream_the_reconcile_and_the_reports(fake: FakeNode) -> None:
    fake.scripts = [(200, sse("snapshot", {"revision": 1, "tools": [tool("a")]}))]
    fake.when_done = lambda path: (200, b"")
    fake.profiles = {"revision": 1, "tools": {"a": {"default": {"timeout_ms": 1}}}}
    with client_of(fake, consumer_id="ranker@eu/7", labels={"zone": "b-1", "region": "eu"},
                   reconcile_interval=0.1) as client:
        client.report("a", True)
        assert client.flush()
        seen = requests_until(fake, lambda s: {p.split("?")[0] for _, p, _, _ in s} >= {
            "/api/v1/watch", "/api/v1/profiles", "/api/v1/consumers/reports"})
    for _, _, headers, _ in seen:
        assert headers["X-Catalog-Consumer"] == "ranker@eu/7"
        assert headers["X-Catalog-Consumer-Labels"] == "region=eu,zone=b-1"


def test_refuses_labels_the_nodes_would_refuse_naming_them(fake: FakeNode) -> None:
    with pytest.raises(ValueError, match="'Region'"):
        client_of(fake, labels={"Region": "eu"})
    with pytest.raises(ValueError, match="'team' has the value 'a/b'"):
        client_of(fake, labels={"team": "a/b"})
    with pytest.raises(ValueError, match="at most 16"):
        client_of(fake, labels={f"k{i}": "v" for i in range(17)})
    with pytest.raises(ValueError, match="consumer_id"):
        client_of(fake, consumer_id="ranker pipeline")
    client_of(fake, labels={f"k-{i}": f"V_{i}.x" for i in range(16)})


def test_holds_the_view_the_node_names_and_is_stable_until_one_does(fake: FakeNode) -> None:
    fake.scripts = [(200, sse("snapshot", {"revision": 5, "tools": [tool("a")]}), {})]
    fake.when_done = lambda path: (200, b"")
    with client_of(fake) as client:
        assert client.view() == "stable"
    fake.scripts = [(200, sse("snapshot", {"revision": 5, "tools": [tool("a", version=2)]}), named("rollout=3", 5))]
    with client_of(fake) as client:
        assert client.view() == "rollout=3" and client.status().view == "rollout=3"


def test_another_view_of_the_revision_held_takes_a_full_snapshot(fake: FakeNode) -> None:
    fake.scripts = [
        (200, sse("snapshot", {"revision": 5, "tools": [tool("a")]}), named("stable", 5)),
        (200, b"", named("rollout=3", 5)),
        (200, sse("snapshot", {"revision": 5, "tools": [tool("a", version=2)]}), named("rollout=3", 5)),
    ]
    fake.when_done = lambda path: (200, b"")
    replaced = threading.Event()
    client = client_of(fake)
    client.on_change(lambda change: change.reset and change.from_revision == 5 and replaced.set())
    with client:
        paths = [fake.next_request()[1] for _ in range(3)]
        assert paths == ["/api/v1/watch", "/api/v1/watch?since=5", "/api/v1/watch"]
        assert replaced.wait(5)
        assert client.view() == "rollout=3"
        assert client.tool("a")["version"] == 2 and client.revision() == 5


def test_a_change_naming_another_view_of_the_revision_held_is_applied(fake: FakeNode) -> None:
    fake.scripts = [
        (200, sse("snapshot", {"revision": 5, "tools": [tool("a")]})
         + sse("change", {"from_revision": 5, "revision": 5, "changed": [tool("a", version=2)], "removed": [],
                          "operation": "rollout_step", "view": "rollout=3"})
         + sse("change", {"from_revision": 5, "revision": 6, "changed": [tool("b")], "removed": []}),
         named("stable", 5)),
    ]
    fake.when_done = lambda path: (200, b"")
    with client_of(fake) as client:
        assert client.await_revision(6, timeout=5)
        assert client.view() == "rollout=3"
        assert client.tool("a")["version"] == 2


def test_reports_keep_a_failed_post_and_merge_it_with_the_next(fake: FakeNode) -> None:
    fake.scripts = [(200, sse("snapshot", {"revision": 1, "tools": [tool("grep")]}))]
    fake.when_done = lambda path: (200, b"")
    fake.report_status = 503
    with client_of(fake) as client:
        client.report("grep", True)
        client.report("grep", True)
        assert client.flush() is False
        client.report("grep", False)
        assert client.status().report_sends_failed == 1 and client.status().reports_sent == 0
        fake.report_status = 202
        assert client.flush()
        seen = requests_until(fake, lambda s: len(posts(s)) == 2)
        assert posts(seen)[1] == {"tools": {"grep": {"success": 2, "failure": 1}}}
        assert client.status().reports_sent == 3 and client.status().reports_dropped == 0


def test_reports_hold_a_thousand_tools_and_post_two_hundred_at_a_time(fake: FakeNode) -> None:
    fake.scripts = [(200, sse("snapshot", {"revision": 1, "tools": [tool("grep")]}))]
    fake.when_done = lambda path: (200, b"")
    with client_of(fake, report_interval=3600) as client:
        for i in range(1003):
            client.report(f"tool-{i}", True)
        assert client.status().reports_dropped == 3
        assert client.flush()
        seen = requests_until(fake, lambda s: len(posts(s)) == 5)
        bodies = posts(seen)
        assert [len(b["tools"]) for b in bodies] == [200] * 5
        assert set().union(*(b["tools"] for b in bodies)) == {f"tool-{i}" for i in range(1000)}
        assert client.status().reports_sent == 1000


def test_a_listener_that_raises_is_reported_at_once_as_an_apply_failure(fake: FakeNode) -> None:
    fake.scripts = [
        (200, sse("snapshot", {"revision": 5, "tools": [tool("a")]})
         + sse("change", {"from_revision": 5, "revision": 6, "changed": [tool("b")], "removed": []})),
    ]
    fake.when_done = lambda path: (200, b"")

    def refuse_b(change: Any) -> None:
        if any(t["name"] == "b" for t in change.changed):
            raise ValueError("cannot load b " + "x" * 600)

    client = client_of(fake, report_interval=3600)
    client.on_change(refuse_b)
    with client:
        seen = requests_until(fake, lambda s: len(posts(s)) == 1)
    failure = posts(seen)[0]["apply_failures"][0]
    assert (failure["revision"], failure["tool"]) == (6, "b")
    assert failure["error"].startswith("ValueError: cannot load b") and len(failure["error"]) <= 500


def test_a_cache_file_of_another_consumer_is_served_then_replaced_by_a_full_snapshot(
    fake: FakeNode, tmp_path: Path
) -> None:
    cache = tmp_path / "catalog"
    fake.scripts = [(200, sse("snapshot", {"revision": 5, "tools": [tool("a")]}))]
    fake.when_done = lambda path: (200, b"")
    with client_of(fake, cache_file=cache, labels={"region": "us"}):
        assert fake.next_request()[1] == "/api/v1/watch"
    drain(fake)
    with client_of(fake, cache_file=cache, labels={"region": "us"}) as same:
        assert same.revision() == 5
        assert fake.next_request()[1] == "/api/v1/watch?since=5", "the same consumer resumes from its file"
    drain(fake)
    fake.scripts = [(200, sse("snapshot", {"revision": 5, "tools": [tool("a", version=2)]}), named("rollout=3", 5))]
    with client_of(fake, cache_file=cache, labels={"region": "eu"}) as other:
        assert other.revision() == 5, "served from the file at once"
        assert fake.next_request()[1] == "/api/v1/watch", "another consumer's view is replaced, not resumed"
