"""Render the project's notebooks for one article into a self-contained HTML report.

    index = render_report("data/dpa_frankreich_russland_is.txt", "reports/")
    # reports/01_load_article.html, reports/01_load_article.ipynb, ..., reports/index.html

Each notebook runs with papermill (its `ARTICLE` parameter set to the article's absolute path, the
notebooks folder as working directory), and the executed notebook is exported with nbconvert. Figures are
embedded as base64 images, so a report file can be mailed or opened offline on its own. Code is hidden
unless `show_code=True`.

Article text reaches the HTML only through outputs that escape it (the highlight renderer in
`helpers.highlight`, pandas tables, the summary page). As a second line of defence every page forbids scripts with a
Content-Security-Policy: a report is a document, nothing in it needs to run.
"""

import html
import sys
import tempfile
import time
from pathlib import Path

from helpers.article import load_article
from helpers.errors import BlickwinkelError

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
REPORT_NOTEBOOKS = "0[1-4]_*.ipynb"
COMPARE_NOTEBOOK = "06_compare.ipynb"  # with a second article: the two compared (parameters ARTICLE_A, ARTICLE_B)
KERNEL_NAME = "python3"
TEST_MARKER = "# NBVAL_CHECK_OUTPUT"  # a cell whose output the tests compare
# Images and styles are inline; nothing else may load or run.
CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"
SECURITY_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
# nbconvert's lab page without its CDN scripts (require.js, MathJax, Mermaid): the report needs none of them.
REPORT_TEMPLATE = (
    "{%- extends 'lab/index.html.j2' -%}\n"
    "{%- block html_head_js -%}" + SECURITY_META + "{%- endblock html_head_js -%}\n"
    "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
    "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
)


def report_notebooks(notebooks=None):
    """The notebooks a report runs, in order: the given names/paths, or every `notebooks/0[1-4]_*.ipynb`.

        report_notebooks(["01_load_article"])   # [Path('.../notebooks/01_load_article.ipynb')]
    """
    if notebooks is None:
        found = sorted(NOTEBOOKS_DIR.glob(REPORT_NOTEBOOKS))
        if not found:
            raise BlickwinkelError(
                f"no report notebooks ({REPORT_NOTEBOOKS}) in {NOTEBOOKS_DIR}: run the report from a checkout "
                "of the project, or pass notebook paths"
            )
        return found
    paths = []
    for notebook in notebooks:
        path = Path(notebook)
        if not path.exists():
            path = NOTEBOOKS_DIR / Path(notebook).with_suffix(".ipynb").name
        if not path.is_file():
            raise BlickwinkelError(
                f"notebook {notebook} not found (looked in {NOTEBOOKS_DIR}): give a notebook path or a name "
                f"like '01_load_article'"
            )
        paths.append(path)
    return paths


def render_report(article_path, out_dir, *, notebooks=None, show_code=False, progress=True, compare_with=None):
    """Run the report notebooks for one article and write HTML pages, executed notebooks and `index.html`.

        render_report("data/dpa_frankreich_russland_is.txt", "reports/", notebooks=["01_load_article"])
        render_report("a.txt", "reports/", compare_with="b.txt")     # ... and 06_compare for a and b

    With `compare_with`, a second article, the report also has the comparison notebook (`COMPARE_NOTEBOOK`)
    for the two, after the article's own pages. Returns the path of `index.html`. A notebook that fails raises
    `BlickwinkelError` naming the notebook and the failing cell.
    """
    article_path = Path(article_path).resolve()
    article = load_article(article_path)  # fails early, with the loader's message, on a bad input
    paths = report_notebooks(notebooks)
    runs = [(notebook, {"ARTICLE": str(article_path)}, article.display_title) for notebook in paths]
    if compare_with is not None:
        other_path = Path(compare_with).resolve()
        other = load_article(other_path)
        runs.append((report_notebooks([COMPARE_NOTEBOOK])[0],
                     {"ARTICLE_A": str(article_path), "ARTICLE_B": str(other_path)},
                     f"{article.display_title} – {other.display_title}"))
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise BlickwinkelError(f"{out_dir} is a file, not a folder: give --out a new or an existing folder for the report")
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for number, (notebook, parameters, subject) in enumerate(runs, start=1):
        started = time.perf_counter()
        executed = out_dir / notebook.name
        run_notebook(notebook, executed, article_path, parameters=parameters)
        page = out_dir / f"{notebook.stem}.html"
        title = f"{notebook.stem}: {subject}"
        page.write_text(notebook_html(executed, title=title, show_code=show_code), encoding="utf-8")
        pages.append(page)
        if progress:
            seconds = time.perf_counter() - started
            print(f"[{number}/{len(runs)}] {notebook.stem}: {page} ({seconds:.1f} s)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    index = out_dir / "index.html"
    index.write_text(index_html(article, pages), encoding="utf-8")
    if progress:
        print(f"Übersicht: {index} ({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)
    return index


def run_notebook(notebook, executed, article_path, parameters=None):
    """Execute `notebook` with papermill for one article, writing the executed copy to `executed`.
    `parameters` replace the default {"ARTICLE": article_path} (the comparison takes ARTICLE_A, ARTICLE_B)."""
    import papermill  # slow to import, and only needed for reports
    from traitlets.config import Config

    try:
        # The kernel talks over local sockets in a private folder, not over TCP ports any user could reach.
        with tempfile.TemporaryDirectory(prefix="blickwinkel-kernel-") as sockets:
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=parameters or {"ARTICLE": str(article_path)},
                kernel_name=KERNEL_NAME,
                config=Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}}),
                cwd=str(notebook.parent),
                progress_bar=False,
            )
    except papermill.PapermillExecutionError as error:
        raise BlickwinkelError(
            f"notebook {notebook.name} failed in cell {error.exec_count} for {article_path.name}: "
            f"{error.ename}: {error.evalue} (the executed notebook with the traceback is {executed})"
        ) from error
    except papermill.PapermillException as error:
        raise BlickwinkelError(f"notebook {notebook.name} could not be run: {error}") from error


def notebook_html(notebook, *, title=None, show_code=False):
    """A standalone HTML page of an executed notebook: figures inline, code hidden unless `show_code`."""
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_loaders=[jinja2.DictLoader({"blickwinkel_report.html.j2": REPORT_TEMPLATE})],
        template_file="blickwinkel_report.html.j2",
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    notebook = Path(notebook)
    resources = {"metadata": {"name": title or notebook.stem}}
    node = nbformat.read(notebook, as_version=4)
    # the pinned values the tests compare (nbval) are for developers, not for the report's readers
    node.cells = [cell for cell in node.cells if TEST_MARKER not in cell.source.splitlines()]
    page, _ = exporter.from_notebook_node(node, resources=resources)
    return page


def index_html(article, pages):
    """The report's start page: the article summarised in German (see `helpers.summary.page`), with a link to
    each notebook page, titled by the notebook's first heading."""
    from helpers.analysis import analyze
    from helpers.summary.page import summary_page

    links = [(page.name, notebook_heading(page.with_suffix(".ipynb"))) for page in pages]
    return summary_page(analyze(article), links, security_meta=SECURITY_META)


def notebook_heading(notebook):
    """The first Markdown heading of a notebook ('1 · Einen Artikel laden ...'), or its file name."""
    import nbformat

    if notebook.exists():
        for cell in nbformat.read(notebook, as_version=4).cells:
            if cell.cell_type == "markdown":
                for line in cell.source.splitlines():
                    if line.startswith("#"):
                        return line.lstrip("#").strip()
    return notebook.stem
