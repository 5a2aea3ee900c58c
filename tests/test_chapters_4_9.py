"""Structure of chapters 4-9: what nbval cannot see (it only re-runs cells and compares text).

Each chapter must open with a title and what the reader will learn, set up NumPy printing in its
first code cell, be committed executed in one fresh kernel without errors or warnings, show only
images that exist (with alt text), and end with a Summary followed by a final "## Next" cell that
links to the next chapter.
"""

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

CHAPTERS = {
    "04_why_nonlinearity.ipynb": "05_activation_functions.ipynb",
    "05_activation_functions.ipynb": "06_folding_the_bias.ipynb",
    "06_folding_the_bias.ipynb": "07_learning_as_going_downhill.ipynb",
    "07_learning_as_going_downhill.ipynb": "08_backpropagation.ipynb",
    "08_backpropagation.ipynb": "09_training_a_real_network.ipynb",
    "09_training_a_real_network.ipynb": "neuralnetworksanddeeplearning.com",
}


def load(name):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


@pytest.mark.parametrize("name", CHAPTERS)
def test_opens_with_title_and_first_code_cell_sets_printing(name):
    nb = load(name)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith("# Chapter ")
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert "np.set_printoptions(precision=4, suppress=True)" in first_code.source
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", CHAPTERS)
def test_executed_in_order_without_errors_or_warnings(name):
    code = [c for c in load(name).cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", cell.source
            assert not (out.output_type == "stream" and out.name == "stderr"), cell.source


@pytest.mark.parametrize("name", CHAPTERS)
def test_next_links_the_next_chapter(name):
    markdown = [c.source for c in load(name).cells if c.cell_type == "markdown"]
    assert markdown[-1].startswith("## Next")
    assert CHAPTERS[name] in markdown[-1]


@pytest.mark.parametrize("name", CHAPTERS)
def test_images_exist_and_have_alt_text(name):
    for cell in load(name).cells:
        if cell.cell_type != "markdown":
            continue
        for alt, target in re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", cell.source):
            assert len(alt.split()) >= 5, f"alt text too short for {target}"
            assert (NOTEBOOKS / target).resolve().is_file(), target


def test_activation_chapter_shows_all_four_graphs():
    text = "\n".join(c.source for c in load("05_activation_functions.ipynb").cells)
    for png in ["sigmoid.png", "tanh.png", "relu.png", "leaky-relu.png"]:
        assert f"../imgs/nns/{png}" in text
