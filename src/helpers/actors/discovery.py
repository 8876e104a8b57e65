"""Discovery: the proper names in a Doc that the catalog does not know, typed person / place / organisation / other.

    discovery = NameDiscovery(load_catalog(), Gazetteers.bundled())
    discovery(texts, tags, catalog_mentions)     # [FoundMention(..., kind="discovered", name=..., actor_type=...)]

A name is a chain of tokens tagged `NE` (or listed in the gazetteers of first names and places, or joined to a
first name, an initial or a club prefix); its type comes from the word lists (`helpers.actors.gazetteers`),
the word before it and the tags. A surname alone ("Gabriels") is the person named in full before.
"""

from helpers.actors.catalog import Catalog
from helpers.actors.gazetteers import Gazetteers
from helpers.actors.mention import FoundMention, names_a_person
from helpers.german import stts
from helpers.german.word_forms import APOSTROPHES, slug, without_genitive, without_genitive_s


MAX_KNOWN_TOKENS = 200_000  # (text, tag) pairs whose kind is kept; then they are looked at anew
TOWN = "town"


class NameDiscovery:
    """Finds uncatalogued names among the tokens not covered by catalog mentions."""

    def __init__(self, catalog: Catalog, gazetteers: Gazetteers):
        self.catalog = catalog
        self.gazetteers = gazetteers
        self._kinds = {}  # (text, tag) -> what `_token_kind` says: the same words recur in every article

    def __call__(self, texts: list[str], tags: list[str], catalog_mentions: list[FoundMention]) -> list[FoundMention]:
        """The discovered names of a Doc (token texts and STTS tags), around its catalog mentions."""
        return self._discovered(texts, tags, catalog_mentions)

    def _is_name_token(self, text, tag, previous=""):
        kinds = self._kinds
        kind = kinds.get((text, tag))
        if kind is None:
            if len(kinds) > MAX_KNOWN_TOKENS:
                kinds.clear()
            kind = kinds[text, tag] = self._token_kind(text, tag)
        return kind is True or kind == TOWN and previous in self.gazetteers.place_prepositions  # "in Twistringen"

    def _token_kind(self, text, tag):
        """True for a word that is part of a name wherever it stands, TOWN for a town's name, which is one
        after a preposition of place only, else False."""
        if text[:1].isupper():
            gazetteers = self.gazetteers
            if tag in stts.NAMES or tag == stts.COMMON_NOUN and (
                text in gazetteers.places or without_genitive_s(text) in gazetteers.places or text in gazetteers.first_names
                or (len(text) >= 8 and text.endswith(gazetteers.place_noun_endings))  # "Böckingen"
            ):
                return True
            return TOWN if tag == stts.COMMON_NOUN and text in gazetteers.towns else False
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
                found.append(FoundMention(start, end, None, "discovered", name=" ".join(words),
                                   actor_type=self._chain_type(texts, tags, start, words)))
            elif place := self._place_of_adjective(texts[position], tags[position]):
                # "Gubener Straße" is a place, "Berliner Zeitung" an organisation
                head_type = ("place" if following in self.gazetteers.place_heads
                             else "organisation" if self.gazetteers.is_organisation_word(following) else None)
                if head_type and not covered[end]:
                    end += 1
                    found.append(FoundMention(position, end, None, "discovered", name=f"{texts[position]} {following}",
                                       actor_type=head_type))
                else:  # "Berliner", "Frankfurter"
                    found.append(FoundMention(position, end, None, "discovered", derived=True, name=place,
                                       actor_type="place"))
            elif self._opens_a_name(texts, tags, position, following) and not covered[end]:
                # "Deutscher Städtetag", "Rote Kreuz": an organisation, unless its noun names a place
                found.append(FoundMention(position, end + 1, None, "discovered", name=f"{texts[position]} {following}",
                                   actor_type="place" if following in self.gazetteers.place_heads
                                   else "organisation"))
                end += 1
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
            and tags[position] not in stts.DETERMINERS  # "Der Konzern" describes, it does not name
        ) or self._is_name_after(text, following)

    def _opens_a_name(self, texts, tags, position, following):
        """A state's adjective written with a capital inside a sentence (not after punctuation, which may end
        one) before a capitalised common noun: the first word of a name (the catalog leaves it, see
        `CatalogMatcher._adjective_in_a_name`)."""
        text, adjectives = texts[position], self.catalog.adjectives
        return (tags[position] == stts.ATTRIBUTIVE_ADJECTIVE and text in adjectives
                and text[:1].lower() + text[1:] in adjectives and position > 0
                and not tags[position - 1].startswith("$") and following[:1].isupper()
                and tags[position + 1] == stts.COMMON_NOUN)

    def _place_of_adjective(self, text, tag):
        """'Frankfurter' -> 'Frankfurt', 'Bremer' -> 'Bremen', 'Wolfsburgern' -> 'Wolfsburg': the place a
        capitalised -er adjective or inhabitant noun is derived from, or None."""
        if not text[:1].isupper() or tag not in stts.NOUNS | {stts.ATTRIBUTIVE_ADJECTIVE}:
            return None
        stem = text[:-1] if text.endswith("ern") else text
        if not stem.endswith("er"):
            return None
        # nouns are only read off the hand-picked places: "Trainer", "Hammer" are not from Train or Hamm
        known = (self.gazetteers.places,) if tag == stts.COMMON_NOUN else (self.gazetteers.places, self.gazetteers.towns)
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
            if mention.end - mention.start > 1 and names_a_person(mention, self.catalog):
                people.setdefault(texts[mention.end - 1], mention)
        taken = covered[:]
        found = []
        for mention in discovered:
            taken[mention.start:mention.end] = [True] * (mention.end - mention.start)
            person = people.get(without_genitive(texts[mention.start], people))
            found.append(_same_person(person, mention.start) if person and mention.end - mention.start == 1
                         else mention)
        # only the words that are a surname, or one with a genitive ending, need a closer look
        forms = {surname + ending for surname in people for ending in ("", "s", *APOSTROPHES)}
        for position in [position for position, text in enumerate(texts) if text in forms]:
            text = texts[position]
            person = people.get(without_genitive(text, people)) if text[:1].isupper() else None
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
        if (gazetteers.is_organisation_word(without_genitive_s(last)) or _is_abbreviation(last) or " ".join(words) in
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
        if len(words) == 1 and (gazetteers.is_place_name(last) or gazetteers.is_place_name(without_genitive_s(last))):
            return "place"  # "Twistringen", "Leipzigs"
        end = start + len(words)
        if all(tag == stts.PROPER_NOUN for tag in tags[start:end]) and not self._marked_as_thing(tags, start, end):
            # "Wolfgang Benz", "Gabriel sagte": proper nouns are most often a person's name
            return "person"
        return "other"

    @staticmethod
    def _marked_as_thing(tags, start, end):
        """An article or adjective before a name ('der Transrapid', 'neue Astra'), or quotation marks or brackets
        around a single word ('"Linux"'), mark the name of a thing rather than of a person."""
        before = tags[start - 1] if start > 0 else ""
        after = tags[end] if end < len(tags) else ""
        return before in stts.BEFORE_A_THING or (end - start == 1 and stts.OTHER_PUNCTUATION in (before, after))

    @staticmethod
    def _is_code(tags, start, end):
        """'ISBN 3-770', 'Windows 7', 'PMID 17117481': a single name before a number names a code or a model."""
        return end - start == 1 and end < len(tags) and tags[end] == stts.NUMBER


def _is_day(text):
    """'5.', '17.': a day of the month as written before a month name."""
    return text.endswith(".") and text[:-1].isdigit() and len(text) <= 3


def _is_abbreviation(text):
    """'UEFA', 'ADAC': a word of three or more capitals (names of organisations, mostly)."""
    return len(text) >= 3 and text.isalpha() and text.isupper()


def _same_person(person, position):
    """A one-token mention at `position` of the person of the mention `person`."""
    return FoundMention(position, position + 1, person.actor_id, person.kind, name=person.name,
                        actor_type=person.actor_type)
