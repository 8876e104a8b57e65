"""How the story is framed, in German sentences computed from an article's frame cues and frame profile.

    describe_frame_profile(frame_profile(analysis))   # 'Am stärksten vertreten: Kooperation (41.7 je 1.000 ...'
    describe_voices(cues)                              # which categories the journalist and the sources use
"""

import pandas as pd

from helpers.display import decimal, labels
from helpers.framing import DEFAULT_LEXICON, lexicon_of
from helpers.summary.wording import TOP, amount, german_list

RHETORICAL_QUESTION = "rhetorische Frage"  # the cue of resources/frames.yaml for a question the text asks


def describe_frame_profile(profile: pd.DataFrame) -> str:
    """The categories that dominate the article per 1,000 words, and its metaphor families, in German."""
    if profile.empty:
        return "In diesem Artikel findet das Lexikon keine Frame-Signale."
    top = [f"{row.label} ({decimal(row.per_1000_words)} je 1.000 Wörter)" for row in profile.head(TOP).itertuples()]
    sentences = [f"Am stärksten vertreten: {german_list(top)}."]
    frames = profile[profile["group"] == "news_frame"]
    if len(frames):
        sentences.append(f"Unter den fünf allgemeinen Nachrichtenrahmen überwiegt „{frames.iloc[0]['label']}“.")
    metaphors = profile[profile["group"] == "metaphor"]
    if len(metaphors):
        families = german_list([f"{row.label} ({row.cues})" for row in metaphors.itertuples()])
        sentences.append(f"Metaphern: {families}.")
    else:
        sentences.append("Metaphern aus den Bildfeldern des Lexikons kommen nicht vor.")
    return " ".join(sentences)


def describe_voices(cues: pd.DataFrame, lexicon: str = DEFAULT_LEXICON) -> str:
    """Which category the journalist uses most and which the quoted sources use most."""
    if cues.empty:
        return "In diesem Artikel findet das Lexikon keine Frame-Signale."
    labels = {name: category.label for name, category in lexicon_of(lexicon).categories.items()}
    sentences = []
    for voice, who in (("journalist", "Im Text des Journalisten"), ("quoted", "In den Zitaten")):
        found = cues[cues["voice"] == voice]
        if found.empty:
            sentences.append(f"{who} steht kein Frame-Signal.")
            continue
        category, count = found["category"].value_counts().index[0], int(found["category"].value_counts().iloc[0])
        sentences.append(f"{who} überwiegt „{labels.get(category, category)}“ "
                         f"({amount(count, 'Signal', 'Signale')} von {len(found)}).")
    return " ".join(sentences)


def describe_rhetorical_questions(cues: pd.DataFrame) -> str:
    """The rhetorical questions of the article (questions of the text itself, not the Q&A headings it answers),
    and where they stand."""
    found = cues[cues["cue_lemma"] == RHETORICAL_QUESTION]
    if found.empty:
        return "Der Text stellt keine rhetorischen Fragen."
    parts = labels()["values"]["part"]
    questions = german_list([f"„{row.surface}“ ({parts.get(row.part, row.part)})" for row in found.itertuples()])
    sentence = f"Der Text stellt {amount(len(found), 'rhetorische Frage', 'rhetorische Fragen')}: {questions}."
    if (found["part"].isin(["title", "lead"])).any():
        sentence += (" Eine Frage im Titel oder Vorspann bringt eine Deutung ins Spiel, ohne sie zu behaupten – "
                     "und lenkt, wie man den Rest liest.")
    return sentence


def frame_questions(profile: pd.DataFrame) -> str:
    """Discussion questions about the framing, as a Markdown list built from the article's frame profile."""
    questions = []
    if len(profile):
        top = profile.iloc[0]
        questions.append(f"Der Text verwendet am häufigsten Wörter der Gruppe „{top['label']}“, zum Beispiel in: "
                         f"„{top['example']}“ Wie würde der Text wirken, wenn diese Wörter fehlten?")
        quoted = profile[profile["share_quoted"] >= 0.5]
        if len(quoted):
            questions.append(f"„{quoted.iloc[0]['label']}“ stammt überwiegend aus Zitaten. Übernimmt der Text "
                             "damit die Deutung seiner Quellen, oder stellt er sie zur Diskussion?")
    questions += [
        "Welche Metaphern finden Sie beim Lesen, die das Lexikon nicht kennt? Welches Bild erzeugen sie?",
        "Welche Wörter würde ein Text wählen, der dieselben Ereignisse als Zusammenarbeit statt als Konflikt "
        "(oder umgekehrt) erzählt?",
    ]
    return "\n".join(f"- {question}" for question in questions)
