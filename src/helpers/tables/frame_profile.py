"""Frames per article: which generic news frames and metaphor families dominate a text, where and in whose words.

    frame_profile(analysis)          # one row per category found, most frequent (per 1,000 words) first

Counts are normalised per 1,000 words of the article, so that articles of different length compare. The
strongest example of a category is the sentence with most of its cues (the first of those).
"""

import re

import pandas as pd

from helpers.framing import DEFAULT_LEXICON, lexicon_of

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
JOURNALIST = "Journalist"

# The columns of `frame_profile`, in order.
PROFILE_COLUMNS = {
    "category": "the lexicon category",
    "label": "its German label",
    "group": "news_frame (Semetko & Valkenburg 2000), language or metaphor (a metaphor family)",
    "cues": "how many cues of the category the article has",
    "per_1000_words": "cues per 1,000 words of the article",
    "share_quoted": "the share of the cues inside quotations",
    "voices": "who uses the category's words: the journalist and each quoted speaker (the linked actor's name, "
              "else as written), with counts",
    "example": "the strongest example: the sentence with most cues of the category",
    "example_cues": "the cues in that sentence, as written",
}


def frame_profile(analysis, lexicon: str = DEFAULT_LEXICON, examples: int = 1) -> pd.DataFrame:
    """One row per category with cues in the article (columns: `PROFILE_COLUMNS`), most frequent first.

        frame_profile(analyze("data/dpa_frankreich_russland_is.txt")).head(3)

    `analysis`: a `helpers.analysis.Analysis` (its article and frame cues). `examples` sentences per category
    are joined with " / " in `example` (the strongest first).
    """
    article, cues, quotes = analysis.article, analysis.frame_cues, analysis.quotes
    speakers = dict(zip(quotes["quote_id"], quotes["speaker_actor"].fillna(quotes["speaker"]).fillna("unbekannt")))
    categories = lexicon_of(lexicon).categories
    words = max(len(WORD.findall(article.text)), 1)
    rows = []
    for category, found in cues.groupby("category", sort=False):
        entry = categories.get(category)
        # as objects: with no quotation in the article, the mapped ids would stay integers that take no name
        voices = found["quote_id"].astype(object).map(speakers).where(found["voice"] == "quoted").fillna(JOURNALIST) \
            .value_counts()
        by_sentence = found.groupby("sentence", sort=False)
        strongest = sorted(by_sentence.groups, key=lambda sentence: (-len(by_sentence.groups[sentence]),
                                                                     sentence))[:examples]
        rows.append({
            "category": category,
            "label": entry.label if entry else category,
            "group": entry.group if entry else None,
            "cues": len(found),
            "per_1000_words": round(1000 * len(found) / words, 1),
            "share_quoted": round(float((found["voice"] == "quoted").mean()), 2),
            "voices": ", ".join(f"{voice} {count}" for voice, count in voices.items()),
            "example": " / ".join(_sentence(article, sentence) for sentence in strongest),
            "example_cues": ", ".join(dict.fromkeys(by_sentence.get_group(strongest[0])["surface"])),
        })
    profile = pd.DataFrame(rows, columns=list(PROFILE_COLUMNS))
    return profile.sort_values(["per_1000_words", "category"], ascending=[False, True], ignore_index=True)


def _sentence(article, index):
    """The sentence's text on one line, without the dateline the first sentence may begin with."""
    sentence = article.sentences[int(index)]
    start = sentence.start
    if article.dateline and article.dateline[0] <= start < article.dateline[1] < sentence.end:
        start = article.dateline[1]
    return " ".join(article.span(start, sentence.end).split())
