"""Numbers and years written in digits or in words, read with the number words of data/timex_words.tsv."""

from __future__ import annotations

import re

from .grammar import lookup, timex_grammar


def parse_number(text: str) -> float | None:
    """ "24", "2 1/2", "twenty-four", "a hundred and fifty", "two and a half", "a couple of"; None when vague."""
    words = timex_grammar().words
    cleaned = text.lower().replace(",", "").strip()
    half = 0.5 if re.search(r"(and a half|1/2)$", cleaned) else 0.0
    cleaned = re.sub(r"\s*(and a half|1/2)$", "", cleaned)
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return float(cleaned) + half
    known = lookup(words, "number", cleaned) or lookup(words, "one", cleaned)
    if known is not None:
        return None if known == "X" else float(known) + half
    pieces = [piece for piece in re.split(r"[\s-]+", cleaned) if piece != "and"]
    if pieces[:1] in (["a"], ["an"]) and len(pieces) > 1:
        pieces = pieces[1:]
    total, current = 0.0, 0.0
    for piece in pieces:
        value = lookup(words, "number", piece)
        if value is None or value == "X":
            return None
        number = float(value)
        if number == 100:
            current = (current or 1) * 100
        elif number >= 1000:
            total, current = total + (current or 1) * number, 0.0
        else:
            current += number
    return total + current + half


def parse_year(text: str) -> int:
    """A year in digits or in words: "1998", "nineteen eighty-two", "two thousand and one", "twenty twenty"."""
    cleaned = text.lower().replace("-", " ").split()
    if len(cleaned) == 1 and cleaned[0].isdigit():
        return int(cleaned[0])
    numbers = timex_grammar().words["number"]
    values = [0 if word == "oh" else int(numbers[word]) for word in cleaned if word != "and"]
    if values[:2] == [2, 1000]:
        return 2000 + sum(values[2:])
    if values[1:2] == [100]:
        return values[0] * 100 + sum(values[2:])
    return values[0] * 100 + sum(values[1:])
