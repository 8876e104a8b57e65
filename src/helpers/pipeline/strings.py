"""The strings of token attributes by their hash (ORTH, TAG, LEMMA of `Doc.to_array`), each decoded once.

    texts = strings_of(doc.vocab.strings, doc.to_array(ORTH).tolist())

spaCy's `StringStore` decodes a new Python string at every lookup; the components read the same few thousand
word forms and tags in every Doc, and a dictionary of the strings decoded before answers faster.
"""

from spacy.strings import StringStore

MAX_STRINGS = 500_000  # strings kept (about 50 MB at most); then the dictionary starts anew

_store = None
_known = {}


def strings_of(strings: StringStore, hashes: list[int]) -> list[str]:
    """The strings of `hashes` (ints) in the string store `strings`."""
    global _store, _known
    if strings is not _store or len(_known) > MAX_STRINGS:
        _store, _known = strings, {}
    known = _known

    def decoded(key):
        text = known[key] = strings[key]
        return text

    get = known.get
    return [get(key) or decoded(key) for key in hashes]
