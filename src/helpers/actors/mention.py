"""A mention while the actor component finds it: tokens, actor, and how the text refers to the actor."""

from dataclasses import dataclass


@dataclass
class FoundMention:
    """A mention found in a Doc: tokens [start, end), the actor, and how it is referred to.

        FoundMention(3, 5, "putin", "name")
    """

    start: int
    end: int
    actor_id: str | None
    kind: str  # name, demonym, metonym, role, compound or discovered
    title: str | None = None  # the role title for kind "role"
    name_start: int | None = None  # first token of the name when a role or compound precedes it
    derived: bool = False  # a demonym or adjective (russische, Berliner) rather than the name itself
    name: str | None = None  # a discovered actor's name and type
    actor_type: str | None = None


def names_a_person(mention: FoundMention, catalog) -> bool:
    """Whether a mention names a person: a catalog actor of type person, or one the catalog does not know (a
    discovered name, or a description referring to one) of type person."""
    if mention.actor_id not in catalog.actors:
        return mention.actor_type == "person"
    return catalog.actor(mention.actor_id).type == "person"
