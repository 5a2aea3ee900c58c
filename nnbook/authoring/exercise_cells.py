"""Keep the notebooks' exercise cells in step with the exercises of :mod:`nnbook.exercises`.

Each exercise (title, task text, stub, check) is written once, in its topic module of
:mod:`nnbook.exercises`. This tool builds from it the cells that show it:

* in the chapter notebook ``notebooks/NN_*.ipynb``, the cells tagged
  ``{"nnbook": {"exercises": true}}``, one block just before the closing "## Next" cell: the
  "## Exercises" heading and its introduction, ``import nnbook.exercises``, then for exercise K
  of chapter C its task ("### Exercise C.K: title" and the task text), its stub, and its check
  cell ``nnbook.exercises.check_NAME(NAME)``;
* in the solutions notebook ``notebooks/solutions/NN_*_solutions.ipynb``, one section per
  exercise: its task cell ("## Exercise C.K: title" and the task text) and the check cell beside
  the worked solution. The worked solution and the commentary are written by hand and left
  alone; the tool only says when a worked solution is missing, is still the stub, or does not
  start with the stub's signature and docstring.

It also says when an exercise's ``check_NAME`` is not exported by :mod:`nnbook.exercises`,
which its check cells call.

Usage, from the repository root::

    python -m nnbook.authoring.exercise_cells --check       # all chapters; exit 1 if any differ
    python -m nnbook.authoring.exercise_cells --write 1 4   # rewrite chapters 1 and 4 in place
    python -m nnbook.authoring.exercise_cells --check --notebooks DIR   # another folder

``--check`` (the default) prints each cell that differs, with a diff, and exits 1; it exits 0
when every chapter and solutions notebook is in step. ``--write`` rewrites only those cells, in
place and atomically: every other cell keeps its source, metadata and outputs, and a rewritten
cell keeps its id and outputs. It also adds the cells of a new exercise (in the solutions, a new
section holding the stub, for the worked solution to replace), drops a removed exercise's cells
from the chapter, and puts the solution sections in the chapter's order. It exits 1 when
something is left that only a person can do, and says what. Notebooks whose code cells it
changed must then be re-executed (it names them)::

    python -m nnbook.authoring.execute notebooks/01_the_neuron.ipynb

Examples
--------
>>> from nnbook.exercises import EXERCISES
>>> print(task_markdown(EXERCISES["threshold"], 3, level=3).splitlines()[0])
### Exercise 1.3: Where the neuron switches on
>>> check_source(EXERCISES["threshold"])
'nnbook.exercises.check_threshold(threshold)'
"""

from __future__ import annotations

import argparse
import copy
import difflib
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from nbformat import NotebookNode

import nnbook.exercises
from nnbook.authoring.cells import new_cell
from nnbook.authoring.notebook_files import (
    NOTEBOOKS,
    chapter_notebook,
    read_notebook,
    solutions_notebook,
    write_notebook,
)
from nnbook.exercises import EXERCISES, Exercise, exercises_for_chapter

__all__ = [
    "CellSpec",
    "chapter_cells",
    "check_source",
    "describe_changes",
    "intro_markdown",
    "main",
    "rebuild_chapter",
    "rebuild_solutions",
    "task_markdown",
]

_CHECK = re.compile(r"nnbook\.exercises\.check_(\w+)\(.*\)")  # the whole (stripped) cell
_DEF = re.compile(r"def (\w+)\(")
_SOLUTION_HEADING = re.compile(r"## Exercise \d+\.\d+: ")

# --------------------------------------------------------------------------------------
# The cells, built from the registry
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellSpec:
    """A cell to build: its type, its source, and its role (``("stub", "mse")``...)."""

    cell_type: str
    source: str
    role: tuple[str, ...]


def task_markdown(ex: Exercise, number: int, level: int) -> str:
    """The task cell of exercise ``number`` of its chapter, under a heading of ``level`` #'s.

    Chapters show tasks at level 3 (inside "## Exercises"), solution notebooks at level 2.
    """
    return f"{'#' * level} Exercise {ex.chapter}.{number}: {ex.title}\n\n{ex.task}"


def check_source(ex: Exercise) -> str:
    """The check cell of an exercise: its check called on the learner's function."""
    return f"nnbook.exercises.check_{ex.name}({ex.name})"


# Written as the chapters show it, line breaks included.
_INTRO = """\
## Exercises

Time to practise: {count} short {exercises}. Each asks you to write one small function. Replace the line
`raise NotImplementedError` with your code, run the cell, then run the check cell below it.
The check tries your function on several inputs, each chosen to catch a typical slip, and
tells you in words what passed or which input went wrong, with a hint.

Stuck, or want to compare? The worked solutions are in [{solutions}](solutions/{solutions}.ipynb). Try first:
the mistakes are where the learning happens."""  # noqa: E501


def intro_markdown(chapter_stem: str, count: int) -> str:
    """The "## Exercises" heading and introduction of a chapter with ``count`` exercises.

    Examples
    --------
    >>> print(intro_markdown("01_the_neuron", 3).splitlines()[2][:40])
    Time to practise: 3 short exercises. Eac
    """
    exercises = "exercise" if count == 1 else "exercises"
    return _INTRO.format(count=count, exercises=exercises, solutions=f"{chapter_stem}_solutions")


def chapter_cells(chapter: int, chapter_stem: str) -> list[CellSpec]:
    """Every exercise cell of a chapter, in order, as the registry says they should read.

    Examples
    --------
    >>> [spec.source.splitlines()[0] for spec in chapter_cells(1, "01_the_neuron")[:4]]
    ['## Exercises', 'import nnbook.exercises', '### Exercise 1.1: The weighted sum z', \
'def weighted_sum(x, w, b):']
    """
    exercises = exercises_for_chapter(chapter)
    specs = [
        CellSpec("markdown", intro_markdown(chapter_stem, len(exercises)), ("intro",)),
        CellSpec("code", "import nnbook.exercises", ("import",)),
    ]
    for number, ex in enumerate(exercises, 1):
        specs += [
            CellSpec("markdown", task_markdown(ex, number, level=3), ("task", ex.name)),
            CellSpec("code", ex.stub, ("stub", ex.name)),
            CellSpec("code", check_source(ex), ("check", ex.name)),
        ]
    return specs


# --------------------------------------------------------------------------------------
# Rewriting a notebook's cells: reuse what is there, change only what differs
# --------------------------------------------------------------------------------------


def _is_exercise_cell(cell: NotebookNode) -> bool:
    return cell.metadata.get("nnbook", {}).get("exercises") is True


def _with_source(cell: NotebookNode, source: str, tagged: bool) -> NotebookNode:
    """``cell`` itself if it already reads ``source``, else a copy that does (same id, outputs)."""
    if cell.source == source and (_is_exercise_cell(cell) or not tagged):
        return cell
    cell = copy.deepcopy(cell)
    cell.source = source
    if tagged:
        cell.metadata.setdefault("nnbook", {})["exercises"] = True
    return cell


def _new_cell(spec: CellSpec, taken_ids: set[str], tagged: bool) -> NotebookNode:
    cell = new_cell(spec.cell_type, spec.source, taken_ids)
    if tagged:
        cell.metadata["nnbook"] = {"exercises": True}
    return cell


def _chapter_role(cells: Sequence[NotebookNode], i: int) -> tuple[str, ...]:
    """What an existing exercise cell of a chapter is, judged by its text."""
    cell, text = cells[i], cells[i].source.strip()
    if cell.cell_type == "markdown" and text.startswith("## Exercises"):
        return ("intro",)
    if cell.cell_type == "markdown" and text.startswith("### Exercise "):
        following = cells[i + 1] if i + 1 < len(cells) else None
        match = following is not None and _DEF.match(following.source)
        return ("task", match.group(1) if match else "")
    if cell.cell_type == "code" and text == "import nnbook.exercises":
        return ("import",)
    if cell.cell_type == "code" and (match := _CHECK.fullmatch(text)):
        return ("check", match.group(1))
    if cell.cell_type == "code" and (match := _DEF.match(text)):
        return ("stub", match.group(1))
    return ("other", str(i))


def rebuild_chapter(nb: NotebookNode, chapter: int, chapter_stem: str) -> list[NotebookNode]:
    """The chapter's cells with its exercise block as the registry says it should read.

    Tagged cells are matched to the cells to build by their role (the task, stub or check of
    which exercise), so a rewritten cell keeps its id and outputs; unmatched tagged cells are
    dropped. The block stays where the first tagged cell was, or goes before "## Next".
    """
    tagged = [cell for cell in nb.cells if _is_exercise_cell(cell)]
    pool: dict[tuple[str, ...], list[NotebookNode]] = {}
    for i, cell in enumerate(tagged):
        pool.setdefault(_chapter_role(tagged, i), []).append(cell)
    taken = {cell.get("id") for cell in nb.cells}
    block = []
    for spec in chapter_cells(chapter, chapter_stem):
        found = pool.get(spec.role)
        block.append(
            _with_source(found.pop(0), spec.source, tagged=True)
            if found
            else _new_cell(spec, taken, tagged=True)
        )
    rest = [cell for cell in nb.cells if not _is_exercise_cell(cell)]
    if tagged:
        at = next(i for i, cell in enumerate(nb.cells) if _is_exercise_cell(cell))
    elif rest and rest[-1].cell_type == "markdown" and rest[-1].source.startswith("## Next"):
        at = len(rest) - 1
    else:
        at = len(rest)
    return rest[:at] + block + rest[at:]


def _solution_at(section: Sequence[NotebookNode], name: str) -> int | None:
    """Where the worked solution of ``name`` is in a section: a code cell ``def name(...``."""
    for i, cell in enumerate(section):
        match = cell.cell_type == "code" and _DEF.match(cell.source)
        if match and match.group(1) == name:
            return i
    return None


def _check_at(section: Sequence[NotebookNode]) -> int | None:
    """Where a section's check cell is: a code cell ``nnbook.exercises.check_...(...)``."""
    for i, cell in enumerate(section):
        if cell.cell_type == "code" and _CHECK.fullmatch(cell.source.strip()):
            return i
    return None


def _section_name(section: Sequence[NotebookNode], names: set[str]) -> str | None:
    """The exercise a solutions section is about: the function it defines, or checks."""
    for cell in section:
        match = cell.cell_type == "code" and _DEF.match(cell.source)
        if match and match.group(1) in names:
            return match.group(1)
    at = _check_at(section)
    return None if at is None else _CHECK.fullmatch(section[at].source.strip()).group(1)


def _solution_section(
    section: Sequence[NotebookNode] | None, ex: Exercise, number: int, taken: set[str]
) -> list[NotebookNode]:
    """A solutions section with its task and check cells as the registry says.

    A missing section is built from the task, the stub (for the worked solution to replace)
    and the check; a missing check cell goes right after the worked solution.
    """
    task = CellSpec("markdown", task_markdown(ex, number, level=2), ("task", ex.name))
    check = CellSpec("code", check_source(ex), ("check", ex.name))
    if section is None:
        stub = CellSpec("code", ex.stub, ("stub", ex.name))
        return [_new_cell(spec, taken, tagged=False) for spec in (task, stub, check)]
    rebuilt = [_with_source(section[0], task.source, tagged=False), *section[1:]]
    at = _check_at(rebuilt)
    if at is None:
        after = _solution_at(rebuilt, ex.name) or 0
        rebuilt.insert(after + 1, _new_cell(check, taken, tagged=False))
    else:
        rebuilt[at] = _with_source(rebuilt[at], check.source, tagged=False)
    return rebuilt


def _solution_problems(section: Sequence[NotebookNode], ex: Exercise, number: int) -> list[str]:
    """What only a person can fix about a worked solution."""
    label = f"Exercise {ex.chapter}.{number} ({ex.name})"
    at = _solution_at(section, ex.name)
    if at is None:
        return [f"{label}: no worked solution (a code cell starting `def {ex.name}(`)"]
    code = section[at].source
    if code.strip() == ex.stub.strip():
        return [f"{label}: the worked solution is still the stub; write it"]
    head = ex.stub.rsplit("\n", 1)[0]
    if not code.startswith(head + "\n"):
        shown = "\n".join(code.splitlines()[: head.count("\n") + 1])
        return [
            f"{label}: the worked solution should start with the stub's signature and "
            f"docstring\n{_diff(shown, head)}"
        ]
    return []


def rebuild_solutions(nb: NotebookNode, chapter: int) -> tuple[list[NotebookNode], list[str]]:
    """The solutions notebook's cells with task and check cells as the registry says.

    Returns the cells and what is left for a person to do. A section runs from its
    "## Exercise C.K" heading to the next one (or to the closing "Back to" cell); sections are
    put in the chapter's order, and a section for an exercise the chapter lacks stays at the end.
    """
    cells = list(nb.cells)
    closing = cells and cells[-1].cell_type == "markdown" and cells[-1].source.startswith("Back")
    end = len(cells) - 1 if closing else len(cells)
    starts = [
        i
        for i in range(end)
        if cells[i].cell_type == "markdown" and _SOLUTION_HEADING.match(cells[i].source)
    ]
    ends = [*starts[1:], end][: len(starts)]  # no sections yet: nothing to cut
    sections = [cells[s:e] for s, e in zip(starts, ends, strict=True)]
    exercises = exercises_for_chapter(chapter)
    names = {ex.name for ex in exercises}
    found: dict[str, list[NotebookNode]] = {}
    unknown = []
    for section in sections:
        name = _section_name(section, names)
        if name in names and name not in found:
            found[name] = section
        else:
            unknown.append(section)
    taken = {cell.get("id") for cell in cells}
    rebuilt, todo = cells[: starts[0] if starts else end], []
    for number, ex in enumerate(exercises, 1):
        section = _solution_section(found.get(ex.name), ex, number, taken)
        todo += _solution_problems(section, ex, number)
        rebuilt += section
    for section in unknown:
        heading = section[0].source.splitlines()[0]
        todo.append(f"{heading!r} is no exercise of chapter {chapter}: move or delete it")
        rebuilt += section
    return rebuilt + cells[end:], todo


# --------------------------------------------------------------------------------------
# Saying what differs
# --------------------------------------------------------------------------------------


def _diff(notebook: str, registry: str) -> str:
    lines = difflib.unified_diff(
        notebook.splitlines(), registry.splitlines(), "notebook", "registry", n=1, lineterm=""
    )
    return "\n".join(lines)


def _first_line(source: str) -> str:
    line = source.strip().split("\n", 1)[0]
    return line if len(line) <= 70 else line[:67] + "..."


def describe_changes(before: Sequence[NotebookNode], after: Sequence[NotebookNode]) -> list[str]:
    """What turning the cells ``before`` into ``after`` changes, one message per cell.

    Cells are matched by id: a cell of ``after`` with a new id is missing from the notebook,
    one of ``before`` whose id is gone is extra, one with other text differs (with a diff).
    """
    old = {cell.id: cell for cell in before}
    new_ids = {cell.id for cell in after}
    messages = []
    for cell in after:
        was = old.get(cell.id)
        if was is None:
            messages.append(f"missing {cell.cell_type} cell: {_first_line(cell.source)}")
        elif was.source != cell.source:
            messages.append(
                f"{_first_line(cell.source)}: differs\n{_diff(was.source, cell.source)}"
            )
        elif was != cell:
            messages.append(f"{_first_line(cell.source)}: not tagged as an exercise cell")
    messages += [
        f"extra {cell.cell_type} cell: {_first_line(cell.source)}"
        for cell in before
        if cell.id not in new_ids
    ]
    kept_order = [cell.id for cell in after if cell.id in old]
    if kept_order != [cell.id for cell in before if cell.id in new_ids]:
        messages.append("cells are out of order")
    return messages


def _code_changed(before: Sequence[NotebookNode], after: Sequence[NotebookNode]) -> bool:
    def code(cells: Sequence[NotebookNode]) -> list[tuple[str, str]]:
        return [(cell.id, cell.source) for cell in cells if cell.cell_type == "code"]

    return code(before) != code(after)


# --------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _indent(text: str) -> str:
    return textwrap.indent(text, "    ")


def _sync(
    path: Path,
    rebuild: Callable[[NotebookNode], tuple[list[NotebookNode], list[str]]],
    write: bool,
) -> tuple[bool, bool]:
    """Check (or rewrite) one notebook; returns (cells left out of step, work left by hand)."""
    nb = read_notebook(path)
    if any("id" not in cell for cell in nb.cells):
        print(f"{_shown(path)}: cells without ids (nbformat < 4.5); open and save it in Jupyter")
        return False, True
    cells, todo = rebuild(nb)
    changes = describe_changes(nb.cells, cells)
    if changes and write:
        rerun = _code_changed(nb.cells, cells)
        nb.cells = cells
        write_notebook(nb, path)
        print(f"{_shown(path)}: rewrote")
        print("\n".join(_indent(message) for message in changes))
        if rerun:
            print(f"  code cells changed: python -m nnbook.authoring.execute {_shown(path)}")
    elif changes:
        print(f"{_shown(path)}: out of step with nnbook.exercises")
        print("\n".join(_indent(message) for message in changes))
    if todo:
        print(f"{_shown(path)}: to do by hand")
        print("\n".join(_indent(message) for message in todo))
    return bool(changes) and not write, bool(todo)


def _rebuild_chapter_nothing_by_hand(
    nb: NotebookNode, chapter: int, stem: str
) -> tuple[list[NotebookNode], list[str]]:
    return rebuild_chapter(nb, chapter, stem), []  # a chapter's exercise cells are all built


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0: in step, 1: not, 2: usage)."""
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.authoring.exercise_cells",
        description="Check or rewrite the exercise cells of the chapters and their solutions "
        "notebooks, built from nnbook.exercises.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="report what differs (the default)")
    mode.add_argument("--write", action="store_true", help="rewrite what differs, in place")
    parser.add_argument(
        "chapters", nargs="*", type=int, metavar="CHAPTER", help="chapter numbers (default: all)"
    )
    parser.add_argument(
        "--notebooks",
        type=Path,
        default=NOTEBOOKS,
        help="the folder of chapter notebooks, with solutions/ inside (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    chapters = list(dict.fromkeys(args.chapters)) or sorted(
        {ex.chapter for ex in EXERCISES.values()}
    )
    jobs = []
    for chapter in chapters:
        try:
            exercises_for_chapter(chapter)
            path = chapter_notebook(args.notebooks, chapter)
        except (ValueError, FileNotFoundError) as err:
            parser.error(str(err))
        jobs += [
            (path, partial(_rebuild_chapter_nothing_by_hand, chapter=chapter, stem=path.stem)),
            (solutions_notebook(path), partial(rebuild_solutions, chapter=chapter)),
        ]
    unexported = [
        f"check_{ex.name}"
        for chapter in chapters
        for ex in exercises_for_chapter(chapter)
        if f"check_{ex.name}" not in nnbook.exercises.__all__
    ]
    for name in unexported:  # the check cells call nnbook.exercises.check_NAME
        print(f"{name} is not exported: import it in nnbook/exercises/__init__.py, list in __all__")
    out_of_step, by_hand = False, bool(unexported)
    for path, rebuild in jobs:
        if not path.exists():
            print(f"{_shown(path)}: missing (start it from another chapter's solutions)")
            by_hand = True
            continue
        left, todo = _sync(path, rebuild, args.write)
        out_of_step, by_hand = out_of_step or left, by_hand or todo
    numbers = " ".join(map(str, chapters))
    if out_of_step:
        print(f"to rewrite: python -m nnbook.authoring.exercise_cells --write {numbers}")
    if not (out_of_step or by_hand):
        print(f"in step with nnbook.exercises: chapters {numbers} and their solutions")
    return 1 if out_of_step or by_hand else 0


if __name__ == "__main__":
    sys.exit(main())
