import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import analyze, load_article
from helpers.errors import BlickwinkelWarning
from helpers.quotes import quotation_spans
from helpers.tables.quotes import QUOTE_COLUMNS, cue_offsets, quote_spans, who_speaks

SEED = Path(__file__).resolve().parents[1] / "data" / "dpa_frankreich_russland_is.txt"


@pytest.fixture(scope="module")
def seed():
    article = load_article(SEED)
    return article, analyze(article).quotes


def quotes_of(text):
    return analyze(load_article(text, article_id="beispiel")).quotes


def test_the_table_has_the_documented_columns_and_offsets_into_the_text(seed):
    article, table = seed
    assert list(table.columns) == list(QUOTE_COLUMNS)
    for row in table.itertuples():
        assert article.text[row.start:row.end] == row.text
        if row.speaker is not None:
            assert article.text[row.speaker_start:row.speaker_end] == row.speaker


def test_seed_has_seven_direct_or_partial_quotes_by_peskow_le_drian_cook_and_the_foreign_office(seed):
    _, table = seed
    quoted = table[table["type"].isin(["direct", "partial"])]
    assert list(quoted["speaker_actor"]) == [
        "Dmitri Peskow", "Jean-Yves Le Drian", "Peter Cook", "Peter Cook", "Peter Cook", "Peter Cook",
        "Auswärtiges Amt",
    ]
    partial = quoted[quoted["type"] == "partial"]
    assert list(partial["text"]) == ['"kontraproduktiv"']
    assert partial["carried_over"].item()


@pytest.mark.parametrize("text", ["Hallo.", "Hallo", "Ja, nein."])
def test_a_short_article_without_quotations_gives_an_empty_table_with_all_columns(text):
    table = quotes_of(text)
    assert table.empty
    assert list(table.columns) == list(QUOTE_COLUMNS)
    assert who_speaks(table).empty and quote_spans(table).empty


@pytest.mark.parametrize("text, quotes", [
    ("Das sagte der Minister der „New York Times“ am Montag.", []),  # a name after a definite article
    ("Im „Spiegel“ schrieb er, die Lage sei ernst.", [["indirect", "die Lage sei ernst"]]),
    ("Er nannte den Plan eine „Unverschämtheit“.", [["partial", "„Unverschämtheit“"]]),  # after "eine": quoted
])
def test_capitalised_words_in_quotation_marks_after_a_definite_article_are_a_name(text, quotes):
    assert quotes_of(text)[["type", "text"]].values.tolist() == quotes


@pytest.mark.parametrize("text, expected", [
    ("Die FDP schließt eine Ampel aus. Dies bestätigte der Vorsitzende Guido Westerwelle am Abend.",
     ["indirect", "Die FDP schließt eine Ampel aus. Dies", "bestätigte", "der Vorsitzende Guido Westerwelle"]),
    ("Laut „Welt“ soll er sich in Landsberg befinden.", ["reported", "soll er sich in Landsberg befinden", "Laut",
                                                          "„Welt“"]),
    ("Er sagte, „No-Go-Areas“ dürfe es nicht geben.", ["partial", "„No-Go-Areas“", "sagte", "Er"]),
    ("Die Lage sei ernst, hat der Minister am Montag gesagt.",  # the frame opens with the auxiliary
     ["indirect", "Die Lage sei ernst", "gesagt", "der Minister"]),
    ("Die Anklage wurde am Montag erhoben, wie die Staatsanwaltschaft mitteilte.",
     ["indirect", "Die Anklage wurde am Montag erhoben", "mitteilte", "die Staatsanwaltschaft"]),
    ("Der Verband hat in einer Stellungnahme bekannt gegeben, dass er klagt.",  # the particle written apart
     ["indirect", "dass er klagt", "gegeben", "Der Verband"]),
    # Konjunktiv I after an indicative main clause whose verb is no cue: its subject speaks
    ("Die Schutzvereinigung ist der Ansicht, dass das Gesetz zu geringer Produktivität führe.",
     ["indirect", "dass das Gesetz zu geringer Produktivität führe", "ist", "Die Schutzvereinigung"]),
])
def test_a_sentence_said_as_dies_a_source_in_quotation_marks_and_a_quoted_word_opening_a_clause(text, expected):
    assert quotes_of(text)[["type", "text", "cue", "speaker"]].values.tolist()[:1] == [expected]


def test_mistral_in_quotation_marks_is_a_ship_not_a_quote(seed):
    _, table = seed
    assert not table["text"].str.contains("Mistral").any()


def test_konjunktiv_sentences_after_cooks_quotes_are_carried_over_to_cook(seed):
    _, table = seed
    carried = table[(table["type"] == "indirect") & table["carried_over"]]
    assert carried["text"].str.startswith("Washington arbeite in Syrien").any()
    assert carried["text"].str.contains("Ziel sei dabei lediglich").any()
    assert set(carried["speaker_actor"]) == {"Peter Cook"}
    assert set(carried["speaker_affiliation"]) == {"Pentagon"}


def test_a_plural_konjunktiv_ii_of_a_modal_continues_the_speaker_before():
    table = quotes_of("Der Minister sagte, die Lage sei ernst. Die Bürger müssten sich auf Stromausfälle vorbereiten.")
    assert table[["text", "speaker", "carried_over"]].values.tolist() == [
        ["die Lage sei ernst", "Der Minister", False],
        ["Die Bürger müssten sich auf Stromausfälle vorbereiten.", "Der Minister", True]]


def test_unnamed_witnesses_are_anonymous_sources():
    text = ("Nach Angaben von Augenzeugen wurden zehn Menschen erschossen. "
            "Ein Zeuge sagte, die Polizei sei zu spät gekommen.")
    table = analyze(load_article(text, article_id="zeugen")).quotes
    assert table[["speaker", "speaker_kind"]].values.tolist() == [
        ["Angaben von Augenzeugen", "anonymous"], ["Ein Zeuge", "anonymous"]]


def test_the_elysee_source_and_the_diplomats_are_anonymous(seed):
    _, table = seed
    anonymous = table[table["speaker_kind"] == "anonymous"]
    assert list(anonymous["speaker"]) == ["Élyséekreisen", "Angaben von Diplomaten"]
    assert list(anonymous["cue"]) == ["hieß", "nach"]


def test_the_journalists_question_is_not_a_quote(seed):
    _, table = seed
    assert not table["text"].str.contains("Eine richtige Koalition").any()
    assert set(table["part"]) <= {"lead", "body"}


def test_indirect_speech_after_a_speech_verb_in_konjunktiv_i():
    table = quotes_of("Der Minister sagte am Montag, die Lage sei ernst.")
    assert table[["type", "text", "cue", "speaker"]].values.tolist() == [
        ["indirect", "die Lage sei ernst", "sagte", "Der Minister"]
    ]


def test_a_dass_clause_after_the_verb_with_the_speaker_behind_it():
    table = quotes_of("Nun erklärte die Polizei, dass der Mann festgenommen wurde.")
    assert table[["type", "text", "speaker"]].values.tolist() == [
        ["indirect", "dass der Mann festgenommen wurde", "die Polizei"]
    ]


def test_laut_and_zufolge_attribute_the_whole_sentence_without_the_frame():
    table = quotes_of("Laut Polizei wurden drei Menschen verletzt. Der Feuerwehr zufolge brannte das Haus völlig aus.")
    assert table[["type", "text", "cue", "speaker"]].values.tolist() == [
        ["reported", "wurden drei Menschen verletzt", "Laut", "Polizei"],
        ["reported", "brannte das Haus völlig aus", "zufolge", "Der Feuerwehr"],
    ]


def test_a_direct_quote_in_guillemets_with_the_speaker_after_it():
    table = quotes_of("»Wir bleiben hier«, sagte die Sprecherin. Dann ging sie.")
    assert table[["type", "text", "cue", "speaker"]].values.tolist() == [
        ["direct", "»Wir bleiben hier«", "sagte", "die Sprecherin"]
    ]


def test_a_quote_of_two_sentences_takes_the_cue_after_its_end():
    table = quotes_of("„Wir haben gewonnen. Das freut uns sehr“, fügte Brown hinzu.")
    assert table[["type", "text", "cue", "cue_lemma", "speaker"]].values.tolist() == [
        ["direct", "„Wir haben gewonnen. Das freut uns sehr“", "fügte", "hinzufügen", "Brown"]
    ]


def test_so_after_a_comma_names_the_source_of_the_sentence_before_it():
    table = quotes_of("Die Lage sei ernst, so der Sprecher.")
    assert table[["type", "text", "cue", "speaker"]].values.tolist() == [
        ["reported", "Die Lage sei ernst", "so", "der Sprecher"]
    ]


@pytest.mark.parametrize("text, speaker", [
    ("Berlin (dpa) - Merkel sagte, sie sei zufrieden.", "Merkel"),  # the dateline is not part of the speaker
    ("Mainz (dpa) - „Die Lage ist ernst“, sagte Schnieder der Deutschen Presse-Agentur.", "Schnieder"),  # addressee
    ("Köln (dpa) - Angesichts der anhaltenden Hitzewelle sagte die Stadt, man solle viel trinken.", "die Stadt"),
    ("Im Dezember hatte Bundeskanzlerin Angela Merkel in einer Rede verkündet: „Wir bewerben uns.“",
     "Bundeskanzlerin Angela Merkel"),  # "verkündet" is tagged as a finite verb: the auxiliary comes first
    ("Als ihm sein Haftbefehl eröffnet worden war sagte er: „Ich habe mein Land verteidigt.“", "er"),
    # HanTa tags the surnames as common nouns; the speaker reaches to the end of the name it links to
    ("„Wir streiken“, sagte GDL-Chef Mario Reiß.", "GDL-Chef Mario Reiß"),
    ("„Ich saß drei Stunden fest“, sagte Jens Dröge, der jeden Tag pendelt.", "Jens Dröge"),
])
def test_a_speaker_is_never_a_dateline_an_addressee_or_a_fragment_and_may_follow_its_verb(text, speaker):
    assert quotes_of(text)["speaker"].tolist() == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # a prepositional phrase after a noun belongs to the speaker, as the Wikinews data marks speakers
    ("Die Grenzen bleiben geschlossen, teilte die Regierung in Lomé mit.", "die Regierung in Lomé"),
    ("„Wir sind bereit“, sagte der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise.",
     "der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise"),
    # but not after a name, not a phrase of time, and not one with an article that says how
    ("Die Lage sei ernst, sagte Merkel in Berlin.", "Merkel"),
    ("Die Lage sei ernst, sagte der Minister am Montag.", "der Minister"),
    ("Er trete zurück, kündigte der Ministerpräsident in einer Fernsehansprache an.", "der Ministerpräsident"),
    # a genitive plural without an article, and a name in quotation marks after a noun of media
    ("Nach Angaben libanesischer Kreise wurde eine Person getötet.", "Angaben libanesischer Kreise"),
    ("Die Maschine sei verschollen, meldete die Agentur „Xinhua“.", "die Agentur „Xinhua“"),
    # a name in quotation marks inside the subject before the verb
    ("Ein Sprecher der „Deutschen Bahn“, Hans Müller, sagte, der Zug sei ausgefallen.",
     "Ein Sprecher der „Deutschen Bahn“, Hans Müller"),
    # a noun right after a noun: HanTa tags some surnames and names of things as common nouns
    ("„Die Schule ist angekommen“, sagte Kultusministerin Eisenmann.", "Kultusministerin Eisenmann"),
    # an extended attribute between the article and its noun
    ("Die Lage sei ernst, sagte der für die Region zuständige Koordinator.",
     "der für die Region zuständige Koordinator"),
])
def test_a_speaker_reaches_over_its_attributes_as_the_data_marks_them(text, speaker):
    assert quotes_of(text)["speaker"].tolist() == [speaker]


@pytest.mark.parametrize("text, expected", [
    ("Ein Erdbeben hat mindestens 65 Menschenleben gefordert. Dies bestätigte der Premierminister John Key.",
     ["indirect", "Ein Erdbeben hat mindestens 65 Menschenleben gefordert. Dies", "bestätigte",
      "der Premierminister John Key"]),  # not a speech act of the earthquake
    ("Die Wahl hat García gewonnen. Dies teilte der Vorsitzende der Wahlkommission, Magdalena Chu, mit.",
     ["indirect", "Die Wahl hat García gewonnen. Dies", "teilte",
      "der Vorsitzende der Wahlkommission, Magdalena Chu"]),  # nor one of the sentence that refers back
])
def test_dies_names_the_source_of_the_sentence_before_also_when_that_looked_like_a_speech_act(text, expected):
    assert quotes_of(text)[["type", "text", "cue", "speaker"]].values.tolist() == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Der Minister wies die Vorwürfe am Montag zurück.",
     ["reported", "Der Minister wies die Vorwürfe am Montag zurück.", "wies", "Der Minister"]),
    ("Die Gewerkschaft kündigte einen Streik an.",
     ["reported", "Die Gewerkschaft kündigte einen Streik an.", "kündigte", "Die Gewerkschaft"]),
    ("Der Arzt riet den Patienten, viel zu trinken.", ["indirect", "viel zu trinken", "riet", "Der Arzt"]),
    ("Nach einer norwegischen Studie ist Rauchen gefährlich.",
     ["reported", "ist Rauchen gefährlich", "Nach", "einer norwegischen Studie"]),
    ("Nach Angaben der Polizei wurden drei Menschen verletzt.",
     ["reported", "wurden drei Menschen verletzt", "Nach", "Angaben der Polizei"]),
    ("Wie die Polizei mitteilte, wurden drei Menschen verletzt.",
     ["indirect", "wurden drei Menschen verletzt", "mitteilte", "die Polizei"]),
    ("Wie Steve Marshall, Sprecher der UN-Büros, in Bangkok mitteilte, sind nur sechs Hubschrauber im Einsatz.",
     ["indirect", "sind nur sechs Hubschrauber im Einsatz", "mitteilte", "Steve Marshall, Sprecher der UN-Büros"]),
    ("Die Chemikalie stand unter Druck, wie Burt Rutan, Chef der Firma Scaled Composites, mitteilte.",
     ["indirect", "Die Chemikalie stand unter Druck", "mitteilte", "Burt Rutan, Chef der Firma Scaled Composites"]),
    ("In dem Bericht heißt es, die Lage sei ernst.", ["indirect", "die Lage sei ernst", "heißt", "dem Bericht"]),
    ("Aus Regierungskreisen hieß es, der Minister trete zurück.",
     ["indirect", "der Minister trete zurück", "hieß", "Regierungskreisen"]),
    ("In dem Bericht, der am Montag erschien, heißt es, die Lage sei ernst.",  # a relative clause between
     ["indirect", "die Lage sei ernst", "heißt", "dem Bericht"]),
    ("Der Trainer sagte zur Zeitung „Trouw“, das Spiel sei fair gewesen.",  # a quoted name in the frame
     ["indirect", "das Spiel sei fair gewesen", "sagte", "Der Trainer"]),
    ("Der Konzern plant eine Umwandlung. Dies geht aus einer Pressemitteilung des Konzerns hervor.",
     ["indirect", "Der Konzern plant eine Umwandlung. Dies", "geht", "einer Pressemitteilung des Konzerns"]),
    ("Im Mai wurde bekannt, dass die Sparte verkauft werden soll.",  # said, by nobody named
     ["indirect", "dass die Sparte verkauft werden soll", "wurde", None]),
    ("Der Minister hält es für möglich, dass die Steuer im Mai sinkt.",  # a verb of opinion with its "für"
     ["indirect", "dass die Steuer im Mai sinkt", "hält", "Der Minister"]),
])
def test_speech_acts_with_an_object_and_sources_of_reported_speech(text, expected):
    assert quotes_of(text)[["type", "text", "cue", "speaker"]].values.tolist() == [expected]


def test_a_verb_of_opinion_without_the_word_it_needs_is_no_cue():
    assert quotes_of("Die Ministerin hielt am Montag in Berlin eine Rede, dass die Steuer sinkt.").empty


def test_a_verb_of_opinion_in_konjunktiv_i_is_itself_reported_not_a_cue():
    table = quotes_of("Die Fraktion erklärte, sie nehme die Entscheidung zur Kenntnis. "
                      "Außerdem halte die Fraktion den Schritt für überfällig.")
    assert table[["text", "cue", "speaker", "carried_over"]].values.tolist() == [
        ["sie nehme die Entscheidung zur Kenntnis", "erklärte", "Die Fraktion", False],
        ["Außerdem halte die Fraktion den Schritt für überfällig.", None, "Die Fraktion", True]]


def test_a_speech_verb_after_the_expletive_es_is_no_cue():
    table = quotes_of("Künast sagte, es müsse nun Schluss sein. Es drohe „eine dramatische Erderwärmung“.")
    assert table[["type", "text", "cue", "speaker"]].values.tolist() == [
        ["indirect", "es müsse nun Schluss sein", "sagte", "Künast"],
        ["indirect", "Es drohe „eine dramatische Erderwärmung“.", None, "Künast"],
        ["partial", "„eine dramatische Erderwärmung“", None, "Künast"]]


def test_a_clause_that_ends_with_quoted_words_before_its_cue_is_indirect_with_the_quote_nested():
    table = quotes_of("Die Politik könne Bedingungen schaffen, „dass mehr Wachstum entsteht“, erklärte Thumann.")
    assert table[["text", "speaker", "nested"]].values.tolist() == [
        ["Die Politik könne Bedingungen schaffen, „dass mehr Wachstum entsteht“", "Thumann", False],
        ["„dass mehr Wachstum entsteht“", "Thumann", True],
    ]


@pytest.mark.parametrize("text, cue_words", [
    ("Die Polizei teilte am Montag mit, drei Menschen seien verletzt.", "teilte … mit"),  # the separated particle
    ("Die Polizei hat am Montag gesagt, drei Menschen seien verletzt.", "hat … gesagt"),  # the auxiliary
    ("Aus dem Ministerium hieß es, die Lage sei ernst.", "hieß es"),
    ("Wie der Minister am Montag erklärte, sei die Lage ernst.", "Wie … erklärte"),
    ("Die Polizei geht davon aus, dass die Täter fliehen wollten.", "geht davon aus"),
    ("Merkel äußerte sich besorgt: Die Lage sei ernst.", "äußerte sich"),
    ("Der Minister bezeichnete den Plan als „gefährlich“.", "bezeichnete … als"),
    ("Der Minister sagte dazu, die Lage sei ernst.", "sagte"),  # "dazu" is no correlate of sagen
    ("Im Kongress warb Obama für das Gesetz mit den Worten: „Wir müssen handeln.“", "warb … mit den Worten"),
    # a verb that is no speech verb of the lexicon, before a colon or a Konjunktiv I clause
    ("Solana zeigte sich zuversichtlich: „Ich gehe davon aus, dass es gelingt.“", "zeigte sich"),
    ("Die Vereinigung ist der Ansicht, dass das Gesetz zu Verlusten führe.", "ist der Ansicht"),
])
def test_a_cue_has_all_its_words_and_each_words_offsets(text, cue_words):
    table = quotes_of(text)
    assert table["cue_words"].tolist() == [cue_words]
    article = load_article(text, article_id="beispiel")
    offsets = cue_offsets(table["cue_spans"][0])
    assert " ".join(article.text[start:end] for start, end in offsets) == cue_words.replace(" … ", " ")
    assert (table["cue_start"][0], table["cue_end"][0]) in offsets  # the main word is one of them


@pytest.mark.parametrize("text, speaker", [
    # the subject of a clause whose second verb is the cue ("X erwartet … und gab bekannt, dass")
    ("Norbert Lammert erwartet eine rasche Entscheidung und gab bekannt, dass die Prüfung dauern werde.",
     "Norbert Lammert"),
    ("Lukas Podolski war ebenfalls anwesend und sagte, er freue sich über den Wechsel.", "Lukas Podolski"),
    # a nominative pronoun after the verb: the phrase before it is the object
    ("Nähere Einzelheiten gab er nicht bekannt, er verwies aber auf Verzögerungen.", "er"),
    ("Den Unmut der Partei brachte die Sprecherin zum Ausdruck: „Es gibt keinen Grund.“", "die Sprecherin"),
    ("Hubert Primus, der für die Studie verantwortlich ist, sagte, sie sei richtig.", "Hubert Primus"),
    ("Todor Kolarow, dessen Behörde dafür zuständig ist, sagte, das Geld sei beschlagnahmt.", "Todor Kolarow"),
    # the number of a subject is that of its first noun, not of a noun attached to it
    ("Die Hilfsorganisation Ärzte ohne Grenzen teilte mit, dass die Bewohner geflohen seien.",
     "Die Hilfsorganisation Ärzte ohne Grenzen"),
    ("Einer der beteiligten Feuerwehrmänner sagte: „Ich habe so etwas noch nie gesehen.“",
     "Einer der beteiligten Feuerwehrmänner"),  # a part of a group
    ("Bundesinnenminister Schäuble: „Wir können die Daten doch nicht vernichten.“",
     "Bundesinnenminister Schäuble"),  # a name and a colon, without a verb
    # a participle that the tagger takes for a finite verb ("zitiert") after its passive auxiliary
    ("Sergei Woznjak, Sprecher von Milinkewitsch, wird mit den Worten zitiert, er habe mit ihm gesprochen.",
     "Sergei Woznjak, Sprecher von Milinkewitsch"),
    # a plural before a singular verb is its object
    ("Die Steuerpläne stellte der Vorsitzende Franz Müntefering in Frage: „Das ist nicht machbar.“",
     "der Vorsitzende Franz Müntefering"),
    ("Die Ministerin Beate Merk wies dies als „Unverschämtheit“ zurück.", "Die Ministerin Beate Merk"),  # Merk: VVIMP
    # Konjunktiv I with no speaker named shortly before: the named subject of the sentence before
    ("Staatspräsident Georgi Parwanow ist besorgt. Der Konflikt sei nicht ethnisch motiviert.",
     "Staatspräsident Georgi Parwanow"),
])
def test_the_subject_that_speaks_in_coordinated_fronted_and_relative_clauses(text, speaker):
    assert quotes_of(text)["speaker"].tolist()[:1] == [speaker]


def test_a_konjunktiv_i_sentence_far_from_any_speaker_is_reported_speech_without_a_speaker():
    table = quotes_of("Der Sturm zog weiter. Die Feuerwehr rückte aus. Die Straßen waren gesperrt. "
                      "Besonders der Westen sei betroffen. Viele Keller seien überflutet.")
    assert table[["type", "text", "speaker", "carried_over"]].values.tolist() == [
        ["indirect", "Besonders der Westen sei betroffen. Viele Keller seien überflutet.", None, False]
    ]


def test_konjunktiv_ii_alone_far_from_any_speaker_is_the_journalists_hypothesis_not_a_quotation():
    assert quotes_of("Forscher fanden in Kolumbien Knochen einer Schlange. "
                     "Damit wäre Titanoboa die größte Schlangenart.").empty


def test_a_partial_quote_in_the_journalists_sentence_after_a_quote_is_not_carried_over():
    table = quotes_of("„Wir bleiben dabei“, sagte Stoiber. Die CSU sieht darin eine „große historische Chance“.")
    assert table[["type", "speaker", "carried_over"]].values.tolist() == [
        ["direct", "Stoiber", False], ["partial", None, False],
    ]


def test_konjunktiv_i_after_a_colon_is_said_by_the_subject_before_it_not_by_the_speaker_before():
    table = quotes_of("Cook sagte, man sei bereit. Erdoğan nutzte das Treffen, um an seine Position zu erinnern: "
                      "Ohne einen Abgang Assads werde es keinen Frieden geben.")
    assert table[["text", "speaker", "carried_over"]].values.tolist() == [
        ["man sei bereit", "Cook", False],
        ["Ohne einen Abgang Assads werde es keinen Frieden geben", "Erdoğan", False],
    ]


def test_a_pronoun_speaker_is_the_person_who_spoke_before():
    table = quotes_of("Peter Cook sagte, man sei bereit. Er betonte, die Gespräche würden weitergehen.")
    assert table[["speaker", "speaker_actor", "speaker_kind"]].values.tolist() == [
        ["Peter Cook", "Peter Cook", "actor"],
        ["Er", "Peter Cook", "actor"],
    ]


def test_a_pronoun_speaker_agrees_in_gender_with_the_person_it_refers_to():
    table = quotes_of("Peter Cook sagte, man sei bereit. Die Ministerin Anja Brenner traf Cook am Montag. "
                      "Sie betonte, die Gespräche würden weitergehen. Er sagte, das sei gut.")
    assert table["speaker_actor"].tolist() == ["Peter Cook", "Anja Brenner", "Peter Cook"]


def test_the_sex_of_a_person_named_by_the_surname_alone_comes_from_the_catalogs_whole_name():
    table = quotes_of("Putin traf Merkel in Berlin. Sie sagte, die Gespräche seien gut gewesen.")
    assert table["speaker_actor"].tolist() == ["Angela Merkel"]


def test_a_pronoun_speaker_is_the_person_named_in_the_sentence_before_not_an_earlier_speaker():
    table = quotes_of("Peter Cook sagte, man sei bereit. Auch der Minister Klaus Weber äußerte sich. "
                      "Er sagte, die Gespräche würden weitergehen.")
    assert table["speaker_actor"].tolist() == ["Peter Cook", "Klaus Weber"]


def test_a_singular_sie_may_be_an_organisation_named_with_die():
    table = quotes_of("Die Gewerkschaft Verdi kritisierte den Plan. Sie forderte, die Löhne müssten steigen.")
    assert table.loc[table["speaker"] == "Sie", "speaker_actor"].tolist() == ["Verdi"]


def test_a_plural_pronoun_speaker_is_never_one_person():
    table = quotes_of("Peter Cook sagte, man sei bereit. Die Demonstranten zogen zum Rathaus. "
                      "Sie forderten, die Regierung müsse zurücktreten.")
    assert table["speaker"].tolist() == ["Peter Cook", "Sie"]
    assert table["speaker_actor"].tolist()[1] is None


def test_a_speaker_is_the_organisation_not_the_state_adjective_before_it():
    table = quotes_of("Die chinesische Nachrichtenagentur Xinhua meldete, es gebe viele Tote.")
    assert table[["speaker_actor", "speaker_affiliation"]].values.tolist() == [["Xinhua", "China"]]


def test_nested_quotes_stay_inside_the_outer_quote():
    assert quotation_spans("Er sagte: „Sie rief ‚Halt‘ und lief.“ Dann") == [(10, 37)]


def test_one_or_two_words_in_quotation_marks_without_a_speaker_are_scare_quotes():
    assert quotes_of('Die sogenannte "Reform" kam spät. Das Gesetz gilt ab Mai.').empty


def test_an_unclosed_quote_is_reported_and_the_rest_of_the_article_is_still_read():
    text = "Er sagte: „Wir kommen bald.\n\n„Das ist gut“, sagte die Ministerin."
    with pytest.warns(BlickwinkelWarning, match="^beispiel: quotation mark „ at offset 10 is not closed"):
        table = quotes_of(text)
    assert table[["text", "speaker"]].values.tolist() == [["„Das ist gut“", "die Ministerin"]]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(['„', '“', '"', '»', '«', '‚', '‘', 'Wort ', ' ', 'sagte ', ', ', '. ']),
                max_size=40))
def test_random_quotation_marks_never_crash_and_quotes_never_overlap(pieces):
    text = "".join(pieces)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BlickwinkelWarning)
        spans = quotation_spans(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(first[1] <= second[0] for first, second in zip(spans, spans[1:]))


def test_who_speaks_counts_quotes_and_words_per_speaker_and_affiliation(seed):
    _, table = seed
    speakers = who_speaks(table).set_index("speaker")
    # six quotations of Cook, one of them "kontraproduktiv" nested in his indirect quote: counted once
    assert speakers.loc["Peter Cook", "quotes"] == 5
    assert speakers.loc["Peter Cook", "direct"] == 3
    assert speakers.index[0] == "Peter Cook"
    affiliations = who_speaks(table, by="affiliation").set_index("affiliation")
    assert affiliations.loc["Pentagon", "quotes"] == 5
    states = who_speaks(table, by="top_affiliation").set_index("top_affiliation")
    assert states.loc["USA", "quotes"] == 5  # Cook -> Pentagon -> USA
    assert states.loc["Russland", "quotes"] == 3  # Peskow, Putin, "nach Kreml-Angaben"


def test_who_speaks_counts_a_quote_nested_in_another_once():
    table = quotes_of("Cook sagte, man komme „sehr bald“ und bleibe.")
    assert table[["type", "nested"]].values.tolist() == [["indirect", False], ["partial", True]]
    assert who_speaks(table)[["quotes", "quoted_words"]].values.tolist() == [[1, 6]]  # "sehr bald" is inside


def test_a_dass_clause_all_in_quotation_marks_is_an_indirect_quote_with_a_nested_direct_one():
    table = quotes_of("Der Minister sagte, dass „wir morgen alle nach Hause kommen werden“.")
    assert table[["type", "text", "speaker", "nested"]].values.tolist() == [
        ["indirect", "dass „wir morgen alle nach Hause kommen werden“", "Der Minister", False],
        ["partial", "„wir morgen alle nach Hause kommen werden“", "Der Minister", True],
    ]


def test_who_speaks_on_a_corpus_table_never_counts_a_quote_as_inside_one_of_another_article():
    text = "„Wir kommen morgen“, sagte Cook."
    table = pd.concat([analyze(load_article(text, article_id=article_id)).quotes for article_id in ["eins", "zwei"]],
                      ignore_index=True)
    assert who_speaks(table)[["quotes", "quoted_words"]].values.tolist() == [[2, 6]]


def test_quote_spans_give_quotes_cues_and_speakers_for_highlighting(seed):
    _, table = seed
    spans = quote_spans(table)
    assert set(spans["label"]) == {"Zitat", "Redeeinleitung", "Sprecher"}
    assert (spans["label"] == "Zitat").sum() == len(table)


def test_the_quotes_command_prints_one_csv_row_per_quotation(capsys):
    from helpers.cli import main

    assert main(["quotes", str(SEED), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("article_id,quote_id,type,start,end,text,cue")
    assert len(lines) - 1 == len(analyze(SEED).quotes)


def test_the_evaluate_quotes_command_prints_the_score_table(capsys):
    from helpers.cli import main
    from helpers.evaluation.quotes import DATA_DIR

    if not DATA_DIR.is_dir():
        pytest.skip(f"the Wikinews quotation data is not at {DATA_DIR}")
    assert main(["evaluate-quotes", "--split", "dev", "--limit", "3"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.strip().splitlines()]
    assert rows[0] == ["scope", "role", "precision", "recall", "f1", "overlap", "predicted", "gold"]
    assert [row[:2] for row in rows[1:5]] == [["all", "quote"], ["all", "cue"], ["all", "speaker"], ["all", "joint"]]


def test_the_sentences_find_quotes_skips_hold_nothing_a_rule_would_find(monkeypatch):
    """`ArticleWords.may_quote` lets `find_quotes` skip the sentences without a quotation mark, cue candidate,
    Konjunktiv I or hearsay modal: read them all, and the quotations are the same (a new rule that starts from
    another word must add it to `may_quote`)."""
    from helpers.quotes import finder

    folder = Path(__file__).resolve().parent / "articles"
    wikinews = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-quotes" / "train"
    paths = [SEED, *sorted(folder.glob("*.txt")), *sorted(wikinews.glob("*.json"))[:60]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = [load_article(path) for path in paths]
        skipping = [analyze(article).quotes for article in articles]
        monkeypatch.setattr(finder.ArticleWords, "may_quote", lambda self, sentence: True)
        reading_all = [analyze(article).quotes for article in articles]
    assert sum(len(table) for table in skipping) > 100
    for article, skipped, read in zip(articles, skipping, reading_all):
        pd.testing.assert_frame_equal(skipped, read, obj=article.id)
