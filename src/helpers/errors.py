"""The project's one exception family and its warnings.

Every message says what was wrong and what to do about it, e.g.

    raise ArticleError("data/x.txt is empty: give a file that contains the article text")
"""


class BlickwinkelError(Exception):
    """Base class of every error the project raises on purpose."""


class ArticleError(BlickwinkelError):
    """An input could not be read as a news article (missing, empty, binary, malformed). `source`, when set,
    says which file or JSONL line ('korpus.jsonl:3')."""

    source: str | None = None


class ResourceError(BlickwinkelError):
    """A resource file (actor catalog, cue lexicon, frame lexicon) is missing or malformed."""


class PipelineError(BlickwinkelError):
    """The spaCy pipeline could not be built (for example an unknown trained pipeline name)."""


class BlickwinkelWarning(UserWarning):
    """Something was guessed (an encoding, the language) and the user should know."""


class LanguageWarning(BlickwinkelWarning):
    """The text does not look like German, so the analyses will miss most of what they look for."""
