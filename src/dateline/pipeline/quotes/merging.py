"""Which of the readings' overlapping finds stand: an attribution inside another's content, or inside a quotation, is
the speaker's own words, not the article's."""

from __future__ import annotations

from .found import FoundQuote


def outermost(reported: list[FoundQuote], quoted: list[FoundQuote]) -> list[FoundQuote]:
    """Attributions inside another's content, or inside a quotation, are the speaker's own words, not the article's:
    drop them. Reported speech that runs into a direct quote was a misreading of it: drop it too."""
    reported = sorted(reported, key=lambda f: f.start)
    quoted = sorted(quoted, key=lambda f: f.start)
    longest = max((f.end - f.start for f in reported + quoted), default=0)
    kept = []
    for found in reported:
        cue = found.attribution.cue[0]
        size = found.end - found.start
        spans = ((found.start, found.end), (cue, cue + 1))
        if any(_within_quotation(other, *span) for span in spans for other in _covering(quoted, *span, longest)):
            continue
        inside = _covering(reported, cue, cue + 1, longest)
        if any(other is not found and other.end - other.start > size for other in inside):
            continue
        kept.append(found)
    return kept


def _within_quotation(quoted: FoundQuote, start: int, end: int) -> bool:
    """Whether [start, end), which overlaps a quote's span, is the quote's; between the two parts of a direct quote is
    the writer's attribution, which may go on reporting (“…,” she said, emphasizing [why …]. “…”)."""
    if quoted.kind != "direct" or not quoted.parts:
        return True
    return any(part.start < end and start < part.end for part in quoted.parts)


def _covering(spans: list[FoundQuote], start: int, end: int, longest: int) -> list[FoundQuote]:
    """Spans (sorted by start, none longer than ``longest``) that overlap [start, end)."""
    n = _bisect_starts(spans, end)
    found = []
    while n > 0 and spans[n - 1].start >= start - longest:
        n -= 1
        if spans[n].end > start:
            found.append(spans[n])
    return found


def _bisect_starts(spans: list[FoundQuote], offset: int) -> int:
    low, high = 0, len(spans)
    while low < high:
        middle = (low + high) // 2
        if spans[middle].start < offset:
            low = middle + 1
        else:
            high = middle
    return low
