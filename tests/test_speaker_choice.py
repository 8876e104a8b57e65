"""The learned speaker choice (the default; `load_pipeline(speaker_model=False)` keeps the rules' choice): cases
it fixes, and training."""

import json

import pytest

from helpers import analyze, load_pipeline
from helpers.evaluation.quotes import DATA_DIR
from helpers.evaluation.speaker_training import train_speakers
from helpers.quotes.speaker_choice import MODEL_FILE, SpeakerChoice


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
