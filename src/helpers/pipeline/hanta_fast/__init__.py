# SPDX-License-Identifier: LGPL-3.0-or-later
# Copyright (c) 2026 the Blickwinkel authors. A port of parts of HanTa by Christian Wartena
# (https://github.com/wartaal/HanTa, LGPL-3.0-or-later); see LICENSES/ at the root of the project.
"""HanTa, fast: the part of Blickwinkel that is licensed LGPL-3.0-or-later, not MIT.

HanTa, the Hanover Tagger (Christian Wartena, https://github.com/wartaal/HanTa; LGPL-3.0-or-later), tags German
sentences in pure Python; with its lemmas, about 2,300 tokens/s on the 700 Wikinews train articles (one core).
This package ports its algorithms to numba and reads the attributes of its model that are not its public API,
so it is a modified version of HanTa and under HanTa's licence. The measurement that makes it worth it: with it
the tagging component runs at 30,000 tokens/s on a first run over those articles (a new word form analysed in
about 20 µs instead of 130 µs) and at 100,000 with their analyses stored. Ported from HanTa 1.2.1, `HanTa/HanoverTagger.py`:

- word_search.py: the Viterbi over the morphemes of a word (`analyze_forward`, `analyze_viterbi`, `lp_m_t`),
  with HanTa's constants (beam 3, lower bound -1e6, suffixes of up to 4 letters, lengths up to 24, 4.6 for an
  unknown whole word);
- sentence_search.py: the Viterbi over the words of a sentence (`tag_sent_viterbi`, beam 5), for all sentences
  of a Doc in one call;
- model.py: `FastHanoverTagger`, a subclass of `HanoverTagger` that builds the tables of those searches from
  the model's attributes (`LP_trans`, `LP_m_t`, `LP_s_t`, ...) and rewrites `_tag_word`, `_analyze` and
  `makelemma` around them.

The results are HanTa's to the last bit (`tests/test_hanta.py`, `benchmarks/hanta_identity.py`), for the HanTa
versions in `VERIFIED_HANTA_VERSIONS` only: `helpers.pipeline.hanta` uses this package only with one of them
and otherwise HanTa's own `tag_sent`. Importing this module itself does not import HanTa.
"""

# The HanTa releases whose model attributes and algorithms this package was compared with, bit for bit, on
# the 700 Wikinews train articles (benchmarks/hanta_identity.py). Add a version only after running that check.
VERIFIED_HANTA_VERSIONS = frozenset({"1.2.1"})
