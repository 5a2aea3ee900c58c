"""Re-execute notebooks in place, in a fresh kernel, the way the test suite expects them.

The suite's nbval re-runs every notebook and compares each cell's output with the committed
one, so a notebook whose cells change must be committed re-executed top to bottom. This tool
does that for each notebook given: a fresh ``python3`` kernel (the environment running this
command), the notebook's own folder as working directory, every cell in order with a time
limit per cell. It then removes per-cell timing metadata (so diffs show only what changed)
and writes the notebook atomically. Widget outputs get new model ids on every run: expected.

Usage, from the repository root::

    python -m nnbook.authoring.execute notebooks/01_the_neuron.ipynb notebooks/solutions/*.ipynb
    python -m nnbook.authoring.execute --timeout 900 notebooks/09_training_a_real_network.ipynb

A notebook whose run raises is left as it was, and the command exits 1 naming the cell. One
that writes to stderr is written (to inspect) but also reported, with exit status 1: committed
notebooks have no stderr output.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
>>> nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
>>> strip_timing(nb).cells[0].metadata
{}
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from nnbook.authoring.notebook_files import read_notebook, write_notebook

__all__ = ["execute_notebook", "main", "stderr_cells", "strip_timing"]


def strip_timing(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove each cell's ``execution`` timing metadata (in place); returns ``nb``."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def stderr_cells(nb: nbformat.NotebookNode) -> list[int]:
    """The indices of the code cells that wrote to stderr.

    Examples
    --------
    >>> cell = nbformat.v4.new_code_cell("import sys; sys.stderr.write('!')")
    >>> cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="!")]
    >>> stderr_cells(nbformat.v4.new_notebook(cells=[cell]))
    [0]
    """
    return [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        and any(out.get("name") == "stderr" for out in cell.get("outputs", []))
    ]


def execute_notebook(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` top to bottom in a fresh kernel; write it back atomically.

    Parameters
    ----------
    path : Path
        The notebook; its folder is the kernel's working directory.
    timeout : int
        Seconds each cell may take.

    Returns
    -------
    NotebookNode
        The executed notebook, as written.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        If a cell raises (the file is then left untouched); likewise ``CellTimeoutError`` for
        a cell past ``timeout`` and ``DeadKernelError`` for a kernel that died.
    """
    nb = read_notebook(path)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name", "python3"),
        resources={"metadata": {"path": str(path.parent.resolve())}},
        record_timing=False,
        store_widget_state=False,  # the committed notebooks keep no widget state
    )
    client.execute()
    write_notebook(strip_timing(nb), path)
    return nb


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0: all executed cleanly)."""
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.authoring.execute",
        description="Re-execute notebooks in place in a fresh kernel, without timing metadata.",
    )
    parser.add_argument("notebooks", nargs="+", type=Path, metavar="NOTEBOOK")
    parser.add_argument(
        "--timeout", type=int, default=600, help="seconds each cell may take (default: 600)"
    )
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.notebooks if not path.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    status = 0
    for path in args.notebooks:
        try:
            nb = execute_notebook(path, timeout=args.timeout)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
            print(f"{path}: not executed, left as it was: {err}", file=sys.stderr)
            status = 1
            continue
        noisy = stderr_cells(nb)
        if noisy:
            print(f"{path}: executed, but cells {noisy} wrote to stderr (fix them)")
            status = 1
        else:
            print(f"{path}: executed, {sum(c.cell_type == 'code' for c in nb.cells)} code cells")
    return status


if __name__ == "__main__":
    sys.exit(main())
