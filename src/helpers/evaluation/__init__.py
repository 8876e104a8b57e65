"""How good the analyses are, measured against gold data read at run time from ../shared/data.

    from helpers.evaluation.quotes import evaluate, format_scores      # Wikinews quotations
    from helpers.evaluation.names import evaluate_names                # GermEval 2014 names
"""
