"""A client following real nodes: changes made through another node, waits, listeners, ProfileLoader."""

from __future__ import annotations

import json
import logging
import threading
import urllib.request
from pathlib import Path
from typing import List

import pytest

from cluster import Cluster, unique_name
from toolcatalog import CatalogChanged, CatalogClient, ProfileLoader


def served_profiles(node_url: str, revision: int) -> dict:
    request = urllib.request.Request(node_url + "/api/v1/profiles", headers={"X-Catalog-Min-Revision": str(revision)})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())


def test_follows_changes_made_through_another_node(nodes: Cluster, tmp_path: Path) -> None:
    first, second = unique_name("grep"), unique_name("search")
    nodes[1].put_tool(first)
    with CatalogClient([nodes[0].url], cache_file=tmp_path / "cache", consumer_id="py-follow") as client:
        nodes[1].put_tool(second)
        nodes[1].put_tool(first, enabled=False)
        revision = nodes[1].delete_tool(second)
        assert client.await_revision(revision, timeout=10)

        assert client.tool(second) is None
        assert client.tool(first)["enabled"] is False
        assert client.profiles().to_dict() == served_profiles(nodes[0].url, revision)
        status = client.status()
        assert (status.connected, status.source, status.node) == (True, "node", nodes[0].url)
        assert status.last_event_age is not None and status.last_event_age < 5, "heartbeats every second"


def test_follows_the_watch_port(nodes: Cluster) -> None:
    """The node's watch port (catalog.watch.port) serves the same stream: an endpoint on it just works."""
    tool = unique_name("netty")
    with CatalogClient([nodes[0].watch_url], consumer_id="py-watch-port") as client:
        revision = nodes[1].put_tool(tool, timeout_ms=2345)
        assert client.await_revision(revision, timeout=10)
        assert client.tool(tool)["profiles"]["default"]["timeout_ms"] == 2345
        assert client.status().node == nodes[0].watch_url


def test_await_revision_after_a_write_sees_that_write(nodes: Cluster) -> None:
    tool = unique_name("runner")
    with CatalogClient([nodes[0].url]) as client:
        revision = nodes[1].put_tool(tool, timeout_ms=4321)
        assert client.await_revision(revision, timeout=10)
        assert client.tool(tool)["profiles"]["default"]["timeout_ms"] == 4321
        assert client.revision() >= revision
        assert client.await_revision(revision + 1000, timeout=0.2) is False


def test_tools_is_an_immutable_view(nodes: Cluster) -> None:
    tool = unique_name("frozen")
    revision = nodes[0].put_tool(tool)
    with CatalogClient([nodes[0].url]) as client:
        client.await_revision(revision, timeout=10)
        with pytest.raises(TypeError):
            client.tools()[tool] = {}
        with pytest.raises(TypeError):
            client.tool(tool)["profiles"]["default"]["timeout_ms"] = 1
        with pytest.raises(AttributeError):
            client.tool(tool)["tags"].append("x")


def test_a_listener_that_raises_does_not_stop_the_others(nodes: Cluster, caplog: pytest.LogCaptureFixture) -> None:
    heard: List[CatalogChanged] = []
    done = threading.Event()
    tool = unique_name("listened")

    def broken(change: CatalogChanged) -> None:
        raise RuntimeError("listener bug")

    def recording(change: CatalogChanged) -> None:
        heard.append(change)
        if any(t["name"] == tool for t in change.changed):
            done.set()

    client = CatalogClient([nodes[0].url])
    client.on_change(broken)
    client.on_change(recording)
    with caplog.at_level(logging.ERROR, logger="toolcatalog"), client:
        revision = nodes[1].put_tool(tool)
        assert done.wait(10)
    assert heard[0].reset is True, "a listener added before start() hears the initial state"
    assert heard[-1].revision == revision and heard[-1].reset is False
    failures = [r for r in caplog.records if "broken" in r.getMessage()]
    assert len(failures) == len(heard), "every failure of the broken listener is logged with its name"


def test_profile_loader_drops_what_changed(nodes: Cluster) -> None:
    kept, toggled = unique_name("kept"), unique_name("toggled")
    nodes[0].put_tool(kept)
    revision = nodes[0].put_tool(toggled, timeout_ms=100)
    with CatalogClient([nodes[0].url]) as client:
        loader = ProfileLoader(client)
        client.await_revision(revision, timeout=10)
        before = loader.load()
        assert before[toggled]["default"]["timeout_ms"] == 100 and kept in before

        revision = nodes[1].put_tool(toggled, timeout_ms=200)
        client.await_revision(revision, timeout=10)
        assert loader.load()[toggled]["default"]["timeout_ms"] == 200
        assert before[toggled]["default"]["timeout_ms"] == 100, "a loaded view does not change under its holder"

        revision = nodes[1].put_tool(toggled, enabled=False)
        client.await_revision(revision, timeout=10)
        assert toggled not in loader.reload(toggled) and kept in loader.load()
        loader.invalidate_cache()
        assert loader.load() == client.profiles().tools
