from pathlib import Path

import pytest

from helpers import analyze, load_article
from helpers.actors.discovery import NameDiscovery

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [ROOT / "data" / "dpa_frankreich_russland_is.txt",
            *sorted((ROOT / "tests" / "articles").glob("*.txt")), ROOT / "tests" / "articles" / "artikel.json"]
# each way a name starts: before a legal form, a town after "in" (Kerpen, tagged NN), a first name, an initial,
# a place's adjective, before a place's or an organisation's noun, a state's adjective opening a name, a particle
EXAMPLE = ("Der Vorstand der Carlsen GmbH traf in Kerpen am Montag Heiko Maas und A. Wiegemann. Frankfurter "
           "Bürger lasen die Berliner Zeitung, der Deutsche Städtetag schwieg, der Arzt al-Masri auch.")


def example():
    return load_article(EXAMPLE, article_id="beispiel")


def mention_rows(source):
    return analyze(source).mentions[["start", "end", "actor_id", "kind", "actor_type"]].values.tolist()


def test_discovery_finds_each_way_a_name_starts():
    mentions = analyze(example()).mentions
    assert list(zip(mentions["surface"], mentions["kind"], mentions["actor_type"])) == [
        ("Carlsen GmbH", "discovered", "organisation"), ("Kerpen", "discovered", "place"),
        ("Heiko Maas", "discovered", "person"), ("A. Wiegemann", "discovered", "person"),
        ("Frankfurter", "discovered", "place"), ("Berliner Zeitung", "discovered", "organisation"),
        ("Deutsche Städtetag", "discovered", "organisation"), ("al-Masri", "discovered", "person")]


@pytest.mark.parametrize("source", [*ARTICLES, "beispiel"], ids=lambda source: getattr(source, "name", source))
def test_discovery_finds_the_same_names_when_it_reads_every_uncovered_token(source, monkeypatch):
    source = example() if source == "beispiel" else source
    found = mention_rows(source)
    monkeypatch.setattr(NameDiscovery, "_possible_starts",
                        lambda self, texts, covered: [position for position in range(len(texts))
                                                      if not covered[position]])
    assert mention_rows(source) == found
