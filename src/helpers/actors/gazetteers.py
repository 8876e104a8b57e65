"""The word lists by which discovery recognises and types names the catalog does not know.

    gazetteers = Gazetteers.bundled()
    gazetteers.is_place_name("Twistringen")     # True: a town of GeoNames
    gazetteers.is_person_title("Kanzlerin")     # True

Entries with a leading '-' in a list are word endings (`-burg`, `-partei`). Files in `resources/`:
first_names.txt, person_titles.txt, name_particles.txt, gazetteer_places.txt, gazetteer_towns.txt (GeoNames,
CC BY 4.0), place_name_parts.txt, place_prepositions.txt, organisation_suffixes.txt,
organisation_prefixes.txt, organisation_classes.txt, organisation_names.txt, month_names.txt.
"""

from dataclasses import dataclass

from helpers.german.word_forms import without_genitive_s
from helpers.resources import word_list


@dataclass(frozen=True)
class Gazetteers:
    """The word lists of discovery, read once (`Gazetteers.bundled()`)."""

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
            for word in (text, without_genitive_s(text))
        )

    def is_person_title(self, text):
        """'Kanzlerin', 'Verteidigungsminister', 'GDL-Chef': a title or office before a person's name (after a
        hyphen, the part behind it: 'SPD-Verkehrspolitikerin')."""
        head = text.rsplit("-", 1)[-1] if "-" in text[1:] else text
        return head in self.person_titles or (head[:1].isupper() and head.lower().endswith(self.person_title_endings))

    def is_place_name(self, text):
        endings = self.place_endings + self.place_noun_endings
        # one endswith over all endings first: most words end in none of them (a third of discovery's time)
        return text in self.places or text in self.towns or text.endswith(endings) and any(
            text.endswith(ending) and len(text) >= len(ending) + 3 for ending in endings
        )


def _words_and_endings(name):
    entries = word_list(name)
    words = frozenset(entry for entry in entries if not entry.startswith("-"))
    return words, tuple(entry[1:] for entry in entries if entry.startswith("-"))

