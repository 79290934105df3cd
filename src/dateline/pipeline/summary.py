"""The article's main event as a 5W1H card: who did what, when, where, why and how.

The reading is Giveme5W1H's (Hamborg et al., 2019), made from dateline's own annotations: news puts its main event
in the headline and the lead, so the candidates are the main clauses of the headline and of the first sentences.

- Candidates: in each lead sentence, the main verb with its subject. A reporting verb ("said", "announced") with a
  clause of its own gives way to that clause ("Putin said [he would consider an appeal]"): the event is what was
  reported, and its subject ("he") is resolved through the entity stage. A passive with an agent has the agent for
  its doer ("the depot was shelled [by the rebels]"). A clause inside a quotation is no candidate.
- The main event is the candidate with the best score: earlier sentences first, more of the headline's words, a doer
  that is a named entity the article mentions often (and the headline names), an event the events stage coded there.
- The headline's clause, read from its own parse, the kicker of "Dunmore ferry fire: Police name crew" parsed
  as a sentence apart: headline English drops auxiliaries ("Four [injured]", "depot [shelled] by rebels", also
  where the tagger reads the participle as a noun: "Three [shot] in Kellsburg") and the tagger reads some verbs in -s
  as nouns ("Ostrova [lands] in Vienna"); all are read as verbs. Quotations, subordinate clauses and a reporting
  verb ("..., says inspector") are passed over.
- who: the doer. A name, or a pronoun the entity stage resolved, is given as the entity's full name where the text
  writes it ("Vladimir Putin", not "he" or "Putin"); a description led by a person or organisation as that name
  ("[Red Crescent] volunteer"); anything else as the noun phrase ("More than a dozen workers"). A named doer in the
  headline comes first, then one in the lead, then a doer the headline or the lead describes. Where the clause
  names no doer, or only an event ("Harbour regatta thrown into disarray as [Mara Ostrova] capsize brings out rescue
  boats"), the person named in what set it off.
- what: the verb with its auxiliaries, objects and prepositional phrases, up to the first phrase that answers another
  question (a place, a time, a reason, a manner); with no object, a place may be the what ("met in the White House").
  The headline's clause gives what when there is one (headlines are written to say just that), as the title's own
  words with no offsets; else a headline that names the event as a noun the text uses as a verb ("Poland:
  [Deadly raid on Dutch mission] in Gdansk"); else the lead's clause.
- when: a date or time (not a duration, not more than a year from publication) tied to the main verb, else in its
  sentence, else the first day or time within the first 3,000 characters that is not after publication (a later
  one is a plan), else in the headline, with the preposition that ties it ("on Monday"). A time in a clause about a
  person ("Ostrova, [who won on Wednesday], said") is biography, taken only when nothing else dates the event.
  Failing all, the publication date, written out, with no offsets.
  ``when_value`` is the TIMEX3 value the times stage gave, or the publication day.
- where: a place named in a locative phrase of the main clause ("capsized [near Hull]", "rescued residents from a
  tower [in Porto]"), else of the headline's clause, else a place the headline puts before a noun ("[Dunmore] ferry
  fire"), else the dateline city of a "KYIV (Reuters) -" lead (also after a photo caption, for a city the
  gazetteer knows), else the place the events stage gave the main event. A place that only says who someone is
  ("President Putin [of Russia]", "[Moscow]-backed", "commuters [from East Kent]") is not where the event
  happened: then where is None.
- why and how: a reason or manner phrase on the main verb, from data/summary_cues.tsv ("because ...", "due to ...",
  "in retaliation for ...", a purpose "to meet ..."; "by cutting ...", "with a rented van") and, for how, an -ly
  adverb not in data/summary_adverbs.tsv ("swiftly"). Most articles state neither plainly: then None, not a guess.

The headline is read only when the caller passes its parse (``title``: the title run through the same spaCy
pipeline, as ``headline_text(article)``, which gives Title Case headlines the case their words have in the text).
Without it the title's words still steer the choice of the main event. Everything here reads the Doc and the
annotations, with no model call of its own: under a millisecond an article, about half a percent of the spaCy pass.
benchmarks/eval_5w1h.py measures it against the Giveme5W1H gold standard.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import data
from ..model import Annotations, Article, Entity, Event, Mention, Phrase, Summary, TimeExpr, Timestamp
from . import geo
from .cues import cue_words
from .times import times

_LEAD_SENTENCES = 5  # the lead: its first sentences ...
_LEAD_CHARS = 2500  # ... that start within this many characters
_LONGEST_SENTENCE = 150  # tokens; a longer "sentence" is a run of text the parser could not split
_WHAT_TOKENS = 14  # what is cut at a phrase boundary after this many tokens
_NP_TOKENS = 10  # a doer written as a noun phrase: at most this many tokens
_REPORTING = frozenset({"speech", "belief", "evidence"})  # cue classes whose clause, not the verb, is the event
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "acomp", "oprd", "xcomp", "ccomp", "prt"})
_NP_TAIL = frozenset({"prep", "conj", "cc", "nummod", "case", "compound", "amod"})  # a doer's words after its head
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "from", "into", "on", "off"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_AT = frozenset({"at", "in", "outside", "inside", "near"})
_CLAUSE_MARKS = frozenset({"-", "--", "—", "–", ":", ";", "|"})
_WHEN_PREPOSITIONS = frozenset({"on", "at", "in", "during", "since", "until", "by", "before", "after", "from"})
_WHEN_GRAINS = frozenset({"day", "time", "week", "month", "quarter", "year"})
_CAUSE_OPENERS = frozenset({"after", "as", "when", "following"})  # clauses and phrases that say what set an event off
_TIME_PREPOSITIONS = frozenset({"after", "before", "following", "during", "since", "until", "amid"})
_EXPLETIVE = frozenset({"it", "there", "this", "that", "which", "who", "what"})
_DOER_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # named doers; a place or an event is said as written
_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "pcomp", "csubj", "amod", "npadvmod"})
_DATELINE = re.compile(
    r"(?:^|[\s\"“])(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})(?P<region>,\s+[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?"
    r"\s*(?P<agency>\([A-Za-z .&-]{1,30}\))?\s*(?:--|—|–|-|:)\s"
)
_WHEN_REACH = 3000  # characters into the text a day or a time may stand and still date the main event
_DATELINE_START = 60  # characters into the text a dateline stands after a caption word or two
_DATELINE_REACH = 320  # ... or after a photo caption, when it names a city the gazetteer knows
_WORD = re.compile(r"[^\W_]+")
_KICKER_COLON = re.compile(r"(?<=\w):(?=\s)")  # "Dunmore ferry fire: Police name ...", not "10:30"


# ---------------------------------------------------------------- the card


def summarize(doc: Doc, article: Article, found: Annotations, title: Doc | None = None) -> Summary:
    """The main event of ``article`` (parsed as ``doc``, annotated in ``found``) as who/what/when/where/why/how.

    ``title`` is the article's title parsed by the same pipeline, when the caller has it (see ``headline_text``);
    without it the title still weighs in the choice of the main event, but gives no phrases of its own.
    """
    summary = Summary(article_id=article.id)
    reading = _Reading.of(doc, article, found, title)
    main = reading.main()
    headline = reading.headline()
    event = reading.event_at(main) if main is not None else None
    summary.event_id = event.id if event is not None else None
    summary.who = reading.who(headline, main, event)
    summary.what = reading.what(headline, main)
    summary.when, summary.when_value = reading.when(main)
    summary.where = reading.where(main, headline, event)
    summary.why = reading.cue_phrase("why", main, headline)
    summary.how = reading.cue_phrase("how", main, headline)
    return summary


def headline_text(article: Article) -> str:
    """The title as it is best parsed. A kicker ends as a sentence does ("Dunmore ferry fire. Police name crew"),
    so the parser reads the headline after it as a clause of its own, not as an apposition to the kicker.
    In a headline written in Title Case ("Ferry Capsizes off Dunmore, Drowning 4") each word takes the case the
    article's text gives it ("Ferry capsizes off Dunmore, drowning 4"): a word the text never capitalises is no name.
    Same length as the title, so offsets into one are offsets into the other."""
    title = _KICKER_COLON.sub(".", article.title or "")
    words = list(_WORD.finditer(title))
    capitalised = [w for w in words if w.group()[0].isupper()]
    if len(words) < 4 or len(capitalised) < 0.7 * len(words):
        return title
    usage = _case_usage(article.text)
    out = list(title)
    for word in words[1:]:
        lower, upper = usage.get(word.group().lower(), (0, 0))
        if word.group()[0].isupper() and upper <= lower and not word.group().isupper():
            out[word.start()] = out[word.start()].lower()
    return "".join(out)


def _case_usage(text: str) -> dict[str, tuple[int, int]]:
    """How often each word is written in lower case, and capitalised, in the middle of a sentence."""
    counts: dict[str, tuple[int, int]] = {}
    for match in _WORD.finditer(text[:20000]):
        before = text[max(0, match.start() - 3) : match.start()].rstrip()
        if not before or before[-1] in ".!?\"“'‘:":
            continue  # the first word of a sentence says nothing about the word
        word = match.group()
        lower, upper = counts.get(word.lower(), (0, 0))
        counts[word.lower()] = (lower + 1, upper) if word.islower() else (lower, upper + 1)
    return counts


# ---------------------------------------------------------------- language data


@dataclass(frozen=True, slots=True)
class _Cue:
    question: str  # why, how
    words: tuple[str, ...]
    slot: str  # prep, mark, to
    next: str  # VBG, NOUN, -


@cache
def _cues() -> tuple[_Cue, ...]:
    """Reason and manner cues from data/summary_cues.tsv, longest first."""
    cues = [_Cue(q, tuple(phrase.split()), slot, after) for q, phrase, slot, after in data.rows("summary_cues.tsv")]
    return tuple(sorted(cues, key=lambda c: -len(c.words)))


@cache
def _not_manner() -> frozenset[str]:
    return frozenset(row[0] for row in data.rows("summary_adverbs.tsv"))


@cache
def _reporting_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, word in cue_words().items() if word.kind in _REPORTING)


# ---------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Clause:
    """A candidate main event: a verb and its doer, in a lead sentence or the headline."""

    verb: Token
    doer: Token | None  # the head of who did it (the agent of a passive)
    patient: Token | None  # the subject of a passive that has an agent: part of what happened
    rank: int  # the sentence's place in the lead; -1 for the headline
    doer_words: Span | None = None  # the doer's words, when they are not the doer's subtree
    score: float = 0.0


@dataclass(slots=True)
class _Reading:
    """One article, read for its card: the Doc, the annotations, and indexes over them."""

    doc: Doc
    text: str  # the Doc's text, which spaCy would otherwise rebuild from the tokens at every use
    article: Article
    found: Annotations
    title: Doc | None
    lead: list[Span]
    entities: dict[str, Entity]
    mentions: list[Mention]  # in text order
    starts: list[int]  # their starts, for bisect
    times: list[TimeExpr]  # those that can say when: dates and times near the publication
    place_words: frozenset[str]  # the places the places stage found, as the text writes them
    title_words: frozenset[str]
    most_mentions: int
    _named: dict[str, Mention | None] = field(default_factory=dict)
    _title_names: list[tuple[int, int, Entity]] | None = None

    @classmethod
    def of(cls, doc: Doc, article: Article, found: Annotations, title: Doc | None) -> _Reading:
        mentions = sorted(found.mentions, key=lambda m: (m.start, -m.end))
        anchor = _anchor(article)
        return cls(
            doc=doc,
            text=_text_of(doc, article),
            article=article,
            found=found,
            title=title if title is not None and len(title) and title.has_annotation("DEP") else None,
            lead=_lead(doc),
            entities={e.id: e for e in found.entities},
            mentions=mentions,
            starts=[m.start for m in mentions],
            times=[t for t in found.times if _can_say_when(t, anchor)],
            place_words=frozenset(p.text for p in found.places),
            title_words=frozenset(_stem(w) for w in _content_words(article.title or "", doc)),
            most_mentions=max((e.mentions for e in found.entities), default=0),
        )

    # --- choosing the main event

    def main(self) -> _Clause | None:
        candidates = [c for rank, sentence in enumerate(self.lead) for c in _clauses(sentence, rank)]
        for clause in candidates:
            clause.score = self._score(clause)
        usable = [c for c in candidates if c.score > float("-inf")]
        return max(usable, key=lambda c: (c.score, -c.verb.i), default=None)

    def headline(self) -> _Clause | None:
        """The headline's own clause: not a quotation, not a subordinate clause, with a doer."""
        if self.title is None:
            return None
        usable = [
            c
            for c in _headline_clauses(self.title, self.doc)
            if not _said_in_quotes(c)
            and not (c.doer is not None and c.doer.pos_ == "PRON" and self.entity_of(c.doer) is None)
        ]
        return min(usable, key=lambda c: (c.verb.dep_ != "ROOT", c.verb.i), default=None)

    def _score(self, clause: _Clause) -> float:
        if clause.doer is None or self._in_quote(clause.verb):
            return float("-inf")
        score = 1.0 / (1.0 + 0.6 * clause.rank)
        if self.title_words:
            sentence = clause.verb.sent
            shared = {_stem(t.text) for t in sentence if t.is_alpha and not t.is_stop} & self.title_words
            score += 2.0 * len(shared) / len(self.title_words)
        entity = self.entity_of(clause.doer)
        if entity is not None:
            score += 0.2 + 0.3 * entity.mentions / max(1, self.most_mentions)
            if self._in_title(entity):
                score += 0.2
        elif clause.doer.pos_ == "PRON":
            return float("-inf")
        if self.event_at(clause) is not None:
            score += 0.3
        return score

    def event_at(self, clause: _Clause) -> Event | None:
        """The event the events stage coded from this clause's sentence, its trigger on the verb when one is."""
        if clause.verb.doc is not self.doc:
            return None
        sentence = clause.verb.sent
        verb_start, verb_end = clause.verb.idx, clause.verb.idx + len(clause.verb)
        here = [e for e in self.found.events if sentence.start_char <= e.evidence.trigger_start < sentence.end_char]
        on_verb = [e for e in here if e.evidence.trigger_start < verb_end and verb_start < e.evidence.trigger_end]
        return max(on_verb or here, key=lambda e: (e.mode == "asserted", e.confidence), default=None)

    # --- who

    def who(self, headline: _Clause | None, main: _Clause | None, event: Event | None) -> Phrase | None:
        """A named doer first (the headline's, then the lead's). A clause whose doer names nobody, a passive without
        its agent or an event ("Harbour regatta thrown into disarray"), gives the person whose doing set it off
        ("as [Mara Ostrova] capsize brings out rescue boats"). Then a doer written as a noun phrase."""
        for clause in (c for c in (headline, main) if c is not None):
            doer = _named_in(clause.doer, self) if clause.doer is not None else None
            entity = self.entity_of(doer) if doer is not None else None
            if doer is None or entity is None:
                cause = self._cause_actor(clause.verb) if doer is None or doer.pos_ == "PROPN" else None
                if cause is not None:
                    return self._name(*cause)
                continue
            outweighed = clause is main and headline is not None and headline.doer is not None
            if outweighed and entity.mentions < 2 and not self._in_title(entity):
                continue  # one stray name in the text does not outweigh the headline's doer
            return self._name(entity, doer)
        if event is not None and event.source is not None and event.source.entity_id in self.entities:
            return self._name(self.entities[event.source.entity_id], None)
        for clause in (c for c in (headline, main) if c is not None):
            if clause.doer is not None and clause.doer.pos_ != "PRON":
                return self._phrase(clause.doer_words or _noun_phrase(clause.doer))
        return None

    def _cause_actor(self, verb: Token) -> tuple[Entity, Token] | None:
        """The person named as the doer in what set the event off: the subject of an "after", "as" or "when"
        clause on the verb, or a name on the noun of an "after" phrase ("after [Mara Ostrova] yacht collision")."""
        for child in verb.children:
            opener = child.left_edge if child.dep_ == "advcl" else child
            if child.dep_ not in ("advcl", "prep") or opener.lower_ not in _CAUSE_OPENERS:
                continue
            for token in child.subtree:
                if token.pos_ != "PROPN" or token.dep_ not in ("nsubj", "compound", "poss") or _after_hyphen(token):
                    continue
                entity = self.entity_of(token)
                if entity is not None and entity.kind == "PERSON":
                    return entity, token
        return None

    def _name(self, entity: Entity, doer: Token | None) -> Phrase:
        """The entity's full name where the text writes it: its canonical name, unless the text more often writes
        another name of two words or more (the entity stage's "Photo Mara Ostrova" is mostly "Mara Ostrova"); for a
        name of one word ("FBI", "UK"), the form the doer uses; failing all, the doer's own words."""
        entity = self._fullest(entity)
        if entity.id not in self._named:
            self._named[entity.id] = self._full_mention(entity, doer)
        mention = self._named[entity.id]
        if mention is not None:
            return Phrase(mention.text, mention.start, mention.end)
        return self._phrase(_noun_phrase(doer)) if doer is not None else Phrase(entity.name, None, None)

    def _full_mention(self, entity: Entity, doer: Token | None) -> Mention | None:
        written = [m for m in self.mentions if m.entity_id == entity.id and m.kind != "PRON"]
        if not written:
            return None
        forms = Counter(m.text.casefold() for m in written)
        canonical = entity.name.casefold()
        longer = [form for form in forms if len(form.split()) > 1]
        best = max(longer, key=lambda form: (forms[form], form == canonical, len(form)), default=None)
        if canonical in forms and (best is None or forms[canonical] >= forms[best]):
            best = canonical
        if best is None:
            as_doer = self._written_name(doer, entity) if doer is not None else None
            best = as_doer.casefold() if as_doer is not None and as_doer.casefold() in forms else None
        if best is None:
            return max(written, key=lambda m: (m.end - m.start, -m.start))
        return next(m for m in written if m.text.casefold() == best)

    def _fullest(self, entity: Entity) -> Entity:
        """The entity under its fullest name: a "Trump" the entity stage kept apart from "Donald Trump" is him."""
        if " " in entity.name or entity.kind not in ("PERSON", "ORG"):
            return entity
        suffix = " " + entity.name.casefold()
        longer = [
            e
            for e in self.entities.values()
            if e.kind in ("PERSON", "ORG") and e.name.casefold().endswith(suffix) and e.id != entity.id
        ]
        return max(longer, key=lambda e: e.mentions, default=entity)

    # --- what

    def what(self, headline: _Clause | None, main: _Clause | None) -> Phrase | None:
        """The headline's clause, else a headline that names the event as a noun ("Deadly raid on Dutch
        mission"), else the lead's main clause."""
        tokens = _predicate(headline, self) if headline is not None else None
        if tokens is None and self.title is not None:
            tokens = self._named_event(self.title)
        if tokens is None and main is not None:
            tokens = _predicate(main, self)
        return self._phrase(tokens) if tokens is not None else None

    def _named_event(self, title: Doc) -> Span | None:
        """A headline with no clause that names an action as a noun the text uses as a verb ("[Deadly raid] on
        Dutch mission": "Gunmen raided the compound"), up to a phrase that answers another question."""
        for sentence in reversed(list(title.sents)):
            root = sentence.root
            if root.pos_ == "NOUN" and not _quoted(root) and _verb_in_text(root.lemma_, self.doc):
                return title[root.left_edge.i : _object_end(root, self) + 1]
        return None

    # --- when

    def when(self, main: _Clause | None) -> tuple[Phrase | None, str | None]:
        chosen: TimeExpr | None = None
        if main is not None and main.verb.doc is self.doc:
            sentence = main.verb.sent
            inside = [t for t in self.times if sentence.start_char <= t.start < sentence.end_char]
            tied = [t for t in inside if self._tied(t.start, t.end, main.verb)]
            chosen = next(iter(tied or [t for t in inside if not self._recalled(t)] or inside), None)
        if chosen is None:
            reach = max(_WHEN_REACH, self.lead[-1].end_char if self.lead else 0)
            days = [t for t in self.times if t.start < reach and t.granularity in ("day", "time") and self._by_now(t)]
            chosen = next(iter([t for t in days if not self._recalled(t)] or days), None)
        if chosen is not None:
            return self._when_phrase(chosen), chosen.value
        anchor = _anchor(self.article)
        if self.title is not None:
            for expression in times(self.title, anchor):
                if _can_say_when(expression, anchor):
                    return Phrase(expression.text, None, None), expression.value
        if anchor is not None:
            day = anchor.date() if isinstance(anchor, datetime) else anchor
            return Phrase(f"{day:%B} {day.day}, {day.year}", None, None), day.isoformat()
        return None, None

    def _when_phrase(self, expression: TimeExpr) -> Phrase:
        """The time expression with the preposition that ties it to the event, and a "late" or "early" before that:
        "Thursday" in "late on Thursday" is given as "late on Thursday"."""
        start = expression.start
        words = self.doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if (
            words is not None
            and words.root.dep_ == "pobj"
            and words.root.head.i == words.start - 1
            and words.root.head.lower_ in _WHEN_PREPOSITIONS
        ):
            preposition = words.root.head
            start = preposition.idx
            before = preposition.nbor(-1) if preposition.i > 0 else None
            if before is not None and before.lower_ in ("late", "early") and before.head.i == preposition.i:
                start = before.idx
        return Phrase(self.text[start : expression.end], start, expression.end)

    def _by_now(self, expression: TimeExpr) -> bool:
        """Whether the day is not after publication: news reports what has happened, so a later day outside the
        main clause is a plan ("the next match [in a fortnight]"), not when the main event happened."""
        anchor = _anchor(self.article)
        value = expression.value[:10]
        if anchor is None or not value[:4].isdigit():
            return True
        day = anchor.date() if isinstance(anchor, datetime) else anchor
        return value <= day.isoformat()

    def _recalled(self, expression: TimeExpr) -> bool:
        """Whether the time stands in a clause that describes a noun: "Trump, [who won on Wednesday], said ...".
        It dates what the sentence recalls about someone, not what it reports."""
        words = self.doc.char_span(expression.start, expression.end, alignment_mode="expand")
        token = words.root if words is not None else None
        while token is not None and token.head.i != token.i:
            if token.dep_ == "relcl" and token.left_edge.lower_ in ("who", "whose", "whom"):
                return True
            token = token.head
        return False

    def time_at(self, start: int, end: int) -> bool:
        return any(t.start < end and start < t.end for t in self.found.times)

    def _tied(self, start: int, end: int, verb: Token) -> bool:
        """Whether the words at start..end hang from the verb without passing through another clause or its subject."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        subject = _subject_tokens(verb)
        token = span.root
        while token.i != verb.i:
            if token.dep_ in _SUBORDINATE or token.dep_ in ("ccomp", "xcomp") or token in subject:
                return False
            if token.head.i == token.i:
                return False
            token = token.head
        return True

    # --- where

    def where(self, main: _Clause | None, headline: _Clause | None, event: Event | None) -> Phrase | None:
        """A place the main clause is said to happen at, then the headline's clause, the dateline city, the events
        stage's place for the main event. Only places that hang from the verb (or its object) by a locative
        preposition count: a place elsewhere in the sentence, or in the next best candidates, is too often another
        event's (on the dev set, right a third of the time), or only says who someone is."""
        for clause in (main, headline):
            words = self._where_in(clause) if clause is not None else None
            if words is not None:
                return self._phrase(words)
        setting = self._headline_setting()
        if setting is not None:
            return self._phrase(setting)
        dateline = self._dateline()
        if dateline is not None:
            return dateline
        if event is not None and event.place is not None:
            return Phrase(event.place.name, None, None)
        return None

    def _where_in(self, clause: _Clause) -> Span | None:
        verb = clause.verb
        describing = set(clause.doer.subtree) if clause.doer is not None and clause.patient is None else set()
        for token in verb.sent:
            if token in describing or not self.is_place(token):
                continue
            head = _place_head(token)
            if head.dep_ != "pobj" or head.head.lower_ not in _LOCATIVE:
                continue
            if not _hangs_from(head.head, verb):
                continue
            if head.head.lower_ == "from" and head.head.head.i != verb.i:
                continue  # "commuters [from East Kent]" says where people come from, not where it happened
            return _place_phrase(head)
        return None

    def is_place(self, token: Token) -> bool:
        """A place name: one the places stage found, or one the tagger labels a place, or a building, an event or
        an organisation after "at", "in", "outside" ("at the White House", "at the Lisbon Marathon")."""
        if token.pos_ != "PROPN":
            return False
        if token.ent_type_ in _PLACE_LABELS:
            return True
        if token.doc is self.doc and any(p.start <= token.idx < p.end for p in self.found.places):
            return True
        if token.doc is not self.doc and token.text in self.place_words:
            return True  # the headline's "Dunmore", which the places stage found in the text
        return token.ent_type_ in ("ORG", "EVENT", "WORK_OF_ART") and _place_head(token).head.lower_ in _AT

    def _headline_setting(self) -> Span | None:
        """A place name the headline puts before one of its nouns: "[Dunmore] ferry fire: ...", "[Kenya] marathon
        red-flagged". Headlines name a story's setting so. A place word in a longer name ("[New] York", "[Leeds]
        United", "anti-[US] protest") is not one."""
        if self.title is None:
            return None
        for token in self.title:
            if token.dep_ not in ("compound", "nmod") or token.head.i < token.i or not self.is_place(token):
                continue
            if self.is_place(token.head) or token.head.tag_ == "NNPS" or _after_hyphen(token):
                continue
            name = next((e for e in self.title.ents if e.start <= token.i < e.end), None)
            if name is None or len(name) == 1:
                return self.title[token.i : token.i + 1]
            if name.label_ in _PLACE_LABELS:
                return name
        return None

    def _dateline(self) -> Phrase | None:
        """The city of a dateline ("LONDON --", "KYIV (Reuters) -", "GRAZ, Austria —"): near the
        start, or after a photo caption when the gazetteer knows the city ("... Photo: AP) OTTAWA --")."""
        for match in _DATELINE.finditer(self.text[:_DATELINE_REACH]):
            start, end = match.span("place")
            known = geo.places_named(match.group("place").title())
            if start <= _DATELINE_START and (known or self._place_at(start, end) or match["region"] or match["agency"]):
                return Phrase(match.group("place"), start, end)
            if known:
                return Phrase(match.group("place"), start, end)
        return None

    def _place_at(self, start: int, end: int) -> bool:
        return any(p.start < end and start < p.end for p in self.found.places)

    # --- why and how

    def cue_phrase(self, question: str, main: _Clause | None, headline: _Clause | None) -> Phrase | None:
        for clause in (main, headline):
            tokens = _cue_phrase(question, clause.verb, self) if clause is not None else None
            if tokens is not None:
                return self._phrase(tokens)
        return None

    # --- entities

    def entity_of(self, token: Token) -> Entity | None:
        """The named doer a word refers to: the mention at it (a name, or a pronoun coreference resolved), or in the
        headline the article's entity whose name or alias the headline writes there."""
        entity = self._mentioned(token) if token.doc is self.doc else self._title_entity(token)
        return entity if entity is not None and entity.kind in _DOER_KINDS else None

    def _mentioned(self, token: Token) -> Entity | None:
        mention = self._mention_at(token.idx)
        return self.entities.get(mention.entity_id or "") if mention is not None else None

    def _mention_at(self, char: int) -> Mention | None:
        i = bisect.bisect_right(self.starts, char)
        for mention in reversed(self.mentions[max(0, i - 8) : i]):
            if mention.start <= char < mention.end:
                return mention
        return None

    def _title_entity(self, token: Token) -> Entity | None:
        """The entity whose name or alias the headline writes at the token; or an organisation whose name ends
        with the headline's capitalised word for it ("Police name crew": "Dunmore Harbour Police")."""
        named = [entity for start, end, entity in self._names_in_title(token.doc) if start <= token.idx < end]
        if named:
            return max(named, key=lambda e: e.mentions)
        if token.text[:1].isupper() and token.pos_ in ("NOUN", "PROPN") and token.dep_ in _SUBJECTS:
            suffix = " " + token.text.casefold()
            same = [e for e in self.entities.values() if e.kind == "ORG" and e.name.casefold().endswith(suffix)]
            return max(same, key=lambda e: e.mentions, default=None)
        return None

    def _names_in_title(self, title: Doc) -> list[tuple[int, int, Entity]]:
        """Where the headline writes the article's entities' names and aliases: (start, end, entity)."""
        if self._title_names is None:
            folded = title.text.casefold()
            self._title_names = [
                (start, start + len(name), entity)
                for entity in self.entities.values()
                for name in {entity.name.casefold(), *(a.casefold() for a in entity.aliases)}
                for start in _occurrences(folded, name)
            ]
        return self._title_names

    def _written_name(self, token: Token, entity: Entity) -> str | None:
        """How the entity is named at the token: its mention in the text, or its name as the headline writes it."""
        if token.doc is self.doc:
            mention = self._mention_at(token.idx)
            return mention.text if mention is not None and mention.entity_id == entity.id else None
        title = token.doc.text
        spans = [
            (s, e) for s, e, named in self._names_in_title(token.doc) if named.id == entity.id and s <= token.idx < e
        ]
        return max((title[s:e] for s, e in spans), key=len, default=None)

    def _in_title(self, entity: Entity) -> bool:
        title = (self.article.title or "").casefold()
        return any(name and name.casefold() in title for name in (entity.name, *entity.aliases))

    def _in_quote(self, token: Token) -> bool:
        char = token.idx
        for quote in self.found.quotes:
            if quote.kind == "direct" and quote.start <= char < quote.end:
                return True
            if any(part.start <= char < part.end for part in quote.parts):
                return True
        return _quoted(token)

    # --- phrases

    def _phrase(self, tokens: Span) -> Phrase:
        if tokens.doc is self.doc:
            return Phrase(self.text[tokens.start_char : tokens.end_char], tokens.start_char, tokens.end_char)
        title = self.article.title or ""
        parsed = tokens.doc.text
        if len(title) != len(parsed):
            title = parsed  # the caller parsed something else than the title or its headline_text
        return Phrase(title[tokens.start_char : tokens.end_char], None, None)


# ---------------------------------------------------------------- reading the parse


def _text_of(doc: Doc, article: Article) -> str:
    """The Doc's text: the article's, as the pipeline parses it (read from the tokens only when it is not)."""
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    return article.text if len(article.text) == length and article.text.startswith(doc[:20].text) else doc.text


def _lead(doc: Doc) -> list[Span]:
    """The first sentences of the text that read as sentences: a verb, a few words, not a run-on of everything."""
    if not len(doc) or not doc.has_annotation("DEP"):
        return []
    lead: list[Span] = []
    for sentence in doc.sents:
        if sentence.start_char > _LEAD_CHARS or len(lead) >= _LEAD_SENTENCES:
            break
        words = sum(1 for t in sentence if t.is_alpha)
        if words >= 4 and len(sentence) <= _LONGEST_SENTENCE and any(t.pos_ in ("VERB", "AUX") for t in sentence):
            lead.append(sentence)
    return lead


def _clauses(sentence: Span, rank: int) -> Iterator[_Clause]:
    """The sentence's main clause, or the clause its reporting verb reports."""
    verb = _main_verb(sentence)
    if verb is None:
        return
    reported = _reported(verb)
    if reported is not None:
        clause = _clause(reported, rank)
        if clause.doer is not None:
            yield clause
            return
    yield _clause(verb, rank)


def _headline_clauses(title: Doc, doc: Doc) -> Iterator[_Clause]:
    """The headline's main clauses (not subordinate ones), with the readings the tagger misses in headline English:
    a verb in -s read as a plural noun after its subject ("Mara Ostrova [lands] in Vienna", "Ferry [capsizes] off
    Dunmore"), when the article uses the word as a verb; and a passive without its auxiliary ("Dutch mission
    [shelled] in raid by rebels", "Commuters [outraged]", "Four [injured]"), also where the tagger reads the
    participle as a noun or an adjective ("Three [shot] in Kellsburg", "Kenya marathon [red-flagged]")."""
    for token in title:
        if token.tag_ == "NNS" and token.dep_ == "ROOT" and _verb_in(token.lower_, doc):
            before = _word_before(token)
            if before is not None:
                yield _Clause(token, before, None, -1, doer_words=title[before.left_edge.i : token.i])
            continue
        if _misread_participle(token, doc):
            before = _word_before(token)
            if before is not None:
                yield _Clause(token, _headline_agent(token), before, -1)
            continue
        if token.pos_ not in ("VERB", "AUX") or not token.tag_.startswith("VB"):
            continue
        if token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.children):
            patient = _subject(token) or (token.head if token.dep_ == "acl" and token.head.i < token.i else None)
            if patient is not None:
                yield _Clause(token, _headline_agent(token), patient, -1)
                continue
        if token.dep_ in _SUBORDINATE or any(c.dep_ == "mark" for c in token.children) or _reported(token):
            continue  # a reporting verb gives way to what it reports ("Audit has found ..., says inspector")
        if token.lemma_ in _reporting_lemmas() and token.dep_ in ("conj", "parataxis"):
            continue  # "..., claim residents"
        clause = _clause(token, -1)
        if clause.doer is not None and clause.doer.pos_ == "PRON" and _reported(token.head) == token:
            clause.doer = _subject(token.head)  # "Putin says [he] will consider ...": the headline has no coreference
        if clause.doer is not None and clause.doer.tag_ not in ("WP", "WDT") and clause.doer.left_edge.tag_ != "WDT":
            yield clause


def _occurrences(text: str, name: str) -> Iterator[int]:
    """Where a name stands in the text as whole words."""
    start = text.find(name) if name else -1
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = text.find(name, start + 1)


def _headline_agent(verb: Token) -> Token | None:
    """The doer of a headline passive: a name after "by" anywhere in it ("bombed in attack [by Taliban]")."""
    for token in verb.subtree:
        if token.lower_ == "by" and token.dep_ in ("agent", "prep"):
            name = next((c for c in token.children if c.dep_ == "pobj"), None)
            if name is not None and name.pos_ == "PROPN":
                return name
    return None


def _word_before(token: Token) -> Token | None:
    """The noun or number just before a headline verb the tagger misread (before all of it: "GP red-flagged"),
    and hanging from it: its subject, whatever the parser called the link."""
    first = token.i
    while first > 1 and _in_word(token.doc[first - 1]):
        first -= 2
    words = [c for c in token.lefts if c.pos_ in ("NOUN", "PROPN", "NUM") and c.i < first]
    return words[-1] if words and words[-1].i == first - 1 else None


def _misread_participle(token: Token, doc: Doc) -> bool:
    """A headline's root the tagger reads as a noun or an adjective that is a past participle: one in -ed (not
    "speed", "bed"), or a word the text uses as a participle ("shot": "three men have been shot")."""
    if token.dep_ != "ROOT" or token.tag_ not in ("NN", "JJ"):
        return False
    word = token.lower_
    if word.endswith("ed") and not word.endswith("eed") and len(word) > 4:
        return True
    return any(t.tag_ == "VBN" and t.lower_ == word for t in doc[:3000])


def _verb_in(word: str, doc: Doc) -> bool:
    """Whether the text uses this -s word's stem as a verb ("capsizes": "the ferry capsized")."""
    stems = {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]}
    return any(_verb_in_text(stem, doc) for stem in stems)


def _verb_in_text(lemma: str, doc: Doc) -> bool:
    return any(t.pos_ == "VERB" and t.lemma_ == lemma for t in doc[:3000])


def _main_verb(sentence: Span) -> Token | None:
    root = sentence.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    with_subject = (t for t in sentence if t.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in t.children))
    return next(with_subject, None)


def _reported(verb: Token) -> Token | None:
    """The clause a reporting verb reports, when it has a subject of its own: "said [he would consider ...]"."""
    if verb.lemma_ not in _reporting_lemmas():
        return None
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis") and child.pos_ in ("VERB", "AUX"):
            subject = _subject(child)
            if subject is not None and subject.lower_ not in _EXPLETIVE and child.lemma_ != "be":
                return child  # not "said [the meeting was fantastic]": a verdict, not an event
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):  # "Four were hurt, police said"
        return verb.head
    return None


def _clause(verb: Token, rank: int) -> _Clause:
    subject = _subject(verb)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if doer is not None and subject is not None and subject.dep_ == "nsubjpass":
        return _Clause(verb, doer, subject, rank)
    return _Clause(verb, subject, None, rank)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares with the verb it is joined to ("Putin said and added")."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if subjects:  # the nearest before the verb: "Dunmore ferry fire: [Police] name crew"
            return max((c for c in subjects if c.i < token.i), key=lambda c: c.i, default=subjects[0])
        if token.dep_ not in ("conj", "xcomp") or token.head.i == token.i:
            return None
        token = token.head
    return None


def _subject_tokens(verb: Token) -> set[Token]:
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    return set(subject.subtree) if subject is not None else set()


def _named_in(head: Token, reading: _Reading) -> Token:
    """The name in a doer's description, when a person or organisation leads it: "[Red Crescent] volunteer",
    "Toy makers [Harlow Games]", "[Ostrova]'s rented yacht"; else the doer itself."""
    if head.pos_ == "PROPN" or reading.entity_of(head) is not None:
        return head
    for child in head.children:
        if child.dep_ in ("compound", "poss", "nmod", "appos") and child.pos_ == "PROPN":
            if _after_hyphen(child):
                continue
            entity = reading.entity_of(child)
            if entity is not None and entity.kind in ("PERSON", "ORG"):
                return child
    return head


def _after_hyphen(token: Token) -> bool:
    """A name inside a hyphenated modifier: "anti-[Trump] protesters" are not Trump."""
    return token.i > 0 and token.doc[token.i - 1].text == "-"


def _noun_phrase(head: Token) -> Span:
    """A doer's words: the head with what comes before it, and after it only "of"-phrases, numbers and
    co-ordinated names ("More than a dozen workers", "Mara Ostrova, Ivo Lind and Tomas Brandt")."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i
    for child in head.rights:
        if child.dep_ not in _NP_TAIL or (child.dep_ == "prep" and child.lower_ != "of"):
            break
        end = child.right_edge.i
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end].is_punct:
        end -= 1
    if end - start + 1 > _NP_TOKENS:  # too long to name the doer: the head and the words just before it
        start, end = max(start, head.i - 3), head.i
    return doc[start : end + 1]


def _predicate(clause: _Clause, reading: _Reading) -> Span | None:
    """What happened: auxiliaries, the verb, its particle, objects and prepositional phrases, up to the first
    phrase that answers another question; for a passive with an agent the patient first ("consulate bombed")."""
    verb = clause.verb
    doc = verb.doc
    start = verb.i
    for child in reversed(list(verb.lefts)):
        if child.dep_ in ("aux", "auxpass", "neg", "advmod") and child.i == start - 1:
            start = child.i
    if clause.patient is not None:
        start = _noun_phrase(clause.patient).start
    end = verb.i
    for child in verb.rights:
        if child.dep_ in _OBJECTS or (child.dep_ in ("prep", "dative") and not _other_answer(child, reading)):
            end = max(end, _object_end(child, reading))
        elif (
            child.dep_ == "prep" and end == verb.i and child.lower_ in _LOCATIVE and _cue_match(child, reading) is None
        ):
            end = _object_end(child, reading)  # "met [in the White House]": with no object, the place is the what
            break
        else:
            break
    aside = next((t.i for t in doc[verb.i : end + 1] if t.text in _CLAUSE_MARKS and not _in_word(t)), None)
    if aside is not None:  # "need a rest - Ruddock": a headline's attribution, or a second clause
        end = aside - 1
    if end - start + 1 > _WHAT_TOKENS:
        end = _cut(doc, start, end)
    while end > start and doc[end].is_punct:
        end -= 1
    if end == start and doc[start].pos_ == "AUX":
        return None
    return doc[start : end + 1]


def _object_end(token: Token, reading: _Reading | None) -> int:
    """Where an object's phrase ends: before a relative clause, an aside, or a phrase answering another question."""
    end = token.i
    for child in token.rights:
        infinitive = child.dep_ == "acl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children)
        if not infinitive and child.dep_ in ("relcl", "acl", "appos", "advcl", "parataxis", "punct"):
            break
        if reading is not None and _other_answer(child, reading):
            break
        end = child.right_edge.i if child.dep_ in ("conj", "cc") else _object_end(child, reading)
    return end


def _other_answer(child: Token, reading: _Reading) -> bool:
    """Whether a phrase on the verb or its object answers where, when, why or how rather than what."""
    if child.dep_ not in ("prep", "npadvmod", "advmod", "advcl", "xcomp"):
        return False
    if child.lower_ == "as" and any(t.pos_ in ("VERB", "AUX") for t in child.subtree):
        return True  # "sail home [as the regatta is plagued by squalls]": a clause of its own
    if _cue_match(child, reading) is not None:
        return True
    if child.dep_ == "xcomp":
        return False
    if child.lower_ in _TIME_PREPOSITIONS:
        return True
    words = list(child.subtree)
    if child.lower_ in _LOCATIVE and any(reading.is_place(t) and _place_head(t).head.i == child.i for t in words):
        return True  # "in Porto", not "from a tower in Porto": that one is what, with its own where
    if any(t.ent_type_ in ("DATE", "TIME") for t in words):
        return True
    return words[0].doc is reading.doc and reading.time_at(words[0].idx, words[-1].idx + len(words[-1]))


def _cut(doc: Doc, start: int, end: int) -> int:
    """A phrase boundary (before a preposition, a conjunction, a comma) within _WHAT_TOKENS words of the start;
    a hyphen inside a word ("Moscow-backed") is neither a word nor a boundary."""
    limit, words = start, 0
    while limit < end and words < _WHAT_TOKENS:
        limit += 1
        words += not _in_word(doc[limit])
    for i in range(limit, start + 2, -1):
        if doc[i].dep_ in ("prep", "cc", "mark") or (doc[i].is_punct and not _in_word(doc[i])):
            return i - 1
    return limit


def _in_word(token: Token) -> bool:
    """A hyphen or slash joining two words without spaces."""
    return token.text in ("-", "/", "–") and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_


def _place_head(token: Token) -> Token:
    """The noun phrase a place name stands in: "[port] of Gdansk", "Poland's [port]"."""
    for _ in range(6):
        if token.dep_ in ("compound", "appos", "conj", "amod", "nmod", "poss") and token.head.i != token.i:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PROPN"):
            token = token.head.head
        else:
            break
    return token


def _hangs_from(preposition: Token, verb: Token) -> bool:
    """Whether a preposition hangs from the verb, or from its object: "capsized [near Hull]", "raided the
    mission [in Gdansk]"; a place in the doer's own description ("Putin [of Russia]") does not."""
    anchor = preposition.head
    if anchor.i == verb.i:
        return True
    if anchor.dep_ == "pobj" and anchor.head.head.i == verb.i:  # "rescued residents from a block [in Lyon]"
        return True
    return anchor.head.i == verb.i and anchor.dep_ in ("dobj", "pobj", "attr", "nsubjpass", "oprd")


def _place_phrase(head: Token) -> Span:
    """The place's noun phrase, and a place in a second locative phrase just after it ("Dunmore, near Hull")."""
    doc = head.doc
    end = _object_end(head, None)
    if end + 2 < len(doc) and doc[end + 1].text == "," and doc[end + 2].lower_ in _LOCATIVE:
        second = doc[end + 2]
        if second.dep_ == "prep" and second.head.i in (head.i, head.head.head.i):
            end = _object_end(second, None)
    start = head.left_edge.i
    while start < end and (doc[start].is_punct or doc[start].lower_ == "the"):
        start += 1
    return doc[start : end + 1]


def _cue_phrase(question: str, verb: Token, reading: _Reading) -> Span | None:
    for child in verb.rights:
        match = _cue_match(child, reading)
        if match is not None and match[0] == question:
            return match[1]
    if question == "how":
        for child in verb.children:
            if (
                child.dep_ == "advmod"
                and child.pos_ == "ADV"
                and child.lower_.endswith("ly")
                and child.lower_ not in _not_manner()
            ):
                return verb.doc[child.i : child.i + 1]
    return None


def _cue_match(child: Token, reading: _Reading) -> tuple[str, Span] | None:
    """(why or how, the phrase) when a child of the verb opens with a reason or manner cue that fits its slot."""
    doc = child.doc
    start = child.left_edge.i if child.dep_ == "advcl" else child.i
    words = tuple(t.lower_ for t in doc[start : start + 4])
    for cue in _cues():
        if words[: len(cue.words)] != cue.words or not _slot_fits(cue, child):
            continue
        after = start + len(cue.words)
        if after > child.right_edge.i:
            continue
        if cue.next == "VBG" and doc[after].tag_ != "VBG":
            continue
        if cue.next == "NOUN" and not _plain_noun(child, reading):
            continue
        end = _object_end(child, reading) if child.dep_ == "prep" else child.right_edge.i
        if end - start + 1 > _WHAT_TOKENS:
            end = _cut(doc, start, end)
        while end > start and doc[end].is_punct:
            end -= 1
        return cue.question, doc[start : end + 1]
    return None


def _slot_fits(cue: _Cue, child: Token) -> bool:
    if cue.slot == "prep":
        return child.dep_ in ("prep", "advmod", "acomp", "amod", "advcl")
    if cue.slot == "mark":
        return child.dep_ == "advcl" and any(m.dep_ == "mark" for m in child.children)
    if cue.slot == "to":
        return child.dep_ in ("advcl", "xcomp") and child.left_edge.lower_ == "to" and child.pos_ == "VERB"
    return child.dep_ == cue.slot


def _plain_noun(preposition: Token, reading: _Reading) -> bool:
    """A "with" phrase that names a thing used, not a companion: "with a rented van", not "with Ostrova"."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects or objects[0].pos_ != "NOUN":
        return False
    return objects[0].ent_type_ == "" and reading.entity_of(objects[0]) is None


def _said_in_quotes(clause: _Clause) -> bool:
    """A quotation in a headline ("'I blame the board' Ostrova says"): the verb and its subject inside quote marks;
    scare quotes around the verb alone ("pilot 'froze'") do not count."""
    subject = clause.patient if clause.patient is not None else clause.doer
    return _quoted(clause.verb) and (subject is None or _quoted(subject))


def _quoted(token: Token) -> bool:
    """Whether the token stands between quote marks within its sentence."""
    marks = 0
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.tag_ in ("``", "''") or t.text in ("“", "”", '"'):
            marks += 1
    return marks % 2 == 1


def _anchor(article: Article) -> Timestamp | None:
    return article.date_line or article.published


def _can_say_when(expression: TimeExpr, anchor: Timestamp | None) -> bool:
    """A date or a time within a year of publication; a duration, or history ("in 2008"), is not when it happened."""
    if expression.granularity not in _WHEN_GRAINS or expression.type not in ("DATE", "TIME"):
        return False
    year = expression.value[:4]
    if anchor is None or not year.isdigit():
        return True
    return abs(int(year) - anchor.year) <= 1


def _content_words(text: str, doc: Doc) -> Iterable[str]:
    """The words of a title that say something: not stop words, not one or two letters."""
    return (w.lower() for w in _WORD.findall(text) if len(w) > 2 and not doc.vocab[w.lower()].is_stop)


def _stem(word: str) -> str:
    """A crude stem, enough to see "blamed" in "blames": the first five letters, lower case."""
    return word.lower()[:5]
