"""Where the quotation rules lose cue and speaker tokens on the Wikinews `train` split, grouped by pattern.

    .venv/bin/python benchmarks/quote_errors.py                    # all 700 train articles
    .venv/bin/python benchmarks/quote_errors.py --limit 200 --show 5

Only `train`: rules are developed there, and `dev` is for measuring (no --split option on purpose). The Docs
before the quote component are kept in a pickle (--cache), so that a second run only reruns the quotation
rules. Every gold quotation is paired with a found one as `evaluate-quotes` pairs them; then

- missed cue tokens are grouped by the gold cue's words (lower case) and by what happened: no quotation
  found, a quotation found without a cue, a cue elsewhere, or a cue that misses some of gold's words;
- cue tokens found but not gold's, by the found cue's words (the precision side);
- missed speaker tokens by what happened: no quotation, no speaker, another speaker, shorter or longer than
  gold's, with the gold speaker's first word's tag and an example of each.
"""

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

from helpers.evaluation.quotes import load_gold_document, pair_quotations, predicted_quotations, split_paths
from helpers.pipeline import article_doc, load_pipeline
from helpers.tables.quotes import quote_table

QUOTES = "blickwinkel_quotes"


def docs_before_quotes(paths, cache):
    """The Docs of the articles `paths` made by the pipeline up to (not with) the quote component."""
    if cache and Path(cache).exists():
        return pickle.loads(Path(cache).read_bytes())
    nlp = load_pipeline()
    with nlp.select_pipes(disable=[QUOTES, "blickwinkel_frames"]):
        docs = [nlp(article_doc(nlp, load_gold_document(path).article)) for path in paths]
    if cache:
        Path(cache).write_bytes(pickle.dumps(docs))
    return docs


def words_of(document, tokens):
    texts = [document.article.text[document.token_starts[t]:document.token_ends[t]] for t in sorted(tokens)]
    return " ".join(texts).lower()


def context(document, tokens, width=60):
    first, last = min(tokens), max(tokens)
    start, end = document.token_starts[first], document.token_ends[last]
    text = document.article.text
    return (text[max(start - width, 0):start] + "[" + text[start:end] + "]" + text[end:end + width]).replace("\n", " ")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", type=int, default=3, help="examples per group")
    parser.add_argument("--top", type=int, default=40, help="groups per table")
    parser.add_argument("--cache", default="/tmp/quote_errors_train.pkl")
    args = parser.parse_args(argv)
    paths = split_paths("train", limit=args.limit)
    docs = docs_before_quotes(paths, args.cache)
    nlp = load_pipeline()
    component = nlp.get_pipe(QUOTES)
    missed_cues, extra_cues, missed_speakers = Counter(), Counter(), Counter()
    examples = defaultdict(list)
    totals = Counter()
    for path, doc in zip(paths, docs):
        document = load_gold_document(path)
        doc = component(doc)
        predicted = predicted_quotations(quote_table(doc), document)
        gold = list(document.quotations)
        pairs = {j: i for i, j in pair_quotations(predicted, gold)}
        paired_predicted = set(pairs.values())
        for j, quotation in enumerate(gold):
            found = predicted[pairs[j]] if j in pairs else None
            cue, speaker = quotation.tokens("cue"), quotation.tokens("speaker")
            totals["gold cue"] += len(cue)
            totals["gold speaker"] += len(speaker)
            if cue:
                found_cue = found.tokens("cue") if found else frozenset()
                lost = cue - found_cue
                if lost:
                    how = "no quotation" if found is None else "no cue" if not found_cue else \
                        "other cue" if not cue & found_cue else "cue shorter"
                    key = (how, quotation.type, words_of(document, lost) if how == "cue shorter"
                           else words_of(document, cue))
                    missed_cues[key] += len(lost)
                    examples[key].append(context(document, cue))
            if speaker:
                found_speaker = found.tokens("speaker") if found else frozenset()
                lost = speaker - found_speaker
                if lost:
                    how = "no quotation" if found is None else "no speaker" if not found_speaker else \
                        "other speaker" if not speaker & found_speaker else \
                        "shorter" if found_speaker < speaker else "overlaps"
                    key = ("speaker", how, quotation.type, "cue found" if found and found.tokens("cue") else "no cue")
                    missed_speakers[key] += len(lost)
                    examples[key].append(context(document, speaker) + "  || found: " +
                                         (words_of(document, found_speaker) if found_speaker else "-"))
            if found:
                extra = found.tokens("cue") - cue
                if extra:
                    key = ("extra", quotation.type, words_of(document, extra))
                    extra_cues[key] += len(extra)
                    examples[key].append(context(document, found.tokens("cue")))
        for i, quotation in enumerate(predicted):
            if i not in paired_predicted and quotation.tokens("cue"):
                key = ("extra, unpaired", quotation.type, words_of(document, quotation.tokens("cue")))
                extra_cues[key] += len(quotation.tokens("cue"))
                examples[key].append(context(document, quotation.tokens("cue")))
    print(dict(totals), file=sys.stdout)
    for title, counter in (("missed cue tokens", missed_cues), ("extra cue tokens", extra_cues),
                           ("missed speaker tokens", missed_speakers)):
        print(f"\n== {title}: {sum(counter.values())}")
        by_how = Counter()
        for key, count in counter.items():
            by_how[key[:2] if title.startswith("missed speaker") else key[0]] += count
        print("   by kind:", dict(by_how.most_common()))
        for key, count in counter.most_common(args.top):
            print(f"{count:5d}  {' | '.join(key)}")
            for example in examples[key][:args.show]:
                print("         ", example)


if __name__ == "__main__":
    main()
