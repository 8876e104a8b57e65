"""Actor mentions: who a German news article talks about, and in which words.

    mentions = actor_mentions(article)        # one row per mention, with character offsets
    actor_counts(mentions).head(3)            # Russland 16, Frankreich 13, IS 10
    discovered_names(article)                 # names that are not in the catalog
    promote(discovered_names(article), "my_actors.yaml")   # ... and from the next run on, they are

A mention is found in two ways. The catalog (`resources/actors.yaml`, plus any catalog file of the user)
lists each actor with its names, abbreviations, metonyms ("Moskau", "Kreml"), adjectives and demonyms
("russische", "Russen"), roles ("Kreml-Chef") and compounds ("IS-Hochburg", "Élyséekreisen"). Discovery finds
the proper names the catalog does not know: chains of tokens tagged `NE` (or listed in the gazetteers of first
names and places), typed person / place / organisation / other with the word lists of `resources/`:
`first_names.txt`, `person_titles.txt`, `name_particles.txt`, `gazetteer_places.txt`, `gazetteer_towns.txt`
(GeoNames), `place_name_parts.txt`, `place_prepositions.txt`, `organisation_suffixes.txt`,
`organisation_prefixes.txt`, `organisation_classes.txt` and `organisation_names.txt`.

This module knows German word formation (genitive -s, adjective endings, plurals of demonyms, compounds), never
an actor: adding one is an edit of a YAML file.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import pandas as pd
import yaml
from spacy.attrs import ORTH, TAG
from spacy.language import Language
from spacy.tokens import Span

from helpers.errors import PipelineError, ResourceError
from helpers.nlp import load_pipeline, parse, remembered
from helpers.resources import read_yaml, resource_path, word_list
from helpers.tables import Columns, table_of

BUNDLED_CATALOG = "actors.yaml"
SPAN_KEY = "actors"  # doc.spans["actors"]: one Span per mention, label = actor id, details in span._.actor
ACTOR_TYPES = ("person", "state", "organisation", "group", "place", "other")

ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
# Endings of feminine nouns and names, which have no genitive -s: Regierung, Türkei, Union, Ukraine
FEMININE_ENDINGS = ("ung", "ei", "heit", "keit", "schaft", "ion", "tät", "ie", "ik", "e")
APOSTROPHES = ("'", "’")
# Closed compounds ("Pentagonsprecher", "Élyséekreisen") are only read off names of at least five letters
# followed by at least four lower-case letters: shorter ones give "Prag|matismus", "Bern|stein".
MIN_COMPOUND_PREFIX = 5
MIN_COMPOUND_REST = 4

MENTION_COLUMNS = [
    "article_id",  # Article.id
    "actor_id",  # catalog id, or for a discovered name an id made from it ("sigmar_gabriel")
    "actor",  # display name ("Russland", "Wladimir Putin")
    "actor_type",  # person, state, organisation, group, place or other
    "affiliation",  # display name of the actor this one belongs to (Putin -> Russland), or None
    "kind",  # how the text refers to the actor: name, demonym, metonym, role, compound, discovered
    "surface",  # the text of the mention, article.text[start:end]
    "start",
    "end",  # character offsets into article.text
    "sentence",  # Article.sentences index
    "section_index",  # 0 before the first heading
    "section",  # section title ("" before the first heading)
    "part",  # title, lead, question, heading or body
]

if not Span.has_extension("actor"):
    Span.set_extension("actor", default=None)


# ---------------------------------------------------------------------------------------------------------
# German word forms


def genitive(name):
    """The genitive of a name: 'Putin' -> ['Putins'], 'Paris' -> ["Paris'", 'Paris’'], 'Leo XIV.' -> []."""
    if name[-1:] in ".'’" or not name[-1:].isalpha():
        return []
    if name[-1] in "sßxz":
        return [name + apostrophe for apostrophe in APOSTROPHES]
    return [name + "s"]


def takes_genitive_s(name, actor_type):
    """Whether a name has a genitive of its own: 'Putins', 'Russlands', 'Kremls' do; feminine names ('der
    Türkei', 'der Nato', 'der Bundesregierung') and names with an adjective ('des Islamischen Staates') do not;
    their forms are listed in the catalog."""
    if actor_type == "person":
        return True
    words = name.split()
    if any(word.endswith(ADJECTIVE_ENDINGS[1:]) for word in words[:-1]):
        return False
    return not words[-1].endswith(FEMININE_ENDINGS)


def adjective_forms(stem):
    """Every ending of an adjective, lower case and capitalised: 'russisch' -> russisch, russische, ... Russischem.

    The bare capitalised stem is left out: 'Russisch' is the language, not the country.
    """
    forms = [stem + ending for ending in ADJECTIVE_ENDINGS]
    return forms + [form[:1].upper() + form[1:] for form in forms[1:]]


def demonym_forms(noun):
    """A demonym with its plural and case forms: 'Russe' -> Russe, Russen; 'Russin' -> Russin, Russinnen."""
    if noun.endswith("in"):
        return [noun, noun + "nen"]
    if noun.endswith("e"):
        return [noun, noun + "n"]
    if noun.endswith("er"):
        return [noun, noun + "n", noun + "s"]
    if noun.endswith("ar"):
        return [noun, noun + "n"]
    if noun.endswith("i"):
        return [noun, noun + "s"]
    return [noun, noun + "en"]


def slug(name):
    """An id made from a name: 'Sigmar Gabriel' -> 'sigmar_gabriel', 'Élysée' -> 'elysee'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


# ---------------------------------------------------------------------------------------------------------
# The catalog


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    affiliation: str | None = None


@dataclass(frozen=True)
class Role:
    """A title that means `actor_id` from `since` until (excluding) `until`, both 'YYYY-MM' or None."""

    title: str
    actor_id: str
    since: str | None = None
    until: str | None = None

    def applies(self, date):
        """True if the role was held at `date` ('2015-11', '2015'); without a date, if it is held now."""
        if date is None:
            return self.until is None
        month = str(date)[:7]
        return (self.since is None or self.since <= month) and (self.until is None or month < self.until)


@dataclass(frozen=True)
class Form:
    """One surface form of the catalog: the actor it names (None for a role title) and how."""

    actor_id: str | None
    kind: str
    title: str | None = None


class Catalog:
    """The actors of one or more catalog files and every word form that refers to them.

        catalog = load_catalog()
        catalog.forms["Russen"]          # Form(actor_id='russia', kind='demonym')
        catalog.role_holder("Kreml-Chef", "2015-11")   # 'putin'
    """

    def __init__(self, entries):
        self.actors = {}
        self.forms = {}
        self.compound_parts = {}  # names, abbreviations, metonyms: usable as part of a compound
        self.adjectives = {}  # adjective forms, for the last part of a hyphenated compound (pro-russische)
        self.roles = {}
        self.conflicts = []  # (form, first actor id, second actor id) where two actors claim one form
        for entry, source in entries:
            self._add(entry, source)
        for actor in self.actors.values():
            if actor.affiliation is not None and actor.affiliation not in self.actors:
                raise ResourceError(
                    f"actor {actor.id!r} has affiliation {actor.affiliation!r}, which no catalog entry has as "
                    "id: use the id of an existing entry or add one"
                )

    def _add(self, entry, source):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise ResourceError(f"{source}: every actor needs an `id` and a `name`; fix the entry {entry!r}")
        actor_type = entry.get("type")
        if actor_type not in ACTOR_TYPES:
            raise ResourceError(
                f"{source}: actor {entry['id']!r} has type {actor_type!r}; use one of {', '.join(ACTOR_TYPES)}"
            )
        actor = Actor(str(entry["id"]), str(entry["name"]), actor_type, entry.get("affiliation"))
        self.actors[actor.id] = actor
        names = _strings(entry, "names", source)
        metonyms = _strings(entry, "metonyms", source)
        abbreviations = _strings(entry, "abbreviations", source)
        genitives = lambda forms: [g for form in forms if takes_genitive_s(form, actor_type) for g in genitive(form)]
        self._claim(names + genitives(names), actor.id, "name")
        self._claim(_strings(entry, "inflections", source) + abbreviations, actor.id, "name")
        self._claim(metonyms + genitives(metonyms), actor.id, "metonym")
        self._claim(_strings(entry, "compounds", source), actor.id, "compound")
        demonyms = [form for noun in _strings(entry, "demonyms", source) for form in demonym_forms(noun)]
        adjectives = [form for stem in _strings(entry, "adjectives", source) for form in adjective_forms(stem)]
        self._claim(demonyms + adjectives, actor.id, "demonym")
        for part in names + metonyms + abbreviations:
            if " " not in part:
                self.compound_parts.setdefault(part, actor.id)
        for form in adjectives:
            self.adjectives.setdefault(form, actor.id)
        for role in entry.get("roles") or []:
            if not isinstance(role, dict) or not role.get("title"):
                raise ResourceError(f"{source}: a role of {actor.id!r} needs a `title`; fix {role!r}")
            held = Role(role["title"], actor.id, _month(role.get("from")), _month(role.get("until")))
            for title in [held.title] + genitive(held.title):
                self.roles.setdefault(title, []).append(held)
                self.forms.setdefault(title, Form(None, "role", held.title))

    def _claim(self, forms, actor_id, kind):
        for form in forms:
            known = self.forms.get(form)
            if known is not None and known.actor_id not in (None, actor_id):
                self.conflicts.append((form, known.actor_id, actor_id))
            if known is None or known.actor_id != actor_id:
                self.forms[form] = Form(actor_id, kind)  # a later entry (the user's catalog) wins

    def role_holder(self, title, date=None):
        """The id of the actor who held the role `title` at `date` ('2015-11'), or None."""
        for role in self.roles.get(title, ()):
            if role.applies(date):
                return role.actor_id
        return None

    def actor(self, actor_id):
        return self.actors[actor_id]


def _strings(entry, key, source):
    values = entry.get(key) or []
    if not isinstance(values, list):
        raise ResourceError(f"{source}: `{key}` of {entry['id']!r} must be a list, like [{values}]")
    return [str(value) for value in values]


def _month(value):
    return None if value is None else str(value)[:7]


def load_catalog(catalogs=()):
    """The bundled catalog plus the user's catalog files (YAML, same format); a user's entry replaces a
    bundled one with the same id.

        catalog = load_catalog(["my_actors.yaml"])
    """
    paths = (resource_path(BUNDLED_CATALOG),) + tuple(resource_path(c) for c in catalogs)
    return _cached_catalog(tuple((str(path), path.stat().st_mtime_ns) for path in paths))


@lru_cache(maxsize=16)
def _cached_catalog(stamped_paths):
    entries = {}
    for path, _ in stamped_paths:
        # read_yaml caches by path; a user's file may have grown (promote), so read it afresh
        content = read_yaml.__wrapped__(path) or {}
        actors = content.get("actors") if isinstance(content, dict) else None
        if actors is None and isinstance(content, dict) and "actors" in content:
            actors = []  # an empty `actors:` as promote() writes it before the first name
        if not isinstance(actors, list):
            raise ResourceError(f"{path} needs a top-level `actors:` list (see the bundled actors.yaml)")
        for entry in actors:
            entries[entry.get("id") if isinstance(entry, dict) else id(entry)] = (entry, path)
    return Catalog(entries.values())


# ---------------------------------------------------------------------------------------------------------
# Discovery word lists


@dataclass(frozen=True)
class Gazetteers:
    """The word lists of discovery. Entries with a leading '-' in a list are word endings."""

    first_names: frozenset
    places: frozenset  # hand-picked, trusted even on tokens tagged NN ("Mittelmeer")
    towns: frozenset  # GeoNames towns and cities, trusted on proper nouns only
    place_endings: tuple  # burg, hausen: endings of proper nouns that name places
    place_noun_endings: tuple  # ingen, dorf: endings that make even a common noun a place name
    place_heads: frozenset  # Straße, Bahnhof: after an inhabitant adjective ("Gubener Straße")
    place_prepositions: frozenset  # in, nach
    organisation_words: frozenset  # whole tokens: GmbH, AG, e.V., Verlag
    organisation_endings: tuple  # lower case: partei, ministerium
    organisation_prefixes: frozenset  # FC, VfL, Universität
    organisation_names: frozenset  # Siemens, Nvidia
    organisation_classes: frozenset  # Konzern, Verein: before an organisation's name
    organisation_class_endings: tuple  # hersteller, betreiber
    person_titles: frozenset
    person_title_endings: tuple
    name_particles: frozenset
    month_names: frozenset

    @classmethod
    def bundled(cls):
        places, place_endings = _words_and_endings("gazetteer_places.txt")
        place_heads, place_noun_endings = _words_and_endings("place_name_parts.txt")
        organisation_words, organisation_endings = _words_and_endings("organisation_suffixes.txt")
        person_titles, person_title_endings = _words_and_endings("person_titles.txt")
        organisation_classes, organisation_class_endings = _words_and_endings("organisation_classes.txt")
        return cls(
            first_names=frozenset(word_list("first_names.txt")),
            places=places,
            towns=frozenset(word_list("gazetteer_towns.txt")),
            place_endings=place_endings,
            place_heads=place_heads,
            place_noun_endings=place_noun_endings,
            place_prepositions=frozenset(word_list("place_prepositions.txt")),
            organisation_words=organisation_words,
            organisation_endings=tuple(ending.lower() for ending in organisation_endings),
            organisation_prefixes=frozenset(word_list("organisation_prefixes.txt")),
            organisation_names=frozenset(word_list("organisation_names.txt")),
            organisation_classes=organisation_classes,
            organisation_class_endings=organisation_class_endings,
            person_titles=person_titles,
            person_title_endings=person_title_endings,
            name_particles=frozenset(word_list("name_particles.txt")),
            month_names=frozenset(word_list("month_names.txt")),
        )

    def is_organisation_word(self, text):
        return text in self.organisation_words or (
            text[:1].isupper() and text.lower().endswith(self.organisation_endings)
        )

    def is_organisation_class(self, text):
        """'Konzern', 'Konzerns', 'Spielzeughersteller': a noun that may stand before an organisation's name."""
        return any(
            word in self.organisation_classes or (word[:1].isupper() and word.endswith(self.organisation_class_endings))
            for word in (text, _without_s(text))
        )

    def is_person_title(self, text):
        return text in self.person_titles or (text[:1].isupper() and text.endswith(self.person_title_endings))

    def is_place_name(self, text):
        return text in self.places or text in self.towns or any(
            text.endswith(ending) and len(text) >= len(ending) + 3
            for ending in self.place_endings + self.place_noun_endings
        )


def _words_and_endings(name):
    entries = word_list(name)
    words = frozenset(entry for entry in entries if not entry.startswith("-"))
    return words, tuple(entry[1:] for entry in entries if entry.startswith("-"))


# ---------------------------------------------------------------------------------------------------------
# Finding mentions in a Doc


@dataclass
class Found:
    """A mention found in a Doc: tokens [start, end), the actor, and how it is referred to."""

    start: int
    end: int
    actor_id: str | None
    kind: str
    title: str | None = None  # the role title for kind "role"
    name_start: int | None = None  # first token of the name when a role or compound precedes it
    derived: bool = False  # a demonym or adjective (russische, Berliner) rather than the name itself
    name: str | None = None  # a discovered actor's name and type
    actor_type: str | None = None


class MentionFinder:
    """Catalog matching and name discovery over the tokens of a Doc; word analyses are cached per form."""

    def __init__(self, catalog, gazetteers, tokenize):
        self.catalog = catalog
        self.gazetteers = gazetteers
        self.phrases = {}
        for form, details in catalog.forms.items():
            words = tuple(tokenize(form))
            if words:
                self.phrases.setdefault(words[0], []).append((words, details))
        for candidates in self.phrases.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))
        self._compounds = {}

    def __call__(self, doc):
        # Read the Doc's columns once instead of making a Token object per word and attribute.
        strings = doc.vocab.strings
        texts = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
        tags = [strings[tag] for tag in doc.to_array(TAG).tolist()]
        found = self._catalog_mentions(texts, tags)
        found += self._discovered(texts, tags, found)
        found.sort(key=lambda mention: mention.start)
        return self._merge_titles(found)

    # -- the catalog ------------------------------------------------------------------------------------

    def _catalog_mentions(self, texts, tags):
        found = []
        position = 0
        while position < len(texts):
            text = texts[position]
            mention = (text in self.phrases and self._phrase_at(texts, tags, position)) or self._compound_at(
                text, position)
            if mention is None:
                position += 1
                continue
            found.append(mention)
            position = mention.end
        return found

    def _phrase_at(self, texts, tags, position):
        for words, details in self.phrases.get(texts[position], ()):
            end = position + len(words)
            if tuple(texts[position:end]) != words:
                continue
            if len(words) == 1 and self._other_persons_surname(texts, tags, position, details):
                return None
            if end < len(texts) and texts[end] in self.gazetteers.organisation_words and details.kind == "name":
                end += 1  # "Porsche AG": the legal form belongs to the name
            return Found(position, end, details.actor_id, details.kind, details.title,
                         derived=details.kind == "demonym")
        return None

    def _other_persons_surname(self, texts, tags, position, details):
        """'Peter Gabriel' is not Sigmar Gabriel: a catalog surname after an unknown first name is someone else."""
        if details.kind != "name" or self.catalog.actor(details.actor_id).type != "person" or position == 0:
            return False
        previous = texts[position - 1]
        return previous in self.gazetteers.first_names and previous not in self.catalog.forms

    def _compound_at(self, text, position):
        if text not in self._compounds:
            self._compounds[text] = self._compound_actor(text)
        actor_id = self._compounds[text]
        return None if actor_id is None else Found(position, position + 1, actor_id, "compound")

    def _compound_actor(self, text):
        """The actor a compound word refers to: 'IS-Hochburg' -> is, 'Pentagonsprecher' -> pentagon."""
        parts = self.catalog.compound_parts
        if "-" in text:
            pieces = text.split("-")
            for piece in pieces:
                if piece in parts:
                    return parts[piece]
            return self.catalog.adjectives.get(pieces[-1])
        if not text[:1].isupper() or len(text) < MIN_COMPOUND_PREFIX + MIN_COMPOUND_REST:
            return None
        for cut in range(len(text) - MIN_COMPOUND_REST, MIN_COMPOUND_PREFIX - 1, -1):
            if text[cut].islower() and text[:cut] in parts and text[cut:].isalpha() and text[cut:].islower():
                return parts[text[:cut]]
        return None

    # -- discovery ---------------------------------------------------------------------------------------

    def _is_name_token(self, text, tag, previous=""):
        if text[:1].isupper():
            gazetteers = self.gazetteers
            return tag in ("NE", "FM") or tag == "NN" and (
                text in gazetteers.places or _without_s(text) in gazetteers.places or text in gazetteers.first_names
                or (text in gazetteers.towns and previous in gazetteers.place_prepositions)  # "in Twistringen"
                or (len(text) >= 8 and text.endswith(gazetteers.place_noun_endings))  # "Böckingen"
            )
        # "al-Assad", "el-Sisi": a lower-case particle joined to a name
        particle, _, rest = text.partition("-")
        return bool(rest) and rest[:1].isupper() and particle in self.gazetteers.name_particles

    def _discovered(self, texts, tags, found_before):
        covered = [False] * len(texts)
        for mention in found_before:
            covered[mention.start:mention.end] = [True] * (mention.end - mention.start)
        found = []
        end = 0  # the first token after the last name found
        for position in self._possible_starts(texts, covered):
            if position < end:
                continue
            following = texts[position + 1] if position + 1 < len(texts) else ""
            end = position + 1
            if self._starts_name(texts, tags, position, following):
                end = self._chain_end(texts, tags, covered, position)
                start = position
                while end - start > 1 and self.gazetteers.is_person_title(texts[start]):
                    start += 1  # "Kaiser Franz Joseph": the title is not part of the name
                words = texts[start:end]
                found.append(Found(start, end, None, "discovered", name=" ".join(words),
                                   actor_type=self._chain_type(texts, tags, start, words)))
            elif place := self._place_of_adjective(texts[position], tags[position]):
                # "Gubener Straße" is a place, "Berliner Zeitung" an organisation
                head_type = ("place" if following in self.gazetteers.place_heads
                             else "organisation" if self.gazetteers.is_organisation_word(following) else None)
                if head_type and not covered[end]:
                    end += 1
                    found.append(Found(position, end, None, "discovered", name=f"{texts[position]} {following}",
                                       actor_type=head_type))
                else:  # "Berliner", "Frankfurter"
                    found.append(Found(position, end, None, "discovered", derived=True, name=place,
                                       actor_type="place"))
        return self._with_surnames(texts, covered, found_before, found)

    def _possible_starts(self, texts, covered):
        """The uncovered tokens where a name may start: a capitalised word, a hyphenated one ("al-Assad"), or a
        first name before a capitalised word; the others need no closer look."""
        following = texts[1:] + [""]
        return [
            position for position, (text, after) in enumerate(zip(texts, following)) if not covered[position] and (
                text[:1].isupper() or "-" in text or (after[:1].isupper() and self._is_name_after(text, after)))
        ]

    def _starts_name(self, texts, tags, position, following):
        """A proper noun, or any capitalised word before a legal form ("Carlsen GmbH"), but not a month in a date."""
        text = texts[position]
        previous = texts[position - 1] if position else ""
        if text in self.gazetteers.month_names and (_is_day(previous) or following.isdigit()):
            return False  # "am 5. August", "im August 2015"
        return self._is_name_token(text, tags[position], previous) or (
            text[:1].isupper() and following in self.gazetteers.organisation_words
        ) or self._is_name_after(text, following)

    def _place_of_adjective(self, text, tag):
        """'Frankfurter' -> 'Frankfurt', 'Bremer' -> 'Bremen', 'Wolfsburgern' -> 'Wolfsburg': the place a
        capitalised -er adjective or inhabitant noun is derived from, or None."""
        if not text[:1].isupper() or tag not in ("ADJA", "NE", "NN"):
            return None
        stem = text[:-1] if text.endswith("ern") else text
        if not stem.endswith("er"):
            return None
        # nouns are only read off the hand-picked places: "Trainer", "Hammer" are not from Train or Hamm
        known = (self.gazetteers.places,) if tag == "NN" else (self.gazetteers.places, self.gazetteers.towns)
        for place in (stem[:-2], stem[:-2] + "en"):
            if any(place in names for names in known):
                return place
        return None

    def _chain_end(self, texts, tags, covered, start):
        end = start + 1
        while end < len(texts) and not covered[end]:
            if self._is_name_token(texts[end], tags[end]) or self._is_name_after(texts[end - 1], texts[end]):
                end += 1
                continue
            # "Ursula von der Leyen": particles between two names
            particles = end
            while particles < len(texts) and texts[particles] in self.gazetteers.name_particles:
                particles += 1
            if (particles > end and particles < len(texts) and not covered[particles]
                    and self._is_name_token(texts[particles], tags[particles])):
                end = particles + 1
                continue
            if self.gazetteers.is_organisation_word(texts[end]) and not texts[end - 1].endswith("s"):
                end += 1  # "Porsche AG", "Hirzel Verlag"; but "Gabriels Partei" is Gabriel's party
            break
        return end

    def _is_given_name(self, text):
        """A first name ('Heiko') or an initial ('A.')."""
        return text in self.gazetteers.first_names or (len(text) == 2 and text[0].isupper() and text[1] == ".")

    def _is_name_after(self, previous, text):
        """'Heiko Maas', 'A. Wiegemann', 'SV Wehen-Wiesbaden': a capitalised word after a first name, an
        initial or a club prefix belongs to the name, whatever its tag."""
        gazetteers = self.gazetteers
        return (self._is_given_name(previous) or previous in gazetteers.organisation_prefixes) and (
            text[:1].isupper() and text.replace("-", "").isalpha()
        )

    def _with_surnames(self, texts, covered, catalog_found, discovered):
        """A person named in full is the same person when the surname comes alone ('Gabriels', "Maas'")."""
        people = {}
        for mention in catalog_found + discovered:
            if mention.end - mention.start > 1 and self._is_person(mention):
                people.setdefault(texts[mention.end - 1], mention)
        taken = covered[:]
        found = []
        for mention in discovered:
            taken[mention.start:mention.end] = [True] * (mention.end - mention.start)
            person = people.get(_without_genitive(texts[mention.start], people))
            found.append(_same_person(person, mention.start) if person and mention.end - mention.start == 1
                         else mention)
        for position, text in enumerate(texts if people else ()):
            person = people.get(_without_genitive(text, people)) if text[:1].isupper() else None
            if person and not taken[position]:
                found.append(_same_person(person, position))
        for mention in found:
            if mention.actor_id is None:
                mention.actor_id = slug(mention.name)
        return found

    def _chain_type(self, texts, tags, start, words):
        """person, place, organisation or other, from the gazetteers, the word before and the tags."""
        gazetteers = self.gazetteers
        last = words[-1]
        if len(words) == 1 and (len(last) < 3 or not last.replace("-", "").isalpha() or (
                self._is_code(tags, start, start + 1) and not gazetteers.is_place_name(last))):
            return "other"  # "M5", "Chr", "KG", "ISBN 3-770": codes and abbreviations, not names
        if (gazetteers.is_organisation_word(_without_s(last)) or _is_abbreviation(last) or " ".join(words) in
                gazetteers.organisation_names or (len(words) > 1 and words[0] in gazetteers.organisation_prefixes)):
            return "organisation"
        previous = texts[start - 1] if start > 0 else ""
        if gazetteers.is_organisation_class(previous):  # "die Ölgesellschaft Petrobras"
            return "organisation"
        if (len(words) > 1 and self._is_given_name(words[0])) or gazetteers.is_person_title(previous):
            return "person"
        name = " ".join(words)
        if name in gazetteers.places or name in gazetteers.towns or previous in gazetteers.place_prepositions:
            return "place"
        if len(words) == 1 and (gazetteers.is_place_name(last) or gazetteers.is_place_name(_without_s(last))):
            return "place"  # "Twistringen", "Leipzigs"
        end = start + len(words)
        if all(tag == "NE" for tag in tags[start:end]) and not self._marked_as_thing(tags, start, end):
            # "Wolfgang Benz", "Gabriel sagte": proper nouns are most often a person's name
            return "person"
        return "other"

    @staticmethod
    def _marked_as_thing(tags, start, end):
        """An article or adjective before a name ('der Transrapid', 'neue Astra'), or quotation marks or brackets
        around a single word ('"Linux"'), mark the name of a thing rather than of a person."""
        before = tags[start - 1] if start > 0 else ""
        after = tags[end] if end < len(tags) else ""
        return before in ("ART", "ADJA") or (end - start == 1 and "$(" in (before, after))

    @staticmethod
    def _is_code(tags, start, end):
        """'ISBN 3-770', 'Windows 7', 'PMID 17117481': a single name before a number names a code or a model."""
        return end - start == 1 and end < len(tags) and tags[end] == "CARD"

    # -- roles and titles before names --------------------------------------------------------------------

    def _merge_titles(self, found):
        """'Kreml-Chef Wladimir Putin' is one mention of Putin; a role alone means its holder today (the
        mention table resolves it at the article's date)."""
        merged = []
        for mention in found:
            previous = merged[-1] if merged else None
            if (previous is not None and previous.end == mention.start and previous.kind in ("role", "compound")
                    and self._is_person(mention)):
                mention.name_start = mention.start
                mention.start = previous.start
                merged[-1] = mention
                continue
            if mention.kind == "role":
                mention.actor_id = self.catalog.role_holder(mention.title)
            merged.append(mention)
        return merged

    def _is_person(self, mention):
        if mention.kind == "discovered":
            return mention.actor_type == "person"
        return mention.actor_id is not None and self.catalog.actor(mention.actor_id).type == "person"


def _is_day(text):
    """'5.', '17.': a day of the month as written before a month name."""
    return text.endswith(".") and text[:-1].isdigit() and len(text) <= 3


def _without_s(text):
    """'Leipzigs' -> 'Leipzig': a name without its genitive -s."""
    return text[:-1] if text.endswith("s") else text


def _is_abbreviation(text):
    """'UEFA', 'ADAC': a word of three or more capitals (names of organisations, mostly)."""
    return len(text) >= 3 and text.isalpha() and text.isupper()


def _same_person(person, position):
    """A one-token mention at `position` of the person of the mention `person`."""
    return Found(position, position + 1, person.actor_id, person.kind, name=person.name, actor_type=person.actor_type)


def _without_genitive(word, known):
    """'Gabriels' -> 'Gabriel' if 'Gabriel' is in `known`; otherwise the word unchanged."""
    for ending in ("s",) + APOSTROPHES:
        if word.endswith(ending) and word[: -len(ending)] in known:
            return word[: -len(ending)]
    return word


# ---------------------------------------------------------------------------------------------------------
# The spaCy component


@Language.factory("blickwinkel_actors", default_config={"catalogs": []})
def make_actor_component(nlp, name, catalogs):
    """spaCy component: actor mentions in `doc.spans["actors"]` (label = actor id, details in `span._.actor`).

        nlp = load_pipeline(catalogs=["my_actors.yaml"])     # adds this component
    """
    return ActorComponent(nlp, tuple(catalogs))


class ActorComponent:
    def __init__(self, nlp, catalogs):
        self.catalogs = catalogs
        self.tokenize = lambda text: [token.text for token in nlp.tokenizer(text)]
        self.gazetteers = Gazetteers.bundled()
        self.catalog = None
        self.finder = None
        self.refresh()

    def refresh(self):
        """Re-read the catalogs if a file changed (after `promote`), so the next Doc uses the new entries."""
        catalog = load_catalog(self.catalogs)
        if catalog is not self.catalog:
            self.catalog = catalog
            self.finder = MentionFinder(catalog, self.gazetteers, self.tokenize)

    def __call__(self, doc):
        self.refresh()
        spans = []
        for mention in self.finder(doc):
            span = Span(doc, mention.start, mention.end, label=mention.actor_id or "")
            span._.actor = {
                "kind": mention.kind,
                "title": mention.title,
                "name_start": doc[mention.name_start].idx if mention.name_start is not None else None,
                "derived": mention.derived,
                "name": mention.name,
                "actor_type": mention.actor_type,
            }
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


# ---------------------------------------------------------------------------------------------------------
# Tables


def actor_mentions(article, pipeline=None, catalogs=()):
    """One row per actor mention in an article (columns: MENTION_COLUMNS), in text order.

        mentions = actor_mentions(article)
        mentions = actor_mentions(article, catalogs=["my_actors.yaml"])

    Mentions inside the dateline ("Paris/Moskau (dpa) -") are left out: a dateline says where the news was
    written, not who it is about. A role alone ("der Kreml-Chef") counts for its holder at the article's date.
    """
    return table_of([actor_mention_columns(article, pipeline, catalogs)])


def actor_mention_columns(article, pipeline=None, catalogs=()):
    """The rows of `actor_mentions` as `helpers.tables.Columns`, computed once per article and pipeline
    (quotes and framing ask for them too, a corpus run joins those of many articles into one table)."""
    nlp = pipeline or load_pipeline(catalogs=catalogs)
    return remembered(article, ("actor_mentions",), lambda: _mention_columns(article, nlp), nlp)


def _mention_columns(article, nlp):
    catalog = _component(nlp).catalog
    rows = []
    for span in parse(article, nlp).spans[SPAN_KEY]:
        if article.dateline and article.dateline[0] <= span.start_char < article.dateline[1]:
            continue
        details = span._.actor
        if details["kind"] == "discovered":
            actor = Actor(span.label_, details["name"], details["actor_type"])
        else:
            actor_id = span.label_
            if details["kind"] == "role":
                actor_id = catalog.role_holder(details["title"], article.date)
            if actor_id is None:
                continue  # a title nobody held at the article's date, and no name follows it
            actor = catalog.actor(actor_id)
        affiliation = catalog.actors.get(actor.affiliation)
        place = article.locate(span.start_char)
        rows.append((
            article.id, actor.id, actor.name, actor.type, affiliation.name if affiliation else None,
            details["kind"], span.text, span.start_char, span.end_char,
            place["sentence"], place["section_index"], place["section"], place["part"],
        ))
    return Columns.of_rows(MENTION_COLUMNS, rows)


def _component(nlp):
    if "blickwinkel_actors" not in nlp.pipe_names:
        raise PipelineError(
            "this pipeline has no actor component: use load_pipeline() (actors=True is the default)"
        )
    return nlp.get_pipe("blickwinkel_actors")


def actor_counts(mentions):
    """Mentions per actor, most mentioned first (a Series indexed by actor name).

        actor_counts(actor_mentions(article)).head(3)
    """
    return mentions.groupby("actor").size().sort_values(ascending=False, kind="stable").rename("mentions")


def mentions_by_section(mentions):
    """A section x actor table of mention counts (rows: section index and title, in text order).

        mentions_by_section(mentions).loc[:, ["Russland", "Frankreich"]]
    """
    order = actor_counts(mentions).index
    table = pd.crosstab([mentions["section_index"], mentions["section"]], mentions["actor"])
    return table.reindex(columns=order)


def actor_cooccurrence(mentions):
    """Pairs of actors named in the same sentence, with the number of such sentences, most frequent first.

        actor_cooccurrence(mentions).head()      # actor_a, actor_b, sentences
    """
    pairs = {}
    for _, actors in mentions.dropna(subset=["sentence"]).groupby(["article_id", "sentence"])["actor"]:
        for pair in combinations(sorted(set(actors)), 2):
            pairs[pair] = pairs.get(pair, 0) + 1
    table = pd.DataFrame([(a, b, n) for (a, b), n in pairs.items()], columns=["actor_a", "actor_b", "sentences"])
    return table.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


def discovered_names(article, pipeline=None, catalogs=()):
    """The names the catalog does not know, one row per discovered actor: actor_id, actor, actor_type,
    mentions, variants (the surfaces, e.g. 'Sigmar Gabriel | Gabriels') and first (offset of the first one).

        discovered_names(article)
    """
    mentions = actor_mentions(article, pipeline, catalogs)
    found = mentions[mentions["kind"] == "discovered"]
    table = found.groupby(["actor_id", "actor", "actor_type"], as_index=False).agg(
        mentions=("surface", "size"),
        variants=("surface", lambda surfaces: " | ".join(dict.fromkeys(surfaces))),
        first=("start", "min"),
    )
    return table.sort_values("first", ignore_index=True)


# ---------------------------------------------------------------------------------------------------------
# Promoting discovered names into the user's catalog

CATALOG_HEADER = """\
# My actor catalog for Blickwinkel: same format as helpers/resources/actors.yaml.
# Use it with actor_mentions(article, catalogs=["{name}"]).

actors:
"""


def promote(names, path, actor_type=None):
    """Append names to the user's catalog file (created if missing), so that the next run recognises them.

        promote(discovered_names(article), "my_actors.yaml")          # a table from discovered_names
        promote(["Sigmar Gabriel"], "my_actors.yaml", actor_type="person")

    A person also gets the surname alone ('Gabriel'); genitives are generated as for every catalog name.
    Names whose id the file already has are skipped. Returns the ids written.
    """
    path = Path(path)
    if isinstance(names, pd.DataFrame):
        entries = list(zip(names["actor"], names["actor_type"]))
    else:
        entries = [(name, actor_type or "other") for name in names]
    existing = path.read_text(encoding="utf-8") if path.exists() else CATALOG_HEADER.format(name=path.name)
    known = {entry.get("id") for entry in (yaml.safe_load(existing) or {}).get("actors") or []}
    today = datetime.date.today().isoformat()
    written = []
    blocks = []
    for name, kind_of_actor in entries:
        if kind_of_actor not in ACTOR_TYPES:
            raise ResourceError(f"cannot promote {name!r} as {kind_of_actor!r}: use one of {', '.join(ACTOR_TYPES)}")
        actor_id = slug(name)
        if actor_id in known or actor_id in written:
            continue
        forms = [name]
        if kind_of_actor == "person" and " " in name:
            forms.append(name.rsplit(" ", 1)[1])
        blocks.append(yaml.safe_dump(
            [{"id": actor_id, "name": name, "type": kind_of_actor, "names": forms}],
            allow_unicode=True, sort_keys=False, default_flow_style=None,
        ).replace("- id:", f"# promoted from discovered names on {today}\n- id:"))
        written.append(actor_id)
    if not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + "".join(_indented(block) for block in blocks), encoding="utf-8")
    return written


def _indented(block):
    return "".join("  " + line + "\n" for line in block.splitlines())
