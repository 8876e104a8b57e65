"""Descriptions that refer to an organisation: "der Konzern", "das Gericht", "ein Sprecher des Innenministeriums".

    describe_back(found, texts, tags, catalog, gazetteers, affiliations)    # mentions of kind "description"

A description is a definite article, adjectives if any, and a class noun of organisations
(`organisation_classes.txt`) or a noun for a public institution (`institution_nouns.txt`), not followed by a
name. It refers to the last organisation named before it that the text or the catalog gives that class: the
catalog's `classes` of an actor ("Konzern" for Deutsche Bahn), the class noun written right before a name ("der
Lokführergewerkschaft GDL" makes GDL a Gewerkschaft), or a class or institution noun in the words that name it
("Das Gericht" after "das Bundesverfassungsgericht", "des Verbands" after "der Bundesverband der Deutschen
Industrie"). Where no such organisation was named, a class noun refers to the last organisation of no known
class named shortly before (`MAX_WORDS_BACK`: "Die Telekom streicht Stellen. Der Konzern teilte mit"; a whole
class noun only, not "die Schwesterpartei"), and an
institution noun names the institution itself: "des Innenministeriums" is a mention of "Innenministerium";
with a state's adjective before it, "das russische Außenministerium" is one of "Außenministerium (Russland)",
which belongs to Russland (its affiliation). Otherwise a description is not a mention ("die Firma" alone says
too little).
"""

from functools import lru_cache

from helpers.actors.catalog import Catalog
from helpers.actors.gazetteers import Gazetteers
from helpers.actors.mention import FoundMention
from helpers.actors.roles import AFFILIATION_TYPES, Affiliation
from helpers.german import stts
from helpers.german.word_forms import DEFINITE_ARTICLES, slug, without_genitive_s
from helpers.resources import word_list

MAX_ADJECTIVES = 3  # "das frühere russische Außenministerium"
MAX_WORDS_BACK = 40  # a class noun with no organisation of its class refers to one named at most two sentences back


def describe_back(found: list[FoundMention], texts: list[str], tags: list[str], catalog: Catalog,
                  gazetteers: Gazetteers, affiliations: dict | None = None) -> list[FoundMention]:
    """The mentions of kind "description" among the tokens that `found` (in text order) leaves free; the state
    an institution belongs to goes into `affiliations` (actor id -> Affiliation)."""
    covered = {}
    for mention in found:
        for position in range(mention.start, mention.end):
            covered[position] = mention
    classes = {}  # (actor id, name, type) of an organisation named so far -> its class nouns, lower case
    last_named = {}  # the same -> the position after its last mention
    descriptions = []
    mentions = iter(found)
    upcoming = next(mentions, None)
    for position, text in enumerate(texts):
        while upcoming is not None and upcoming.start < position:
            actor = _learn_classes(upcoming, texts, catalog, gazetteers, classes)
            if actor is not None:
                last_named[actor] = upcoming.end
            upcoming = next(mentions, None)
        if position in covered:
            if covered[position].kind == "compound" and covered[position].start == position:
                descriptions += _institution_compound(covered[position], text, catalog, affiliations)
            continue
        if position == 0 or tags[position] != stts.COMMON_NOUN:
            continue
        previous = position - 1  # an article or an adjective before the noun, looked at before the noun's lists
        if texts[previous].lower() not in DEFINITE_ARTICLES and tags[previous] != "ADJA" and previous not in covered:
            continue
        institution = institution_noun(text)
        if institution is None and not gazetteers.is_organisation_class(text):
            continue
        # a class noun right after its article ("der Konzern"), an institution also after adjectives
        article = _article_before(position, texts, tags, covered, MAX_ADJECTIVES if institution else 0)
        if article is None or position + 1 < len(texts) and tags[position + 1] in stts.NAMES:
            continue  # "der Konzern Siemens": a name follows, which discovery finds
        state = _state_between(article, position, covered, catalog)
        noun = (institution or without_genitive_s(text)).lower()
        referent = None if state is not None else next(
            (actor for actor in reversed(classes)
             if any(known.endswith(noun) or noun.endswith(known) for known in classes[actor])), None)
        whole_class = {text, without_genitive_s(text)} & gazetteers.organisation_classes  # "Konzern", not "-konzern"
        if referent is None and institution is None and whole_class:  # "Die Telekom ... Der Konzern teilte mit"
            referent = next((actor for actor in reversed(classes) if not classes[actor]
                             and position - last_named[actor] <= MAX_WORDS_BACK), None)
        if referent is None and institution is not None:
            referent = _institution(institution, state, affiliations)
            classes[referent] = classes.pop(referent, set()) | {noun}  # "Das Ministerium" later refers to it
        if referent is not None:
            actor_id, name, actor_type = referent
            descriptions.append(FoundMention(article, position + 1, actor_id, "description", name=name,
                                             actor_type=actor_type))
    return descriptions


@lru_cache(maxsize=None)
def _institution_nouns():
    entries = word_list("institution_nouns.txt")
    return (frozenset(entry for entry in entries if not entry.startswith("-")),
            tuple(entry[1:] for entry in entries if entry.startswith("-")))


@lru_cache(maxsize=None)  # asked of every common noun; the same nouns come again and again
def institution_noun(text: str) -> str | None:
    """The noun without a genitive ending if it names a public institution, else None:
    `institution_noun("Innenministeriums")` -> 'Innenministerium'."""
    words, endings = _institution_nouns()
    for noun in (text, text[:-1] if text.endswith("s") else None, text[:-2] if text.endswith("es") else None):
        if noun and noun[:1].isupper() and (noun in words or noun.endswith(endings)):
            return noun
    return None


def _article_before(position, texts, tags, covered, adjectives):
    """The position of the definite article before the noun at `position`, over at most `adjectives` adjectives
    and state adjectives ("das russische Außenministerium"), or None."""
    first = position - 1
    while first > 0 and position - first <= adjectives and (
            tags[first] == "ADJA" or first in covered and covered[first].kind == "demonym"):
        first -= 1
    return first if texts[first].lower() in DEFINITE_ARTICLES else None


def _state_between(article, position, covered, catalog):
    """The state whose adjective stands between an article and its noun ("das russische Außenministerium"), or
    None."""
    states = (covered[i].actor_id for i in range(article + 1, position)
              if i in covered and covered[i].kind == "demonym" and covered[i].actor_id is not None)
    return next((catalog.actor(actor_id) for actor_id in states if catalog.actor(actor_id).type == "state"), None)


def _institution(noun, state, affiliations):
    """(actor id, name, type) of an institution named by its noun; the state of an adjective before it goes into
    its name ("Außenministerium (Russland)") and is its affiliation."""
    if state is None:
        return slug(noun), noun, "organisation"
    name = f"{noun} ({state.name})"
    if affiliations is not None:
        affiliations.setdefault(slug(name), Affiliation(state.id, state.name, state.type))
    return slug(name), name, "organisation"


def _institution_compound(compound, text, catalog, affiliations):
    """'SPD-Landtagsfraktion', 'US-Justizministeriums': an institution of the catalog actor the compound names
    (a description of its own, on the compound's word, affiliated to that actor), else nothing."""
    if "-" not in text[1:] or compound.actor_id is None or compound.end != compound.start + 1:
        return []
    prefix, last = text.rsplit("-", 1)
    noun = institution_noun(last)
    actor = catalog.actor(compound.actor_id)
    if noun is None or actor.type not in AFFILIATION_TYPES or actor.name.lower().endswith(noun.lower()):
        return []  # "Bundes-Verfassungsgericht" is the Bundesverfassungsgericht itself
    name = f"{prefix}-{noun}"
    if affiliations is not None:
        affiliations.setdefault(slug(name), Affiliation(actor.id, actor.name, actor.type))
    return [FoundMention(compound.start, compound.end, slug(name), "description", name=name,
                         actor_type="organisation")]


def _learn_classes(mention, texts, catalog, gazetteers, classes):
    """Remember the classes of an organisation mention: from the catalog, and a class noun right before it."""
    actor_id = mention.actor_id or (slug(mention.name) if mention.name else None)
    if actor_id is None:
        return None
    if mention.kind == "discovered" or actor_id not in catalog.actors:
        if mention.actor_type != "organisation":
            return None
        actor, known = (actor_id, mention.name, "organisation"), set()
    else:
        if catalog.actor(actor_id).type != "organisation":
            return None
        actor = (actor_id, None, "organisation")  # the component reads a catalog actor's name and affiliation
        known = {noun.lower() for noun in catalog.classes.get(actor_id, ())}
    before = texts[mention.start - 1] if mention.start > 0 else ""
    if gazetteers.is_organisation_class(before):
        known.add(without_genitive_s(before).lower())
    for word in texts[mention.start:mention.end]:  # "Bundesverfassungsgericht", "Bundesverband der ..."
        noun = institution_noun(word) or (without_genitive_s(word) if gazetteers.is_organisation_class(word) else None)
        if noun is not None:
            known.add(noun.lower())
    classes[actor] = classes.pop(actor, set()) | known  # the most recently named last
    return actor
