"""Cues: the words that attribute a quotation to its speaker ("said", "told", "according to", "warned").

The lexicon below is the rule part: verbs of saying, writing and stating that newsrooms use to introduce quotations.
The learned part (``newsbrief.quotes.learned``) widens it to beliefs and paraphrase ("believes", "wants", "shows")
for reported speech, where the lexicon alone stops.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

# Verbs of saying: each introduces a quotation or reported speech with its subject as the speaker.
SPEECH_VERBS = frozenset(
    {
        "assure", "interject", "cite", "scoff", "marvel", "chant", "plead", "demand", "rail", "gush", "mutter",
        "whisper", "snap", "fume", "reason", "wonder", "lament", "tweet", "email", "text", "recite", "read",
        "say", "tell", "add", "write", "ask", "note", "report", "announce", "argue", "suggest", "explain", "declare",
        "insist", "claim", "state", "warn", "reply", "respond", "answer", "continue", "post", "acknowledge",
        "admit", "concede", "recall", "remark", "observe", "predict", "promise", "vow", "pledge", "assert", "contend",
        "maintain", "caution", "complain", "joke", "quip", "testify", "confirm", "deny", "reveal", "disclose",
        "stress", "emphasize", "emphasise", "repeat", "reiterate", "conclude", "boast", "charge", "allege", "counter",
        "urge", "agree", "mention", "describe", "call", "shout", "yell", "scream", "exclaim", "muse", "recount",
        "comment", "tout", "retort", "proclaim", "blast", "slam",
        "criticize", "criticise", "accuse",
        # Added from the cues of PolNeAR train's direct quotations that the list above missed (each 4 to 17 times);
        # not "dismiss": "dismissed the plan as a "photo opportunity"" is a scare quote (tests/data/quotes).
        "refer", "praise", "mock", "denounce", "blame", "quote", "elaborate", "express", "decry",
    }
)

# A dateline opens a wire story: the place in capitals, maybe its state and the date, maybe the agency, then a
# dash ("OSLO —", "JAKARTA, March 3 (Reuters) -", "COLUMBUS, Ohio —"). It is never a speaker nor quoted words.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+)*"  # the place, in capitals
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"  # its state or country
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # the date
    r"\s*(?:\([^()\n]{1,30}\))?"  # the agency
    r"\s*(?:\u2014|\u2013|--|-)\s+"
)
# Words of the "according to X" and "in X's words" kind: the speaker is the object of the preposition.
ACCORDING = "according"

# Subjects that never speak: a pronoun for a thing, or an expletive.
NON_SPEAKERS = frozenset({"this", "there", "what"})

RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})
# Dependency labels of a speaker under its cue verb.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Dependency labels of the clause a cue verb introduces ("said that ...", "said: ...").
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where the dateline opening the paragraph [start, end) ends (the first word after its dash), if it has one."""
    m = _DATELINE.match(text, start, end)
    return m.end() if m is not None else None


_LAST_TEXT: list[tuple[Doc, str]] = []


def doc_text(doc: Doc) -> str:
    """The document's text, kept for the document last asked about: spaCy's ``Doc.text`` joins every token anew on
    each access, which made it most of the extraction's time (profiled on PolNeAR dev)."""
    if _LAST_TEXT and _LAST_TEXT[0][0] is doc:
        return _LAST_TEXT[0][1]
    text = doc.text
    _LAST_TEXT[:] = [(doc, text)]
    return text


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def speaker_of(cue: Token) -> Token | None:
    """The head word of the cue's subject, or, for "according to X", of X."""
    if cue.lower_ == ACCORDING:
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    text = doc_text(cue.doc)
    # "Sanders was asked by host Bill Maher": the speaker of a passive cue is its agent, not its subject.
    if any(c.dep_ == "nsubjpass" for c in cue.children):
        for child in cue.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj" and "\n" not in text[min(obj.idx, cue.idx) : max(obj.idx, cue.idx)]:
                        return obj
    for child in cue.children:
        if child.dep_ in SUBJECT_DEPS and child.lower_ not in NON_SPEAKERS:
            lo, hi = sorted((child.idx, cue.idx))
            if "\n" in text[lo:hi]:
                return name_right_before(cue)  # a parse run over a line break: the subject is not on this line
            if child.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl":
                # "Smith, who said ...": the mention is "who" (the corpus marks it so); it resolves to the noun the
                # clause hangs on (see ``antecedent``).
                return child
            if child.lower_ in RELATIVE_PRONOUNS:
                return None
            return child
    # "..., said X, adding ..." or a conjoined verb ("X smiled and said ..."): the subject of the first verb.
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX"):
        return speaker_of(cue.head)
    if cue.dep_ == "advcl" and cue.tag_ == "VBG":
        return speaker_of(cue.head)
    return name_right_before(cue)


_PERSONAL = frozenset({"he", "she", "they", "we", "i"})


def _is_name_or_pronoun(tok: Token) -> bool:
    return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.lower_ in _PERSONAL


def name_right_before(cue: Token) -> Token | None:
    """The speaker right before the cue ("Samia Suluhu Hassan said", ""...," he wrote"), or right after it
    (""...," declared Alyssa Van Wagenen"), when the parse lost the subject."""
    doc = cue.doc
    i = cue.i - 1
    while i >= 0 and doc[i].dep_ in ("advmod", "aux", "neg") and doc[i].idx > 0:
        i -= 1
    if i >= 0 and _is_name_or_pronoun(doc[i]) and "\n" not in doc_text(doc)[doc[i].idx : cue.idx]:
        return doc[i]
    j = cue.i + 1
    if j < len(doc) and doc[j].ent_type_ in ("PERSON", "ORG") and doc[j].ent_iob_ == "B":
        while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
            j += 1
        return doc[j]
    return None


_LINE_NP_WORDS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "PART", "NUM"})


def line_subject(cue: Token) -> Token | None:
    """The noun phrase opening the cue's line, with no sentence end between ("Trump, in Kentucky, said",
    "Donald Trump's campaign manager says"): the parse ran the subject into the line above (a timestamp, a
    heading) and lost it."""
    doc = cue.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, cue.idx) + 1
    before = [t for t in doc[max(cue.i - 40, 0) : cue.i] if t.idx >= line_start and not t.is_space]
    if not before or any(t.text in (".", "!", "?", ":", ";") or t.text in "\"\u201c\u201d" for t in before):
        return None
    head = None
    for t in before:
        if t.pos_ not in _LINE_NP_WORDS:
            break
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
    return head


def antecedent(mention: Token) -> Token:
    """The noun a relative pronoun stands for ("Smith" for "who" in "Smith, who said"); other tokens unchanged."""
    if mention.lower_ in RELATIVE_PRONOUNS and mention.head.dep_ == "relcl":
        return mention.head.head
    return mention


def noun_phrase(head: Token) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by ``head`` with its apposition, without a trailing relative
    clause, prepositional phrase or comma."""
    left = head.left_edge
    right = head
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "cc", "conj", "prep"):
            break
        # An apposition after its comma is part of the phrase ("Murphy, the head of Right to Rise USA"), as the
        # corpus marks it (train and dev source F1 up a little); a phrase after "for"/"of" is not: "a spokesman
        # for Donald Trump" must not resolve to Trump.
        if child.dep_ == "punct":
            continue
        right = child.right_edge
    # "President Samia Suluhu Hassan": a parse may leave the name outside the title's phrase; take it in.
    nxt = right.i + 1
    doc = head.doc
    if nxt < len(doc) and doc[nxt].ent_type_ == "PERSON" and doc[nxt].ent_iob_ == "B" and right.is_title:
        while nxt + 1 < len(doc) and doc[nxt + 1].ent_iob_ == "I":
            nxt += 1
        right = doc[nxt]
    while left.i < right.i and (left.is_punct or left.is_space):
        left = doc[left.i + 1]
    start = left.idx
    end = right.idx + len(right.text)
    # A parse may run over a line break into a speaker card or the next paragraph: keep to the head's line.
    text = doc_text(head.doc)
    line_start = text.rfind("\n", 0, head.idx) + 1
    line_end = text.find("\n", head.idx)
    start = max(start, line_start)
    if line_end != -1:
        end = min(end, line_end)
    return start, end


def cue_bounds(cue: Token) -> tuple[int, int]:
    """The cue's characters: the verb with its auxiliaries and particle ("has said", "according to")."""
    start, end = cue.idx, cue.idx + len(cue.text)
    for child in cue.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < cue.i and child.i >= cue.i - 3:
            start = min(start, child.idx)
        if cue.lower_ == ACCORDING and child.dep_ == "prep" and child.lower_ == "to":
            end = child.idx + len(child.text)
    return start, end


def announcing_cue(doc: Doc, p_start: int, p_end: int) -> tuple[Token, Token | None] | None:
    """The cue and speaker of a paragraph that ends by announcing a quotation ("He said:", "X told reporters that")."""
    text = doc_text(doc)
    tail = text[p_start:p_end].rstrip()
    if not (tail.endswith(":") or re.search(r"\bthat(?:\s*(?:\.\.\.|\u2026))?$", tail)):
        return None
    span = doc.char_span(p_start, p_end, alignment_mode="expand")
    if span is None:
        return None
    last_sent = doc[span.end - 1].sent
    # The parse may run the sentence on into the quotation below: only this paragraph's words can announce it.
    words = [t for t in last_sent if p_start <= t.idx < p_end]
    cues = [t for t in words if is_speech_verb(t)]
    if not cues and tail.endswith(":"):
        # "Cruz called them on it:": a verb with a subject, right before the colon, announces it too.
        cues = [t for t in words if t.pos_ == "VERB" and speaker_of(t) is not None]
    if not cues:
        return None
    cue = cues[-1]
    return cue, speaker_of(cue)


# Words an apposition between a name and its cue may run to ("Senator Harry Reid, the minority leader, said").
APPOSITION_MAX_WORDS = 12


def name_before_apposition(cue: Token) -> Token | None:
    """The name before a comma-bound apposition or a bracket right before the cue, when the parse lost the
    subject."""
    doc = cue.doc
    i = cue.i - 1
    if i >= 1 and doc[i].text == ")":
        # "Rep. Paul Ryan (R-WI) said": a party and state, or an age, in brackets after the name.
        j = i - 1
        while j > 0 and i - j <= 6 and doc[j].text != "(":
            j -= 1
        name = doc[j - 1] if j >= 1 and doc[j].text == "(" else None
        return name if name is not None and name.ent_type_ in ("PERSON", "ORG") else None
    if i < 1 or doc[i].text != ",":
        return None
    j = i - 1
    while j > 0 and i - j <= APPOSITION_MAX_WORDS and doc[j].text != "," and "\n" not in doc[j].text:
        if doc[j].text in (".", "!", "?", ";", ":"):
            return None
        j -= 1
    if j < 1 or doc[j].text != ",":
        return None
    name = doc[j - 1]
    return name if name.ent_type_ in ("PERSON", "ORG") else None

