# SPDX-License-Identifier: LGPL-3.0-or-later
# Copyright (c) 2026 the Blickwinkel authors. A port of parts of HanTa by Christian Wartena
# (https://github.com/wartaal/HanTa, LGPL-3.0-or-later); see LICENSES/ at the root of the project.
"""What both compiled searches share: numba's cache, growing arrays, HanTa's beam and its lower bound."""

import numba
import numpy

LOWER_BOUND = -1e6  # HanTa: paths below this log probability are dropped
NEGATIVE_INFINITY = float("-inf")


def compiled(function):
    """`function` compiled by numba on its first call and kept in numba's cache (`__pycache__` beside this file,
    else numba's folder in the user's cache), so that later processes load it; compiled anew in each process,
    silently, when neither folder is writable."""
    try:
        return numba.njit(cache=True)(function)
    except RuntimeError:  # numba found no writable folder for its cache
        return numba.njit(function)


@compiled
def beam_bound(scores, best_scores):
    """HanTa's beam: the len(best_scores)th best of `scores` less 1 (`best_scores` is room for the best)."""
    best_scores[:] = NEGATIVE_INFINITY
    for score in scores:
        if score > best_scores[-1]:
            at = len(best_scores) - 1
            while at > 0 and best_scores[at - 1] < score:
                best_scores[at] = best_scores[at - 1]
                at -= 1
            best_scores[at] = score
    return best_scores[-1] - 1


@compiled
def longer(array, size):
    """A copy of `array` with room for at least `size` elements (twice as many, so that growing is rare); the
    new ones are -1, which in `candidate_ends` means "not looked up yet"."""
    grown = numpy.full(max(size, 2 * len(array)), -1, dtype=array.dtype)
    grown[:len(array)] = array
    return grown
