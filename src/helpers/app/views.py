"""What the app shows of one analysed article, as objects for IPython's `display`, built like the notebooks'.

    highlighted_text(analysis, {"mentions", "quotes"})   # the article with the chosen layers marked
    overview(analysis)                                   # who is mentioned, who speaks: sentences and tables
    frames(analysis)                                     # the frames, each with its strongest example
    actor_choices(analysis)                              # [('Russland (16 Erwähnungen, 2 Zitate)', 'russland'), ...]
    actor_view(analysis, "russland")                     # one actor's mentions and quotations

Every sentence comes from `helpers.summary`, every table through `helpers.display` (German labels, escaped
cells), the marked text from `helpers.highlight` (escaped): the article's words are shown, never run.
"""

import html

import pandas as pd
from IPython.display import HTML

from helpers.analysis import Analysis
from helpers.display import say, show
from helpers.framing import category_labels
from helpers.highlight import highlight
from helpers.summary.frames import describe_frame_profile, describe_rhetorical_questions, describe_voices
from helpers.summary.mentions import describe_mentions
from helpers.summary.quotes import describe_anonymous, describe_quotes, describe_silent_actors
from helpers.summary.structure import describe_structure
from helpers.summary.wording import amount, german_list
from helpers.tables.frame_profile import frame_profile
from helpers.tables.mentions import actor_table
from helpers.tables.quotes import QUOTE_COLORS, counted_once, quote_spans, who_speaks

# The layers of the marked text: key -> the German name of its checkbox.
LAYERS = {"mentions": "Erwähnte Akteure", "quotes": "Zitate und Sprecher", "frames": "Frame-Signale"}
MENTION_COLOR, FRAME_COLOR = "#a9cdf5", "#d9c2f0"
# What the colours of the marked text mean, per layer: (colour, German explanation).
LEGEND = {"mentions": [(MENTION_COLOR, "Akteur (das Schildchen nennt, wer gemeint ist)")],
          "quotes": [(color, name) for name, color in QUOTE_COLORS.items()],
          "frames": [(FRAME_COLOR, "Frame-Signal (das Schildchen nennt die Kategorie)")]}
TOP_ROWS = 10  # actors and speakers in the overview's tables
UNTITLED = "Eingefügter Text (ohne erkennbare Überschrift)"
VARIANTS = 4  # ways of writing an actor named in the actor view's sentence


def article_heading(analysis: Analysis) -> HTML:
    """The article's title (or its first words) and how it is built, as a heading above the results.

        article_heading(analyze("Berlin (dpa) - Die Regierung ..."))
    """
    article = analysis.article
    title = html.escape(article.title or (f"Datei „{article.source}“" if article.source else UNTITLED))
    structure = html.escape(describe_structure(article).replace("**", ""))
    return HTML(f'<h3 style="margin-bottom:0.2em">{title}</h3><p style="color:#555;margin-top:0">{structure}</p>')


def highlighted_text(analysis: Analysis, layers) -> HTML:
    """The article with the spans of the chosen `layers` (keys of `LAYERS`) marked, one colour per layer, and
    a small tag at each span: the actor of a mention, Zitat / Redeeinleitung / Sprecher of a quotation, the
    category of a frame cue. Above the text, what the colours mean.

        highlighted_text(analysis, {"quotes"})
    """
    parts, colors = [], dict(QUOTE_COLORS)
    if "mentions" in layers:
        mentions = analysis.mentions
        parts.append(mentions[["start", "end"]].assign(label=mentions["actor"]))
        colors |= dict.fromkeys(mentions["actor"], MENTION_COLOR)
    if "quotes" in layers:
        parts.append(quote_spans(analysis.quotes))
    if "frames" in layers:
        cues = analysis.frame_cues
        categories = cues["category"].map(category_labels()).fillna(cues["category"])
        parts.append(cues[["start", "end"]].assign(label=categories))
        colors |= dict.fromkeys(categories, FRAME_COLOR)
    spans = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["start", "end", "label"])
    marked = highlight(analysis.article, spans, label="label", colors=colors, legend=False).data
    return HTML(_layer_legend(layers) + marked)


def _layer_legend(layers) -> str:
    chips = [(color, name) for layer, chips in LEGEND.items() if layer in layers for color, name in chips]
    if not chips:
        return "<p>Wählen Sie oben aus, was im Text markiert werden soll.</p>"
    shown = "".join(f'<span style="background:{color};padding:2px 8px;margin:2px 4px 2px 0;border-radius:4px;'
                    f'display:inline-block">{html.escape(name)}</span>' for color, name in chips)
    return f'<div style="margin:0.4em 0 0.8em 0">{shown}</div>'


def overview(analysis: Analysis) -> list:
    """Who is mentioned and who speaks: the summary's sentences, the actors and the speakers as tables.

        for part in overview(analysis): display(part)
    """
    mentions, quotes = analysis.mentions, analysis.quotes
    parts = [say("### Wer wird erwähnt?"), say(describe_mentions(mentions))]
    if len(mentions):
        parts.append(show(actor_table(mentions).head(TOP_ROWS), "actors"))
    parts += [say("### Wer spricht?"), say(describe_quotes(quotes))]
    if len(quotes):
        parts += [show(who_speaks(quotes).head(TOP_ROWS), "speakers"), say(describe_anonymous(quotes)),
                  say(describe_silent_actors(mentions, quotes)), say("#### Alle Zitate"), show(quotes, "quotes")]
    return parts


def frames(analysis: Analysis) -> list:
    """How the story is framed: the categories of the frame lexicon found, per 1,000 words, each with the
    sentence that has most of its cues; who uses them; the text's rhetorical questions.

        for part in frames(analysis): display(part)
    """
    profile = frame_profile(analysis)
    cues = analysis.frame_cues
    return [say(describe_frame_profile(profile)),
            show(profile, "profile", empty="In diesem Artikel findet das Lexikon keine Frame-Signale."),
            say(describe_voices(cues)), say(describe_rhetorical_questions(cues))]


def actor_choices(analysis: Analysis) -> list[tuple[str, str]]:
    """The actors of the article for a dropdown, most mentioned first: (label, actor id) pairs; speakers that
    are linked to an actor but never mentioned otherwise come last.

        actor_choices(analysis)[0]      # ('Russland (16 Erwähnungen, 2 Zitate)', 'russland')
    """
    mentions, quotes = analysis.mentions, analysis.quotes
    ids = list(dict.fromkeys([*mentions["actor_id"].value_counts().index, *quotes["speaker_actor_id"].dropna()]))
    choices = []
    for actor_id in ids:
        name = _actor_name(analysis, actor_id)
        counts = (amount(int((mentions["actor_id"] == actor_id).sum()), "Erwähnung", "Erwähnungen"),
                  amount(int((counted_once(quotes)["speaker_actor_id"] == actor_id).sum()), "Zitat", "Zitate"))
        choices.append((f"{name} ({', '.join(counts)})", actor_id))
    return choices


def actor_view(analysis: Analysis, actor_id: str) -> list:
    """One actor: how often and how the text names it, the text with only its mentions and quotations marked,
    and its quotations and mentions as tables.

        for part in actor_view(analysis, "russland"): display(part)
    """
    mentions = analysis.mentions[analysis.mentions["actor_id"] == actor_id]
    quotes = analysis.quotes[analysis.quotes["speaker_actor_id"] == actor_id]
    name = _actor_name(analysis, actor_id)
    variants = list(dict.fromkeys(mentions["surface"]))
    named = german_list([f"„{variant}“" for variant in variants[:VARIANTS]])
    if len(variants) > VARIANTS:
        named += " …"
    sentence = f"**{name}** wird {len(mentions)} Mal erwähnt (als {named})" if variants else \
        f"**{name}** wird nicht eigens erwähnt"
    if len(quotes):
        words = int(who_speaks(quotes)["quoted_words"].sum())  # a quote nested in another one counts once
        sentence += (f" und kommt in {amount(len(counted_once(quotes)), 'Zitat', 'Zitaten')} mit "
                     f"{amount(words, 'Wort', 'Wörtern')} selbst zu Wort.")
    else:
        sentence += " und kommt nicht selbst zu Wort."
    spans = pd.concat([mentions[["start", "end"]].assign(label=name), quote_spans(quotes)], ignore_index=True)
    return [say(sentence), highlight(analysis.article, spans, label="label", colors=QUOTE_COLORS),
            say("#### Zitate"), show(quotes, "quotes", empty=f"{name} wird in diesem Artikel nicht zitiert."),
            say("#### Erwähnungen"), show(mentions, "mentions", empty=f"{name} wird nicht eigens erwähnt.")]


def _actor_name(analysis, actor_id):
    mentions, quotes = analysis.mentions, analysis.quotes
    names = [*mentions.loc[mentions["actor_id"] == actor_id, "actor"],
             *quotes.loc[quotes["speaker_actor_id"] == actor_id, "speaker_actor"].dropna()]
    return names[0] if names else str(actor_id)
