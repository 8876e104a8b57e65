"""The learned speaker choice (the default; `load_pipeline(speaker_model=False)` keeps the rules' choice): cases
it fixes, and training."""

import json
import warnings
from pathlib import Path

import pytest

from helpers import analyze, load_article, load_pipeline
from helpers.evaluation.quotes import DATA_DIR
from helpers.evaluation.speaker_training import train_speakers
from helpers.pipeline import article_doc
from helpers.quotes.finder import find_quotes, read_article
from helpers.quotes.linking import actor_mentions
from helpers.quotes.speaker_choice import MODEL_FILE, SpeakerChoice, speaker_candidates


def speakers(text, speaker_model):
    table = analyze(text, pipeline=load_pipeline(speaker_model=speaker_model)).quotes
    return table[["text", "speaker"]].values.tolist()


@pytest.mark.parametrize("text, model", [
    # a passive speech verb: the source is the noun phrase after "in"
    ("Berlin (dpa) - Die Kritik wächst. So wird in einer Erklärung der Organisation gefordert, dass die Regierung "
     "die Ermittlungen beschleunigen müsse.", "einer Erklärung der Organisation"),
])
def test_the_model_picks_the_speaker_the_rules_miss(text, model):
    assert speakers(text, False)[-1][1] is None
    assert speakers(text, True)[-1][1] == model


def test_a_speaker_carried_over_from_the_quotation_before_is_kept():
    text = "Berlin (dpa) - „Wir bleiben dabei“, sagte Stoiber in München. „Das ist nicht machbar.“"
    assert [speaker for _, speaker in speakers(text, True)] == ["Stoiber", "Stoiber"]


def test_the_rules_choice_stays_where_the_model_agrees():
    text = "Berlin (dpa) - Die Regierung sei bereit zu Gesprächen, sagte ein Sprecher des Ministeriums am Dienstag."
    assert speakers(text, True) == speakers(text, False) == [["Die Regierung sei bereit zu Gesprächen",
                                                               "ein Sprecher des Ministeriums"]]


def test_the_shipped_model_says_what_it_was_trained_on():
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert "CC BY-NC-SA 4.0" in model["data_licence"] and len(model["data_sha256"]) == 64
    assert model["settings"]["l2"] > 0 and SpeakerChoice.load().weights == model["weights"]


def test_train_quotes_writes_a_model_from_a_few_articles(tmp_path):
    if not (DATA_DIR / "train").is_dir():
        pytest.skip(f"the Wikinews quotation data is not at {DATA_DIR}: it lies beside the repository in ../shared")
    out = train_speakers(limit=5, out=tmp_path / "speakers.json", progress=False)
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["data"] == "wikinews-quotes/train (5 articles)" and model["weights"]
    assert all(isinstance(weight, float) for weight in model["weights"].values())
    assert [text for text, _ in speakers("Berlin (dpa) - Merkel sagte, sie sei zufrieden.", str(out))] == [
        "sie sei zufrieden"]


def test_the_choice_is_the_best_scored_of_the_candidates_training_reads():
    """The choice builds features only where a quotation has more than one candidate: scoring every candidate
    of `speaker_candidates` (what training reads) picks the same speakers; and a candidate counts as in the
    quotation's sentence where `Article.sentence_at` finds that sentence."""
    nlp = load_pipeline()
    quote_component = nlp.get_pipe("blickwinkel_quotes")
    choice = quote_component.speaker_choice
    paths = [*sorted((Path(__file__).resolve().parent / "articles").glob("*.txt")),
             *sorted((DATA_DIR / "train").glob("*.json"))[:40]]
    chosen = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            doc = nlp(article_doc(nlp, load_article(path)))
            reading = read_article(doc, quote_component.cue_matcher(doc))
            found, actors = find_quotes(reading), actor_mentions(doc)
            candidates = speaker_candidates(reading, actors, found)
            best = [max(here, key=lambda candidate: choice.score(candidate.features)).span for here in candidates]
            assert [quote.speaker for quote in choice(reading, actors, found)] == best
            for quote, here in zip(found, candidates):
                for candidate in filter(lambda candidate: candidate.span, here):
                    sentence = reading.article.sentence_at(candidate.span[0])
                    same = sentence is not None and sentence.index == quote.sentence
                    assert ("same_sentence" in candidate.features) == same
                    assert ("other_sentence" in candidate.features) != same
            chosen += len(found)
    assert chosen > 100
