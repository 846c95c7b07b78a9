"""People and organisations of the Phoenix actor dictionaries (PETRARCH2, MIT), with their date ranges.

``data/phoenix_actors.json.gz`` (built by ``events.derive``) maps a name of two or more words, lower case, to its
codes, each with the dates it held: "vladimir putin" -> RUSELI until 1999-08-09, RUSGOV from then, ... A code is
a country (ISO3, or IGO/NGO/MNC for international bodies and firms) followed by sector codes (GOV, MIL, LEG, ELI,
...). ``lookup(phrase, date)`` gives the (country, sector) the phrase named on that date:

- the code whose range holds the date; where none does, the one with an open range, else the latest one;
- with no date, or one before 1900 (a date the ranges cannot be meant for), the ranges are ignored and the open
  (current) code is taken, else the last listed.

A phrase is looked up whole, then by its trailing words ("Former Russian President Vladimir Putin" ends with a
known name), never by a single word: one word ("Paul", "King") names too many people.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import re
from importlib import resources

from newsbrief.countries import country_code

PHOENIX_FILE = "phoenix_actors.json.gz"
_EARLIEST = dt.date(1900, 1, 1)
# Phoenix sector codes -> our sectors. ELI (elites: former officials, candidates) has none of its own.
_SECTORS = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence", "LEG": "legislature",
    "JUD": "judiciary", "PTY": "party", "OPP": "party", "REB": "rebels", "INS": "rebels", "SEP": "rebels",
    "BUS": "business", "MED": "media", "EDU": "education", "HLH": "health", "REL": "religion", "CVL": "civil society",
    "LAB": "civil society", "HRI": "ngo", "REF": "civil society", "UAF": "rebels", "CRM": "rebels",
}
_INTERNATIONAL = {"IGO": "igo", "NGO": "ngo", "MNC": "business", "NGM": "ngo", "IMG": "rebels", "UIS": "rebels"}
_WORDS = re.compile(r"[\w.'-]+")


@functools.cache
def table() -> dict[str, list[list[str]]]:
    raw = resources.files("newsbrief").joinpath("data", PHOENIX_FILE).read_bytes()
    loaded: dict[str, list[list[str]]] = json.loads(gzip.decompress(raw))
    return loaded


@functools.lru_cache(maxsize=1024)
def _valid_country(code: str) -> bool:
    return bool(country_code(code)) or code == "XKX"


def decode(code: str) -> tuple[str | None, str | None]:
    """A Phoenix code as (ISO3 country or None, our sector or None): "RUSGOV" -> (RUS, government)."""
    head, rest = code[:3], code[3:]
    if head in _INTERNATIONAL:  # "MNCCHN": a Chinese firm; "IGOUNO": a UN body
        return (rest[:3] if _valid_country(rest[:3]) else None), _INTERNATIONAL[head]
    if head in _SECTORS:  # "MED": a news organisation of no one country
        return None, _SECTORS[head]
    country = head if _valid_country(head) else None
    # The last sector code is the most specific ("USAGOVLEG": a legislator).
    chunks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    sector = next((_SECTORS[c] for c in reversed(chunks) if c in _SECTORS), None)
    return country, sector


def _pick(codes: list[list[str]], date: dt.date | None) -> str:
    """The code in force on ``date`` (see the module's docstring)."""
    if date is not None and date >= _EARLIEST:
        day = date.isoformat()
        held = [c for c, start, end in codes if (start or "0000") <= day and (not end or day < end) and (start or end)]
        if held:
            return held[-1]
    open_codes = [c for c, start, end in codes if not end]
    return (open_codes or [codes[-1][0]])[-1]


@functools.lru_cache(maxsize=8192)
def _codes(phrase: str) -> tuple[tuple[str, str, str], ...] | None:
    words = _WORDS.findall(phrase.lower().replace("’", "'"))
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    names = table()
    for size in range(min(len(words), 6), 1, -1):
        key = " ".join(words[-size:])
        if key in names:
            return tuple((c[0], c[1], c[2]) for c in names[key])
    return None


def lookup(phrase: str, date: dt.date | None = None) -> tuple[str | None, str | None] | None:
    """(country, sector) of the person or body the phrase ends with, on ``date``; None when Phoenix has no such name."""
    if len(phrase) > 200:
        return None  # a clause, not a name
    codes = _codes(phrase)
    if not codes:
        return None
    return decode(_pick([list(c) for c in codes], date))


@functools.cache
def _surnames() -> dict[str, str]:
    """Surname -> the one country of every Phoenix person bearing it (people only: no firms, NGOs, IGOs)."""
    seen: dict[str, set[str]] = {}
    for name, codes in table().items():
        words = name.split()
        if not 2 <= len(words) <= 4 or not words[-1].isalpha() or len(words[-1]) < 4:
            continue
        head = codes[-1][0][:3]
        if head in _INTERNATIONAL or head in _SECTORS or not _valid_country(head):
            continue
        seen.setdefault(words[-1], set()).add(head)
    return {s: next(iter(c)) for s, c in seen.items() if len(c) == 1}


def surname_country(surname: str) -> str | None:
    """The country of a person named by surname alone ("Reagan"), where every Phoenix person of that surname
    shares it; None where the surname is unknown or shared across countries ("Johnson")."""
    return _surnames().get(surname.lower())
