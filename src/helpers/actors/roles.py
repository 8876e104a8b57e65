"""Roles before names and the affiliations they tell: "Kreml-Chef Wladimir Putin", "GDL-Chef Mario Reiß",
"Patrick Schnieder (CDU)".

    with_roles(found, texts, catalog, gazetteers, date)   # mentions merged with their roles, affiliations found

A role before a person's name is part of that person's mention ("Kreml-Chef Wladimir Putin" is one mention of
Putin; `name_start` marks where the name begins); a role alone means its holder at the article's date. For a
person the catalog does not know, a role compound with an organisation, party or state in it ("GDL-Chef",
"SPD-Verkehrspolitikerin", "Bahn-Personalvorstand") also names that actor (a mention of its own) and gives the
person's affiliation, as does a party or organisation in brackets after the name ("Patrick Schnieder (CDU)"),
and a state named right before the role ("der italienische Innenminister Giuliano Amato", "Frankreichs Präsident
Nicolas Sarkozy": Italien, Frankreich). An affiliation found in the text holds for every mention of the person in
the article.
"""

from dataclasses import dataclass

from helpers.actors.catalog import Catalog
from helpers.actors.gazetteers import Gazetteers
from helpers.actors.mention import FoundMention, names_a_person
from helpers.german.word_forms import slug

# The actor types that a person can belong to (an affiliation), as the catalog types them
AFFILIATION_TYPES = frozenset({"organisation", "state", "group"})


@dataclass(frozen=True)
class Affiliation:
    """The actor a person belongs to, as the text says it: its id, display name and type."""

    actor_id: str
    name: str
    actor_type: str


def with_roles(found: list[FoundMention], texts: list[str], catalog: Catalog, gazetteers: Gazetteers,
               date: str | None) -> tuple[list[FoundMention], dict[str, Affiliation]]:
    """The mentions (in text order) with the roles before names merged into them, new mentions of the
    actors inside role compounds, and the affiliations the text gives, by person id."""
    merged, affiliations = [], {}
    for mention in found:
        previous = merged[-1] if merged else None
        adjacent = previous is not None and previous.end == mention.start
        if adjacent and previous.kind in ("role", "compound") and names_a_person(mention, catalog):
            role = merged.pop()
            if mention.kind == "discovered" and role.kind == "compound" and _is_role_compound(texts[role.start],
                                                                                                gazetteers):
                actor = catalog.actor(role.actor_id)
                if actor.type in AFFILIATION_TYPES:  # "SPD-Verkehrspolitikerin Anja Brenner": SPD is named too
                    merged.append(role)
                    affiliations.setdefault(_person_id(mention), Affiliation(actor.id, actor.name, actor.type))
            mention.name_start = mention.start
            mention.start = role.start
            merged.append(mention)
            continue
        if mention.kind == "discovered" and names_a_person(mention, catalog) and mention.start > 0 \
                and not (adjacent and previous.kind != "discovered"):
            organisation = _organisation_in_role(texts, mention.start - 1, gazetteers, found)
            if organisation is not None:  # "GDL-Chef Mario Reiß": an organisation the catalog does not know
                merged.append(organisation)
                affiliations.setdefault(_person_id(mention), Affiliation(organisation.actor_id, organisation.name,
                                                                         "organisation"))
                mention.name_start = mention.start
                mention.start -= 1
        if mention.kind == "role":
            mention.actor_id = catalog.role_holder(mention.title, date)
        merged.append(mention)
    _affiliations_in_brackets(merged, texts, catalog, affiliations)
    _states_before_roles(merged, texts, catalog, gazetteers, affiliations)
    return merged, affiliations


def _person_id(mention):
    return mention.actor_id or slug(mention.name)


def _is_role_compound(text, gazetteers):
    """'GDL-Chef', 'SPD-Verkehrspolitikerin': a hyphenated word whose last part is an office or a title."""
    return "-" in text[1:] and gazetteers.is_person_title(text)


def _organisation_in_role(texts, position, gazetteers, found):
    """The organisation a role compound at `position` names, when the catalog does not know it: its first part
    written in capitals ("GDL-Chef"), or named as an organisation elsewhere in the article."""
    text = texts[position]
    if not _is_role_compound(text, gazetteers):
        return None
    prefix = text.rsplit("-", 1)[0]
    named_elsewhere = any(mention.kind == "discovered" and mention.actor_type == "organisation"
                          and mention.name == prefix for mention in found)
    if not (named_elsewhere or (len(prefix) >= 2 and prefix.isalpha() and prefix.isupper())):
        return None
    return FoundMention(position, position + 1, None, "compound", name=prefix, actor_type="organisation")


def _affiliations_in_brackets(mentions, texts, catalog, affiliations):
    """'Patrick Schnieder (CDU)': an organisation or party alone in brackets right after a person's name."""
    for person, bracketed in zip(mentions, mentions[1:]):
        if not names_a_person(person, catalog) or bracketed.start != person.end + 1:
            continue
        if texts[person.end] != "(" or bracketed.end >= len(texts) or texts[bracketed.end] != ")":
            continue
        if bracketed.kind == "discovered":
            if bracketed.actor_type == "organisation":
                affiliation = Affiliation(slug(bracketed.name), bracketed.name, "organisation")
            else:
                continue
        else:
            actor = catalog.actor(bracketed.actor_id)
            if actor.type not in AFFILIATION_TYPES:
                continue
            affiliation = Affiliation(actor.id, actor.name, actor.type)
        if person.kind == "discovered" or catalog.actor(person.actor_id).affiliation is None:
            affiliations.setdefault(_person_id(person), affiliation)


def _states_before_roles(mentions, texts, catalog, gazetteers, affiliations):
    """'der italienische Innenminister Giuliano Amato', 'Frankreichs Präsident Nicolas Sarkozy': a state (its
    demonym, or its name in the genitive) right before the title that stands right before a person's name."""
    for state, person in zip(mentions, mentions[1:]):
        if state.kind not in ("demonym", "name") or state.actor_id is None or person.start != state.end + 1:
            continue
        if state.kind == "name" and not texts[state.end - 1].endswith("s"):
            continue  # "Frankreichs Präsident", not "Frankreich Präsident" (no such phrase)
        if not names_a_person(person, catalog) or not gazetteers.is_person_title(texts[state.end]):
            continue
        actor = catalog.actor(state.actor_id)
        if actor.type != "state":
            continue
        if person.kind == "discovered" or catalog.actor(person.actor_id).affiliation is None:
            affiliations.setdefault(_person_id(person), Affiliation(actor.id, actor.name, actor.type))
