"""Framing cues: metaphors, coalition and conflict language, hedging, generic frames, and whose words they are."""

from pathlib import Path

import pytest

from helpers import load_article
from helpers.errors import ResourceError
from helpers.framing import (
    frame_cues,
    frame_profile,
    keyword_in_context,
    lexicon_table,
    load_lexicon,
    split_compound,
    top_cues,
    voice_shares,
)

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "data" / "wikinews-quotes"


@pytest.fixture(scope="module")
def article():
    return load_article(ROOT / "data" / "dpa_frankreich_russland_is.txt")


@pytest.fixture(scope="module")
def cues(article):
    return frame_cues(article)


def cues_of(text):
    return frame_cues(load_article(text, article_id="beispiel"))


def found(text):
    """(category, cue_lemma, surface) of every cue in a short text."""
    return [tuple(row) for row in cues_of(text)[["category", "cue_lemma", "surface"]].itertuples(index=False)]


# ---------------------------------------------------------------------------------------------------------
# The bundled dpa article


def test_zwangsehe_is_a_relationship_metaphor_in_a_rhetorical_question_of_the_lead(cues):
    zwangsehe = cues[cues["cue_lemma"] == "Zwangsehe"].iloc[0]
    assert (zwangsehe["category"], zwangsehe["part"], zwangsehe["in_question"], zwangsehe["voice"]) == (
        "relationship", "lead", True, "journalist")
    question = cues[(cues["cue_lemma"] == "rhetorische Frage") & (cues["part"] == "lead")]
    assert question["surface"].tolist() == ["Eine Zwangsehe?"]
    assert question["category"].tolist() == ["hedging"]


def test_seite_an_seite_once_by_the_journalist_and_once_by_cook(cues):
    side_by_side = cues[cues["cue_lemma"] == "Seite an Seite"]
    assert side_by_side[["part", "voice"]].values.tolist() == [["lead", "journalist"], ["body", "quoted"]]
    assert "Cook" in side_by_side["speaker"].iloc[1]


def test_coalition_language_in_at_least_four_sections(cues):
    cooperation = cues[(cues["category"] == "cooperation") & (cues["section_index"] > 0)]
    assert cooperation["section_index"].nunique() >= 4


def test_kontraproduktiv_and_aergernis_are_conflict_and_evaluation(cues):
    conflict = cues[cues["category"] == "conflict"]
    assert {"kontraproduktiv", "Ärgernis"} <= set(conflict["cue_lemma"])
    assert conflict.loc[conflict["cue_lemma"] == "kontraproduktiv", "voice"].tolist() == ["quoted"]


def test_wohl_and_zumindest_are_hedges(cues):
    hedges = cues[cues["category"] == "hedging"]["cue_lemma"].value_counts()
    assert hedges["wohl"] == 2
    assert hedges["zumindest"] == 2


def test_koalition_in_the_own_words_of_le_drian_and_the_foreign_office(cues):
    direct = cues[(cues["cue_lemma"] == "Koalition") & (cues["quote_type"] == "direct")]
    assert len(direct) == 2
    assert "Drian" in direct["speaker"].iloc[0]
    assert "Auswärtig" in direct["speaker"].iloc[1]


def test_every_cue_points_at_its_words(article, cues):
    words = cues[cues["compound_part"].isna() & ~cues["surface"].str.contains("…")]
    assert [article.span(s, e) for s, e in zip(words["start"], words["end"])] == words["surface"].tolist()


def test_compounds_of_the_article_are_split(cues):
    splits = cues.dropna(subset=["compound_split"])
    assert ("Terror", "IS-Terror") in set(zip(splits["cue_lemma"], splits["surface"]))
    einsatz = splits[splits["surface"] == "Anti-Terror-Einsatz"]
    assert einsatz[["category", "compound_part"]].values.tolist() == [["conflict", "Terror"], ["military", "Einsatz"]]
    assert "Krise|n|gebieten" in set(splits["compound_split"])


# ---------------------------------------------------------------------------------------------------------
# Short sentences


def test_a_compound_matches_by_its_parts_with_the_split_recorded():
    cues = cues_of("Die Koalitionspartner streiten.")
    rows = cues[cues["surface"] == "Koalitionspartner"]
    assert rows[["cue_lemma", "compound_part", "compound_split"]].values.tolist() == [
        ["Koalition", "Koalition", "Koalition|s|partner"],
        ["Partner", "partner", "Koalitions|partner"],
    ]


def test_a_separable_verb_matches_with_its_particle():
    cues = cues_of("Nun nähern sich die beiden Länder langsam an.")
    assert cues[["cue_lemma", "surface", "start", "end"]].values.tolist() == [
        ["annähern", "nähern … an", 4, 44]]
    assert found("Washington arbeitet nicht mit Moskau zusammen.") == [
        ("cooperation", "zusammenarbeiten", "arbeitet … zusammen")]
    assert found("Beide Seiten gehen aufeinander zu.") == [
        ("relationship", "aufeinander zugehen", "gehen aufeinander zu")]


def test_multi_word_cues_match_in_order():
    assert found("Das ist kaum denkbar.") == [("hedging", "kaum denkbar", "kaum denkbar")]
    assert found("Sie standen Seite an Seite.") == [("relationship", "Seite an Seite", "Seite an Seite")]


def test_zwangsehe_is_also_an_ehe_but_counted_once():
    assert [(split["cue"].name, split["compound_split"]) for split in split_compound("Zwangsehe")] == [
        ("Ehe", "Zwangs|ehe")]
    assert found("Eine Zwangsehe?") == [("hedging", "rhetorische Frage", "Eine Zwangsehe?"),
                                        ("relationship", "Zwangsehe", "Zwangsehe")]
    assert found("Das ist eine Vernunftehe.") == [("relationship", "Vernunftehe", "Vernunftehe")]
    assert cues_of("Es war eine Art Staatsehe.")[["cue_lemma", "compound_split"]].values.tolist() == [
        ["Ehe", "Staats|ehe"]]


def test_real_marriages_and_former_ministers_are_no_metaphors():
    assert found("Ihr Ehemann ist der ehemalige Minister.") == []
    assert found("Die Entscheidung fiel am Abend.") == []
    assert split_compound("Ehemann") == []


def test_a_derivation_is_not_a_compound():
    assert split_compound("Gegnerschaft") == []
    assert split_compound("Gewinners") == []
    assert [split["compound_split"] for split in split_compound("Kindergarten")] == ["Kind|er|garten"]
    assert found("Die Gegnerschaft wuchs.") == [("conflict", "Gegnerschaft", "Gegnerschaft")]


def test_case_separates_the_hedge_wohl_from_das_wohl():
    assert [category for category, *_ in found("Es geht um das Wohl der Kinder.")] == ["human_interest"]


def test_abstimmung_is_coordination_only_with_a_partner():
    assert found("Die Abstimmung im Parlament fiel knapp aus.") == []
    assert found("Das geschah in enger Abstimmung mit Paris.") == [
        ("cooperation", "Abstimmung", "Abstimmung mit")]


def test_reportive_sollen_distances_the_writer():
    assert found("Der Minister soll davon gewusst haben.") == [
        ("hedging", "sollen … haben", "soll … gewusst haben")]


# ---------------------------------------------------------------------------------------------------------
# Summaries


def test_keyword_in_context_shows_each_cue_with_its_neighbours(article, cues):
    coalition = keyword_in_context(article, cues, "Koalition", width=20)
    assert len(coalition) == 6
    first = coalition.iloc[0]
    assert [first["left"], first["cue"], first["right"]] == [
        "für die US-geführte", "Koalition", "gegen den IS - aber"]


def test_frame_profile_counts_cues_per_section_in_lexicon_order(cues):
    profile = frame_profile(cues, by="section")
    assert list(profile.columns[:3]) == ["relationship", "cooperation", "conflict"]
    assert profile.loc[(3, "Waren Frankreich und Russland nicht gerade noch völlig zerstritten?"), "conflict"] >= 3
    assert profile.to_numpy().sum() == len(cues)


def test_voice_shares_and_top_cues(cues):
    shares = voice_shares(cues)
    assert shares.loc["all", "all"] == len(cues)
    assert 0 < shares.loc["all", "share_quoted"] < 0.5
    top = top_cues(cues, n=1)
    assert top.loc[top["category"] == "cooperation", "cue_lemma"].tolist() == ["Koalition"]


# ---------------------------------------------------------------------------------------------------------
# The lexicon is data


def test_every_category_has_a_definition_and_a_source():
    lexicon = lexicon_table()
    assert {"relationship", "cooperation", "conflict", "military", "hedging", "responsibility", "economic",
            "human_interest", "morality"} == set(lexicon["category"])
    assert lexicon[["definition", "source"]].notna().all().all()


def own_lexicon(tmp_path, cues):
    """The path of a user's own lexicon with one category, sport, and `cues` (a YAML list)."""
    own = tmp_path / "sport.yaml"
    own.write_text(
        "categories:\n"
        "  sport:\n"
        "    label: Sportmetaphern\n"
        "    frame: null\n"
        "    definition: Politics told as a match.\n"
        "    source: Lakoff & Johnson (1980)\n"
        f"    cues: {cues}\n",
        encoding="utf-8",
    )
    return str(own)


def test_a_users_own_lexicon_needs_no_code_change(tmp_path):
    own = own_lexicon(tmp_path, "[Eigentor, Foul]")
    cues = frame_cues(load_article("Das war ein Eigentor der Regierung.", article_id="sport"), lexicon=own)
    assert cues[["category", "cue_lemma"]].values.tolist() == [["sport", "Eigentor"]]


def test_a_pattern_may_begin_with_a_tag_or_with_any_word(tmp_path):
    own = own_lexicon(tmp_path, "[{cue: Artikel Regierung, patterns: [[{tag: ART}, {lemma: Regierung}]]},"
                                " {cue: Wort Koalition, patterns: [[{}, {lemma: Koalition}]]}]")
    cues = frame_cues(load_article("Die Regierung bildet eine große Koalition.", article_id="probe"), lexicon=own)
    assert cues[["cue_lemma", "surface"]].values.tolist() == [["Artikel Regierung", "Die Regierung"],
                                                              ["Wort Koalition", "große Koalition"]]


def test_only_words_with_a_compound_cue_name_inside_are_split(tmp_path):
    own = load_lexicon(own_lexicon(tmp_path, "[Tor, Torwart, Foul, Foulspiel]"))
    words = ["eigentor", "torwartfehler", "foulspiel", "tosend", "fußball"]
    assert [bool(own.any_compound_name.search(word)) for word in words] == [True, True, True, False, False]
    assert [found["compound_split"] for found in split_compound("Eigentor", own)] == ["Eigen|tor"]


def test_a_broken_lexicon_says_what_is_missing(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("categories:\n  sport:\n    cues: [Foul]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="definition"):
        frame_cues(load_article("Ein Foul.", article_id="foul"), lexicon=str(broken))


# ---------------------------------------------------------------------------------------------------------
# The Wikinews corpus (sanity check when ../shared is present)


def test_wikinews_cues_are_not_wildly_over_matched():
    if not (WIKINEWS / "dev").is_dir():
        pytest.skip(f"Wikinews quotation corpus not found at {WIKINEWS}: the corpus check needs ../shared")
    from helpers.framing import corpus_frame_cues

    cues = corpus_frame_cues(sorted((WIKINEWS / "dev").glob("*.json"))[:20])
    per_article = cues.groupby("article_id").size()
    assert per_article.median() < 80
    assert cues["cue_lemma"].value_counts(normalize=True).iloc[0] < 0.15


def test_the_frame_profile_report_of_the_command_line():
    from helpers.framing import frame_report

    report = frame_report([ROOT / "data" / "dpa_frankreich_russland_is.txt"], n=3)
    assert report.startswith("1 articles, ")
    assert "  cooperation: Koalition 6, " in report
