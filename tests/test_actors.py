from pathlib import Path

import pandas as pd
import pytest

from helpers import analyze, load_article
from helpers.actors import load_catalog, promote
from helpers.errors import ResourceError
from helpers.german.word_forms import adjective_forms, demonym_forms, genitive, takes_genitive_s
from helpers.tables.mentions import (
    actor_cooccurrence, actor_counts, actor_table, discovered_names, mentions_by_section,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "dpa_frankreich_russland_is.txt"
GOLD = ROOT / "tests" / "gold" / "seed_actor_mentions.tsv"


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture(scope="module")
def seed_mentions(seed):
    return analyze(seed).mentions


def mentions_in(text, date="2015-11", **options):
    article = load_article(text, article_id="beispiel", date=date)
    return analyze(article, **options).mentions


def test_every_gold_mention_of_the_seed_article_is_found_and_nothing_else(seed, seed_mentions):
    gold = pd.read_csv(GOLD, sep="\t", comment="#")
    assert (gold["surface"] == [seed.text[s:e] for s, e in zip(gold["start"], gold["end"])]).all()
    expected = set(gold[["start", "end", "actor_id", "kind"]].itertuples(index=False, name=None))
    found = set(seed_mentions[["start", "end", "actor_id", "kind"]].itertuples(index=False, name=None))
    assert sorted(found - expected) == []  # precision 1.0
    assert sorted(expected - found) == []  # recall 1.0


def test_seed_counts_match_the_issue(seed_mentions):
    counts = actor_counts(seed_mentions)
    assert list(counts.index[:2]) == ["Russland", "Frankreich"]
    expected = {"François Hollande": 3, "Jean-Yves Le Drian": 2, "Peter Cook": 2, "Dmitri Peskow": 1,
                "Angela Merkel": 1, "Baschar al-Assad": 1}
    assert {actor: counts[actor] for actor in expected} == expected


def test_isis_and_islamischer_staat_are_the_is(seed_mentions):
    is_surfaces = set(seed_mentions.loc[seed_mentions["actor_id"] == "is", "surface"])
    assert {"ISIS", "Islamischer Staat", "Islamischen Staat", "IS", "IS-Hochburg"} <= is_surfaces


def test_dateline_places_are_metadata_not_mentions(seed, seed_mentions):
    assert seed.text[slice(*seed.dateline)].startswith("date 2018-06 Paris/Moskau/Washington/Brüssel")
    assert (seed_mentions["start"] >= seed.dateline[1]).all()


def test_kreml_chef_wladimir_putin_is_one_mention(seed_mentions):
    putin = seed_mentions[seed_mentions["actor_id"] == "putin"]
    assert putin["surface"].tolist()[0] == "Kreml-Chef Wladimir Putin"
    assert putin["kind"].tolist()[0] == "name"
    assert "Kreml-Chef" not in set(seed_mentions["surface"])


def test_mention_rows_carry_sentence_section_and_part(seed, seed_mentions):
    first = seed_mentions.iloc[0]
    assert (first["surface"], first["sentence"], first["section_index"], first["part"]) == ("Franzosen", 0, 0, "lead")
    question = seed_mentions[seed_mentions["part"] == "question"].iloc[0]
    assert (question["surface"], question["section"]) == ("Russland", "Was will Russland mit der Annäherung erreichen?")
    assert seed_mentions.loc[seed_mentions["actor_id"] == "putin", "affiliation"].unique().tolist() == ["Russland"]


def test_german_word_forms_are_generated():
    assert genitive("Putin") == ["Putins"]
    assert genitive("Paris") == ["Paris'", "Paris’"]
    assert [takes_genitive_s(name, is_person) for name, is_person in [
        ("Hollande", True), ("Russland", False), ("Türkei", False), ("Bundesregierung", False),
        ("Islamischer Staat", False),
    ]] == [True, True, False, False, False]
    assert adjective_forms("russisch") == [
        "russisch", "russische", "russischen", "russischer", "russisches", "russischem",
        "Russische", "Russischen", "Russischer", "Russisches", "Russischem",
    ]
    assert demonym_forms("Russe") == ["Russe", "Russen"]
    assert demonym_forms("Russin") == ["Russin", "Russinnen"]
    assert demonym_forms("Amerikaner") == ["Amerikaner", "Amerikanern", "Amerikaners"]


def test_names_inflections_metonyms_and_demonyms():
    mentions = mentions_in("Russlands Präsident empfing Franzosen im Kreml. Die russische Armee und Moskaus Diplomaten.")
    assert list(zip(mentions["surface"], mentions["actor_id"], mentions["kind"])) == [
        ("Russlands", "russia", "name"),
        ("Franzosen", "france", "demonym"),
        ("Kreml", "russia", "metonym"),
        ("russische", "russia", "demonym"),
        ("Moskaus", "russia", "metonym"),
    ]


def test_compounds_are_one_mention_of_the_whole_word():
    mentions = mentions_in("Die US-geführte Koalition bombardierte die IS-Hochburg. Aus Élyséekreisen hieß es nichts.")
    assert list(zip(mentions["surface"], mentions["actor_id"], mentions["kind"])) == [
        ("US-geführte", "usa", "compound"),
        ("IS-Hochburg", "is", "compound"),
        ("Élyséekreisen", "france", "compound"),
    ]


def test_short_names_do_not_start_closed_compounds():
    mentions = mentions_in("Der Bernstein glänzte. Sein Pragmatismus half.")
    assert not {"switzerland", "czechia"} & set(mentions["actor_id"])  # Bern|stein, Prag|matismus


def test_a_role_alone_means_its_holder_at_the_article_date():
    text = "Der Kreml-Chef reiste nach Paris."
    assert mentions_in(text, date="2015-11")["actor_id"].tolist()[0] == "putin"
    assert mentions_in(text, date="2010-03")["actor_id"].tolist()[0] == "medvedev"


def test_a_role_before_a_name_belongs_to_that_person():
    mentions = mentions_in("Kreml-Chef Dmitri Medwedew traf Pentagonsprecher Peter Cook.", date="2015-11")
    assert list(zip(mentions["surface"], mentions["actor_id"])) == [
        ("Kreml-Chef Dmitri Medwedew", "medvedev"),
        ("Pentagonsprecher Peter Cook", "cook"),
    ]


def test_discovered_names_are_typed_and_their_variants_merged():
    text = ("Heiko Maas sprach in Hannover. Maas' Sprecher sagte, Maas sei zufrieden. "
            "Sigmar Gabriel widersprach, Gabriels Partei auch. Die Carlsen GmbH schwieg.")
    article = load_article(text, article_id="beispiel", date="2015-11")
    names = discovered_names(analyze(article).mentions)
    assert list(zip(names["actor"], names["actor_type"], names["mentions"])) == [
        ("Heiko Maas", "person", 3),
        ("Hannover", "place", 1),
        ("Carlsen GmbH", "organisation", 1),
    ]
    gabriel = analyze(article).mentions.query("actor_id == 'gabriel'")
    assert gabriel["surface"].tolist() == ["Sigmar Gabriel", "Gabriels"]


def test_discovery_reads_the_type_of_a_name_from_word_lists_and_context():
    text = ("Der Spielzeughersteller Mattel meldete Gewinne. Kaiser Franz Joseph regierte lange. "
            "Die Feier fand in Twistringen statt. Der Transrapid fuhr schnell. Sie wohnt in der Gubener Straße. "
            "Der FC Nürnberg verlor.")
    names = discovered_names(analyze(load_article(text, article_id="beispiel", date="2015-11")).mentions)
    assert list(zip(names["actor"], names["actor_type"])) == [
        ("Mattel", "organisation"),  # after a class noun of organisations
        ("Franz Joseph", "person"),  # a title is not part of the name
        ("Twistringen", "place"),  # a GeoNames town after a local preposition
        ("Transrapid", "other"),  # a name with an article is the name of a thing
        ("Gubener Straße", "place"),  # an inhabitant adjective before a street
        ("FC Nürnberg", "organisation"),  # a club prefix
    ]


def test_a_catalog_surname_after_another_first_name_is_someone_else():
    mentions = mentions_in("James Cook segelte um die Welt.")
    assert list(zip(mentions["surface"], mentions["actor_id"], mentions["kind"])) == [
        ("James Cook", "james_cook", "discovered")
    ]


def test_promoted_names_are_recognised_in_the_next_run(tmp_path):
    text = "Heiko Maas sprach lange. Danach sagte Maas nichts mehr."
    article = load_article(text, article_id="beispiel", date="2015-11")
    catalog = tmp_path / "my_actors.yaml"
    assert promote(discovered_names(analyze(article).mentions), catalog) == ["heiko_maas"]
    assert promote(["Heiko Maas"], catalog, actor_type="person") == []  # already there
    mentions = analyze(article, catalogs=[catalog]).mentions
    assert list(zip(mentions["surface"], mentions["actor_id"], mentions["kind"])) == [
        ("Heiko Maas", "heiko_maas", "name"),
        ("Maas", "heiko_maas", "name"),
    ]


def test_promoting_nothing_leaves_a_catalog_that_loads(tmp_path):
    article = load_article("Das Wetter war gut.", article_id="kurz")
    catalog = tmp_path / "leer.yaml"
    assert promote(discovered_names(analyze(article).mentions), catalog) == []
    assert analyze(article, catalogs=[catalog]).mentions.empty


def test_a_user_catalog_adds_actors_without_touching_the_package(tmp_path):
    catalog = tmp_path / "vereine.yaml"
    catalog.write_text(
        "actors:\n"
        "  - id: bvb  # Borussia Dortmund, football club\n"
        "    name: Borussia Dortmund\n"
        "    type: organisation\n"
        "    names: [Borussia Dortmund, BVB]\n"
        "    demonyms: [Borusse]\n",
        encoding="utf-8",
    )
    mentions = mentions_in("Die Borussen siegten. Borussia Dortmunds Trainer jubelte.", catalogs=[catalog])
    assert list(zip(mentions["surface"], mentions["actor_id"], mentions["kind"])) == [
        ("Borussen", "bvb", "demonym"),
        ("Borussia Dortmunds", "bvb", "name"),
    ]


def test_catalog_errors_say_what_to_fix(tmp_path):
    bad_type = tmp_path / "bad_type.yaml"
    bad_type.write_text("actors:\n  - {id: x, name: X, type: city}\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="type 'city'; use one of person"):
        load_catalog([bad_type])
    bad_affiliation = tmp_path / "bad_affiliation.yaml"
    bad_affiliation.write_text("actors:\n  - {id: x, name: X, type: person, affiliation: nowhere}\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="affiliation 'nowhere'"):
        load_catalog([bad_affiliation])


def test_no_word_form_of_the_bundled_catalog_names_two_actors():
    assert load_catalog().conflicts == []


def test_bundled_catalog_covers_states_institutions_and_parties():
    actors = load_catalog().actors
    for actor_id in ["germany", "france", "russia", "usa", "china", "turkey", "syria", "iran", "eu", "nato", "un",
                     "bundesregierung", "bundestag", "auswaertiges_amt", "bundeswehr", "bverfg", "spd", "cdu", "afd"]:
        assert actor_id in actors


def test_summaries_count_sections_and_sentences():
    mentions = mentions_in("Frankreich und Russland verhandeln. Russland zögert.\n\nWarum?\n\nFrankreich wartet.")
    assert actor_counts(mentions).to_dict() == {"Russland": 2, "Frankreich": 2}
    assert actor_cooccurrence(mentions).values.tolist() == [["Frankreich", "Russland", 1]]
    assert mentions_by_section(mentions).sum().to_dict() == {"Russland": 2, "Frankreich": 2}


def test_a_month_in_a_date_is_not_a_name_but_a_first_name_is():
    mentions = mentions_in("Am 5. August 2015 und im Mai 2016 sprach August Bebel.", date="2015-08")
    assert list(zip(mentions["surface"], mentions["kind"])) == [("August Bebel", "discovered")]


# ---------------------------------------------------------------------------------------------------------
# Whole names, roles and affiliations


def rows(mentions):
    return [(row.surface, row.actor, row.kind, row.affiliation) for row in mentions.itertuples()]


def test_a_role_compound_names_the_organisation_and_gives_the_persons_affiliation():
    mentions = mentions_in("„Wir streiken“, sagte GDL-Chef Mario Reiß in Berlin. Reiß blieb hart.")
    assert ("GDL-Chef", "GDL", "compound", None) in rows(mentions)
    reiss = mentions[mentions["actor"] == "Mario Reiß"]
    assert list(reiss["surface"]) == ["GDL-Chef Mario Reiß", "Reiß"]
    assert list(reiss["affiliation"]) == ["GDL", "GDL"]  # carried to the later mention
    first = reiss.iloc[0]
    assert (first["role"], mentions_text(first)) == ("GDL-Chef", "Mario Reiß")


def mentions_text(row):
    return row["surface"][row["name_start"] - row["start"]:]


def test_a_catalog_party_in_a_role_compound_stays_a_mention_of_its_own():
    mentions = mentions_in("Das sei gefährlich, sagte SPD-Verkehrspolitikerin Anja Brenner.")
    assert rows(mentions) == [("SPD-Verkehrspolitikerin", "SPD", "compound", "Deutschland"),
                              ("SPD-Verkehrspolitikerin Anja Brenner", "Anja Brenner", "discovered", "SPD")]


def test_an_inflected_party_name_in_a_role_compound_gives_the_affiliation():
    mentions = mentions_in("Das sei falsch, sagte Grünen-Politiker Hans-Christian Ströbele. Ströbele blieb.")
    assert list(mentions[mentions["actor"] == "Hans-Christian Ströbele"]["affiliation"]) == ["Grüne", "Grüne"]


def test_a_party_in_brackets_after_a_name_is_the_persons_affiliation():
    mentions = mentions_in("Patrick Schnieder (CDU) sprach von einem Pulverfass. Schnieder blieb dabei.")
    schnieder = mentions[mentions["actor"] == "Patrick Schnieder"]
    assert list(schnieder["affiliation"]) == ["CDU", "CDU"]


@pytest.mark.parametrize("text, person, state", [
    ("Der italienische Innenminister Giuliano Amato kam. Amato blieb.", "Giuliano Amato", "Italien"),
    ("Frankreichs Präsident Nicolas Sarkozy kam. Sarkozy blieb.", "Nicolas Sarkozy", "Frankreich"),
])
def test_a_state_before_the_title_before_a_name_is_the_persons_affiliation(text, person, state):
    mentions = mentions_in(text)
    assert list(mentions[mentions["actor"] == person]["affiliation"]) == [state, state]


@pytest.mark.parametrize("text, person, affiliation", [
    ("Klaus Weber, der Chef der IG Metall, sagte, man streike. Weber blieb.", "Klaus Weber", "IG Metall"),
    ("Der frühere Präsident des Irak, Saddam Hussein, stand vor Gericht. Hussein schwieg.", "Saddam Hussein", "Irak"),
    ("Der Sprecher der SPD, Klaus Weber, widersprach. Weber blieb.", "Klaus Weber", "SPD"),
    ("Auch Renate Künast von den Grünen hält nichts davon. Künast blieb.", "Renate Künast", "Grüne"),
])
def test_an_organisation_or_state_in_apposition_to_a_name_is_the_persons_affiliation(text, person, affiliation):
    mentions = mentions_in(text)
    assert list(mentions[mentions["actor"] == person]["affiliation"]) == [affiliation, affiliation]


def test_a_title_in_apposition_without_an_organisation_gives_no_affiliation():
    mentions = mentions_in("Klaus Weber, der Chef, kam im Bundestag an. Weber blieb.")
    assert mentions[mentions["actor"] == "Klaus Weber"]["affiliation"].isna().all()


def test_a_state_before_a_name_without_a_title_gives_no_affiliation():
    mentions = mentions_in("In Frankreich sprach Nicolas Sarkozy. Die italienische Regierung schwieg.")
    assert mentions[mentions["actor"] == "Nicolas Sarkozy"]["affiliation"].isna().all()


def test_a_capitalised_state_adjective_inside_a_sentence_begins_a_name():
    mentions = mentions_in("Auch der Deutsche Städtetag warnte vor vollen Innenstädten.")
    assert rows(mentions) == [("Deutsche Städtetag", "Deutsche Städtetag", "discovered", None)]
    assert list(mentions["actor_type"]) == ["organisation"]
    assert "Deutschland" in set(mentions_in("Deutsche Pendler warnten vor vollen Innenstädten.")["actor"])


def test_the_german_red_cross_is_one_name_with_both_its_adjectives():
    assert rows(mentions_in("Das Deutsche Rote Kreuz schickte Helfer.")) == [
        ("Deutsche Rote Kreuz", "Deutsches Rotes Kreuz", "name", "Rotes Kreuz")]
    assert rows(mentions_in("Helfer vom Deutschen Roten Kreuz waren vor Ort.")) == [
        ("Deutschen Roten Kreuz", "Deutsches Rotes Kreuz", "name", "Rotes Kreuz")]
    assert rows(mentions_in("Das Rote Kreuz half.")) == [("Rote Kreuz", "Rotes Kreuz", "name", None)]


def test_a_name_with_the_genitive_es_is_the_catalog_actor():
    assert rows(mentions_in("Ein Sprecher des Bundesnachrichtendienstes widersprach.")) == [
        ("Bundesnachrichtendienstes", "BND", "name", "Deutschland")]
    assert rows(mentions_in("Die Zahl der Mitglieder des Bundestages stieg.")) == [
        ("Bundestages", "Bundestag", "name", "Deutschland")]


def test_die_bahn_is_deutsche_bahn_but_the_s_bahn_is_not():
    assert rows(mentions_in("Die Bahn will mehr Züge einsetzen.")) == [("Bahn", "Deutsche Bahn", "name", "Deutschland")]
    assert mentions_in("Viele Pendler nehmen die S-Bahn.").empty


def test_der_konzern_refers_back_to_the_organisation_and_is_no_name():
    mentions = mentions_in("Die Deutsche Bahn erhöht die Preise. Der Konzern nennt höhere Kosten als Grund.")
    assert rows(mentions) == [("Deutsche Bahn", "Deutsche Bahn", "name", "Deutschland"),
                              ("Der Konzern", "Deutsche Bahn", "description", "Deutschland")]
    assert mentions_in("Der Konzern nennt höhere Kosten als Grund.").empty  # nobody named before


def test_das_gericht_refers_back_to_the_court_whose_name_ends_in_gericht():
    mentions = mentions_in("Das Bundesverfassungsgericht hat entschieden. Das Gericht nannte das Gesetz nichtig.")
    assert rows(mentions)[1] == ("Das Gericht", "Bundesverfassungsgericht", "description", "Deutschland")


def test_an_institution_named_by_its_noun_alone_is_an_actor_with_the_state_of_its_adjective():
    mentions = mentions_in("Ein Sprecher des Innenministeriums widersprach. Das russische Außenministerium schwieg. "
                           "Das Ministerium blieb dabei.")
    assert [row for row in rows(mentions) if row[2] == "description"] == [
        ("des Innenministeriums", "Innenministerium", "description", None),
        ("Das russische Außenministerium", "Außenministerium (Russland)", "description", "Russland"),
        ("Das Ministerium", "Außenministerium (Russland)", "description", "Russland"),
    ]


def test_an_institution_compound_is_the_institution_of_the_party_or_state_in_it():
    assert rows(mentions_in("Die SPD-Landtagsfraktion stimmte zu.")) == [
        ("SPD-Landtagsfraktion", "SPD-Landtagsfraktion", "description", "SPD")]


def test_a_class_noun_after_an_adjective_is_no_description():
    mentions = mentions_in("Die Deutsche Bahn erhöht die Preise. Die tunesische Firma nennt höhere Kosten.")
    assert "description" not in set(mentions["kind"])


def test_a_state_before_the_class_noun_before_an_organisation_is_its_affiliation():
    mentions = mentions_in("Die chinesische Nachrichtenagentur Xinhua meldete Tote.")
    assert ("Xinhua", "Xinhua", "discovered", "China") in rows(mentions)


def test_a_whole_class_noun_refers_to_the_organisation_named_just_before():
    mentions = mentions_in("Die Telekom streicht Stellen. Der Konzern nannte höhere Kosten als Grund.")
    assert rows(mentions)[1][:3] == ("Der Konzern", "Deutsche Telekom", "description")
    assert "description" not in set(mentions_in("Die Telekom streicht Stellen. Die Schwesterpartei schwieg.")["kind"])



def test_a_name_typed_differently_where_it_stands_again_is_one_actor_of_the_table():
    text = ("Das Team hat einen bisher nur unter dem Namen „Gocta“ bekannten Wasserfall vermessen. "
            "Um Gocta ranken sich zahlreiche Legenden.")
    table = actor_table(analyze(load_article(text, article_id="gocta")).mentions)
    assert table[["actor", "actor_type", "mentions"]].values.tolist() == [["Gocta", "other", 2]]
