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
from helpers.tables.quotes import QUOTE_COLORS, quote_spans, who_speaks

# The layers of the marked text: key -> the German name of its checkbox.
LAYERS = {"mentions": "Erwähnte Akteure", "quotes": "Zitate und Sprecher", "frames": "Frame-Signale"}
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
    """The article with the spans of the chosen `layers` (keys of `LAYERS`) marked, each with its label: the
    actor of a mention, Zitat / Redeeinleitung / Sprecher of a quotation, the category of a frame cue.

        highlighted_text(analysis, {"quotes"})
    """
    parts = []
    if "mentions" in layers:
        parts.append(analysis.mentions[["start", "end"]].assign(label=analysis.mentions["actor"]))
    if "quotes" in layers:
        parts.append(quote_spans(analysis.quotes))
    if "frames" in layers:
        cues = analysis.frame_cues
        parts.append(cues[["start", "end"]].assign(label=cues["category"].map(category_labels()).fillna(cues["category"])))
    spans = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["start", "end", "label"])
    return highlight(analysis.article, spans, label="label", colors=QUOTE_COLORS)


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
                  amount(int((quotes["speaker_actor_id"] == actor_id).sum()), "Zitat", "Zitate"))
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
    named = german_list([f"„{variant}“" for variant in variants[:VARIANTS]]) + (" …" if len(variants) > VARIANTS else "")
    sentence = f"**{name}** wird {amount(len(mentions), 'Mal', 'Mal')} erwähnt"
    sentence += f" (als {named})" if variants else ""
    if len(quotes):
        words = int(who_speaks(quotes)["quoted_words"].sum())  # a partial quote inside an indirect one counts once
        sentence += (f" und kommt in {amount(len(quotes), 'Zitat', 'Zitaten')} mit "
                     f"{amount(words, 'Wort', 'Wörtern')} selbst zu Wort.")
    else:
        sentence += " und kommt nicht selbst zu Wort."
    spans = pd.concat([mentions[["start", "end"]].assign(label=name), quote_spans(quotes)], ignore_index=True)
    return [say(sentence), highlight(analysis.article, spans, label="label", colors=QUOTE_COLORS),
            say("#### Zitate"), show(quotes, "quotes", empty=f"{name} wird in diesem Artikel nicht zitiert."),
            say("#### Erwähnungen"), show(mentions, "mentions", empty=f"{name} wird nicht namentlich erwähnt.")]


def _actor_name(analysis, actor_id):
    mentions, quotes = analysis.mentions, analysis.quotes
    names = [*mentions.loc[mentions["actor_id"] == actor_id, "actor"], *quotes.loc[quotes["speaker_actor_id"] == actor_id,
                                                                                     "speaker_actor"].dropna()]
    return names[0] if names else str(actor_id)
