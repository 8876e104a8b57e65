"""The app for readers who do not program: one article in, what Blickwinkel finds out, in German.

    from helpers.app import explorer
    explorer()                        # in JupyterLab; `blickwinkel app` serves the same as a Voilà page

`inputs` reads pasted text or an uploaded file, `views` builds what is shown of an analysis, `widgets` puts
them together, `server` starts Voilà on `notebooks/app.ipynb`.
"""

from helpers.app.widgets import explorer

__all__ = ["explorer"]
