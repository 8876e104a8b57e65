"""The quote component: quotations, their cues and their speakers as spans of the Doc.

    doc = nlp("Berlin (dpa) - „Wir sind bereit“, sagte Merkel.")
    quote = doc.spans["quotes"][0]
    quote.label_, quote._.cue.text, quote._.speaker.text, quote.kb_id_     # 'direct', 'sagte', 'Merkel', 'angela_merkel'

- `doc.spans["quotes"]`: one Span per quotation, in text order (by start, longest first); `label_` the type
  ('direct': a whole sentence or clause in quotation marks, 'partial': a few quoted words inside the
  journalist's sentence, 'indirect': reported in Konjunktiv I or a dass-clause after a speech verb, or a
  Konjunktiv I sentence continuing an earlier quotation (far from any named speaker: without a speaker),
  'reported': a sentence attributed by laut, nach Angaben, zufolge, so X, a sentence that is itself a speech
  act ("Die Gewerkschaft kündigte einen Streik an"), or one with the hearsay "soll" that continues the speaker
  of the quotation before); `kb_id_` the speaker's actor id ('' if not linked). Direct and partial quotes
  include their quotation marks. Extensions: `cue` (a Span of "quote_cues" or None: the cue's main word, the
  verb or preposition), `cue_words` ((start, end) offsets of all the cue's words: "teilte … mit", "hat …
  gesagt", "heißt es"; () without a cue), `speaker` (a Span of
  "speakers" or None: for a carried-over quotation where the speaker was last named), `speaker_mention` (the
  Span of doc.spans["actors"] the speaker refers to, or None), `speaker_kind` ('actor': in the catalog,
  'discovered': a name not in the catalog, 'anonymous': Diplomaten, Kreise, Beobachter, 'unknown'),
  `carried_over` (the speaker was taken from the quotation before, which had a cue), `nested` (a direct or
  partial quote inside an indirect or reported one: the Wikinews data annotates both, so both are spans, and
  counts of quotations leave the inner one out, see `helpers.tables.quotes.counted_once`).
- Speakers: the rules propose candidates around each quotation's cue and a small learned model picks one
  (`helpers.quotes.speaker_choice`); with `load_pipeline(speaker_model=False)`, the rules' own choice.
- `doc.spans["quote_cues"]`: the words that introduce quotations (sagte, laut, zufolge); `label_` the lemma.
- `doc.spans["speakers"]`: who speaks, as written; `label_` the speaker kind, `kb_id_` the actor id.
"""

from spacy.language import Language
from spacy.tokens import Doc, Span

from helpers.quotes.cues import SpeechCueMatcher
from helpers.quotes.finder import find_quotes, read_article
from helpers.quotes.linking import actor_mentions, link_speakers, speaker_kind, with_whole_name
from helpers.quotes.speaker_choice import MODEL_FILE, SpeakerChoice

QUOTES, CUES, SPEAKERS = "quotes", "quote_cues", "speakers"
QUOTE_EXTENSIONS = {"cue": None, "cue_words": (), "speaker": None, "speaker_mention": None, "speaker_kind": None,
                    "carried_over": False, "nested": False}
for _name, _default in QUOTE_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


@Language.factory("blickwinkel_quotes", default_config={"speaker_model": True})
def make_quote_component(nlp: Language, name: str, speaker_model: bool | str):
    """spaCy component: quotations, cues and speakers in `doc.spans` (see the module docstring);
    `speaker_model`: speakers chosen by the learned model (True: the shipped one, or a model file's path)
    among the rules' candidates, or (False) the rules' own choice."""
    return QuoteComponent(nlp, speaker_model)


class QuoteComponent:
    """Finds the quotations of a Doc (which must have `doc._.article`, tags and lemmas) and links their
    speakers to the actor mentions of `doc.spans["actors"]`."""

    def __init__(self, nlp: Language, speaker_model: bool | str = True):
        self.cue_matcher = SpeechCueMatcher(nlp.vocab)
        self.speaker_choice = None if speaker_model is False else \
            SpeakerChoice.load(MODEL_FILE if speaker_model is True else speaker_model)

    def __call__(self, doc: Doc) -> Doc:
        quotes, cues, speakers = [], [], {}
        if doc._.article is not None:
            text = doc._.article.text  # the Doc's text (doc.text would join all its tokens anew)
            reading = read_article(doc, self.cue_matcher(doc))
            found = find_quotes(reading)
            mentions = actor_mentions(doc)
            if self.speaker_choice is not None:
                found = self.speaker_choice(reading, mentions, found)
            for quote, mention in zip(found, link_speakers(doc, found, text, mentions)):
                quotes.append(self._quote_span(doc, text, with_whole_name(quote, mention), mention, cues, speakers))
        doc.spans[QUOTES] = quotes
        doc.spans[CUES] = cues
        doc.spans[SPEAKERS] = list(speakers.values())
        return doc

    @staticmethod
    def _quote_span(doc, text, quote, mention, cues, speakers):
        kind = speaker_kind(text[slice(*quote.speaker)] if quote.speaker else None)
        if mention is not None and kind != "anonymous":
            kind = "discovered" if mention._.mention_kind == "discovered" else "actor"
        actor_id = mention.kb_id_ if mention is not None else ""
        span = doc.char_span(quote.start, quote.end, label=quote.type, kb_id=actor_id, alignment_mode="expand")
        extensions = span._  # one Underscore for all the attributes (each `span._` makes a new one)
        if quote.cue is not None:
            cue = doc.char_span(quote.cue.start, quote.cue.end, label=quote.cue_lemma)
            cues.append(cue)
            extensions.cue = cue
            extensions.cue_words = quote.cue_words or ((quote.cue.start, quote.cue.end),)
        if quote.speaker:
            key = (*quote.speaker, kind, actor_id)  # a speaker named once may speak again (carried over)
            if key not in speakers:
                speakers[key] = doc.char_span(*quote.speaker, label=kind, kb_id=actor_id)
            extensions.speaker = speakers[key]
        extensions.speaker_mention = mention
        extensions.speaker_kind = kind
        extensions.carried_over = quote.carried_over
        extensions.nested = quote.nested
        return span
