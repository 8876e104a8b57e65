import pytest


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory):
    """Word analyses stored by the tests (and the processes they start) go to a temporary folder, not ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("blickwinkel_cache")
        patch.setenv("BLICKWINKEL_CACHE_DIR", str(folder))
        yield folder
