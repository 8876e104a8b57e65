"""The learned name finder: its features, the shipped model in the pipeline, training and cross-validation."""

import json
from pathlib import Path

import pytest

from helpers.actors.gazetteers import Gazetteers
from helpers.actors.name_model import (MODEL_FILE, NameModel, WordLexicon, bio_labels, model_settings,
                                       word_features)
from helpers.cli import main
from helpers.evaluation.name_training import (Sentence, crf_items, cross_validated, folds, lookups_lexicon,
                                              prepared_sentences, train)
from helpers.pipeline import load_pipeline
from helpers.pipeline.word_analyses import clear_word_caches, save_word_analyses, word_analyses

GERMEVAL_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "germeval2014" / "NER-de-dev.tsv"


def test_names_become_bio_labels():
    assert bio_labels([(1, 3, "PER"), (4, 5, "LOCderiv")], 6) == ["O", "B-PER", "I-PER", "O", "B-LOCderiv", "O"]


def test_a_word_type_has_its_affixes_shape_head_and_word_lists():
    features = word_features("SPD-Chef", Gazetteers.bundled())
    assert {"w=spd-chef", "sh=X-Xx", "hd=chef", "g=person_title"} <= set(features)
    assert "g=first_name" in word_features("Heiko", Gazetteers.bundled())


def test_a_word_has_its_frequency_and_the_first_bits_of_its_cluster_path():
    lexicon = WordLexicon(["Merkel", "Kanzlerin"], [40, 0], [-10, -12], (4, 6))
    assert lexicon.features("Merkel") == ["lp=-10", "c4=0001", "c6=000101"]  # 40 is the path 000101 reversed
    assert lexicon.features("Kanzlerin") == ["lp=-12"]  # cluster 0: too rare to be placed
    assert lexicon.features("Twistringer") == ["lp=rare"]
    assert WordLexicon.from_arrays(lexicon.arrays()).features("Merkel") == lexicon.features("Merkel")
    assert word_features("Merkel", Gazetteers.bundled(), lexicon)[-3:] == ["lp=-10", "c4=0001", "c6=000101"]


def test_the_shipped_model_keeps_whole_names_and_the_role_apart():
    nlp = load_pipeline(name_model=True)
    doc = nlp("Gestern sprachen GDL-Chef Mario Reiß und Jens Dröge in Twistringen.")
    people = [(span.text, span.label_, span._.role) for span in doc.spans["actors"] if span.label_ == "person"]
    assert people == [("GDL-Chef Mario Reiß", "person", "GDL-Chef"), ("Jens Dröge", "person", None)]


def test_the_shipped_model_says_what_it_was_trained_on():
    settings = model_settings()
    assert settings["data"] == "NER-de-dev.tsv" and len(settings["data_sha256"]) == 64
    assert "CC BY 4.0" in settings["data_licence"]
    lexicon = settings["word_lexicon"]
    assert lexicon["source"].startswith("spacy-lookups-data ") and lexicon["licence"] == "MIT"
    assert len(NameModel.bundled().lexicon.rows) == lexicon["words"]


def test_folds_are_disjoint_and_cover_every_sentence():
    parts = folds(23)
    assert sorted(number for part in parts for number in part) == list(range(23)) and len(parts) == 5
    assert parts == folds(23)  # the seed is fixed


def test_the_numpy_decoder_gives_the_labels_of_crfsuite():
    pytest.importorskip("pycrfsuite", reason="training needs python-crfsuite (pip install -e '.[test]')")
    words = ["Kanzlerin", "Angela", "Merkel", "besuchte", "Moskau", "."]
    sentence = Sentence(words, ["NN", "NE", "NE", "VVFIN", "NE", "$."], ["O", "B-PER", "I-PER", "O", "B-LOC", "O"],
                        ["O", "B-PER", "I-PER", "O", "B-LOC", "O"])
    other = Sentence(["Die", "EU", "tagt", "."], ["ART", "NE", "VVFIN", "$."], ["O", "O", "O", "O"],
                     ["O", "B-ORG", "O", "O"])
    lexicon = WordLexicon(["Merkel", "Moskau", "EU"], [40, 80, 3580], [-10, -9, -9], (2, 4))
    arrays, tagger = train([sentence, other] * 3, lexicon=lexicon)
    finder = NameModel(arrays, Gazetteers.bundled())
    assert finder.lexicon.features("Moskau") == lexicon.features("Moskau")
    for example in (sentence, other):
        labels = finder.labels_of(example.words, example.tags, example.rule_labels, [0])
        assert labels == tagger.tag(crf_items(example, finder.gazetteers, {}, lexicon)) == example.gold_labels


@pytest.mark.slow
def test_cross_validated_typed_f1_on_germeval_dev():
    """Five trainings (about a minute); the decoder is checked against crfsuite on every sentence."""
    pytest.importorskip("pycrfsuite", reason="training needs python-crfsuite (pip install -e '.[test]')")
    pytest.importorskip("spacy_lookups_data", reason="training needs spacy-lookups-data (pip install -e '.[test]')")
    if not GERMEVAL_DEV.is_file():
        pytest.skip(f"{GERMEVAL_DEV} not found: the GermEval 2014 data lies beside the repository in ../shared")
    tables = cross_validated(prepared_sentences(GERMEVAL_DEV), lexicon=lookups_lexicon())
    typed = {finder: table.set_index("class").loc["all (typed)", "f1"] for finder, table in tables.items()}
    assert typed["model"] >= 0.74  # 0.753 measured with c1 0.05 (0.745 with c1 0.1, 0.712 without the lexicon; rules: 0.701)


def test_a_model_trained_on_annotations_of_ones_own_is_scored_by_the_command(tmp_path, capsys):
    pytest.importorskip("pycrfsuite", reason="training needs python-crfsuite (pip install -e '.[test]')")
    pytest.importorskip("spacy_lookups_data", reason="training needs spacy-lookups-data (pip install -e '.[test]')")
    lines = []
    for words, tags in ((["Heute", "spricht", "Jens", "Dröge", "in", "Twistringen", "."],
                         ["O", "O", "B-PER", "I-PER", "O", "B-LOC", "O"]),
                        (["Die", "EU", "tagt", "."], ["O", "B-ORG", "O", "O"])):
        lines += [f"{number}\t{word}\t{tag}\tO" for number, (word, tag) in enumerate(zip(words, tags), 1)] + [""]
    data = tmp_path / "names.tsv"
    data.write_text("\n".join(lines * 3), encoding="utf-8")
    model = tmp_path / "names.npz"
    assert main(["train-names", "--data", str(data), "--out", str(model)]) == 0
    assert json.loads(model.with_suffix(".json").read_text())["sentences"] == 6
    assert main(["evaluate-names", "--data", str(data), "--model", str(model)]) == 0
    printed = capsys.readouterr().out
    assert f"model ({model})" in printed and "all (typed)" in printed


def test_with_the_model_a_code_the_rules_typed_other_stays_and_a_name_is_cut_out_of_it():
    nlp = load_pipeline(name_model=True)
    code, name = nlp("Das Modell M5 kam 2015 auf den Markt."), nlp("Die Aufsicht prüft das Modell M5 von Jens Dröge.")
    assert [(span.text, span.label_) for span in code.spans["actors"]] == [("M5", "other")]
    # the rules find "M5 von Jens Dröge", other
    assert [(span.text, span.label_) for span in name.spans["actors"]] == [("Jens Dröge", "person")]


def test_a_new_process_reads_the_word_vectors_an_earlier_one_stored(tmp_path, monkeypatch):
    monkeypatch.setenv("BLICKWINKEL_CACHE_DIR", str(tmp_path))
    clear_word_caches()
    words, tags, rules = ["Jens", "Dröge", "spricht", "."], ["NE", "NE", "VVFIN", "$."], ["B-PER", "I-PER", "O", "O"]
    first = NameModel.from_file(MODEL_FILE)
    labels = first.labels_of(words, tags, rules, [0])
    save_word_analyses()
    clear_word_caches()  # as in a new process
    stored = word_analyses().earlier["name_vectors"]
    assert {(first.digest, word) for word in words} <= set(stored)
    later = NameModel.from_file(MODEL_FILE)
    later._summed = None  # a word summed anew would fail: every vector must come from the file
    assert later.labels_of(words, tags, rules, [0]) == labels == ["B-PER", "I-PER", "O", "O"]
    clear_word_caches()
