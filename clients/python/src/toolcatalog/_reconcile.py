"""Now and then, checks that what the client holds is what the node serves."""

from __future__ import annotations

import http.client
import json
import logging
from typing import Optional

from ._catalog import LocalCatalog
from ._http import VIEW_HEADER, Requests
from ._watch import WatchLoop

log = logging.getLogger("toolcatalog")


class Reconciler:
    """Asks the node followed for ``/api/v1/profiles`` (with the ETag of the last view found equal,
    so an unchanged catalog costs a 304). When that view is at the client's revision but differs
    from the client's, the client drops the stream and starts over from a full snapshot. When they
    agree, the view the node named (``X-Catalog-View``) becomes the held state's name."""

    def __init__(self, requests: Requests, catalog: LocalCatalog, watch: WatchLoop) -> None:
        self._requests = requests
        self._catalog = catalog
        self._watch = watch
        self._verified_etag: Optional[str] = None

    def reconcile(self) -> None:
        held = self._catalog.state
        if held is None:
            return
        node = self._watch.node
        headers = self._requests.headers("application/json")
        if self._verified_etag:
            headers["If-None-Match"] = self._verified_etag
        connection = self._requests.open(node)
        try:
            connection.request("GET", node.prefix + "/api/v1/profiles", headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as e:
            log.debug("Catalog reconcile with %s failed: %s", node.url, e)
            return
        finally:
            connection.close()
        if response.status != 200:
            log.debug("Catalog reconcile with %s: HTTP %d", node.url, response.status)
            return
        try:
            served = json.loads(body)
        except ValueError as e:
            log.debug("Catalog reconcile with %s: unreadable /profiles: %s", node.url, e)
            return
        if served.get("revision") != held.revision:
            return  # one of them moved on since: nothing to compare
        if served == held.profiles.to_dict():
            self._verified_etag = response.getheader("ETag")
            self._catalog.name_view(response.getheader(VIEW_HEADER), held.revision)
        else:
            self._verified_etag = None
            log.warning(
                "Catalog reconcile with %s: the node's profiles at revision %d differ from the client's: "
                "taking a full snapshot", node.url, held.revision,
            )
            self._watch.request_snapshot()
