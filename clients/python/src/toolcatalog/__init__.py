"""Tool Catalog client: the whole catalog in memory, kept current from a node's watch stream.

Standard library only. See ``docs/python-client.md`` in the repository.
"""

from ._state import CatalogChanged, Profiles, Tool
from .client import CatalogClient, CatalogUnavailable, ClientStatus
from .loader import ProfileLoader

__all__ = [
    "CatalogChanged",
    "CatalogClient",
    "CatalogUnavailable",
    "ClientStatus",
    "ProfileLoader",
    "Profiles",
    "Tool",
]
__version__ = "0.1.0"
