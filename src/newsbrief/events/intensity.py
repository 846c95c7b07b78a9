"""How cooperative (+10) or hostile (-10) an event is: one number per PLOVER type, refined by mode.

The scale is the Goldstein scale that CAMEO coders use (-10 most hostile, +10 most cooperative). PLOVER has no
scores of its own, so each PLOVER type takes the mean Goldstein score of the CAMEO codes that the CAMEO-to-PLOVER
crosswalk (PLOVER draft 0.8, 2021) maps to it, rounded to one decimal; a mode takes the mean over its own codes.
The means were computed once from the crosswalk and GDELT's Goldstein table (both in ../shared/data/events) and
written here by hand, so the package needs neither file. Two choices of ours:

- REQUEST: the crosswalk maps only CAMEO's demands (-5.0) to it, but PLOVER counts REQUEST as verbal cooperation and
  also covers appeals (CAMEO 02, +3.0); we use -1.0, between the two, and -5.0 for the demand modes.
- CONCEDE has no mode-level spread in the crosswalk (all +5.0).
"""

from __future__ import annotations

from newsbrief.model import PLOVER_TYPES

# PLOVER type -> Goldstein mean of its CAMEO codes.
TYPE_INTENSITY: dict[str, float] = {
    "AGREE": 5.9,
    "CONSULT": 3.0,
    "SUPPORT": 5.3,
    "CONCEDE": 5.0,
    "COOPERATE": 6.8,
    "AID": 7.6,
    "RETREAT": 8.0,
    "REQUEST": -1.0,
    "ACCUSE": -2.0,
    "REJECT": -4.2,
    "THREATEN": -6.2,
    "PROTEST": -6.9,
    "SANCTION": -6.0,
    "MOBILIZE": -7.2,
    "COERCE": -6.7,
    "ASSAULT": -9.6,
}

# (type, mode) -> Goldstein mean over the codes of that mode, where the crosswalk gives one.
MODE_INTENSITY: dict[tuple[str, str], float] = {
    ("CONSULT", "phone"): 1.0, ("CONSULT", "visit"): 2.3, ("CONSULT", "third-party"): 2.5,
    ("RETREAT", "access"): 9.0, ("RETREAT", "ceasefire"): 9.0, ("RETREAT", "disarm"): 9.3,
    ("RETREAT", "release"): 7.0, ("RETREAT", "return"): 7.0, ("RETREAT", "withdraw"): 9.0,
    ("REQUEST", "assist"): -5.0, ("REQUEST", "change"): -5.0, ("REQUEST", "meet"): -5.0, ("REQUEST", "yield"): -5.0,
    ("REJECT", "assist"): -4.0, ("REJECT", "change"): -4.0, ("REJECT", "meet"): -5.0, ("REJECT", "yield"): -4.3,
    ("THREATEN", "ban"): -5.8, ("THREATEN", "expel"): -7.0, ("THREATEN", "relations"): -6.0,
    ("THREATEN", "restrict"): -6.1, ("THREATEN", "territory"): -7.0, ("THREATEN", "violence"): -7.0,
    ("PROTEST", "boycott"): -6.5, ("PROTEST", "demo"): -6.5, ("PROTEST", "hunger"): -6.5,
    ("PROTEST", "obstruct"): -7.5, ("PROTEST", "riot"): -7.5,
    ("SANCTION", "discontinue"): -5.6, ("SANCTION", "expel"): -7.0, ("SANCTION", "withdraw"): -5.8,
    ("COERCE", "arrest"): -5.0, ("COERCE", "ban"): -5.0, ("COERCE", "curfew"): -5.0, ("COERCE", "deport"): -5.0,
    ("COERCE", "restrict"): -6.9, ("COERCE", "seize"): -9.3,
    ("MOBILIZE", "troops"): -7.2, ("MOBILIZE", "police"): -7.2,
    ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "assassinate"): -9.0, ("ASSAULT", "beat"): -9.5,
    ("ASSAULT", "torture"): -9.0, ("ASSAULT", "sexual"): -9.0, ("ASSAULT", "firearms"): -10.0,
    ("ASSAULT", "explosives"): -10.0, ("ASSAULT", "aerial"): -10.0, ("ASSAULT", "drone"): -10.0,
    ("ASSAULT", "heavy-weapons"): -10.0, ("ASSAULT", "suicide-attack"): -10.0, ("ASSAULT", "massacre"): -10.0,
}


def intensity(event_type: str, mode: str | None = None) -> float:
    """The -10..+10 score of a PLOVER type (and mode); raises ValueError for a type outside PLOVER."""
    if event_type not in TYPE_INTENSITY:
        raise ValueError(f"{event_type!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
    if mode and (event_type, mode) in MODE_INTENSITY:
        return MODE_INTENSITY[(event_type, mode)]
    return TYPE_INTENSITY[event_type]
