"""Roles before names and the affiliations they tell: "Kreml-Chef Wladimir Putin", "GDL-Chef Mario Reiß",
"Patrick Schnieder (CDU)".

    with_roles(found, texts, catalog, gazetteers, date)   # mentions merged with their roles, affiliations found

A role before a person's name is part of that person's mention ("Kreml-Chef Wladimir Putin" is one mention of
Putin; `name_start` marks where the name begins); a role alone means its holder at the article's date. For a
person the catalog does not know, a role compound with an organisation, party or state in it ("GDL-Chef",
"SPD-Verkehrspolitikerin", "Bahn-Personalvorstand") also names that actor (a mention of its own) and gives the
person's affiliation, as does a party or organisation in brackets after the name ("Patrick Schnieder (CDU)"),
a state named right before the role ("der italienische Innenminister Giuliano Amato", "Frankreichs Präsident
Nicolas Sarkozy": Italien, Frankreich), and an organisation or state attached to a title in apposition ("Klaus
Weber, der Chef der IG Metall", "der frühere Präsident des Irak, Saddam Hussein", "Renate Künast von den Grünen").
An organisation the catalog does not know gets the state before its class noun ("die chinesische
Nachrichtenagentur Xinhua": China). An affiliation found in the text holds for every mention of the actor in
the article.
"""

from dataclasses import dataclass
from functools import lru_cache

from helpers.actors.catalog import Catalog
from helpers.actors.gazetteers import Gazetteers
from helpers.actors.mention import FoundMention, names_a_person
from helpers.german.word_forms import slug
from helpers.resources import read_yaml

# The actor types that a person can belong to (an affiliation), as the catalog types them
AFFILIATION_TYPES = frozenset({"organisation", "state", "group"})
MAX_APPOSITION_WORDS = 8  # "Albrecht Conze, der politische Direktor der UN-Mission im Kongo,"


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
    _affiliations_in_appositions(merged, texts, catalog, gazetteers, affiliations)
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
        if person.actor_id not in catalog.actors or catalog.actor(person.actor_id).affiliation is None:
            affiliations.setdefault(_person_id(person), affiliation)


def _affiliation_of(mention, catalog):
    """The Affiliation a mention names when a person can belong to its actor (an organisation, party, state or
    group), else None."""
    if mention.kind == "discovered":
        return Affiliation(slug(mention.name), mention.name, mention.actor_type) \
            if mention.actor_type in AFFILIATION_TYPES else None
    if mention.actor_id is None or mention.kind == "role":
        return None
    actor = catalog.actor(mention.actor_id)
    return Affiliation(actor.id, actor.name, actor.type) if actor.type in AFFILIATION_TYPES else None


def _affiliations_in_appositions(mentions, texts, catalog, gazetteers, affiliations):
    """'Hansjörg Elshorst, Vorstandsvorsitzender von Transparency International,', 'Albrecht Conze, der
    politische Direktor der UN-Mission', 'der Leiter der UNO-Studie, Paulo Pinheiro,', 'der frühere Präsident
    Irans, Mohammad Chātamī', 'Ken Rice vom Institut für Astronomie': the organisation, party or state of a
    title in apposition to a person's name (between commas, no further than `MAX_APPOSITION_WORDS`), or after
    `von` right behind the name."""
    for index, person in enumerate(mentions):
        if not names_a_person(person, catalog):
            continue
        if person.actor_id in catalog.actors and catalog.actor(person.actor_id).affiliation is not None:
            continue
        after = (mention for mention in mentions[index + 1:index + 4] if mention.start >= person.end)
        before = (mention for mention in reversed(mentions[max(index - 3, 0):index]) if mention.end <= person.start)
        affiliation = _affiliation_after(person, after, texts, catalog, gazetteers) \
            or _affiliation_before(person, before, texts, catalog, gazetteers)
        if affiliation is not None:
            affiliations.setdefault(_person_id(person), affiliation)


def _affiliation_after(person, following, texts, catalog, gazetteers):
    """The affiliation in ', Vorsitzender von X' or 'vom X' right after a person's name."""
    grammar = _grammar()
    if person.end < len(texts) and texts[person.end] in grammar["prepositions"]:  # "Ken Rice vom Institut"
        organisation = next(following, None)
        if organisation is not None and organisation.start - person.end <= 2:
            return _affiliation_of(organisation, catalog)
        return None
    if person.end >= len(texts) or texts[person.end] != ",":
        return None
    limit = min(person.end + 1 + MAX_APPOSITION_WORDS, len(texts))
    boundary = next((i for i in range(person.end + 1, limit) if texts[i] in grammar["apposition_ends"]), limit)
    title = next((i for i in range(person.end + 1, boundary) if gazetteers.is_person_title(texts[i])), None)
    if title is None:
        return None
    inside = [mention for mention in following if mention.start < boundary]
    for position, mention in enumerate(inside):
        if mention.start > title and _attached(texts, title, mention, grammar):
            return _affiliation_of(_head(inside[position:], texts), catalog)
    return None


def _affiliation_before(person, preceding, texts, catalog, gazetteers):
    """The affiliation in 'der Leiter der UNO-Studie, Paulo Pinheiro': a title with an organisation or state
    attached, then a comma right before the person's name."""
    if person.start < 2 or texts[person.start - 1] != ",":
        return None
    grammar = _grammar()
    first = max(person.start - 1 - MAX_APPOSITION_WORDS, 0)
    boundary = next((i for i in range(person.start - 2, first - 1, -1) if texts[i] in grammar["apposition_ends"]),
                    first - 1)
    attached = []
    for mention in preceding:
        if mention.start <= boundary:
            break
        attached.append(mention)
    attached.reverse()  # in text order
    for position, mention in enumerate(attached):  # the first one after the title
        title = next((i for i in range(mention.start - 1, boundary, -1) if gazetteers.is_person_title(texts[i])),
                     None)
        if title is not None and _attached(texts, title, mention, grammar):
            return _affiliation_of(_head(attached[position:], texts), catalog)
    return None


def _head(chain, texts):
    """Of mentions in text order, the last of those that follow each other with at most a noun or a genitive
    article between: the name a phrase ends in ("der chinesischen Weltraumbehörde CNSA" -> CNSA, "der
    US-Weltraumbehörde NASA" -> NASA, "der Bundestagsfraktion der Grünen" -> Grüne; not "der Unionsfraktion im
    Bundestag")."""
    head = chain[0]
    for mention in chain[1:]:
        between = texts[head.end:mention.start]
        if len(between) > 1 or between and not (between[0][:1].isupper()
                                                or between[0] in _grammar()["genitive_articles"]):
            break
        head = mention
    return head


def _attached(texts, title, mention, grammar):
    """Whether a mention hangs on the title at `title`: after a genitive article or `von` ("Direktor der
    UN-Mission", "Leiter von Transparency", "Direktor des Rumänischen Kulturinstituts"), or as a state's
    genitive name right after it ("Präsident Irans")."""
    between = [text.lower() for text in texts[title + 1:mention.start]]
    if not between:
        return mention.kind == "name" and texts[mention.end - 1].endswith("s")
    return len(between) <= 2 and (between[0] in grammar["genitive_articles"] or between[0] in grammar["prepositions"])


@lru_cache(maxsize=None)
def _grammar():
    """`affiliation_grammar.yaml` as sets."""
    return {section: frozenset(words) for section, words in read_yaml("affiliation_grammar.yaml").items()}


def _states_before_roles(mentions, texts, catalog, gazetteers, affiliations):
    """'der italienische Innenminister Giuliano Amato', 'Frankreichs Präsident Nicolas Sarkozy': a state (its
    demonym, or its name in the genitive) right before the title that stands right before a person's name; and
    so for an organisation the catalog does not know after its class noun ('die chinesische Nachrichtenagentur
    Xinhua': China)."""
    for state, named in zip(mentions, mentions[1:]):
        if state.kind not in ("demonym", "name") or state.actor_id is None or named.start != state.end + 1:
            continue
        if state.kind == "name" and not texts[state.end - 1].endswith("s"):
            continue  # "Frankreichs Präsident", not "Frankreich Präsident" (no such phrase)
        if names_a_person(named, catalog):
            if not gazetteers.is_person_title(texts[state.end]):
                continue
        elif not (named.kind == "discovered" and named.actor_type == "organisation"
                  and gazetteers.is_organisation_class(texts[state.end])):
            continue
        actor = catalog.actor(state.actor_id)
        if actor.type != "state":
            continue
        if named.actor_id not in catalog.actors or catalog.actor(named.actor_id).affiliation is None:
            affiliations.setdefault(_person_id(named), Affiliation(actor.id, actor.name, actor.type))
