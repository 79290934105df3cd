"""The figures in docs/*.md and README.md, rendered from the benchmarks' JSON (benchmarks/results/) and the judged
audits (benchmarks/audits/). Never typed: the docs call these functions in cog blocks.

    .venv/bin/cog -r -I benchmarks docs/quality.md docs/performance.md README.md     # make docs
    .venv/bin/cog --check -I benchmarks docs/quality.md docs/performance.md README.md  # make lint: in step?
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import audit
import quality
from gate import FLOORS
from halves import CHECK, TUNE
from record import load


def provenance(name: str) -> str:
    """When, where and how a benchmark's figures were taken, and whether the machine was busy meanwhile."""
    run = load(name)
    machine, busy = run["machine"], run["load"]
    if busy["under_load"]:
        state = (f"**under load**: other work used {busy['other_work_cores']:.2f} of the {machine['cores']} cores on "
                 "average during the run, so read speed figures as sizes, not fine ratios")  # fmt: skip
    else:
        state = f"idle (other work used {busy['other_work_cores']:.2f} cores on average during the run)"
    dirty = " plus uncommitted changes" if run["uncommitted_changes"] else ""
    return (
        f"Measured {run['date'][:10]} at commit `{run['commit']}`{dirty} with `{run['command']}` "
        f"({_duration(run['seconds'])}) on {machine['cores']} cores ({machine['cpu']}), "
        f"{machine['memory_gb']:.0f} GB, Python {machine['python']}; the machine was {state}.\n"
    )


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def _table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [header, rule, *rows]
    return "".join("| " + " | ".join(line) + " |\n" for line in lines)


def _f(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _gap(tune: float | None, check: float | None) -> str:
    return "" if tune is None or check is None else f"{tune - check:+.3f}"


# --- quality -------------------------------------------------------------------------------------------------------


def _halves() -> dict[str, Any]:
    return load("quality")["figures"]["halves"]  # type: ignore[no-any-return]


def quality_headline() -> str:
    halves = _halves()
    floors = json.loads(Path(FLOORS).read_text())["floors"] if Path(FLOORS).exists() else {}
    rows = []
    for section, key, label in quality.HEADLINE:
        tune, check = halves[TUNE][section].get(key), halves[CHECK][section].get(key)
        rows.append([label, _f(tune), f"**{_f(check)}**", _gap(tune, check), _f(floors.get(f"{section}/{key}"))])
    return _table(["measure", "tune", "check", "gap", "gate floor (check)"], rows)


def halves_sizes() -> str:
    halves = _halves()

    def sizes(section: str, key: str) -> str:
        return f"{halves[TUNE][section][key]:.0f} / {halves[CHECK][section][key]:.0f}"

    rows = [
        ["PolNeAR dev (quotes, pronoun speakers)", "articles", sizes("quotes", "articles")],
        ["", "gold attributions", sizes("quotes", "dateline.all.gold")],
        ["TimeBank dev (times)", "gold TIMEX3", sizes("times", "gold")],
        ["PLOVER dev (events, actors)", "sentences", sizes("events", "plover_sentences")],
        ["", "actor phrases", sizes("actors", "actor_items")],
        ["PETRARCH2 unit tests (events)", "sentences scored", sizes("events", "petrarch_sentences")],
        ["Giveme5W1H dev (5W1H)", "articles", sizes("5w1h", "articles")],
    ]
    return _table(["gold set", "counted in", "tune / check"], rows, "llr")


def quotes_detail() -> str:
    halves = _halves()
    rows = []
    for subset in ("all", "direct", "mixed", "indirect", "direct+mixed", "speech"):
        cells = [subset]
        for half in (TUNE, CHECK):
            q = halves[half]["quotes"]
            k = f"dateline.{subset}"
            cells.append(f"{q[k + '.gold']:.0f}")
            cells.append(" / ".join(_f(q[f"{k}.{m}@0.3"]) for m in ("p", "r", "f1")))
            cells.append(_f(q[f"{k}.f1@0.8"]))
        cells.append(_f(halves[CHECK]["quotes"].get(f"textacy.{subset}.f1@0.3")))
        rows.append(cells)
    header = ["subset", "gold (tune)", "tune P / R / F1 @0.3", "F1 @0.8", "gold (check)", "check P / R / F1 @0.3",
              "F1 @0.8", "textacy F1 @0.3 (check)"]  # fmt: skip
    out = _table(header, rows)
    lines = []
    for half in (TUNE, CHECK):
        q = halves[half]["quotes"]
        lines.append(
            f"- {half}: speaker right on {_f(q['dateline.speaker_accuracy'])} of matched quotes "
            f"({_f(q['dateline.speaker_mention_accuracy'])} counting only the mention, not the resolved entity); "
            f"cue right on {_f(q['dateline.cue_accuracy'])}."
        )
    classes = sorted({k.split(".")[2] for k in halves[TUNE]["quotes"] if k.startswith("dateline.class.")})
    cells = ", ".join(f"{kind} {halves[TUNE]['quotes'][f'dateline.class.{kind}.p@0.3']:.2f}" for kind in classes)
    lines.append(f"- Precision @0.3 by the class of cue (tune half): {cells}.")
    return out + "\n" + "\n".join(lines) + "\n"


def times_detail() -> str:
    halves = _halves()
    rows = []
    for name, label in (("span_strict", "span, strict"), ("span_relaxed", "span, relaxed"), ("value", "TIMEX3 value")):
        cells = [label]
        for half in (TUNE, CHECK):
            t = halves[half]["times"]
            cells.append(" / ".join(_f(t[f"{name}_{m}"]) for m in ("p", "r", "f1")))
        rows.append(cells)
    out = _table(["measure", "tune P / R / F1", "check P / R / F1"], rows)
    by_type = []
    for kind in ("DATE", "DURATION", "TIME", "SET"):
        t, c = halves[TUNE]["times"], halves[CHECK]["times"]
        by_type.append(
            f"{kind} {_f(t[f'{kind}_value_f1'])} / {_f(c[f'{kind}_value_f1'])} "
            f"({t[f'{kind}_gold']:.0f} / {c[f'{kind}_gold']:.0f} gold)"
        )
    return out + "\nValue F1 by type, tune / check: " + "; ".join(by_type) + ".\n"


def events_detail() -> str:
    halves = _halves()
    rows = []
    labels = [
        ("plover_accuracy", "PLOVER category accuracy per sentence"),
        ("plover_precision", "PLOVER category precision"),
        ("plover_recall", "PLOVER category recall"),
        ("plover_accuracy_2018", "category accuracy in the gold's 2018 draft terms"),
        ("plover_matched", "sentences with the gold category found"),
        ("source_country", "source country right (of those)"),
        ("target_country", "target country right (of those)"),
        ("petrarch_exact", "PETRARCH2 unit tests: exact event set"),
        ("petrarch_root", "same, root codes only"),
        ("petrarch_codes", "event codes alone (actors not compared)"),
    ]
    for key, label in labels:
        tune, check = halves[TUNE]["events"][key], halves[CHECK]["events"][key]
        digits = 0 if key == "plover_matched" else 3
        rows.append([label, _f(tune, digits), _f(check, digits), "" if digits == 0 else _gap(tune, check)])
    return _table(["measure", "tune", "check", "gap"], rows)


def actors_detail() -> str:
    halves = _halves()
    rows = []
    for key, label in (("actor_items_found", "phrases found as written"), ("actor_coded", "coded (of those)"),
                       ("actor_country_accuracy", "country right"), ("actor_sector_accuracy", "sector right"),
                       ("actor_both_accuracy", "both right"), ("actor_country_accuracy_all", "country right, of all"),
                       ("actor_sector_accuracy_all", "sector right, of all")):  # fmt: skip
        tune, check = halves[TUNE]["actors"][key], halves[CHECK]["actors"][key]
        rows.append([label, _f(tune), _f(check), _gap(tune, check)])
    return _table(["measure", "tune", "check", "gap"], rows)


def summary_detail() -> str:
    halves = _halves()
    rows = []
    for question in ("who", "what", "when", "where", "why", "how"):
        cells = [question]
        for half in (TUNE, CHECK):
            s = halves[half]["5w1h"]
            cells.append(_f(s[f"title.{question}.precision"]))
            cells.append(f"{s[f'title.{question}.answered']:.0f} / {s['articles']:.0f}")
        rows.append(cells)
    rows.append(["**who/what/when/where pooled**",
                 f"**{_f(halves[TUNE]['5w1h']['title.www.precision'])}**", "",
                 f"**{_f(halves[CHECK]['5w1h']['title.www.precision'])}**", ""])  # fmt: skip
    return _table(["question", "tune precision", "answered", "check precision", "answered"], rows)


def coref_detail() -> str:
    figures = load("quality")["figures"]
    halves, challenge = figures["halves"], figures["coref_challenge"]
    t, c = halves[TUNE]["coref"], halves[CHECK]["coref"]
    return (
        f"PolNeAR pronoun speakers (tune / check): {t['polnear_pronoun_speakers']:.0f} / "
        f"{c['polnear_pronoun_speakers']:.0f}; resolved to a named entity of the right kind and gender "
        f"{_f(t['polnear_pronoun_speaker_coverage'])} / {_f(c['polnear_pronoun_speaker_coverage'])}; resolved to "
        f'someone a named attribution in the same article also quotes ("named right") '
        f"{_f(t['polnear_pronoun_speaker_named_right'])} / {_f(c['polnear_pronoun_speaker_named_right'])}. "
        f"Our own challenge set ({challenge['coref_challenge_cases']:.0f} cases): cases in view while the resolver "
        f"was tuned {_f(challenge['coref_challenge_tuned'])}, cases written afterwards "
        f"{_f(challenge['coref_challenge_heldout'])}.\n"
    )


def seed_lines() -> str:
    return "".join(f"    {line}\n" for line in load("quality")["figures"]["seed"])


# --- hand audits ---------------------------------------------------------------------------------------------------


def _density(sheet: dict[str, Any]) -> str:
    found = sheet.get("density")
    if not found:
        return ""
    if "shown_from" not in found:  # drawn from everything stored
        return (f" Over the {found['words']:,} words of the articles ingested, dateline stored "
                f"{found['events_per_1000_words']:.1f} events and {found['quotes_per_1000_words']:.1f} quotes per "
                "1,000 words.")  # fmt: skip
    return (f" Events and quotes were drawn from those the views show (confidence {found['shown_from']} or more): "
            f"over the {found['words']:,} words of the articles ingested, {found['events_per_1000_words']:.1f} events "
            f"and {found['quotes_per_1000_words']:.1f} quotes per 1,000 words, of "
            f"{found['all_events_per_1000_words']:.1f} and {found['all_quotes_per_1000_words']:.1f} "
            "stored.")  # fmt: skip


HELD_OUT_HEAD = ["facts judged", "fully right, all", "shown (at or over the threshold)", "fully right, of those shown"]


def calibration() -> str:
    """How the confidence model does on each audit when fitted on the others (benchmarks/calibrate.py)."""
    f = load("calibration")["figures"]
    rows = []
    for row in f["held_out"]:
        shown = f"{row['shown_right']} / {row['shown']} (**{row['shown_right'] / row['shown']:.0%}**)" if row[
            "shown"] else "none shown"  # fmt: skip
        rows.append([f"{row['kind']}s, {row['audit']}", f"{row['right']} / {row['facts']} "
                     f"({row['right'] / row['facts']:.0%})", f"{row['shown']} ({row['shown'] / row['facts']:.0%})",
                     shown])  # fmt: skip
    bands = []
    for kind, rows in f.get("reliability", {}).items():
        for row in rows:
            bands.append([f"{kind}s", f"{row['low']:.1f}–{row['high']:.1f}", str(row["facts"]),
                          f"{row['mean_confidence']:.2f}", f"{row['right'] / row['facts']:.2f}"])  # fmt: skip
    reliability = (
        "\nReliability, pooled over the held-out predictions (of facts given confidence c, about c should be "
        "right):\n\n"
        + _table(["facts", "confidence band", "facts in it", "mean confidence", "share fully right"], bands)
        if bands
        else ""
    )
    weights = "; ".join(
        f"{kind}s: " + ", ".join(f"{name} {value:+.2f}" for name, value in named.items())
        for kind, named in f["weights"].items()
    )
    return (
        f"Fitted on {', '.join(f['audits'])} ({f['facts']['event']} events and {f['facts']['quote']} quotes the "
        f"pipeline still reads as they were judged). Each audit held out in turn, scored by a model fitted on the "
        f"others, with the views' threshold {f['threshold']}:\n\n"
        + _table(HELD_OUT_HEAD, rows)
        + reliability
        + f"\nThe weights, fitted on every audit (data/confidence.tsv): {weights}. The facts of an audit are those the "
        "pipeline finds now, so an audit whose misses were read to change the code scores better here than it was "
        "judged: this table says how the model carries from one audit to another, the audits above how right "
        "dateline was.\n"
    )


def _layout_rows(kinds: dict[str, int]) -> str:
    if not kinds["region"] and not kinds["paragraph"]:
        return ""
    return f", {kinds['region']} parts marked not body and {kinds['paragraph']} paragraphs read as body"


def audits() -> str:
    sheets = list(audit.recorded())
    if not sheets:
        return "No judged audit is recorded yet.\n"
    out = []
    for sheet in sheets:
        rows = []
        for name, right, total in audit.shares(sheet["rows"]):
            if total:
                low, high = audit.wilson(right, total)
                rows.append([name, f"{right} / {total}", f"**{right / total:.0%}**", f"{low:.0%}–{high:.0%}"])
        kinds = {kind: sum(r["kind"] == kind for r in sheet["rows"]) for kind in audit.KINDS}
        out.append(
            f"Audit of {' + '.join(sheet['corpus'])}, seed {sheet['seed']}, drawn {sheet['drawn'][:10]} at commit "
            f"`{sheet['commit']}`: {kinds['event']} events, {kinds['quote']} quotes, {kinds['entity']} entities, "
            f"{kinds['card']} cards{_layout_rows(kinds)} drawn at random from what was stored. "
            f"{sheet.get('judged', '')}{_density(sheet)}\n\n"
            + _table(["measure", "right", "share", "95% interval (Wilson)"], rows)
        )
    return "\n".join(out)


# --- performance ---------------------------------------------------------------------------------------------------


def throughput() -> str:
    f = load("throughput")["figures"]
    rows = [
        [f"bare spaCy, {f['processes']} processes, over the {f['articles_parsed']:,} distinct texts",
         f"{f['spacy_articles_per_s']:.1f}"],
        [f"whole ingest, {f['processes']} worker processes ({f['articles_read']:,} read, {f['articles_parsed']:,} "
         "parsed and stored)", f"{f['ingest_articles_per_s']:.1f}"],
        ["**ratio per parsed article**", f"**{f['ratio']:.2f}**"],
    ]  # fmt: skip
    return _table(["run", "articles parsed / s"], rows)


def before_after() -> str:
    f = load("before_after")["figures"]
    rows = [
        [str(n), f"{r['before']['per_s']:.2f}", f"{r['after']['per_s']:.2f}", f"{r['ratio']:.3f}"]
        for n, r in enumerate(f["rounds"], 1)
    ]
    rows.append(["**median**", "", "", f"**{f['median_ratio']:.3f}**"])
    return (
        f"The whole ingest of {f['corpus']} ({f['articles_read']:,} read, {f['articles_parsed']:,} parsed and stored), "
        f"before (`{f['before_commit']}`) and after, alternated:\n\n"
        + _table(["round", "before, parsed / s", "after, parsed / s", "after / before"], rows)
    )


def stages() -> str:
    f = load("throughput")["figures"]
    ms = f["stage_ms"]
    spacy = ms["spaCy"]
    rows = [
        [stage, f"{value:.1f}", "100%" if stage == "spaCy" else f"{value / spacy:.1%}"] for stage, value in ms.items()
    ]
    extra = sum(v for k, v in ms.items() if k != "spaCy")
    rows.append(["**all stages on top of the text's spaCy pass**", f"{extra:.1f}", f"**{extra / spacy:.1%}**"])
    return f"One process, {f['stages_sample']} BBC articles:\n\n" + _table(
        ["stage", "ms per article", "of spaCy"], rows
    )


def ingest() -> str:
    f = load("ingest")["figures"]
    rows = [[r["corpus"], f"{r['read']:,}", f"{r['stored']:,}", f"{r['articles_per_s']:,.0f}",
             f"{r['peak_rss_mb']:,.0f} MB"] for r in f["no_extract"]]  # fmt: skip
    out = "`--no-extract` (reading, storing, indexing; no spaCy):\n\n" + _table(
        ["corpus", "read", "stored", "articles/s", "peak RSS"], rows
    )
    full, spacy = f["full"], f["spacy"]
    biggest = f["no_extract"][-1]
    out += (
        f"\nThe full ingest (every reading stage, one process, model loading included) of {full['articles']:,} BBC "
        f"articles: **{full['articles_per_s']:.1f} articles/s**, peak RSS {full['peak_rss_mb']:,.0f} MB. Bare spaCy "
        f"(one process, {spacy['articles']} BBC articles): {spacy['articles_per_s']:.1f} articles/s "
        f"({spacy['tokens_per_s']:,.0f} tokens/s). Without extraction an ingest reads "
        f"{f['no_extract'][0]['articles_per_s'] / spacy['articles_per_s']:,.0f}× faster than spaCy parses on the BBC "
        f"set and {biggest['articles_per_s'] / spacy['articles_per_s']:,.0f}× at {biggest['read']:,} articles; peak "
        f"memory grows {f['rss_growth']:.2f}× from a tenth of the synthetic corpus to all of it; the database for "
        f"{biggest['read']:,} articles takes {f['database_mb']:,.0f} MB.\n"
    )
    return out


def backends() -> str:
    f = load("backends")["figures"]
    rates = f["ingest"]
    rows = []
    for key, label in (("plain", f"`--no-extract`, bbc.jsonl ({f['articles']:,})"),
                       ("extract", f"with extraction, {f['extract_articles']} BBC articles")):  # fmt: skip
        lite, pg = rates["sqlite"][key], rates["postgresql"][key]
        rows.append([label, f"{lite:.1f}", f"{pg:.1f}", f"{pg / lite:.2f}"])
    out = _table(["ingest, articles/s", "SQLite", "PostgreSQL", "PostgreSQL / SQLite"], rows) + "\n"
    rows = []
    for name, lite in f["latency_ms"]["sqlite"].items():
        pg = f["latency_ms"]["postgresql"][name]
        rows.append([name, f"{lite:.2f}", f"{pg:.2f}", f"{pg / lite:.2f}"])
    header = [f"query, median ms of {f['repeats']}", "SQLite", "PostgreSQL", "PostgreSQL / SQLite"]
    return out + _table(header, rows) + f"\nPostgreSQL server {f['postgres_version']}.\n"


def dask() -> str:
    f = load("dask_ingest")["figures"]
    rows = [[name, f"{r['articles_per_s']:.1f}", f"{r['main_mb']:,.0f} MB",
             f"{r['worker_mb']:,.0f} MB" if r["worker_mb"] else "-", f"{r['load']:.1f}"]
            for name, r in f["runs"].items()]  # fmt: skip
    rows.append(["**Dask / 1 process**", f"**{f['dask_over_single']:.2f}×**", "", "", ""])
    out = f"{f['articles']:,} BBC articles, every reading stage:\n\n" + _table(
        ["run", "articles/s", "main RSS", "largest worker RSS", "1-min load at end"], rows
    )
    per_worker = f["runs"]["1 process"]["articles_per_s"]
    out += (
        f"\nThe store writer absorbs **{f['writer_articles_per_s']:,.0f} articles/s** ({f['writer_articles']:,} "
        f"articles with their annotations rewritten in batches of 500); at {per_worker:.1f} articles/s a worker, it "
        f"keeps up with about {f['writer_articles_per_s'] / per_worker:,.0f} workers.\n\n"
    )
    projection = f["projection"]
    out += _table(["workers", *projection], [["projected articles/s", *(f"{v:,.0f}" for v in projection.values())]])
    rows = [[f"{m['articles']:,}", f"{m['articles_per_s']:,.0f}", f"{m['main_mb']:,.0f} MB",
             f"{m['worker_mb']:,.0f} MB", f"{m['load']:.1f}"] for m in f["memory"]]  # fmt: skip
    out += "\n`--dask local:2 --no-extract` on synthetic corpora:\n\n" + _table(
        ["articles", "articles/s", "peak RSS main", "peak RSS largest worker", "1-min load at end"], rows
    )
    return out


def api() -> str:
    f = load("api")["figures"]
    rows = [
        [name, f"{e['p50_ms']:.1f}", f"{e['p95_ms']:.1f}", f"{e['max_ms']:.1f}"] for name, e in f["endpoints"].items()
    ]
    out = f"{f['articles']:,} articles ({f['database_mb']:,.0f} MB), {f['rounds']} requests per endpoint:\n\n"
    out += _table(["endpoint", "p50 ms", "p95 ms", "max ms"], rows)
    search = f["endpoints"]["search"]
    return out + (
        f"\nSearch costs **{f['search_over_fts']:.2f}×** raw FTS5 at p50 ({f['search_over_fts_cpu']:.2f}× in CPU time) "
        f"and {search['p95_ms']:.1f} ms at p95; the slowest page's p95 is "
        f"{max(e['p95_ms'] for e in f['endpoints'].values()):.0f} ms.\n"
    )


# --- README --------------------------------------------------------------------------------------------------------


def readme_figures() -> str:
    halves = _halves()
    sheets = list(audit.recorded())
    lines = []
    if sheets:
        shares = {name: (right, total) for name, right, total in audit.shares(sheets[-1]["rows"])}
        picks = [("events fully right (really, root, source, target)", "events fully right"),
                 ("quotes fully right (really said, span, speaker)", "quotes fully right"),
                 ("entities with the right kind and name", "entities with the right kind and name"),
                 ("5W1H slots right, of those answered", "5W1H slots right")]  # fmt: skip
        cells = []
        for key, label in picks:
            right, total = shares[key]
            low, high = audit.wilson(right, total)
            cells.append(f"{label} {right / total:.0%} ({low:.0%}–{high:.0%})")
        found = sheets[-1].get("density", {})
        shown = (f"; events and quotes of those the lists show (confidence {found['shown_from']} or more: "
                 f"{found['events_per_1000_words']:.1f} events and {found['quotes_per_1000_words']:.1f} quotes per "
                 f"1,000 words, of {found['all_events_per_1000_words']:.1f} and "
                 f"{found['all_quotes_per_1000_words']:.1f} stored)") if "shown_from" in found else ""  # fmt: skip
        lines.append(
            f"- Read by hand on a random sample of unseen articles ({' + '.join(sheets[-1]['corpus'])}, seed "
            f"{sheets[-1]['seed']}{shown}): " + "; ".join(cells) + "."
        )
    c = halves[CHECK]
    lines.append(
        f"- On the check halves of the gold sets: quotes F1 {c['quotes']['dateline.all.f1@0.3']:.2f} "
        f"(direct and mixed {c['quotes']['dateline.direct+mixed.f1@0.3']:.2f}, "
        f"speaker right {c['quotes']['dateline.speaker_accuracy']:.2f}); times value F1 {c['times']['value_f1']:.2f}; "
        f"PLOVER category accuracy {c['events']['plover_accuracy']:.2f}; 5W1H precision "
        f"{c['5w1h']['title.www.precision']:.2f}."
    )
    t = load("throughput")["figures"]
    lines.append(
        f"- Speed: the whole ingest parses {t['ingest_articles_per_s']:.1f} articles/s on {t['processes']} cores, "
        f"{t['ratio']:.2f} of bare spaCy's rate on the same texts."
    )
    return "\n".join(lines) + "\n"
