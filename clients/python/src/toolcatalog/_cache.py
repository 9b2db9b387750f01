"""The catalog kept on disk, so a pipeline starts serving even with every node down."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Optional, Union

from ._state import CatalogState

_MAGIC = b"toolcatalog-cache 1 sha256="


class CacheUnreadable(Exception):
    """The cache file exists but cannot be trusted (truncated, edited, not ours)."""


class CacheFile:
    """One header line (format and SHA-256 of the body), then the catalog as JSON.

    Written whole to a temporary file beside it, flushed to disk, then renamed over the old one: a
    reader (or a crash) sees the old file or the new one, never half of one. Read back only when
    the checksum matches. It also names the consumer (id and labels) whose view it holds:
    ``held_another_consumer`` tells a client that now names itself otherwise.
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"], consumer: Optional[str] = None) -> None:
        self.path = Path(path).absolute()
        self._consumer = consumer
        self.held_another_consumer = False

    def read(self) -> Optional[CatalogState]:
        """The state in the file; ``None`` when there is no file; :class:`CacheUnreadable` when it is bad."""
        try:
            content = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise CacheUnreadable(f"cannot be read: {e}") from e
        header, newline, body = content.partition(b"\n")
        if not newline or not header.startswith(_MAGIC):
            raise CacheUnreadable("it is not a catalog cache file (no header line)")
        expected = header[len(_MAGIC):].decode("ascii", "replace")
        actual = hashlib.sha256(body).hexdigest()
        if expected != actual:
            raise CacheUnreadable(f"its checksum does not match (sha256 {actual}, header says {expected})")
        try:
            data = json.loads(body)
            state = CatalogState.of(int(data["revision"]), data["tools"], data.get("view"))
            written_for = data.get("consumer")
            self.held_another_consumer = None not in (self._consumer, written_for) and written_for != self._consumer
            return state
        except (ValueError, KeyError, TypeError) as e:
            raise CacheUnreadable(f"its content is not a catalog: {e!r}") from e

    def write(self, state: CatalogState) -> None:
        data = state.to_json()
        if self._consumer is not None:
            data["consumer"] = self._consumer
        body = json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8")
        header = _MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name + ".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header)
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
            _fsync_dir(self.path.parent)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise


def _fsync_dir(directory: Path) -> None:
    """Makes the rename itself durable where the platform allows opening a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
