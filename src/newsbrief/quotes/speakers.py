"""Speakers: who a mention refers to, their fullest name, role and country, and an id stable across articles.

1. People: the PERSON names of the article (spaCy's entities), grouped into one person per surname ("Trump",
   "Donald Trump" and "Mr. Trump" are one), named by the fullest form.
2. Roles: from a pre-modifier ("Japanese Prime Minister Shigeru Ishiba"), an apposition ("Donald Trump, President
   of the United States"), a speaker card's role line, at any mention of the person.
3. A speaker mention resolves to a person: by the name in it; a pronoun ("he", "she") to the person last named
   before it; a description ("the prime minister", "the U.S. president") to the person whose role holds its head
   noun. A proper name that is no person (an organisation: "the Pentagon") is its own speaker.
4. The country (ISO3) from the role's country name or demonym ("Japanese", "of Japan", "U.S."), through the
   project's gazetteer (``newsbrief.countries``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsbrief.countries import country_code
from newsbrief.model import Span, Speaker
from newsbrief.quotes.cues import doc_text

PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we", "they"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "prof", "sir", "dame"})
# Pre-modifier words that are no role ("former" stays: "former President Barack Obama").
_ROLE_STOP = frozenset({"the", "a", "an", "and", "'s", "\u2019s", "according"})


def slug(name: str) -> str:
    """The id of a name: ASCII, lower case, words joined by hyphens ("Shigeru Ishiba" -> "shigeru-ishiba")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def one_line(name: str) -> str:
    """A name or role is one line: the first non-blank line, its spaces collapsed (a card writes the name twice,
    one line under the other; a parse may run a phrase over the break)."""
    lines = [ln for ln in name.splitlines() if ln.strip()]
    return " ".join(lines[0].split()) if lines else ""


@dataclass
class Person:
    """One person of the article, with every mention found for them."""

    name: str
    surname: str
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    is_person: bool = True
    gender: str | None = None  # "f" or "m" where an honorific in the article says ("Mrs.", "Mr.")


def _other_first_name(words: list[str], known: list[str]) -> bool:
    """Two full names with one surname and different first names (initials and short forms aside)."""
    if len(words) < 2 or len(known) < 2:
        return False
    a, b = words[0].lower().rstrip("."), known[0].lower().rstrip(".")
    return not (a.startswith(b) or b.startswith(a))


def _first_line(ent: SpacySpan) -> SpacySpan:
    """A name the tagger ran over a line break (a speaker card's two name lines) is cut at the break."""
    for tok in ent:
        if "\n" in tok.text:
            return ent.doc[ent.start : tok.i]
    return ent


# Titles the tagger sometimes takes into a name ("Councillor Raj Patel"): moved to the role.
_TITLES = frozenset(
    {
        "president", "councillor", "councilman", "councilwoman", "senator", "governor", "mayor", "minister",
        "secretary", "chancellor", "premier", "judge", "justice", "general", "admiral", "ambassador", "chairman",
        "chairwoman", "speaker", "representative", "congressman", "congresswoman", "prime", "sheriff", "chief",
        "whip", "majority", "minority",
    }
)


def _whole_name(ent: SpacySpan) -> SpacySpan:
    """The tagger's name with the capitalised name words it left out on either side, on the same line: "Omar
    García" of "Omar García Harfuch", "Padrino López" of "Vladimir Padrino López"."""
    doc = ent.doc
    start, end = ent.start, ent.end

    def name_word(tok: Token) -> bool:
        return (tok.pos_ == "PROPN" and tok.is_title and tok.lower_ not in _TITLES and tok.lower_ not in ROLE_NOUNS
                and tok.ent_type_ not in ("GPE", "NORP", "ORG", "DATE") and country_code(tok.text) is None)

    while end < len(doc) and end - ent.start < 6 and name_word(doc[end]):
        end += 1
    while start > 0 and ent.end - start < 6 and name_word(doc[start - 1]):
        start -= 1
    return doc[start:end]


def _name_words(ent: SpacySpan) -> list[str]:
    # A name ends before a number ("Trump 60 percent": a poll result the tagger ran into the name).
    numbers = [t.i for t in ent if t.like_num or t.lower_ in ("percent", "%")]
    if numbers:
        ent = ent.doc[ent.start : numbers[0]]
    words = [t.text for t in ent if not t.is_punct and not t.is_space and t.lower_ not in ("'s", "\u2019s")]
    while words and (words[0].lower().rstrip(".") in _HONORIFICS or words[0].lower() in _TITLES
                     or words[0].lower() in NICKNAME_WORDS):
        words = words[1:]
    return words


def _title_in_name(ent: SpacySpan) -> str | None:
    """The title words at the head of a tagged name ("Councillor" in "Councillor Raj Patel")."""
    titles = []
    for tok in ent:
        if tok.lower_ in _TITLES:
            titles.append(tok.text)
        else:
            break
    return " ".join(titles) or None


# Honorifics that are titles of office ("Sen. Ted Cruz"): the role when the text gives no other.
_HONORIFIC_TITLES = {"sen": "Senator", "rep": "Representative", "gov": "Governor", "gen": "General"}


def _honorific_title(ent: SpacySpan) -> str | None:
    """The office an honorific gives, in the name or right before it ("Sen." of "Sen. Ted Cruz")."""
    doc = ent.doc
    first = ent[0] if ent[0].lower_.rstrip(".") in _HONORIFIC_TITLES else (doc[ent.start - 1] if ent.start else None)
    if first is None:
        return None
    return _HONORIFIC_TITLES.get(first.lower_.rstrip("."))


_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_GENDER_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def _honorific_gender(ent: SpacySpan) -> str | None:
    """"f" or "m" where the name is written with a gendered honorific ("Mrs. Clinton", "Mr. Trump")."""
    doc = ent.doc
    for tok in (ent[0], doc[ent.start - 1] if ent.start else None):
        if tok is not None and tok.lower_.rstrip(".") in _GENDER_HONORIFICS:
            return _GENDER_HONORIFICS[tok.lower_.rstrip(".")]
    return None


def _compatible(person: Person, gender: str | None) -> bool:
    """A pronoun of ``gender`` may refer to ``person``: the genders agree, or either is unknown."""
    return gender is None or person.gender is None or person.gender == gender


def _person_names(doc: Doc) -> list[SpacySpan]:
    """PERSON entities, with adjacent ones joined (the tagger splits "Samia Suluhu" from "Hassan")."""
    names: list[SpacySpan] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if names and names[-1].end == ent.start and "\n" not in doc_text(doc)[names[-1].end_char : ent.start_char]:
            names[-1] = doc[names[-1].start : ent.end]
        else:
            names.append(ent)
    return names


# Lower-case words of a role written before a name ("Brazil's foreign minister Mauro Vieira", "Chinese foreign
# ministry spokeswoman Mao Ning", "presidential spokesman Prasetyo Hadi").
ROLE_NOUNS = frozenset(
    {
        "minister", "ministry", "spokesman", "spokeswoman", "spokesperson", "secretary", "foreign", "defence",
        "defense", "interior", "economy", "finance", "agriculture", "trade", "presidential", "government", "chief",
        "deputy", "former", "state", "security", "ambassador", "envoy", "adviser", "advisor", "commissioner",
        "director", "head", "leader", "president", "official", "military", "army", "police", "health", "energy",
        "justice", "vice", "then", "of", "to", "for", "prime", "opposition", "party", "coast", "guard", "navy",
    }
)
# A role holds one of these: else the words before a name are no role ("Crooked", "Mexico").
_ROLE_HEADS = _TITLES | {
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "adviser", "advisor", "commissioner",
    "director", "head", "leader", "official", "representative", "chief", "king", "queen", "prince", "emir",
    "nominee", "candidate", "ceo", "founder", "professor", "analyst", "lawmaker", "executive", "chair", "judge",
}
# Head nouns of a description that names an institution ("the Brazilian foreign ministry", "the Polish armed
# forces"): the institution is the speaker, named without its article.
INSTITUTIONS = frozenset(
    {
        "ministry", "forces", "army", "navy", "government", "agency", "office", "department", "commission",
        "council", "embassy", "military", "police", "parliament", "cabinet", "presidency", "kremlin", "guard",
        "administration", "secretariat", "court",
    }
)


def _premodifier_role(ent: SpacySpan) -> tuple[int, int] | None:
    """The role words right before a name: "Japanese Prime Minister" in "Japanese Prime Minister Shigeru Ishiba",
    "Brazil's foreign minister" in "Brazil's foreign minister Mauro Vieira"."""
    role = _premodifier_words(ent)
    if role is None:
        return None
    words = {w.lower().strip(".,") for w in ent.doc.text[role[0] : role[1]].split()}
    return role if words & _ROLE_HEADS else None


def _premodifier_words(ent: SpacySpan) -> tuple[int, int] | None:
    doc = ent.doc
    i = ent.start - 1
    first = None
    while i >= 0:
        tok = doc[i]
        if tok.lower_ in ("'s", "\u2019s") and i >= 1 and first is not None and country_code(doc[i - 1].text):
            first = doc[i - 1]  # "Brazil's foreign minister": the country owns the role
            break
        if tok.lower_ in _ROLE_STOP or tok.is_punct and tok.text not in (".",) or tok.lower_.rstrip(".") in _HONORIFICS:
            break
        if not (tok.is_title or tok.is_upper or tok.lower_ in ROLE_NOUNS):
            break
        if tok.ent_type_ == "PERSON" or tok.ent_type_ == "ORG" and tok.is_upper and len(tok) > 4:
            break
        first = tok
        i -= 1
    if first is None:
        return None
    while first.i < ent.start and first.lower_ in ("of", "then", "to", "for"):
        first = doc[first.i + 1]
    if first.i >= ent.start:
        return None
    last = doc[ent.start - 1]
    return first.idx, last.idx + len(last.text)


def _apposition_role(ent: SpacySpan) -> tuple[int, int] | None:
    """The apposition after a name: "President of the United States" in "Donald Trump, President of the ..."."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i > ent.end - 1:
            left, right = child.left_edge, child.right_edge
            while left.i < right.i and left.lower_ in ("the", "a", "an"):
                left = left.doc[left.i + 1]
            if left.i > right.i:
                continue
            return left.idx, right.idx + len(right.text)
    return None


class SpeakerIndex:
    """The people of one article, and the speakers that mentions resolve to."""

    def __init__(self, text: str, doc: Doc, skip: list[tuple[int, int]] | None = None) -> None:
        """``skip``: ranges that are no prose (a rendered brief's "(reported speech: …)" marks and lists), whose
        names are no antecedents."""
        self.text = text
        self.doc = doc
        self.people: list[Person] = []
        self._by_surname: dict[str, Person] = {}
        self._person_at: list[tuple[int, int, Person]] = []  # name mentions in text order
        for ent in _person_names(doc):
            ent = _first_line(_whole_name(ent))
            if any(a <= ent.start_char < b for a, b in skip or ()):
                continue
            words = _name_words(ent)
            if not words:
                continue
            person = self._person(words)
            bounds = (ent.start_char, ent.end_char)
            person.mentions.append(bounds)
            gender = _honorific_gender(ent)
            if gender is not None and person.gender is None:
                person.gender = gender
            self._person_at.append((bounds[0], bounds[1], person))
            role = _premodifier_role(ent) or _apposition_role(ent)
            if role is not None and person.role is None:
                person.role = text[role[0] : role[1]]
            if person.role is None:
                person.role = _title_in_name(ent) or _honorific_title(ent)

    def _person(self, words: list[str]) -> Person:
        surname = words[-1].lower()
        known = self._by_surname.get(surname)
        if known is not None and _other_first_name(words, known.name.split()):
            # "Michelle Obama" is not "Barack Obama": one person per full name where the first names differ.
            same = [p for p in self.people if p.is_person and p.surname == surname
                    and not _other_first_name(words, p.name.split())]
            if same:
                known = same[0]
            else:
                person = Person(one_line(" ".join(words)), surname)
                self.people.append(person)
                return person
        if known is None and len(words) == 1:
            # "Lula" of "Luiz Inácio Lula da Silva", "Lin" of "Lin Jian" (family name first).
            known = self._by_name_word(words[0].lower())
        if known is None:
            known = Person(one_line(" ".join(words)), surname)
            self._by_surname[surname] = known
            self.people.append(known)
            if len(words) > 1:
                self._absorb(known, {w.lower() for w in words})
        elif len(words) > len(known.name.split()):
            known.name = one_line(" ".join(words))
        return known

    def _by_name_word(self, word: str) -> Person | None:
        """The one person with a fuller name holding ``word`` (none when two share it)."""
        holders = [p for p in self.people if p.is_person and len(p.name.split()) > 1
                   and word in (w.lower() for w in p.name.split())]
        return holders[0] if len(holders) == 1 else None

    def _absorb(self, fuller: Person, words: set[str]) -> None:
        """People named by one word of ``fuller``'s name, met before it, are ``fuller``."""
        for other in [p for p in self.people if p is not fuller and p.is_person and len(p.name.split()) == 1]:
            if other.name.lower() not in words:
                continue
            fuller.mentions.extend(other.mentions)
            self._by_surname[other.surname] = fuller
            self._person_at = [(s, e, fuller if p is other else p) for s, e, p in self._person_at]
            self.people.remove(other)
            if fuller.role is None:
                fuller.role = other.role

    def add_card(self, name: tuple[int, int], role: tuple[int, int] | None) -> Person:
        """A speaker card names its speaker in full and gives the role."""
        words = one_line(self.text[name[0] : name[1]]).split()
        person = self._person(words)
        person.mentions.append(name)
        self._person_at.append((name[0], name[1], person))
        self._person_at.sort(key=lambda x: x[0])
        if role is not None:
            person.role = self.text[role[0] : role[1]]
        return person

    def resolve(self, mention: tuple[int, int], last_speaker: Person | None) -> Person | None:
        """The person (or named organisation) a speaker mention refers to; None when the article does not say."""
        s, e = mention
        # 1. A name inside the mention.
        for ps, pe, person in self._person_at:
            if ps >= s and pe <= e:
                if mention not in person.mentions:
                    person.mentions.append(mention)
                return person
        words = self.text[s:e].split()
        head = words[-1].lower().strip(",.") if words else ""
        # 2. A pronoun: the person named last before it, else the last speaker.
        if len(words) == 1 and head in PRONOUNS:
            gender = _PRONOUN_GENDER.get(head)
            referent = self._subject_before(s, last_speaker)
            if referent is not None and not _compatible(referent, gender):
                referent = None
            if referent is None:
                before = [p for ps, _pe, p in self._person_at if ps < s and _compatible(p, gender)]
                fallback = last_speaker if last_speaker is not None and _compatible(last_speaker, gender) else None
                referent = before[-1] if before else fallback
            if referent is not None:
                referent.mentions.append(mention)
            return referent
        # 3. A description: the person whose role holds its head noun, the latest named first.
        if words and words[0].lower() in ("the", "a", "an") or (words and words[0].islower()):
            if head in INSTITUTIONS and len(words) >= 3 and words[1][:1].isupper():
                # "the Brazilian foreign ministry": an institution named by its country, not a person whose role
                # holds "ministry".
                return self._organisation(" ".join(words[1:]).strip(",."), mention)
            for _ps, _pe, person in reversed([x for x in self._person_at if x[0] < s] or self._person_at):
                if person.role and head and head in person.role.lower():
                    person.mentions.append(mention)
                    return person
            return None
        # 4. A proper name that is no person: an organisation, a country, a newspaper. A capitalised mention that
        # names no one ("It", "Words", "Fifty-one percent": capitalised only because it opens the sentence) is
        # no speaker.
        if words and words[0][:1].isupper() and names_someone(self.doc, s, e):
            # The name is the mention up to its apposition or clause ("Fiorina, 61", "Jolly, who was elected ...")
            # or a number (a comment thread's "Sara Bondioli 5pts").
            cut = re.search(r"[,(;]|\s\d", self.text[s:e])
            if cut is not None and cut.start() > 0:
                e = s + cut.start()
                words = self.text[s:e].split()
                head = words[-1].lower().strip(",.")
            known = self._by_surname.get(words[-1].lower().strip(",."))
            if known is None and len(words) == 1:
                known = self._by_name_word(head)  # "Lula", untagged, of "Luiz Inácio Lula da Silva"
            if known is not None and len(words) <= 2:
                known.mentions.append(mention)
                return known
            name = one_line(self.text[s:e])
            name = re.sub(r"^(?:The|the)\s+", "", name)
            return self._organisation(name, mention)
        return None

    def _organisation(self, name: str, mention: tuple[int, int]) -> Person:
        """The organisation of that name (one per name in the article), its country read from the name."""
        key = slug(name)
        for person in self.people:
            if not person.is_person and slug(person.name) == key:
                person.mentions.append(mention)
                return person
        org = Person(name, key, mentions=[mention], is_person=False)
        self.people.append(org)
        return org

    def _subject_before(self, pos: int, last_speaker: Person | None) -> Person | None:
        """The person a pronoun most likely refers to: the subject of the sentence before it in its paragraph
        ("The president returned to the subject. "...," he said"), when that subject is someone known."""
        p_start = self.text.rfind("\n\n", 0, pos) + 2 if "\n\n" in self.text[:pos] else 0
        subjects = [t for t in self.doc[:] if p_start <= t.idx < pos and t.dep_ in ("nsubj", "nsubjpass")
                    and t.pos_ in ("PROPN", "NOUN")]
        for subj in reversed(subjects):
            # The parse may run a subject's phrase back over a line break into a speaker card: keep to the
            # paragraph, and prefer the person named at the subject's head word ("Hayashi" in "Chief Cabinet
            # Secretary Yoshimasa Hayashi", not a card's name the phrase ran into).
            s, e = max(subj.left_edge.idx, p_start), subj.idx + len(subj.text)
            at_head = [p for ps, pe, p in self._person_at if ps <= subj.idx < pe]
            if at_head:
                return at_head[0]
            for ps, pe, person in self._person_at:
                if ps < e and s < pe:
                    return person
            words = self.text[s:e].split()
            if words and words[0].lower() in ("the", "a", "an"):
                for _ps, _pe, person in reversed([x for x in self._person_at if x[0] < s]):
                    if person.role and subj.lower_ in person.role.lower():
                        return person
        return None

    def _country_counts(self) -> dict[str, int]:
        """How often the article names each country (places and demonyms)."""
        counts: dict[str, int] = {}
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "NORP"):
                code = country_code(ent.text)
                if code:
                    counts[code] = counts.get(code, 0) + 1
        return counts

    def _names_us(self) -> bool:
        """Whether the article names the United States (as a place, a demonym, or inside a name: "the United States
        Senate", "U.S. Rep.")."""
        return "USA" in self._country_counts() or _US_NAMES.search(self.text) is not None

    def _main_country(self) -> str | None:
        """The country the article names most often (places and demonyms), when one leads clearly."""
        counts = self._country_counts()
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or len(ranked) > 1 and ranked[1][1] * 4 > ranked[0][1] * 3:
            return None  # two countries about as often: the story has two sides, the title says neither
        return ranked[0][0]

    def speakers(self, quoted: list[Person]) -> tuple[Speaker, ...]:
        """The Speaker records of the people who are quoted, in order of first quotation."""
        countries: dict[int, str | None] = {}
        for person in quoted:
            if id(person) not in countries:
                countries[id(person)] = self._own_country(person)
        # The story's home side: the first quoted speaker whose country is known, else the country named most.
        home = next((c for c in countries.values() if c), None) or self._main_country()
        seen: dict[int, Speaker] = {}
        for person in quoted:
            if id(person) in seen:
                continue
            country = countries[id(person)]
            title_words = set((person.role or "").lower().replace(",", " ").split())
            if not person.is_person:
                title_words |= set(person.name.lower().split())  # "Republicans", "the Senate", "the Interior Ministry"
            if country is None and title_words & _US_TITLES and self._names_us():
                # "Sen.", "Rep.", "congressman", "Republican": the offices and parties of the United States, in a
                # story that names it (else they are not told apart from another country's).
                country = "USA"
            if country is None and title_words & _GOVERNMENT_TITLES:
                # "Interior Minister Marcin Kierwiński" in a story led by Poland's prime minister: a government
                # title with no country named is, in news style, the story's home country.
                country = home
            mentions = tuple(Span.of(self.text, s, e) for s, e in sorted(set(person.mentions)))
            role = clean_role(one_line(person.role)) if person.role else None
            if country is None and role is not None and role.split(",")[0] in _PARTY_NAMES.values():
                country = "USA"  # "R-Tex.": the party abbreviations of the US Congress
            seen[id(person)] = Speaker(speaker_id(person), one_line(person.name), role, country, mentions)
        return tuple(seen.values())

    def _own_country(self, person: Person) -> str | None:
        """The country a person's role, or an organisation's name or the words before it, says."""
        if person.role:
            country = _country_of(person.role)
            if country:
                return country
        if person.is_person:
            return None
        country = _country_of(person.name)  # "Brazilian foreign ministry", "Polish armed forces"
        if country is None and person.mentions:
            # "the Indonesian maritime security agency Bakamla": the description before the name.
            s, _ = person.mentions[0]
            before = self.text[max(0, s - 80) : s]
            phrase = re.split(r"[,;:.()\n]|\b(?:the|a|an|of|to|by|from|with|and)\b", before)[-1]
            if len(phrase.split()) <= 5:
                country = _country_of(phrase)
        return country


# Titles of a government's own officials, which news style leaves without a country when it is the story's.
_GOVERNMENT_TITLES = frozenset(
    {"minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "president", "chancellor", "premier",
     "ministry",
     # Elected offices, which a national story names without the country too ("Governor", "a lawmaker").
     "senator", "governor", "representative", "mayor", "lawmaker", "legislator", "speaker", "whip", "attorney",
     "parliament", "mp", "deputy", "ambassador", "administration", "cabinet", "senate"}
)
_US_NAMES = re.compile(r"\b(?:United States|U\.S\.|America|Americans?|Washington|Congress)\b")
# Offices and parties of the United States ("Sen. Ted Cruz", "Rep.", "R-Tex.", "a Republican strategist").
_US_TITLES = frozenset(
    {"sen.", "rep.", "gov.", "congressman", "congresswoman", "congress", "republican", "republicans", "democrat",
     "democrats", "gop", "senator", "representative"}
)


# Words of an insulting nickname put before a surname ("Crooked Clinton", "Lyin' Ted"): never part of a name.
NICKNAME_WORDS = frozenset({"crooked", "lyin", "lyin'", "lyin\u2019", "little", "crazy", "sleepy", "low-energy",
                            "liddle", "pocahontas", "goofy"})
# Words that never speak: pronouns and common words a sentence may open with, numbers and shares.
NO_SPEAKER_WORDS = frozenset(
    {"it", "its", "this", "that", "these", "those", "there", "here", "what", "which", "who", "one", "some", "many",
     "most", "all", "both", "each", "none", "nobody", "everyone", "someone", "anyone", "words", "percent", "per",
     "cent", "half", "share", "number", "plurality", "but", "if", "and", "or", "so",
     "yet", "when", "while", "as", "because"}
)
_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                     r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|percent)\b", re.IGNORECASE)


def names_someone(doc: Doc, start: int, end: int) -> bool:
    """Whether a capitalised mention [start, end) names a person, an organisation or a group: a proper noun or a
    named entity in it, and no number, share or pronoun at its head."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or words[-1].lower_ in NO_SPEAKER_WORDS or words[0].lower_ in NO_SPEAKER_WORDS:
        return False
    if _NUMBER.search(span.text) and not any(t.ent_type_ in ("PERSON", "ORG") for t in words):
        return False
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in words)


# A party abbreviation after a name ("R-Tex.", "D-Calif.", "I-Vt."): the party and the state, not a role.
_PARTY = re.compile(r"^\(?\s*([RDI])\s*[-\u2013,]\s*([A-Z][A-Za-z. ]*)?\)?$")
_PARTY_NAMES = {"R": "Republican", "D": "Democrat", "I": "Independent"}
# Role words: a role holds one ("But", "If", "Percent of" hold none); words a role never opens with are dropped.
_ROLE_OPENERS_DROPPED = frozenset({"but", "if", "and", "or", "so", "when", "while", "as", "because", "then,",
                                   "also", "even", "now", "meanwhile", "still", "yet", "after", "before", "its",
                                   "his", "her", "their", "our", "my"})


def clean_role(role: str) -> str | None:
    """A role as a title or position: function words a sentence opens with taken off ("But President" ->
    "President"); a party abbreviation as party and state ("R-Tex." -> "Republican, Tex."); None where no title or
    position is left ("If", "Percent of", "D-")."""
    role = role.strip(" ,;:()")
    party = _PARTY.match(role)
    if party is not None:
        name = _PARTY_NAMES[party.group(1)]
        state = (party.group(2) or "").strip()
        return f"{name}, {state}" if state else name
    words = role.split()
    while words and words[0].lower() in _ROLE_OPENERS_DROPPED:
        words = words[1:]
    while words and words[-1].lower().strip(".,") in ("there", "here"):
        words = words[:-1]  # "governor there"
    if not words or words[0].lower() in ("most", "least") or words[0].lower() in NO_SPEAKER_WORDS | PRONOUNS:
        # "most unqualified child to ever run for president" (an insult), "one of the candidates ..." (no position)
        return None
    lowered = {w.lower().strip(".,") for w in words}
    if not lowered & (_ROLE_HEADS | _ROLE_WORDS):
        return None
    return " ".join(words)


# Role words beyond the title heads: positions a card or an apposition gives ("Secretary of State", "CEO").
_ROLE_WORDS = frozenset(
    {"minister", "ministry", "spokesman", "spokeswoman", "spokesperson", "secretary", "ambassador", "envoy",
     "adviser", "advisor", "commissioner", "director", "head", "leader", "president", "official", "deputy",
     "manager", "strategist", "pollster", "economist", "researcher", "scientist", "attorney", "lawyer",
     "aide", "member", "editor", "author", "correspondent", "reporter", "columnist", "host", "anchor", "owner",
     "partner", "fellow", "organizer", "activist", "consultant", "staffer", "operative", "veteran", "officer",
     "sen.", "rep.", "gov.", "republican", "democrat", "independent", "democratic", "mp", "coach", "captain",
     "pastor", "bishop",
     "pope", "rabbi", "imam", "cardinal", "teacher", "student", "doctor", "dean", "provost", "principal",
     "treasurer", "auditor", "inspector", "prosecutor", "counsel", "clerk", "whip", "majority", "minority",
     "delegate", "elector", "nominee", "candidate", "challenger", "incumbent", "contender", "hopeful", "rival",
     "chairman", "chairwoman", "chair", "founder", "co-founder", "vice", "senior", "general", "lieutenant",
     "colonel", "major", "sergeant", "commander", "marshal", "trustee", "regent", "governor", "mayor", "senator"}
)


def speaker_id(person: Person) -> str:
    return slug(person.name)


def _country_of(role: str) -> str | None:
    """The country of a role: "Prime Minister of Japan", "Japanese Prime Minister", "U.S. President"."""
    m = re.search(r"\bof (?:the )?([A-Z][\w.]*(?: [A-Z][\w.]*)*)", role)
    candidates = [m.group(1)] if m else []
    words = role.replace("\u2019s", "").replace("'s", "").split()
    candidates += [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] + words
    for cand in candidates:
        if cand[:1].isupper():
            code = country_code(cand)
            if code:
                return code
    return None
