"""Promote discovered names into the user's own actor catalog, so that the next run recognises them.

    promote(discovered_names(mentions), "my_actors.yaml")
    load_pipeline(catalogs=["my_actors.yaml"])
"""

import datetime
from pathlib import Path

import pandas as pd
import yaml

from helpers.actors.catalog import ACTOR_TYPES, catalog_written
from helpers.errors import ResourceError
from helpers.german.word_forms import slug

CATALOG_HEADER = """\
# Mein Akteurskatalog für Blickwinkel, im Format von helpers/resources/actors.yaml (dort erklärt).
# Verwenden mit analyze(artikel, catalogs=["{name}"]) oder blickwinkel mentions ... --catalog {name}

actors:
"""


def promote(names, path: str | Path, actor_type: str | None = None) -> list[str]:
    """Append names to the user's catalog file (created if missing), so that the next run recognises them.

        promote(discovered_names(mentions), "my_actors.yaml")         # a table from discovered_names
        promote(["Sigmar Gabriel"], "my_actors.yaml", actor_type="person")

    A person also gets the surname alone ('Gabriel'); genitives are generated as for every catalog name.
    Names whose id the file already has are skipped. Returns the ids written.
    """
    path = Path(path)
    if isinstance(names, pd.DataFrame):
        entries = list(zip(names["actor"], names["actor_type"]))
    else:
        entries = [(name, actor_type or "other") for name in names]
    existing = path.read_text(encoding="utf-8") if path.exists() else CATALOG_HEADER.format(name=path.name)
    known = {entry.get("id") for entry in (yaml.safe_load(existing) or {}).get("actors") or []}
    today = datetime.date.today().isoformat()
    written = []
    blocks = []
    for name, kind_of_actor in entries:
        if kind_of_actor not in ACTOR_TYPES:
            raise ResourceError(f"cannot promote {name!r} as {kind_of_actor!r}: use one of {', '.join(ACTOR_TYPES)}")
        actor_id = slug(name)
        if actor_id in known or actor_id in written:
            continue
        forms = [name]
        if kind_of_actor == "person" and " " in name:
            forms.append(name.rsplit(" ", 1)[1])
        blocks.append(yaml.safe_dump(
            [{"id": actor_id, "name": name, "type": kind_of_actor, "names": forms}],
            allow_unicode=True, sort_keys=False, default_flow_style=None,
        ).replace("- id:", f"# übernommen aus den entdeckten Namen am {today}\n- id:"))
        written.append(actor_id)
    if not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + "".join(_indented(block) for block in blocks), encoding="utf-8")
    catalog_written()
    return written


def _indented(block):
    return "".join("  " + line + "\n" for line in block.splitlines())
