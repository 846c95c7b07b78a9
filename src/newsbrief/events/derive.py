"""Builds the compact tables the coder ships from PETRARCH2's dictionaries (MIT, Open Event Data Alliance).

``python -m newsbrief.events.derive [../shared/data/events]`` reads:

- ``petrarch2/CAMEO.2.0.txt``, the CAMEO verb-pattern dictionary, with ``plover/CAMEO2PLOVER-2021.txt``, the
  CAMEO to PLOVER crosswalk, and writes ``data/cameo_verbs.json.gz``: per verb form (lower case) the PLOVER type of
  its own or its block's code (the default), and each pattern of its block as (PLOVER type, mode, pattern words);
- ``petrarch2/Phoenix.Countries.actors.txt`` and ``Phoenix.International.actors.txt`` and writes
  ``data/phoenix_actors.json.gz``: per name of two or more words (lower case) its codes with their date ranges.

The tables hold codes and words, no text of the dictionaries' comments; their MIT notice is ``data/PETRARCH2-LICENSE``.
CAMEO codes with no PLOVER type (01x, statements) stay untyped; the appeals (02x) are REQUEST, as PLOVER's
codebook counts appeals there. A malformed line is an error naming the file and the line.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

from newsbrief.errors import NewsbriefError

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_CROSS = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([\w-]*)\s*)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")
# Two-digit years of the Phoenix ranges: 51..99 are 19xx, 00..50 are 20xx.
_RANGE = re.compile(r"^\[([A-Z~]{3,12})(?:\s+(<|>)?\s*(\d{6,10})(?:-(\d{6,8}))?)?\s*\]")


class DictionaryError(NewsbriefError):
    """A line of a PETRARCH2 dictionary the reader cannot understand."""


def read_crosswalk(path: Path) -> dict[str, tuple[str, str | None]]:
    """CAMEO code -> (PLOVER type, mode or None)."""
    table: dict[str, tuple[str, str | None]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        body = line.split("#", 1)[0].strip()
        if body.startswith("~~~"):
            break  # the table ends here; notes follow
        if not body:
            continue
        m = _CROSS.match(body)
        if not m:
            raise DictionaryError(f"{path}:{number}: not a crosswalk line: {line[:60]!r}")
        table[m.group(1)] = (m.group(2), (m.group(3) or "").strip() or None)
    return table


def plover_of(code: str, crosswalk: dict[str, tuple[str, str | None]]) -> tuple[str, str | None] | None:
    """The PLOVER type of a CAMEO code, by its longest prefix in the crosswalk; appeals (02x) are REQUEST."""
    code = code.split(":", 1)[0].strip()
    if not code.isdigit():
        return None
    if code.startswith("02"):
        return "REQUEST", None
    for size in range(len(code), 1, -1):
        if code[:size] in crosswalk:
            return crosswalk[code[:size]]
    return None


def read_verbs(path: Path, crosswalk: dict[str, tuple[str, str | None]]) -> dict[str, list[object]]:
    """Verb form -> [default PLOVER type or "", [[type, mode, [pattern words]], ...]]."""
    table: dict[str, list[object]] = {}
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next((i for i, line in enumerate(lines) if "VERB PATTERNS" in line), None)
    if start is None:
        raise DictionaryError(f"{path}: no '####### VERB PATTERNS #######' section")
    block_code = ""
    forms: list[tuple[str, str]] = []  # (form, its code) of the current block
    patterns: list[list[object]] = []

    def flush() -> None:
        for form, code in forms:
            typed = plover_of(code, crosswalk) if code else None
            entry = table.setdefault(form, ["", []])
            if typed and not entry[0]:
                entry[0] = typed[0]
            entry[1] = list(entry[1]) + patterns  # type: ignore[call-overload]

    for number, raw in enumerate(lines[start + 1 :], start + 2):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        block = _BLOCK.match(line)
        if block:
            flush()
            block_code = block.group(2).strip()
            forms, patterns = [], []
            continue
        if line.startswith("-"):
            code = _CODE.search(line)
            if code is None:
                raise DictionaryError(f"{path}:{number}: a pattern without a [code]: {raw[:60]!r}")
            typed = plover_of(code.group(1), crosswalk)
            words = [w.lower() for w in _WORD.findall(line[: code.start()].replace("_", " "))
                     if not w.startswith("&")]
            if typed:
                patterns.append([typed[0], typed[1], words])
            continue
        if line.startswith(("&", "+", "~")):
            continue  # synonym sets of nouns, used by patterns
        code = _CODE.search(line)
        head = line[: code.start()] if code else line
        inflections = re.findall(r"\{([^}]*)\}", head)
        base = re.sub(r"\{[^}]*\}", " ", head).strip()
        if not base or not _WORD.match(base):
            raise DictionaryError(f"{path}:{number}: not a verb form: {raw[:60]!r}")
        own = code.group(1).strip() if code else block_code
        own = "" if own.startswith("-") else own
        for form in [base, *" ".join(inflections).split()]:
            form = form.replace("_", " ").lower().strip()
            if form:
                forms.append((form, own))
    flush()
    return table


def _year(digits: str) -> str:
    """YYMMDD (51..99 are 19xx, 00..50 20xx) or YYYYMMDD as an ISO date; a malformed ten-digit one is cut."""
    if len(digits) >= 8:
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    yy = int(digits[:2])
    return f"{1900 + yy if yy > 50 else 2000 + yy:04d}-{digits[2:4]}-{digits[4:6]}"


def read_actors(path: Path) -> dict[str, list[list[str]]]:
    """Name of two or more words (lower case) -> [[code, from, to], ...] ("" where the range is open)."""
    table: dict[str, list[list[str]]] = {}
    names: list[str] = []
    codes: list[list[str]] = []

    def flush() -> None:
        if names and codes:
            for name in names:
                if " " in name:
                    table.setdefault(name, codes)

    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[---"):
            continue  # an actor left uncoded
        if line.startswith("["):
            m = _RANGE.match(line)
            if m is None:
                raise DictionaryError(f"{path}:{number}: not a code with a date range: {raw[:60]!r}")
            code, side, first, second = m.groups()
            if side == "<":
                codes.append([code, "", _year(first)])
            elif side == ">":
                codes.append([code, _year(first), ""])
            else:
                codes.append([code, _year(first) if first else "", _year(second) if second else ""])
            continue
        if line.startswith("+"):
            names.append(line[1:].replace("_", " ").strip().lower())
            continue
        # A new actor: its own name, maybe with its code on the same line ("UN_ [IGOUNO]").
        if codes:
            flush()
            names, codes = [], []
        code = _CODE.search(line)
        name = (line[: code.start()] if code else line).replace("_", " ").strip().lower()
        names.append(name)
        if code:
            m = _RANGE.match(line[code.start() :])
            if m:
                codes.append([m.group(1), "", ""])
    flush()
    return table


def build(shared_events: Path, out: Path) -> dict[str, int]:
    crosswalk = read_crosswalk(shared_events / "plover" / "CAMEO2PLOVER-2021.txt")
    verbs = read_verbs(shared_events / "petrarch2" / "CAMEO.2.0.txt", crosswalk)
    actors: dict[str, list[list[str]]] = {}
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for key, codes in read_actors(shared_events / "petrarch2" / name).items():
            actors.setdefault(key, codes)
    for file, table in (("cameo_verbs.json.gz", verbs), ("phoenix_actors.json.gz", actors)):
        data = json.dumps(table, separators=(",", ":"), sort_keys=True).encode()
        (out / file).write_bytes(gzip.compress(data, mtime=0))
    return {"verb forms": len(verbs), "actor names": len(actors)}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    shared = Path(args[0]) if args else Path("../shared/data/events")
    out = Path(__file__).resolve().parents[1] / "data"
    print(build(shared, out))


if __name__ == "__main__":
    main()
