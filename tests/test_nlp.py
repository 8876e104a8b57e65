import pickle
from pathlib import Path

import pytest
import spacy
from HanTa.HanoverTagger import HanoverTagger

from helpers.article import load_article
from helpers import tagger
from helpers.errors import BlickwinkelWarning, PipelineError
from helpers.nlp import load_pipeline, parse, parse_many, remembered
from helpers.tagger import (
    analyses_version,
    analysis,
    clear_word_caches,
    hanta,
    hanta_word,
    save_word_analyses,
    sentence_tagger,
    stts_tag,
    tag_numbers,
    upos_tag,
    word_analyses,
    word_cache_path,
)

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "dpa_frankreich_russland_is.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(actors=False)


@pytest.fixture(scope="module")
def article():
    return load_article(ARTICLE)


@pytest.fixture(scope="module")
def original():
    """HanTa's own tagger, uncompiled."""
    return HanoverTagger("morphmodel_ger.pgz")


def tagged(nlp, text):
    return {token.text: (token.tag_, token.pos_, token.lemma_) for token in nlp(text)}


def test_names_verbs_and_lemmas_get_stts_tags(nlp):
    tokens = tagged(nlp, "Kreml-Chef Wladimir Putin sagte, Russlands Armee sei bereit.")
    assert tokens["Putin"] == ("NE", "PROPN", "Putin")
    assert tokens["Russlands"] == ("NE", "PROPN", "Russland")
    assert tokens["sagte"] == ("VVFIN", "VERB", "sagen")
    assert tokens["sei"] == ("VAFIN", "AUX", "sein")
    assert tokens[","] == ("$,", "PUNCT", ",")


def test_hyphenated_compounds_stay_one_token_and_keep_their_spelling(nlp):
    tokens = tagged(nlp, "Die US-geführte Koalition bombardiert die IS-Hochburg nach Kreml-Angaben.")
    assert tokens["US-geführte"] == ("ADJA", "ADJ", "US-geführt")
    assert tokens["IS-Hochburg"] == ("NN", "NOUN", "IS-Hochburg")
    assert tokens["Kreml-Angaben"] == ("NN", "NOUN", "Kreml-Angabe")


def test_typographic_quotes_are_punctuation(nlp):
    tokens = tagged(nlp, "Er nannte das „kontraproduktiv“.")
    assert tokens["„"] == ("$(", "PUNCT", "„")
    assert tokens["“"] == ("$(", "PUNCT", "“")


def test_overlong_tokens_are_tagged_from_their_context_and_kept_as_lemma(nlp):
    code = "x" * 5000
    doc = nlp(f"Der Code {code} ist lang.")
    assert (doc[2].tag_, doc[2].lemma_) == ("NE", code)


def test_whitespace_tokens_are_space_and_do_not_start_sentences(nlp):
    doc = nlp("Putin kam.\n\nHollande ging.")
    assert [token.text for token in doc] == ["Putin", "kam", ".", "\n\n", "Hollande", "ging", "."]
    assert (doc[3].tag_, doc[3].pos_) == ("_SP", "SPACE")
    assert [sentence.text for sentence in doc.sents] == ["Putin kam.\n\n", "Hollande ging."]


def test_hanta_tags_translate_to_stts_and_universal_pos():
    assert stts_tag("VV(FIN)") == "VVFIN"
    assert stts_tag("ADJ(A)") == "ADJA"
    assert stts_tag("NNA") == "NN"
    assert upos_tag("NE") == "PROPN"
    assert upos_tag("VMFIN") == "AUX"


def sentence_offsets(doc):
    """(start, end) of each sentence of a Doc, without the whitespace tokens that end it."""
    offsets = []
    for sentence in doc.sents:
        words = [token for token in sentence if not token.is_space]
        offsets.append((words[0].idx, words[-1].idx + len(words[-1])))
    return offsets


def test_sentences_of_the_text_match_the_article(nlp, article):
    expected = [(sentence.start, sentence.end) for sentence in article.sentences]
    assert sentence_offsets(nlp(article.text)) == expected
    assert sentence_offsets(parse(article, nlp)) == expected


def test_fast_tagger_agrees_with_hanta_tag_sent(nlp, article, original):
    doc = parse(article, nlp)  # all sentences of the Doc in one search
    for sentence in doc.sents:
        tokens = [token for token in sentence if not token.is_space]
        words = [hanta_word(token.text) for token in tokens]
        expected = original.tag_sent(words, taglevel=0)
        assert [original.int2tag[tag] for tag in tag_numbers(words)] == expected
        assert [token.tag_ for token in tokens] == [stts_tag(tag) for tag in expected]


# Known words, compounds, a hyphen, unknown ones (guessed from suffixes), short ones (other rules for guessing).
@pytest.mark.parametrize("word", ["sagte", "russlands", "bundesregierung", "kreml-angaben", "zwangsehe", "xqzt",
                                  "ab", "ä", "covid-19-pandemie"])
def test_the_compiled_word_analyses_are_hantas_to_the_last_bit(original, word):
    tags = original.analyze_forward(word)
    assert hanta().analyze_forward(word) == tags  # the same tags, with the same floats
    for tag, _ in tags:
        assert hanta().analyze_viterbi(word, -tag) == original.analyze_viterbi(word, -tag)  # the same morphemes


def test_sentences_tagged_together_get_the_tags_they_get_alone():
    sentences = [["Putin", "kam", "."], ["Dann", "sagte", "er", "nichts", "."], ["Kam", "er", "?"]]
    tagger = sentence_tagger()
    words = [tagger.form_number(word) for sentence in sentences for word in sentence]
    together = tagger.tag(words, sentence_starts=[0, 3, 8]).tolist()
    assert together == [tag for sentence in sentences for tag in tag_numbers(sentence)]


def test_parse_keeps_the_text_and_is_shared(nlp, article):
    doc = parse(article, nlp)
    assert doc.text == article.text
    assert doc.user_data["article_id"] == article.id
    assert parse(article, nlp) is doc


def test_a_remembered_result_is_built_once_and_shared(nlp, article):
    built = []

    def build():
        built.append("columns")
        return {"actor": ["Putin", "Merkel"], "start": [0, 10]}

    first = remembered(article, ("example",), build, nlp)
    assert remembered(article, ("example",), build, nlp) is first
    assert remembered(article, ("other",), build, nlp) is not first
    assert built == ["columns", "columns"]


def test_parse_many_streams_articles_in_order(nlp):
    articles = (load_article(text, article_id=f"a{number}") for number, text in enumerate(
        ["Merkel sprach in Berlin.", "Hollande reiste nach Moskau."]))
    parsed = parse_many(articles, nlp, batch_size=1)
    first_article, first_doc = next(parsed)
    assert (first_article.id, first_doc.text) == ("a0", "Merkel sprach in Berlin.")
    assert [(article.id, doc.user_data["article_id"]) for article, doc in parsed] == [("a1", "a1")]
    assert parse(first_article, nlp) is first_doc


def test_a_trained_pipeline_given_by_path_keeps_its_tags(tmp_path):
    trained = spacy.blank("de")
    trained.add_pipe("attribute_ruler").add([[{"ORTH": "Putin"}]], {"TAG": "NE", "POS": "PROPN"})
    trained.to_disk(tmp_path / "tiny_de")
    nlp = load_pipeline(base=tmp_path / "tiny_de", actors=False)
    assert nlp.pipe_names == ["blickwinkel_sentences", "attribute_ruler"]
    doc = nlp("Putin kam. Dann ging er.")
    assert doc[0].tag_ == "NE"
    assert [sentence.text for sentence in doc.sents] == ["Putin kam.", "Dann ging er."]
    assert load_pipeline(base=tmp_path / "tiny_de", actors=False) is nlp


def test_an_unknown_trained_pipeline_says_how_to_install_it():
    with pytest.raises(PipelineError, match="spacy download"):
        load_pipeline(base="de_core_news_nonexistent", actors=False)


# ---------------------------------------------------------------------------------------------------------
# Word analyses stored on disk

WORDS = ["Kreml-Chef", "Putin", "sagte", ",", "Russlands", "Armee", "sei", "bereit", "."]


@pytest.fixture
def stored(monkeypatch, tmp_path):
    """An empty cache folder, and a tagger that starts as in a new process."""
    monkeypatch.setenv("BLICKWINKEL_CACHE_DIR", str(tmp_path))
    clear_word_caches()
    yield tmp_path / "hanta_words.pickle"
    clear_word_caches()


def analysed(words):
    return [analysis(word, tag) for word, tag in zip(words, tag_numbers(words))]


def test_a_new_process_reads_the_stored_analyses_instead_of_asking_hanta(stored, monkeypatch):
    expected = analysed(WORDS)
    save_word_analyses()
    clear_word_caches()

    def analyse_again(*args, **kwargs):
        raise AssertionError(f"HanTa analysed {args[0]!r} again")

    monkeypatch.setattr(hanta(), "_tag_word", analyse_again)
    monkeypatch.setattr(hanta(), "_analyze", analyse_again)
    assert analysed(WORDS) == expected
    assert expected[2] == ("VVFIN", "VERB", "sagen")


def test_the_pipeline_analyses_words_again_after_the_word_caches_are_cleared(nlp, stored, monkeypatch):
    nlp("Putin kam.")
    clear_word_caches()
    asked = []
    analyse = hanta().tag_words
    monkeypatch.setattr(hanta(), "tag_words", lambda words, *flags, **options: asked.extend(words) or analyse(
        words, *flags, **options))
    assert nlp("Putin kam.")[0].tag_ == "NE"
    assert sorted(asked) == [".", "Putin", "kam"]


def test_the_cache_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BLICKWINKEL_CACHE_DIR", str(tmp_path / "mine"))
    assert word_cache_path() == tmp_path / "mine" / "hanta_words.pickle"
    monkeypatch.delenv("BLICKWINKEL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert word_cache_path() == tmp_path / "xdg" / "blickwinkel" / "hanta_words.pickle"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert word_cache_path() == tmp_path / "home" / ".cache" / "blickwinkel" / "hanta_words.pickle"


def test_an_empty_cache_folder_setting_stores_nothing(stored, monkeypatch):
    monkeypatch.setenv("BLICKWINKEL_CACHE_DIR", "")
    clear_word_caches()
    assert word_cache_path() is None
    assert analysed(WORDS)[1] == ("NE", "PROPN", "Putin")
    save_word_analyses()
    assert list(stored.parent.iterdir()) == []


def test_only_the_most_recently_used_analyses_are_kept(stored, monkeypatch):
    monkeypatch.setattr(tagger, "WORD_CACHE_SIZE", 3)
    analysed(["Putin", "kam", "."])
    analysed(["Merkel", "ging", "."])
    save_word_analyses()
    clear_word_caches()
    assert sorted(word for word, _ in word_analyses().earlier["candidates"]) == [".", "Merkel", "ging"]


def test_processes_that_save_one_after_the_other_keep_each_others_words(stored):
    analysed(["Putin", "kam", "."])
    first_process = word_analyses()
    clear_word_caches()
    analysed(["Merkel", "ging", "."])
    save_word_analyses()
    first_process.save()
    clear_word_caches()
    assert {word for word, _ in word_analyses().earlier["candidates"]} == {"Putin", "kam", "Merkel", "ging", "."}


def test_a_few_new_words_do_not_rewrite_a_large_file(stored):
    analysed([f"Wort{number}" for number in range(1000)])
    save_word_analyses()
    written = stored.read_bytes()
    clear_word_caches()
    analysed(WORDS)  # 9 forms are less than 1% of the 1,000 stored
    save_word_analyses()
    assert stored.read_bytes() == written


def store_lemma_of_sagte(path, lemma, version):
    """A cache file of the given version that gives 'sagte' (as VVFIN) another lemma; read as by a new process."""
    content = {"version": version, "candidates": {}, "lemmas": {("sagte", tag_numbers(WORDS)[2]): lemma}}
    path.write_bytes(pickle.dumps(content, protocol=5))
    clear_word_caches()


def test_analyses_stored_by_another_version_are_not_used(stored):
    store_lemma_of_sagte(stored, "behaupten", analyses_version())
    assert analysed(WORDS)[2] == ("VVFIN", "VERB", "behaupten")  # a file of this version is trusted
    store_lemma_of_sagte(stored, "behaupten", "another HanTa or tag table")
    assert analysed(WORDS)[2] == ("VVFIN", "VERB", "sagen")


@pytest.mark.parametrize("content", [
    b"not a pickle",
    pickle.dumps({"version": "x"}, protocol=5)[:-3],
    pickle.dumps(Path("runs/code/when/unpickled")),
], ids=["not a pickle", "cut off while being written", "names a class, not plain data"])
def test_a_damaged_cache_file_is_ignored_with_a_warning_and_replaced(stored, content):
    stored.write_bytes(content)
    with pytest.warns(BlickwinkelWarning, match="damaged"):
        assert analysed(WORDS)[2] == ("VVFIN", "VERB", "sagen")
    save_word_analyses()
    clear_word_caches()
    assert len(word_analyses().earlier["candidates"]) == len(set(WORDS))
