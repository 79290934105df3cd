"""Geography moved to reference/geography.py: this module stays only until pipeline/summary/where.py, its last
importer, imports reference.geography itself; then it is deleted."""

from ..reference.geography import places_named

__all__ = ["places_named"]
