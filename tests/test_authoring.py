"""The maintainers' notebook tools: exercise cells stay in step with the registry, and a
notebook re-executes in place the way nbval expects it."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import nnbook.exercises
from nnbook.authoring import execute, exercise_cells

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CHAPTER = "01_the_neuron.ipynb"
SOLUTIONS = "solutions/01_the_neuron_solutions.ipynb"


def test_committed_chapters_and_solutions_are_in_step_with_the_registry(capsys):
    status = exercise_cells.main(["--check"])
    assert status == 0, capsys.readouterr().out


@pytest.fixture
def course(tmp_path):
    """A copy of chapter 1 and its solutions notebook, as committed."""
    (tmp_path / "solutions").mkdir()
    for name in (CHAPTER, SOLUTIONS):
        shutil.copyfile(NOTEBOOKS / name, tmp_path / name)
    return tmp_path


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _edit(path, change):
    """Change a notebook's cells with nbformat (not with the tool under test)."""
    notebook = nbformat.read(path, as_version=4)
    change(notebook.cells)
    nbformat.write(notebook, path)


def _index(cells, start):
    return next(i for i, cell in enumerate(cells) if cell.source.startswith(start))


TASK_LINE = "Write `neuron_output(x, w, b, phi)`: the neuron's activation"
ALTERED = "Write `neuron_output(x, w, b, phi)`: an outdated task text."


def _alter_task(cells):
    task = cells[_index(cells, "### Exercise 1.2:")]
    assert TASK_LINE in task.source
    task.source = "\n".join(
        ALTERED if line.startswith(TASK_LINE) else line for line in task.source.splitlines()
    )


def test_check_names_the_altered_task_shows_the_diff_and_exits_1(course):
    _edit(course / CHAPTER, _alter_task)
    command = [sys.executable, "-m", "nnbook.authoring.exercise_cells", "--check"]
    result = subprocess.run(
        [*command, "--notebooks", course, "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "### Exercise 1.2: A whole neuron: differs" in result.stdout
    assert "-" + ALTERED in result.stdout
    assert "+" + TASK_LINE in result.stdout
    assert "_solutions.ipynb" not in result.stdout  # the solutions are in step


def test_check_alone_writes_nothing(course):
    _edit(course / CHAPTER, _alter_task)
    before = (course / CHAPTER).read_bytes()
    assert exercise_cells.main(["--check", "--notebooks", str(course), "1"]) == 1
    assert (course / CHAPTER).read_bytes() == before


def test_write_restores_the_committed_chapter_byte_for_byte(course):
    _edit(course / CHAPTER, _alter_task)
    assert exercise_cells.main(["--write", "--notebooks", str(course), "1"]) == 0
    assert (course / CHAPTER).read_bytes() == (NOTEBOOKS / CHAPTER).read_bytes()


def test_write_changes_the_task_cell_only_keeping_other_cells_and_all_outputs(course):
    def alter_more(cells):
        _alter_task(cells)
        cells[_index(cells, "## Summary")].source += "\nA line a maintainer added."
        check = cells[_index(cells, "nnbook.exercises.check_threshold")]
        check.outputs[0].text = "an output from another run\n"

    _edit(course / CHAPTER, alter_more)
    expected = _cells(course / CHAPTER)
    expected[_index(expected, "### Exercise 1.2:")] = _cells(NOTEBOOKS / CHAPTER)[
        _index(expected, "### Exercise 1.2:")
    ]
    assert exercise_cells.main(["--write", "--notebooks", str(course), "1"]) == 0
    assert _cells(course / CHAPTER) == expected


def test_write_restores_solution_task_and_check_but_keeps_the_worked_solution(course):
    def alter(cells):
        task = cells[_index(cells, "## Exercise 1.2:")]
        task.source = task.source.replace("A whole neuron", "Old title")
        cells[
            _index(cells, "nnbook.exercises.check_neuron_output")
        ].source = "nnbook.exercises.check_neuron_output(neuron)"
        cells[_index(cells, "def neuron_output")].source += "\n# a maintainer's note"

    _edit(course / SOLUTIONS, alter)
    assert exercise_cells.main(["--check", "--notebooks", str(course), "1"]) == 1
    assert exercise_cells.main(["--write", "--notebooks", str(course), "1"]) == 0
    committed, cells = _cells(NOTEBOOKS / SOLUTIONS), _cells(course / SOLUTIONS)
    changed = [i for i, (a, b) in enumerate(zip(committed, cells, strict=True)) if a != b]
    assert [cells[i].source.splitlines()[-1] for i in changed] == ["# a maintainer's note"]


def test_write_puts_solution_sections_back_in_the_chapters_order(course):
    def swap_first_two_sections(cells):
        first, second, third = (_index(cells, f"## Exercise 1.{k}:") for k in (1, 2, 3))
        cells[first:third] = cells[second:third] + cells[first:second]

    _edit(course / SOLUTIONS, swap_first_two_sections)
    assert exercise_cells.main(["--write", "--notebooks", str(course), "1"]) == 0
    assert (course / SOLUTIONS).read_bytes() == (NOTEBOOKS / SOLUTIONS).read_bytes()


def test_a_new_exercise_gets_a_stub_section_in_the_solutions_left_to_write(course, capsys):
    def drop_exercise_3(cells):
        del cells[_index(cells, "## Exercise 1.3:") : _index(cells, "Back to")]

    _edit(course / SOLUTIONS, drop_exercise_3)
    assert exercise_cells.main(["--write", "--notebooks", str(course), "1"]) == 1
    assert "Exercise 1.3 (threshold): the worked solution is still the stub" in (
        capsys.readouterr().out
    )
    assert [cell.source for cell in _cells(course / SOLUTIONS)][-4:-1] == [
        exercise_cells.task_markdown(exercise_cells.EXERCISES["threshold"], 3, level=2),
        exercise_cells.EXERCISES["threshold"].stub,
        "nnbook.exercises.check_threshold(threshold)",
    ]


def test_a_solutions_notebook_without_any_section_gets_one_per_exercise(course, capsys):
    def drop_every_section(cells):
        del cells[_index(cells, "## Exercise 1.1:") : _index(cells, "Back to")]

    _edit(course / SOLUTIONS, drop_every_section)
    assert exercise_cells.main(["--write", "--notebooks", str(course), "1"]) == 1
    headings = [c.source.splitlines()[0] for c in _cells(course / SOLUTIONS) if c.source]
    assert [h for h in headings if h.startswith("## Exercise")] == [
        f"## Exercise 1.{k}: {ex.title}"
        for k, ex in enumerate(exercise_cells.exercises_for_chapter(1), 1)
    ]


def test_a_check_the_package_does_not_export_is_named(course, monkeypatch, capsys):
    exported = [name for name in nnbook.exercises.__all__ if name != "check_threshold"]
    monkeypatch.setattr(nnbook.exercises, "__all__", exported)
    assert exercise_cells.main(["--check", "--notebooks", str(course), "1"]) == 1
    assert "check_threshold is not exported" in capsys.readouterr().out


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00.000000Z"}
    nb.cells[0].execution_count = 7
    nbformat.write(nb, path)
    return path


def test_execute_runs_in_the_notebooks_folder_numbers_cells_and_drops_timing(tmp_path):
    folder = tmp_path / "chapter_folder"
    folder.mkdir()
    path = _notebook(folder / "n.ipynb", "import os\nprint(os.path.basename(os.getcwd()))", "2 + 3")
    assert execute.main([str(path)]) == 0
    cells = nbformat.read(path, as_version=4).cells
    assert [cell.execution_count for cell in cells] == [1, 2]
    assert cells[0].outputs[0].text == "chapter_folder\n"
    assert cells[1].outputs[0].data["text/plain"] == "5"
    assert all("execution" not in cell.metadata for cell in cells)


def test_execute_leaves_a_notebook_whose_cell_raises_untouched(tmp_path):
    path = _notebook(tmp_path / "n.ipynb", "1 / 0")
    before = path.read_bytes()
    assert execute.main([str(path)]) == 1
    assert path.read_bytes() == before
