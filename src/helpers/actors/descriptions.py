"""Descriptions that refer back to an organisation: "der Konzern", "die Gewerkschaft", "das Unternehmen".

    describe_back(found, texts, tags, catalog, gazetteers)    # mentions of kind "description"

A description is a definite article and a class noun of organisations (`organisation_classes.txt`) that is not
followed by a name. It refers to the last organisation named before it that the text or the catalog gives
that class: the catalog's `classes` of an actor ("Konzern" for Deutsche Bahn), or the class noun written right
before a name ("der Lokführergewerkschaft GDL" makes GDL a Gewerkschaft). Where no such organisation was
named, the description is not a mention.
"""

from helpers.actors.catalog import Catalog
from helpers.actors.gazetteers import Gazetteers
from helpers.actors.mention import FoundMention
from helpers.german import stts
from helpers.german.word_forms import DEFINITE_ARTICLES, slug, without_genitive_s


def describe_back(found: list[FoundMention], texts: list[str], tags: list[str], catalog: Catalog,
                  gazetteers: Gazetteers) -> list[FoundMention]:
    """The mentions of kind "description" among the tokens that `found` (in text order) leaves free."""
    covered = set()
    for mention in found:
        covered.update(range(mention.start, mention.end))
    classes = {}  # (actor id, name, type) of an organisation named so far -> its class nouns, lower case
    descriptions = []
    mentions = iter(found)
    upcoming = next(mentions, None)
    for position, text in enumerate(texts):
        while upcoming is not None and upcoming.start < position:
            _learn_classes(upcoming, texts, catalog, gazetteers, classes)
            upcoming = next(mentions, None)
        if position in covered or position == 0 or tags[position] != stts.COMMON_NOUN:
            continue
        if texts[position - 1].lower() not in DEFINITE_ARTICLES or not gazetteers.is_organisation_class(text):
            continue
        if position + 1 < len(texts) and tags[position + 1] in stts.NAMES:
            continue  # "der Konzern Siemens": a name follows, which discovery finds
        noun = without_genitive_s(text).lower()
        referent = next((actor for actor in reversed(classes)
                         if any(known.endswith(noun) or noun.endswith(known) for known in classes[actor])), None)
        if referent is not None:
            actor_id, name, actor_type = referent
            descriptions.append(FoundMention(position - 1, position + 1, actor_id, "description", name=name,
                                             actor_type=actor_type))
    return descriptions


def _learn_classes(mention, texts, catalog, gazetteers, classes):
    """Remember the classes of an organisation mention: from the catalog, and a class noun right before it."""
    actor_id = mention.actor_id or (slug(mention.name) if mention.name else None)
    if actor_id is None:
        return
    if mention.kind == "discovered" or actor_id not in catalog.actors:
        if mention.actor_type != "organisation":
            return
        actor, known = (actor_id, mention.name, "organisation"), set()
    else:
        if catalog.actor(actor_id).type != "organisation":
            return
        actor = (actor_id, None, "organisation")  # the component reads a catalog actor's name and affiliation
        known = {noun.lower() for noun in catalog.classes.get(actor_id, ())}
    before = texts[mention.start - 1] if mention.start > 0 else ""
    if gazetteers.is_organisation_class(before):
        known.add(without_genitive_s(before).lower())
    classes[actor] = classes.pop(actor, set()) | known  # the most recently named last
