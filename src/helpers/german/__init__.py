"""German grammar as the analyses need it: STTS tag sets, word forms, Konjunktiv I, quotation marks.

    from helpers.german import stts, word_forms
    stts.FINITE_VERBS                 # frozenset({'VVFIN', 'VAFIN', 'VMFIN'})
    word_forms.genitive("Putin")      # ['Putins']

The word lists behind these modules are resource files (`resources/konjunktiv_forms.txt`, `konjunktiv_ii_forms.txt`,
`resources/quotation_marks.yaml`); the analyses (actors, quotes, framing) import their grammar from here
instead of writing tag sets or endings of their own.
"""
