"""Separable verbs: "annähern" is the verb "nähern" with the particle "an", which a main clause separates
from the verb and puts at its end ("Paris und Moskau nähern sich an", STTS `PTKVZ`).

    particle_splits("annähern")        # (('an', 'nähern'),)
    particle_splits("Annäherung")      # (): not a verb

The particles are `resources/separable_particles.txt`.
"""

from functools import lru_cache

from helpers.resources import word_list


@lru_cache(maxsize=None)
def separable_particles() -> frozenset:
    """The particles of `separable_particles.txt`: an, auf, aus, zurück, zusammen ..."""
    return frozenset(word_list("separable_particles.txt"))


@lru_cache(maxsize=4096)
def particle_splits(lemma: str) -> tuple[tuple[str, str], ...]:
    """Every (particle, verb) a verb lemma may be separated into, longest particle first: "zurückweisen"
    gives ('zurück', 'weisen') and ('zu', 'rückweisen'); a verb that is no word never matches a text.

        particle_splits("zusammenarbeiten")     # (('zusammen', 'arbeiten'), ('zu', 'sammenarbeiten'))
    """
    # a verb lemma is an infinitive: lower case, ending in -n
    if not lemma[:1].islower() or not lemma.endswith("n"):
        return ()
    return tuple((lemma[:length], lemma[length:]) for length in range(len(lemma) - 2, 0, -1)
                 if lemma[:length] in separable_particles())
