"""Actors: who a German news article talks about, and in which words.

    from helpers.actors import load_catalog, promote
    load_catalog().forms["Russen"]           # Form(actor_id='russia', kind='demonym')

`catalog` reads the actor catalog (`resources/actors.yaml` plus the user's files), `catalog_matcher` finds its
forms in a Doc, `discovery` finds the names no catalog lists, `component` writes both into
`doc.spans["actors"]`, `promote` adds discovered names to the user's catalog. The table of mentions is
`helpers.tables.mentions`.
"""

from helpers.actors.catalog import ACTOR_TYPES, Actor, Catalog, load_catalog
from helpers.actors.component import SPAN_KEY, make_actor_component
from helpers.actors.promote import promote

__all__ = ["ACTOR_TYPES", "Actor", "Catalog", "SPAN_KEY", "load_catalog", "make_actor_component", "promote"]
