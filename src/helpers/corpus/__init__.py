"""Corpora: many articles analysed into Parquet tables, resumably, and the questions asked of them.

    from helpers.corpus import analyze_corpus, read_tables
    analyze_corpus("artikel/", "ergebnisse/", processes=2)
    tables = read_tables("ergebnisse/")

`runner` streams batches through the pipeline (in this process, a pool or Dask), `store` writes and reads
the tables, `statistics` answers corpus questions (rates by year, who speaks about whom).
"""

from helpers.corpus.runner import TABLES, analyze_batch, analyze_corpus, sample_paths
from helpers.corpus.statistics import quoted_mentions, rate_by_year, with_article_dates
from helpers.corpus.store import read_tables

__all__ = ["TABLES", "analyze_batch", "analyze_corpus", "quoted_mentions", "rate_by_year", "read_tables",
           "sample_paths", "with_article_dates"]
