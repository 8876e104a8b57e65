"""Catalog mentions in a Doc: the catalog's word forms, found with spaCy's PhraseMatcher, and compounds.

    matcher = CatalogMatcher(nlp, load_catalog(), Gazetteers.bundled())
    matcher(doc)          # [FoundMention(start, end, actor_id, kind), ...] in text order, not overlapping

At each token the longest catalog form that starts there wins, then the search goes on after it; a word that
is no form may still be a compound with a catalog name in it ("IS-Hochburg", "Pentagonsprecher"), or a name
with the genitive -es ("des Bundesnachrichtendienstes").
"""

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from helpers.actors.catalog import Catalog
from helpers.actors.gazetteers import Gazetteers
from helpers.actors.mention import FoundMention
from helpers.german.stts import NOUNS
from helpers.german.word_forms import DEFINITE_ARTICLES

# Closed compounds ("Pentagonsprecher", "Élyséekreisen") are only read off names of at least five letters
# followed by at least four lower-case letters: shorter ones give "Prag|matismus", "Bern|stein".
MIN_COMPOUND_PREFIX = 5
MIN_COMPOUND_REST = 4
MATCH_KEY = "CATALOG_FORM"


class CatalogMatcher:
    """The catalog's forms as token sequences, matched as written (ORTH)."""

    def __init__(self, nlp: Language, catalog: Catalog, gazetteers: Gazetteers):
        self.catalog = catalog
        self.gazetteers = gazetteers
        self.forms = {}  # the tokens of a form -> its Form
        for form, details in catalog.forms.items():
            words = tuple(token.text for token in nlp.make_doc(form))
            if words:
                self.forms.setdefault(words, details)
        self.matcher = PhraseMatcher(nlp.vocab, attr=ORTH)
        self.matcher.add(MATCH_KEY, [Doc(nlp.vocab, words=list(words)) for words in self.forms])
        self._words = {}  # token text -> (actor id, kind) if the word names an actor without being a form, else None

    def __call__(self, doc: Doc, texts: list[str]) -> list[FoundMention]:
        """The catalog mentions of a Doc whose token texts are `texts`."""
        longest = {}  # start -> end of the longest form that starts there
        for _, start, end in self.matcher(doc):
            if end > longest.get(start, start):
                longest[start] = end
        words = self._words
        for text in set(texts).difference(words):
            words[text] = self._word_actor(text)
        # only the tokens where a form starts or that name an actor as a word of their own can start a mention
        candidates = sorted(set(longest).union(position for position, text in enumerate(texts)
                                               if words[text] is not None))
        found = []
        position = 0
        for candidate in candidates:
            if candidate < position:
                continue  # inside the mention found before
            position = candidate
            end = longest.get(position)
            if end is not None and self._adjective_in_a_name(doc, texts, position, end):
                continue  # "Deutscher Städtetag": a name's first word, neither the state nor a compound
            mention = self._form_at(texts, position, end) or self._word_at(texts[position], position)
            if mention is not None:
                found.append(mention)
                position = mention.end
        return found

    def _form_at(self, texts, position, end):
        if end is None:
            return None
        details = self.forms[tuple(texts[position:end])]
        if end - position == 1 and self._other_persons_surname(texts, position, details):
            return None
        if details.after_article and (position == 0 or texts[position - 1].lower() not in DEFINITE_ARTICLES):
            return None  # "Bahn" is Deutsche Bahn only as "die Bahn", "der Bahn"
        if end < len(texts) and texts[end] in self.gazetteers.organisation_words and details.kind == "name":
            end += 1  # "Porsche AG": the legal form belongs to the name
        return FoundMention(position, end, details.actor_id, details.kind, details.title,
                            derived=details.kind == "demonym")

    def _adjective_in_a_name(self, doc, texts, position, end):
        """'Deutscher Städtetag', 'Deutsche Bahn': an adjective of a state written with a capital inside a
        sentence, before a capitalised noun, is the first word of a name, not a mention of the state."""
        text = texts[position]
        # capitalised where the adjective is written in lower case ("deutsche"), unlike "US-amerikanische"
        if end - position != 1 or text not in self.catalog.adjectives or not text[:1].isupper() \
                or text[:1].lower() + text[1:] not in self.catalog.adjectives:
            return False
        if doc[position].is_sent_start or end >= len(texts):
            return False
        return texts[end][:1].isupper() and doc[end].tag_ in NOUNS

    def _other_persons_surname(self, texts, position, details):
        """'Peter Gabriel' is not Sigmar Gabriel: a catalog surname after an unknown first name is someone else."""
        if details.kind != "name" or self.catalog.actor(details.actor_id).type != "person" or position == 0:
            return False
        previous = texts[position - 1]
        return previous in self.gazetteers.first_names and previous not in self.catalog.forms

    def _word_at(self, text, position):
        word = self._words[text]
        return None if word is None else FoundMention(position, position + 1, *word)

    def _word_actor(self, text):
        """(actor id, kind) of a word that is no catalog form but names an actor: a name with the genitive -es
        or a compound; None for any other word."""
        genitive = self._genitive_es(text)
        if genitive is not None:
            return genitive.actor_id, genitive.kind
        actor_id = self._compound_actor(text)
        return None if actor_id is None else (actor_id, "compound")

    def _genitive_es(self, text):
        """'Bundesnachrichtendienstes' -> the Form of 'Bundesnachrichtendienst': the genitive -es that masculine
        and neuter names may take instead of the -s the catalog generates (Duden – Die Grammatik, 9th ed.,
        genitive -es/-s). Only a one-word name or metonym of an actor that is not a person, whose -s genitive
        the catalog has; else None."""
        if len(text) < MIN_COMPOUND_PREFIX or not text.endswith("es"):
            return None
        forms = self.catalog.forms
        form, genitive_s = forms.get(text[:-2]), forms.get(text[:-2] + "s")
        if form is None or genitive_s != form or form.kind not in ("name", "metonym") or form.after_article \
                or self.catalog.actor(form.actor_id).type == "person":
            return None
        return form

    def _compound_actor(self, text):
        """The actor a compound word refers to: 'IS-Hochburg' -> is, 'Pentagonsprecher' -> pentagon."""
        parts = self.catalog.compound_parts
        if "-" in text:
            pieces = text.split("-")
            for piece in pieces:
                if piece in parts:
                    return parts[piece]
            if pieces[0] in self.catalog.prefix_parts:  # "Bahn-Vorstand", but not "S-Bahn"
                return self.catalog.prefix_parts[pieces[0]]
            return self.catalog.adjectives.get(pieces[-1])
        if not text[:1].isupper() or len(text) < MIN_COMPOUND_PREFIX + MIN_COMPOUND_REST:
            return None
        for cut in range(len(text) - MIN_COMPOUND_REST, MIN_COMPOUND_PREFIX - 1, -1):
            if text[cut].islower() and text[:cut] in parts and text[cut:].isalpha() and text[cut:].islower():
                return parts[text[:cut]]
        return None
