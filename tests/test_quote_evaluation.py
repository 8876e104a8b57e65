import itertools
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import analyze, load_article
from helpers.errors import ArticleError
from helpers.evaluation.quotes import (
    GoldDocument,
    Quotation,
    load_gold_document,
    optimal_pairs,
    overlap_counts,
    pair_quotations,
    predicted_quotations,
    score,
    split_paths,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WIKINEWS = SHARED / "data" / "wikinews-quotes"


def quotation(type_="Direct", quote=(), cue=(), speaker=()):
    return Quotation(type_, {"quote": frozenset(quote), "cue": frozenset(cue), "speaker": frozenset(speaker)})


def row(scores, scope, role):
    return scores.set_index(["scope", "role"]).loc[(scope, role)]


def test_optimal_pairs_prefers_the_larger_total_over_the_greedy_choice():
    # greedy would pair 0-0 (3) and leave 1 with 0; the optimum pairs 0-1 and 1-0 (2 + 3)
    assert optimal_pairs([[3, 2], [3, 0]]) == [(0, 1), (1, 0)]


def test_optimal_pairs_handles_more_rows_than_columns_and_empty_input():
    assert optimal_pairs([[1], [5], [2]]) == [(1, 0)]
    assert optimal_pairs([[0, 4, 1]]) == [(0, 1)]
    assert optimal_pairs([]) == []


def test_optimal_pairs_finds_the_best_of_all_permutations():
    weights = [[7, 5, 1, 0], [6, 6, 2, 1], [0, 3, 8, 2], [1, 0, 7, 4], [9, 0, 0, 0]]
    pairs = optimal_pairs(weights)
    best = max(sum(weights[row][column] for column, row in enumerate(rows))
               for rows in itertools.permutations(range(5), 4))
    assert sum(weights[i][j] for i, j in pairs) == best == 9 + 6 + 8 + 4
    assert sorted(j for _, j in pairs) == [0, 1, 2, 3]


def test_quotations_without_shared_tokens_are_not_paired():
    predicted = [quotation(quote={1, 2}), quotation(quote={10, 11})]
    gold = [quotation(quote={10, 11, 12}), quotation(quote={20})]
    assert pair_quotations(predicted, gold) == [(1, 0)]


def test_a_partial_quote_pairs_with_the_gold_partial_quote_not_with_the_indirect_quote_around_it():
    predicted = [quotation(quote={5, 6, 7})]
    gold = [quotation("Indirect", quote={1, 2, 3, 4, 5, 6, 7, 8}), quotation("Direct", quote={5, 6, 7})]
    assert pair_quotations(predicted, gold) == [(0, 1)]


def test_half_overlapping_quote_scores_one_half_and_missing_speaker_scores_zero_recall():
    predicted = [quotation(quote={1, 2, 3, 4}, cue={6})]
    gold = [quotation(quote={3, 4, 5, 6}, cue={6}, speaker={7, 8})]
    scores = score(overlap_counts(predicted, gold))
    quote = row(scores, "all", "quote")
    assert (quote.precision, quote.recall, quote.f1) == (0.5, 0.5, 0.5)
    assert (row(scores, "all", "cue").precision, row(scores, "all", "cue").recall) == (1.0, 1.0)
    speaker = row(scores, "all", "speaker")
    assert (speaker.precision, speaker.recall, speaker.f1) == (0.0, 0.0, 0.0)
    joint = row(scores, "all", "joint")  # pooled: overlap 2 + 1 + 0, predicted 4 + 1, gold 4 + 1 + 2
    assert (joint.overlap, joint.predicted, joint.gold) == (3, 5, 7)
    assert joint.precision == pytest.approx(3 / 5) and joint.recall == pytest.approx(3 / 7)


def test_an_unpaired_prediction_lowers_precision_of_all_but_not_of_the_gold_type():
    predicted = [quotation(quote={1, 2}), quotation(quote={8, 9})]
    gold = [quotation("Indirect", quote={1, 2})]
    scores = score(overlap_counts(predicted, gold))
    assert row(scores, "all", "quote").precision == 0.5
    assert row(scores, "Indirect", "quote").precision == 1.0
    assert row(scores, "Indirect", "quote").recall == 1.0


def test_counts_of_several_articles_are_summed_before_dividing():
    first = overlap_counts([quotation(quote={1})], [quotation(quote={1})])
    second = overlap_counts([], [quotation(quote={1, 2, 3})])
    scores = score(pd.concat([first, second], ignore_index=True))
    assert row(scores, "all", "quote").recall == pytest.approx(1 / 4)


def test_character_spans_cover_every_token_they_touch():
    document = GoldDocument(article=None, token_starts=(0, 3, 9), token_ends=(2, 8, 10), quotations=())
    assert document.tokens_between(0, 2) == {0}
    assert document.tokens_between(4, 9) == {1}  # ends where token 2 starts
    assert document.tokens_between(1, 10) == {0, 1, 2}
    assert document.tokens_between(None, None) == frozenset()


def test_all_cue_words_count_and_a_speech_act_verb_counts_as_quoted_not_as_cue():
    text = "Die Polizei teilte mit, drei Menschen seien verletzt. Die Gewerkschaft kündigte einen Streik an."
    article = load_article(text, article_id="beispiel")
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    document = GoldDocument(article, tuple(s for s, _ in tokens), tuple(e for _, e in tokens), ())
    words = [text[s:e] for s, e in tokens]
    indirect, speech_act = predicted_quotations(analyze(article).quotes, document)
    assert sorted(words[i] for i in indirect.tokens("cue")) == ["mit", "teilte"]
    assert speech_act.tokens("cue") == frozenset()
    assert {"kündigte", "an"} <= {words[i] for i in speech_act.tokens("quote")}


def test_a_wikinews_file_is_read_with_its_exact_text_and_gold_token_ids(tmp_path):
    record = {
        "documentName": "Ein Test (2020-01-02)",
        "originalText": "„Ja“, sagte Anna.",
        "tokens": [{"id": i, "charBegin": b, "charEnd": e} for i, (b, e) in
                   enumerate([(0, 1), (1, 3), (3, 4), (4, 5), (6, 11), (12, 16), (16, 17)])],
        "sentences": [],
        "annotations": [{"type": "Direct", "quote": {"tokenIds": [0, 1, 2]}, "cue": {"tokenIds": [4]},
                         "speaker": {"tokenIds": [5]}}],
    }
    path = tmp_path / "123.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    document = load_gold_document(path)
    assert document.article.text == record["originalText"]
    assert document.article.id == "123"
    assert document.quotations == (quotation("Direct", quote={0, 1, 2}, cue={4}, speaker={5}),)
    assert document.tokens_between(12, 16) == {5}


def test_an_unknown_split_is_an_error_that_names_the_splits():
    with pytest.raises(ArticleError, match="train"):
        split_paths("test")


def test_the_real_dev_split_loads():
    if not WIKINEWS.is_dir():
        pytest.skip(f"the Wikinews quotation data is not at {WIKINEWS}")
    paths = split_paths("dev")
    assert len(paths) == 150
    document = load_gold_document(paths[0])
    record = json.loads(paths[0].read_text(encoding="utf-8"))
    assert document.article.text == record["originalText"]
    assert len(document.token_starts) == len(record["tokens"])
