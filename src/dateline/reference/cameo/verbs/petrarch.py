"""PETRARCH's verb dictionaries (.verbs.txt): ``--- VERB [code] ---`` blocks of verbs and their patterns,
``&SYNSET`` word lists, comments ``#`` and ``<!-- -->``; a verb matches its regular inflections and the irregular
forms its entry lists, as PETRARCH reads it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ....errors import InputError
from .parsing import code_pair, one_code, slots
from .patterns import Pattern, Slot

_CODE = re.compile(r"\[([^\]]*)\]")
_EVENT_CODE = re.compile(r"^\s*\d{2,4}[A-Za-z]?\s*$")  # "036", "1723", WEIS-style "903", "174K"
_PETRARCH_BLOCK = re.compile(r"^\s*---\s+(.*?)\s*---\s*$")


def is_petrarch(text: str) -> bool:
    """A PETRARCH verb dictionary has '--- VERB [code] ---' blocks; ours is tab-separated rows."""
    return any(_PETRARCH_BLOCK.match(line) for line in text.splitlines()[:2000])


@dataclass(slots=True)
class _Verb:
    forms: frozenset[str]
    pre: tuple[str, ...]  # words written before the verb word ("WIRE_+TAP")
    post: tuple[str, ...]  # and after it ("+CORDON_OFF", "LASH OUT")
    code: str | None  # the verb's own code, if its line gives one


@dataclass(slots=True)
class _Block:
    code: str | None
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[tuple[int, str]] = field(default_factory=list)


def _uncomment(line: str) -> str:
    """The line without a '#' comment (a '#' inside [...] is a code, not a comment)."""
    depth = 0
    for k, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char == "#" and depth == 0:
            return line[:k]
    return line


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines without comments; XML-style <!-- --> comments may span lines."""
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail.split("-->", 1)[1]
            else:
                line, in_comment = head, True
        yield number, _uncomment(line).rstrip()


def _petrarch_synsets(text: str) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for _, line in _lines(text):
        stripped = line.strip()
        if stripped.startswith("&"):
            current = synsets.setdefault(stripped.split()[0].strip("&_").upper(), [])
        elif current is not None and stripped.startswith("+"):
            current.append(stripped[1:].strip())
        elif not stripped or stripped.startswith("---"):
            current = None
    return synsets


def _petrarch_blocks(text: str, name: str) -> Iterator[_Block]:
    block: _Block | None = None
    in_synset = False
    for number, line in _lines(text):
        stripped = line.strip()
        header = _PETRARCH_BLOCK.match(line)
        if header:
            if block is not None:
                yield block
            codes = _CODE.findall(header.group(1))
            block, in_synset = _Block(one_code(codes[0]) if codes else None), False
        elif stripped.startswith("&"):
            in_synset = True
        elif not stripped:
            in_synset = False
        elif block is None or in_synset:
            continue
        elif stripped.startswith("-"):
            block.patterns.append((number, stripped[1:].strip()))
        else:
            verb = _verb_line(stripped)
            if verb is not None:
                block.verbs.append(verb)
    if block is not None:
        yield block


def _verb_line(line: str) -> _Verb | None:
    """ "BREAK {BROKE BROKEN}", "+CORDON_OFF {+CORDONED_OFF}", "WIRE_+TAP", "LASH OUT", "DOWNPLAY [014]"."""
    codes = _CODE.findall(line)
    line = _CODE.sub(" ", line)
    irregular: list[str] = []
    braces = re.search(r"\{([^}]*)\}", line)
    if braces:
        irregular = braces.group(1).split()
        line = line[: braces.start()] + line[braces.end() :]
    words = [w for w in re.split(r"[\s_]+", line.strip()) if w]
    if not words:
        return None
    head = next((k for k, w in enumerate(words) if w.startswith("+")), 0)
    verb = words[head].lstrip("+").lower()
    if not verb.isalpha() and not verb.replace("-", "").isalpha():
        return None
    forms = set(_inflections(verb))
    for form in irregular:
        parts = [p for p in form.split("_") if p]
        marked = next((p for p in parts if p.startswith("+")), parts[0] if parts else "")
        if marked:
            forms.add(marked.lstrip("+").lower())
    pre = tuple(w.lstrip("+").lower() for w in words[:head])
    post = tuple(w.lstrip("+").lower() for w in words[head + 1 :])
    return _Verb(frozenset(forms), pre, post, one_code(codes[0]) if codes else None)


def _inflections(verb: str) -> Iterator[str]:
    """The regular forms PETRARCH generates for a verb: -s, -ed, -ing."""
    yield verb
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        yield verb + "es"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        yield verb[:-1] + "ies"
    else:
        yield verb + "s"
    if verb.endswith("e"):
        yield verb + "d"
        yield verb[:-1] + "ing"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        yield verb[:-1] + "ied"
        yield verb + "ing"
    else:
        yield verb + "ed"
        yield verb + "ing"
        if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
            yield verb + verb[-1] + "ed"  # "ship" -> "shipped"
            yield verb + verb[-1] + "ing"


def _verb_pattern(verb: _Verb, block_code: str | None, name: str) -> Pattern:
    code, reverse = code_pair(verb.code or block_code or "---")
    return _with_verb(Pattern(code, reverse, (), (), None, "V", False, False, name), verb)


def _with_verb(pattern: Pattern, verb: _Verb) -> Pattern:
    """A block's pattern applied to one of its verbs: the verb's other words join the pattern, adjacent."""
    if not verb.pre and not verb.post:
        return pattern
    pre = tuple(Slot("words", ((w,),), True) for w in verb.pre)
    post = tuple(Slot("words", ((w,),), True) for w in verb.post)
    return Pattern(
        pattern.code,
        pattern.reverse,
        pattern.before + pre,
        post + pattern.after,
        pattern.frame,
        pattern.pos,
        pattern.lemmas,
        pattern.transforms,
        pattern.origin,
    )


def _petrarch_pattern(line: str, number: int, synsets: dict[str, list[str]], name: str) -> Pattern | None:
    origin = f"{name}:{number}"
    codes = _CODE.findall(line)
    if not codes:
        return None
    text = _CODE.sub(" ", line)
    if not all(_EVENT_CODE.match(c) for c in codes[-1].split(":") if one_code(c)):
        return None  # "[+++]", "[xxy]": not an event code - PETRARCH passes over such a pattern
    code, reverse = code_pair(codes[-1])
    try:
        before, after = slots(text, {}, synsets, origin)
    except InputError:
        return None  # a malformed pattern in a user's file is skipped, as PETRARCH does
    if not before and not after:
        return None
    return Pattern(code, reverse, before, after, None, "V", False, False, origin)


def verb_forms(text: str, name: str) -> Iterator[tuple[str, list[Pattern]]]:
    """Each written verb form of a PETRARCH file with the patterns it triggers: its verb's own, then its block's."""
    synsets = _petrarch_synsets(text)
    for block in _petrarch_blocks(text, name):
        patterns = [_petrarch_pattern(line, number, synsets, name) for number, line in block.patterns]
        for verb in block.verbs:
            own = _verb_pattern(verb, block.code, name)
            combined = [own] + [_with_verb(p, verb) for p in patterns if p is not None]
            for form in verb.forms:
                yield form, combined
