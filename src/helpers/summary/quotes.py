"""Who speaks, in German sentences and reader tables computed from an article's quotations.

    describe_quotes(quotes)            # 'Der Text enthält 13 Zitate: 7 in Anführungszeichen ...'
    type_examples(quotes)              # what each type of quotation means, with an example from the article
    quote_questions(mentions, quotes)  # discussion questions built from the findings
"""

import pandas as pd

from helpers.display import labels
from helpers.summary.wording import TOP, amount, german_list, quoted
from helpers.tables.mentions import actor_counts
from helpers.tables.quotes import counted_once, who_speaks


def describe_quotes(quotes: pd.DataFrame) -> str:
    """Who speaks, how (directly or indirectly), and how often anonymous sources do."""
    if quotes.empty:
        return "In diesem Artikel kommt niemand zu Wort: Er enthält keine Zitate und keine indirekte Rede."
    counted = counted_once(quotes)
    speakers = who_speaks(counted)
    speakers = speakers[~speakers["speaker"].str.startswith("(")]
    direct = int(counted["type"].isin(["direct", "partial"]).sum())
    sentences = [f"Der Text enthält {amount(len(counted), 'Zitat', 'Zitate')}: {direct} in Anführungszeichen "
                 f"(direkt oder als Teilzitat) und {len(counted) - direct} in indirekter oder berichteter Rede."]
    if len(speakers):
        top = speakers.iloc[0]
        words = amount(int(top["quoted_words"]), "zitiertes Wort", "zitierte Wörter")
        if len(counted) == 1:
            sentences.append(f"Es stammt von {top['speaker']} ({words}).")
        else:
            verb = "stammt" if top["quotes"] == 1 else "stammen"
            sentences.append(f"{top['quotes']} von {len(counted)} Zitaten {verb} von {top['speaker']} ({words}).")
    anonymous = int((counted["speaker_kind"] == "anonymous").sum())
    sentences.append(f"{amount(anonymous, 'Zitat stammt', 'Zitate stammen')} von anonymen Quellen." if anonymous
                     else "In diesem Artikel gibt es keine anonymen Quellen.")
    unknown = int(counted["speaker"].isna().sum())
    if unknown:
        sentences.append(f"Bei {amount(unknown, 'Zitat', 'Zitaten')} hat das Programm keinen Sprecher gefunden.")
    return " ".join(sentences)


def type_examples(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per type of quotation: what it means, how often this article has it, and an example: the first
    one of this article, else the one of `labels_de.yaml` (marked "Im Beispieltext" or "Zum Beispiel").
    Columns in German, for readers."""
    german = labels()
    rows = []
    for kind, explained in german["explanations"]["type"].items():
        counted = counted_once(quotes)
        found = counted[counted["type"] == kind]
        rows.append({"Art": german["values"]["type"].get(kind, kind), "Bedeutung": explained["meaning"],
                     "In diesem Artikel": len(found),
                     "Beispiel": quoted(found["text"].iloc[0]) if len(found) else explained["example"]})
    return pd.DataFrame(rows)


def describe_carried_over(quotes: pd.DataFrame) -> str:
    """How many quotations take their speaker from the sentence before (Konjunktiv I continuing a quote)."""
    counted = counted_once(quotes)
    carried = counted[counted["carried_over"].fillna(False).astype(bool)]
    if carried.empty:
        return "In diesem Artikel übernimmt kein Zitat den Sprecher aus dem Satz davor."
    first = carried.iloc[0]
    speaker = next((name for name in (first["speaker_actor"], first["speaker"]) if isinstance(name, str)), None)
    return (f"In diesem Artikel {'übernimmt' if len(carried) == 1 else 'übernehmen'} "
            f"{amount(len(carried), 'Zitat', 'Zitate')} den Sprecher aus dem Satz davor, zum Beispiel "
            f"{quoted(first['text'])}" + (f" ({speaker})." if speaker else "."))


def describe_anonymous(quotes: pd.DataFrame) -> str:
    """The anonymous sources of the article, or that it has none."""
    counted = counted_once(quotes)
    anonymous = counted[counted["speaker_kind"] == "anonymous"]
    if anonymous.empty:
        return "In diesem Artikel gibt es keine anonymen Quellen."
    sources = german_list([f"„{speaker}“" for speaker in dict.fromkeys(anonymous["speaker"].dropna())])
    return (f"{amount(len(anonymous), 'Zitat stammt', 'Zitate stammen')} von anonymen Quellen: {sources}. "
            "Der Text nennt nicht, wer genau spricht.")


def describe_silent_actors(mentions: pd.DataFrame, quotes: pd.DataFrame) -> str:
    """The actors the article mentions at least twice who never speak in it."""
    counts = actor_counts(mentions)
    speakers = set(quotes["speaker_actor"].dropna())
    silent = [actor for actor, count in counts.items() if count >= 2 and actor not in speakers]
    if not silent:
        return "Jeder Akteur, den der Text mindestens zweimal erwähnt, kommt auch selbst zu Wort."
    named = silent[:TOP + 2]
    listed = ", ".join(named) + " und weitere" if len(silent) > len(named) else german_list(named)
    return f"Mindestens zweimal erwähnt, aber nie selbst zitiert: {listed}."


def quote_types(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotations and quoted words per type (direct, partial, indirect, reported), in that order."""
    counted = counted_once(quotes)
    order = ["direct", "partial", "indirect", "reported"]
    counts = counted["type"].value_counts().reindex(order, fill_value=0)
    words = counted.assign(words=counted["text"].str.count(r"\w+")).groupby("type")["words"].sum()
    return pd.DataFrame({"type": order, "quotes": counts.to_list(),
                         "quoted_words": [int(words.get(kind, 0)) for kind in order]})


def quote_questions(mentions: pd.DataFrame, quotes: pd.DataFrame) -> str:
    """Discussion questions about who speaks, as a Markdown list built from the article's tables."""
    counted = counted_once(quotes)
    if counted.empty:
        return "\n".join(f"- {question}" for question in [
            "Der Text lässt niemanden zu Wort kommen. Ist er eine Meldung, eine Analyse, ein Kommentar? Wie "
            "wirkt ein Text ohne Stimmen – sachlicher, oder weniger überprüfbar?",
            "Wen hätte die Autorin oder der Autor fragen können? Wessen Sicht fehlt dadurch?",
        ])
    questions = []
    speakers = who_speaks(counted)
    speakers = speakers[~speakers["speaker"].str.startswith("(")]
    if len(speakers) and len(counted) > 1:
        top = speakers.iloc[0]
        questions.append(f"{top['quotes']} von {len(counted)} Zitaten stammen von {top['speaker']}. Wessen Sicht "
                         "bestimmt damit den Text? Wer hätte noch zu Wort kommen können?")
    direct = int(counted["type"].isin(["direct", "partial"]).sum())
    if direct < len(counted) - direct:
        questions.append("Der Text gibt die meisten Aussagen in eigenen Worten wieder (indirekt oder berichtet). "
                         "Was gewinnt man dabei, was verliert man gegenüber dem wörtlichen Zitat?")
    else:
        questions.append("Die meisten Aussagen stehen wörtlich in Anführungszeichen. Welche Sätze hat der Text "
                         "ausgewählt – die sachlichsten, die zugespitztesten? Woran erkennen Sie das?")
    anonymous = counted[counted["speaker_kind"] == "anonymous"]
    if len(anonymous):
        questions.append(f"Die Quelle „{anonymous['speaker'].iloc[0]}“ bleibt ohne Namen. Warum könnte der Text "
                         "sie nicht nennen, und wie sehr können Sie ihr trauen?")
    cues = counted["cue_lemma"].dropna()
    if len(cues):
        common = german_list([f"„{cue}“ ({count})" for cue, count in cues.value_counts().head(5).items()])
        questions.append(f"Die Redeeinleitungen dieses Textes: {common}. Welche davon sind neutral (sagen), "
                         "welche werten (behaupten, einräumen, warnen)?")
    spoken = set(counted["speaker_actor"].dropna())
    silent = [actor for actor, count in actor_counts(mentions).items() if count >= 2 and actor not in spoken]
    if silent:
        questions.append(f"{silent[0]} wird mehrmals erwähnt, kommt aber nie selbst zu Wort. Warum könnte das "
                         "so sein?")
    return "\n".join(f"- {question}" for question in questions)
