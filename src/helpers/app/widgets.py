"""The explorer: paste an article or choose a file, press "Analysieren", read what Blickwinkel finds.

    from helpers.app import explorer
    explorer()            # in JupyterLab, or as the Voilà app of `blickwinkel app`

The widgets only read the input (`helpers.app.inputs`), run `analyze` and show the views of
`helpers.app.views` in four tabs: the marked text (each layer switchable), who is mentioned and who speaks,
the frames, one actor. A bad input or a failed analysis is a German message above the tabs; nothing the
article contains is ever run. The spaCy pipeline starts loading in the background as soon as the explorer is
shown, so that the first analysis need not wait for all of it.
"""

import html
import threading
from pathlib import Path
import traceback

import ipywidgets as widgets
from IPython.display import HTML, display

from helpers.analysis import Analysis, analyze
from helpers.app.inputs import FILE_SUFFIXES, noting, read_input
from helpers.app.views import LAYERS, actor_choices, actor_view, article_heading, frames, highlighted_text, overview
from helpers.errors import BlickwinkelError
from helpers.pipeline import load_pipeline

INTRODUCTION = (
    "<h2 style='margin-bottom:0.2em'>Blickwinkel: Wer wird erwähnt, wer spricht, wie wird erzählt?</h2>"
    "<p style='margin-top:0;max-width:60em'>Fügen Sie den Text eines deutschen Nachrichtenartikels in das Feld "
    "ein oder wählen Sie eine Datei (.txt, .html oder .json), und drücken Sie <b>Analysieren</b>. Alle "
    "Ergebnisse sind automatisch berechnet: Prüfen Sie sie im markierten Text, bevor Sie sich darauf stützen.</p>"
)
# Tab titles as wide as their words (ipywidgets cuts them at a fixed width); the text field inside the border.
STYLE = ("<style>.blickwinkel-explorer .lm-TabBar-tab{flex:0 0 auto!important;max-width:none!important;"
         "padding:0 1.2em!important}.blickwinkel-explorer .widget-textarea{width:calc(100% - 8px)}"
         ".blickwinkel-explorer .widget-html-content{line-height:1.5}</style>")
SHOWN_LAYERS = {"mentions", "quotes"}  # at first: the frame cues would make the text hard to read at a glance
TABS = ("Markierter Text", "Wer wird erwähnt, wer spricht?", "Frames", "Ein Akteur im Blick")
STEPS = ("Der Text wird gelesen …", "Das Sprachmodell wird geladen (beim ersten Mal bis zu einer Minute) …",
         "Der Artikel wird analysiert …", "Die Ergebnisse werden dargestellt …")
NO_ACTOR = "In diesem Artikel erkennt das Programm keine Akteure."
UNEXPECTED = ("Bei der Analyse ist ein unerwarteter Fehler aufgetreten. Versuchen Sie es mit einem anderen Text; "
              "wenn der Fehler bleibt, geben Sie diese Meldung an die Entwickler weiter:")
EXAMPLE = Path(__file__).resolve().parents[3] / "data" / "dpa_frankreich_russland_is.txt"  # in a checkout
_PIPELINE_LOCK = threading.Lock()  # the background load and a first analysis must not build the pipeline twice


def explorer() -> None:
    """Show the explorer in a notebook or a Voilà app (`Explorer().widget` is the widget itself).

        from helpers.app import explorer
        explorer()
    """
    display(Explorer().widget)
    threading.Thread(target=_pipeline, name="blickwinkel-pipeline", daemon=True).start()


def _pipeline():
    with _PIPELINE_LOCK:
        return load_pipeline()


class Explorer:
    """The explorer's widgets and what happens when they are used; `widget` is the whole of it."""

    def __init__(self):
        self.analysis: Analysis | None = None
        self.text = widgets.Textarea(placeholder="Text des Artikels hier einfügen …",
                                     layout=widgets.Layout(height="14em"))
        self.upload = widgets.FileUpload(accept=",".join(FILE_SUFFIXES), multiple=False,
                                         description="Datei wählen", layout=widgets.Layout(width="auto"))
        self.chosen = widgets.HTML()
        self.example = widgets.Button(description="Beispielartikel einfügen", icon="file-text-o",
                                      tooltip="Fügt den mitgelieferten dpa-Artikel in das Textfeld ein",
                                      layout=widgets.Layout(width="auto", display="" if EXAMPLE.is_file() else "none"))
        self.button = widgets.Button(description="Analysieren", button_style="primary", icon="search",
                                     layout=widgets.Layout(width="12em"))
        self.progress = widgets.IntProgress(min=0, max=len(STEPS), layout=widgets.Layout(width="16em"))
        self.step = widgets.Label()
        self.working = widgets.HBox([self.progress, self.step], layout=widgets.Layout(display="none"))
        self.messages = widgets.Output()
        self.heading = widgets.Output()
        self.layers = {key: widgets.Checkbox(value=key in SHOWN_LAYERS, description=name, indent=False,
                                             layout=widgets.Layout(width="auto", margin="0 2em 0 0"))
                       for key, name in LAYERS.items()}
        self.marked, self.summary, self.frames, self.actor = (widgets.Output() for _ in range(4))
        self.actors = widgets.Dropdown(description="Akteur:", style={"description_width": "initial"},
                                       layout=widgets.Layout(width="32em", margin="0.5em 0"))
        self.tabs = widgets.Tab(children=[
            widgets.VBox([widgets.HBox(list(self.layers.values())), self.marked]), self.summary, self.frames,
            widgets.VBox([self.actors, self.actor])])
        self.tabs.titles = TABS
        self.results = widgets.VBox([self.heading, self.tabs], layout=widgets.Layout(display="none"))
        self.widget = widgets.VBox([
            widgets.HTML(STYLE + INTRODUCTION), self.text,
            widgets.HBox([self.upload, self.example, self.chosen, self.button],
                         layout=widgets.Layout(align_items="center")),
            self.working, self.messages, self.results,
        ], layout=widgets.Layout(max_width="70em"))
        self.widget.add_class("blickwinkel-explorer")
        self.button.on_click(lambda _: self.run())
        self.example.on_click(lambda _: self._insert_example())
        self.upload.observe(lambda _: self._show_chosen(), names="value")
        for checkbox in self.layers.values():
            checkbox.observe(lambda _: self._show_marked(), names="value")
        self.actors.observe(lambda _: self._show_actor(), names="value")

    def run(self):
        """Read the input, analyse it and show the results, or say in German what is wrong."""
        self.button.disabled = True
        self.messages.clear_output()
        try:
            self._step(0)
            files = [(upload["name"], upload["content"]) for upload in self.upload.value]
            article, notes = read_input(self.text.value, files)
            self._step(1)
            nlp = _pipeline()
            self._step(2)
            with noting(notes):
                analysis = analyze(article, pipeline=nlp)
                analysis.mentions, analysis.quotes, analysis.frame_cues  # made now, while the progress bar shows
            self._step(3)
            self.show(analysis)
            with self.messages:
                for note in notes:
                    display(_message(note, "#fff8e1", "#e0b000"))
        except BlickwinkelError as error:
            self._fail(error)
        except Exception as error:  # the app must not crash on an input nobody foresaw: say so, and keep going
            self._fail(error, unexpected=True)
        finally:
            if self.upload.value:
                self.upload.value = ()  # the next press reads the text field, unless a file is chosen again
            self.working.layout.display = "none"
            self.button.disabled = False

    def show(self, analysis: Analysis):
        """Show the results of an analysis in the tabs."""
        self.analysis = analysis
        _refill(self.heading, [article_heading(analysis)])
        self._show_marked()
        _refill(self.summary, overview(analysis))
        _refill(self.frames, frames(analysis))
        choices = actor_choices(analysis)
        self.actors.options = choices
        self.actors.disabled = not choices
        self.actors.value = choices[0][1] if choices else None
        self._show_actor()
        self.tabs.selected_index = 0
        self.results.layout.display = "flex"

    def _step(self, number):
        self.working.layout.display = "flex"
        self.progress.value = number + 1
        self.step.value = f"Schritt {number + 1} von {len(STEPS)}: {STEPS[number]}"

    def _fail(self, error, unexpected=False):
        self.analysis = None
        self.results.layout.display = "none"
        if unexpected:
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            text, cause = UNEXPECTED, detail
        else:
            text = str(error)
            cause = str(error.__cause__) if isinstance(error.__cause__, BlickwinkelError) else None
        with self.messages:
            detail = cause and f"Meldung des Programms (auf Englisch): {cause}"
            display(_message(text, "#fdecea", "#d93025", detail=detail))

    def _insert_example(self):
        self.upload.value = ()
        self.text.value = EXAMPLE.read_text(encoding="utf-8")

    def _show_chosen(self):
        names = [upload["name"] for upload in self.upload.value]
        self.chosen.value = (f"Gewählt: <b>{html.escape(names[0])}</b> (wird statt des Textfelds gelesen)"
                             if names else "")

    def _show_marked(self):
        if self.analysis is not None:
            layers = {key for key, checkbox in self.layers.items() if checkbox.value}
            _refill(self.marked, [highlighted_text(self.analysis, layers)])

    def _show_actor(self):
        if self.analysis is None:
            return
        if self.actors.value is None:
            _refill(self.actor, [HTML(f"<p>{NO_ACTOR}</p>")])
        else:
            _refill(self.actor, actor_view(self.analysis, self.actors.value))


def _refill(output: widgets.Output, parts):
    output.clear_output()
    with output:
        for part in parts:
            display(part)


def _message(text, background, border, detail=None) -> HTML:
    """A message box; the text and the detail are escaped (a file name or a program message may contain markup)."""
    small = f'<div style="color:#555;font-size:0.85em;margin-top:0.4em">{html.escape(detail)}</div>' if detail else ""
    return HTML(f'<div style="background:{background};border-left:4px solid {border};padding:0.6em 1em;'
                f'margin:0.6em 0;max-width:60em">{html.escape(text)}{small}</div>')
