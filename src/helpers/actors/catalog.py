"""The actor catalog: who can be mentioned, and every word form that refers to each actor.

    catalog = load_catalog()                        # resources/actors.yaml
    catalog = load_catalog(["my_actors.yaml"])      # ... plus your own files (same format)
    catalog.forms["Russen"]                         # Form(actor_id='russia', kind='demonym')
    catalog.role_holder("Kreml-Chef", "2015-11")    # 'putin'

A catalog entry lists an actor's names, abbreviations, metonyms ("Moskau", "Kreml"), adjectives and demonyms
("russische", "Russen"), roles with their terms ("Kreml-Chef") and compounds ("IS-Hochburg"); the inflected
forms (genitives, adjective endings, plurals) come from `helpers.german.word_forms`.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers.errors import ResourceError
from helpers.german.word_forms import adjective_forms, demonym_forms, genitive, takes_genitive_s
from helpers.resources import read_yaml, resource_path

BUNDLED_CATALOG = "actors.yaml"
ACTOR_TYPES = ("person", "state", "organisation", "group", "place", "other")
# How a mention refers to its actor: the kinds a catalog form can have, and a name found by discovery.
MENTION_KINDS = ("name", "demonym", "metonym", "role", "compound", "discovered")

# Counts the catalog files written by this process (`promote`): a pipeline re-reads its catalogs at once when
# it changed, and otherwise looks at the files' times once a second (see ActorComponent.refresh).
written_catalogs = [0]


def catalog_written() -> None:
    """Note that a catalog file was written, so that pipelines re-read their catalogs before the next Doc."""
    written_catalogs[0] += 1


@dataclass(frozen=True)
class Actor:
    """An actor of the catalog (or discovered): id, display name, type, and the id of the actor it belongs to."""

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

    def applies(self, date: str | None) -> bool:
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
    after_article: bool = False  # counts only after a definite article: "die Bahn", "der Bahn"


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
        self.prefix_parts = {}  # short names usable as the first part of a hyphenated compound (Bahn-Chef)
        self.adjectives = {}  # adjective forms, for the last part of a hyphenated compound (pro-russische)
        self.roles = {}
        self.classes = {}  # actor id -> class nouns a description may use for it ("Konzern")
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
        genitives = lambda forms: [g for form in forms if takes_genitive_s(form, actor_type == "person")
                                  for g in genitive(form)]
        self._claim(names + genitives(names), actor.id, "name")
        inflections = _strings(entry, "inflections", source)
        self._claim(inflections + abbreviations, actor.id, "name")
        self._claim(metonyms + genitives(metonyms), actor.id, "metonym")
        self._claim(_strings(entry, "compounds", source), actor.id, "compound")
        after_article = _strings(entry, "after_article", source)  # "Bahn": the short name after "die", "der"
        self._claim(after_article, actor.id, "name", after_article=True)
        demonyms = [form for noun in _strings(entry, "demonyms", source) for form in demonym_forms(noun)]
        adjectives = [form for stem in _strings(entry, "adjectives", source) for form in adjective_forms(stem)]
        self._claim(demonyms + adjectives, actor.id, "demonym")
        for part in names + metonyms + abbreviations + inflections:  # inflections: "Grünen-Politiker"
            if " " not in part:
                self.compound_parts.setdefault(part, actor.id)
        for part in after_article:
            self.prefix_parts.setdefault(part, actor.id)
        for form in adjectives:
            self.adjectives.setdefault(form, actor.id)
        self.classes[actor.id] = _strings(entry, "classes", source)
        for role in entry.get("roles") or []:
            if not isinstance(role, dict) or not role.get("title"):
                raise ResourceError(f"{source}: a role of {actor.id!r} needs a `title`; fix {role!r}")
            held = Role(role["title"], actor.id, _month(role.get("from")), _month(role.get("until")))
            for title in [held.title] + genitive(held.title):
                self.roles.setdefault(title, []).append(held)
                self.forms.setdefault(title, Form(None, "role", held.title))

    def _claim(self, forms, actor_id, kind, after_article=False):
        for form in forms:
            known = self.forms.get(form)
            if known is not None and known.actor_id not in (None, actor_id):
                self.conflicts.append((form, known.actor_id, actor_id))
            if known is None or known.actor_id != actor_id:
                self.forms[form] = Form(actor_id, kind, after_article=after_article)  # a later entry (the user's) wins

    def role_holder(self, title: str, date: str | None = None) -> str | None:
        """The id of the actor who held the role `title` at `date` ('2015-11'), or None."""
        for role in self.roles.get(title, ()):
            if role.applies(date):
                return role.actor_id
        return None

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError if the catalog has none)."""
        return self.actors[actor_id]

    def forms_of(self, actor_id: str) -> dict[str, list[str]]:
        """Every word form that names the actor, by kind, sorted: {'name': ['Russland', 'Russlands'], ...}."""
        forms = {}
        for form, details in sorted(self.forms.items()):
            if details.actor_id == actor_id:
                forms.setdefault(details.kind, []).append(form)
        return forms


def _strings(entry, key, source):
    values = entry.get(key) or []
    if not isinstance(values, list):
        raise ResourceError(f"{source}: `{key}` of {entry['id']!r} must be a list, like [{values}]")
    return [str(value) for value in values]


def _month(value):
    return None if value is None else str(value)[:7]


def load_catalog(catalogs=()) -> "Catalog":
    """The bundled catalog plus the user's catalog files (YAML, same format); a user's entry replaces a
    bundled one with the same id.

        catalog = load_catalog(["my_actors.yaml"])
    """
    for catalog in catalogs:
        if not Path(catalog).is_file() and Path(catalog).name != BUNDLED_CATALOG:
            raise ResourceError(f"actor catalog {catalog} not found: give the path of your catalog file (YAML, in "
                                f"the format of {BUNDLED_CATALOG}; `promote` writes one)")
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

