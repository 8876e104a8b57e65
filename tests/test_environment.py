"""environment.yml (conda) and pyproject.toml (pip) must ask for the same packages and versions."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def requirement(line):
    """'dask[dataframe]>=2024.1' -> ('dask', '>=2024.1'): name without extras, lower case; the version spec."""
    match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(.*?)\s*", line)
    return match[1].lower().replace("_", "-"), match[2].replace(" ", "")


def pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(requirement(line) for line in lines)


def environment_requirements():
    dependencies = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda = [entry for entry in dependencies if isinstance(entry, str)]
    pip = next(entry["pip"] for entry in dependencies if isinstance(entry, dict))
    lines = conda + [line for line in pip if not line.startswith("-e")]
    return {name: spec for name, spec in map(requirement, lines) if name not in {"python", "pip"}}


def test_environment_and_pyproject_ask_for_the_same_packages():
    assert environment_requirements() == pyproject_requirements()


def test_environment_installs_the_project_itself():
    dependencies = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    pip = next(entry["pip"] for entry in dependencies if isinstance(entry, dict))
    assert "-e .[test]" in pip
