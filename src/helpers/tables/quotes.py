"""The quotations table, built from `doc.spans["quotes"]`, and who speaks how much.

    table = quote_table(doc)                       # one row per quotation, with character offsets
    who_speaks(table)                              # quotations and quoted words per speaker
    who_speaks(table, by="affiliation")            # ... per party, institution or state

A direct or partial quote inside an indirect or reported one has a row of its own, marked `nested` (the
Wikinews data annotates both); counts per speaker, type or actor are made on `counted_once(table)`, which
leaves the nested rows out: their words are already part of the outer quotation.
"""

import pandas as pd
from spacy.tokens import Doc

from helpers.actors import load_catalog
from helpers.article import words_as_written
from helpers.quotes import QUOTES
from helpers.tables.build import NULLABLE_INTEGERS, frame_of

# The columns of `quote_table`, in order (offsets into article.text; None where absent).
QUOTE_COLUMNS = {
    "article_id": "Article.id",
    "quote_id": "0.. in text order",
    "type": "direct, partial, indirect or reported (see helpers.quotes.component)",
    "start": "character offset of the quotation (direct and partial quotes include their quotation marks)",
    "end": "character offset after the quotation",
    "text": "the quotation, article.text[start:end]",
    "cue": "the word that introduces the quotation (sagte, laut, zufolge)",
    "cue_start": "offset of the cue",
    "cue_end": "offset after the cue",
    "cue_lemma": "the cue's lemma (sagen, laut)",
    "cue_words": "all the words of the cue, '…' between words that stand apart (teilte … mit, hat … gesagt)",
    "cue_spans": "offsets of every word of the cue as 'start-end' pairs separated by spaces ('12-18 40-43'; "
                 "`cue_offsets` reads them)",
    "speaker": "who speaks as written in the text (for a carried-over quotation: where the speaker was last named)",
    "speaker_start": "offset of the speaker",
    "speaker_end": "offset after the speaker",
    "speaker_actor_id": "the actor id the speaker refers to (a pronoun to the person it agrees with, named "
                        "shortly before; see helpers.quotes.pronouns)",
    "speaker_actor": "the actor's display name",
    "speaker_affiliation": "the display name of the actor's affiliation: from the catalog, else as the article "
                           "gives it anywhere (the mentions table's `affiliation`)",
    "speaker_kind": "actor (in the catalog), discovered (a name not in the catalog), anonymous or unknown",
    "carried_over": "True when the speaker was taken from the quotation before (no cue of its own)",
    "nested": "True for a direct or partial quote inside an indirect or reported one (which has a row too): "
              "counted once, as part of the outer one (`counted_once`)",
    "sentence": "Article.sentences index where the quotation starts",
    "section_index": "0 before the first heading",
    "section": "section title ('' before the first heading)",
    "part": "title, lead, question, heading or body",
}
OFFSET_COLUMNS = ["cue_start", "cue_end", "speaker_start", "speaker_end"]  # None where absent: nullable Int64
QUOTE_DTYPES = {**dict.fromkeys(OFFSET_COLUMNS, NULLABLE_INTEGERS),
                **dict.fromkeys(["cue", "cue_lemma", "cue_words", "cue_spans", "speaker", "speaker_actor_id",
                                 "speaker_actor", "speaker_affiliation"], object)}  # None, not NaN, where absent
QUOTE_COLORS = {"Zitat": "#ffe08a", "Redeeinleitung": "#9fd3c7", "Sprecher": "#f4a6a6"}


def quote_columns(doc: Doc) -> dict[str, list]:
    """The rows of `quote_table` as lists per column (a corpus run joins those of many Docs)."""
    article = doc._.article
    quotes = list(doc.spans[QUOTES]) if QUOTES in doc.spans else []
    text = article.text if quotes else ""  # the Doc's text: Span.text would join the span's tokens anew
    places = [article.locate(quote.start_char) for quote in quotes]
    extensions = [quote._ for quote in quotes]  # each `span._` makes a new object: one per quotation
    cues = [found.cue for found in extensions]
    cue_words = [found.cue_words for found in extensions]
    speakers = [found.speaker for found in extensions]
    mentions = [found.speaker_mention for found in extensions]
    mention_extensions = [mention._ if mention is not None else None for mention in mentions]
    return {
        "article_id": [article.id if article else None] * len(quotes),
        "quote_id": list(range(len(quotes))),
        "type": [quote.label_ for quote in quotes],
        "start": [quote.start_char for quote in quotes],
        "end": [quote.end_char for quote in quotes],
        "text": [text[quote.start_char:quote.end_char] for quote in quotes],
        "cue": [text[cue.start_char:cue.end_char] if cue is not None else None for cue in cues],
        "cue_start": [cue.start_char if cue is not None else None for cue in cues],
        "cue_end": [cue.end_char if cue is not None else None for cue in cues],
        "cue_lemma": [cue.label_ if cue is not None else None for cue in cues],
        "cue_words": [words_as_written(text, words) if words else None for words in cue_words],
        "cue_spans": [" ".join(f"{start}-{end}" for start, end in words) or None for words in cue_words],
        "speaker": [text[speaker.start_char:speaker.end_char] if speaker is not None else None for speaker in speakers],
        "speaker_start": [speaker.start_char if speaker is not None else None for speaker in speakers],
        "speaker_end": [speaker.end_char if speaker is not None else None for speaker in speakers],
        "speaker_actor_id": [mention.kb_id_ if mention is not None else None for mention in mentions],
        "speaker_actor": [found.actor_name if found is not None else None for found in mention_extensions],
        "speaker_affiliation": [found.affiliation if found is not None else None for found in mention_extensions],
        "speaker_kind": [found.speaker_kind for found in extensions],
        "carried_over": [found.carried_over for found in extensions],
        "nested": [found.nested for found in extensions],
        **{column: [place[column] for place in places] for column in ("sentence", "section_index", "section", "part")},
    }


def cue_offsets(cue_spans) -> list[tuple[int, int]]:
    """The (start, end) offsets in a `cue_spans` value; [] for a quotation without a cue.

        cue_offsets("12-18 40-43")     # [(12, 18), (40, 43)]
    """
    if cue_spans is None or pd.isna(cue_spans):
        return []
    return [tuple(int(number) for number in pair.split("-")) for pair in str(cue_spans).split()]


def quote_table(doc: Doc) -> pd.DataFrame:
    """One row per quotation, in text order (columns: `QUOTE_COLUMNS`).

        quote_table(nlp(text))[["type", "speaker", "text"]]
    """
    return frame_of([quote_columns(doc)], QUOTE_DTYPES)


def who_speaks(table: pd.DataFrame, by: str = "speaker", catalogs=()) -> pd.DataFrame:
    """Quotations and quoted words per speaker, most quoted words first.

        who_speaks(table)                         # speaker, quotes, quoted_words, direct, ...
        who_speaks(table, by="affiliation")         # Peter Cook counts for the Pentagon
        who_speaks(table, by="top_affiliation")     # ... and the Pentagon for the USA

    A speaker is named by its actor where linked, else as written; anonymous ones are marked '(anonym)';
    quotes without a speaker count as '(unbekannt)'. An actor without an affiliation is its own
    (Kreml-Angaben -> Russland). `top_affiliation` follows the catalog's affiliations to the outermost actor.
    A quote nested in another one (the `nested` column) is counted once, as part of the outer quotation.
    """
    if by not in {"speaker", "affiliation", "top_affiliation"}:
        raise ValueError(f"who_speaks(by={by!r}): use by='speaker', 'affiliation' or 'top_affiliation'")
    table = counted_once(table)
    rows = table.assign(
        speaker=speaker_labels(table),
        affiliation=table["speaker_affiliation"].fillna(table["speaker_actor"]).fillna("(unbekannt)"),
        top_affiliation=[_outermost(actor_id, catalogs) for actor_id in table["speaker_actor_id"]],
        quoted_words=table["text"].str.count(r"\w+"),
    )
    counts = rows.groupby(by).agg(quotes=("quote_id", "size"), quoted_words=("quoted_words", "sum"))
    types = pd.crosstab(rows[by], rows["type"]).reindex(columns=["direct", "partial", "indirect", "reported"],
                                                        fill_value=0)
    return counts.join(types).sort_values(["quoted_words", "quotes"], ascending=False).reset_index()


def counted_once(table: pd.DataFrame) -> pd.DataFrame:
    """The quotations without those nested in another one, so that each statement counts once.

        counted_once(table).groupby("speaker_actor").size()
    """
    return table[~table["nested"].astype(bool)]


def speaker_labels(table: pd.DataFrame) -> pd.Series:
    """Each quotation's speaker as `who_speaks` names it: the linked actor, else as written, '(anonym) …' for an
    anonymous source, '(unbekannt)' without a speaker."""
    anonymous = table["speaker_kind"] == "anonymous"
    label = table["speaker_actor"].where(~anonymous).fillna(table["speaker"]).fillna("(unbekannt)")
    return label.where(~anonymous, "(anonym) " + label)


def _outermost(actor_id, catalogs):
    """The name of the outermost actor that `actor_id` belongs to: peter_cook -> pentagon -> 'USA'."""
    if actor_id is None or pd.isna(actor_id):
        return "(unbekannt)"
    actors = load_catalog(catalogs).actors
    seen = set()
    while actor_id in actors and actors[actor_id].affiliation in actors and actor_id not in seen:
        seen.add(actor_id)
        actor_id = actors[actor_id].affiliation
    return actors[actor_id].name if actor_id in actors else str(actor_id)


def quote_spans(table: pd.DataFrame) -> pd.DataFrame:
    """The quotes, cues and speakers of a quotes table as one span table (start, end, label) for highlighting.

        highlight(article, quote_spans(table), label="label", colors=QUOTE_COLORS)
    """
    parts = [
        table[["start", "end"]].assign(label="Zitat"),
        pd.DataFrame([offsets for spans in table["cue_spans"] for offsets in cue_offsets(spans)],
                     columns=["start", "end"]).assign(label="Redeeinleitung"),
        table[["speaker_start", "speaker_end"]].set_axis(["start", "end"], axis=1).assign(label="Sprecher"),
    ]
    spans = pd.concat(parts, ignore_index=True).dropna(subset=["start", "end"]).drop_duplicates()
    return spans.astype({"start": int, "end": int}).sort_values(["start", "end"]).reset_index(drop=True)