"""Edit a notebook's cells from Python: find a cell by its text, replace text, insert and move.

The course's prose and code live in the notebooks; this is the small tool that maintainers (and
the scripts they keep) use to change them without opening Jupyter, while keeping what Jupyter
would keep: every untouched cell stays byte for byte the same, new cells get fresh unique ids,
and the file is written atomically (:func:`~nnbook.authoring.notebook_files.write_notebook`).

A cell is found by a piece of its text, which must occur in exactly one cell, so an edit never
lands in the wrong place silently. Cells are never split or merged: :meth:`Cells.set` replaces
the whole source of one cell, so find the cell first and look at all of it.

After editing code cells, re-execute the notebook::

    python -m nnbook.authoring.execute notebooks/07_learning_as_going_downhill.ipynb

Examples
--------
>>> import tempfile
>>> import nbformat
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "demo.ipynb"
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Demo\\n\\nHello.")])
>>> write_notebook(nb, path)
>>> cells = Cells.open(path)
>>> k = cells.insert_after("# Demo", "code", "print(1 + 1)")
>>> cells.replace("Hello.", "Hello, learner.")
>>> cells.save()
>>> [c.source for c in Cells.open(path).nb.cells]
['# Demo\\n\\nHello, learner.', 'print(1 + 1)']
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4.nbbase import random_cell_id

from nnbook.authoring.notebook_files import read_notebook, write_notebook

__all__ = ["Cells", "new_cell"]


def new_cell(cell_type: str, source: str, taken_ids: set[str]) -> nbformat.NotebookNode:
    """A new markdown or code cell holding ``source``, with an id not in ``taken_ids``."""
    if cell_type == "markdown":
        cell = nbformat.v4.new_markdown_cell(source)
    elif cell_type == "code":
        cell = nbformat.v4.new_code_cell(source)
    else:
        raise ValueError(f"cell_type must be 'markdown' or 'code', got {cell_type!r}")
    while cell.id in taken_ids:
        cell.id = random_cell_id()
    taken_ids.add(cell.id)
    return cell


@dataclass
class Cells:
    """The cells of one notebook, opened for editing; :meth:`save` writes them back."""

    path: Path
    nb: nbformat.NotebookNode

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Cells:
        """Open the notebook at ``path``."""
        return cls(Path(path), read_notebook(path))

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Write the notebook back (or to ``path``), atomically."""
        write_notebook(self.nb, self.path if path is None else path)

    @property
    def ids(self) -> set[str]:
        """The ids of every cell, for picking a new one."""
        return {c.get("id") for c in self.nb.cells}

    def find(self, text: str) -> int:
        """The index of the one cell whose source contains ``text``.

        Raises
        ------
        LookupError
            If no cell, or more than one, contains it (naming the indices found).
        """
        found = [i for i, c in enumerate(self.nb.cells) if text in c.source]
        if len(found) != 1:
            raise LookupError(
                f"{self.path.name}: expected exactly one cell containing {text!r}, "
                f"found {len(found)} (cells {found})"
            )
        return found[0]

    def replace(self, old: str, new: str) -> None:
        """Replace ``old`` (which must occur once, in one cell) by ``new`` in that cell."""
        cell = self.nb.cells[self.find(old)]
        if cell.source.count(old) != 1:
            raise LookupError(f"{self.path.name}: {old!r} occurs more than once in its cell")
        cell.source = cell.source.replace(old, new)

    def set(self, text: str, source: str) -> None:
        """Replace the whole source of the one cell containing ``text`` (clears code outputs)."""
        cell = self.nb.cells[self.find(text)]
        cell.source = source
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None

    def insert(self, index: int, cell_type: str, source: str) -> int:
        """Insert a new cell at ``index``; returns that index."""
        self.nb.cells.insert(index, new_cell(cell_type, source, self.ids))
        return index

    def insert_after(self, text: str, cell_type: str, source: str) -> int:
        """Insert a new cell right after the one containing ``text``; returns its index."""
        return self.insert(self.find(text) + 1, cell_type, source)

    def insert_before(self, text: str, cell_type: str, source: str) -> int:
        """Insert a new cell right before the one containing ``text``; returns its index."""
        return self.insert(self.find(text), cell_type, source)

    def delete(self, first: str, last: str | None = None) -> list[nbformat.NotebookNode]:
        """Remove the cells from the one containing ``first`` to the one containing ``last``
        (inclusive; only the first when ``last`` is None) and return them."""
        start = self.find(first)
        stop = start if last is None else self.find(last)
        if stop < start:
            raise LookupError(f"{self.path.name}: {last!r} comes before {first!r}")
        removed = self.nb.cells[start : stop + 1]
        del self.nb.cells[start : stop + 1]
        return removed

    def paste(self, index: int, cells: list[nbformat.NotebookNode]) -> None:
        """Insert ``cells`` (say, from :meth:`delete` on another notebook) at ``index``, giving
        any whose id is taken here a new one."""
        taken = self.ids
        for offset, cell in enumerate(cells):
            while cell.get("id") in taken:
                cell.id = random_cell_id()
            taken.add(cell.id)
            self.nb.cells.insert(index + offset, cell)

    def outline(self) -> str:
        """One line per cell: index, type, word count and first line (to see where to edit)."""
        lines = []
        for i, c in enumerate(self.nb.cells):
            first = c.source.split("\n", 1)[0][:90]
            lines.append(f"{i:3d} {c.cell_type[:4]:4s} {len(c.source.split()):4d}  {first}")
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m nnbook.authoring.cells NOTEBOOK...`` prints each notebook's outline."""
    import sys

    for name in sys.argv[1:] if argv is None else argv:
        print(f"{name}\n{Cells.open(name).outline()}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
