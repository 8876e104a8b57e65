"""The actor component: every mention of an actor in `doc.spans["actors"]`.

    nlp = load_pipeline(catalogs=["my_actors.yaml"])
    for span in nlp(text).spans["actors"]:
        span.text, span.kb_id_, span.label_, span._.mention_kind     # 'Kreml-Chef Wladimir Putin', 'putin', 'person', 'name'

Each Span: `label_` the actor type (person, state, organisation, group, place, other), `kb_id_` the actor id
(catalog id, or for a discovered name an id made from it: 'sigmar_gabriel'), and the extensions
`mention_kind` (name, demonym, metonym, role, compound, discovered, description: "der Konzern" referring
back to an organisation, "des Innenministeriums" naming an institution, see `helpers.actors.descriptions`),
`actor_name` (display name),
`affiliation` (display name of the actor it belongs to: from the catalog, or for a person the catalog does not
know from the text, see `helpers.actors.roles`; None if neither says), `role` (the role before the name,
"Kreml-Chef", or the role of a mention that is only a role), `name_start` (character offset of the name when a
role stands before it) and `derived` (a demonym or adjective).

Mentions inside the dateline ("Paris/Moskau (dpa) -") are left out: a dateline says where the news was
written, not who it is about. A role ("der Kreml-Chef") means its holder at the article's date; a role before
a name ("Kreml-Chef Wladimir Putin") is one mention of that person.
"""

import time

import numpy
from spacy.attrs import ORTH, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from helpers.actors.catalog import load_catalog, written_catalogs
from helpers.actors.catalog_matcher import CatalogMatcher
from helpers.actors.descriptions import describe_back
from helpers.actors.discovery import NameDiscovery
from helpers.actors.gazetteers import Gazetteers
from helpers.actors.mention import FoundMention
from helpers.actors.name_model import TYPE_OF_CLASS, NameModel, bio_labels, name_class_of
from helpers.actors.roles import with_roles
from helpers.german.word_forms import slug
from helpers.pipeline.strings import strings_of

SPAN_KEY = "actors"
CATALOG_CHECK_SECONDS = 1.0
MENTION_EXTENSIONS = {"mention_kind": None, "actor_name": None, "affiliation": None, "role": None,
                      "name_start": None, "derived": False}
for _name, _default in MENTION_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


@Language.factory("blickwinkel_actors", default_config={"catalogs": [], "name_model": False})
def make_actor_component(nlp: Language, name: str, catalogs: list, name_model: bool | str):
    """spaCy component: actor mentions in `doc.spans["actors"]` (see the module docstring)."""
    return ActorComponent(nlp, tuple(catalogs), name_model)


class ActorComponent:
    """Catalog mentions (PhraseMatcher) and discovered names, merged with the roles before them; with
    `name_model` (True: the shipped model, or the path of one's own), the learned name finder's names in place
    of the discovered ones (`_with_model_names`)."""

    def __init__(self, nlp: Language, catalogs: tuple, name_model: bool | str = False):
        self.nlp = nlp
        self.catalogs = catalogs
        self.gazetteers = Gazetteers.bundled()
        self.name_model = NameModel.bundled() if name_model is True else NameModel.from_file(name_model) \
            if name_model else None
        self.catalog = None
        self.checked, self.written = 0.0, written_catalogs[0]
        self.refresh()

    def refresh(self):
        """Re-read the catalogs if a file changed (after `promote`), so the next Doc uses the new entries. The
        files are looked at once a second at most (looking at them for each Doc cost 1% of a corpus run), and
        at once after this process wrote a catalog."""
        now = time.monotonic()
        if self.catalog is not None and now - self.checked < CATALOG_CHECK_SECONDS \
                and self.written == written_catalogs[0]:
            return
        self.checked, self.written = now, written_catalogs[0]
        catalog = load_catalog(self.catalogs)
        if catalog is not self.catalog:
            self.catalog = catalog
            self.catalog_matcher = CatalogMatcher(self.nlp, catalog, self.gazetteers)
            self.discovery = NameDiscovery(catalog, self.gazetteers)

    def __call__(self, doc: Doc) -> Doc:
        self.refresh()
        # the Doc's columns read once instead of a Token object per word and attribute
        strings = doc.vocab.strings
        columns = doc.to_array([ORTH, TAG, SENT_START])
        texts = strings_of(strings, columns[:, 0].tolist())
        tags = strings_of(strings, columns[:, 1].tolist())
        found = self.catalog_matcher(doc, texts)
        found += self.discovery(texts, tags, found)
        found.sort(key=lambda mention: mention.start)
        article = doc._.article
        date = article.date if article else None
        dateline = article.dateline if article else None
        mentions, affiliations = with_roles(found, texts, self.catalog, self.gazetteers, date)
        descriptions = describe_back(mentions, texts, tags, self.catalog, self.gazetteers, affiliations)
        # an institution on a compound's word ("SPD-Landtagsfraktion") replaces the mention of the actor in it
        described = {(mention.start, mention.end) for mention in descriptions}
        mentions = [mention for mention in mentions if (mention.start, mention.end) not in described] + descriptions
        mentions.sort(key=lambda mention: mention.start)
        mentions = [mention for mention in mentions if (mention.actor_id is not None or mention.name is not None)
                    and not (dateline and dateline[0] <= doc[mention.start].idx < dateline[1])]
        # a title nobody held at the article's date with no name after it, and the dateline's names, are left out
        if self.name_model is not None:
            mentions = self._with_model_names(doc, mentions, texts, tags, columns[:, 2], dateline)
        spans = []
        for mention in mentions:
            actor_id = mention.actor_id or slug(mention.name)
            span = Span(doc, mention.start, mention.end, label=self._actor_type(mention), kb_id=actor_id)
            self._describe(span, mention, affiliations.get(actor_id))
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc

    def _with_model_names(self, doc, mentions, texts, tags, sentence_start, dateline):
        """The model's names (span and type) in place of the discovered ones. Catalog mentions, descriptions and
        compounds stay as they are, and a model name that overlaps one of them is left out: where model and
        catalog disagree, the catalog's span, type and actor id hold. A model name on the tokens of a discovered
        name (after its role, if any) keeps that name's id, display name and role ('Kanzlerin Angela Merkel',
        'Gabriels' -> Sigmar Gabriel) with the model's type. Discovered names of type other stay unless the
        model found a name on one of their tokens."""
        rule_names = [(_name_first(mention), mention.end, name_class) for mention in mentions
                      if (name_class := name_class_of(mention.kind, self._actor_type(mention), mention.derived))]
        sentence_starts = [0] + [position for position in numpy.flatnonzero(sentence_start == 1).tolist() if position]
        kept = [mention for mention in mentions if mention.kind != "discovered"]
        covered = [False] * len(texts)
        for mention in kept:
            covered[mention.start:mention.end] = [True] * (mention.end - mention.start)
        discovered = {(_name_first(mention), mention.end): mention for mention in mentions
                      if mention.kind == "discovered"}
        for start, end, name_class in self.name_model.names(texts, tags, bio_labels(rule_names, len(texts)),
                                                            sentence_starts):
            if any(covered[start:end]) or (dateline and dateline[0] <= doc[start].idx < dateline[1]):
                continue
            mention = FoundMention(start, end, None, "discovered", derived=name_class.endswith("deriv"),
                                   name=" ".join(texts[start:end]), actor_type=TYPE_OF_CLASS[name_class[:3]])
            rule_mention = discovered.get((start, end))
            if rule_mention is not None:
                mention.start, mention.actor_id = rule_mention.start, rule_mention.actor_id
                mention.name, mention.name_start = rule_mention.name, rule_mention.name_start
            kept.append(mention)
            covered[mention.start:end] = [True] * (end - mention.start)
        # names the rules typed "other" ("BaFin", "M5") stay where the model found no name: it knows no such type
        kept += [mention for mention in discovered.values()
                 if mention.actor_type == "other" and not any(covered[mention.start:mention.end])]
        kept.sort(key=lambda mention: mention.start)
        return kept

    def _in_catalog(self, mention):
        return mention.kind not in ("discovered", "description") and mention.actor_id in self.catalog.actors \
            or mention.kind == "description" and mention.name is None

    def _actor_type(self, mention):
        return self.catalog.actor(mention.actor_id).type if self._in_catalog(mention) else mention.actor_type

    def _describe(self, span, mention, affiliation_in_text):
        doc = span.doc
        if not self._in_catalog(mention):
            name, affiliation = mention.name, None
        else:
            actor = self.catalog.actor(mention.actor_id)
            name, affiliation = actor.name, self.catalog.actors.get(actor.affiliation)
        extensions = span._  # one accessor object for all six (spaCy makes a new one at each `span._`)
        extensions.mention_kind = mention.kind
        extensions.actor_name = name
        extensions.affiliation = affiliation.name if affiliation else affiliation_in_text.name \
            if affiliation_in_text else None
        name_start = doc[mention.name_start].idx if mention.name_start is not None else None
        extensions.role = doc[span.start:mention.name_start].text.strip() if name_start is not None \
            else mention.title
        extensions.name_start = name_start
        extensions.derived = mention.derived


def _name_first(mention) -> int:
    """The first token of a mention's name: after its role or compound, if one precedes it."""
    return mention.start if mention.name_start is None else mention.name_start
