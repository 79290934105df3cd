"""Actor codes composed: a dictionary's code read, a country and a sector put together, a sector added to an actor's
code, a code that lacks its country completed by the actor it belongs to."""

from __future__ import annotations

from ...model import ActorCode
from ...reference.cameo.dictionaries import NO_COUNTRY, Agent, Match, agent_sector, split_code


def from_dictionary(code: str) -> ActorCode:
    country, sector = split_code(code)
    return ActorCode(code, country, sector, "dictionary")


def compose(country: str | None, sector_code: str, basis: str, prefix: bool = False) -> ActorCode:
    """country + sector: ("RUS", "MIL") -> RUSMIL; no country -> ---MIL; a prefix agent (NGO~) goes first."""
    own = country or NO_COUNTRY
    code = sector_code + (country or "") if prefix else own + sector_code
    return ActorCode(code, country, agent_sector(sector_code), basis)


def compose_on(base: ActorCode, agent: Agent) -> ActorCode:
    """An agent's sector added to a code that has none: USA + GOV, IGOUNO + MIL, DNK + MED."""
    code = agent.code + base.code if agent.prefix else base.code + agent.code
    return ActorCode(code, base.country, agent.sector, "role")


def with_agent(
    base: ActorCode | None, match: Match[Agent], head: int, named: frozenset[int], person: bool
) -> ActorCode:
    """The actor's code with the sector a word of the phrase gives: "Russian" + "troops" -> RUSMIL. An actor's
    own sector stays, unless the phrase's head is a member word outside the name ("Putin's troops" -> RUSMIL,
    "Hamas police" -> PSECOP; "the Kremlin spokesman" stays RUSGOV) or the actor is a former office-holder whom
    the text gives an office ("President Obama"). A person's own code is whole: a title adds nothing to it
    ("U.N. Secretary-General Antonio Guterres" is IGOUNO, as Guterres is)."""
    agent = match.value
    on_head = match.start <= head < match.end and head not in named
    if base is None:
        return compose(None, agent.code, "role", agent.prefix)
    if base.sector is None and not (person and not on_head):
        return compose_on(base, agent)
    former = base.sector == "ELI" and agent.sector not in (None, "ELI")
    if agent.kind == "member" and (on_head or former):
        return compose(base.country, agent.code, "role", agent.prefix)
    return base


def appended(base: ActorCode, agent: Agent) -> ActorCode:
    """PETRARCH's composition: an agent's code added after a dictionary actor's that has a sector already, less the
    blocks it has ("White House" [USAGOV] "officials" [~GOV] -> USAGOV, "former" -> USAGOVELI)."""
    own = {base.code[i : i + 3] for i in range(0, len(base.code), 3)}
    added = "".join(block for i in range(0, len(agent.code), 3) if (block := agent.code[i : i + 3]) not in own)
    if agent.prefix:
        return ActorCode(added + base.code, base.country, base.sector, "role")
    return ActorCode(base.code + added, base.country, base.sector, "role")


def lacks_country(code: ActorCode) -> bool:
    """A code whose country is still unknown: from roles or words ("---GOV", a prefix agent alone: "NGO"), or a
    dictionary's body that every country has ("National Security Council": ---GOV)."""
    return code.country is None and (code.basis != "dictionary" or code.code.startswith(NO_COUNTRY))


def with_owner(code: ActorCode, owner: ActorCode) -> ActorCode:
    """A code that lacks its country given the actor it belongs to: ---GOV + IGOUNO -> IGOUNOGOV, ---REB + UKR ->
    UKRREB, NGO + ARN -> NGOARN. An owner with its own sector keeps it ("officials in the White House")."""
    if not lacks_country(code):
        return code
    if code.code.startswith(NO_COUNTRY):
        if owner.sector is not None and owner.basis == "dictionary":
            return owner
        return ActorCode(owner.code + code.code[len(NO_COUNTRY) :], owner.country, code.sector, "role")
    return ActorCode(code.code + owner.code, owner.country, code.sector, "role")  # a prefix agent (NGO~) first
