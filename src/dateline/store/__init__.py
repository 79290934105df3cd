"""Where articles and what was read in them are kept."""

from .aggregates import ActivityPoint, ActorProfile, Network, NetworkEdge, NetworkNode, Partner, TimelinePoint
from .articles import Filters
from .database import Store, schema_head
from .events import DyadPoint, EventFilters, ExportRow
from .quotes import QuoteFilters
from .writer import Writer

__all__ = [
    "ActivityPoint",
    "ActorProfile",
    "DyadPoint",
    "EventFilters",
    "ExportRow",
    "Filters",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "Partner",
    "QuoteFilters",
    "Store",
    "TimelinePoint",
    "Writer",
    "schema_head",
]
