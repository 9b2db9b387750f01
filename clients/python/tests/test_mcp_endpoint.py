"""The nodes' /mcp through the Python `mcp` package's own client (Streamable HTTP).

Skipped when `mcp` is not installed: `.ci/python-client` installs it from the package index when
one answers, and says so when it cannot.
"""

from __future__ import annotations

from typing import Any, List, Optional

import pytest

mcp = pytest.importorskip("mcp")

import anyio  # noqa: E402  (installed with mcp)
from mcp import ClientSession, types  # noqa: E402
from mcp.client.streamable_http import streamable_http_client  # noqa: E402

from cluster import Cluster, unique_name  # noqa: E402


async def _all_tools(session: ClientSession) -> List[Any]:
    tools: List[Any] = []
    cursor: Optional[str] = None
    while True:
        params = types.PaginatedRequestParams(cursor=cursor) if cursor else None
        result = await session.list_tools(params=params)
        tools += result.tools
        cursor = result.next_cursor
        if not cursor:
            return tools


def test_lists_the_catalogs_enabled_tools_with_their_meta(nodes: Cluster) -> None:
    listed, hidden = unique_name("mcp-on"), unique_name("mcp-off")
    nodes[0].put_tool(listed)
    nodes[0].put_tool(hidden, enabled=False)

    async def run() -> List[Any]:
        async with streamable_http_client(nodes[0].url + "/mcp") as streams:
            async with ClientSession(streams[0], streams[1]) as session:
                await session.initialize()
                return await _all_tools(session)

    tools = anyio.run(run)

    names = [tool.name for tool in tools]
    assert names == sorted(names)
    assert listed in names and hidden not in names
    tool = next(t for t in tools if t.name == listed)
    assert tool.input_schema["type"] == "object"
    assert tool.meta["version"] == 1
    assert tool.meta["profiles"] == ["default"]
    assert tool.meta["category"] == "test"


def test_a_change_through_another_node_is_announced_and_listed(nodes: Cluster) -> None:
    name = unique_name("mcp-new")

    async def run() -> List[str]:
        changed = anyio.Event()

        async def on_message(message: Any) -> None:
            if isinstance(message, types.ToolListChangedNotification):
                changed.set()

        async with streamable_http_client(nodes[0].url + "/mcp") as streams:
            async with ClientSession(streams[0], streams[1], message_handler=on_message) as session:
                await session.initialize()
                assert name not in [t.name for t in await _all_tools(session)]
                # the listening stream opens in the background; a write before it exists would be missed
                with anyio.fail_after(10):
                    while True:
                        nodes[1].put_tool(name)
                        with anyio.move_on_after(1):
                            await changed.wait()
                        if changed.is_set():
                            break
                return [t.name for t in await _all_tools(session)]

    assert name in anyio.run(run)
