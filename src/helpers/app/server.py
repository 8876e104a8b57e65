"""Serve the explorer as a Voilà app on this computer: `blickwinkel app` (see `serve`).

    serve(port=8866, open_browser=True)     # until Ctrl+C

Voilà runs `notebooks/app.ipynb` (which calls `explorer()`) in a kernel of this Python and shows only its
widgets, no code. It listens on localhost only: the app is for the computer it runs on.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from helpers.errors import BlickwinkelError

APP_NOTEBOOK = Path(__file__).resolve().parents[3] / "notebooks" / "app.ipynb"
DEFAULT_PORT = 8866  # Voilà's own default
HOST = "localhost"
START_TIMEOUT = 120  # seconds until Voilà answers, on a slow or busy machine


def serve(port: int | None = None, open_browser: bool = True, notebook: Path = APP_NOTEBOOK) -> int:
    """Start Voilà on `notebook`, print its address (in German) when it answers, and wait until Ctrl+C.

        serve(port=8866, open_browser=False)

    Without `port`, Voilà's default 8866 or, when that is taken, a free one. Returns Voilà's exit code.
    """
    if not notebook.is_file():
        raise BlickwinkelError(f"the app notebook {notebook} is missing: run the app from a checkout of the project")
    if port is None:
        port = DEFAULT_PORT if _is_free(DEFAULT_PORT) else free_port()
    elif not _is_free(port):
        raise BlickwinkelError(f"port {port} is already in use: choose another one with --port, or leave it out")
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={port}", f"--Voila.ip={HOST}",
               "--Voila.port_retries=0", "--theme=light"]
    if not open_browser:
        command.append("--no-browser")
    address = f"http://{HOST}:{port}/"
    voila = subprocess.Popen(command, cwd=notebook.parent, env=_environment())
    try:
        _wait_until_listening(voila, port)
        print(f"Blickwinkel läuft: Öffnen Sie {address} im Browser. Beenden mit Strg+C.", flush=True)
        return voila.wait()
    except KeyboardInterrupt:
        print("Blickwinkel wird beendet.", flush=True)
        return 0
    finally:
        if voila.poll() is None:
            voila.terminate()
            try:
                voila.wait(timeout=10)
            except subprocess.TimeoutExpired:
                voila.kill()


def _environment():
    """This process's environment, with PYTHONPATH made absolute: Voilà's kernel runs in the notebooks folder."""
    environment = dict(os.environ)
    if environment.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.pathsep.join(str(Path(entry).resolve()) for entry in
                                                    environment["PYTHONPATH"].split(os.pathsep) if entry)
    return environment


def free_port() -> int:
    """A port on localhost that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
        return True


def _wait_until_listening(voila, port):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if voila.poll() is not None:
            raise BlickwinkelError(f"Voilà stopped at once (exit code {voila.returncode}): see its messages above")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise BlickwinkelError(f"Voilà did not answer on port {port} within {START_TIMEOUT} s: see its messages above")
