"""HanTa's word analyses on disk, so that a new process does not analyse the word forms of earlier runs again.

    word_analyses().get("lemmas", ("sagte", 22), lambda: "sagen")    # the stored value, else the new one
    save_word_analyses()                                              # done at exit and after each corpus run

Three tables, by key: "candidates", (word form, case sensitive) -> ((tag number, log p), ...), and "lemmas",
(word form, tag number) -> lemma, as HanTa gives them (`helpers.pipeline.hanta` asks for them), and
"name_vectors", (name model digest, word form) -> the learned name finder's summed word scores as float32 bytes
(`helpers.actors.name_model`, used only with the model on). The file
(`word_cache_path()`: `$BLICKWINKEL_CACHE_DIR`, else `$XDG_CACHE_HOME/blickwinkel` or `~/.cache/blickwinkel`)
holds the `WORD_CACHE_SIZE` most recently used entries of each table (2 MB for the 28,000 forms of the 700
Wikinews train articles, read in 0.03 s); it is written at exit and by `save_word_analyses` when the analyses
grew by 1%, and ignored (and replaced) when HanTa, the code that analyses (`hanta_fast`) or the tag tables
change (`analyses_version`). `BLICKWINKEL_CACHE_DIR=""` turns it off.
"""

import atexit
import hashlib
import itertools
import os
import pickle
import warnings
from collections import OrderedDict
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from helpers.errors import BlickwinkelWarning
from helpers.pipeline import hanta_fast
from helpers.resources import resource_path

HANTA_MODEL = "morphmodel_ger.pgz"  # HanTa's German model, whose analyses are stored
WORD_CACHE_SIZE = 100_000  # word forms, and (word form, tag) pairs, kept per process
WORD_CACHE_FILE = "hanta_words.pickle"  # in the user's cache folder, see `word_cache_path`
WORD_CACHE_FORMAT = 2  # raise when the stored tables change shape
# (word, case sensitive) -> ((tag, score), ...); (word, tag) -> lemma; (model digest, word) -> bytes
WORD_CACHE_TABLES = ("candidates", "lemmas", "name_vectors")
# The file is rewritten when the new analyses are at least this share of its entries: writing an entry costs
# about 1 µs, analysing a word about 40 µs, so a run that adds a few words to a full file would lose time writing.
WORD_CACHE_NEW_SHARE = 0.01


def word_cache_path():
    """The file of stored word analyses, or None when `BLICKWINKEL_CACHE_DIR` is set to "" (no disk cache).

    The folder is `$BLICKWINKEL_CACHE_DIR` if set, else `$XDG_CACHE_HOME/blickwinkel`, else `~/.cache/blickwinkel`.
    """
    folder = os.environ.get("BLICKWINKEL_CACHE_DIR")
    if folder is None:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "blickwinkel"
    elif not folder:
        return None
    return Path(folder) / WORD_CACHE_FILE


@lru_cache(maxsize=None)
def analyses_version():
    """A digest of all a stored analysis depends on: a stored file with another digest is not used.

    HanTa's version and model, the code that analyses (the files of `hanta_fast`), the tag tables, and the file
    format.
    """
    try:
        hanta_version = version("HanTa")
    except PackageNotFoundError:
        hanta_version = "unknown"
    digest = hashlib.sha256(f"{WORD_CACHE_FORMAT} HanTa {hanta_version} {HANTA_MODEL}".encode())
    code = sorted(Path(hanta_fast.__file__).parent.glob("*.py"))
    for path in (*code, resource_path("hanta_to_stts.tsv"), resource_path("stts_to_upos.tsv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class WordAnalyses:
    """HanTa's analyses by table ('candidates', 'lemmas') and key: those read from the file of earlier runs,
    and those this process used or made, in the order of their first use (the most recent are kept on disk)."""

    def __init__(self, path):
        self.path = path
        self.earlier = _read_analyses(path)
        self.stored = sum(map(len, self.earlier.values()))  # entries in the file
        self.used = {table: OrderedDict() for table in WORD_CACHE_TABLES}
        self.added = 0  # analyses made since the file was last written

    def get(self, table, key, analyse):
        """The value of a key: this process's, else the file's, else `analyse()` (as `get_many` for one key,
        written out: it is called for each new word form of a Doc)."""
        used = self.used[table]
        value = used.get(key)
        if value is None:
            value = self.earlier[table].pop(key, None)
            if value is None:
                value = analyse()
                self.added += 1
            self._use(used, key, value)
        return value

    def get_many(self, table, keys, analyse):
        """The values of distinct keys (as `get`); those neither in this process nor in the file come from one
        call `analyse(missing keys)`, which returns their values in that order."""
        used, earlier = self.used[table], self.earlier[table]
        values = [used.get(key) for key in keys]
        for at, key in enumerate(keys):
            if values[at] is None:
                values[at] = earlier.pop(key, None)
        missing = [at for at, value in enumerate(values) if value is None]
        if missing:
            for at, value in zip(missing, analyse([keys[at] for at in missing])):
                values[at] = value
            self.added += len(missing)
        for key, value in zip(keys, values):
            if key not in used:
                self._use(used, key, value)
        return values

    @staticmethod
    def _use(used, key, value):
        """Keep a new entry among those used, forgetting the oldest beyond `WORD_CACHE_SIZE`."""
        used[key] = value
        if len(used) > WORD_CACHE_SIZE:
            used.popitem(last=False)

    def save(self):
        """Write the file if this process made enough new analyses (`WORD_CACHE_NEW_SHARE`), merged with the
        file as other processes may have left it; written to a temporary file and then renamed, so that a reader
        never sees half a file (of two processes writing at once, the last one wins)."""
        if self.path is None or not self.added or self.added < WORD_CACHE_NEW_SHARE * self.stored:
            return
        on_disk = _read_analyses(self.path, warn=False)  # a damaged file was reported when it was read
        tables = {}
        for table, used in self.used.items():
            merged = {key: value for key, value in on_disk[table].items() if key not in used}
            merged.update(used)
            tables[table] = dict(itertools.islice(merged.items(), max(0, len(merged) - WORD_CACHE_SIZE), None))
        content = {"version": analyses_version(), **tables}
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")  # one per process writing at once
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(pickle.dumps(content, protocol=5))
            os.replace(temp, self.path)
        except OSError as error:
            temp.unlink(missing_ok=True)
            warnings.warn(f"could not store word analyses in {self.path} ({error}): the next run analyses the "
                          "words again; set BLICKWINKEL_CACHE_DIR to a writable folder, or to '' to store none",
                          BlickwinkelWarning, stacklevel=2)
            return
        self.added = 0
        self.stored = sum(map(len, tables.values()))


class _PlainUnpickler(pickle.Unpickler):
    """Reads only plain data (dicts, tuples, strings, numbers): a file that names a class or function is refused."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _read_analyses(path, warn=True):
    """The tables of a stored file; empty if there is none, or it is of another version, or unreadable."""
    empty = {table: {} for table in WORD_CACHE_TABLES}
    if path is None or not path.is_file():
        return empty
    try:
        with path.open("rb") as file:
            content = _PlainUnpickler(file).load()
        if content["version"] != analyses_version():
            return empty  # made by another HanTa or another version of this code: analysed anew and replaced
        return {table: dict(content.get(table, {})) for table in WORD_CACHE_TABLES}
    except Exception as error:  # noqa: BLE001 - unpickling a damaged file can raise almost anything
        if warn:
            warnings.warn(f"ignored the stored word analyses in {path}: the file is damaged ({type(error).__name__}: "
                          f"{error}); it will be replaced", BlickwinkelWarning, stacklevel=2)
        return empty


_word_analyses = None
_also_cleared = []  # functions that forget what was built from the word analyses, see `on_clear`


def word_analyses():
    """The stored word analyses of this process, read from `word_cache_path()` on first use."""
    global _word_analyses
    if _word_analyses is None:
        _word_analyses = WordAnalyses(word_cache_path())
    return _word_analyses


@atexit.register
def save_word_analyses():
    """Store the word analyses made in this process (done at exit and by `helpers.analysis.analyze_many`; cheap if none)."""
    if _word_analyses is not None:
        _word_analyses.save()


def clear_word_caches():
    """Forget all word analyses in memory (not on disk): the next word is analysed as in a new process,
    which reads the file again (and `BLICKWINKEL_CACHE_DIR` with it). Unsaved analyses are lost."""
    global _word_analyses
    _word_analyses = None
    for forget in _also_cleared:
        forget()


def on_clear(forget):
    """Have `clear_word_caches` also call `forget()`, which forgets what a module built from the word analyses.

        on_clear(analysis.cache_clear)
    """
    _also_cleared.append(forget)
