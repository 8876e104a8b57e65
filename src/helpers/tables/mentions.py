"""The actor mentions table, built from `doc.spans["actors"]`, and what a reader asks of it.

    mentions = mention_table(doc)                  # one row per mention, with character offsets
    actor_counts(mentions).head(3)                 # Russland 16, Frankreich 13, IS 10
    discovered_names(mentions)                     # the names the catalog does not know
"""

from itertools import combinations

import pandas as pd
from spacy.tokens import Doc

from helpers.actors import SPAN_KEY
from helpers.tables.build import frame_of

# The columns of `mention_table`, in order.
MENTION_COLUMNS = {
    "article_id": "Article.id",
    "actor_id": "catalog id, or for a discovered name an id made from it ('sigmar_gabriel')",
    "actor": "display name ('Russland', 'Wladimir Putin')",
    "actor_type": "person, state, organisation, group, place or other",
    "affiliation": "display name of the actor this one belongs to (Putin -> Russland), from the catalog or, for "
                   "an actor it does not know, as the article says it anywhere ('SPD-Politikerin Anja Brenner', "
                   "'Klaus Weber, Chef der IG Metall', 'das russische Außenministerium'; helpers.actors.roles), or None",
    "kind": "how the text refers to the actor: name, demonym, metonym, role, compound, discovered, description "
            "('der Konzern', 'des Innenministeriums'; helpers.actors.descriptions)",
    "surface": "the text of the mention, article.text[start:end]",
    "start": "character offset of the mention in article.text",
    "end": "character offset after the mention",
    "name_start": "where the name begins: after a role before it ('Kanzlerin Angela Merkel'), else start",
    "name_end": "where the name ends (end)",
    "role": "the role before the name ('Kreml-Chef'), or the role a mention of kind role is; else None",
    "sentence": "Article.sentences index",
    "section_index": "0 before the first heading",
    "section": "section title ('' before the first heading)",
    "part": "title, lead, question, heading or body",
}
MENTION_DTYPES = {"affiliation": object, "role": object}


def mention_columns(doc: Doc) -> dict[str, list]:
    """The rows of `mention_table` as lists per column (a corpus run joins those of many Docs)."""
    article = doc._.article
    text = article.text  # the Doc's text (`helpers.pipeline.structure`): slicing it is faster than `span.text`
    rows = []
    for span in doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else ():
        start, end = span.start_char, span.end_char
        place = article.locate(start)
        extensions = span._
        name_start = extensions.name_start
        rows.append((
            article.id, span.kb_id_, extensions.actor_name, span.label_, extensions.affiliation,
            extensions.mention_kind, text[start:end], start, end, name_start if name_start is not None else start,
            end, extensions.role, place["sentence"], place["section_index"], place["section"], place["part"],
        ))
    return _columns(MENTION_COLUMNS, rows)


def mention_table(doc: Doc) -> pd.DataFrame:
    """One row per actor mention, in text order (columns: `MENTION_COLUMNS`).

        mention_table(nlp(text))[["surface", "actor", "kind"]]
    """
    return frame_of([mention_columns(doc)], MENTION_DTYPES)


def _columns(names, rows):
    values = zip(*rows) if rows else ([] for _ in names)
    return {name: list(column) for name, column in zip(names, values)}


def actor_counts(mentions: pd.DataFrame) -> pd.Series:
    """Mentions per actor, most mentioned first (a Series indexed by actor name).

        actor_counts(mentions).head(3)
    """
    return mentions.groupby("actor").size().sort_values(ascending=False, kind="stable").rename("mentions")


def actor_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor, most mentioned first: actor, actor_type, mentions, variants (its surfaces in the text,
    e.g. 'Russland | Moskau | russischen'). A discovered name may be typed differently where it stands again
    ("„Gocta“ bekannten Wasserfall" other, "Um Gocta ranken sich" person): its row has the type of its first
    mention, so that the counts agree with `actor_counts`.

        actor_table(mentions).head(10)
    """
    table = mentions.groupby("actor", as_index=False, sort=False).agg(
        actor_type=("actor_type", "first"), mentions=("surface", "size"),
        variants=("surface", lambda surfaces: " | ".join(dict.fromkeys(surfaces))))
    return table.sort_values("mentions", ascending=False, kind="stable", ignore_index=True)


def mentions_by_section(mentions: pd.DataFrame) -> pd.DataFrame:
    """A section x actor table of mention counts (rows: section index and title, in text order).

        mentions_by_section(mentions).iloc[:, :5]
    """
    order = actor_counts(mentions).index
    table = pd.crosstab([mentions["section_index"], mentions["section"]], mentions["actor"])
    return table.reindex(columns=order)


def actor_cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence, with the number of such sentences, most frequent first.

        actor_cooccurrence(mentions).head()      # actor_a, actor_b, sentences
    """
    pairs = {}
    for _, actors in mentions.dropna(subset=["sentence"]).groupby(["article_id", "sentence"])["actor"]:
        for pair in combinations(sorted(set(actors)), 2):
            pairs[pair] = pairs.get(pair, 0) + 1
    table = pd.DataFrame([(a, b, n) for (a, b), n in pairs.items()], columns=["actor_a", "actor_b", "sentences"])
    return table.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


def discovered_names(mentions: pd.DataFrame) -> pd.DataFrame:
    """The names the catalog does not know, one row per discovered actor: actor_id, actor, actor_type,
    mentions, variants (the surfaces, e.g. 'Sigmar Gabriel | Gabriels') and first (offset of the first one).

        discovered_names(mentions)
    """
    found = mentions[mentions["kind"] == "discovered"]
    table = found.groupby(["actor_id", "actor", "actor_type"], as_index=False).agg(
        mentions=("surface", "size"),
        variants=("surface", lambda surfaces: " | ".join(dict.fromkeys(surfaces))),
        first=("start", "min"),
    )
    return table.sort_values("first", ignore_index=True)
