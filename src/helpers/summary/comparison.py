"""Two articles compared, in German sentences computed from a `helpers.comparison.Comparison`.

    describe_overview(comparison)        # 'Artikel A hat 647 Wörter, Artikel B 445. ...'
    describe_only_in_one(comparison)     # 'Nur A nennt Nato (3), EU (2) ...; nur B nennt ...'
    comparison_questions(comparison)     # discussion questions as a Markdown list

Each sentence names the articles by letter (A, B), as the tables and charts do, and is true for whatever two
articles are compared.
"""

import pandas as pd

from helpers.display import decimal
from helpers.summary.wording import amount, german_list

LISTED = 6  # actors named in a sentence about those only one article names


def _letters(comparison):
    return [name.split(":", 1)[0] for name in comparison.names]


def describe_overview(comparison) -> str:
    """Length, actors, quotations and speakers of the two articles, in three sentences."""
    a, b = (row for row in comparison.overview.itertuples())
    first, second = _letters(comparison)
    quotes = [f"{letter} enthält {amount(row.quotes, 'Zitat', 'Zitate')} mit "
              f"{amount(row.quoted_words, 'zitiertem Wort', 'zitierten Wörtern')} "
              f"von {amount(row.speakers, 'erkanntem Sprecher', 'erkannten Sprechern')}" if row.quotes
              else f"{letter} enthält keine Zitate" for letter, row in ((first, a), (second, b))]
    return (f"Artikel {first} hat {amount(a.words, 'Wort', 'Wörter')}, Artikel {second} {b.words}. "
            f"{first} nennt {amount(a.actors, 'Akteur', 'Akteure')} in {amount(a.mentions, 'Erwähnung', 'Erwähnungen')}, "
            f"{second} {b.actors} in {b.mentions}. {quotes[0]}, {quotes[1]}.")


def describe_mentions_compared(comparison) -> str:
    """Who each article mentions most, and how many actors both name."""
    first, second = _letters(comparison)
    tops = [comparison.mentions[comparison.mentions["article"] == name].groupby("actor", as_index=False, sort=False)
            ["mentions"].sum().sort_values("mentions", ascending=False, kind="stable") for name in comparison.names]
    if any(top.empty for top in tops):
        empty = [letter for letter, top in zip((first, second), tops) if top.empty]
        return f"Artikel {german_list(empty)} {'nennt' if len(empty) == 1 else 'nennen'} keinen Akteur."
    leaders = [f"{top.iloc[0]['actor']} ({top.iloc[0]['mentions']})" for top in tops]
    shared = set(tops[0]["actor"]) & set(tops[1]["actor"])
    if tops[0].iloc[0]["actor"] == tops[1].iloc[0]["actor"]:
        sentence = f"Beide Artikel erwähnen {tops[0].iloc[0]['actor']} am häufigsten ({first}: " \
                   f"{tops[0].iloc[0]['mentions']}, {second}: {tops[1].iloc[0]['mentions']})."
    else:
        sentence = f"Am häufigsten erwähnt {first} {leaders[0]}, {second} {leaders[1]}."
    both = f"Beide nennen {amount(len(shared), 'gemeinsamen Akteur', 'gemeinsame Akteure')}." if shared \
        else "Keinen Akteur nennen beide."
    return f"{sentence} {both}"


def describe_only_in_one(comparison) -> str:
    """The actors only one article names, most mentioned first."""
    only = comparison.only_in_one
    if only.empty:
        return "Beide Artikel nennen dieselben Akteure."
    parts = []
    for letter, name in zip(_letters(comparison), comparison.names):
        found = only[only["article"] == name]
        if found.empty:
            parts.append(f"{letter} nennt keinen Akteur, den der andere Artikel nicht auch nennt")
            continue
        listed = [f"{row.actor} ({row.mentions})" for row in found.head(LISTED).itertuples()]
        more = f" und {len(found) - LISTED} weitere" if len(found) > LISTED else ""
        parts.append(f"nur {letter} nennt {', '.join(listed) if more else german_list(listed)}{more}")
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def top_voice(table: pd.DataFrame, name: str, column: str):
    """The row of the article's speaker or affiliation (`column`) with the most quoted words, not counting
    '(unbekannt)' and other parenthesised labels; None without one."""
    found = table[(table["article"] == name) & ~table[column].str.startswith("(") & (table["quoted_words"] > 0)]
    return found.sort_values("quoted_words", ascending=False, kind="stable").iloc[0] if len(found) else None


def describe_voices_compared(comparison) -> str:
    """Whose words dominate each article, by the speakers' affiliation, and the quoted words without a speaker."""
    sentences = []
    for letter, name in zip(_letters(comparison), comparison.names):
        top = top_voice(comparison.affiliations, name, "affiliation")
        if top is None:
            sentences.append(f"In {letter} kommt niemand mit erkannter Zugehörigkeit zu Wort.")
        else:
            sentences.append(f"In {letter} stammen die meisten zitierten Wörter von {top['affiliation']} "
                             f"({top['share_quoted'] * 100:.0f} %).")
        unknown = comparison.affiliations[(comparison.affiliations["article"] == name)
                                          & (comparison.affiliations["affiliation"] == "(unbekannt)")]
        if len(unknown) and unknown["quoted_words"].sum():
            sentences.append(f"Bei {amount(int(unknown['quoted_words'].sum()), 'zitiertem Wort', 'zitierten Wörtern')} "
                             f"in {letter} hat das Programm keinen Sprecher gefunden.")
    return " ".join(sentences)


def frame_difference(comparison) -> pd.Series | None:
    """The frame category whose cues per 1,000 words differ most between the two articles: label, a, b; None
    when neither article has a cue."""
    frames = comparison.frames
    if frames.empty:
        return None
    wide = frames.pivot_table(index="label", columns="article", values="per_1000_words", aggfunc="sum",
                              fill_value=0).reindex(columns=list(comparison.names), fill_value=0)
    gap = (wide.iloc[:, 0] - wide.iloc[:, 1]).abs().sort_values(ascending=False, kind="stable")
    label = gap.index[0]
    return pd.Series({"label": label, "a": float(wide.loc[label].iloc[0]), "b": float(wide.loc[label].iloc[1])})


def describe_frames_compared(comparison) -> str:
    """The strongest frame category of each article, and the category in which they differ most."""
    first, second = _letters(comparison)
    sentences = []
    for letter, name in zip((first, second), comparison.names):
        found = comparison.frames[comparison.frames["article"] == name]
        if found.empty:
            sentences.append(f"In {letter} findet das Lexikon keine Frame-Signale.")
        else:
            top = found.iloc[0]
            sentences.append(f"In {letter} ist „{top['label']}“ am stärksten vertreten "
                             f"({decimal(top['per_1000_words'])} je 1.000 Wörter).")
    difference = frame_difference(comparison)
    if difference is not None:
        sentences.append(f"Am weitesten auseinander liegen die Artikel bei „{difference['label']}“: "
                         f"{decimal(difference['a'])} ({first}) gegenüber {decimal(difference['b'])} ({second}) "
                         "je 1.000 Wörter.")
    return " ".join(sentences)


def comparison_questions(comparison) -> str:
    """Discussion questions about the two articles, as a Markdown list built from the comparison."""
    first, second = _letters(comparison)
    questions = []
    only = comparison.only_in_one
    for letter, name in zip((first, second), comparison.names):
        found = only[only["article"] == name]
        if len(found):
            other = second if letter == first else first
            questions.append(f"**Wer fehlt?** Nur {letter} nennt {found.iloc[0]['actor']}. Was erfährt man dadurch, "
                             f"was in {other} fehlt? Hätte {other} es erwähnen müssen?")
    voices = [top_voice(comparison.affiliations, name, "affiliation") for name in comparison.names]
    if all(voice is not None for voice in voices) and voices[0]["affiliation"] != voices[1]["affiliation"]:
        questions.append(f"**Wessen Stimme?** Die meisten zitierten Wörter stammen in {first} von "
                         f"{voices[0]['affiliation']}, in {second} von {voices[1]['affiliation']}. Wie verändert das, "
                         "was die Leserinnen und Leser für wichtig halten?")
    difference = frame_difference(comparison)
    if difference is not None:
        more = first if difference["a"] > difference["b"] else second
        questions.append(f"**Wie wird erzählt?** {more} verwendet mehr Wörter der Gruppe „{difference['label']}“. "
                         "Suchen Sie zwei Sätze, die das zeigen. Welcher Text wirkt dadurch sachlicher, welcher "
                         "dramatischer?")
    questions += [
        "**Überschrift und Einstieg:** Vergleichen Sie die Überschriften und die ersten Sätze. Welche Deutung "
        "legen sie jeweils nahe, bevor die Fakten kommen?",
        "**Textsorte:** Welcher Text ist eher Nachricht, welcher eher Analyse oder Kommentar? Woran erkennen Sie "
        "das – an den Zitaten, an den Wörtern, am Aufbau?",
    ]
    return "\n".join(f"- {question}" for question in questions)
