"""The generic pictures: highlighted text is escaped and complete, charts cope with empty tables."""

import re

import matplotlib
import pandas as pd
import pytest

from helpers import load_article
from helpers.highlight import highlight
from helpers.plots import bar_chart, heatmap, line_chart, share_chart

matplotlib.use("Agg")

ARTICLE = load_article("Berlin (dpa) - Kreml-Chef Putin traf <b>Merkel</b> in der IS-Hochburg.\n\nNur ein Satz.")


def span(text, label):
    start = ARTICLE.text.index(text)
    return {"start": start, "end": start + len(text), "label": label}


def test_highlight_marks_spans_and_escapes_markup():
    spans = pd.DataFrame([span("Kreml-Chef Putin", "Putin"), span("IS", "IS"), span("Merkel", "Merkel")])
    markup = highlight(ARTICLE, spans).data
    assert "<b>" not in markup and "&lt;b&gt;" in markup and "&lt;/b&gt;" in markup
    assert markup.count('class="legend"') == 1
    assert all(f">{label}<" in markup for label in ["Putin", "IS", "Merkel"])
    assert "Nur ein Satz." in markup


def test_highlight_names_missing_columns():
    with pytest.raises(KeyError, match="start, end and 'actor'"):
        highlight(ARTICLE, pd.DataFrame({"start": [0], "end": [3]}), label="actor")


EMPTY = pd.DataFrame({"section": pd.Series(dtype=str), "actor": pd.Series(dtype=str)})


@pytest.mark.parametrize(
    "draw",
    [
        lambda: bar_chart(pd.Series(dtype=int), title="leer"),
        lambda: heatmap(EMPTY, index="section", columns="actor", title="leer"),
        lambda: share_chart(EMPTY, index="section", groups="actor", title="leer"),
        lambda: line_chart(pd.DataFrame(), title="leer"),
    ],
)
def test_charts_of_empty_tables_say_so(draw):
    ax = draw()
    assert ax.get_title() == "leer"
    assert [text.get_text() for text in ax.texts] == ["keine Daten"]


def test_highlight_shows_the_text_as_written_and_each_label_once_at_its_span():
    article = load_article(" date 2018-06 Paris (dpa) - Kreml-Chef Putin kam, sagte Merkel.")
    spans = pd.DataFrame([span_of(article, "Kreml-Chef Putin", "Putin"), span_of(article, "Merkel", "Merkel")])
    markup = highlight(article, spans).data
    visible = re.sub(r'<span class="tag"[^>]*>[^<]*</span>', "", re.sub(r'<div class="legend".*?</div>', "", markup))
    text = re.sub(r"<[^>]+>", "", visible.split("</style>", 1)[1])
    assert text == "Paris (dpa) - Kreml-Chef Putin kam, sagte Merkel."  # no archive date field, no added spaces
    assert markup.count(">Putin</span>") == 2  # the legend chip and the tag at the span


def span_of(article, text, label):
    start = article.text.index(text)
    return {"start": start, "end": start + len(text), "label": label}
