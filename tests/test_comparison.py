"""Two versions of one story compared: who each names, who speaks, frames per 1,000 words."""

import pytest

from helpers import compare
from helpers.comparison import side_by_side

DPA = "data/dpa_frankreich_russland_is.txt"
OTHER = "tests/articles/frankreich_russland_andere_zeitung.txt"


@pytest.fixture(scope="module")
def comparison():
    return compare(DPA, OTHER)


def test_the_articles_are_named_by_letter_and_title(comparison):
    assert comparison.names == ("A: dpa_frankreich_russland_is", "B: Hollandes Feldzug führt über Moskau")


def test_mentions_side_by_side_count_each_article(comparison):
    mentions = side_by_side(comparison.mentions, "actor", "mentions", comparison.names).set_index("actor")
    assert mentions.loc["Russland"].tolist() == [16, 10]
    assert mentions.loc["Nato"].tolist() == [3, 0]


def test_only_in_one_lists_the_actors_the_other_article_never_names(comparison):
    only = comparison.only_in_one
    named_by_a = set(only.loc[only["article"] == comparison.names[0], "actor"])
    named_by_b = set(only.loc[only["article"] == comparison.names[1], "actor"])
    assert {"Nato", "EU", "Angela Merkel"} <= named_by_a and {"Barack Obama", "Krim"} <= named_by_b
    assert not named_by_a & set(comparison.b.mentions["actor"])


def test_quoted_words_by_affiliation_and_frames_per_1000_words(comparison):
    affiliations = side_by_side(comparison.affiliations, "affiliation", "quoted_words", comparison.names)
    # B: "Pentagonsprecher Peter Cook sicherte Paris volle Unterstützung zu, betonte aber, an der Haltung der
    # USA gegenüber Moskau habe sich nichts geändert" (13 words; the quote starts at "betonte")
    assert affiliations.set_index("affiliation").loc["Pentagon"].tolist() == [78, 13]
    frames = side_by_side(comparison.frames, "category", "per_1000_words", comparison.names).set_index("category")
    assert frames.loc["cooperation"].tolist() == [41.7, 15.7]
    assert comparison.overview["words"].tolist() == [647, 445]
