"""Framing cues: metaphors, coalition and conflict language, hedging, generic frames, and whose words they are."""

import re
from pathlib import Path

import pandas as pd
import pytest
from spacy.tokens import Span

from helpers import load_article
from helpers.errors import ResourceError
from helpers.framing import cue_extensions, lexicon_table, load_lexicon, split_compound
from helpers.framing.doc_columns import DocColumns
from helpers.framing.matcher import CueMatcher, cue_matcher
from helpers.pipeline import article_doc, load_pipeline
from helpers.tables.build import frame_of
from helpers.tables.frame_cues import (
    FRAME_CUE_DTYPES,
    describe_frames,
    frame_cue_columns,
    frame_cue_table,
    cue_counts,
    keyword_in_context,
    top_cues,
    voice_shares,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "dpa_frankreich_russland_is.txt"
WIKINEWS = ROOT.parent / "shared" / "data" / "wikinews-quotes"


def pipeline(lexicon="frames.yaml"):
    """The project's pipeline with a frame lexicon (built once per lexicon by load_pipeline)."""
    return load_pipeline(lexicon=lexicon)


@pytest.fixture(scope="module")
def article():
    return load_article(SEED)


@pytest.fixture(scope="module")
def doc(article):
    nlp = pipeline()
    return nlp(article_doc(nlp, article))


@pytest.fixture(scope="module")
def cues(doc):
    return frame_cue_table(doc)


def cues_of(text, lexicon="frames.yaml"):
    return frame_cue_table(pipeline(lexicon)(text))


def found(text, lexicon="frames.yaml"):
    """(category, cue_lemma, surface) of every cue in a short text."""
    return [tuple(row) for row in cues_of(text, lexicon)[["category", "cue_lemma", "surface"]].itertuples(index=False)]


# ---------------------------------------------------------------------------------------------------------
# The bundled dpa article


def test_zwangsehe_is_a_relationship_metaphor_in_a_rhetorical_question_of_the_lead(cues):
    zwangsehe = cues[cues["cue_lemma"] == "Zwangsehe"].iloc[0]
    assert (zwangsehe["category"], zwangsehe["part"], zwangsehe["in_question"], zwangsehe["voice"]) == (
        "relationship", "lead", True, "journalist")
    question = cues[(cues["cue_lemma"] == "rhetorische Frage") & (cues["part"] == "lead")]
    assert question["surface"].tolist() == ["Eine Zwangsehe?"]
    assert question["category"].tolist() == ["hedging"]


def test_seite_an_seite_once_by_the_journalist_and_once_by_cook(doc, cues):
    side_by_side = cues[cues["cue_lemma"] == "Seite an Seite"]
    assert side_by_side[["part", "voice"]].values.tolist() == [["lead", "journalist"], ["body", "quoted"]]
    assert "Cook" in side_by_side["speaker"].iloc[1]


def test_seite_an_seite_in_the_lead_and_in_the_body(cues):
    side_by_side = cues[cues["cue_lemma"] == "Seite an Seite"]
    assert side_by_side[["part", "surface"]].values.tolist() == [["lead", "Seite an Seite"], ["body", "Seite an Seite"]]


def test_coalition_language_in_at_least_four_sections(cues):
    cooperation = cues[(cues["category"] == "cooperation") & (cues["section_index"] > 0)]
    assert cooperation["section_index"].nunique() >= 4


def test_kontraproduktiv_and_aergernis_are_conflict_and_evaluation(cues):
    conflict = cues[cues["category"] == "conflict"]
    assert {"kontraproduktiv", "Ärgernis"} <= set(conflict["cue_lemma"])


def test_kontraproduktiv_is_quoted(cues):
    assert cues.loc[cues["cue_lemma"] == "kontraproduktiv", "voice"].tolist() == ["quoted"]


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
# The spans of the Doc


def test_a_cue_is_a_span_of_its_words_with_its_category_as_label():
    doc = pipeline()("Nun nähern sich die beiden Länder langsam an.")
    assert [(span.text, span.label_, span._.frame_cue, span._.cue_surface, span._.frame)
            for span in doc.spans["frame_cues"]] == [
        ("nähern sich die beiden Länder langsam an", "cooperation", "annähern", "nähern … an", None)]


def test_two_cues_on_one_word_keep_their_own_attributes():
    # two parts of one compound, both of one category: two cues on the same characters, each its own split
    doc = pipeline()("Die Koalitionspartner streiten.")
    assert [(span.text, span.label_, span._.compound_part, span._.compound_split)
            for span in doc.spans["frame_cues"]] == [
        ("Koalitionspartner", "cooperation", "Koalition", "Koalition|s|partner"),
        ("Koalitionspartner", "cooperation", "partner", "Koalitions|partner"),
        ("streiten", "conflict", None, None)]


def test_a_rhetorical_question_spans_its_sentence():
    doc = pipeline()("Eine Zwangsehe? Nein.")
    question = [span for span in doc.spans["frame_cues"] if span._.frame_cue == "rhetorische Frage"]
    assert [(span.text, span._.in_question) for span in question] == [("Eine Zwangsehe?", True)]


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


def test_a_verb_with_its_particle_is_another_verb():
    assert found("Er fordert Hilfe ein.") == [("responsibility", "einfordern", "fordert … ein")]


def test_only_a_listed_particle_belongs_to_its_verb():
    # HanTa tags "verantwortlich" PTKVZ here, but it is no verb particle: the blame stays a responsibility cue
    assert found("Die Opposition macht Regierungsanhänger verantwortlich.") == [
        ("responsibility", "verantwortlich", "macht … verantwortlich")]


def test_a_particle_does_not_reach_across_a_comma_to_its_verb():
    assert found("Paris nähert sich Moskau, Berlin kommt an.") == []


def test_multi_word_cues_match_in_order():
    assert found("Das ist kaum denkbar.") == [("hedging", "kaum denkbar", "kaum denkbar")]
    assert found("Sie standen Seite an Seite.") == [("relationship", "Seite an Seite", "Seite an Seite")]


def test_a_double_space_does_not_break_a_cue():
    assert found("Das geschah in enger Abstimmung  mit Paris.") == [("cooperation", "Abstimmung", "Abstimmung mit")]


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
    assert [split["compound_split"] for split in split_compound("Kinderarbeit")] == ["Kind|er|arbeit"]
    assert found("Die Gegnerschaft wuchs.") == [("conflict", "Gegnerschaft", "Gegnerschaft")]


def test_case_separates_the_hedge_wohl_from_das_wohl():
    assert [category for category, *_ in found("Es geht um das Wohl der Kinder.")] == ["human_interest"]


def metaphors(text):
    """The cues of the metaphor families in a short text, as `found` gives them."""
    table = lexicon_table()
    families = set(table.loc[table["group"] == "metaphor", "category"])
    return [cue for cue in found(text) if cue[0] in families]


def test_wahlkampf_is_a_war_metaphor_that_wins_inside_its_compounds():
    assert found("Der Präsidentschaftswahlkampf beginnt.") == [("war", "Wahlkampf", "Präsidentschaftswahlkampf")]
    assert found("Im Wahlkampf versprach er viel.") == [("war", "Wahlkampf", "Wahlkampf")]


def test_a_role_is_theatre_but_a_check_is_not():
    assert metaphors("Paris übernimmt die Vermittlerrolle.") == [("theatre", "Rolle", "Vermittlerrolle")]
    assert found("Die Grenzkontrolle dauerte lange.") == []


def test_conventional_metaphors_of_the_news_and_their_literal_twins():
    assert metaphors("Die hohen Zinsen bremsen das Wachstum.") == [("machine", "bremsen", "bremsen")]
    assert metaphors("Der Fahrer bremste vor der Kurve.") == []
    assert metaphors("Die Ministerin gilt als Favoritin.") == [("sport", "Favorit", "Favoritin")]
    assert metaphors("Der Trainer nennt Bayern den Favoriten.") == []
    # a conventional metaphor (MIPVU, as the blind recall samples mark it): an action as a step on a path
    assert metaphors("Die Regierung lehnt diesen Schritt ab.") == [("journey", "Schritt", "Schritt")]
    assert metaphors("Die Reform ist ein großer Schritt nach vorn.") == [("journey", "Schritt", "Schritt")]
    assert metaphors("Die Verwaltung kann mit der Digitalisierung nicht Schritt halten.") == [
        ("journey", "Schritt halten", "Schritt halten")]
    assert metaphors("Das Kabinett hat das Gesetz auf den Weg gebracht.") == [
        ("journey", "auf den Weg bringen", "auf den Weg gebracht")]
    assert metaphors("Der Streik legt den Verkehr lahm.") == [("disease", "lahmlegen", "legt … lahm")]


def test_more_conventional_metaphors_and_their_literal_twins():
    assert metaphors("Bei der Wahl tritt sie gegen den Amtsinhaber an.") == [("sport", "antreten", "tritt … gegen … an")]
    assert metaphors("Er trat die Nachfolge des Ministers an.") == []
    assert metaphors("Die Nachfrage aus China treibt das Wachstum an.") == [("machine", "antreiben", "treibt … an")]
    assert metaphors("Der Elektromotor treibt das Fahrzeug an.") == []
    assert metaphors("Die Hilfen sollen die Folgen der Krise abfedern.") == [("machine", "abfedern", "abfedern")]
    assert metaphors("Die Regierung stockt die Hilfen für die Bauern auf.") == [
        ("building", "aufstocken", "stockt … auf")]
    assert metaphors("Jetzt ist Berlin am Zug.") == [("sport", "am Zug", "am Zug")]
    assert metaphors("Am Zug warten die Reisenden.") == []


def test_war_metaphors_are_literal_only_in_the_paragraph_of_a_war():
    assert metaphors("Der Krieg im Norden dauert an.\n\nIm Wahlkampf greift die Opposition den Kanzler an.") == [
        ("war", "Wahlkampf", "Wahlkampf")]
    assert metaphors("Der Krieg im Norden dauert an. Im Wahlkampf greift die Opposition den Kanzler an.") == []


def test_a_measure_counts_when_it_is_taken_not_as_routine():
    assert found("Die Regierungen ergriffen Maßnahmen.") == [("responsibility", "Maßnahme", "ergriffen Maßnahmen")]
    assert found("Die Maßnahmen an der Strecke dauern bis Sonntag.") == []
    assert found("Die Teilnehmer an Trainingsmaßnahmen werden nicht gezählt.") == []


def test_a_claim_of_creditors_is_no_demand_and_technical_words_are_no_economic_matter():
    assert found("Die Gewerkschaft hält an ihrer Forderung fest.") == [("responsibility", "Forderung", "Forderung")]
    assert found("Die Forderungen der Gläubiger belaufen sich auf zwei Millionen.") == []
    assert found("Sie studierte Wirtschaftswissenschaften.") == []


def test_a_daughter_company_and_a_real_foster_father_are_no_family_stories():
    assert found("Die Ministerin besuchte mit ihrer Tochter die Schule.") == [("human_interest", "Tochter", "Tochter")]
    assert found("Die Holding besitzt eine hundertprozentige Tochter.") == []
    assert metaphors("Sein politischer Ziehvater war der frühere Kanzler.") == [
        ("relationship", "Ziehvater", "Ziehvater")]
    assert metaphors("Nach dem Tod der Eltern wuchs er bei seinem Ziehvater auf.") == []


def test_a_pattern_that_begins_with_a_contraction_also_begins_a_sentence():
    assert metaphors("Im Visier sind die Banken.") == [("war", "ins Visier", "Im Visier")]
    assert metaphors("Die Fahnder haben die Banken im Visier.") == [("war", "ins Visier", "im Visier")]


def test_abstimmung_is_coordination_only_with_a_partner():
    assert found("Die Abstimmung im Parlament fiel knapp aus.") == []
    assert found("Das geschah in enger Abstimmung mit Paris.") == [
        ("cooperation", "Abstimmung", "Abstimmung mit")]


def test_reportive_sollen_distances_the_writer():
    assert found("Der Minister soll davon gewusst haben.") == [
        ("hedging", "sollen … haben", "soll … gewusst haben")]
    assert found("Die Besitzer sollen zum Verschwinden aufgefordert worden sein.") == [
        ("hedging", "sollen … haben", "sollen … worden sein")]


# ---------------------------------------------------------------------------------------------------------
# Whose words: the quotations of doc.spans["quotes"]


def with_quotations(doc, quotations):
    """`doc` with quotations put in by hand: (start, end, type, speaker (start, end, actor id) or None)."""
    if not Span.has_extension("speaker"):
        Span.set_extension("speaker", default=None)
    speakers, spans = [], []
    for start, end, kind, speaker in quotations:
        span = doc.char_span(start, end, label=kind)
        if speaker is not None:
            speakers.append(doc.char_span(speaker[0], speaker[1], kb_id=speaker[2]))
            span._.speaker = speakers[-1]
        spans.append(span)
    doc.spans["speakers"] = speakers
    doc.spans["quotes"] = spans
    return doc


def test_a_cue_in_a_quotation_is_in_the_speakers_voice():
    text = "Cook sagte, Paris und London stünden „Seite an Seite“. Die Koalition wächst."
    # the indirect quotation "Paris ... Seite“" holds the partial one „Seite an Seite“; its speaker is not linked
    doc = with_quotations(pipeline()(text), [(12, 53, "indirect", (0, 4, "cook")), (37, 53, "partial", (0, 4, ""))])
    cues = frame_cue_table(doc)
    assert cues[["cue_lemma", "voice", "speaker", "speaker_actor_id", "quote_type"]].values.tolist() == [
        ["Seite an Seite", "quoted", "Cook", None, "partial"],
        ["Koalition", "journalist", None, None, None]]
    assert cues["quote_id"].tolist() == [1, pd.NA]


def test_without_quotations_every_cue_is_the_journalists():
    doc = pipeline()("Cook sagte: „Wir stehen Seite an Seite.“")
    doc.spans.pop("quotes", None)
    assert frame_cue_table(doc)["voice"].tolist() == ["journalist"]


# ---------------------------------------------------------------------------------------------------------
# Summaries


def test_keyword_in_context_shows_each_cue_with_its_neighbours(article, cues):
    coalition = keyword_in_context(article, cues, "Koalition", width=20)
    assert len(coalition) == 6
    first = coalition.iloc[0]
    assert [first["left"], first["cue"], first["right"]] == [
        "für die US-geführte", "Koalition", "gegen den IS - aber"]


def test_keyword_in_context_cuts_at_word_boundaries():
    doc = pipeline()("Die Bundesregierung sucht eine Koalition mit Frankreich und Großbritannien.")
    coalition = keyword_in_context(doc, frame_cue_table(doc), "Koalition", width=16)
    assert coalition[["left", "cue", "right"]].values.tolist() == [["sucht eine", "Koalition", "mit Frankreich"]]


def test_cue_counts_per_section_in_lexicon_order(cues):
    profile = cue_counts(cues, by="section")
    assert list(profile.columns[:3]) == ["relationship", "cooperation", "conflict"]
    assert profile.loc[(3, "Waren Frankreich und Russland nicht gerade noch völlig zerstritten?"), "conflict"] >= 3
    assert profile.to_numpy().sum() == len(cues)


def test_voice_shares_and_top_cues(cues):
    shares = voice_shares(cues)
    assert shares.loc["all", "all"] == len(cues)
    top = top_cues(cues, n=1)
    assert top.loc[top["category"] == "cooperation", "cue_lemma"].tolist() == ["Koalition"]


def test_less_than_half_of_the_cues_are_quoted(cues):
    assert 0 < voice_shares(cues).loc["all", "share_quoted"] < 0.5


def test_the_frame_report_counts_articles_and_cues(cues):
    report = describe_frames(cues, n=3, articles=1)
    assert report.startswith(f"1 articles, {len(cues)} frame cues")
    assert "  cooperation: Koalition 6, " in report


# ---------------------------------------------------------------------------------------------------------
# The lexicon is data


def test_every_category_has_a_group_a_definition_and_a_source():
    lexicon = lexicon_table()
    groups = lexicon.groupby("group")["category"].unique().apply(set).to_dict()
    assert groups == {
        "news_frame": {"conflict", "human_interest", "economic", "morality", "responsibility"},
        "language": {"cooperation", "hedging", "military"},
        "metaphor": {"relationship", "war", "crime", "fire", "disaster", "disease", "machine", "building",
                     "journey", "sport", "theatre", "money"},
    }
    assert lexicon[["label", "definition", "source"]].notna().all().all()


def test_two_patterns_of_one_cue_on_the_same_word_count_once():
    assert found("Es entstand ein Schaden von 80.000 Euro.") == [
        ("economic", "Schaden", "entstand … Schaden"), ("economic", "Euro", "Euro")]


def test_a_split_with_an_eszett_is_marked_at_the_right_letter():
    assert [split["compound_split"] for split in split_compound("Sicherheitsmaßnahme")] == ["Sicherheits|maßnahme"]


def own_lexicon(tmp_path, cues, category_keys="", category="sport"):
    """The path of a user's own lexicon with one category and `cues` (a YAML list); `category_keys`: more
    lines of the category."""
    own = tmp_path / f"{category}.yaml"
    own.write_text(
        "categories:\n"
        f"  {category}:\n"
        "    label: Sportmetaphern\n"
        "    frame: null\n"
        "    definition: Politics told as a match.\n"
        "    source: Lakoff & Johnson (1980)\n"
        f"{category_keys}"
        f"    cues: {cues}\n",
        encoding="utf-8",
    )
    return str(own)


def test_a_users_own_lexicon_needs_no_code_change(tmp_path):
    own = own_lexicon(tmp_path, "[Eigentor, Foul]")
    assert found("Das war ein Eigentor der Regierung.", lexicon=own) == [("sport", "Eigentor", "Eigentor")]
    assert [split["compound_split"] for split in split_compound("Foulspiel", own)] == ["Foul|spiel"]


def test_a_pattern_may_begin_with_a_tag_or_with_any_word(tmp_path):
    own = own_lexicon(tmp_path, "[{cue: Artikel Regierung, patterns: [[{tag: ART}, {lemma: Regierung}]]},"
                                " {cue: Wort Koalition, patterns: [[{}, {lemma: Koalition}]]}]")
    cues = cues_of("Die Regierung bildet eine große Koalition.", lexicon=own)
    assert cues[["cue_lemma", "surface"]].values.tolist() == [["Artikel Regierung", "Die Regierung"],
                                                              ["Wort Koalition", "große Koalition"]]


def test_a_cue_does_not_count_next_to_its_not_with_words(tmp_path):
    own = own_lexicon(tmp_path, "[{cue: Ehe, not_with: [heiraten, Hochzeit]}]", category="marriage")
    assert found("Die Ehe zwischen Paris und Berlin hält.", lexicon=own) == [("marriage", "Ehe", "Ehe")]
    assert found("Die Ehe hielt zehn Jahre, sie hatten 2010 geheiratet.", lexicon=own) == []


@pytest.mark.parametrize("scope, fronts", [("sentence", 2), ("paragraph", 1), ("article", 0)])
def test_literal_context_words_make_a_categorys_cues_literal_in_their_scope(tmp_path, scope, fronts):
    own = own_lexicon(tmp_path, "[Front]", f"    literal_context: {{lemmas: [Soldat, Panzer], scope: {scope}}}\n",
                      category="war")
    text = ("Die Partei eröffnet eine neue Front im Wahlkampf.\n\n"
            "Die Soldaten liegen im Schlamm. An der Front ist es ruhig.")
    # the Front of the first sentence (a metaphor) and of the third (next to soldiers)
    assert cues_of(text, lexicon=own)["sentence"].tolist() == [0, 2][:fronts]


def test_the_group_of_a_category_is_in_the_lexicon_table(tmp_path):
    own = own_lexicon(tmp_path, "[Eigentor]", "    group: metaphor\n")
    assert lexicon_table(own)[["category", "cue_lemma", "group"]].values.tolist() == [["sport", "Eigentor", "metaphor"]]


@pytest.mark.parametrize("cues, category_keys, message", [
    ("[Foul]", "    group: metaphors\n", "group must be one of"),
    ("[{cue: Foul, not_with: Schiedsrichter}]", "", "not_with must be a non-empty list of single words"),
    ("[{cue: Foul, not_with: [Foul]}]", "", "not_with lists the cue itself"),
    ("[Foul]", "    literal_context: {lemmas: [Fußball]}\n", "needs exactly the keys 'lemmas' and 'scope'"),
    ("[Foul]", "    literal_context: {lemmas: [Fußball], scope: section}\n", "scope must be one of"),
    ("[Foul]", "    literal_context: {lemmas: [Foul], scope: article}\n", "would never count"),
    ("[Foul]", "    literal_contexts: {lemmas: [Fußball], scope: article}\n", "unknown keys ['literal_contexts']"),
])
def test_a_broken_lexicon_says_what_to_fix(tmp_path, cues, category_keys, message):
    own = own_lexicon(tmp_path, cues, category_keys)
    with pytest.raises(ResourceError, match=re.escape(message)):
        lexicon_table(own)


def test_a_lexicon_without_definitions_says_what_is_missing(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("categories:\n  sport:\n    cues: [Foul]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="definition"):
        cues_of("Ein Foul.", lexicon=str(broken))


# ---------------------------------------------------------------------------------------------------------
# The Wikinews corpus (sanity check when ../shared is present)


def test_wikinews_cues_are_not_wildly_over_matched():
    if not (WIKINEWS / "dev").is_dir():
        pytest.skip(f"Wikinews quotation corpus not found at {WIKINEWS}: the corpus check needs ../shared")
    nlp = pipeline()
    articles = [load_article(path) for path in sorted((WIKINEWS / "dev").glob("*.json"))[:20]]
    cues = frame_of([frame_cue_columns(doc) for doc in nlp.pipe(article_doc(nlp, article) for article in articles)],
                    FRAME_CUE_DTYPES)
    per_article = cues.groupby("article_id").size()
    assert per_article.median() < 80
    assert cues["cue_lemma"].value_counts(normalize=True).iloc[0] < 0.15


def test_every_hand_marked_metaphor_points_at_its_words_in_the_articles_of_its_documented_draw():
    from helpers.evaluation.frames import (
        RECALL_SAMPLES, dev_recall_round6_articles, read_metaphors, recall_articles, round3_articles, round5_articles,
    )

    if not (WIKINEWS / "dev").is_dir():
        pytest.skip(f"Wikinews quotation corpus not found at {WIKINEWS}: the recall samples' articles lie in ../shared")
    draws = {"metaphors.tsv": recall_articles(), "metaphors_round3.tsv": round3_articles(),
             "metaphors_round5.tsv": round5_articles(), "metaphors_dev_round6.tsv": dev_recall_round6_articles()}
    for path, data_dir in RECALL_SAMPLES.values():
        listed = pd.read_csv(path.with_name(path.stem + "_articles.tsv"), sep="\t", dtype={"article_id": str})
        if path.name in draws:
            assert sorted(listed["article_id"]) == draws[path.name], path.name
        for row in read_metaphors(path).itertuples():
            assert row.article_id in set(listed["article_id"]), (path.name, row.article_id)
            text = load_article(data_dir / f"{row.article_id}.json").text
            assert text[row.start:row.end] == row.text, (path.name, row.article_id, row.start)


def test_the_blind_dev_precision_sample_holds_cues_of_its_documented_draw_at_their_words():
    from helpers.evaluation.frames import DEV, PRECISION_SAMPLES, dev_precision_articles, read_judgements

    if not DEV.is_dir():
        pytest.skip(f"Wikinews quotation corpus not found at {DEV}: the sample's articles lie in ../shared")
    judged = read_judgements(PRECISION_SAMPLES[next(k for k in PRECISION_SAMPLES if k.startswith("dev:"))])
    assert len(judged) == 200 and set(judged["article_id"]) <= set(dev_precision_articles())
    for row in judged.head(40).itertuples():
        text = load_article(DEV / f"{row.article_id}.json").text
        assert text[row.start:row.end].split()[0] == row.surface.split()[0], (row.article_id, row.start)


def test_the_round_6_precision_sample_holds_the_cues_of_its_documented_draw_in_order():
    from helpers.evaluation.frames import DEV, PRECISION_SAMPLES, dev_precision_round6_articles, read_judgements

    if not DEV.is_dir():
        pytest.skip(f"Wikinews quotation corpus not found at {DEV}: the sample's articles lie in ../shared")
    judged = read_judgements(PRECISION_SAMPLES[next(k for k in PRECISION_SAMPLES if k.startswith("dev round 6"))])
    assert len(judged) == 200 and set(judged["article_id"]) <= set(dev_precision_round6_articles())
    assert list(zip(judged["article_id"], judged["start"])) == sorted(zip(judged["article_id"], judged["start"]),
                                                                    key=lambda row: (row[0], row[1]))
    for row in judged.head(40).itertuples():
        text = load_article(DEV / f"{row.article_id}.json").text
        assert text[row.start:row.end].split()[0] == row.surface.split()[0], (row.article_id, row.start)


def test_the_frame_profile_of_an_article_names_the_strongest_sentence_and_who_uses_the_words():
    from helpers import analyze
    from helpers.tables.frame_profile import frame_profile

    profile = frame_profile(analyze(
        "Berlin (dpa) - Die Fronten im Tarifstreit verhärten sich. „Das ist ein Pulverfass“, sagte Anja Brenner. "
        "Der Streik geht weiter."))
    conflict = profile.set_index("category").loc["conflict"]
    assert conflict["cues"] == 2 and conflict["voices"] == "Journalist 2"
    assert conflict["per_1000_words"] == round(1000 * 2 / 19, 1)  # 19 words, the dateline's included
    fire = profile.set_index("category").loc["fire"]
    assert (fire["group"], fire["voices"], fire["example_cues"]) == ("metaphor", "Anja Brenner 1", "Pulverfass")


def test_the_frame_profile_of_an_article_without_quotations_gives_every_cue_to_the_journalist():
    from helpers import analyze
    from helpers.tables.frame_profile import frame_profile

    analysis = analyze("Berlin (dpa) - Der Streik geht weiter. Die Kosten steigen.")
    assert analysis.quotes.empty
    profile = frame_profile(analysis).set_index("category")
    assert profile.loc["conflict", "voices"] == "Journalist 1"


def test_a_word_may_follow_its_verb_directly_and_an_old_spelling_lemma_still_matches():
    assert metaphors("Die Verhandlungen treten auf der Stelle.") == [
        ("journey", "auf der Stelle treten", "treten auf der Stelle")]
    assert metaphors("Das Land steht am Abgrund.") == [("journey", "am Abgrund", "am Abgrund")]
    # the tagger lemmatises "Kompromisse" as Kompromiß
    assert [cue for cue in found("Beide Seiten schlossen Kompromisse.") if cue[0] == "cooperation"] == [
        ("cooperation", "Kompromiss", "Kompromisse")]


def test_third_pass_idioms_and_their_literal_twins():
    assert metaphors("Die Regierung legt das Projekt auf Eis.") == [("disaster", "auf Eis legen", "legt … auf Eis")]
    assert metaphors("Die Spieler standen auf dem Eis.") == []
    assert metaphors("Die Opposition setzt die Regierung unter Druck.") == [
        ("machine", "unter Druck", "setzt … unter Druck")]
    assert metaphors("Mit Minijobs hält sich die Familie über Wasser.") == [
        ("disaster", "über Wasser halten", "hält … über Wasser")]
    assert metaphors("Das gekenterte Boot hielt sich nicht lange über Wasser.") == []
    assert metaphors("Die Partei konnte im Westen nicht Fuß fassen.") == [
        ("journey", "Fuß fassen", "Fuß fassen")]
    assert metaphors("Auf einer Gefällestrecke stürzte der Radfahrer.") == []


def test_generic_cues_without_frame_meaning_are_left_out():
    assert [cue for cue in found("Es gab keine Verletzten.") if cue[0] == "human_interest"] == []
    assert [cue for cue in found("Bei dem Unfall gab es drei Verletzte.") if cue[0] == "human_interest"] == [
        ("human_interest", "Verletzte", "Verletzte")]
    assert [cue for cue in found("Die Handelsministerin reiste nach Paris.") if cue[0] == "economic"] == []
    assert [cue for cue in found("Der Welthandel schrumpft.") if cue[0] == "economic"] == [
        ("economic", "Handel", "Welthandel")]


def test_a_cue_is_not_its_own_literal_context():
    assert metaphors("Zwischen den Ländern tobt ein Krieg der Worte.") == [("war", "Krieg der Worte", "Krieg der Worte")]
    assert metaphors("Der Krieg der Worte wurde von Soldaten an der Front begleitet.") == []


def test_leaving_a_deal_is_leaving_a_vehicle_but_passengers_leave_real_ones():
    assert metaphors("Die USA steigen aus dem Abkommen aus.") == [("machine", "aussteigen", "steigen … aus")]
    assert metaphors("Die Fahrgäste steigen am Bahnhof aus.") == []


def test_conventional_metaphors_count_as_the_recall_samples_mark_them_but_a_candidacy_is_no_contest():
    # MIPVU (Steen et al. 2010): a role to play and a foundation are understood by their theatre and building
    # senses, however faded; the blind recall samples mark them (as borderline), and the round-6 precision
    # judge counts them (noted "lexicalised:", so that a strict reading can leave them out)
    assert metaphors("Das Thema spielt eine wichtige Rolle.") == [("theatre", "Rolle", "Rolle")]
    assert metaphors("Der Bericht ist die Grundlage für die Entscheidung.") == [("building", "Grundlage", "Grundlage")]
    assert metaphors("Der Landrat will nicht mehr antreten.") == []


def test_deals_break_and_burst_but_glass_and_tyres_literally():
    assert metaphors("Die Koalition ist am Streit über den Haushalt zerbrochen.") == [
        ("building", "zerbrechen", "Koalition … zerbrochen")]
    assert metaphors("Das Glas ist zerbrochen.") == []
    assert metaphors("Die Fusion der beiden Banken ist geplatzt.") == [("fire", "platzen", "Fusion … geplatzt")]
    assert metaphors("Der Reifen ist geplatzt.") == []


def test_military_coalitions_and_kindergartens_are_not_cooperation_or_human_interest():
    assert found("Die Koalitionstruppen rückten vor.") == []
    assert found("Die Kinder gehen in den Kindergarten.") == [("human_interest", "Kind", "Kinder")]


def test_the_matcher_reading_only_near_the_rarest_words_finds_what_it_finds_reading_every_sentence(doc, monkeypatch):
    # the stretches a pattern is matched in are a speed-up: each pattern's Matcher over every whole sentence
    # must find the same cues
    nlp = pipeline()
    docs = [doc] + [nlp(text) for text in (
        "Nun nähern sich die beiden Länder nach Jahren des Streits langsam wieder an.",
        "Die Regierung droht den Rebellen seit Wochen offen mit Vergeltung.",
        "Er reichte dem alten Gegner nach langem Streit die Hand, doch der schlug sie aus.",
        "Beide Seiten ziehen an einem Strang. Ist das wirklich so?")]
    matcher = cue_matcher(nlp.vocab, load_lexicon())
    near_rare_words = [matcher(each, DocColumns(each)) for each in docs]

    def every_sentence(self, columns):
        return [(pattern, columns.sentence_bounds_of(sentence))
                for pattern in self.patterns.values() for sentence in range(columns.sentences)]

    monkeypatch.setattr(CueMatcher, "_windows_to_match", every_sentence)
    assert [matcher(each, DocColumns(each)) for each in docs] == near_rare_words
    assert sum(len(found) for found in near_rare_words[1:]) >= 5


def test_a_cue_extension_set_on_its_own_leaves_the_others():
    doc = pipeline()("Die Koalitionspartner streiten.")
    span = doc.spans["frame_cues"][0]
    span._.frame = "Konflikt"
    assert cue_extensions(span) == {
        "frame": "Konflikt", "frame_group": "language", "frame_cue": "Koalition", "cue_surface": "Koalitionspartner",
        "compound_part": "Koalition", "compound_split": "Koalition|s|partner", "in_question": False}
    assert span._.compound_part == "Koalition"
