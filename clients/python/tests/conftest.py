from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Iterator, List

import pytest

sys.path.insert(0, str(Path(__file__).parent))
try:
    import toolcatalog  # noqa: F401  (installed with pip)
except ImportError:  # run from the source tree
    sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

from cluster import Cluster, Database, start_cluster  # noqa: E402


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    """Tests that kill a node run last, so no other test waits for it to start again."""
    items.sort(key=lambda item: item.get_closest_marker("kills_node") is not None)


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    database = Database()
    database.create()
    log_dir = Path(tempfile.mkdtemp(prefix="toolcatalog-py-nodes-"))
    nodes = None
    try:
        nodes = start_cluster(database, log_dir)
        yield nodes
    finally:
        if nodes is not None:
            nodes.stop()
        database.drop()


@pytest.fixture
def nodes(cluster: Cluster) -> Cluster:
    cluster.ensure_up()
    return cluster
