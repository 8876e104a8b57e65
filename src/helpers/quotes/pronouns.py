"""Which actor a speaker pronoun refers to: "Halima Jouini ... betont sie", "Die Grünen ... sagten sie".

    genders = person_genders(mentions)              # {'angela_merkel': 'f', 'peter_struck': 'm'}
    antecedents = Antecedents(mentions, genders, sentence_starts, quoted)
    antecedents.find(start, "sie", plural=False, last_speakers=[...])    # the Span of the person meant, or None

A pronoun agrees with its antecedent (`resources/pronoun_agreement.yaml`): `er` is a man or a person of unknown
sex, singular `sie` a woman, a person of unknown sex or an organisation named with `die` ("Die Gewerkschaft Verdi
... Sie forderte"), plural `sie` ("sagten sie") a group or an organisation.
The antecedent is looked for in the pronoun's own sentence (before it) and in the two sentences before, nearest
sentence first; of the agreeing mentions in that sentence, the person who spoke last if among them, else the
first one (the subject stands first in most German sentences). Mentions inside quotation marks are left out
(the speaker's own words name others). Beyond that window, the last agreeing speaker.
"""

import bisect
from functools import lru_cache

from spacy.tokens import Doc, Span

from helpers.german import stts
from helpers.resources import read_yaml, word_list

SENTENCES_LOOKED_BACK = 2  # the antecedent of a speaker pronoun stood in its own sentence or the two before
PLURAL_TYPES = frozenset({"group", "organisation"})


@lru_cache(maxsize=None)
def agreement() -> dict:
    """`pronoun_agreement.yaml` as lookup tables: pronoun -> gender, title words and endings per sex, first names."""
    grammar = read_yaml("pronoun_agreement.yaml")

    def words_and_endings(entries):
        return (frozenset(e for e in entries if not e.startswith("-")),
                tuple(e[1:].lower() for e in entries if e.startswith("-")))

    names = dict(line.split("\t")[:2] for line in word_list("first_name_genders.tsv"))
    return {"pronouns": {word: entry["gender"] for word, entry in grammar["pronouns"].items()},
            "plural_endings": tuple(grammar["plural_verb_endings"]),
            "f": words_and_endings(grammar["female_titles"]), "m": words_and_endings(grammar["male_titles"]),
            "neutral": words_and_endings(grammar["neutral_titles"]), "first_names": names,
            "articles": frozenset(grammar["articles"]), "feminine_articles": frozenset(grammar["feminine_articles"])}


def title_gender(title: str | None) -> str | None:
    """'f' for 'Ministerin' or 'Frau', 'm' for 'Sprecher' or 'Herr', None for 'Vorstandsmitglied' or no title."""
    if not title:
        return None
    head = title.split()[-1].rsplit("-", 1)[-1]
    rules = agreement()
    for gender in ("neutral", "f", "m"):
        words, endings = rules[gender]
        if head in words or head.lower().endswith(endings) and len(head) > 3:
            return None if gender == "neutral" else gender
    return "m" if head[:1].isupper() else None


def person_genders(mentions: list[Span]) -> dict[str, str]:
    """The sex of each person mentioned, by actor id: from the first name of the actor's name ("Angela Merkel",
    also where the text says "Merkel"), else from a title before the name or a role ("Kanzlerin Merkel", "der
    Ministerpräsident"); persons whose mentions disagree or say nothing are left out."""
    first_names = agreement()["first_names"]
    found = {}
    for mention in mentions:
        if mention.label_ != "person":
            continue
        extensions = mention._
        words = (extensions.actor_name or "").split()  # the whole name, also at "Merkel" or "die Kanzlerin"
        gender = first_names.get(words[0]) if len(words) > 1 else None
        gender = gender or title_gender(extensions.role)
        if gender is not None:
            found.setdefault(mention.kb_id_, set()).add(gender)
    return {actor: genders.pop() for actor, genders in found.items() if len(genders) == 1}


def is_plural_verb(verb: str | None) -> bool:
    """Whether a finite verb is in the plural: 'sagten', 'erklären' (not 'sagte', 'sagt')."""
    return verb is not None and verb.lower().endswith(agreement()["plural_endings"])


def pronoun_is_plural(doc: Doc, start: int, end: int, cue: str | None) -> bool:
    """Whether the pronoun at [start, end) is plural: the finite verb beside it ("sagten sie", "Sie haben
    angekündigt") is, or without one beside it the cue is ("sie ... forderten")."""
    pronoun = doc.char_span(start, end, alignment_mode="expand")
    if pronoun is not None:
        for position in (pronoun.start - 1, pronoun.end):
            if 0 <= position < len(doc) and doc[position].tag_ in stts.FINITE_VERBS:
                return is_plural_verb(doc[position].text)
    return is_plural_verb(cue)


class Antecedents:
    """The actor mentions of one Doc, ready to be searched for what a pronoun refers to."""

    def __init__(self, mentions: list[Span], genders: dict, sentence_starts: list[int], quoted: list[tuple]):
        self.mentions = [mention for mention in mentions if not _inside(mention, quoted)]
        self.starts = [mention.start_char for mention in self.mentions]
        self.genders = genders
        self.sentence_starts = sentence_starts
        # an actor typed a person at one mention is one at all ("Teziç" typed other once by discovery)
        self.people = {mention.kb_id_ for mention in mentions if mention.label_ == "person"}
        # an organisation named with `die` is feminine or plural: "Die Gewerkschaft Verdi ... Sie forderte"; not
        # one in a compound, whose article is the compound's ("die CDU-Abgeordnete")
        self.feminine = {id(mention) for mention in self.mentions if mention.label_ in PLURAL_TYPES
                         and mention._.mention_kind != "compound"
                         and _article_of(mention) in agreement()["feminine_articles"]}

    def agrees(self, mention: Span, pronoun: str, plural: bool) -> bool:
        if plural:
            return mention.label_ in PLURAL_TYPES
        gender = agreement()["pronouns"].get(pronoun)
        if gender == "f" and id(mention) in self.feminine:
            return True
        return mention.kb_id_ in self.people and self.genders.get(mention.kb_id_, gender) == gender

    def find(self, start: int, pronoun: str, plural: bool, last_speakers: list[Span]) -> Span | None:
        """The mention a pronoun at offset `start` refers to (see the module docstring), or None."""
        sentence = bisect.bisect_right(self.sentence_starts, start) - 1
        end = start
        speakers = {speaker.kb_id_ for speaker in last_speakers[-1:]}
        for index in range(sentence, max(sentence - SENTENCES_LOOKED_BACK, 0) - 1, -1):
            first = self.sentence_starts[index] if index >= 0 else 0
            here = [mention for mention in self.mentions[bisect.bisect_left(self.starts, first):
                                                         bisect.bisect_left(self.starts, end)]
                    if mention.end_char <= start and self.agrees(mention, pronoun, plural)]
            if here:
                return next((mention for mention in here if mention.kb_id_ in speakers), here[0])
            end = first
        return next((speaker for speaker in reversed(last_speakers) if self.agrees(speaker, pronoun, plural)), None)


def _article_of(mention):
    """The article a mention starts with or follows, lower case ('die' for "Die SPD", "die Gewerkschaft Verdi")."""
    doc = mention.doc
    first = doc[mention.start].lower_
    if first in agreement()["articles"]:
        return first
    before = mention.start - 1
    while before >= 0 and doc[before].tag_ in ("ADJA", "NN") and mention.start - before <= 2:
        before -= 1  # "die Gewerkschaft Verdi", "die mächtige Gewerkschaft Verdi"
    return doc[before].lower_ if before >= 0 else None


def _inside(mention, quoted):
    index = bisect.bisect_right(quoted, (mention.start_char, float("inf"))) - 1
    return index >= 0 and quoted[index][0] <= mention.start_char and mention.end_char <= quoted[index][1]
