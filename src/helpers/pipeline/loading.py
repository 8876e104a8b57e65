"""Build the pipeline: `spacy.blank("de")` (or a trained German pipeline) plus the project's components.

    nlp = load_pipeline()                                  # everything, offline
    nlp = load_pipeline(analyses=False)                    # structure and tags only
    nlp = load_pipeline(catalogs=["my_actors.yaml"], lexicon="my_frames.yaml")
    nlp = load_pipeline(base="de_core_news_sm")            # an installed trained spaCy pipeline's tags
    nlp = load_pipeline(name_model=True)                   # the learned name finder for uncatalogued names
    nlp = load_pipeline(speaker_model=False)               # quotation speakers chosen by the rules alone
"""

import gc
from functools import lru_cache

import spacy
from spacy.language import Language

import helpers.pipeline.hanta  # noqa: F401 - registers the component factories
import helpers.pipeline.structure  # noqa: F401
from helpers.errors import PipelineError

DEFAULT_LEXICON = "frames.yaml"
# The analyses' components, in the order they run (each may read the spans of those before it), with the
# module that registers each.
ANALYSES = {"blickwinkel_actors": "helpers.actors", "blickwinkel_quotes": "helpers.quotes",
            "blickwinkel_frames": "helpers.framing"}


def load_pipeline(base: str | None = None, *, analyses: bool = True, catalogs=(),
                  lexicon: str = DEFAULT_LEXICON, name_model: bool | str = False,
                  speaker_model: bool | str = True) -> Language:
    """The project's spaCy pipeline, built once per set of arguments and then reused.

        nlp = load_pipeline()
        doc = nlp("Kreml-Chef Wladimir Putin sagte, Russland sei bereit.")

    `catalogs`: actor catalog files of your own (YAML, the format of resources/actors.yaml); `lexicon`: a frame
    lexicon (a bundled name or the path of your own YAML file); `base`: an installed trained spaCy pipeline
    whose tagger replaces HanTa (the project's sentences and analyses stay); `name_model`: the names no catalog
    lists found by the learned name finder (`helpers.actors.name_model`) instead of the discovery rules (True:
    the shipped model; or the path of a model made by `blickwinkel train-names --out`); `speaker_model`: each
    quotation's speaker chosen among the rules' candidates by the learned model (`helpers.quotes.speaker_choice`;
    True, the default: the shipped model, or the path of one made by `blickwinkel train-quotes --out`; False:
    the rules' own choice).
    """
    return _build_pipeline(None if base is None else str(base), analyses, tuple(str(c) for c in catalogs),
                           str(lexicon), name_model if isinstance(name_model, bool) else str(name_model),
                           speaker_model if isinstance(speaker_model, bool) else str(speaker_model))


@lru_cache(maxsize=8)
def _build_pipeline(base, analyses, catalogs, lexicon, name_model=False, speaker_model=True):
    nlp = spacy.blank("de") if base is None else _trained_pipeline(base)
    nlp.add_pipe("blickwinkel_article", first=True)
    if base is None:
        nlp.add_pipe("blickwinkel_hanta")
    if analyses:
        configs = {"blickwinkel_actors": {"catalogs": list(catalogs), "name_model": name_model},
                   "blickwinkel_quotes": {"speaker_model": speaker_model}, "blickwinkel_frames": {"lexicon": lexicon}}
        for component, module in ANALYSES.items():
            _add_analysis(nlp, component, module, configs.get(component, {}))
    # The pipeline's tables (HanTa's model, the stored word analyses, catalogs, lexicons) live as long as the
    # process: frozen, they are no longer scanned by every full garbage collection (about 5% of an analysis).
    gc.freeze()
    return nlp


def _add_analysis(nlp, component, module, config):
    try:
        __import__(module)  # registers the component's factory
    except ImportError as error:
        raise PipelineError(
            f"the component {component} could not be imported ({error}): fix {module} or reinstall the project "
            "with `pip install -e .`"
        ) from error
    nlp.add_pipe(component, config=config)


def _trained_pipeline(base):
    try:
        nlp = spacy.load(base)
    except OSError as error:
        raise PipelineError(
            f"no trained spaCy pipeline {base!r} is installed: install one with "
            f"`python -m spacy download {base}` (e.g. de_core_news_sm), or call load_pipeline() without "
            "`base` to use the offline HanTa pipeline"
        ) from error
    if nlp.lang != "de":
        raise PipelineError(f"{base!r} is a pipeline for {nlp.lang!r}, not German: give a German pipeline")
    # Our sentence boundaries stay the Article's: a trained sentence recogniser would move them.
    if "senter" in nlp.pipe_names:
        nlp.disable_pipe("senter")
    return nlp
