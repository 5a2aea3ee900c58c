"""Chapters 1-3 are committed as the course promises: executed in order, clean, well shaped.

nbval re-executes the notebooks and compares their outputs; these tests check what it does not:
the committed state (execution order, no errors or warnings) and the chapter structure.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [
    "01_the_neuron.ipynb",
    "02_layers_and_networks.ipynb",
    "03_the_matrix_form.ipynb",
]


def load(name):
    return nbformat.read(ROOT / "notebooks" / name, as_version=4)


@pytest.mark.parametrize("name", CHAPTERS)
def test_committed_executed_top_to_bottom_without_errors_or_warnings(name):
    nb = load(name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", cell.source
            assert not (out.output_type == "stream" and out.name == "stderr"), cell.source
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_opens_with_goals(name):
    nb = load(name)
    assert nb.cells[0].source.startswith("# Chapter ")
    assert "you will learn" in nb.cells[0].source


@pytest.mark.parametrize("name", CHAPTERS)
def test_first_code_cell_sets_print_options(name):
    first = next(c for c in load(name).cells if c.cell_type == "code")
    assert "np.set_printoptions(precision=4, suppress=True)" in first.source
    assert "import nnbook" in first.source


@pytest.mark.parametrize("name", CHAPTERS)
def test_links_to_other_chapters_and_images_exist(name):
    markdown = "\n".join(c.source for c in load(name).cells if c.cell_type == "markdown")
    for target in re.findall(r"\]\((\.\./imgs/[^)]+)\)", markdown):
        assert (ROOT / "notebooks" / target).resolve().exists(), target
    for target in re.findall(r"\]\((\d\d_[a-z_]+\.ipynb)\)", markdown):
        assert (ROOT / "notebooks" / target).exists(), target
    # Images need alt text: ![alt](path) with a non-empty alt.
    assert not re.search(r"!\[\s*\]\(", markdown)


def test_chapter_two_shows_the_architecture_figure_and_links_3blue1brown():
    markdown = "\n".join(c.source for c in load(CHAPTERS[1]).cells if c.cell_type == "markdown")
    assert "](../imgs/nns/NNArchitecture.png)" in markdown
    assert "https://www.3blue1brown.com/topics/neural-networks" in markdown


def test_only_machine_dependent_cells_are_excluded_from_output_comparison_and_say_why():
    tagged = [
        c.source
        for name in CHAPTERS
        for c in load(name).cells
        if "nbval-ignore-output" in c.metadata.get("tags", [])
    ]
    assert len(tagged) == 3  # chapter 1's training time, chapter 3's timings and its device
    for source in tagged:
        why = "\n".join(source.splitlines()[:2])
        assert "nbval-ignore-output" in why, source
        assert "Timings vary" in why or "depends on the machine" in why, source
