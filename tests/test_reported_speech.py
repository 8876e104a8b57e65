import pytest

from helpers import analyze, load_article


def quotes_of(text):
    return analyze(load_article(text, article_id="beispiel")).quotes


@pytest.mark.parametrize("text, expected", [
    ("Edward Snowden hat weitere Enthüllungen angekündigt.",  # the participle of the main clause's auxiliary
     ["reported", "Edward Snowden hat weitere Enthüllungen angekündigt.", "angekündigt", "Edward Snowden"]),
    ("Lars Schauer, Manager von Energie Cottbus, bezeichnete die Entscheidung als verantwortungsbewusst.",
     ["reported", "Lars Schauer, Manager von Energie Cottbus, bezeichnete die Entscheidung als verantwortungsbewusst.",
      "bezeichnete", "Lars Schauer, Manager von Energie Cottbus"]),  # commas of an apposition, not a clause
])
def test_a_sentence_whose_main_verb_is_a_speech_act_is_reported_speech(text, expected):
    assert quotes_of(text)[["type", "text", "cue", "speaker"]].values.tolist() == [expected]


@pytest.mark.parametrize("text", [
    "Auch ein Korrespondent konnte mit den Entführten sprechen.",  # a modal: talking, not an utterance
    "Bislang sind mindestens zwölf Todesopfer zu beklagen.",
    "Die Opposition kritisierte den Plan.",  # kritisieren is a cue, but its sentences are not reported speech
    "Es gab auch Kritik an dem Minister aus dem Regierungslager.",  # "an" is no particle of "angeben" here
])
def test_no_speech_act_without_a_reporting_main_verb(text):
    assert quotes_of(text).empty


def test_hearsay_with_soll_continues_the_speaker_before():
    table = quotes_of("Die Polizei sagte, der Mann sei festgenommen worden. Er soll das Geld genommen haben.")
    assert table[["type", "text", "speaker", "carried_over"]].values.tolist() == [
        ["indirect", "der Mann sei festgenommen worden", "Die Polizei", False],
        ["reported", "Er soll das Geld genommen haben.", "Die Polizei", True],
    ]


def test_hearsay_sentences_in_a_row_are_one_quotation():
    table = quotes_of("Der Staatsanwalt sagte, der Fall sei klar. Der Mann soll geflohen sein. "
                      "Er soll die Grenze am Montag überquert haben.")
    assert table[["type", "text", "speaker"]].values.tolist()[1:] == [
        ["reported", "Der Mann soll geflohen sein. Er soll die Grenze am Montag überquert haben.",
         "Der Staatsanwalt"],
    ]


def test_hearsay_far_from_a_named_speaker_is_no_quotation():
    assert quotes_of("Die Brücke soll im Mai eröffnet werden.").empty


def test_hearsay_does_not_continue_an_anonymous_source():
    table = quotes_of("Nach Angaben von Diplomaten wurde die Option diskutiert. "
                      "Letztendlich soll sich das Lager durchgesetzt haben.")
    assert table[["type", "text", "speaker"]].values.tolist() == [
        ["reported", "wurde die Option diskutiert", "Angaben von Diplomaten"],
    ]


def test_a_phrase_in_the_accusative_before_the_verb_is_not_the_speaker():
    table = quotes_of("Den Schaden schätzt die Polizei auf 250.000 Euro.")
    assert table["speaker"].tolist() == ["die Polizei"]


def test_a_condition_with_sollte_is_no_hearsay():
    table = quotes_of("Der Anwalt sagte, die Seite sei gesperrt. "
                      "Sollte der Antrag angenommen werden, könnte die Seite wieder online gehen.")
    assert table["text"].tolist() == ["die Seite sei gesperrt"]


def test_hearsay_right_after_a_quotation_without_a_speaker_is_reported_speech_without_one():
    table = quotes_of("Der Sturm zog weiter. Die Straßen waren gesperrt. Die Männer werden beschuldigt, das Haus "
                      "angezündet zu haben. Ein vierter Mann soll ihnen geholfen haben.")
    assert table[["type", "text", "speaker"]].values.tolist() == [
        ["indirect", "das Haus angezündet zu haben", None],
        ["reported", "Ein vierter Mann soll ihnen geholfen haben.", None],
    ]


def test_hearsay_takes_the_speaker_of_the_quotation_before_not_of_a_cue_without_one():
    table = quotes_of("Die Opposition kritisierte den Plan. Er soll Milliarden kosten.")
    assert table[["type", "text", "speaker"]].values.tolist() == [
        ["reported", "Er soll Milliarden kosten.", None],
    ]


def test_a_speech_act_in_the_passive_is_said_by_its_agent():
    table = quotes_of("Der Schaden wurde von der Polizei auf eine Million beziffert.")
    assert table[["type", "text", "speaker"]].values.tolist() == [
        ["reported", "Der Schaden wurde von der Polizei auf eine Million beziffert.", "der Polizei"],
    ]
