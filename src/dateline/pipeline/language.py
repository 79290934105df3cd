"""Which language an article is in: stated by the source when it says, else detected (py3langid, offline)."""

from __future__ import annotations

SAMPLE_CHARS = 2000  # the first paragraphs decide; detection on a whole long article costs without gaining


def detect(text: str, stated: str | None = None) -> str | None:
    """ISO 639-1 code ("en"); the stated language wins when it is a plausible code."""
    if stated and 2 <= len(stated.split("-")[0]) <= 3:
        return stated.split("-")[0].split("_")[0].lower()
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < 20:
        return None
    import py3langid  # imported here: loading its model takes half a second, which only ingest should pay

    code, _score = py3langid.classify(sample)
    return str(code)
