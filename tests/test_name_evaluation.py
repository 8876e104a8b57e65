from pathlib import Path

import pytest
from spacy.tokens import Doc

from helpers.cli import main
from helpers.errors import ResourceError
from helpers.actors.name_model import names_of_labels
from helpers.evaluation.names import evaluate_names, predicted_names, read_germeval
from helpers.pipeline import load_pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GERMEVAL_DEV = SHARED / "data" / "germeval2014" / "NER-de-dev.tsv"

SAMPLE = """\
#\thttp://example.org/1\t[2015-11-20]
1\tKanzlerin\tO\tO
2\tAngela\tB-PER\tO
3\tMerkel\tI-PER\tO
4\tbesuchte\tO\tO
5\tdie\tO\tO
6\trussische\tB-LOCderiv\tO
7\tHauptstadt\tO\tO
8\tMoskau\tB-LOC\tO
9\t.\tO\tO

#\thttp://example.org/2\t[2015-11-20]
1\tDie\tO\tO
2\tUkraine-Krise\tB-LOCpart\tO
3\tbeschäftigt\tO\tO
4\tdie\tO\tO
5\tEU\tB-ORG\tO
6\tund\tO\tO
7\tHeiko\tB-PER\tO
8\tMaas\tI-PER\tO
9\t.\tO\tO
"""


@pytest.fixture
def sample_file(tmp_path):
    path = tmp_path / "sample.tsv"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_bio_tags_become_token_spans():
    assert names_of_labels(["O", "B-PER", "I-PER", "O", "B-LOCderiv", "B-LOC"]) == [(1, 3, "PER"), (4, 5, "LOCderiv"), (5, 6, "LOC")]


def test_germeval_sentences_are_read_with_their_outer_names(sample_file):
    sentences = read_germeval(sample_file)
    assert sentences[0] == (
        ["Kanzlerin", "Angela", "Merkel", "besuchte", "die", "russische", "Hauptstadt", "Moskau", "."],
        [(1, 3, "PER"), (5, 6, "LOCderiv"), (7, 8, "LOC")],
    )
    assert sentences[1][1] == [(1, 2, "LOCpart"), (4, 5, "ORG"), (6, 8, "PER")]


def test_mentions_become_germeval_names_and_a_role_is_scored_on_the_name_alone():
    nlp = load_pipeline()
    words = ["Kanzlerin", "Angela", "Merkel", "besuchte", "die", "russische", "Hauptstadt", "Moskau", "."]
    doc = nlp(Doc(nlp.vocab, words=words, spaces=[True] * len(words)))
    assert predicted_names(doc) == [
        (1, 3, "PER"), (5, 6, "LOCderiv"), (7, 8, "LOC"),
    ]


def test_scores_per_class_typed_and_untyped(sample_file):
    scores = evaluate_names(sample_file).set_index("class")
    assert scores.loc["all (typed)", ["gold", "predicted", "correct"]].tolist() == [5, 5, 5]
    assert scores.loc["all (untyped)", "f1"] == 1.0
    assert scores.loc["LOCderiv", "recall"] == 1.0


def test_the_command_prints_the_scores(sample_file, capsys):
    assert main(["evaluate-names", "--data", str(sample_file)]) == 0
    printed = capsys.readouterr().out
    assert "all (typed)" in printed and "PER" in printed


def test_a_missing_file_says_where_to_get_it(tmp_path):
    with pytest.raises(ResourceError, match="GermEval 2014"):
        read_germeval(tmp_path / "missing.tsv")


def test_typed_f1_on_the_germeval_dev_split():
    if not GERMEVAL_DEV.is_file():
        pytest.skip(f"{GERMEVAL_DEV} not found: the GermEval 2014 data lies beside the repository in ../shared")
    scores = evaluate_names(GERMEVAL_DEV).set_index("class")
    assert scores.loc["all (typed)", "f1"] >= 0.69  # 0.701 measured when this test was written
