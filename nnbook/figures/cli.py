"""The command ``python -m nnbook.figures [DIR]``: redraw every course picture into DIR."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from nnbook.figures.course import _check_folder, save_all


def _folder_argument(text: str) -> Path:
    """argparse ``type=`` for DIR: the same checks as :func:`save_all`, as a usage error."""
    try:
        return _check_folder(text)
    except (ValueError, OSError) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m nnbook.figures [DIR]`` (default ``imgs/nns``).

    An unknown flag or a DIR that cannot be a folder is a usage error (exit code 2, the
    message names it) before anything is drawn; a failure while writing (no permission,
    a full disk) prints its reason and exits with 1, leaving every figure whole.
    """
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.figures",
        description="Draw every course figure (deterministically) into DIR.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        default="imgs/nns",
        type=_folder_argument,
        metavar="DIR",
        help="the folder to write into, created if missing (default: imgs/nns)",
    )
    args = parser.parse_args(argv)
    try:
        written = save_all(args.directory)
    except OSError as exc:
        parser.exit(1, f"{parser.prog}: error: {exc}\n")
    for path in written:
        print(f"wrote {path}")
    return 0
