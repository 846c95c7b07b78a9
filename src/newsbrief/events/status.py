"""Whether an event happened: asserted (done, or said), hypothetical (considered, planned, possible, future) or
negated ("did not agree"), read from the trigger's place in the parse.

- negated: the trigger, or the verb it depends on ("did not want ... troops"), has a negation; or it depends on a
  verb of refusal ("refuses to attack", "declined to affirm his support", "was spared jail"); or its subject is
  "no ..." ("no candidate seems willing to endorse").
- hypothetical: a modal or future auxiliary ("would negotiate", "might renominate", "is going to"), a governing
  word of intention, plan, wish or readiness ("considering withdrawing", "plans to protest", "willing to back"), a
  condition ("if ..."), or a question.

A threat is itself an act: the threatening verb is asserted however conditional its content; only the threatened
act, where coded, is hypothetical.
"""

from __future__ import annotations

from typing import Any

from newsbrief.model import EventStatus

_MODALS = {"will", "would", "could", "might", "may", "should", "can", "shall", "must", "'ll", "wo", "ca", "'d"}
_INTENT = {
    "consider", "plan", "intend", "propose", "want", "wish", "seek", "hope", "expect", "aim", "prepare", "mull",
    "weigh", "contemplate", "favor", "favour", "schedule", "threaten", "vow", "pledge", "promise", "offer", "try",
    "attempt", "need", "urge", "ask", "call", "demand", "push", "likely", "willing", "ready", "able",
    "eager", "poised", "set", "assume", "suppose", "imagine", "would", "decide", "agree", "seem",
}
_REFUSAL = {"refuse", "decline", "withhold", "spare", "fail", "avoid", "stop", "cease", "resist", "reject", "deny"}
_NEG_WORDS = {"not", "n't", "never", "no", "neither", "nor", "without"}


def _negated(token: Any) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in token.children)


def status_of(token: Any, threat: bool = False) -> EventStatus:
    """The status of the event ``token`` (its trigger word in a spaCy parse) reports; ``threat`` for a THREATEN."""
    if token is None:
        return "asserted"
    if _negated(token) or token.lower_ in ("no",):
        return "negated"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return "negated"  # "no attack"
    # The subject: "no candidate seems willing to endorse".
    head = token
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass") and any(t.lower_ == "no" for t in c.children) for c in head.children):
            return "negated"
        if head.head.i == head.i or head.dep_ not in ("xcomp", "ccomp", "acomp", "conj", "dobj", "pobj", "prep",
                                                     "advcl", "amod", "compound"):
            break
        head = head.head
    if threat:
        return "asserted"
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in token.children):
        return "hypothetical"
    if any(c.dep_ == "aux" and c.lemma_ == "go" for c in token.children) or _going_to(token):
        return "hypothetical"
    # Governing words, up the chain of complements: "was considering withdrawing", "plans to protest".
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            break
        dep = node.dep_
        parent = node.head
        if dep in ("advcl",) and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in
                                     node.children):
            return "hypothetical"
        if dep not in ("xcomp", "ccomp", "acomp", "dobj", "pobj", "prep", "pcomp", "advcl", "conj", "compound",
                       "amod", "attr", "nsubj"):
            break
        if parent.lemma_.lower() in _REFUSAL and dep in ("xcomp", "dobj", "pcomp", "prep", "pobj"):
            return "negated"
        if _negated(parent) and dep in ("xcomp", "ccomp", "dobj"):
            return "negated"
        governing = parent.lemma_.lower()
        # "calls for X to resign": the call is done; what it asks for is not (an xcomp under "call").
        if governing in _INTENT and dep in ("xcomp", "ccomp", "dobj", "pcomp", "prep", "pobj", "acomp") and (
            governing not in ("call", "urge", "ask", "demand", "agree", "seem") or dep == "xcomp"
        ):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in parent.children) and dep in ("xcomp", "acomp"):
            return "hypothetical"
        node = parent
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
        return "hypothetical"
    sent = token.sent if token.doc.has_annotation("SENT_START") else None
    if sent is not None and sent.text.rstrip().endswith("?"):
        return "hypothetical"
    return "asserted"


def _going_to(token: Any) -> bool:
    """"is going to take": the trigger is the complement of a progressive "go"."""
    head = token.head
    return bool(token.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG")
