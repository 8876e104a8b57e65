"""Read the project's knowledge files (YAML and word lists) from `helpers/resources/` or a user's path.

Knowledge lives in these files, never in code:

    abbreviations = word_list("abbreviations.txt")     # one entry per line, '#' starts a comment
    agencies = read_yaml("agencies.yaml")
"""

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from helpers.errors import ResourceError

RESOURCE_DIR = Path(str(resources.files("helpers") / "resources"))
# Evaluation data lies beside a checkout of the repository, in ../shared/data; it is never part of the project.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def resource_path(name_or_path):
    """The path of a bundled resource by file name, or the user's own file given as a path."""
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = RESOURCE_DIR / path
    if not path.is_file():
        raise ResourceError(
            f"resource file {name_or_path} not found: give an existing file or one of "
            f"{sorted(p.name for p in RESOURCE_DIR.iterdir())}"
        )
    return path


@lru_cache(maxsize=None)
def read_yaml(name_or_path):
    """The parsed content of a YAML resource, e.g. `read_yaml("agencies.yaml")`."""
    path = resource_path(name_or_path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ResourceError(f"{path} is not valid YAML ({error}): fix the line it names") from error


@lru_cache(maxsize=None)
def word_list(name_or_path):
    """The entries of a one-entry-per-line resource, without comments and blank lines."""
    path = resource_path(name_or_path)
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return tuple(entries)
