"""The HanTa component: tags and lemmas, the fast tagger's identity with HanTa, its fallback, the stored analyses."""

import pickle
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import spacy
from HanTa.HanoverTagger import HanoverTagger

from helpers.article import load_article
from helpers.errors import BlickwinkelWarning
from helpers.pipeline import article_doc, load_pipeline, word_analyses as store
from helpers.pipeline import hanta
from helpers.pipeline.hanta import (
    HantaFallbackTagger,
    HantaTagger,
    analysis,
    fast_tagger,
    fast_tagger_verified,
    hanta_word,
    sentence_tagger,
    stts_tag,
    surface_spelling,
    tag_numbers,
    upos_tag,
)
from helpers.pipeline.word_analyses import (
    analyses_version,
    clear_word_caches,
    save_word_analyses,
    word_analyses,
    word_cache_path,
)

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "data" / "dpa_frankreich_russland_is.txt"
HANTA_FAST = ROOT / "src" / "helpers" / "pipeline" / "hanta_fast"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(analyses=False)


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


def test_a_lemma_keeps_the_spelling_of_the_text_where_they_agree():
    assert surface_spelling("Kreml-Angaben", "Kreml-angabe") == "Kreml-Angabe"
    assert surface_spelling("IS", "Is") == "IS"
    assert surface_spelling("US-geführte", "us-geführt") == "US-geführt"
    assert surface_spelling("sagte", "sagen") == "sagen"


def test_typographic_quotes_are_punctuation(nlp):
    tokens = tagged(nlp, "Er nannte das „kontraproduktiv“.")
    assert tokens["„"] == ("$(", "PUNCT", "„")
    assert tokens["“"] == ("$(", "PUNCT", "“")
    assert [hanta_word(mark) for mark in "„“»«‚‘"] == ['"'] * 6


def test_overlong_tokens_are_tagged_from_their_context_and_kept_as_lemma(nlp):
    code = "x" * 5000
    doc = nlp(f"Der Code {code} ist lang.")
    assert (doc[2].tag_, doc[2].lemma_) == ("NE", code)


def test_whitespace_tokens_are_space_and_do_not_start_sentences(nlp):
    doc = nlp("Putin kam.\n\nHollande ging.")
    assert [token.text for token in doc] == ["Putin", "kam", ".", "\n\n", "Hollande", "ging", "."]
    assert (doc[3].tag_, doc[3].pos_, doc[3].lemma_) == ("_SP", "SPACE", "\n\n")
    assert [sentence.text for sentence in doc.sents] == ["Putin kam.\n\n", "Hollande ging."]


def test_hanta_tags_translate_to_stts_and_universal_pos():
    assert stts_tag("VV(FIN)") == "VVFIN"
    assert stts_tag("ADJ(A)") == "ADJA"
    assert stts_tag("NNA") == "NN"
    assert upos_tag("NE") == "PROPN"
    assert upos_tag("VMFIN") == "AUX"


def test_every_tag_of_hantas_model_has_an_stts_tag():
    assert {"NE", "VV(FIN)", "$."} <= fast_tagger().pos_tags()
    assert all(upos_tag(stts_tag(tag)) for tag in fast_tagger().pos_tags())


# ---------------------------------------------------------------------------------------------------------
# The fast tagger gives HanTa's results


def test_the_component_is_the_fast_tagger_with_the_verified_hanta(nlp):
    assert fast_tagger_verified()
    assert isinstance(nlp.get_pipe("blickwinkel_hanta"), HantaTagger)


def test_fast_tagger_agrees_with_hanta_tag_sent(nlp, article, original):
    doc = nlp(article_doc(nlp, article))  # all sentences of the Doc in one search
    for sentence in doc.sents:
        tokens = [token for token in sentence if not token.is_space]
        words = [hanta_word(token.text) for token in tokens]
        expected = original.tag_sent(words, taglevel=1)
        assert [fast_tagger().tag_name(tag) for tag in tag_numbers(words)] == [tag for _, _, tag in expected]
        assert [token.tag_ for token in tokens] == [stts_tag(tag) for _, _, tag in expected]
        assert [token.lemma_ for token in tokens] == [
            token.text if token.text != word else surface_spelling(token.text, lemma)
            for token, (word, lemma, _) in zip(tokens, expected)
        ]


# Known words, compounds, a hyphen, unknown ones (guessed from suffixes), short ones (other rules for guessing).
@pytest.mark.parametrize("word", ["sagte", "russlands", "bundesregierung", "kreml-angaben", "zwangsehe", "xqzt",
                                  "ab", "ä", "covid-19-pandemie"])
def test_the_compiled_word_analyses_are_hantas_to_the_last_bit(original, word):
    tags = original.analyze_forward(word)
    assert fast_tagger().analyze_forward(word) == tags  # the same tags, with the same floats
    for tag, _ in tags:
        assert fast_tagger().analyze_viterbi(word, -tag) == original.analyze_viterbi(word, -tag)  # same morphemes
        assert fast_tagger()._analyze(word, tag) == original._analyze(word, tag)  # the same lemma
    for case_sensitive in (True, False):
        assert fast_tagger()._tag_word(word, 5, case_sensitive, True) == original._tag_word(word, 5, case_sensitive,
                                                                                             True)


def test_sentences_tagged_together_get_the_tags_they_get_alone():
    sentences = [["Putin", "kam", "."], ["Dann", "sagte", "er", "nichts", "."], ["Kam", "er", "?"]]
    tagger = sentence_tagger()
    words = [tagger.form_number(word) for sentence in sentences for word in sentence]
    together = tagger.tag(words, sentence_starts=[0, 3, 8]).tolist()
    assert together == [tag for sentence in sentences for tag in tag_numbers(sentence)]


def test_every_file_of_the_fast_tagger_says_it_is_lgpl():
    for path in HANTA_FAST.glob("*.py"):
        assert path.read_text().startswith("# SPDX-License-Identifier: LGPL-3.0-or-later\n"), path.name


def test_importing_the_component_loads_neither_hanta_nor_numba():
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, helpers.pipeline.hanta; print(sorted({'HanTa', 'numba', "
         "'helpers.pipeline.hanta_fast.model'} & set(sys.modules)))"],
        capture_output=True, text=True, check=True,
    )
    assert imported.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------------------
# Another HanTa version: HanTa's own tag_sent, with a warning

@pytest.fixture
def unverified_hanta(monkeypatch):
    """HanTa 1.1.0 seems installed; the version is checked anew (and checked anew after the test)."""
    monkeypatch.setattr(hanta, "version", lambda name: "1.1.0")
    fast_tagger_verified.cache_clear()
    yield
    fast_tagger_verified.cache_clear()


def tags_only(hanta_component):
    nlp = spacy.blank("de")
    nlp.add_pipe("blickwinkel_article")
    nlp.add_pipe(hanta_component)
    return nlp


def test_another_hanta_version_warns_once_and_falls_back_to_hantas_own_tagger(unverified_hanta):
    with pytest.warns(BlickwinkelWarning, match=r"HanTa 1\.1\.0 is installed.*pip install HanTa==1\.2\.1"):
        nlp = tags_only("blickwinkel_hanta")
    assert isinstance(nlp.get_pipe("blickwinkel_hanta"), HantaFallbackTagger)
    with warnings.catch_warnings():
        warnings.simplefilter("error", BlickwinkelWarning)
        tags_only("blickwinkel_hanta")  # the second pipeline of the process does not warn again
    assert tagged(nlp, "Putin sagte, Russlands Armee sei bereit.")["Russlands"] == ("NE", "PROPN", "Russland")


@pytest.mark.filterwarnings("ignore::helpers.errors.BlickwinkelWarning")
def test_the_fallback_gives_the_fast_taggers_tags_and_lemmas(nlp, article, unverified_hanta):
    fallback = tags_only("blickwinkel_hanta")
    texts = [
        "Kreml-Chef Wladimir Putin sagte, Russlands Armee sei bereit.",
        "Die US-geführte Koalition bombardiert die IS-Hochburg nach Kreml-Angaben.",
        "Er nannte das „kontraproduktiv“.\n\nHollande ging.",
        article.text,
    ]
    for text in texts:
        fast = [(token.tag_, token.pos_, token.lemma_) for token in nlp(text)]
        assert [(token.tag_, token.pos_, token.lemma_) for token in fallback(text)] == fast


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

    monkeypatch.setattr(fast_tagger(), "tag_words", analyse_again)
    monkeypatch.setattr(fast_tagger(), "lemma", analyse_again)
    assert analysed(WORDS) == expected
    assert expected[2] == ("VVFIN", "VERB", "sagen")


def test_the_pipeline_analyses_words_again_after_the_word_caches_are_cleared(nlp, stored, monkeypatch):
    nlp("Putin kam.")
    clear_word_caches()
    asked = []
    analyse = fast_tagger().tag_words
    monkeypatch.setattr(fast_tagger(), "tag_words", lambda words, *flags, **options: asked.extend(words) or analyse(
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
    monkeypatch.setattr(store, "WORD_CACHE_SIZE", 3)
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


def test_the_version_of_the_stored_analyses_covers_the_fast_taggers_code(monkeypatch, tmp_path):
    changed = tmp_path / "hanta_fast"
    changed.mkdir()
    for path in HANTA_FAST.glob("*.py"):
        (changed / path.name).write_text(path.read_text())
    (changed / "word_search.py").write_text((changed / "word_search.py").read_text() + "\n# a change\n")
    digest = analyses_version()
    monkeypatch.setattr(store.hanta_fast, "__file__", str(changed / "__init__.py"))
    analyses_version.cache_clear()
    try:
        assert analyses_version() != digest
    finally:
        monkeypatch.undo()
        analyses_version.cache_clear()
    assert analyses_version() == digest


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
