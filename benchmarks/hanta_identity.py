"""Does the fast tagger (`helpers.pipeline.hanta_fast`) give HanTa's results to the last bit? A check, not a test.

    .venv/bin/python benchmarks/hanta_identity.py              # the 700 Wikinews train articles
    .venv/bin/python benchmarks/hanta_identity.py --limit 50   # the first 50

Reads the Wikinews articles in ../shared/data/wikinews-quotes/train (text in `originalText`). Over their word
forms it compares the fast tagger's `_tag_word` (one word at a time and, as the pipeline asks, all in one call
of `tag_words`), `analyze_forward`, `analyze_viterbi` (for every tag `analyze_forward` gives) and `_analyze`
(the lemma, for the same tags) with HanTa's own `HanoverTagger`, by equality of the results (floats included).
Then it tags every sentence with both and compares HanTa's tags and lemmas (`tag_sent(words, taglevel=1)`)
and the component's `token.tag_` and `token.lemma_` with what HanTa's would give. Run it before adding a HanTa
release to `VERIFIED_HANTA_VERSIONS`: it uses the fast tagger whatever HanTa is installed. No word analyses
are read from or stored on disk. Prints the counts compared and every difference found (the first 10 of each
kind shown); exits with 1 if there is one.
"""

import argparse
import os
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path

import spacy
from HanTa.HanoverTagger import HanoverTagger

from helpers.article import load_corpus
from helpers.errors import BlickwinkelWarning
from helpers.german.quotation_marks import typographic_marks
from helpers.pipeline import article_doc
from helpers.pipeline.hanta import (
    LONGEST_WORD,
    HantaTagger,
    fast_tagger,
    hanta_word,
    stts_tag,
    surface_spelling,
    tag_numbers,
)
from helpers.pipeline.hanta_fast import VERIFIED_HANTA_VERSIONS
from helpers.pipeline.word_analyses import HANTA_MODEL

WIKINEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews-quotes" / "train"
SHOWN = 10  # differences shown per kind


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="compare only the first N articles")
    args = parser.parse_args(argv)
    if not WIKINEWS.is_dir():
        print(f"skipped: {WIKINEWS} not found (the Wikinews quotation data lies beside the repository in "
              "../shared/data); nothing was compared")
        return 0
    os.environ["BLICKWINKEL_CACHE_DIR"] = ""  # analyse every word anew: no stored analyses
    installed = version("HanTa")
    print(f"HanTa {installed} (verified: {', '.join(sorted(VERIFIED_HANTA_VERSIONS))}; "
          f"{'in' if installed in VERIFIED_HANTA_VERSIONS else 'NOT in'} the verified set)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BlickwinkelWarning)  # a few Wikinews articles are not German
        articles = list(load_corpus(WIKINEWS, progress=False))[:args.limit]
    nlp = spacy.blank("de")
    nlp.add_pipe("blickwinkel_article")
    component = HantaTagger(nlp.vocab)  # the fast tagger, whatever the installed HanTa
    docs = [component(doc) for doc in nlp.pipe(article_doc(nlp, article) for article in articles)]
    sentences = [[token for token in sentence if not token.is_space] for doc in docs for sentence in doc.sents]
    sentences = [tokens for tokens in sentences if tokens]
    print(f"{len(articles)} articles, {sum(map(len, sentences)):,} tokens in {len(sentences):,} sentences\n")

    original, fast = HanoverTagger(HANTA_MODEL), fast_tagger()
    differences = {}
    forms = sorted({hanta_word(token.text) for tokens in sentences for token in tokens
                    if len(token.text) <= LONGEST_WORD})
    compare_word_analyses(original, fast, forms, differences)
    compare_sentences(original, fast, sentences, differences)

    found = sum(len(found) for found in differences.values())
    for kind, examples in differences.items():
        for example in examples[:SHOWN]:
            print(f"  {kind}: {example}")
    print(f"\n{found} differences found" if found else "\nno differences: the fast tagger gives HanTa's results")
    return 1 if found else 0


def compare_word_analyses(original, fast, forms, differences):
    """HanTa's word analyses of each form against the fast tagger's: candidates, tags, morphemes, lemmas."""
    flags = [case_sensitive for _ in forms for case_sensitive in (False, True)]
    words = [form for form in forms for _ in (False, True)]
    started = time.process_time()
    batched = fast.tag_words(words, flags, cutoff=5, conditional=True)
    report(differences, "tag_words (one call)", [
        (word, flag) for word, flag, result in zip(words, flags, batched)
        if result != original._tag_word(word, cutoff=5, casesensitive=flag, conditional=True)
    ], len(words))
    report(differences, "_tag_word", [
        (word, flag) for word, flag in zip(words, flags)
        if fast._tag_word(word, 5, flag, True) != original._tag_word(word, 5, flag, True)
    ], len(words))
    normalized = sorted({original.normalize(form) for form in forms})
    forward = {word: original.analyze_forward(word) for word in normalized}
    report(differences, "analyze_forward", [
        word for word in normalized if fast.analyze_forward(word) != forward[word]
    ], len(normalized))
    pairs = [(word, tag) for word in normalized for tag, _ in forward[word]]
    report(differences, "analyze_viterbi", [
        (word, tag) for word, tag in pairs if fast.analyze_viterbi(word, -tag) != original.analyze_viterbi(word, -tag)
    ], len(pairs))
    report(differences, "_analyze", [
        (word, tag) for word, tag in pairs if fast._analyze(word, tag) != original._analyze(word, tag)
    ], len(pairs))
    print(f"  ({time.process_time() - started:.0f} s)\n")


def compare_sentences(original, fast, sentences, differences):
    """HanTa's `tag_sent` of each sentence against the fast tagger's tags and lemmas, and the component's."""
    started = time.process_time()
    raw, component, tokens_compared, left_out = [], [], 0, 0
    for tokens in sentences:
        if any(len(token.text) > LONGEST_WORD for token in tokens):
            left_out += 1  # a token too long to analyse takes its tag from the context alone, by design
            continue
        words = [hanta_word(token.text) for token in tokens]
        expected = original.tag_sent(words, taglevel=1)
        tags = tag_numbers(words)
        mine = [(word, fast.lemma(word, tag), fast.tag_name(tag)) for word, tag in zip(words, tags)]
        if mine != expected:
            raw.append(" ".join(f"{a}/{b}" for a, b in zip(mine, expected) if a != b))
        shown = [(token.tag_, token.lemma_) for token in tokens]
        wanted = [(stts_tag(tag), token.text if token.text in typographic_marks() else surface_spelling(token.text,
                                                                                                        lemma))
                  for token, (_, lemma, tag) in zip(tokens, expected)]
        if shown != wanted:
            component.append(" ".join(f"{token.text}: {a} != {b}" for token, a, b in zip(tokens, shown, wanted)
                                      if a != b))
        tokens_compared += len(tokens)
    note = f", {left_out} with a token of more than {LONGEST_WORD} letters left out" if left_out else ""
    report(differences, "tag_sent (HanTa's tags and lemmas)", raw, len(sentences) - left_out,
           unit=f"sentences ({tokens_compared:,} tokens{note})")
    report(differences, "token.tag_ and token.lemma_", component, len(sentences) - left_out, unit="sentences")
    print(f"  ({time.process_time() - started:.0f} s)")


def report(differences, kind, found, compared, unit="compared"):
    differences[kind] = found
    print(f"{kind:40} {compared:>9,} {unit}, {len(found):,} differences")


if __name__ == "__main__":
    sys.exit(main())
