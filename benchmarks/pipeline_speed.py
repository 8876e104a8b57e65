"""Tokens per second of the project's pipeline against spaCy's blank German tokenizer, in one run, on one core.

    .venv/bin/python benchmarks/pipeline_speed.py                    # full pipeline, actors included
    .venv/bin/python benchmarks/pipeline_speed.py --without-actors   # sentences and HanTa tagging only

Reads the Wikinews articles in ../shared/data/wikinews-quotes/train. The pipeline runs three times over them:
the first pass starts with empty word-form caches and no stored analyses (cold start), the second starts with
empty word caches in memory but reads the word analyses the first pass stored on disk (like a new process after
an earlier run, except that spaCy's vocabulary keeps the words the tokenizer met in the first pass: a real new
process is slower, `analysis_speed.py --parts throughput` measures one), the third reuses the caches in memory
(warm); with actors, a fourth pass builds the
`actor_mentions` table of every article (parsing included). The stored analyses go to a temporary folder.
Finally it measures how often the cached tagger's tags agree with HanTa's own `tag_sent` on a sample of
sentences, and HanTa's speed.
Times are CPU time of this process (pinned to one core), so other work on the machine does not distort them.
"""

import argparse
import os
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path

import spacy
from HanTa.HanoverTagger import HanoverTagger

from helpers.article import load_corpus
from helpers.errors import BlickwinkelWarning, PipelineError
from helpers.nlp import load_pipeline, parse_many
from helpers.tagger import (
    HANTA_MODEL,
    WordAnalyses,
    analysis,
    clear_word_caches,
    hanta,
    hanta_word,
    sentence_tagger,
    tag_numbers,
    word_cache_path,
)

WIKINEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews-quotes" / "train"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without-actors", action="store_true", help="measure sentences and tagging only")
    parser.add_argument("--sample", type=int, default=400, help="sentences for the agreement with HanTa")
    args = parser.parse_args(argv)
    if not WIKINEWS.is_dir():
        print(f"skipped: {WIKINEWS} not found (the Wikinews quotation data lies beside the repository in ../shared)")
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    with tempfile.TemporaryDirectory() as cache_dir:
        os.environ["BLICKWINKEL_CACHE_DIR"] = cache_dir  # the stored analyses of this run only
        return measure(args)


def measure(args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BlickwinkelWarning)  # a few Wikinews articles are not German
        articles = list(load_corpus(WIKINEWS, progress=False))
    texts = [article.text for article in articles]

    started = time.process_time()
    nlp, label = pipeline(with_actors=not args.without_actors)
    loading = time.process_time() - started

    blank = spacy.blank("de")
    started = time.process_time()
    tokens = sum(len(doc) for doc in blank.pipe(texts))
    blank_seconds = time.process_time() - started
    # Empty the word-form caches, so that the first pass shows the cost of analysing new words; parse_many
    # stores the analyses at its end, and the second pass reads them as a new process would (with a warm vocab).
    cold_tokens, cold_seconds = timed(nlp, articles, fresh=True)
    stored_tokens, stored_seconds = timed(nlp, articles, fresh=True)
    warm_tokens, warm_seconds = timed(nlp, articles)
    assert tokens == cold_tokens == stored_tokens == warm_tokens
    reading_seconds, stored = timed_reading()
    tables_seconds = timed_tables(nlp, articles) if "blickwinkel_actors" in nlp.pipe_names else None

    agreement, hanta_speed = agreement_with_hanta(nlp, articles, args.sample)

    print(f"{len(texts)} Wikinews articles, {tokens:,} tokens, one core; pipeline: {label} "
          f"(loaded in {loading:.1f} s)\n")
    rows = [
        ("spacy.blank('de') tokenizer", tokens / blank_seconds),
        ("pipeline, cold start (nothing stored)", tokens / cold_seconds),
        ("pipeline, word caches emptied, on disk", tokens / stored_seconds),
        ("pipeline, warm caches in memory", tokens / warm_seconds),
        (f"HanTa tag_sent itself ({args.sample} sentences)", hanta_speed),
    ]
    if tables_seconds:
        rows.insert(4, ("pipeline + actor_mentions tables (warm)", tokens / tables_seconds))
    print(f"{'':42} {'tokens/s':>10} {'share of blank':>15} {'share of warm':>14}")
    for name, speed in rows:
        print(f"{name:42} {speed:10,.0f} {speed * blank_seconds / tokens:15.1%} {speed * warm_seconds / tokens:14.1%}")
    print(f"\nstored word analyses: {word_cache_path().stat().st_size / 1e6:.1f} MB, "
          f"{stored['candidates']:,} forms and {stored['lemmas']:,} (form, tag) lemmas, read in "
          f"{reading_seconds * 1000:.0f} ms; with them the pipeline runs {cold_seconds / stored_seconds:.1f} times "
          "as fast as a cold start")
    print(f"\ntag agreement with HanTa's tag_sent on {args.sample} sentences: {agreement:.2%}")
    print(f"word-form caches after the run: {len(sentence_tagger().forms):,} forms, "
          f"{analysis.cache_info().currsize:,} (form, tag) lemmas")
    return 0


def pipeline(with_actors):
    if with_actors:
        try:
            return load_pipeline(), "sentences + HanTa + actors"
        except PipelineError as error:
            print(f"actor component not available ({error}); measuring without it\n")
    return load_pipeline(actors=False), "sentences + HanTa (no actors)"


def timed(nlp, articles, fresh=False):
    """Tokens and seconds of the project's way through a corpus: `parse_many`; if `fresh`, with the word
    analyses in memory forgotten first (those stored on disk are read again, as by a new process; spaCy's
    vocabulary is not emptied)."""
    if fresh:
        clear_word_caches()
        nlp.get_pipe("blickwinkel_hanta").rows.clear()
    started = time.process_time()
    tokens = sum(len(doc) for _, doc in parse_many(articles, nlp))
    return tokens, time.process_time() - started


def timed_reading():
    """Seconds to read the stored word analyses, and the number of entries of each table."""
    started = time.process_time()
    stored = WordAnalyses(word_cache_path())
    return time.process_time() - started, {table: len(entries) for table, entries in stored.earlier.items()}


def timed_tables(nlp, articles):
    """Seconds of `actor_mentions` for every article: parsing (the Docs are not kept) plus the table."""
    from helpers.actors import actor_mentions

    started = time.process_time()
    for article in articles:
        actor_mentions(article, nlp)
    return time.process_time() - started


def agreement_with_hanta(nlp, articles, sample_size):
    """Share of tokens where the cached tagger and HanTa's `tag_sent` agree, and HanTa's tokens per second."""
    sentences = [
        [hanta_word(token.text) for token in sentence if not token.is_space]
        for _, doc in parse_many(articles, nlp)
        for sentence in doc.sents
    ]
    sample = random.Random(1).sample([words for words in sentences if words], sample_size)
    original = HanoverTagger(HANTA_MODEL)
    started = time.process_time()
    expected = [original.tag_sent(words) for words in sample]
    hanta_seconds = time.process_time() - started
    tag_name = hanta().int2tag
    agreeing = total = 0
    for words, tagged in zip(sample, expected):
        for tag, (_, _, hanta_tag) in zip(tag_numbers(words), tagged):
            agreeing += tag_name[tag] == hanta_tag
            total += 1
    return agreeing / total, total / hanta_seconds


if __name__ == "__main__":
    sys.exit(main())
