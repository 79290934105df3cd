"""Event groups: one real-world event is usually reported by many articles. Events with the same source and target
codes and the same CAMEO root, dated within a day of each other, form one group (GDELT's event, whose mentions are
our events), named by the id of its first report."""

from __future__ import annotations

from datetime import date

from .. import dates
from ..model import Event
from ..store import Writer

GROUP_DAYS = 1  # reports of one event may date it a day apart (time zones, "late on Monday")

Reported = dict[tuple[str, str, str], list[tuple[str, str]]]  # (source, target, root) -> (date, group) in the batch


def assign(writer: Writer, events: list[Event]) -> None:
    """Set each event's group: that of an earlier report (stored, or earlier in the batch), else its own."""
    in_batch: Reported = {}
    for event in events:
        event.group_id = _group(writer, event, in_batch)


def _group(writer: Writer, event: Event, in_batch: Reported) -> str:
    """The group an event joins: an earlier report of the same actors and root within GROUP_DAYS, else its own."""
    source = event.source.code if event.source else None
    target = event.target.code if event.target else None
    if not (source and target) or len(event.date) != 10:
        return str(event.id)
    key = (source, target, event.root)
    day = date.fromisoformat(event.date)
    low, high = ((dates.shifted(day, days) or day).isoformat() for days in (-GROUP_DAYS, GROUP_DAYS))
    for when, group in in_batch.get(key, []):
        if low <= when <= high:
            return group
    group = str(writer.reported_group(*key, low, high) or event.id)
    in_batch.setdefault(key, []).append((event.date, group))
    return group
