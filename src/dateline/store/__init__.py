"""Where articles and their annotations are kept."""

from .database import Filters, Store, WriteResult

__all__ = ["Filters", "Store", "WriteResult"]
