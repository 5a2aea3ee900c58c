"""How long each chapter takes: words of prose, lines of code, reading time, running time.

A chapter should fit one sitting. This tool counts what a learner reads in each chapter
notebook and, with ``--run``, measures how long a fresh kernel takes to run it top to bottom
on this machine; it prints a Markdown table for the README.

Reading time is an estimate with stated rates, not a measurement of a person: prose at
:data:`WORDS_PER_MINUTE` words a minute (a careful pace for technical text) and code at
:data:`CODE_LINES_PER_MINUTE` lines a minute (reading code is slower than prose). Words are
counted in Markdown cells as whitespace-separated tokens, so a formula counts by its pieces.
Running time is measured: wall time of executing every cell in a fresh kernel (with
``--run``), the kernel's start included.

Usage, from the repository root::

    python -m nnbook.authoring.chapter_stats          # counts and reading times
    python -m nnbook.authoring.chapter_stats --run    # and measured running times

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_markdown_cell("one two three four"),
...     nbformat.v4.new_code_cell("x = 1\\n\\n# a comment\\nprint(x)"),
... ])
>>> count(nb)
(4, 2)
>>> reading_minutes(2000, 50)  # 10 min of prose, 5 of code
15
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from nnbook.authoring.notebook_files import NOTEBOOKS, read_notebook

__all__ = [
    "CODE_LINES_PER_MINUTE",
    "WORDS_PER_MINUTE",
    "chapters",
    "count",
    "main",
    "reading_minutes",
    "running_seconds",
]

#: Reading pace for prose (words a minute) and for code (lines a minute).
WORDS_PER_MINUTE = 200
CODE_LINES_PER_MINUTE = 10


def chapters(folder: Path = NOTEBOOKS) -> list[Path]:
    """The chapter notebooks (``NN_*.ipynb``) in ``folder``, in order; solutions excluded."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def count(nb: nbformat.NotebookNode) -> tuple[int, int]:
    """``(prose words, code lines)``: words of the Markdown cells and the code lines that are
    neither blank nor only a comment."""
    words = sum(len(c.source.split()) for c in nb.cells if c.cell_type == "markdown")
    lines = sum(
        1
        for c in nb.cells
        if c.cell_type == "code"
        for line in c.source.splitlines()
        if line.strip() and not line.strip().startswith("#")
    )
    return words, lines


def reading_minutes(words: int, code_lines: int) -> int:
    """Minutes to read ``words`` of prose and ``code_lines`` of code, rounded up."""
    return math.ceil(words / WORDS_PER_MINUTE + code_lines / CODE_LINES_PER_MINUTE)


def running_seconds(path: Path, timeout: int = 600) -> float:
    """Wall time for a fresh kernel to run the notebook at ``path`` top to bottom (seconds)."""
    nb = read_notebook(path)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def table(paths: Sequence[Path], run: bool) -> str:
    """The Markdown table of every chapter in ``paths``."""
    header = "| chapter | prose words | code lines | reading | running |"
    rows = [header, "|---|---|---|---|---|"]
    for path in paths:
        words, lines = count(read_notebook(path))
        running = f"{running_seconds(path):.1f} s" if run else "(not run)"
        rows.append(
            f"| {path.stem} | {words:,} | {lines} | "
            f"about {reading_minutes(words, lines)} min | {running} |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table; ``--run`` also executes each chapter to time it."""
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.authoring.chapter_stats", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--run", action="store_true", help="also measure the running time")
    parser.add_argument(
        "--notebooks", type=Path, default=NOTEBOOKS, help="the folder holding the chapters"
    )
    args = parser.parse_args(argv)
    paths = chapters(args.notebooks)
    if not paths:
        parser.error(f"no chapter notebooks (NN_*.ipynb) in {args.notebooks}")
    print(table(paths, args.run))
    print(
        f"\nreading: prose at {WORDS_PER_MINUTE} words and code at {CODE_LINES_PER_MINUTE} "
        "lines a minute (an estimate); running: measured, a fresh kernel, this machine"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
