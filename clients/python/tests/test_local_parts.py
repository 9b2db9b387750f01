"""The parts that need no node: backoff, the cache file's atomic write, the backoff's reset rule."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import List

import pytest

from fake_node import FakeNode, sse, tool
from toolcatalog import CatalogClient
from toolcatalog._backoff import Backoff
from toolcatalog._cache import CacheFile, CacheUnreadable
from toolcatalog._state import CatalogState


def test_backoff_doubles_with_jitter_up_to_its_cap_and_starts_over_on_reset() -> None:
    backoff = Backoff(0.1, 1.0)
    waits = [backoff.next() for _ in range(8)]
    for wait, ceiling in zip(waits, [0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0, 1.0]):
        assert ceiling / 2 <= wait <= ceiling
    assert len({round(w, 6) for w in waits[4:]}) > 1, "jittered, not one fixed wait"
    backoff.reset()
    assert backoff.next() <= 0.1


def test_the_cache_file_round_trips_and_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = CacheFile(tmp_path / "catalog")
    old = CatalogState.of(4, [tool("a")])
    cache.write(old)
    assert cache.read() == old

    def no_disk(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", no_disk)
    with pytest.raises(OSError):
        cache.write(CatalogState.of(5, [tool("a"), tool("b")]))
    assert cache.read() == old, "the old file is whole"
    assert os.listdir(tmp_path) == ["catalog"], "no temporary file left behind"


def test_a_truncated_cache_file_is_unreadable(tmp_path: Path) -> None:
    cache = CacheFile(tmp_path / "catalog")
    cache.write(CatalogState.of(4, [tool("a")]))
    cache.path.write_bytes(cache.path.read_bytes()[:-5])
    with pytest.raises(CacheUnreadable, match="checksum"):
        cache.read()


def test_the_backoff_starts_over_only_after_a_stream_lived_a_while() -> None:
    """A node that takes the stream and drops it at once must not be hammered."""
    node = FakeNode([(200, sse("snapshot", {"revision": 1, "tools": []}))] * 8)
    arrivals: List[float] = []
    try:
        with CatalogClient([node.url], backoff_initial=0.05, backoff_max=0.4, stable_after=10):
            for _ in range(7):
                node.next_request()
                arrivals.append(time.monotonic())
    finally:
        node.close()
    # the sixth retry in a row waits at least half of the 0.4 s cap
    assert arrivals[6] - arrivals[5] >= 0.2
