"""How good the frame cues are on text the lexicon was not written from: precision judged by hand, metaphor recall.

    draw_cues()                          # 200 cues drawn at random from the 50 precision articles, to judge
    precision_by_category(judged)        # precision per category from the judgements (tests/gold/frame_precision.tsv)
    metaphor_recall(gold)                # the share of hand-marked metaphors (tests/gold/metaphors.tsv) found

Both samples are Wikinews `train` articles that were set aside before the lexicon was extended (the lexicon's
authors did not read them): the 30 recall articles are `sorted(Random("metaphor-recall").sample(ids, 30))`
of all train ids, the 50 precision articles `sorted(Random("frame-precision").sample(rest, 50))` of the
others (`ids` sorted as strings). A judged cue is `correct` (a cue of its category in that sentence),
`wrong_category` (a frame cue, but of another category) or `not_a_cue`; precision is the share `correct`.
Three more recall samples were marked blind, by readers who saw neither the lexicon nor the tool's output: 30
`dev` articles (`metaphors_dev.tsv`), 30 more `train` articles (`metaphors_round3.tsv`, drawn as
`round3_articles`), 40 more (`metaphors_round5.tsv`, drawn as `round5_articles`, marked before the third
extension of the lexicon) and 30 more dev articles (`metaphors_dev_round6.tsv`, `dev_recall_round6_articles`,
marked before the fourth). `evaluate_frames()` (`blickwinkel evaluate-frames`) prints every sample's figures.
"""

import json
import random
from pathlib import Path

import pandas as pd

from helpers.analysis import analyze_many
from helpers.article.formats import article_from_json
from helpers.errors import ResourceError
from helpers.framing import lexicon_of
from helpers.pipeline import DEFAULT_LEXICON
from helpers.resources import SHARED_DATA

TRAIN = SHARED_DATA / "wikinews-quotes" / "train"
DEV = SHARED_DATA / "wikinews-quotes" / "dev"
GOLD_DIR = Path(__file__).resolve().parents[3] / "tests" / "gold"
PRECISION_GOLD = GOLD_DIR / "frame_precision.tsv"
METAPHOR_GOLD = GOLD_DIR / "metaphors.tsv"
# Each hand-made sample (see its README in tests/gold) and, for the recall samples, the folder of its articles.
PRECISION_SAMPLES = {
    "round 1: 200 cues of 50 train articles": PRECISION_GOLD,
    "round 2: 35 cues of 100 train articles (metaphors over-sampled)": GOLD_DIR / "frame_precision_round2.tsv",
    "round 3: 200 cues of the round-1 articles, drawn with the lexicon of 2026-12-03 (first extension)":
        GOLD_DIR / "frame_precision_round3.tsv",
    "round 4: 200 cues of the round-1 articles, drawn with the lexicon of 2026-12-03 (second extension)":
        GOLD_DIR / "frame_precision_round4.tsv",
    "round 5: 200 cues of the round-1 articles, drawn with the lexicon of 2026-12-04 (third extension)":
        GOLD_DIR / "frame_precision_round5.tsv",
    "dev: 200 cues of 50 dev articles, drawn with the lexicon of 2026-12-04 and judged blind":
        GOLD_DIR / "frame_precision_dev.tsv",
    "dev round 6: 200 cues of 40 more dev articles, drawn with the lexicon of 2026-12-07 (fourth extension) "
    "and judged blind": GOLD_DIR / "frame_precision_dev_round6.tsv",
}
RECALL_SAMPLES = {
    "30 train articles, read while the lexicon was extended (optimistic)": (METAPHOR_GOLD, TRAIN),
    "30 dev articles, marked blind": (GOLD_DIR / "metaphors_dev.tsv", DEV),
    "30 more train articles, marked blind (round 3)": (GOLD_DIR / "metaphors_round3.tsv", TRAIN),
    "40 more train articles, marked blind (round 5)": (GOLD_DIR / "metaphors_round5.tsv", TRAIN),
    "30 more dev articles, marked blind before the fourth extension (round 6)":
        (GOLD_DIR / "metaphors_dev_round6.tsv", DEV),
}
JUDGEMENTS = ("correct", "wrong_category", "not_a_cue")
CUE_SEED = "frame-precision-cues"


def train_ids(data_dir=TRAIN) -> list[str]:
    """The ids (file stems) of the Wikinews articles of a split (train unless `data_dir` says otherwise),
    sorted as strings."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise ResourceError(f"Wikinews articles not found at {data_dir}: they lie beside the repository "
                            "in ../shared/data/wikinews-quotes")
    return sorted(path.stem for path in data_dir.glob("*.json"))


def recall_articles(data_dir=TRAIN) -> list[str]:
    """The 30 train articles whose metaphors were marked by hand (see the module docstring)."""
    return sorted(random.Random("metaphor-recall").sample(train_ids(data_dir), 30))


def precision_articles(data_dir=TRAIN) -> list[str]:
    """The 50 train articles whose cues are drawn for judging precision (none of the recall articles)."""
    recall = set(recall_articles(data_dir))
    rest = [article_id for article_id in train_ids(data_dir) if article_id not in recall]
    return sorted(random.Random("frame-precision").sample(rest, 50))


def round3_articles(data_dir=TRAIN) -> list[str]:
    """The 30 train articles of the third recall sample: neither recall nor precision articles of round 1."""
    taken = set(recall_articles(data_dir)) | set(precision_articles(data_dir))
    rest = [article_id for article_id in train_ids(data_dir) if article_id not in taken]
    return sorted(random.Random("metaphor-recall-round3").sample(rest, 30))


def round5_articles(data_dir=TRAIN) -> list[str]:
    """The 40 train articles of the fifth recall sample: in none of the earlier samples (recall, precision, round 3)."""
    taken = set(recall_articles(data_dir)) | set(precision_articles(data_dir)) | set(round3_articles(data_dir))
    rest = [article_id for article_id in train_ids(data_dir) if article_id not in taken]
    return sorted(random.Random("metaphor-recall-round5").sample(rest, 40))


def dev_precision_articles(data_dir=DEV) -> list[str]:
    """The 50 dev articles whose cues are drawn for the blind precision sample of 2026-12-04 (none of the 30 dev
    articles whose metaphors were marked, drawn as `random.Random("metaphor-recall-dev")`): dev, because every
    allowed train article was read while the lexicon was extended that day."""
    ids = train_ids(data_dir)
    marked = set(random.Random("metaphor-recall-dev").sample(ids, 30))
    return sorted(random.Random("frame-precision-dev").sample([i for i in ids if i not in marked], 50))


def _dev_rest(data_dir=DEV) -> list[str]:
    """The dev ids in neither sample of 2026-12-04 (the 30 marked for recall, the 50 of `dev_precision_articles`)."""
    ids = train_ids(data_dir)
    taken = set(random.Random("metaphor-recall-dev").sample(ids, 30)) | set(dev_precision_articles(data_dir))
    return [article_id for article_id in ids if article_id not in taken]


def dev_recall_round6_articles(data_dir=DEV) -> list[str]:
    """The 30 dev articles whose metaphors were marked blind on 2026-12-07 (round 6), before the lexicon's fourth
    extension: `sorted(Random("metaphor-recall-dev-round6").sample(rest, 30))` of the dev ids in no earlier sample."""
    return sorted(random.Random("metaphor-recall-dev-round6").sample(_dev_rest(data_dir), 30))


def dev_precision_round6_articles(data_dir=DEV) -> list[str]:
    """The other 40 dev articles in no earlier sample: their cues, drawn with the lexicon of 2026-12-07, were
    judged blind (round 6)."""
    marked = set(dev_recall_round6_articles(data_dir))
    return [article_id for article_id in _dev_rest(data_dir) if article_id not in marked]


def analysed(ids, data_dir=TRAIN, lexicon=DEFAULT_LEXICON):
    """The analyses of Wikinews articles by id, in order."""
    paths = [Path(data_dir) / f"{article_id}.json" for article_id in ids]
    articles = (article_from_json(json.loads(path.read_text(encoding="utf-8")), default_id=path.stem, source=str(path))
                for path in paths)
    return list(analyze_many(articles, lexicon=lexicon))


def draw_cues(n: int = 200, data_dir=TRAIN, lexicon=DEFAULT_LEXICON, articles=None) -> pd.DataFrame:
    """`n` cues drawn at random (seed "frame-precision-cues") from all cues of the 50 precision articles (or of
    `articles`, ids in `data_dir`), each with its sentence: the rows to judge. Columns: article_id, start, end,
    category, cue_lemma, surface, sentence.

        draw_cues(data_dir=DEV, articles=dev_precision_articles())     # the blind sample of 2026-12-04
    """
    rows = []
    for analysis in analysed(articles or precision_articles(data_dir), data_dir, lexicon):
        article = analysis.article
        for cue in analysis.frame_cues.itertuples():
            sentence = article.sentences[int(cue.sentence)]
            rows.append({"article_id": article.id, "start": cue.start, "end": cue.end, "category": cue.category,
                         "cue_lemma": cue.cue_lemma, "surface": cue.surface,
                         "sentence": " ".join(article.span(sentence.start, sentence.end).split())})
    drawn = random.Random(CUE_SEED).sample(range(len(rows)), min(n, len(rows)))
    return pd.DataFrame([rows[index] for index in sorted(drawn)])


def read_judgements(path=PRECISION_GOLD) -> pd.DataFrame:
    """The judged cues (a TSV with the columns of `draw_cues` plus judgement and note)."""
    path = Path(path)
    if not path.is_file():
        raise ResourceError(f"judged cues {path} not found: it is kept in tests/gold of a checkout")
    judged = pd.read_csv(path, sep="\t", dtype={"article_id": str}, keep_default_na=False)
    unknown = set(judged["judgement"]) - set(JUDGEMENTS)
    if unknown:
        raise ResourceError(f"{path}: unknown judgements {sorted(unknown)}; use {', '.join(JUDGEMENTS)}")
    return judged


def precision_by_category(judged: pd.DataFrame, lexicon=DEFAULT_LEXICON) -> pd.DataFrame:
    """Per category (German label) and overall: judged cues, correct ones, wrong category, not a cue,
    precision."""
    labels = {name: category.label for name, category in lexicon_of(lexicon).categories.items()}
    counts = pd.crosstab(judged["category"], judged["judgement"]).reindex(columns=list(JUDGEMENTS), fill_value=0)
    counts.loc["all"] = counts.sum()
    counts.insert(0, "judged", counts.sum(axis=1))
    counts["precision"] = (counts["correct"] / counts["judged"]).round(3)
    counts.index = [labels.get(name, name) for name in counts.index]
    return counts.rename_axis("category").reset_index()


def read_metaphors(path=METAPHOR_GOLD) -> pd.DataFrame:
    """The hand-marked metaphors (article_id, start, end, text, family, key_lemma, strength, note)."""
    path = Path(path)
    if not path.is_file():
        raise ResourceError(f"marked metaphors {path} not found: it is kept in tests/gold of a checkout")
    return pd.read_csv(path, sep="\t", dtype={"article_id": str}, keep_default_na=False)


def metaphor_recall(gold: pd.DataFrame, data_dir=TRAIN, lexicon=DEFAULT_LEXICON) -> pd.DataFrame:
    """Per metaphor family of the lexicon and overall: marked metaphors, those found by a metaphor cue of the
    same family overlapping them (`found`), by a metaphor cue of any family (`found_any_family`), and the
    recall, also without the rows marked borderline. Rows of the family `other` are not scored."""
    families = {name for name, category in lexicon_of(lexicon).categories.items() if category.group == "metaphor"}
    scored = gold[gold["family"].isin(families)].copy()
    cues = pd.concat([analysis.frame_cues for analysis in analysed(sorted(set(scored["article_id"])), data_dir,
                                                                   lexicon)], ignore_index=True)
    metaphors = cues[cues["category"].isin(families)]

    def found(row, same_family):
        hits = metaphors[(metaphors["article_id"] == row.article_id) & (metaphors["start"] < row.end)
                         & (metaphors["end"] > row.start)]
        return bool(len(hits[hits["category"] == row.family]) if same_family else len(hits))

    scored["found"] = [found(row, True) for row in scored.itertuples()]
    scored["found_any_family"] = [found(row, False) for row in scored.itertuples()]
    scored["strict"] = ~scored["note"].str.startswith("borderline")
    table = scored.groupby("family").agg(marked=("found", "size"), found=("found", "sum"),
                                         found_any_family=("found_any_family", "sum"),
                                         marked_strict=("strict", "sum"),
                                         found_strict=("found", lambda hit: int(hit[scored.loc[hit.index, "strict"]].sum())))
    table.loc["all"] = table.sum()
    table["recall"] = (table["found"] / table["marked"]).round(3)
    table["recall_any_family"] = (table["found_any_family"] / table["marked"]).round(3)
    table["recall_strict"] = (table["found_strict"] / table["marked_strict"]).round(3)
    return table.reset_index()


def evaluate_frames(lexicon=DEFAULT_LEXICON) -> dict[str, pd.DataFrame]:
    """Every hand-made sample's table, by its title: precision per category as judged (the judgements were made
    on the lexicon of their day; see the READMEs) and metaphor recall of `lexicon`, which is measured anew.

        for title, table in evaluate_frames().items(): print(title, table, sep="\n")
    """
    tables = {f"precision, {title}": precision_by_category(read_judgements(path), lexicon)
              for title, path in PRECISION_SAMPLES.items()}
    for title, (path, data_dir) in RECALL_SAMPLES.items():
        tables[f"metaphor recall, {title}"] = metaphor_recall(read_metaphors(path), data_dir, lexicon)
    return tables
