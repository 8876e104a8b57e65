"""The frame cues table, built from `doc.spans["frame_cues"]`, and what a reader asks of it.

    cues = frame_cue_table(doc)                       # one row per cue, with offsets, category and voice
    cue_counts(cues, by="section")                    # cue counts per section and category
    keyword_in_context(doc, cues, "Koalition")        # each cue with the words around it

Voice: a cue inside a quotation of `doc.spans["quotes"]` is "quoted" (with the innermost quotation's speaker
and type), every other cue is the journalist's.
"""

import pandas as pd
from spacy.tokens import Doc

from helpers.article import Article
from helpers.framing import DEFAULT_LEXICON, SPAN_KEY, FrameLexicon, cue_extensions, lexicon_of
from helpers.tables.build import NULLABLE_INTEGERS, frame_of

QUOTES_KEY = "quotes"

# The columns of `frame_cue_table`, in order.
FRAME_CUE_COLUMNS = {
    "article_id": "Article.id",
    "category": "the lexicon category: relationship, cooperation, conflict, military, hedging, ...",
    "frame": "the generic news frame (Semetko & Valkenburg 2000) the category indicates, or None",
    "group": "what kind of category it is: news_frame, language or metaphor (a metaphor family), or None",
    "cue_lemma": "the cue as the lexicon names it ('annähern', 'Seite an Seite', 'sollen … haben')",
    "surface": "the matched words as written; '…' marks words in between ('nähern … an')",
    "start": "character offset of the first matched word in article.text (of the sentence for a sentence cue "
             "such as a rhetorical question)",
    "end": "character offset after the last matched word (after the sentence for a sentence cue)",
    "compound_part": "the part of a compound that matched ('partner' in 'Koalitionspartner'), else None",
    "compound_split": "the compound with the split marked ('Koalitions|partner'), else None",
    "sentence": "Article.sentences index",
    "section_index": "0 before the first heading",
    "section": "section title ('' before the first heading)",
    "part": "title, lead, question, heading or body",
    "in_question": "the cue's sentence ends with a question mark (a question heading, or a rhetorical question "
                   "such as 'Eine Zwangsehe?')",
    "voice": "'quoted' inside a quotation of doc.spans['quotes'], else 'journalist'",
    "speaker": "the quotation's speaker as written, or None (also in the journalist's voice)",
    "speaker_actor_id": "the speaker's actor id, or None when the speaker is not linked to an actor",
    "quote_id": "the quotation's row in the quotes table (its place in doc.spans['quotes']), or None",
    "quote_type": "direct, partial, indirect or reported, or None; in indirect and reported quotations the "
                  "words are the journalist's paraphrase",
}
FRAME_CUE_DTYPES = {"frame": object, "group": object, "compound_part": object, "compound_split": object, "speaker": object,
                    "speaker_actor_id": object, "quote_id": NULLABLE_INTEGERS, "quote_type": object}
JOURNALIST = {"voice": "journalist", "speaker": None, "speaker_actor_id": None, "quote_id": None, "quote_type": None}


def frame_cue_columns(doc: Doc) -> dict[str, list]:
    """The rows of `frame_cue_table` as lists per column (a corpus run joins those of many Docs)."""
    article = doc._.article
    quotations = list(doc.spans[QUOTES_KEY]) if QUOTES_KEY in doc.spans else []
    voices = _Voices(quotations)
    columns = {name: [] for name in FRAME_CUE_COLUMNS}
    for span in doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else ():
        extensions = cue_extensions(span)
        start, end = span.start_char, span.end_char
        row = {"article_id": article.id, "category": span.label_, "frame": extensions["frame"],
               "group": extensions["frame_group"], "cue_lemma": extensions["frame_cue"],
               "surface": extensions["cue_surface"], "start": start, "end": end,
               "compound_part": extensions["compound_part"], "compound_split": extensions["compound_split"],
               **article.locate(start), "in_question": extensions["in_question"], **voices.around(start, end)}
        for name, values in columns.items():
            values.append(row[name])
    return columns


def frame_cue_table(doc: Doc) -> pd.DataFrame:
    """One row per frame cue, in text order (columns: `FRAME_CUE_COLUMNS`).

        cues = frame_cue_table(nlp(text))
        cues[cues["category"] == "relationship"][["cue_lemma", "surface", "part", "voice"]]
    """
    return frame_of([frame_cue_columns(doc)], FRAME_CUE_DTYPES)


class _Voices:
    """The voice of the cues of a Doc, given its quotations (their offsets read once, each one's voice made once)."""

    def __init__(self, quotations):
        self.quotations = quotations
        self.offsets = [(quote.start_char, quote.end_char) for quote in quotations]
        self.voices = {}  # quotation number -> its voice

    def around(self, start: int, end: int) -> dict:
        """The voice of a cue at these offsets: the innermost quotation around it (the first of the shortest), or
        the journalist."""
        offsets = self.offsets
        around = [number for number, (first, last) in enumerate(offsets) if first <= start and last >= end]
        if not around:
            return JOURNALIST
        number = min(around, key=lambda number: offsets[number][1] - offsets[number][0])
        if number not in self.voices:
            quote = self.quotations[number]
            speaker = quote._.speaker
            self.voices[number] = {"voice": "quoted", "speaker": speaker.text if speaker is not None else None,
                                   "speaker_actor_id": (speaker.kb_id_ or None) if speaker is not None else None,
                                   "quote_id": number, "quote_type": quote.label_}
        return self.voices[number]


def cue_counts(cues: pd.DataFrame, by="section", normalize=False,
                  lexicon: FrameLexicon | str = DEFAULT_LEXICON) -> pd.DataFrame:
    """Cue counts for each value of `by` (a column or a list of columns) and each category.

        cue_counts(cues, by="section")                      # sections in text order
        cue_counts(cues, by="voice", normalize="index")     # each voice's cues as shares of categories

    `by="section"` groups by section_index and section title. `normalize` is passed to `pandas.crosstab`
    ("index": shares within a row, "columns": within a category, "all": of all cues). Categories keep the
    lexicon's order.
    """
    columns = [by] if isinstance(by, str) else list(by)
    keys = [key for column in columns for key in (["section_index", "section"] if column == "section" else [column])]
    if cues.empty:
        return pd.DataFrame()
    profile = pd.crosstab([cues[key] for key in keys], cues["category"], normalize=normalize)
    order = [category for category in lexicon_of(lexicon).categories if category in profile.columns]
    return profile[order]


def voice_shares(cues: pd.DataFrame, lexicon: FrameLexicon | str = DEFAULT_LEXICON) -> pd.DataFrame:
    """Per category: cues in the journalist's voice, in quotations, all, and the share quoted (last row: all).

        voice_shares(cues).loc["all", "share_quoted"]
    """
    counts = cue_counts(cues, by="voice", lexicon=lexicon).T
    counts = counts.reindex(columns=["journalist", "quoted"], fill_value=0)
    counts.loc["all"] = counts.sum()
    counts["all"] = counts["journalist"] + counts["quoted"]
    counts["share_quoted"] = (counts["quoted"] / counts["all"]).round(3)
    counts.columns.name = None
    return counts


def top_cues(cues: pd.DataFrame, n: int = 10, lexicon: FrameLexicon | str = DEFAULT_LEXICON) -> pd.DataFrame:
    """The `n` most frequent cues of each category: category, cue_lemma, count (ties alphabetically).

        top_cues(cues, n=3)
    """
    order = list(lexicon_of(lexicon).categories)
    counts = cues.groupby(["category", "cue_lemma"]).size().rename("count").reset_index()
    counts["category"] = pd.Categorical(counts["category"], categories=order, ordered=True)
    counts = counts.sort_values(["category", "count", "cue_lemma"], ascending=[True, False, True])
    counts = counts.groupby("category", observed=True).head(n).reset_index(drop=True)
    counts["category"] = counts["category"].astype(str)
    return counts


def keyword_in_context(source: Article | Doc, cues: pd.DataFrame, lemma: str, width: int = 40) -> pd.DataFrame:
    """Every occurrence of a cue (a cue_lemma such as "Koalition", a whole category such as "hedging", or a
    group such as "metaphor") with up to `width` characters of whole words on either side: a
    keyword-in-context (KWIC) concordance.

        keyword_in_context(doc, cues, "Koalition")
        keyword_in_context(doc, cues, "metaphor")          # every metaphor, of all families

    `source` is the article (or its Doc) the cues were found in.
    """
    article = source._.article if isinstance(source, Doc) else source
    chosen = (cues["cue_lemma"] == lemma) | (cues["category"] == lemma) | (cues["group"] == lemma)
    rows = cues[(cues["article_id"] == article.id) & chosen]
    text = article.text
    return pd.DataFrame({
        "article_id": rows["article_id"],
        "start": rows["start"],
        "end": rows["end"],
        "left": [_flat(_words_before(text, start, width)) for start in rows["start"]],
        "cue": [_flat(text[start:end]) for start, end in zip(rows["start"], rows["end"])],
        "right": [_flat(_words_after(text, end, width)) for end in rows["end"]],
        "category": rows["category"],
        "cue_lemma": rows["cue_lemma"],
        "voice": rows["voice"],
        "quote_type": rows["quote_type"],
        "speaker": rows["speaker"],
        "section": rows["section"],
    }).reset_index(drop=True)


def _words_before(text, start, width):
    """At most `width` characters before `start`, without a word cut at the left."""
    left = max(0, start - width)
    if left > 0 and not text[left - 1].isspace():
        cut = [position for position in range(left, start) if text[position].isspace()]
        left = cut[0] + 1 if cut else start
    return text[left:start]


def _words_after(text, end, width):
    """At most `width` characters after `end`, without a word cut at the right."""
    right = min(len(text), end + width)
    if right < len(text) and not text[right].isspace():
        cut = [position for position in range(end, right) if text[position].isspace()]
        right = cut[-1] if cut else end
    return text[end:right]


def _flat(snippet):
    return " ".join(snippet.split())


def describe_frames(cues: pd.DataFrame, n: int = 10, lexicon: FrameLexicon | str = DEFAULT_LEXICON,
                    articles: int | None = None, words: int | None = None) -> str:
    """A plain-text report of a cue table: cues per category and voice (and per 1,000 words when `words`, the
    number of words read, is given), the articles that use each category, and the `n` most frequent cues per
    category. `articles`: how many articles were read (default: those with at least one cue).

        print(describe_frames(cues, n=3))
    """
    articles = articles if articles is not None else cues["article_id"].nunique()
    shares = voice_shares(cues, lexicon)
    if words:
        shares["per_1000_words"] = (1000 * shares["all"] / words).round(2)
    using = cues.groupby("category")["article_id"].nunique().reindex(list(lexicon_of(lexicon).categories),
                                                                     fill_value=0)
    lines = [f"{articles} articles, {len(cues)} frame cues" + (f", {words} words" if words else ""), "",
             "Cues per category in the journalist's voice and in quotations:",
             shares.to_string(), "",
             "Articles with at least one cue of the category:"]
    lines += [f"  {category}: {count} ({count / max(articles, 1):.0%})" for category, count in using.items()]
    lines += ["", f"The {n} most frequent cues per category:"]
    for category, group in top_cues(cues, n, lexicon).groupby("category", sort=False):
        lines.append(f"  {category}: " + ", ".join(f"{cue} {count}" for cue, count in
                                                 zip(group["cue_lemma"], group["count"])))
    return "\n".join(lines)
