"""Who an actor is: a phrase from the text ("Japanese Prime Minister Shigeru Ishiba", "NATO members",
"Chile's Defense Ministry", "Kyiv police") resolved to a country (ISO3) and a sector.

``resolve(phrase, known_country=None)``:

1. An organisation we know by name or abbreviation (NATO, the UN, the Pentagon, the FSB); "<org> members" is the
   group of its member states.
2. A well-known office holder (``gazetteer.PEOPLE``), by full name, or by surname when only one shares it.
3. Otherwise the words of the phrase: a country name, demonym, capital or large city in it gives the country
   ("Armenian Prime Minister", "people in the UK", "Shanghai authorities"); a title that is one country's office
   gives it too ("Chief Cabinet Secretary"); the head noun gives the sector ("ministry" -> government).
4. ``known_country`` (the speaker's country, a dateline) fills in the country when the phrase has none but names
   a role (a "Defense Minister" in a story from Berlin).

Sectors: government, military, police, intelligence, legislature, judiciary, party, rebels, igo, ngo, business,
media, religion, education, health, civil society, and "group" for members of an organisation.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from newsbrief.countries import country_code, country_kind
from newsbrief.events import phoenix
from newsbrief.events.gazetteer import (
    CITIES,
    NATIONAL_TITLES,
    ORGANISATIONS,
    PEOPLE,
    POLITICAL_WORDS,
    SHORT_NAMES,
)
from newsbrief.model import Actor, Span

# Head words -> sector, tried in this order (the first that appears wins: "police chief" is police, "army
# general" military, "ministry of defence" government).
_SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    ("police|policemen|policeman|cops?|gendarmes?|immigration inspectors?|border guards?|coast guard", "police"),
    ("intelligence|spy|spies|security service|secret services?", "intelligence"),
    ("army|armed forces|military|troops|soldiers?|navy|naval|air force|marines?|fleet|warplanes?|warships?|"
     "destroyer|jets?|generals?|colonel|colonel-general|commanders?|battalion|brigade|defen[cs]e forces|"
     "national guard|paratroopers?|drones?|missiles?", "military"),
    ("rebels?|insurgents?|militants?|guerrillas?|jihadists?|separatists?|militias?|gunmen|paramilitar(?:y|ies)",
     "rebels"),
    ("parliament|parliamentary|lawmakers?|legislators?|legislature|senators?|senate|congress(?:man|woman)?|"
     "congressional|mps?|assembly|deputies", "legislature"),
    ("courts?|judges?|prosecutors?|attorneys?|judiciary|tribunal", "judiciary"),
    ("party|parties|opposition", "party"),
    ("central bank", "government"),
    ("companies|company|firms?|corporations?|airlines?|banks?|business(?:es)?|investors?|ceo|chairman|"
     "executives?|markets?|industry|manufacturers?|exporters?", "business"),
    ("journalists?|reporters?|newspapers?|broadcasters?|news agency|media|tv|television", "media"),
    ("church|clerics?|imams?|priests?|bishops?|muslim|christian|jewish|buddhists?|religious", "religion"),
    ("universit(?:y|ies)|college|professors?|students?|schools?|academics?|scholars?", "education"),
    ("hospitals?|doctors?|nurses?|ambulances?|medical|health", "health"),
    ("president|presidential|prime minister|premier|ministers?|ministry|ministries|department|government|officials?|"
     "spokes(?:man|woman|person)|secretary|ambassadors?|envoys?|diplomats?|cabinet|authorities|governors?|mayors?|"
     "chancellor|king|queen|emir|sultan|leaders?|administration|junta|regime|embassy|foreign office|state media|"
     "white house|kremlin|state news agency|consul(?:ate)?", "government"),
    ("protesters?|demonstrators?|activists?|farmers?|workers?|unions?|civilians?|residents?|villagers?|"
     "citizens?|people|voters?|families|relatives|tourists?|fishermen|drivers?|refugees?|migrants?|netizens?|"
     "community", "civil society"),
)
_SECTOR_PATTERNS = tuple((re.compile(rf"\b(?:{words})\b", re.IGNORECASE), sector) for words, sector in _SECTOR_WORDS)

# A phrase longer than this is a clause, not a name: only its first words are read (bounded work per mention).
MAX_PHRASE = 200
_POLITICAL = tuple(
    (re.compile(rf"(?<![\w.])(?:{words})(?!\w)"), code, sector) for words, code, sector in POLITICAL_WORDS
)
_PRONOUNS = {"he", "she", "it", "they", "them", "we", "us", "i", "me", "you", "him", "her", "his", "its", "their"}
# Leading words of a phrase that do not change who the actor is.
_LEADING = re.compile(r"^(?:the|a|an|former|then|acting|interim|outgoing|incoming|newly elected|some|several|two|"
                      r"three|many|\d+)\s+", re.IGNORECASE)


def resolve(
    phrase: str, known_country: str | None = None, mention: Span | None = None, date: dt.date | None = None
) -> Actor | None:
    """The actor ``phrase`` names, or None when it names nobody we can place (a pronoun, "yesterday"); ``date``
    (the article's) picks the Phoenix code in force then."""
    actor = _resolve(phrase[:MAX_PHRASE], known_country, date)
    if actor is None or mention is None:
        return actor
    return Actor(actor.name, actor.country, actor.sector, actor.entity_id, mention)


# The same phrases recur across an article's mentions and across articles; the answer depends on the phrase, the
# known country and the date alone (fixed tables), so it is kept per process, bounded.
@functools.lru_cache(maxsize=8192)
def _resolve(phrase: str, known_country: str | None, date: dt.date | None) -> Actor | None:
    mention = None
    text = _tidy(phrase)
    if not text or text.lower() in _PRONOUNS:
        return None
    # 1. Organisations.
    org = _organisation(text)
    if org and org[0].lower() != text.lower() and org[1][0] is None and _country_in(text.replace(org[0], " ")):
        org = None  # "Canadian Ambassador to the United Nations" is Canada's, not the UN's
    if org:
        name, (seat, kind, _group) = org
        name = SHORT_NAMES.get(name, name)
        if re.search(r"\b(?:members?|member states|allies)\b", text, re.IGNORECASE) and kind == "igo":
            return Actor(f"{name} members", None, "group", f"ORG:{_slug(name)}-members", mention)
        return Actor(name, seat, kind, f"ORG:{_slug(name)}", mention)
    # 2. People we know.
    person = _person(text)
    if person:
        name, (home, role) = person
        return Actor(name, home, role, f"PERSON:{_slug(name)}", mention)
    # 3. The words of the phrase.
    code = _country_in(text)
    sector = _sector(text)
    if code is None:
        code = next((c for title, c in NATIONAL_TITLES.items() if title.lower() in text.lower()), None)
    # 3b. The Phoenix dictionaries: people and bodies by name, the code in force on the article's date.
    found = phoenix.lookup(text, date) if code is None or sector is None else None
    if found is not None and (found[0] or found[1]) and (code is None or found[0] is None or found[0] == code):
        code, sector = code or found[0], sector or found[1]
    # 3c. A country's own political words ("Republicans", "Rep.", "Tory").
    political = _political(text) if code is None or sector is None else None
    if political is not None and (code is None or code == political[0]):
        code, sector = political[0], sector or political[1]
    if code and sector is None and country_kind(text) == "capital":
        sector = "government"  # "Tokyo rejected ...": the capital stands for the government
    # 4. Context.
    if code is None and (
        sector in ("government", "military", "police", "legislature", "judiciary", "intelligence")
        or (sector is None and text[:1].isupper())  # a name we do not know, in a story set in a known country
    ):
        code = known_country
    if code is None and sector is None:
        return None
    return Actor(text, code, sector, None, mention)


@functools.lru_cache(maxsize=8192)
def _political(text: str) -> tuple[str, str] | None:
    for pattern, code, sector in _POLITICAL:
        if pattern.search(text):
            return code, sector
    return None


def igo_group(actor: Actor) -> str | None:
    """How CAMEO-style coders file an international actor: "UNO", "EUR" or "IGO"; None for a national one."""
    org = _organisation(actor.name.removesuffix(" members"))
    if org and org[1][2]:
        return org[1][2]
    return None


def _tidy(phrase: str) -> str:
    text = re.sub(r"\s+", " ", phrase.replace("’", "'")).strip(" ,.;:\"'“”")
    for _ in range(3):
        text = _LEADING.sub("", text)
    return text


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@functools.cache
def _org_index() -> tuple[dict[str, str], dict[str, str]]:
    """(exact-case abbreviations, lower-case names) -> canonical key of ORGANISATIONS."""
    exact: dict[str, str] = {}
    lower: dict[str, str] = {}
    for name in ORGANISATIONS:
        if re.fullmatch(r"[A-Z0-9.]{2,6}", name):
            exact[name] = name
        else:
            lower[name.lower()] = name
    return exact, lower


# Phrases resolved per process: the same names recur across mentions and articles (a pure function of the
# phrase and the fixed gazetteer, so the cache cannot go stale); the bound keeps memory flat on long runs.
_PHRASE_CACHE_SIZE = 8192


@functools.lru_cache(maxsize=_PHRASE_CACHE_SIZE)
def _organisation(text: str) -> tuple[str, tuple[str | None, str, str]] | None:
    exact, lower = _org_index()
    key = text.lower()
    if key in lower:
        return lower[key], ORGANISATIONS[lower[key]]
    # The longest known name inside the phrase ("the rebel Quds Force", "members of NATO").
    best: str | None = None
    for name_lower, name in lower.items():
        # The substring test first: the word-bounded search can only match where the name is a substring, and
        # most names are not in the phrase, so the regex runs for a handful of names instead of every one.
        if (
            name_lower in key and re.search(rf"\b{re.escape(name_lower)}\b", key)
            and (best is None or len(name) > len(best))
        ):
            best = name
    for token in re.findall(r"[A-Z][A-Z0-9.]{1,5}", text):
        if token in exact and (best is None or len(token) > len(best)):
            best = token
    if best is None:
        return None
    # A national office inside a longer phrase ("former CIA official") keeps the office's country and sector
    # only when the rest of the phrase does not name another sector.
    return best, ORGANISATIONS[best]


@functools.cache
def _people_index() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case full name -> name, surname -> name where the surname is unique)."""
    full = {_fold(name).lower(): name for name in PEOPLE}
    surnames: dict[str, list[str]] = {}
    for name in PEOPLE:
        surnames.setdefault(_fold(name).split()[-1].lower(), []).append(name)
    unique = {s: names[0] for s, names in surnames.items() if len({PEOPLE[n] for n in names}) == 1}
    return full, unique


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=_PHRASE_CACHE_SIZE)
def _person(text: str) -> tuple[str, tuple[str | None, str]] | None:
    full, surnames = _people_index()
    key = _fold(text).lower()
    for name_lower, name in full.items():
        if key == name_lower or key.endswith(" " + name_lower):
            return name, PEOPLE[name]
    words = key.split()
    # "Trump", "President Putin", "Mr. Macron": a surname, alone or after a title.
    if words and words[-1] in surnames and all(w[0].isupper() for w in text.split()) and len(words) <= 3:
        name = surnames[words[-1]]
        return name, PEOPLE[name]
    return None


@functools.lru_cache(maxsize=_PHRASE_CACHE_SIZE)
def _country_in(text: str) -> str | None:
    """The first country the phrase names: by name, demonym, capital, or a large city; longest match first."""
    tokens = re.findall(r"[\w.'-]+", text)
    for size in (4, 3, 2, 1):
        for i in range(len(tokens) - size + 1):
            chunk = " ".join(tokens[i : i + size])
            chunk = re.sub(r"'s$", "", chunk)
            code = country_code(chunk, codes=False) or CITIES.get(chunk)
            if code:
                return code
    return None


def _sector(text: str) -> str | None:
    for pattern, sector in _SECTOR_PATTERNS:
        if pattern.search(text):
            return sector
    return None
