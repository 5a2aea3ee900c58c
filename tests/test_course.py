"""The course as a whole: chapter titles agree everywhere they appear (the chapters themselves,
their solution notebooks, the README), and no cell trips up a learner who re-runs it or a reader
who sees it rendered."""

import ast
import re
from pathlib import Path

import nbformat
import pytest

from nnbook.authoring.chapter_stats import count, reading_minutes

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CHAPTERS = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted(p.name for p in (NOTEBOOKS / "solutions").glob("[0-9][0-9]_*.ipynb"))
EVERY_NOTEBOOK = [*CHAPTERS, *(f"solutions/{n}" for n in SOLUTIONS)]


def test_the_course_has_its_nine_chapters():
    assert [name[:2] for name in CHAPTERS] == [f"{k:02d}" for k in range(1, 10)]


@pytest.mark.parametrize("name", CHAPTERS)
def test_title_is_chapter_number_colon_title_matching_the_file(name):
    title = nbformat.read(NOTEBOOKS / name, as_version=4).cells[0].source.split("\n", 1)[0]
    match = re.fullmatch(r"# Chapter (\d+): [A-Z].+", title)
    assert match, f"{name}: title {title!r} should read '# Chapter N: Title'"
    assert int(match.group(1)) == int(name[:2])


@pytest.mark.parametrize("name", CHAPTERS)
def test_lesson_ends_with_summary_then_exercises_then_next(name):
    markdown = [
        c.source
        for c in nbformat.read(NOTEBOOKS / name, as_version=4).cells
        if c.cell_type == "markdown"
    ]

    def first_cell_with(heading: str) -> int:
        return next(i for i, text in enumerate(markdown) if heading in text.splitlines())

    assert markdown[-1].startswith("## Next")
    # The summary closes the lesson; the exercises follow it, just before "## Next".
    assert first_cell_with("## Summary") < first_cell_with("## Exercises") < len(markdown) - 1


def _names_in(source: str) -> tuple[set[str], set[str], set[str]]:
    """(functions defined, other names bound, names read) by one code cell."""
    tree = ast.parse(source)
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, ast.Store) else read).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
    return defined, bound, read


@pytest.mark.parametrize("name", CHAPTERS)
def test_functions_a_learner_writes_do_not_reuse_names_other_cells_need(name):
    # Exercise stubs raise NotImplementedError until solved. If an earlier cell used the same
    # name (say an imported mse), re-running that cell after the stub would break it.
    cells = [
        c.source
        for c in nbformat.read(NOTEBOOKS / name, as_version=4).cells
        if c.cell_type == "code"
    ]
    names = [_names_in(source) for source in cells]
    for k, (defined, _, _) in enumerate(names):
        for function in defined:
            for j, (other_defined, bound, read) in enumerate(names):
                if j == k:
                    continue
                assert function not in other_defined | bound, (
                    f"{name}: {function}() is defined in code cell {k + 1}, "
                    f"and code cell {j + 1} binds the same name"
                )
                assert j > k or function not in read, (
                    f"{name}: code cell {j + 1} uses {function} before cell {k + 1} defines it"
                )


@pytest.mark.parametrize("name", EVERY_NOTEBOOK)
def test_no_cell_has_control_characters(name):
    # "\varphi" written in a normal Python string becomes a vertical tab plus "arphi"
    for k, cell in enumerate(nbformat.read(NOTEBOOKS / name, as_version=4).cells):
        bad = re.findall(r".{0,12}[\x00-\x08\x0b-\x1f\x7f].{0,12}", cell.source)
        assert not bad, f"{name}: cell {k} has a control character in {bad}"


@pytest.mark.parametrize("name", EVERY_NOTEBOOK)
def test_no_cell_carries_execution_timestamps(name):
    # Timestamps change on every run: a re-executed notebook would differ in every cell.
    # python -m nnbook.authoring.execute strips them.
    for k, cell in enumerate(nbformat.read(NOTEBOOKS / name, as_version=4).cells):
        assert "execution" not in cell.metadata, f"{name}: cell {k} carries execution timestamps"


# How NumPy 2 shows a bare scalar: np.float64(0.5), np.int64(3), np.True_ (NumPy 1: 0.5, 3, True).
NUMPY_SCALAR = re.compile(
    r"\bnp\.(?:(?:(?:u?int|float|complex)\d+|str_|bytes_|c?longdouble|void|(?:datetime|timedelta)64)\("
    r"|True_|False_)"
)


@pytest.mark.parametrize("name", EVERY_NOTEBOOK)
def test_no_output_depends_on_how_numpy_shows_a_scalar(name):
    # nbval compares outputs as text, and CI runs both NumPy 1 and NumPy 2: print float(x),
    # int(x) or an f-string instead of a bare NumPy scalar.
    for k, cell in enumerate(nbformat.read(NOTEBOOKS / name, as_version=4).cells):
        for output in cell.get("outputs", []):
            text = output.get("text", "") + output.get("data", {}).get("text/plain", "")
            shown = NUMPY_SCALAR.findall(text)
            assert not shown, f"{name}: cell {k} shows a NumPy scalar as {shown[0]}...)"


def _title(path: Path) -> str:
    """A chapter's title without its '# Chapter N: ' prefix."""
    first_line = nbformat.read(path, as_version=4).cells[0].source.split("\n", 1)[0]
    return first_line.split(": ", 1)[1]


@pytest.mark.parametrize("name", CHAPTERS)
def test_solutions_notebook_uses_the_chapter_title_and_links_back(name):
    title, number = _title(NOTEBOOKS / name), int(name[:2])
    solutions = nbformat.read(
        NOTEBOOKS / "solutions" / name.replace(".ipynb", "_solutions.ipynb"), as_version=4
    )
    assert solutions.cells[0].source.startswith(f"# Chapter {number} solutions: {title}\n")
    assert f"[Chapter {number}: {title}](../{name})" in solutions.cells[-1].source


def test_readme_lists_every_chapter_by_its_title_in_order():
    readme = (NOTEBOOKS.parent / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^(\d+)\. \[([^\]]+)\]\(notebooks/(\d\d_\w+\.ipynb)\)", readme, re.M)
    expected = [(str(int(n[:2])), _title(NOTEBOOKS / n), n) for n in CHAPTERS]
    assert listed == expected


def test_readme_chapter_lengths_match_the_notebooks():
    readme = (NOTEBOOKS.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(
        (name, (words, lines, minutes))
        for name, words, lines, minutes in re.findall(
            r"^\| (\d\d_\w+) \| ([\d,]+) \| (\d+) \| about (\d+) min \|", readme, re.M
        )
    )
    chapters = [Path(name).stem for name in CHAPTERS]
    assert sorted(rows) == chapters, "run python -m nnbook.authoring.chapter_stats"
    for name in chapters:
        words, lines = count(nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4))
        expected = (f"{words:,}", str(lines), str(reading_minutes(words, lines)))
        assert rows[name] == expected, f"{name}: run python -m nnbook.authoring.chapter_stats"
