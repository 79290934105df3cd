"""What the fuzz tests share: the real material inputs are built from, ways to break bytes and text, and the
contract every outcome is held to (articles that can be stored, or problems naming the input)."""

from __future__ import annotations

import codecs
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline import dedup, readers
from dateline.dates import from_iso, to_iso
from dateline.inputs import documents
from dateline.model import Article, Problem

REQUIRED_INPUTS = 10_000  # per reader, per run: issue 7's floor
TIME_LIMIT = 10.0  # seconds a reader may take for one article here; a fuzz input that needs more is a finding
BIG_CAP = 8 * 1024 * 1024
SMALL_CAP = 2048  # so that the over-the-cap paths are taken too
INPUTS_PER_EXAMPLE = 5


def fuzz(examples: int) -> settings:
    """Hypothesis settings for a fuzz run: the same inputs on every run (CI can reproduce a failure), no example
    database, no deadline (the product's own time limit is what is tested), and big generated inputs allowed."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


@dataclass
class Tally:
    """How many inputs a fuzz test fed the readers, and what came out."""

    inputs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0

    def check(self, name: str, data: bytes, max_bytes: int = BIG_CAP) -> list[Article | Problem]:
        """Read ``data`` as an upload called ``name``, or from the file ``name`` when that is a full path, and hold
        every outcome to the contract."""
        started = time.perf_counter()
        source: str | tuple[str, bytes] = (name, data)
        if Path(name).is_dir():  # a folder the build filled itself
            source = name
        elif Path(name).is_absolute():
            Path(name).write_bytes(data)
            source = name
        items: list[Article | Problem] = []
        for document in documents([source], max_bytes):
            if isinstance(document, Problem):
                items.append(document)
            else:
                items.extend(dedup.identified(readers.read(document, TIME_LIMIT)))
        self.slowest = max(self.slowest, time.perf_counter() - started)
        self.inputs += 1
        for item in items:
            if isinstance(item, Problem):
                check_problem(name, item)
                self.outcomes["problem"] += 1
            else:
                check_article(name, item)
                self.outcomes[f"{item.format} article"] += 1
        return items

    def summary(self, what: str) -> str:
        outcomes = ", ".join(f"{count:,} {kind}s" for kind, count in sorted(self.outcomes.items()))
        return f"fuzzed {what}: {self.inputs:,} inputs -> {outcomes}; slowest {self.slowest:.2f} s"


def announce(capsys: pytest.CaptureFixture[str], line: str) -> None:
    """Print ``line`` on the terminal even while pytest captures output: the counts belong in every CI log."""
    with capsys.disabled():
        print(f"\n{line}")


def check_problem(name: str, problem: Problem) -> None:
    assert problem.source.startswith(name), f"{problem} does not name the input {name!r}"
    assert problem.message.strip(), f"{problem.source}: empty message"
    assert problem.severity in ("error", "warning")
    assert "gave up on it" not in problem.message, f"a reader ran past {TIME_LIMIT} s: {problem}"


def check_article(name: str, article: Article) -> None:
    """An article the store can take: named after its input, text in clean paragraphs whose offsets slice it
    exactly, every string encodable as UTF-8 without NULs, times as dates or UTC datetimes."""
    assert article.source.startswith(name), f"article source {article.source!r} does not name {name!r}"
    assert article.text.strip() and article.id
    strings = [article.source, article.text, article.title, article.outlet, article.url, article.language]
    strings += article.authors
    for value in strings:
        if value is not None:
            assert isinstance(value, str) and "\x00" not in value, f"{article.source}: {value!r}"
            value.encode("utf-8")  # raises on lone surrogates, which SQLite and hashing cannot take
    lines = [line for line in article.text.split("\n") if line.strip()]
    assert [article.text[span.start : span.end] for span in article.paragraphs] == lines
    for stamp in (article.published, article.updated):
        assert stamp is None or isinstance(stamp, date)
        if stamp is not None:  # stored to the second, and read back (a year before 1000 too)
            second = stamp.replace(microsecond=0) if isinstance(stamp, datetime) else stamp
            assert from_iso(to_iso(stamp)) == second, f"{article.source}: {stamp!r} is not stored as read"
        if isinstance(stamp, datetime):
            assert stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


# Real material, read from ../shared (never copied into the repository) and from examples/.

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Material:
    """What generated inputs are built from: real seed files, news records and their paragraphs (cut short, so
    that reading stays quick), a real page and a real feed."""

    seeds: list[str]
    records: list[dict[str, Any]]
    paragraphs: list[str]
    page: str
    feed: str

    @classmethod
    @cache
    def load(cls, shared: Path) -> Material:
        seed_paths = sorted((shared / "corpora" / "seedfmt").rglob("*.txt"))[:120] + sorted(shared.glob("seed/*.txt"))
        records = []
        for path in sorted((shared / "corpora").glob("*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                records += [_shortened_record(json.loads(line)) for _, line in zip(range(60), lines, strict=False)]
        return cls(
            seeds=[_shortened(path.read_text(encoding="utf-8")) for path in seed_paths],
            records=records,
            paragraphs=[str(r["text"])[:300] for r in records if r.get("text")],
            page=(ROOT / "examples" / "pages" / "summit.html").read_text(encoding="utf-8"),
            feed=(ROOT / "examples" / "feeds" / "wire.rss").read_text(encoding="utf-8"),
        )


def _shortened(text: str) -> str:
    return "\n".join(line[:400] for line in text.split("\n")[:8])


def _shortened_record(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value[:600] if isinstance(value, str) else value for key, value in record.items()}


# Text that breaks naive code: surrogates, NULs, scripts written right to left, invisible and combining marks.

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff x \ud83d",
    "\ufeff",
    "\u200b\u200c\u200d\u2060",
    "\u202e\u202d",
    "e\u0301\u0301\u0301",
    "Z\u0351\u0363\u0364\u0369\u0353",
    "مرحبا بالعالم",
    "שלום עולם",
    "😀👍🏽👨‍👩‍👧",
    "\u2028\u2029\x85",
    "\r\r\n\n\t\x0b\x0c",
    "\x1b[31m",
    "&amp;&#0;&#xD800;&#x110000;&bogus;",
    "<![CDATA[ ]]>",
    "\"'`,;\t|",
    "%s%n{0}",
    "0" * 300,
    "NaN",
    "-1e999",
    "a" + " " * 30_000 + "b",  # a quadratic pattern over a run of spaces takes minutes (issue 12)
    "desk@example.org" + "(" * 30_000,  # and over a run of brackets after an address
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "gb18030"]
BOMS = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
_ANY_CODE_POINTS = st.text(st.characters(codec=None, exclude_categories=[]), max_size=40)  # surrogates too
_TEXT = st.text(max_size=40)
_SOME_BYTES = st.binary(min_size=1, max_size=8)
_RANDOM = st.randoms(use_true_random=True)

T = TypeVar("T")


class Maker:
    """The draws that build one input. Content (text, bytes, JSON values) comes from hypothesis strategies; the
    structure (which part to break, where to cut, which encoding) from a random generator hypothesis seeds,
    because hypothesis draws small numbers and first choices far more often than their share (28% zeros from
    0-99 in a run of 2,000), which would break every input the same few ways. Built once per input, by
    ``maker(draw)``; strategies are built once, at import, as building one costs more than reading an input."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self.draw = draw
        self.random: random.Random = draw(_RANDOM)

    def __call__(self, strategy: st.SearchStrategy[T]) -> T:
        return self.draw(strategy)

    def chance(self, percent: float) -> bool:
        return self.random.random() * 100 < percent

    def position(self, size: int) -> int:
        """A place in something ``size`` long, from 0 to ``size``."""
        return self.random.randint(0, max(0, size))

    def choice(self, options: Sequence[T]) -> T:
        return self.random.choice(options)

    def nasty(self) -> str:
        """Text that breaks naive code: a known troublemaker, any code points at all, or ordinary text."""
        kind = self.random.randrange(3)
        return self.choice(NASTY) if kind == 0 else self(_ANY_CODE_POINTS) if kind == 1 else self(_TEXT)

    def encode(self, text: str) -> bytes:
        """``text`` mostly as UTF-8, else in another encoding, sometimes after a byte-order mark that belongs to
        another; what the encoding cannot hold is written anyway, as broken bytes."""
        encoding = self.choice(ENCODINGS) if self.chance(30) else "utf-8"
        data = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
        return self.choice(BOMS) + data if self.chance(10) else data

    def damage(self, data: bytes, most: int = 4) -> bytes:
        """``data`` with a few bytes flipped, inserted or deleted, a piece repeated, or its end cut off."""
        buffer = bytearray(data)
        for _ in range(1 + self.random.randrange(most)):
            at = self.position(len(buffer))
            operation = self.choice(["flip", "insert", "delete", "cut", "repeat"])
            if operation == "flip" and at < len(buffer):
                buffer[at] ^= 1 << self.random.randrange(8)
            elif operation == "insert":
                buffer[at:at] = self(_SOME_BYTES)
            elif operation == "delete":
                del buffer[at : at + self.random.randint(1, 16)]
            elif operation == "cut":
                del buffer[at:]
            elif operation == "repeat":
                buffer[at:at] = bytes(buffer[at : at + self.random.randint(1, 64)]) * self.random.randint(1, 50)
        return bytes(buffer)

    def sometimes_damaged(self, data: bytes, percent: float = 40) -> bytes:
        """Mostly ``data`` as built, else damaged: the structure stays recognisable, its details go wrong."""
        return self.damage(data) if self.chance(percent) else data

    def repeated(self, piece: str, most_chars: int) -> str:
        """A long run of one piece: huge lines and deep nesting without drawing megabytes from hypothesis."""
        piece = piece or "x"
        return piece * self.random.randint(1, max(1, most_chars // len(piece)))

    def cap(self) -> int:
        return SMALL_CAP if self.chance(5) else BIG_CAP


def run_fuzz(
    capsys: pytest.CaptureFixture[str], what: str, build: Callable[[Maker], tuple[str, bytes]], inputs: int
) -> Tally:
    """Feed ``inputs`` inputs (a name and bytes, made by ``build``) to the readers under a size cap, a few to each
    hypothesis example, which costs hypothesis less per input; fail on the first example that breaks the contract,
    with hypothesis's smallest form of it."""
    tally = Tally()

    @fuzz(inputs // INPUTS_PER_EXAMPLE)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        make = Maker(data.draw)
        for _ in range(INPUTS_PER_EXAMPLE):
            name, content = build(make)
            tally.check(name, content, make.cap())

    run()
    announce(capsys, tally.summary(what))
    return tally
