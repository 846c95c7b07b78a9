"""One speaker across articles.

Each brief names its speakers its own way: "Trump", "Donald Trump", "Donald J. Trump", "President Trump". The store
keeps one ``speakers`` row per person and maps every brief's speaker to it (``article_speakers``). The rules, in
order of the evidence they need:

1. A full name (given name and surname, titles, middle initials and suffixes dropped) is the same person as a stored
   full name with the same given name and surname, unless both have a country and the countries differ.
2. A surname alone ("Trump", "President Trump") joins a stored full-name speaker only when exactly one full-name
   speaker has that surname and their role and country do not contradict it. With none it joins a stored
   surname-only speaker that agrees, or starts one; with two or more ("Smith" when a Jane and a John Smith are
   stored) it stays a surname-only speaker of its own: no merge without evidence.
3. When a new full name arrives and it is the only one with its surname, surname-only speakers that agree with it
   are folded into it, so the order articles arrive in does not matter.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

# Words that come before a name in copy ("President Trump", "Prime Minister Shigeru Ishiba", "Sen. Warren").
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "president", "vice", "prime", "minister", "chancellor", "secretary",
        "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "king",
        "queen", "prince", "princess", "pope", "general", "gen", "admiral", "adm", "colonel", "col", "lt", "lieutenant",
        "sir", "dame", "lord", "lady", "judge", "justice", "chief", "foreign", "defense", "defence", "state", "premier",
        "ambassador", "former", "the", "us", "u.s", "uk", "spokesman", "spokeswoman", "spokesperson", "deputy",
        "acting", "leader", "speaker", "sheikh", "emir",
    }
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd"})
# Lowercase words that belong to the surname: "von der Leyen", "de Gaulle", "bin Salman".
PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "del", "la", "le", "bin", "al", "el", "ibn"})
# Role words that say nothing about which office ("former Prime Minister of X" vs "Prime Minister of X").
ROLE_STOPWORDS = frozenset({"of", "the", "and", "for", "former", "acting", "deputy", "a", "an", "s"})

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


@dataclass(frozen=True)
class ParsedName:
    given: str | None  # folded, lowercase; None for a surname alone
    surname: str  # folded, lowercase
    display: str  # the name as printed, without titles
    title: str | None  # the titles dropped ("President"), a hint of the role


def fold(text: str) -> str:
    """Lowercase ASCII: accents dropped, so "José" and "Jose" compare equal."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def parse_name(name: str) -> ParsedName | None:
    """Split a speaker's name into given name and surname; None when no name is left after dropping titles."""
    tokens = _TOKEN.findall(name)
    titles: list[str] = []
    while tokens and fold(tokens[0]).rstrip(".") in TITLES:
        titles.append(tokens.pop(0))
    while tokens and fold(tokens[-1]).rstrip(".").replace(",", "") in SUFFIXES:
        tokens.pop()
    # Middle initials ("J.") say nothing about who it is once the given name and surname agree.
    core = [t for i, t in enumerate(tokens) if not (0 < i < len(tokens) - 1 and len(t.rstrip(".")) == 1)]
    if not core:
        return None
    lowercase = any(not t[:1].isupper() and fold(t) not in PARTICLES for t in core)
    if lowercase or any(t.endswith(("'s", "’s")) for t in core):
        # Not a person's name ("South Korea's foreign ministry", "analysts"): keep it whole, never split or merged
        # by surname.
        whole = " ".join(tokens)
        return ParsedName(given=None, surname=fold(whole), display=whole, title=" ".join(titles) or None)
    surname_from = len(core) - 1
    while surname_from > 0 and fold(core[surname_from - 1]) in PARTICLES:
        surname_from -= 1
    surname_tokens = core[surname_from:]
    given = core[0] if surname_from > 0 else None
    display = " ".join(([given] if given else []) + surname_tokens)
    return ParsedName(
        given=fold(given).rstrip(".") if given else None,
        surname=" ".join(fold(t) for t in surname_tokens),
        display=display,
        title=" ".join(titles) or None,
    )


def roles_agree(a: str | None, b: str | None) -> bool:
    """False only when both roles are known and share no word that names an office."""
    if not a or not b:
        return True
    wa = set(re.findall(r"\w+", fold(a))) - ROLE_STOPWORDS
    wb = set(re.findall(r"\w+", fold(b))) - ROLE_STOPWORDS
    return not wa or not wb or bool(wa & wb)


def countries_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a.upper() == b.upper()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "speaker"


def resolve_speaker(
    conn: sqlite3.Connection, name: str, role: str | None, country: str | None, seen: str | None
) -> str | None:
    """The ``speakers.id`` for this name, creating or updating the row; None for a name with no name in it."""
    parsed = parse_name(name)
    if parsed is None:
        return None
    role = role or parsed.title
    if parsed.given:
        speaker_id = _resolve_full(conn, parsed, role, country)
    else:
        speaker_id = _resolve_surname(conn, parsed, role, country)
    if speaker_id is None:
        speaker_id = _create(conn, parsed, role, country, seen)
        if parsed.given:
            _absorb_surname_only(conn, speaker_id, parsed.surname)
    else:
        _update(conn, speaker_id, parsed, role, country, seen)
    return speaker_id


def _rows(conn: sqlite3.Connection, surname: str, full: bool) -> list[sqlite3.Row]:
    op = "IS NOT NULL" if full else "IS NULL"
    return conn.execute(
        f"SELECT id, given, role, country FROM speakers WHERE surname = ? AND given {op} ORDER BY rowid", (surname,)
    ).fetchall()


def _resolve_full(conn: sqlite3.Connection, parsed: ParsedName, role: str | None, country: str | None) -> str | None:
    for row in _rows(conn, parsed.surname, full=True):
        if row[1] == parsed.given and countries_agree(row[3], country):
            return str(row[0])
    return None


def _resolve_surname(
    conn: sqlite3.Connection, parsed: ParsedName, role: str | None, country: str | None
) -> str | None:
    full = [r for r in _rows(conn, parsed.surname, full=True)]
    if len(full) == 1:
        row = full[0]
        if countries_agree(row[3], country) and roles_agree(row[2], role):
            return str(row[0])
        return None
    if len(full) > 1:
        # Ambiguous: keep (or reuse) a surname-only speaker rather than guess between two people.
        pass
    for row in _rows(conn, parsed.surname, full=False):
        if countries_agree(row[3], country) and roles_agree(row[2], role):
            return str(row[0])
    return None


def _create(
    conn: sqlite3.Connection, parsed: ParsedName, role: str | None, country: str | None, seen: str | None
) -> str:
    base = _slug(parsed.display)
    speaker_id, n = base, 1
    while conn.execute("SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)).fetchone():
        n += 1
        speaker_id = f"{base}-{n}"
    conn.execute(
        "INSERT INTO speakers (id, name, given, surname, role, country, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (speaker_id, parsed.display, parsed.given, parsed.surname, role, country, seen, seen),
    )
    return speaker_id


def _update(
    conn: sqlite3.Connection, speaker_id: str, parsed: ParsedName, role: str | None, country: str | None,
    seen: str | None,
) -> None:
    row = conn.execute("SELECT name, role, country, first_seen, last_seen FROM speakers WHERE id = ?",
                       (speaker_id,)).fetchone()
    name, old_role, old_country, first, last = row
    # The longest form seen names the person best ("Donald Trump" over "Trump"); the latest role is the current one.
    if parsed.given and len(parsed.display) > len(name) and " " in parsed.display:
        name = parsed.display
    if role and (not old_role or (seen and (not last or seen >= last))):
        old_role = role
    conn.execute(
        "UPDATE speakers SET name = ?, role = ?, country = ?, first_seen = ?, last_seen = ? WHERE id = ?",
        (
            name,
            old_role,
            old_country or country,
            min(filter(None, (first, seen)), default=None),
            max(filter(None, (last, seen)), default=None),
            speaker_id,
        ),
    )


def _absorb_surname_only(conn: sqlite3.Connection, speaker_id: str, surname: str) -> None:
    """Fold earlier surname-only speakers into a new full-name speaker when it is the only one with that surname."""
    full = _rows(conn, surname, full=True)
    if len(full) != 1:
        return
    _, _, role, country = full[0]
    for row in _rows(conn, surname, full=False):
        if countries_agree(row[3], country) and roles_agree(row[2], role):
            merge_speakers(conn, keep=speaker_id, drop=str(row[0]))


def merge_speakers(conn: sqlite3.Connection, keep: str, drop: str) -> None:
    """Point every row of ``drop`` at ``keep`` and delete ``drop`` (with the echo index keys of its quotations)."""
    from newsbrief import echoes

    moved = [r[0] for r in conn.execute("SELECT id FROM quotes WHERE speaker_id = ?", (drop,))]
    echoes.rekey_speaker(conn, moved, old=drop, new=keep)
    for table in ("article_speakers", "quotes"):
        conn.execute(f"UPDATE {table} SET speaker_id = ? WHERE speaker_id = ?", (keep, drop))
    kept = conn.execute("SELECT role, country, first_seen, last_seen FROM speakers WHERE id = ?", (keep,)).fetchone()
    gone = conn.execute("SELECT role, country, first_seen, last_seen FROM speakers WHERE id = ?", (drop,)).fetchone()
    conn.execute(
        "UPDATE speakers SET role = ?, country = ?, first_seen = ?, last_seen = ? WHERE id = ?",
        (
            kept[0] or gone[0],
            kept[1] or gone[1],
            min(filter(None, (kept[2], gone[2])), default=None),
            max(filter(None, (kept[3], gone[3])), default=None),
            keep,
        ),
    )
    conn.execute("DELETE FROM speakers WHERE id = ?", (drop,))
