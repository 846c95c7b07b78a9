"""The cue lexicon: the words by which news reports each PLOVER event, with the mode they imply.

Each cue is a regular expression over a sentence (case-insensitive) and gives a PLOVER type and, where the words
say it, a mode from the PLOVER codebook. The lexicon is ours, written from the codebook's definitions; it is the
rule half of the coder (the learned half is ``classifier``). Statements count: a leader criticising a partner is
ACCUSE, refusing a demand is REJECT, "if they don't pay, I'm not going to defend them" is THREATEN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    type: str
    mode: str | None
    pattern: re.Pattern[str]


def _cue(type_: str, mode: str | None, words: str) -> Cue:
    return Cue(type_, mode, re.compile(rf"\b(?:{words})", re.IGNORECASE))


# Verbs are written as stems with their inflections so that a cue matches "criticised", "criticizes", "criticising".
CUES: tuple[Cue, ...] = (
    # Verbal conflict.
    _cue("ACCUSE", "investigate", r"investigat(?:e|es|ed|ing)\b|launch(?:ed|es)? (?:an? )?(?:probe|inquiry)"),
    _cue("ACCUSE", "allege", r"accus(?:e|es|ed|ing)\b|alleg(?:e|es|ed|ing)\b|blam(?:e|es|ed|ing)\b"),
    _cue("ACCUSE", "disapprove", r"criticis|criticiz|condemn|denounc|slamm?(?:ed|s|ing)?\b|lambast|rebuk|castigat|"
         r"chastis|deplor|decr(?:y|ied|ies)\b|took aim at|taking advantage of|takes? advantage of|"
         r"took advantage of|free[- ]rid(?:ing|ers?|e)\b|rip(?:ped|ping)? (?:us|them) off"),
    _cue("REJECT", "meet", r"(?:refus|declin)(?:e|es|ed|ing) to (?:meet|talk|negotiate)|walk(?:ed)? out of"),
    _cue("REJECT", None, r"reject(?:s|ed|ing)?\b|refus(?:e|es|ed|ing)\b|dismiss(?:es|ed|ing)?\b|turn(?:s|ed)? down|"
         r"rul(?:e|es|ed) out|veto(?:es|ed)?\b|spurn|rebuff|(?:will|would|do|does|did|cannot|can)(?: not|n't) accept|"
         r"won't accept|not accept|den(?:y|ies|ied)\b"),
    _cue("THREATEN", None, r"threat(?:en|ens|ened|ening)?\b|warn(?:s|ed|ing)?\b|ultimatum"),
    _cue("THREATEN", None, r"no longer (?:defend|protect|support|fund|help|guarantee)"),
    # Requests (verbal cooperation in PLOVER, however sharply worded).
    _cue("REQUEST", None, r"demand(?:s|ed|ing)?\b|call(?:s|ed)? on\b|call(?:s|ed)? for\b|urg(?:e|es|ed|ing)\b|"
         r"appeal(?:s|ed)? (?:to|for)|press(?:es|ed)? \w+ to\b|request(?:s|ed)?\b|ask(?:s|ed)? \w+ to\b"),
    # A promise of a concession is CONCEDE, not AGREE: "promised to scrap restrictions", "agreed to lift the curfew".
    _cue("CONCEDE", None, r"(?:agree|promis|pledg|vow|offer|commit)\w* (?:\w+ ){0,6}?to (?:\w+ )?(?:remove|scrap|lift|"
         r"ease|end|drop|release|free|withdraw|pull out|suspend|halt|stop|relax|reverse|abolish|repeal|grant)\b"),
    # Verbal cooperation.
    _cue("AGREE", None, r"agree(?:s|d)?\b|agreement was reached|reach(?:ed)? (?:an? )?(?:agreement|deal)|"
         r"pledg(?:e|es|ed)\b|promis(?:e|es|ed)\b|offer(?:s|ed)? to\b|commit(?:s|ted)? to\b|vow(?:s|ed)? to\b"),
    _cue("CONSULT", "visit", r"visit(?:s|ed|ing)?\b|host(?:s|ed)?\b|arriv(?:e|ed|es) in\b"),
    _cue("CONSULT", "phone", r"(?:phone|telephone) (?:call|conversation)|spoke by (?:tele)?phone|"
         r"call(?:ed)? \w+ by phone"),
    _cue("CONSULT", "multilateral", r"summit\b"),
    _cue("CONSULT", None, r"\bmet\b|meet(?:s|ing)? with|held talks|hold talks|talks with|consult(?:s|ed|ing)?\b|"
         r"negotiat(?:e|es|ed|ing|ions)\b|mediat"),
    _cue("SUPPORT", None, r"prais(?:e|es|ed|ing)\b|welcom(?:e|es|ed|ing)\b|endors|back(?:s|ed)\b|support(?:s|ed)?\b|"
         r"commend|hail(?:s|ed)?\b|applaud|ratif|sign(?:s|ed)? (?:a|an|the)\b|recogni[sz](?:e|es|ed)\b|"
         r"thank(?:s|ed)?\b|stand(?:s)? (?:with|by)\b"),
    # Material cooperation.
    _cue("COOPERATE", None, r"joint (?:\w+ )?(?:exercises|drills|patrols|manoeuvres|maneuvers|operations)|"
         r"cooperat(?:e|es|ed|ing|ion)\b|collaborat|extradit|shar(?:e|ed|ing) intelligence|expand(?:ed)? trade"),
    # "aid" alone is too often background ("a route for Iranian aid"); an act of giving is coded.
    _cue("AID", None, r"donat(?:e|es|ed)\b|(?:provid|deliver|approv|airlift|ship)\w* (?:\w+ ){0,4}?(?:aid|"
         r"assistance|weapons|arms|loans?|funding|supplies)\b|grant(?:s|ed)? asylum|"
         r"sen[dt]s? (?:\w+ ){0,4}?(?:aid|supplies|weapons)\b"),
    _cue("CONCEDE", None, r"conced(?:e|es|ed)\b|apologi[sz]|compromis|back(?:ed)? down|"
         r"(?:declar|announc)(?:e|es|ed) (?:a |an )?(?:unilateral )?ceasefire"),
    _cue("RETREAT", "withdraw", r"withdr(?:aw|ew|awn|awing|aws)\b|pull(?:s|ed)? (?:out|back)"),
    _cue("RETREAT", "release", r"releas(?:e|es|ed)\b|freed\b"),
    _cue("RETREAT", "resign", r"resign(?:s|ed)?\b|step(?:s|ped)? down"),
    _cue("RETREAT", "ease", r"(?:lift|eas)(?:s|es|ed)? (?:\w+ ){0,2}?"
         r"(?:sanctions|ban|restrictions|curfew|embargo)"),
    _cue("RETREAT", "disarm", r"disarm|decommission"),
    # Material conflict.
    _cue("SANCTION", "expel", r"expel(?:s|led|ling)?\b|declared \w+ persona non grata"),
    # Sanctions and tariffs count when imposed, not when mentioned ("rolling back existing tariffs").
    _cue("SANCTION", "discontinue", r"sanction(?:ed|ing)\b|"
         r"(?:impos|slap|announc|expand|tighten|levy|levied|rais|adopt|approv)\w* (?:\w+ ){0,4}?"
         r"(?:sanctions|tariffs|duties|embargo)\b|new sanctions|embargo on|"
         r"cut (?:diplomatic )?ties|sever(?:s|ed)? (?:diplomatic )?(?:ties|relations)|"
         r"suspend(?:s|ed)? (?:\w+ )?(?:talks|aid|cooperation|relations)|recall(?:s|ed)? (?:its|the) ambassador"),
    _cue("SANCTION", "convict", r"convict(?:s|ed)?\b|sentenc(?:e|es|ed) \w+ to"),
    _cue("MOBILIZE", "troops", r"deploy(?:s|ed)?\b|mobili[sz](?:e|es|ed)\b|mass(?:es|ed)? troops|"
         r"(?:send|sends|sent|dispatch(?:es|ed)?|mov(?:e|es|ed)) (?:\w+ ){0,4}?(?:troops|soldiers|warships|"
         r"armou?red vehicles|tanks)\b|(?:increas|boost|step)\w* (?:up )?(?:\w+ )?patrols|"
         r"(?:troops|soldiers|warships) (?:\w+ ){1,3}?(?:sent|deployed|dispatched|moved) to|"
         r"put (?:\w+ )?(?:forces|troops) on (?:high )?alert|military build-?up"),
    _cue("COERCE", "arrest", r"arrest(?:s|ed)?\b|detain(?:s|ed)?\b|jail(?:s|ed)?\b"),
    _cue("COERCE", "ban", r"\bban(?:s|ned)?\b|outlaw(?:s|ed)?\b"),
    _cue("COERCE", None, r"(?:clos|shut)(?:e|es|ed|ing|s|ting)? (?:down )?(?:\w+ ){0,3}?"
         r"(?:border|borders|border crossings?|crossings|airspace|embassy|consulate)\b"),
    _cue("COERCE", "seize", r"seiz(?:e|es|ed)\b|confiscat"),
    _cue("COERCE", "deport", r"deport(?:s|ed)?\b"),
    _cue("COERCE", "censor", r"censor"),
    _cue("COERCE", "cyber", r"cyber-?attack|hack(?:ed|ers)\b"),
    _cue("COERCE", None, r"crack(?:ed|s)? down|curfew|martial law|blockad(?:e|ed)"),
    _cue("PROTEST", "demo", r"protest(?:s|ed|ers|ing)?\b|demonstrat(?:e|ed|ors|ions?)\b|rall(?:y|ied) against"),
    _cue("PROTEST", "strike", r"(?<!air )(?<!drone )(?<!missile )\bstrik(?:e|es)\b(?! on| against)|walkout"),
    _cue("PROTEST", "boycott", r"boycott"),
    _cue("PROTEST", "riot", r"riot(?:s|ed|ing)?\b"),
    _cue("ASSAULT", "aerial", r"air ?strikes?|bomb(?:s|ed|ing)\b|shell(?:s|ed|ing)\b|missile (?:strikes?|attacks?)"),
    _cue("ASSAULT", "drone", r"drone (?:strikes?|attacks?)"),
    _cue("ASSAULT", "firearms", r"open(?:ed)? fire|shot dead|gunn?ed down|fired on"),
    _cue("ASSAULT", "abduct", r"abduct|kidnap"),
    _cue("ASSAULT", "assassinate", r"assassinat"),
    _cue("ASSAULT", None, r"attack(?:s|ed|ing)?\b|kill(?:s|ed|ing)?\b|invad(?:e|es|ed)\b|invasion|ambush|struck\b"),
)

# A cooperative cue under negation turns into a rejection, with the mode the refusal implies.
NEGATED_COOPERATION: dict[str, str | None] = {
    "AGREE": None, "SUPPORT": None, "CONSULT": "meet", "COOPERATE": "assist", "AID": "assist",
    "CONCEDE": "yield", "RETREAT": "yield", "REQUEST": None,
}

# A conditional threat: "if" (or "unless") with a hostile or withdrawn consequence in the same sentence.
CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
CONSEQUENCE = re.compile(
    r"(?:(?:\bam|\bis|\bare|\bwas|\bwere|'m|'re|'s)(?: not|n't) going to|"
    r"\b(?:will|would|won't|wouldn't)(?: not)?|'ll(?: not)?|no longer)"
    r"\s+(?:\w+\s+){0,2}?(?:defend|protect|help|support|pay|fund|attack|strike|hit|punish|retaliate|impose|cut|pull|"
    r"withdraw|leave|quit|stop|end|suspend|respond|act)\w*",
    re.IGNORECASE,
)
