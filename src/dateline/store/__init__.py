"""Where articles and what was read in them are kept."""

from .aggregates import ActivityPoint, ActorProfile, Network, NetworkEdge, NetworkNode, Partner, TimelinePoint
from .articles import Filters
from .database import Store, WriteResult, schema_head
from .events import DyadPoint, EventFilters
from .quotes import QuoteFilters

__all__ = [
    "ActivityPoint",
    "ActorProfile",
    "DyadPoint",
    "EventFilters",
    "Filters",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "Partner",
    "QuoteFilters",
    "Store",
    "TimelinePoint",
    "WriteResult",
    "schema_head",
]
