"""The course's committed pictures under ``imgs/nns/``: which they are, and writing them.

:func:`save_all` draws each one (:func:`course_figure`) deterministically (fixed style,
size and dpi, no timestamps) and writes it atomically, with ``figures.json`` recording what
each shows and which renderer drew them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nnbook.figures.activation_plot import ACTIVATION_SIZE, plot_activation
from nnbook.figures.architecture import ARCHITECTURE_SIZE, draw_architecture
from nnbook.figures.record import describe, renderer
from nnbook.figures.style import DPI
from nnbook.files import write_atomically

#: What :func:`save_all` writes: file name -> (activation name, alpha) or the architecture.
#: Leaky ReLU is drawn with alpha = 0.1 so the leak is visible (0.01 looks just like ReLU).
ACTIVATION_FILES = {
    "sigmoid.png": ("sigmoid", None),
    "tanh.png": ("tanh", None),
    "relu.png": ("relu", None),
    "leaky-relu.png": ("leaky_relu", 0.1),
}


ARCHITECTURE_FILE = "NNArchitecture.png"


#: Every course figure, in the order :func:`save_all` writes them.
COURSE_FILES = (ARCHITECTURE_FILE, *ACTIVATION_FILES)


#: What the figures show and which renderer drew them, written beside them by :func:`save_all`.
RECORD_FILE = "figures.json"


def course_figure(filename: str, **changes: Any) -> Axes:
    """Draw the course figure that :func:`save_all` saves as ``filename``, on a new Figure.

    It is drawn as saved: matplotlib's default style whatever the user's settings, the
    fixed size and dpi. ``changes`` override the drawing function's arguments
    (:func:`draw_architecture` or :func:`plot_activation`), to try a variant.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = course_figure("leaky-relu.png")  # drawn with alpha = 0.1
    >>> float(ax.lines[2].get_ydata()[0])  # phi(-5) = 0.1 * -5
    -0.5
    >>> course_figure("NNArchitecture.png", highlight_layer=2).texts[2].get_text()
    'Hidden layer 2'
    """
    if filename == ARCHITECTURE_FILE:
        draw, size, kwargs = draw_architecture, ARCHITECTURE_SIZE, {}
    elif filename in ACTIVATION_FILES:
        name, alpha = ACTIVATION_FILES[filename]
        kwargs = {"name": name} if alpha is None else {"name": name, "alpha": alpha}
        draw, size = plot_activation, ACTIVATION_SIZE
    else:
        raise ValueError(
            f"filename must be one of the course figures {', '.join(COURSE_FILES)}; "
            f"got {filename!r}"
        )
    with plt.style.context("default"):
        # A Figure made directly (not through pyplot): no window, no global state.
        fig = Figure(figsize=size, dpi=DPI, layout="tight")
        ax = draw(ax=fig.add_subplot(), **{**kwargs, **changes})
        ax.get_ylim()  # autoscaling waits for the first look at the limits: settle them here
    return ax


def _save(fig: Figure, path: Path) -> None:
    """Write ``fig`` as a PNG at ``path`` atomically: an interrupted save (Ctrl-C, a full
    disk) leaves the old picture whole and no temporary file behind."""
    # No "Software" tag (it holds the matplotlib version): the bytes depend on the drawing only.
    write_atomically(
        path, lambda file: fig.savefig(file, format="png", dpi=DPI, metadata={"Software": None})
    )


def save_all(directory: str | Path = "imgs/nns") -> list[Path]:
    """Write every course figure, and the record of them, into ``directory``; return the paths.

    The files are ``NNArchitecture.png``, ``sigmoid.png``, ``tanh.png``, ``relu.png``,
    ``leaky-relu.png`` and ``figures.json``, which holds :func:`describe` of each picture, the
    :func:`renderer` that drew them and each picture's SHA-256 (tying the record to the files).
    The pictures are drawn by :func:`course_figure` and saved without metadata that changes
    from run to run, so running this twice gives the same files. Each file is replaced
    atomically: an interrupted run (Ctrl-C, a full disk) leaves every file either as it was or
    fully rewritten, never half written.

    The folder is created if it is missing. A folder path that cannot be one (empty, or a
    file already sits there or on the way) is refused before anything is drawn.

    Raises
    ------
    TypeError
        If ``directory`` is not a path (str or os.PathLike).
    ValueError
        If ``directory`` is the empty string.
    NotADirectoryError
        If ``directory``, or a folder on the way to it, is a file.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     print([p.name for p in save_all(tmp)])
    ['NNArchitecture.png', 'sigmoid.png', 'tanh.png', 'relu.png', 'leaky-relu.png', 'figures.json']
    """
    directory = _check_folder(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    record: dict[str, Any] = {"drawn_with": renderer(), "figures": {}, "sha256": {}}
    with plt.style.context("default"):
        for filename in COURSE_FILES:
            ax = course_figure(filename)
            written.append(directory / filename)
            _save(ax.get_figure(), written[-1])
            record["figures"][filename] = describe(ax)
            record["sha256"][filename] = hashlib.sha256(written[-1].read_bytes()).hexdigest()
    # One number pair or bounding box per line, so that a diff shows what moved.
    text = json.dumps(record, indent=1, sort_keys=True)
    text = re.sub(r"\[[^][{}\"]*\]", lambda m: json.dumps(json.loads(m.group())), text)
    written.append(directory / RECORD_FILE)
    written[-1].write_text(text + "\n", encoding="utf-8")
    return written


def _check_folder(directory: str | os.PathLike[str]) -> Path:
    """``directory`` as a Path if a folder can be there, else an error naming what is in the way."""
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(
            f"directory must be a folder path (str or os.PathLike), such as 'imgs/nns'; "
            f"got {directory!r}"
        )
    if os.fspath(directory) == "":
        raise ValueError("directory must name a folder; got '' (use '.' for the current folder)")
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(
            f"cannot write the figures into {str(folder)!r}: it is a file, not a folder; "
            "give a folder (it is created if missing)"
        )
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                raise NotADirectoryError(
                    f"cannot write the figures into {str(folder)!r}: {str(parent)!r} is a file, "
                    "so no folder can be made inside it; choose another folder"
                )
            break
    return folder
