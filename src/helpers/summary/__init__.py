"""What an article's tables say, in German sentences computed from them: true for whatever article it is.

    summary = summarize(analyze("data/dpa_frankreich_russland_is.txt"))
    summary["mentions"]        # 'Der Text nennt 28 Akteure in 86 Erwähnungen. Am häufigsten erwähnt werden ...'
    Markdown(summary["quotes"])

Every sentence here is built from the tables of the article in front of the reader, so that a notebook or a
report never states a finding that was true only of the bundled example; a section with nothing to show says
so in one sentence. `structure`, `mentions`, `quotes` and `frames` follow the notebooks; `wording` is the
German of numbers and lists.
"""

from helpers.summary.frames import describe_frame_profile, describe_voices, frame_questions
from helpers.summary.mentions import describe_mentions
from helpers.summary.quotes import describe_quotes
from helpers.summary.structure import describe_dateline, describe_dates, describe_lead, describe_structure
from helpers.tables.frame_profile import frame_profile


def summarize(analysis) -> dict[str, str]:
    """The German sentences about an analysed article (a `helpers.analysis.Analysis`): structure, dateline,
    dates, lead, mentions, quotes, frames.

        summarize(analyze(article))["quotes"]
    """
    return {
        "structure": describe_structure(analysis.article),
        "dateline": describe_dateline(analysis.article),
        "dates": describe_dates(analysis.article),
        "lead": describe_lead(analysis.article),
        "mentions": describe_mentions(analysis.mentions),
        "quotes": describe_quotes(analysis.quotes),
        "frames": describe_frame_profile(frame_profile(analysis)),
    }
