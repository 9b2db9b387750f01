"""Server-Sent Events read from a byte stream, with every line and every event bounded in size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Iterator, List, Optional


class StreamTooLarge(IOError):
    """A line or an event passed the reader's bound: the stream is dropped rather than buffered."""


@dataclass(frozen=True)
class Event:
    type: str
    id: Optional[str]
    data: str


def read_events(stream: BinaryIO, max_event_bytes: int) -> Iterator[Event]:
    """Yields events until the stream ends.

    Fields ``event``, ``id`` and ``data`` (several ``data`` lines join with a newline); comment
    lines (heartbeats) and unknown fields are skipped; an event is dispatched at its blank line
    and dropped when it has no data. A line or an event longer than ``max_event_bytes`` raises
    :class:`StreamTooLarge`, so a broken or hostile node cannot make the client buffer without end.
    """
    event_type: Optional[str] = None
    event_id: Optional[str] = None
    data: Optional[List[str]] = None
    size = 0
    first = True
    while True:
        raw = stream.readline(max_event_bytes + 2)
        if not raw:
            return
        if len(raw) > max_event_bytes and not raw.endswith(b"\n"):
            raise StreamTooLarge(f"an event line is over {max_event_bytes} bytes")
        line = raw.decode("utf-8").rstrip("\r\n")
        if first:
            first = False
            line = line.lstrip("\ufeff")
        if not line:
            if data is not None:
                yield Event(event_type or "message", event_id, "\n".join(data))
            event_type, event_id, data, size = None, None, None, 0
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if field == "event":
            event_type = value
        elif field == "id" and "\0" not in value:
            event_id = value
        elif field == "data":
            size += len(raw)
            if size > max_event_bytes:
                raise StreamTooLarge(f"an event is over {max_event_bytes} bytes")
            data = [value] if data is None else data + [value]
