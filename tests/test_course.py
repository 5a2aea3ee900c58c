"""The course as a whole: every chapter is titled the same way, in the order of its file."""

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CHAPTERS = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def test_the_course_has_its_seven_chapters():
    assert [name[:2] for name in CHAPTERS] == [f"{k:02d}" for k in range(1, 8)]


@pytest.mark.parametrize("name", CHAPTERS)
def test_title_is_chapter_number_colon_title_matching_the_file(name):
    title = nbformat.read(NOTEBOOKS / name, as_version=4).cells[0].source.split("\n", 1)[0]
    match = re.fullmatch(r"# Chapter (\d+): [A-Z].+", title)
    assert match, f"{name}: title {title!r} should read '# Chapter N: Title'"
    assert int(match.group(1)) == int(name[:2])
