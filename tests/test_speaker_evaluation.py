"""Speaker linking scored against hand labels (helpers.evaluation.speakers)."""

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import ResourceError
from helpers.evaluation.speakers import COLUMNS, linking_summary, read_speaker_sample, same_name, score_speakers

GOLD = Path(__file__).parent / "gold" / "speaker_linking.tsv"
TEXT = ("Die Sonne schien. Bundeskanzler Olaf Scholz sagte: „Wir bauen mehr Wohnungen.“ "
        "Ein Sprecher erklärte, die Lage sei ernst.")


def labelled(**values):
    row = dict.fromkeys(COLUMNS, "") | {"article_id": "1", "annotation_id": "0", "type": "Direct",
                                        "is_nested": "False", "speaker_kind": "person"} | values
    return row


@pytest.mark.parametrize("found, label, same", [
    ("Merkel", "Angela Merkel", True), ("Deutsche Bahn", "Bahn", True), ("Scholz", "Angela Merkel", False),
    ("", "Angela Merkel", False), ("SPD", "spd", True),
])
def test_two_names_are_one_actor_when_one_ends_in_a_word_of_the_other(found, label, same):
    assert same_name(found, label) is same


def test_each_labelled_quotation_gets_the_speaker_of_the_tools_quotation_that_overlaps_it_most(tmp_path):
    (tmp_path / "1.json").write_text(json.dumps({"originalText": TEXT, "documentName": "1 - Wohnungen"}), "utf-8")
    quote = TEXT.index("„Wir"), TEXT.index("“") + 1
    sample = pd.DataFrame([
        labelled(quote_start=quote[0], quote_end=quote[1], speaker_name="Olaf Scholz", affiliation_known="SPD; Deutschland"),
        labelled(quote_start=0, quote_end=17, speaker_name="Olaf Scholz"),  # no quotation of the tool there
    ]).astype({"quote_start": int, "quote_end": int})
    scored = score_speakers(sample, data_dir=tmp_path)
    assert scored[["found", "tool_speaker", "linked"]].values.tolist() == [
        [True, "Bundeskanzler Olaf Scholz", True], [False, "", False]]
    summary = linking_summary(scored).set_index("speaker_kind").loc["all"]
    assert (summary["quotations"], summary["found"], summary["linked"], summary["share_linked"]) == (2, 1, 1, 0.5)


def test_a_sample_without_its_columns_is_an_error_that_names_them(tmp_path):
    broken = tmp_path / "broken.tsv"
    broken.write_text("article_id\tspeaker_name\n1\tOlaf Scholz\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="columns .*quote_start.* are missing"):
        read_speaker_sample(broken)


def test_the_kept_sample_has_100_labelled_quotations_of_train_articles():
    sample = read_speaker_sample(GOLD)
    assert len(sample) == 100 and set(sample["speaker_kind"]) <= {
        "person", "organisation", "state_or_place", "group", "anonymous", "document", "none"}
    assert (sample["quote_end"] > sample["quote_start"]).all()
