"""Event groups: one real-world event is usually reported by many articles. Events with the same source and target
codes and the same CAMEO root, dated within ``group_days`` of each other (a day by default), form one group
(GDELT's event, whose mentions are our events), named by the id of its first report."""

from __future__ import annotations

from datetime import date

from .. import dates
from ..model import Event
from ..store import Writer

Reported = dict[tuple[str, str, str], list[tuple[str, str]]]  # (source, target, root) -> (date, group) in the batch


def assign(writer: Writer, events: list[Event], days: int) -> None:
    """Set each event's group: that of an earlier report (stored, or earlier in the batch), else its own."""
    in_batch: Reported = {}
    for event in events:
        event.group_id = _group(writer, event, in_batch, days)


def _group(writer: Writer, event: Event, in_batch: Reported, days: int) -> str:
    """The group an event joins: an earlier report of the same actors and root within ``days``, else its own."""
    source = event.source.code if event.source else None
    target = event.target.code if event.target else None
    if not (source and target) or len(event.date) != 10:
        return str(event.id)
    key = (source, target, event.root)
    day = date.fromisoformat(event.date)
    low, high = ((dates.shifted(day, shift) or day).isoformat() for shift in (-days, days))
    for when, group in in_batch.get(key, []):
        if low <= when <= high:
            return group
    group = str(writer.reported_group(*key, low, high) or event.id)
    in_batch.setdefault(key, []).append((event.date, group))
    return group
