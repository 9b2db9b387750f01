"""Real catalog nodes for the tests: started from the packaged jar on a fresh database."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[3]
ADMIN_TOKEN = "py-admin-token"
JVM_FLAGS = ["-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unique_name(prefix: str) -> str:
    """A tool name no other test uses: the tests share one cluster."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


class Database:
    """A database of its own for one test session, dropped at the end."""

    def __init__(self) -> None:
        url = os.environ.get("CATALOG_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test")
        parts = urlsplit(url[len("jdbc:"):])
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 5432
        self.name = f"py_{int(time.time())}_{uuid.uuid4().hex[:8]}"
        self.jdbc_url = f"jdbc:postgresql://{self.host}:{self.port}/{self.name}"

    def _psql(self, sql: str) -> None:
        subprocess.run(
            ["psql", "-h", self.host, "-p", str(self.port), "-U", "postgres", "-d", "postgres", "-qc", sql],
            check=True, capture_output=True,
        )

    def create(self) -> None:
        self._psql(f"CREATE DATABASE {self.name}")

    def drop(self) -> None:
        self._psql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


class Node:
    """One node as a real process, so a kill is a real SIGKILL."""

    def __init__(self, node_id: str, jar: Path, properties: Dict[str, str], log_dir: Path) -> None:
        self.id = node_id
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.watch_url = self.url
        self._jar = jar
        self._properties = properties
        self._log_dir = log_dir
        self._process: Optional[subprocess.Popen] = None
        self._lives = 0

    def start(self) -> None:
        self._lives += 1
        args = ["java", *JVM_FLAGS, "-jar", str(self._jar), f"--server.port={self.port}"]
        args += [f"--{k}={v}" for k, v in self._properties.items()]
        log = open(self._log_dir / f"{self.id}-life{self._lives}.log", "wb")
        env = dict(os.environ, CATALOG_DEV_SERVICES_ENABLED="false")
        self._process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
        log.close()

    def await_ready(self, timeout: float = 150) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"{self.id} exited with {self._process.returncode}; logs in {self._log_dir}")
            try:
                with urllib.request.urlopen(self.url + "/actuator/health/readiness", timeout=2) as r:
                    if r.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)  # polling a process that is starting, not waiting for the code under test
        raise RuntimeError(f"{self.id} not ready within {timeout} s; logs in {self._log_dir}")

    def kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(10)

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # the API, as an operator would call it

    def call(self, method: str, path: str, body: Any = None) -> Tuple[int, Dict[str, str], Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/json", "Accept": "application/json",
        })
        try:
            with urllib.request.urlopen(request, timeout=10) as r:
                raw = r.read()
                return r.status, dict(r.headers), json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raise AssertionError(f"{method} {path} -> {e.code}: {e.read()[:500]!r}") from e

    def put_tool(self, name: str, enabled: bool = True, timeout_ms: int = 1000) -> int:
        """Creates or updates a tool; the revision its write committed."""
        body = {
            "name": name, "description": f"tool {name}", "category": "test", "tags": ["py"], "enabled": enabled,
            "profiles": {"default": {"timeout_ms": timeout_ms, "max_retries": 1, "cost_weight": 0.2,
                                     "latency_weight": 0.5, "quality_weight": 0.3, "parameters": {}}},
        }
        try:
            _, headers, _ = self.call("POST", "/api/v1/tools", body)
        except AssertionError as e:
            if "-> 409" not in str(e):
                raise
            del body["name"]
            _, headers, _ = self.call("PUT", f"/api/v1/tools/{name}", body)
        return int(headers["X-Catalog-Revision"])

    def delete_tool(self, name: str) -> int:
        _, headers, _ = self.call("DELETE", f"/api/v1/tools/{name}")
        return int(headers["X-Catalog-Revision"])


class Cluster:
    def __init__(self, nodes: List[Node], name: str) -> None:
        self.nodes = nodes
        self.name = name

    def stop(self) -> None:
        """Kills the nodes and drops this cluster's Redis keys (best effort: needs redis-cli)."""
        for node in self.nodes:
            node.kill()
        redis = urlsplit(os.environ.get("CATALOG_TEST_REDIS_URL", "redis://127.0.0.1:6379"))
        cli = ["redis-cli", "-h", redis.hostname or "127.0.0.1", "-p", str(redis.port or 6379)]
        try:
            keys = subprocess.run(cli + ["--scan", "--pattern", f"{self.name}*"],
                                  capture_output=True, text=True, timeout=10).stdout.split()
            if keys:
                subprocess.run(cli + ["del", *keys], capture_output=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            pass

    def __getitem__(self, i: int) -> Node:
        return self.nodes[i]

    def ensure_up(self) -> None:
        """Restarts any node a test killed, so each test starts with every node up."""
        down = [n for n in self.nodes if not n.alive()]
        for node in down:
            node.start()
        for node in down:
            node.await_ready()


def start_cluster(database: Database, log_dir: Path, size: int = 2) -> Cluster:
    jar = Path(os.environ.get("CATALOG_NODE_JAR", REPO / "catalog-node" / "target" / "catalog-node.jar"))
    if not jar.is_file():
        raise RuntimeError(f"{jar} is missing: build it first (./mvnw -B -q -pl catalog-node -am package -DskipTests)")
    cluster_name = f"py-{int(time.time())}-{uuid.uuid4().hex[:8]}"
    nodes = []
    for i in range(1, size + 1):
        properties = {
            "spring.datasource.url": database.jdbc_url,
            "spring.datasource.username": "postgres",
            "spring.datasource.password": "",
            "spring.datasource.hikari.maximum-pool-size": "5",
            "spring.data.redis.url": os.environ.get("CATALOG_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
            "server.address": "127.0.0.1",
            "catalog.cluster.name": cluster_name,
            "catalog.node.id": f"{cluster_name}-n{i}",
            "catalog.security.admin-token": ADMIN_TOKEN,
            "catalog.dev-services.enabled": "false",
            "catalog.watch.heartbeat": "1s",
        }
        watch_port = free_port()
        properties["catalog.watch.port"] = str(watch_port)
        node = Node(f"n{i}", jar, properties, log_dir)
        node.watch_url = f"http://127.0.0.1:{watch_port}"  # the same watch, served by the node's watch port
        nodes.append(node)
    cluster = Cluster(nodes, cluster_name)
    try:
        for node in nodes:
            node.start()
        for node in nodes:
            node.await_ready()
    except BaseException:
        cluster.stop()
        raise
    return cluster
