import os
import time
from pathlib import Path

import pytest

from helpers.cli import main


def pytest_collection_modifyitems(config, items):
    """Tests marked `slow` (a minute or more each) run in CI, where .ci/run sets BLICKWINKEL_SLOW_TESTS=1."""
    if os.environ.get("BLICKWINKEL_SLOW_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="slow: runs with BLICKWINKEL_SLOW_TESTS=1, as in CI (.ci/run)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory):
    """Word analyses stored by the tests (and the processes they start) go to a temporary folder, not ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("blickwinkel_cache")
        patch.setenv("BLICKWINKEL_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def rendered_report(tmp_path_factory):
    """`blickwinkel report ARTICLE` with every notebook, run at most once per article and test session (a report
    takes 20–40 s here): a function from an article's path to (report folder, exit code, seconds)."""
    reports = {}

    def render(path):
        path = Path(path).resolve()
        if path not in reports:
            out = tmp_path_factory.mktemp("bericht")
            started = time.perf_counter()
            code = main(["report", str(path), "--out", str(out)])
            reports[path] = out, code, time.perf_counter() - started
        return reports[path]

    return render
