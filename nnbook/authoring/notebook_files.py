"""Reading and writing the course's notebooks: where they are, and atomic writes.

A notebook is written the way Jupyter writes it (nbformat's JSON, one space of indent, a final
newline), so a cell nobody changed stays byte for byte the same, and atomically, through
:func:`nnbook.files.write_atomically`: an interrupted write never leaves half a notebook behind.

Examples
--------
>>> import tempfile
>>> import nbformat
>>> folder = Path(tempfile.mkdtemp())
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hi")])
>>> write_notebook(nb, folder / "hi.ipynb")
>>> read_notebook(folder / "hi.ipynb").cells[0].source
'# Hi'
>>> chapter_notebook(folder, 1)
Traceback (most recent call last):
...
FileNotFoundError: no chapter 1 notebook (01_*.ipynb) in ...
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat

from nnbook.files import write_atomically

__all__ = [
    "NOTEBOOKS",
    "chapter_notebook",
    "read_notebook",
    "solutions_notebook",
    "write_notebook",
]

#: The course's notebooks folder in this checkout (chapters, and solutions/ inside it).
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def read_notebook(path: str | os.PathLike[str]) -> nbformat.NotebookNode:
    """The notebook at ``path``, as nbformat version 4."""
    return nbformat.read(path, as_version=4)


def write_notebook(nb: nbformat.NotebookNode, path: str | os.PathLike[str]) -> None:
    """Write ``nb`` to ``path`` as Jupyter writes it, atomically (old file or new, never half)."""
    text = nbformat.writes(nb)
    if not text.endswith("\n"):
        text += "\n"
    write_atomically(path, lambda file: file.write(text.encode("utf-8")))


def chapter_notebook(folder: Path, chapter: int) -> Path:
    """The notebook of chapter ``chapter`` in ``folder``: the one file named ``NN_*.ipynb``.

    Raises
    ------
    FileNotFoundError
        If no file, or more than one, has that number.
    """
    pattern = f"{chapter:02d}_*.ipynb"
    found = sorted(folder.glob(pattern))
    if not found:
        raise FileNotFoundError(f"no chapter {chapter} notebook ({pattern}) in {folder}")
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise FileNotFoundError(
            f"{len(found)} chapter {chapter} notebooks in {folder} ({names}); expected one"
        )
    return found[0]


def solutions_notebook(chapter_path: Path) -> Path:
    """Where the worked solutions of the chapter at ``chapter_path`` live.

    Examples
    --------
    >>> solutions_notebook(Path("notebooks/01_the_neuron.ipynb")).as_posix()
    'notebooks/solutions/01_the_neuron_solutions.ipynb'
    """
    return chapter_path.parent / "solutions" / f"{chapter_path.stem}_solutions.ipynb"
