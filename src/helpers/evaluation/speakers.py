"""Who speaks, linked to an actor: the tool's speakers against 100 hand-labelled Wikinews `train` quotations.

    labelled = read_speaker_sample()             # tests/gold/speaker_linking.tsv (how it was drawn: its README)
    scored = score_speakers(labelled)            # one row per labelled quotation, with the tool's answer
    linking_summary(scored)                      # shares linked correctly, overall and per kind of speaker

For each labelled quotation the tool's quotation that overlaps it most (in characters) is taken; the tool links
the speaker correctly when the actor it names (`speaker_actor`, else the speaker as written) and the labelled
`speaker_name` are the same name: equal, or one's last word is a word of the other ("Merkel" and "Angela
Merkel"; "Bahn" and "Deutsche Bahn"), compared case-insensitively. A labelled affiliation is a list of names
separated by "; " (a party and a state: "SPD; Deutschland"), from the article (`affiliation_in_text`) or from a
reader's knowledge (`affiliation_known`); the tool's `speaker_affiliation` is right when it is the same name as
one of them by the same rule. A quotation the tool does not find counts as not linked.
"""

import json
from pathlib import Path

import pandas as pd

from helpers.analysis import analyze_many
from helpers.article.formats import article_from_json
from helpers.errors import ResourceError
from helpers.evaluation.quotes import DATA_DIR

GOLD = Path(__file__).resolve().parents[3] / "tests" / "gold" / "speaker_linking.tsv"
COLUMNS = ["article_id", "annotation_id", "type", "is_nested", "quote_start", "quote_end", "gold_speaker_text",
           "speaker_name", "speaker_kind", "organisation_of_speaker", "affiliation_in_text", "affiliation_known",
           "note"]


def read_speaker_sample(path=GOLD) -> pd.DataFrame:
    """The hand-labelled quotations (columns `COLUMNS`; empty labels as '')."""
    path = Path(path)
    if not path.is_file():
        raise ResourceError(f"labelled speakers {path} not found: the sample is kept in tests/gold of a checkout")
    sample = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    missing = [column for column in COLUMNS if column not in sample.columns]
    if missing:
        raise ResourceError(f"{path}: columns {missing} are missing; the sample needs {', '.join(COLUMNS)}")
    return sample.astype({"quote_start": int, "quote_end": int})


def same_name(found: str, labelled: str) -> bool:
    """Whether two names mean the same actor by this module's rule, e.g. `same_name("Merkel", "Angela Merkel")`."""
    found_words, labelled_words = found.casefold().split(), labelled.casefold().split()
    if not found_words or not labelled_words:
        return False
    return found_words == labelled_words or found_words[-1] in labelled_words or labelled_words[-1] in found_words


def score_speakers(sample: pd.DataFrame, data_dir=DATA_DIR / "train") -> pd.DataFrame:
    """The sample with the tool's answer per quotation: found (a tool quotation overlaps it), tool_speaker,
    tool_actor, tool_affiliation, linked (right actor), affiliation_right (None where nothing is labelled)."""
    paths = [Path(data_dir) / f"{article_id}.json" for article_id in sorted(set(sample["article_id"]))]
    if paths and not paths[0].is_file():
        raise ResourceError(f"Wikinews train articles not found at {data_dir}: they lie beside the repository "
                            "in ../shared/data/wikinews-quotes")
    articles = (article_from_json(json.loads(path.read_text(encoding="utf-8")), default_id=path.stem, source=str(path))
                for path in paths)
    quotes = {analysis.article.id: analysis.quotes for analysis in analyze_many(articles)}
    answers = [_answer(quotes[row.article_id], row) for row in sample.itertuples()]
    return pd.concat([sample.reset_index(drop=True), pd.DataFrame(answers)], axis=1)


def _answer(quotes: pd.DataFrame, row) -> dict:
    overlap = (quotes["end"].clip(upper=row.quote_end) - quotes["start"].clip(lower=row.quote_start)).clip(lower=0)
    if overlap.empty or overlap.max() == 0:
        return {"found": False, "tool_speaker": "", "tool_actor": "", "tool_affiliation": "", "linked": False,
                "affiliation_right": False if _affiliations(row) else None}
    best = quotes.loc[overlap.idxmax()]
    speaker, actor, affiliation = (_text(best[column]) for column in ("speaker", "speaker_actor", "speaker_affiliation"))
    return {"found": True, "tool_speaker": speaker, "tool_actor": actor, "tool_affiliation": affiliation,
            "linked": bool(row.speaker_name) and same_name(actor or speaker, row.speaker_name),
            "affiliation_right": (any(same_name(affiliation, name) for name in _affiliations(row))
                                  if _affiliations(row) else None)}


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _affiliations(row) -> list[str]:
    return [name.strip() for labels in (row.affiliation_in_text, row.affiliation_known)
            for name in labels.split(";") if name.strip()]


def linking_summary(scored: pd.DataFrame) -> pd.DataFrame:
    """Per labelled kind of speaker and overall: quotations, found by the tool, linked to the right actor (of
    those with a named speaker), with an affiliation labelled, affiliation right, and the shares."""
    named = scored[scored["speaker_name"] != ""]
    with_affiliation = scored[scored["affiliation_right"].notna()]

    def row(kind, part, named_part, affiliated_part):
        return {"speaker_kind": kind, "quotations": len(part), "found": int(part["found"].sum()),
                "named": len(named_part), "linked": int(named_part["linked"].sum()),
                "share_linked": round(named_part["linked"].mean(), 3) if len(named_part) else None,
                "with_affiliation": len(affiliated_part),
                "affiliation_right": int(affiliated_part["affiliation_right"].astype(bool).sum()),
                "share_affiliation_right": (round(affiliated_part["affiliation_right"].astype(bool).mean(), 3)
                                            if len(affiliated_part) else None)}

    rows = [row(kind, part, named[named["speaker_kind"] == kind],
                with_affiliation[with_affiliation["speaker_kind"] == kind])
            for kind, part in scored.groupby("speaker_kind")]
    rows.append(row("all", scored, named, with_affiliation))
    return pd.DataFrame(rows)
