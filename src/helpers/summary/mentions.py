"""Who is mentioned, in German sentences and reader tables computed from an article's mentions.

    describe_mentions(mentions)       # 'Der Text nennt 28 Akteure in 86 Erwähnungen. Am häufigsten ...'
    kind_examples(mentions)           # what each kind of mention means, with an example from the article
"""

import pandas as pd

from helpers.display import labels
from helpers.summary.wording import TOP, amount, german_list
from helpers.tables.mentions import actor_counts


def describe_mentions(mentions: pd.DataFrame) -> str:
    """Who is mentioned most, in one sentence."""
    if mentions.empty:
        return "In diesem Artikel werden keine Akteure erwähnt."
    counts = mentions.groupby("actor").size().sort_values(ascending=False, kind="stable")
    top = [f"{actor} ({count})" for actor, count in counts.head(TOP).items()]
    verb = "wird" if len(top) == 1 else "werden"
    return (f"Der Text nennt {amount(counts.size, 'Akteur', 'Akteure')} in "
            f"{amount(len(mentions), 'Erwähnung', 'Erwähnungen')}. Am häufigsten erwähnt {verb} {german_list(top)}.")


def kind_examples(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per kind of mention: what it means, how often this article has it, and an example: the first
    one of this article, else the one of `labels_de.yaml` (marked "Im Beispieltext" or "Zum Beispiel").
    Columns in German, for readers."""
    german = labels()
    rows = []
    for kind, explained in german["explanations"]["kind"].items():
        found = mentions[mentions["kind"] == kind]
        example = (german_list([f"„{surface}“" for surface in list(dict.fromkeys(found["surface"]))[:3]])
                   if len(found) else explained["example"])
        rows.append({"Art": german["values"]["kind"].get(kind, kind), "Bedeutung": explained["meaning"],
                     "In diesem Artikel": len(found), "Beispiel": example})
    return pd.DataFrame(rows)


def describe_cooccurrence(pairs: pd.DataFrame) -> str:
    """The pair of actors named together most often, or that no two are named in one sentence."""
    if pairs.empty:
        return "In keinem Satz dieses Artikels werden zwei Akteure zusammen genannt."
    top = pairs.iloc[0]
    return (f"Am häufigsten zusammen genannt werden {top['actor_a']} und {top['actor_b']} "
            f"({amount(int(top['sentences']), 'Satz', 'Sätze')}).")


def describe_discovered(discovered: pd.DataFrame) -> str:
    """How many names the catalog does not know, and which."""
    if discovered.empty:
        return "In diesem Artikel kennt der Katalog alle gefundenen Namen: Es gibt keine neu entdeckten."
    types = labels()["values"]["actor_type"]
    names = german_list([f"{row.actor} ({types.get(row.actor_type, row.actor_type)})"
                         for row in discovered.head(TOP).itertuples()])
    return (f"Der Katalog kennt {amount(len(discovered), 'Name', 'Namen')} dieses Artikels nicht; "
            f"entdeckt wurden zum Beispiel {names}.")


def mention_questions(mentions: pd.DataFrame, quotes: pd.DataFrame) -> str:
    """Discussion questions about who is mentioned, as a Markdown list built from the article's tables."""
    questions = []
    counts = actor_counts(mentions)
    speakers = set(quotes["speaker_actor"].dropna())
    if len(counts):
        top = counts.index[0]
        speaks = "kommt auch selbst zu Wort" if top in speakers else "kommt aber nicht selbst zu Wort"
        questions.append(f"**Wer wird besprochen, wer spricht?** {top} wird am häufigsten erwähnt und {speaks} "
                         "(Notebook 3). Was bedeutet das für die Perspektive des Textes?")
    questions.append("**Wer fehlt?** Welche Akteure, die zu diesem Thema gehören, nennt der Text gar nicht? "
                     "Welche Frauen werden erwähnt?")
    if (mentions["kind"] == "metonym").any():
        example = mentions.loc[mentions["kind"] == "metonym", "surface"].iloc[0]
        questions.append(f"**Metonymien:** Der Text sagt „{example}“ statt eines Namens. Was verändert es, wenn "
                         "ein Staat als Ort oder Gebäude statt als Regierung oder Person erscheint?")
    if (mentions["kind"] == "demonym").any():
        example = mentions.loc[mentions["kind"] == "demonym", "surface"].iloc[0]
        questions.append(f"**Einwohner und Adjektive:** Zählt „{example}“ so viel wie ein Name? Wie ändert sich "
                         "die Rangfolge, wenn Sie nur die Namen zählen?")
    return "\n".join(f"- {question}" for question in questions)
