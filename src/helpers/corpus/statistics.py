"""Questions about a whole corpus's tables: rows by year of publication, who speaks about whom.

    rate_by_year(tables["frame_cues"], tables["articles"], "frame", years=3)
    quoted_mentions(tables["quotes"], tables["actor_mentions"])
"""

import pandas as pd

from helpers.tables.quotes import counted_once


def with_article_dates(table, articles):
    """`table` with the `date`, `date_precision` and `year` of each row's article (from the articles table).

        cues = with_article_dates(tables["frame_cues"], tables["articles"])
        cues.groupby(["year", "category"]).size()
    """
    dates = articles[["article_id", "date", "date_precision"]]
    dated = table.merge(dates, on="article_id", how="left", validate="many_to_one")
    dated["year"] = _year(dated["date"])
    return dated


def rate_by_year(table, articles, column, years=1):
    """Rows per article for each value of `column`, by year of publication (years as rows, values as columns).

        rate_by_year(tables["frame_cues"], tables["articles"], "frame", years=3)

    Dividing by the number of articles of each year keeps a year with many articles from looking like a
    year in which a frame was used more. `years=3` pools three years (2004-2006 as 2004), for small
    corpora. Articles without a date are left out.
    """
    dated = with_article_dates(table, articles).assign(year=lambda rows: rows["year"] // years * years)
    counts = dated.groupby(["year", column]).size().unstack(fill_value=0)
    per_year = (_year(articles["date"]) // years * years).value_counts()
    return counts.div(per_year.reindex(counts.index), axis=0).sort_index()


def _year(dates):
    """The year of dates like '2018-06-01', '2018-06' or '2018' (missing for a missing date)."""
    return pd.to_numeric(dates.str[:4], errors="coerce").astype("Int64")


def quoted_mentions(quotes, mentions, speaker="speaker_actor", mentioned="actor"):
    """Who speaks about whom: one row per mention that lies inside a quotation, with the quotation's speaker.

        quoted_mentions(tables["quotes"], tables["actor_mentions"]).groupby(["speaker", "mentioned"]).size()

    Columns: article_id, quote_id, speaker (the quote's `speaker` column; quotes without one are left
    out), mentioned (the mention's `mentioned` column), start, end (the mention's offsets). A quote nested in
    another one is left out: its mentions are inside the outer quotation already.
    """
    quoted = counted_once(quotes).dropna(subset=[speaker])[["article_id", "quote_id", speaker, "start", "end"]]
    quoted = quoted.rename(columns={speaker: "speaker"})
    found = mentions[["article_id", mentioned, "start", "end"]].rename(columns={mentioned: "mentioned"})
    pairs = quoted.merge(found, on="article_id", suffixes=("_quote", ""))
    inside = pairs[(pairs["start"] >= pairs["start_quote"]) & (pairs["end"] <= pairs["end_quote"])]
    columns = ["article_id", "quote_id", "speaker", "mentioned", "start", "end"]
    return inside[columns].sort_values(["article_id", "start"]).reset_index(drop=True)


