"""Where articles and what was read in them are kept."""

from .annotation import QuoteFilters
from .articles import Filters
from .database import Store, WriteResult, schema_head
from .events import DyadPoint, EventFilters

__all__ = ["DyadPoint", "EventFilters", "Filters", "QuoteFilters", "Store", "WriteResult", "schema_head"]
