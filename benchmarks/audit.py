"""Hand audits of unseen articles: draw a random sample of what dateline stored, judge every row by reading it, score.

    .venv/bin/python benchmarks/audit.py sample --corpus ../shared/corpora/bbc.jsonl --seed 4711
    .venv/bin/python benchmarks/audit.py score build/audits/bbc-seed4711.json
    .venv/bin/python benchmarks/audit.py record build/audits/bbc-seed4711.json    # keep the verdicts, not the text

``sample`` ingests the corpus (any paths ``dateline ingest`` takes: ../shared/corpora's bbc, newscluster and googlenews,
or a user's own folder) with the whole pipeline into a fresh SQLite file beside the sheet (or reads an existing database
with --db), pools every article's events, quotes, entities (PERSON/ORG/GPE) and 5W1H cards, and draws uniformly from
each pool with the seed (by default 60 events, 60 quotes, 40 entities, 10 cards, 40 parts marked not body and 40
paragraphs read as body); events and quotes are drawn from those the views show (at least Settings.min_confidence
sure, or --min-confidence). It writes a judging sheet (JSON): for each row the fact's place in the text with the
paragraphs around it (the fact marked ⟦…⟧, a trigger or speaker «…»), what dateline said, and empty verdicts to fill
with "y" or "n" under the criteria the sheet states. ``dateline show ARTICLE --db DB`` gives the whole article where the
context is not enough.

``score`` prints each share with its 95% Wilson interval: events fully right (really happened or said, right CAMEO
root, right source, right target) and each criterion apart, and of the events coded as violence (roots 18-20) the
share that is real violence rightly coded; quotes fully right (really said, sensible span, right speaker); entities
with the right kind and name, and the right country; card slots right of those answered; of the parts the layout
marked not body (captions, bylines, ...), the share that is not body and has the right role; and of the paragraphs
read as body, the share that is body.

``record`` writes the judged sheet to benchmarks/audits/ without any article text or names (article ids, offsets,
codes and verdicts only), with its seed, corpus and commit; docs/quality.md is generated from those files. Rules: a
new seed for every audit; every row judged by reading it, strictly; a sample is never judged again after the code
changed to fit it.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHEETS = ROOT / "build" / "audits"
RECORDED = ROOT / "benchmarks" / "audits"
KINDS = ("event", "quote", "entity", "card", "region", "paragraph")
CARD_SLOTS = ("who", "what", "when", "where", "why", "how")
VIOLENCE = ("18", "19", "20")
CONTEXT = 700  # characters of text around a fact, at most, on each side (whole paragraphs where they fit)

CRITERIA = {
    "event": {
        "really": "y when the event really happened, or was really said, as the sentence reports it: n when the "
        "sentence negates it, makes it hypothetical, planned, conditional or a question, when it is a photo caption, "
        "a byline or a headline fragment, or when no such event is there at all",
        "root": "y when the CAMEO root (the first two digits) fits what happened",
        "source": "y when the source is the actor who did it, with a right code (country and sector as far as given)",
        "target": "y when the target is the actor it was done to, with a right code; y for no target only when the "
        "event has none",
        "date": "y when the date is the day (or the period) the event happened, as the text tells it",
    },
    "quote": {
        "really": "y when the span is something really said, written or claimed by someone (not a headline, a "
        "title, a question put to them, a paraphrase of a document with no speaker)",
        "span": "y when the span is what was said, give or take a word at its ends (not cut mid-claim, not "
        "running into the narration)",
        "speaker": "y when the speaker is the one who said it, named; n for a pronoun or description left unresolved "
        "when the article names the speaker, and n for no speaker when the text gives one",
    },
    "entity": {
        "kind": "y when the kind (PERSON, ORG, GPE) is right for this name in this article",
        "name": "y when the canonical name is the entity's name as this article gives it (not cut, not merged "
        "with another entity, not a common word)",
        "country": "y when the country is right, or when none is given and none applies",
    },
    "card": {slot: "y / n for the answer given (a slot left empty stays 'empty')" for slot in CARD_SLOTS},
    "region": {
        "not_body": "y when the marked part is not the article's own prose (a photo caption or credit, a byline, a "
        "dateline, a subhead, the site's boilerplate, an embedded post): n when it is the story's text",
        "role": "y when the role given fits it (caption, byline, dateline, heading, boilerplate)",
    },
    "paragraph": {
        "body": "y when the marked paragraph, read as body, is the article's own prose: n when it is a caption or "
        "credit, a byline, a dateline, a subhead or boilerplate",
    },
}


# --- sampling ---------------------------------------------------------------------------------------------------


def sample(corpus: Any, seed: int, sizes: dict[str, int], shown: float) -> list[dict[str, Any]]:
    """Rows drawn uniformly from every stored article's facts of each kind, in a fixed order before drawing; events
    and quotes from those the views show (at least ``shown`` sure)."""
    pools: dict[str, list[tuple[Any, Any, Any]]] = {kind: [] for kind in KINDS}
    for article in sorted(corpus.articles(limit=None), key=lambda a: a.id):
        found = corpus.annotations(article.id)
        events = sorted((e for e in found.events if e.confidence >= shown), key=lambda e: (e.evidence.start, e.id))
        quotes = sorted((q for q in found.quotes if q.confidence >= shown), key=lambda q: (q.start, q.id))
        pools["event"] += [(article, found, e) for e in events]
        pools["quote"] += [(article, found, q) for q in quotes]
        named = [e for e in found.entities if e.kind in ("PERSON", "ORG", "GPE")]
        pools["entity"] += [(article, found, e) for e in sorted(named, key=lambda e: e.id)]
        if found.summary is not None:
            pools["card"].append((article, found, found.summary))
        pools["region"] += [(article, found, region) for region in found.layout]
        pools["paragraph"] += [(article, found, span) for span in _body_paragraphs(article, found)]
    rng = random.Random(seed)
    rows = []
    for kind in KINDS:
        picked = rng.sample(pools[kind], min(sizes[kind], len(pools[kind])))
        rows += [ROW[kind](article, found, fact) for article, found, fact in picked]
        print(f"{kind} rows: {len(picked)} drawn of {len(pools[kind]):,}")
    for number, row in enumerate(rows, 1):
        row["n"] = number
    return rows


def _body_paragraphs(article: Any, found: Any) -> list[Any]:
    """The article's paragraphs that no region covers in whole (one a dateline opens is still body)."""
    whole = {(r.start, r.end) for r in found.layout}
    spans = []
    for paragraph in article.paragraphs:
        words = article.text[paragraph.start : paragraph.end]
        start = paragraph.start + len(words) - len(words.lstrip())
        end = paragraph.end - (len(words) - len(words.rstrip()))
        if start < end and (start, end) not in whole:
            spans.append(paragraph)
    return spans


def density(corpus: Any, shown: float) -> dict[str, float]:
    """Events and quotes per 1,000 words of article text, those the views show (at least ``shown`` sure) and all
    stored, so that a precision is never read without what it finds."""
    words = events = quotes = shown_events = shown_quotes = 0
    for article in corpus.articles(limit=None):
        found = corpus.annotations(article.id)
        words += len(article.text.split())
        events += len(found.events)
        quotes += len(found.quotes)
        shown_events += sum(e.confidence >= shown for e in found.events)
        shown_quotes += sum(q.confidence >= shown for q in found.quotes)
    per = 1000 / words if words else 0.0
    return {"words": words, "shown_from": shown, "events_per_1000_words": shown_events * per,
            "quotes_per_1000_words": shown_quotes * per, "all_events_per_1000_words": events * per,
            "all_quotes_per_1000_words": quotes * per}  # fmt: skip


def _context(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """The fact's paragraph and the ones either side (cut to CONTEXT characters a side), each mark wrapped in its
    brackets; marks are given outermost first."""
    start = min(m[0] for m in marks)
    end = max(m[1] for m in marks)
    here = text.rfind("\n", 0, start)
    lo = 0 if here < 0 else text.rfind("\n", 0, here) + 1
    here = text.find("\n", end)
    after = -1 if here < 0 else text.find("\n", here + 1)
    lo = max(lo, start - CONTEXT)
    hi = min(len(text) if after < 0 else after, end + CONTEXT)
    inserts = sorted(
        [(s, 1, i, o) for i, (s, _, o, _) in enumerate(marks)] + [(e, 0, -i, c) for i, (_, e, _, c) in enumerate(marks)]
    )
    pieces, at = [], lo
    for offset, _, _, bracket in inserts:
        pieces += [text[at:offset], bracket]
        at = offset
    pieces.append(text[at:hi])
    return ("…" if lo > 0 else "") + "".join(pieces) + ("…" if hi < len(text) else "")


def _head(article: Any, kind: str, start: int, end: int) -> dict[str, Any]:
    return {
        "kind": kind,
        "article": article.id,
        "start": start,
        "end": end,
        "outlet": article.outlet,
        "published": str(article.published) if article.published else None,
        "title": article.title,
    }


def _actor(actor: Any, text: str) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "code": actor.code,
        "start": actor.start,
        "end": actor.end,
        "name": actor.name,
        "words": text[actor.start : actor.end],
    }


def event_row(article: Any, found: Any, event: Any) -> dict[str, Any]:
    from dateline.reference.cameo.codebook import describe

    ev = event.evidence
    marks = [(ev.start, ev.end, "⟦", "⟧"), (ev.trigger_start, ev.trigger_end, "«", "»")]
    row = _head(article, "event", ev.start, ev.end)
    row["context"] = _context(article.text, marks)
    row["said"] = {
        "code": event.code,
        "meaning": describe(event.code).name,
        "plover": event.plover,
        "trigger": article.text[ev.trigger_start : ev.trigger_end],
        "trigger_start": ev.trigger_start,
        "trigger_end": ev.trigger_end,
        "source": _actor(event.source, article.text),
        "target": _actor(event.target, article.text),
        "date": event.date,
        "date_from": event.date_source,
        "mode": event.mode,
    }
    row["verdict"] = dict.fromkeys(CRITERIA["event"], "")
    return row


def quote_row(article: Any, found: Any, quote: Any) -> dict[str, Any]:
    pieces = quote.parts if len(quote.parts) > 1 else [quote]  # an interrupted quote: its parts, not what is between
    marks = [(piece.start, piece.end, "⟦", "⟧") for piece in pieces]
    speaker = quote.speaker
    if speaker is not None and (speaker.end <= quote.start or speaker.start >= quote.end):
        marks.append((speaker.start, speaker.end, "«", "»"))
    row = _head(article, "quote", quote.start, quote.end)
    row["context"] = _context(article.text, marks)
    row["said"] = {
        "kind": quote.kind,
        "cue": quote.cue.text if quote.cue else None,
        "cue_kind": quote.cue.kind if quote.cue else None,
        "speaker": None
        if speaker is None
        else {"name": speaker.name, "words": speaker.text, "start": speaker.start, "end": speaker.end},
    }
    row["verdict"] = dict.fromkeys(CRITERIA["quote"], "")
    return row


def entity_row(article: Any, found: Any, entity: Any) -> dict[str, Any]:
    mentions = [m for m in found.mentions if m.entity_id == entity.id]
    named = [m for m in mentions if m.kind not in ("PRON", "NOM")] or mentions
    first = named[0] if named else None
    start, end = (first.start, first.end) if first else (0, 0)
    row = _head(article, "entity", start, end)
    row["context"] = _context(article.text, [(start, end, "⟦", "⟧")]) if first else ""
    row["said"] = {
        "entity_kind": entity.kind,
        "name": entity.name,
        "country": entity.country,
        "aliases": entity.aliases,
        "roles": entity.roles,
        "mentions": [f"{m.text} @{m.start}" for m in mentions][:12],
    }
    row["verdict"] = dict.fromkeys(CRITERIA["entity"], "")
    return row


def card_row(article: Any, found: Any, card: Any) -> dict[str, Any]:
    row = _head(article, "card", 0, min(len(article.text), 2 * CONTEXT))
    row["context"] = article.text[: 2 * CONTEXT] + ("…" if len(article.text) > 2 * CONTEXT else "")
    slots = {}
    for slot in CARD_SLOTS:
        phrase = getattr(card, slot)
        slots[slot] = None if phrase is None else {"text": phrase.text, "start": phrase.start, "end": phrase.end}
    row["said"] = slots | {"when_value": card.when_value}
    row["verdict"] = {slot: "empty" if slots[slot] is None else "" for slot in CARD_SLOTS}
    return row


def region_row(article: Any, found: Any, region: Any) -> dict[str, Any]:
    row = _head(article, "region", region.start, region.end)
    row["context"] = _context(article.text, [(region.start, region.end, "⟦", "⟧")])
    row["said"] = {"role": region.role}
    row["verdict"] = dict.fromkeys(CRITERIA["region"], "")
    return row


def paragraph_row(article: Any, found: Any, paragraph: Any) -> dict[str, Any]:
    row = _head(article, "paragraph", paragraph.start, paragraph.end)
    row["context"] = _context(article.text, [(paragraph.start, paragraph.end, "⟦", "⟧")])
    row["said"] = {"role": "body"}
    row["verdict"] = dict.fromkeys(CRITERIA["paragraph"], "")
    return row


ROW = {"event": event_row, "quote": quote_row, "entity": entity_row, "card": card_row, "region": region_row,
       "paragraph": paragraph_row}  # fmt: skip


# --- scoring ----------------------------------------------------------------------------------------------------


def wilson(right: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a share."""
    if total == 0:
        return 0.0, 1.0
    share = right / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def shares(rows: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """(measure, right, total) for every figure an audit reports."""
    by_kind: dict[str, list[dict[str, Any]]] = {kind: [r for r in rows if r["kind"] == kind] for kind in KINDS}
    out = []

    def add(name: str, picked: Iterable[dict[str, Any]], test: Any) -> None:
        picked = list(picked)
        out.append((name, sum(1 for r in picked if test(r["verdict"])), len(picked)))

    events = by_kind["event"]
    add("events fully right (really, root, source, target)", events,
        lambda v: all(v[c] == "y" for c in ("really", "root", "source", "target")))  # fmt: skip
    for criterion in CRITERIA["event"]:
        add(f"events, {criterion} right", events, lambda v, c=criterion: v[c] == "y")
    violent = [r for r in events if r["said"]["code"][:2] in VIOLENCE]
    add("events coded 18-20 that are real violence, rightly coded", violent,
        lambda v: v["really"] == "y" and v["root"] == "y")  # fmt: skip
    quotes = by_kind["quote"]
    add("quotes fully right (really said, span, speaker)", quotes, lambda v: all(x == "y" for x in v.values()))
    for criterion in CRITERIA["quote"]:
        add(f"quotes, {criterion} right", quotes, lambda v, c=criterion: v[c] == "y")
    entities = by_kind["entity"]
    add("entities with the right kind and name", entities, lambda v: v["kind"] == "y" and v["name"] == "y")
    add("entities, country right", entities, lambda v: v["country"] == "y")
    answered = [(r, slot) for r in by_kind["card"] for slot in CARD_SLOTS if r["verdict"][slot] != "empty"]
    out.append(("5W1H slots right, of those answered", sum(r["verdict"][s] == "y" for r, s in answered), len(answered)))
    for slot in CARD_SLOTS:
        given = [r for r in by_kind["card"] if r["verdict"][slot] != "empty"]
        add(f"5W1H {slot} right, of those answered", given, lambda v, s=slot: v[s] == "y")
    add("parts marked not body that are not body", by_kind["region"], lambda v: v["not_body"] == "y")
    add("parts marked not body, with the right role", by_kind["region"], lambda v: v["role"] == "y")
    add("paragraphs read as body that are body", by_kind["paragraph"], lambda v: v["body"] == "y")
    return out


def unjudged(rows: list[dict[str, Any]]) -> list[str]:
    allowed = {"y", "n", "empty"}
    return [f"row {r['n']}: {k}" for r in rows for k, v in r["verdict"].items() if v not in allowed]


def load_sheet(path: Path) -> dict[str, Any]:
    try:
        sheet = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SystemExit(f"{path}: not a readable audit sheet ({error})") from None
    if not isinstance(sheet, dict) or "rows" not in sheet:
        raise SystemExit(f"{path}: not an audit sheet (no 'rows')")
    return sheet


def print_scores(sheet: dict[str, Any]) -> None:
    print(f"audit of {', '.join(sheet['corpus'])}, seed {sheet['seed']}, commit {sheet['commit']}")
    for name, right, total in shares(sheet["rows"]):
        if total:
            low, high = wilson(right, total)
            print(f"  {name:<58}{right:>4} / {total:<4}{right / total:>6.0%}   95% CI {low:.0%}–{high:.0%}")


# --- the commands -----------------------------------------------------------------------------------------------


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def _slug(paths: list[str]) -> str:
    return "+".join(re.sub(r"\W+", "-", Path(p).name.split(".")[0]) for p in paths)


def command_sample(args: argparse.Namespace) -> None:
    from dateline import Corpus

    sizes = {"event": args.events, "quote": args.quotes, "entity": args.entities, "card": args.cards,
             "region": args.regions, "paragraph": args.paragraphs}  # fmt: skip
    name = args.name or f"{_slug(args.corpus or ['db'])}-seed{args.seed}"
    out = SHEETS / f"{name}.json"
    if out.exists():
        sys.exit(f"{out} exists: every audit takes a new seed (or remove the sheet to draw it again)")
    SHEETS.mkdir(parents=True, exist_ok=True)
    db = args.db
    if db is None:
        if not args.corpus:
            sys.exit("give --corpus PATH... to ingest, or --db DATABASE to sample from")
        path = SHEETS / f"{name}.db"
        for stale in SHEETS.glob(f"{name}.db*"):
            stale.unlink()
        db = str(path)
        with Corpus.open(db) as corpus:
            report = corpus.ingest(args.corpus)
        print(f"ingested {report.read:,} articles, {report.stored:,} stored, into {db}")
    with Corpus.open(db) as corpus:
        shown = corpus.settings.min_confidence if args.min_confidence is None else args.min_confidence
        rows = sample(corpus, args.seed, sizes, shown)
        found = density(corpus, shown)
    sheet = {
        "corpus": args.corpus or [db],
        "database": db,
        "seed": args.seed,
        "commit": _git("rev-parse", "--short=12", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain", "--untracked-files=no", "src")),
        "drawn": datetime.now(UTC).isoformat(timespec="seconds"),
        "criteria": CRITERIA,
        "density": found,
        "rows": rows,
    }
    out.write_text(json.dumps(sheet, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"judging sheet: {out} ({len(rows)} rows); read an article whole with: dateline show ID --db {db}")


def command_score(args: argparse.Namespace) -> None:
    for path in args.sheets:
        sheet = load_sheet(Path(path))
        missing = unjudged(sheet["rows"])
        if missing:
            print(f"{path}: {len(missing)} verdicts not given yet (first: {missing[0]}); scoring the rest as wrong")
        print_scores(sheet)


def stripped(sheet: dict[str, Any]) -> dict[str, Any]:
    """The sheet without article text or names: ids, offsets, codes and verdicts."""
    rows = []
    for row in sheet["rows"]:
        said = dict(row["said"])
        if row["kind"] == "event":
            said = {k: said[k] for k in ("code", "plover", "trigger_start", "trigger_end", "date", "date_from", "mode")}
            for role in ("source", "target"):
                actor = row["said"][role]
                said[role] = None if actor is None else {k: actor[k] for k in ("code", "start", "end")}
        elif row["kind"] == "quote":
            speaker = said["speaker"]
            said = {"kind": said["kind"], "cue_kind": said["cue_kind"]}
            said["speaker"] = None if speaker is None else {"start": speaker["start"], "end": speaker["end"]}
        elif row["kind"] == "entity":
            said = {"entity_kind": said["entity_kind"], "country": said["country"]}
        elif row["kind"] in ("region", "paragraph"):
            said = {"role": said["role"]}
        else:
            said = {slot: None if said[slot] is None else {k: said[slot][k] for k in ("start", "end")}
                    for slot in CARD_SLOTS}  # fmt: skip
        kept = {k: row[k] for k in ("n", "kind", "article", "start", "end")}
        rows.append(kept | {"said": said, "verdict": row["verdict"]})  # judges' notes stay in build/: they cite text
    header = {k: sheet[k] for k in ("seed", "commit", "uncommitted_changes", "drawn", "criteria")}
    if "density" in sheet:
        header["density"] = sheet["density"]
    header["corpus"] = [Path(p).name for p in sheet["corpus"]]
    return header | {"judged": sheet.get("judged", ""), "rows": rows}


def command_record(args: argparse.Namespace) -> None:
    sheet = load_sheet(Path(args.sheet))
    missing = unjudged(sheet["rows"])
    if missing:
        sys.exit(f"{args.sheet}: {len(missing)} verdicts not given yet (first: {missing[0]}): judge every row first")
    if "density" not in sheet and Path(sheet.get("database", "")).is_file():  # a sheet drawn before density was kept
        from dateline import Corpus

        with Corpus.open(sheet["database"]) as corpus:
            sheet["density"] = density(corpus, 0.0)
    RECORDED.mkdir(exist_ok=True)
    out = RECORDED / Path(args.sheet).name
    out.write_text(json.dumps(stripped(sheet), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded {out.relative_to(ROOT)}")
    print_scores(load_sheet(out))


def recorded() -> Iterator[dict[str, Any]]:
    """Every judged audit kept in benchmarks/audits/, oldest first."""
    sheets = [load_sheet(path) for path in RECORDED.glob("*.json")]
    yield from sorted(sheets, key=lambda s: s["drawn"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    draw = commands.add_parser("sample", help="draw a judging sheet")
    draw.add_argument("--corpus", nargs="+", help="what to ingest: files, folders, archives")
    draw.add_argument("--db", help="sample an existing database instead of ingesting")
    draw.add_argument("--seed", type=int, required=True, help="a new one for every audit")
    draw.add_argument("--events", type=int, default=60)
    draw.add_argument("--quotes", type=int, default=60)
    draw.add_argument("--entities", type=int, default=40)
    draw.add_argument("--cards", type=int, default=10)
    draw.add_argument("--regions", type=int, default=40, help="parts marked not body (captions, bylines, ...)")
    draw.add_argument("--paragraphs", type=int, default=40, help="paragraphs read as body")
    draw.add_argument("--name", help="the sheet's name (default: corpus-seedN)")
    draw.add_argument("--min-confidence", type=float, help="draw events and quotes at least this sure (default: what "
                      "the views show, Settings.min_confidence; 0 for every one stored)")  # fmt: skip
    draw.set_defaults(run=command_sample)
    judge = commands.add_parser("score", help="print the shares of judged sheets")
    judge.add_argument("sheets", nargs="+")
    judge.set_defaults(run=command_score)
    keep = commands.add_parser("record", help="keep a judged sheet in benchmarks/audits/, without text")
    keep.add_argument("sheet")
    keep.set_defaults(run=command_record)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
