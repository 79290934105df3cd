"""The CAMEO codebook and the verb dictionaries: our own tables and users' files, ours or PETRARCH's."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.reference.cameo import codebook
from dateline.reference.cameo.codebook import UnknownCode, lookup
from dateline.reference.cameo.verbs import VerbDictionary, Word, best, is_petrarch

PLOVER_2021 = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def test_every_code_has_a_name_a_root_a_quad_class_and_a_goldstein_weight() -> None:
    codes = codebook.codes()
    assert len(codes) > 300 and sorted(codebook.roots()) == [f"{n:02d}" for n in range(1, 21)]
    for code, entry in codes.items():
        assert entry.code == code and entry.root == code[:2] and entry.name
        assert entry.quad_class == (1 if code[:2] <= "05" else 2 if code[:2] <= "08" else 3 if code[:2] <= "13" else 4)
        assert -10 <= entry.goldstein <= 10
        assert entry.plover is None or entry.plover in PLOVER_2021
        assert (entry.plover is None) == (code[:2] == "01" and code != "016")


def test_lookup_gives_the_codebook_facts() -> None:
    meet = lookup("036")
    assert (meet.name, meet.root, meet.quad_class, meet.goldstein, meet.plover) == (
        "Express intent to meet or negotiate", "03", 1, 4.0, "AGREE"
    )  # fmt: skip
    assert lookup("112").plover == "ACCUSE" and lookup("112").quad_class == 3
    assert lookup("173").plover_mode == "arrest" and lookup("173").goldstein == -5
    assert lookup("190").plover == "ASSAULT" and lookup("190").quad_class == 4
    assert lookup("0256").plover == "REQUEST" and lookup("0256").plover_mode == "yield"  # appeals read as requests
    assert lookup("010").plover is None and lookup("010").verbal  # statements: PLOVER dropped them
    assert not lookup("0841").verbal


def test_unknown_codes_are_refused_by_lookup_and_read_by_their_prefix_by_describe() -> None:
    with pytest.raises(UnknownCode, match="'999' is not a CAMEO event code"):
        lookup("999")
    assert not codebook.is_code("36") and codebook.is_code("036")
    assert codebook.describe("0369").root == "03" and codebook.describe("0369").code == "0369"
    assert codebook.describe("903").plover is None  # a WEIS code from PETRARCH's test dictionary


def words(text: str) -> list[Word]:
    return [Word(i, w.lower(), w.lower(), w[0].isupper()) for i, w in enumerate(text.split())]


def test_our_patterns_match_lemmas_around_the_trigger_and_the_most_specific_wins() -> None:
    verbs = VerbDictionary.load()
    after = words("impose new sanction on Russia")[1:]
    match = best(verbs.candidates("impose", "impose", "V"), [], after, 0)
    assert match is not None and match.pattern.frame == "light"
    lifted = best(verbs.candidates("lift", "lift", "V"), [], words("lift the curfew")[1:], 0)
    assert lifted is not None and lifted.pattern.code == "0813"
    assert best(verbs.candidates("lift", "lift", "V"), [], words("lift the box")[1:], 0) is None
    called = best(verbs.candidates("call", "call", "V"), [], words("call off the strike")[1:], 0)
    assert called is not None and called.pattern.code == "082" and called.used == {1, 3}
    refused = best(verbs.candidates("meet", "meet", "V"), words("will not meet")[:2], [], 2)
    assert refused is not None and refused.pattern.frame == "reject"


def test_a_users_file_in_our_format_replaces_our_rows_for_its_words(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# lemma\tpos\tpattern\tcode\tframe\nsnub\tV\t*\t125\t-\nattack\tV\t*\t195\t-\n", encoding="utf-8")
    verbs = VerbDictionary.load([path])
    assert [p.code for p in verbs.candidates("snub", "snub", "V")] == ["125"]
    assert [p.code for p in verbs.candidates("attack", "attack", "V")] == ["195"]
    assert verbs.candidates("meet", "meet", "V")  # ours stay for the words it does not define
    bad = tmp_path / "bad.tsv"
    bad.write_text("snub\tX\t*\t125\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:1"):
        VerbDictionary.load([bad])


PETRARCH_FILE = """<!-- a small PETRARCH verb file -->
&TIES
+DIPLOMATIC
+TRADE

--- RESTORE  [064]  ---
RESTORE    # restore
- * &TIES RELATIONS  [050]  # comment
- NOT *  [112]

--- REBUILD  [064]  ---
REBUILD
- * FXLL TIES  [+++]
- * TIES  [062]

--- BREAK [161] ---
BREAK { BROKE BROKEN }
+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN}
- * TREATY  [161:162]
"""


def test_petrarch_files_are_sniffed_and_read_with_synsets_forms_and_reverse_codes(tmp_path: Path) -> None:
    path = tmp_path / "small.verbs.txt"
    path.write_text(PETRARCH_FILE, encoding="utf-8")
    assert is_petrarch(PETRARCH_FILE) and not is_petrarch("say\tV\t*\t010\tsay\n")
    verbs = VerbDictionary.load([path])
    restored = verbs.candidates("restored", "restore", "V")
    assert restored and verbs.candidates("restoring", "restore", "V")
    match = best(restored, [], words("x trade relations")[1:], 0)
    assert match is not None and match.pattern.code == "050"
    negated = best(restored, words("did not")[:2], [], 2)
    assert negated is not None and negated.pattern.code == "112"
    broke = best(verbs.candidates("broke", "break", "V"), [], words("x the treaty")[1:], 0)
    assert broke is not None and (broke.pattern.code, broke.pattern.reverse) == ("161", "162")
    down = best(verbs.candidates("broken", "break", "V"), [], words("x down")[1:], 0)
    assert down is not None and down.pattern.specificity == 1
    assert "breaks" in verbs.by_form and "breakz" not in verbs.by_form
    # "[+++]" is no event code: the pattern is passed over, as PETRARCH does, and the next one applies
    rebuilt = best(verbs.candidates("rebuilds", "rebuild", "V"), [], words("x fxll ties")[1:], 0)
    assert rebuilt is not None and rebuilt.pattern.code == "062"


def test_the_reference_petrarch_dictionaries_load(shared: Path) -> None:
    folder = shared / "reference" / "cameo"
    verbs = VerbDictionary.load([folder / "PETR.Validate.verbs.txt", folder / "CAMEO.2.0.txt"])
    assert verbs.candidates("departed", "depart", "V") and verbs.candidates("accused", "accuse", "V")
    assert not verbs.candidates("departes", "departe", "V")  # PETRARCH matches only the forms it generates
