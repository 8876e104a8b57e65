"""Quotation marks in a text: where each quotation opens and closes, nested quotes inside the outer one.

    quotation_spans('Er sagte: „Wir kommen ‚bald‘.“')     # [(10, 30)]
"""

import warnings

from helpers.errors import BlickwinkelWarning
from helpers.german.quotation_marks import any_mark, closers_of, is_apostrophe, may_close, may_open


def quotation_spans(text: str, start: int = 0, end: int | None = None,
                    where: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of the outermost quotations between two offsets, marks included.

        quotation_spans('Er sagte: „Wir kommen ‚bald‘.“')     # [(10, 30)]

    Marks pair up as `quotation_marks.yaml` says, nested quotes stay inside the outer one. A quotation that is
    not closed by the end of the stretch, or a closing mark without an opening one, is reported with a
    `BlickwinkelWarning` (naming `where` the text comes from, if given) and skipped; the quotes inside an
    unclosed one are kept.
    """
    place = f"{where}: " if where else ""
    end = len(text) if end is None else end
    closers, any_quotation_mark = closers_of(), any_mark()
    spans = []
    stack = []  # open quotations: [mark, offset, closed quotations inside]
    for found in any_quotation_mark.finditer(text, start, end):
        mark, offset = found.group(), found.start()
        if is_apostrophe(text, offset):
            continue
        depth = next((d for d in range(len(stack) - 1, -1, -1)
                      if mark in closers[stack[d][0]] and may_close(text, offset, mark)), None)
        if depth is not None and (mark not in closers or not may_open(text, offset, mark)
                                  or depth == len(stack) - 1):
            for unclosed in stack[depth + 1:]:
                _warn_unclosed(text, unclosed[1], place)
                stack[depth][2].extend(unclosed[2])
            opener = stack[depth]
            del stack[depth:]
            (stack[-1][2] if stack else spans).append((opener[1], offset + 1))
        elif mark in closers and may_open(text, offset, mark):
            stack.append([mark, offset, []])
        else:
            warnings.warn(
                f"{place}closing quotation mark {mark} at offset {offset} has no opening mark: it is ignored",
                BlickwinkelWarning, stacklevel=2,
            )
    for unclosed in stack:
        _warn_unclosed(text, unclosed[1], place)
        spans.extend(unclosed[2])
    return sorted(spans)


def _warn_unclosed(text, offset, place):
    warnings.warn(
        f"{place}quotation mark {text[offset]} at offset {offset} is not closed in its paragraph "
        f"({text[offset:offset + 40]!r}…): it is not taken as a quotation; check the marks",
        BlickwinkelWarning, stacklevel=3,
    )
