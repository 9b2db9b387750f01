"""Nodes gone: the streaming node killed mid-run, and every node down at start (the cache file)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import List

import pytest

from cluster import Cluster, free_port, unique_name
from toolcatalog import CatalogChanged, CatalogClient, CatalogUnavailable


def chain_of(changes: List[CatalogChanged]) -> List[int]:
    """The revisions heard, asserting that each change starts where the previous one ended."""
    for before, after in zip(changes, changes[1:]):
        assert after.from_revision == before.revision, f"a gap between {before} and {after}"
    return [c.revision for c in changes]


@pytest.mark.kills_node
def test_fails_over_when_the_streaming_node_is_killed_and_misses_nothing(nodes: Cluster, tmp_path: Path) -> None:
    heard: List[CatalogChanged] = []
    names = [unique_name("failover") for _ in range(30)]
    client = CatalogClient([nodes[0].url, nodes[1].url], backoff_initial=0.05, backoff_max=0.5)
    client.on_change(heard.append)
    writes_done, under_way = threading.Event(), threading.Event()
    revisions: List[int] = []

    def write() -> None:
        for tool in names:
            revisions.append(nodes[1].put_tool(tool))
            if len(revisions) == 10:
                under_way.set()
        writes_done.set()

    with client:
        assert client.status().node == nodes[0].url
        writer = threading.Thread(target=write)
        writer.start()
        assert under_way.wait(30)
        nodes[0].kill()  # mid-run: twenty writes are still to come
        writer.join(30)
        assert writes_done.is_set()
        assert client.await_revision(revisions[-1], timeout=20)
        status = client.status()

    assert status.node == nodes[1].url and status.reconnects >= 1
    assert all(client.tool(t) is not None for t in names)
    _, _, export = nodes[1].call("GET", "/api/v1/tools?limit=1000")
    assert {t["name"]: t["version"] for t in export["tools"]} == {n: t["version"] for n, t in client.tools().items()}
    assert heard[0].reset and not any(c.reset for c in heard[1:]), "resumed by revision, no new snapshot"
    assert chain_of(heard)[-1] >= revisions[-1]


def test_starts_from_the_cache_file_with_every_node_down(nodes: Cluster, tmp_path: Path) -> None:
    cache = tmp_path / "catalog.cache"
    tool = unique_name("cached")
    revision = nodes[0].put_tool(tool)
    with CatalogClient([nodes[0].url], cache_file=cache) as client:
        client.await_revision(revision, timeout=10)
        expected = dict(client.tools())
    dead = [f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"]

    started = time.monotonic()
    with CatalogClient(dead, cache_file=cache, start_timeout=30) as offline:
        assert time.monotonic() - started < 5, "serves from the file at once, without waiting for a node"
        assert offline.revision() >= revision and dict(offline.tools()) == expected
        status = offline.status()
        assert (status.source, status.connected) == ("cache", False)


def test_resumes_from_the_cache_files_revision_without_a_snapshot(nodes: Cluster, tmp_path: Path) -> None:
    cache = tmp_path / "catalog.cache"
    with CatalogClient([nodes[0].url], cache_file=cache) as client:
        held = client.revision()
    later = nodes[1].put_tool(unique_name("while-away"))
    heard: List[CatalogChanged] = []
    client = CatalogClient([nodes[0].url], cache_file=cache)
    client.on_change(heard.append)
    with client:
        assert client.await_revision(later, timeout=10)
    assert heard[0].reset and heard[0].revision == held, "the cache file's state first"
    assert not any(c.reset for c in heard[1:]) and chain_of(heard)[-1] >= later


def test_a_corrupt_cache_file_is_ignored_with_a_warning(
    nodes: Cluster, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "catalog.cache"
    with CatalogClient([nodes[0].url], cache_file=cache) as client:
        revision = client.revision()
    content = bytearray(cache.read_bytes())
    content[-10] ^= 0x01  # one bit flipped in the body
    cache.write_bytes(bytes(content))

    with caplog.at_level(logging.WARNING, logger="toolcatalog"):
        with CatalogClient([nodes[0].url], cache_file=cache) as client:
            assert client.revision() >= revision and client.status().source == "node"
    assert any("unreadable" in r.getMessage() and "checksum" in r.getMessage() for r in caplog.records)
    assert cache.read_bytes() != bytes(content), "rewritten from the node on close"


def test_a_corrupt_cache_file_with_every_node_down_fails_start_saying_why(tmp_path: Path) -> None:
    cache = tmp_path / "catalog.cache"
    cache.write_bytes(b"toolcatalog-cache 1 sha256=00\n{\"revision\": 3, \"tools\": []}")
    client = CatalogClient([f"http://127.0.0.1:{free_port()}"], cache_file=cache, start_timeout=1)
    with pytest.raises(CatalogUnavailable, match=r"cache file .* was unreadable: its checksum does not match"):
        client.start()
