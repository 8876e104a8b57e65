"""The pipeline: the article's structure in the Doc, its sentences, every analysis as spans, trained bases."""

from pathlib import Path

import pytest
import spacy

from helpers import analyze, analyze_many, load_article, load_pipeline
from helpers.errors import PipelineError
from helpers.pipeline import article_doc

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "dpa_frankreich_russland_is.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def article():
    return load_article(ARTICLE)


def sentence_offsets(doc):
    """(start, end) of each sentence of a Doc, without the whitespace tokens that end it."""
    offsets = []
    for sentence in doc.sents:
        words = [token for token in sentence if not token.is_space]
        offsets.append((words[0].idx, words[-1].idx + len(words[-1])))
    return offsets


def test_the_sentences_of_a_doc_are_the_articles(nlp, article):
    expected = [(sentence.start, sentence.end) for sentence in article.sentences]
    assert sentence_offsets(nlp(article.text)) == expected
    assert sentence_offsets(nlp(article_doc(nlp, article))) == expected


def test_a_plain_text_gets_its_article_structure_in_the_doc(nlp):
    doc = nlp("Putins Rede\n\nMoskau (dpa) - Kremlchef Putin sprach. Er sagte, Russland sei bereit.")
    assert doc._.article.title == "Putins Rede"
    assert doc._.article.agency == "dpa"
    assert doc._.article.text == doc.text


def test_every_analysis_writes_its_spans(nlp):
    doc = nlp("Berlin (dpa) - „Wir sind bereit“, sagte Kanzlerin Angela Merkel.")
    assert [(span.text, span.kb_id_, span.label_) for span in doc.spans["actors"]] == [
        ("Kanzlerin Angela Merkel", "merkel", "person")]
    [quote] = doc.spans["quotes"]
    assert (quote.text, quote.label_, quote._.cue.text, quote._.speaker.text, quote.kb_id_) == (
        "„Wir sind bereit“", "direct", "sagte", "Kanzlerin Angela Merkel", "merkel")
    assert "frame_cues" in doc.spans


def test_an_analysis_keeps_the_article_its_doc_and_its_tables(article):
    analysis = analyze(article)
    assert analysis.doc.text == article.text and analysis.doc._.article is article
    assert analysis.mentions["article_id"].unique().tolist() == [article.id]
    assert analyze(analysis.doc).quotes.equals(analysis.quotes)  # a Doc made by the pipeline is not parsed again


def test_analyze_many_streams_articles_in_order():
    articles = (load_article(text, article_id=f"a{number}") for number, text in enumerate(
        ["Merkel sprach in Berlin.", "Hollande reiste nach Moskau."]))
    analyses = analyze_many(articles, batch_size=1)
    first = next(analyses)
    assert (first.article.id, first.doc.text) == ("a0", "Merkel sprach in Berlin.")
    assert [analysis.article.id for analysis in analyses] == ["a1"]


def test_a_trained_pipeline_given_by_path_keeps_its_tags(tmp_path):
    trained = spacy.blank("de")
    trained.add_pipe("attribute_ruler").add([[{"ORTH": "Putin"}]], {"TAG": "NE", "POS": "PROPN"})
    trained.to_disk(tmp_path / "tiny_de")
    nlp = load_pipeline(base=tmp_path / "tiny_de", analyses=False)
    assert nlp.pipe_names == ["blickwinkel_article", "attribute_ruler"]
    doc = nlp("Putin kam. Dann ging er.")
    assert doc[0].tag_ == "NE"
    assert [sentence.text for sentence in doc.sents] == ["Putin kam.", "Dann ging er."]
    assert load_pipeline(base=tmp_path / "tiny_de", analyses=False) is nlp


def test_an_unknown_trained_pipeline_says_how_to_install_it():
    with pytest.raises(PipelineError, match="spacy download"):
        load_pipeline(base="de_core_news_nonexistent", analyses=False)


def test_a_text_longer_than_spacys_max_length_is_analysed_whole(nlp, article, monkeypatch):
    expected = analyze(article, pipeline=nlp).mentions
    monkeypatch.setattr(nlp, "max_length", len(article.text) // 3)
    assert analyze(article, pipeline=nlp).mentions.equals(expected)
