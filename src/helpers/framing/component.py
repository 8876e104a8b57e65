"""The framing component: every frame cue of a Doc in `doc.spans["frame_cues"]`.

    nlp = load_pipeline(lexicon="my_frames.yaml")
    for span in nlp("Nun nähern sich die beiden Länder langsam an.").spans["frame_cues"]:
        span.label_, span._.frame_cue, span._.cue_surface      # 'cooperation', 'annähern', 'nähern … an'

Each Span covers the cue's words from the first to the last (the whole sentence for a cue with
`span: sentence`, such as a rhetorical question); `label_` is its category, `kb_id_` the cue's name in the
lexicon. Extensions: `frame` (the generic news frame of the category, or None), `frame_group` (news_frame,
language or metaphor), `frame_cue` (the cue as the lexicon names it), `cue_surface` (the matched words as
written, "…" for words in between), `compound_part` and `compound_split` (for a cue inside
a compound: "partner", "Koalitions|partner"; else None) and `in_question` (the cue's sentence ends with a
question mark).

A cue does not count outside the parts of the article it names (`parts`), in a sentence with one of its
`not_with` words, or where one of its category's `literal_context` words stands in the same sentence,
paragraph or article. Of two cues of one category on the same words, the one listed first names them (two
parts of one compound are two cues).
"""

from typing import NamedTuple

import numpy
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from helpers.article import words_as_written
from helpers.errors import PipelineError
from helpers.framing.compounds import compound_index
from helpers.framing.doc_columns import DocColumns, among
from helpers.framing.lexicon import DEFAULT_LEXICON, Cue, load_lexicon
from helpers.framing.matcher import cue_matcher
from helpers.german.quotation_marks import sentence_closers
from helpers.german.stts import NOUNS

SPAN_KEY = "frame_cues"
CUE_EXTENSIONS = ("frame", "frame_group", "frame_cue", "cue_surface", "compound_part", "compound_split",
                  "in_question")
NOUN_TAG_IDS = numpy.array(sorted(get_string_id(tag) for tag in NOUNS), dtype=numpy.uint64)


def _cue_extension(name):
    """Getter and setter of an extension keyed by the span's label (category) and kb_id (cue) as well as its
    offsets: spaCy 3 keys span extensions by offsets alone (explosion/spaCy#9706, fixed for v4 in #11429), and
    two cues often cover one word ("Koalitionspartner": Koalition and Partner). A cue's extensions are one
    `doc.user_data` entry ({name: value}), written and read at once by `set_cue_extensions` and
    `cue_extensions`."""

    def get(span):
        return span.doc.user_data.get(_cue_key(span), {}).get(name)

    def set_value(span, value):
        span.doc.user_data.setdefault(_cue_key(span), {})[name] = value

    return {"getter": get, "setter": set_value}


def _cue_key(span):
    """The `doc.user_data` key of a cue's extensions."""
    return (SPAN_KEY, span.label_, span.kb_id_, span.start_char, span.end_char)


def set_cue_extensions(span: Span, **values) -> None:
    """Set several cue extensions of a span at once (as `span._.name = value`, the span's key read once)."""
    span.doc.user_data.setdefault(_cue_key(span), {}).update(values)


def cue_extensions(span: Span) -> dict:
    """All cue extensions of a span ({name: value}, as `span._.name`), the span's key read once."""
    values = span.doc.user_data.get(_cue_key(span), {})
    return {name: values.get(name) for name in CUE_EXTENSIONS}


for _name in CUE_EXTENSIONS:
    _registered = Span.get_extension(_name)
    if _registered and getattr(_registered[2], "__module__", None) != __name__:
        raise PipelineError(f"the span extension {_name!r} is already registered by another component: "
                            "rename one of them (span extensions of all span groups share one namespace)")
    Span.set_extension(_name, force=True, **_cue_extension(_name))


@Language.factory("blickwinkel_frames", default_config={"lexicon": DEFAULT_LEXICON})
def make_frame_component(nlp: Language, name: str, lexicon: str):
    """spaCy component: the frame cues of a lexicon (a bundled name or the path of your own YAML file) in
    `doc.spans["frame_cues"]` (see the module docstring)."""
    return FrameComponent(nlp, lexicon)


class _Finding(NamedTuple):
    """A cue found before its context is checked: where it stands in the order of finding (sentence by
    sentence, the lexicon's patterns before the compounds), the cue, its tokens and its compound split."""

    order: tuple
    cue: Cue
    tokens: tuple
    compound_part: str | None = None
    compound_split: str | None = None


class FrameComponent:
    """The lexicon's cues (spaCy matchers) and the noun cues inside compounds, checked against their context."""

    def __init__(self, nlp: Language, lexicon: str):
        self.lexicon = load_lexicon(lexicon)
        self.matcher = cue_matcher(nlp.vocab, self.lexicon)
        self.compounds = compound_index(self.lexicon)
        self.closers = sentence_closers() + " \n\t"
        self.literal_ids = {name: numpy.array(sorted(get_string_id(word) for word in category.literal_context.lemmas),
                                              dtype=numpy.uint64)
                            for name, category in self.lexicon.categories.items() if category.literal_context}

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        if article is None or len(doc) == 0:
            doc.spans[SPAN_KEY] = []
            return doc
        columns = DocColumns(doc)
        context = _Context(doc, columns, self.lexicon, self.literal_ids)
        kept = {}
        for finding in self._findings(doc, columns):
            if context.counts(finding.cue, finding.tokens):
                span, surface = self._span(doc, article.text, columns, finding)
                # of two cues of one category on the same words, the one found first names them; two parts of
                # one compound (Koalition|s|partner) are two cues
                kept.setdefault((finding.cue.category, span.start_char, span.end_char, finding.compound_part),
                                (span, finding, surface))
        spans = sorted(_outermost(kept.values()), key=lambda entry: (entry[0].start_char, entry[0].end_char))
        questions = {}  # sentence index -> whether it ends with a question mark
        for span, finding, surface in spans:
            set_cue_extensions(span, frame=finding.cue.frame,
                               frame_group=self.lexicon.categories[finding.cue.category].group,
                               frame_cue=finding.cue.name, cue_surface=surface, compound_part=finding.compound_part,
                               compound_split=finding.compound_split,
                               in_question=self._in_question(article, span.start_char, questions))
        doc.spans[SPAN_KEY] = [span for span, _, _ in spans]
        return doc

    def _findings(self, doc, columns):
        """The cues of the lexicon's patterns and inside compounds, in the order of finding."""
        cues = self.lexicon.cues
        found = [_Finding((columns.sentence_of(match.tokens[0]), 0, match.cue_number, match.tokens[0]),
                          cues[match.cue_number], match.tokens) for match in self.matcher(doc, columns)]
        # a noun that is itself a one-word cue is not split: "Zwangsehe" is no Ehe of its own
        whole_words = {finding.tokens[0] for finding in found if finding.cue.single_lemma}
        nouns = numpy.flatnonzero(among(columns.tag, NOUN_TAG_IDS))
        texts, lemmas = columns.orth[nouns].tolist(), columns.lemma[nouns].tolist()
        forms = self.compounds.splits_of_forms(set(texts + lemmas), doc.vocab.strings)
        for token, text, lemma in zip(nouns.tolist(), texts, lemmas):
            parts = forms[text] or forms[lemma]
            if parts and token not in whole_words:
                found += [_Finding((columns.sentence_of(token), 1, token, number), cue, (token,), part, split)
                          for number, (cue, part, split) in enumerate(parts)]
        return sorted(found, key=lambda finding: finding.order)

    def _span(self, doc, text, columns, finding):
        """The Span of a finding (its words, or its sentence for a sentence cue) and its surface. `text`: the
        article's text."""
        cue = finding.cue
        if cue.span == "sentence":
            words = columns.sentence_span(finding.tokens[0])
            return Span(doc, words.start, words.end, label=cue.category, kb_id=cue.name), words.text
        tokens = finding.tokens
        span = Span(doc, tokens[0], tokens[-1] + 1, label=cue.category, kb_id=cue.name)
        return span, _surface(text, columns, tokens)

    def _in_question(self, article, offset, questions):
        """Whether the sentence at `offset` ends with a question mark; `questions`: the sentences answered."""
        sentence = article.sentence_at(offset)
        if sentence is None:
            return False
        if sentence.index not in questions:
            questions[sentence.index] = article.span(sentence.start, sentence.end).rstrip(self.closers).endswith("?")
        return questions[sentence.index]


def _outermost(found):
    """The cues whose words are not part of a longer cue of their category: "Schritt halten" is one journey cue,
    not two with "Schritt" (the parts of a compound stay cues of their own)."""
    found = list(found)
    longer = {}  # category -> the word sets of its cues of more than one word
    for span, finding, _ in found:
        if finding.compound_part is None and len(finding.tokens) > 1:
            longer.setdefault(span.label_, []).append(set(finding.tokens))
    if not longer:
        return found
    return [(span, finding, surface) for span, finding, surface in found
            if finding.compound_part is not None or span.label_ not in longer
            or not any(set(finding.tokens) < words for words in longer[span.label_])]


def _surface(text, columns, tokens):
    """The matched words as written, in text order; "…" stands for the words in between ("nähern … an").
    `text`: the Doc's text (`doc.text` joins all its tokens anew each time); `columns`: its `DocColumns`."""
    starts, lengths = columns.idx, columns.length
    return words_as_written(text, ((int(starts[token]), int(starts[token] + lengths[token])) for token in tokens))


class _Context:
    """What decides whether a cue counts where it stands: the part of the article, the `not_with` words of its
    sentence and the `literal_context` words of its category."""

    def __init__(self, doc, columns, lexicon, literal_ids):
        self.article = doc._.article
        self.columns = columns
        self.lexicon = lexicon
        self.literal_ids = literal_ids  # category -> the sorted string ids of its literal_context words
        self.literal = {}  # category -> {scope (sentence, paragraph, the article): its tokens with a literal word}

    def counts(self, cue, tokens):
        """Whether a cue found at these tokens counts there: its own tokens are not literal context ("Krieg der
        Worte" is a war metaphor, "Krieg" beside it in the paragraph makes it literal)."""
        token = tokens[0]
        start = int(self.columns.idx[token])
        if cue.parts is not None and self.article.part_at(start) not in cue.parts:
            return False
        if cue.not_with and not cue.not_with.isdisjoint(self.columns.sentence_words(self.columns.sentence_of(token))):
            return False
        literal = self.lexicon.categories[cue.category].literal_context
        if literal is None:
            return True
        literal_tokens = self._literal_scopes(cue.category).get(self._scope(literal.scope, start, token), set())
        return literal_tokens <= set(tokens)

    def _scope(self, scope, offset, token):
        if scope == "sentence":
            return self.columns.sentence_of(token)
        if scope == "paragraph":
            paragraph = self.article.paragraph_at(offset)
            return paragraph.index if paragraph else None
        return 0

    def _literal_scopes(self, category):
        if category not in self.literal:
            context = self.lexicon.categories[category].literal_context
            ids = self.literal_ids[category]
            hits = numpy.flatnonzero(among(self.columns.orth, ids) | among(self.columns.lemma, ids))
            scopes = {}
            for token in hits.tolist():
                scope = self._scope(context.scope, int(self.columns.idx[token]), token)
                if scope is not None:
                    scopes.setdefault(scope, set()).add(token)
            self.literal[category] = scopes
        return self.literal[category]
