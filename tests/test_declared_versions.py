"""The versions we declare are the versions we test: .ci/minimum-constraints.txt pins exactly
pyproject.toml's lower bounds (CI's minimum-versions run installs with it), and the README
names the versions that CI runs."""

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
CONSTRAINTS = ROOT / ".ci" / "minimum-constraints.txt"
README = (ROOT / "README.md").read_text(encoding="utf-8")

_spec = importlib.util.spec_from_file_location(
    "minimum_constraints", ROOT / ".ci" / "minimum_constraints.py"
)
minimum = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(minimum)


def pins(text):
    """name -> version of every ``name==version`` line of a constraints file."""
    return dict(re.findall(r"^([\w.-]+)==([\w.]+)", text, re.M))


def test_constraints_file_pins_exactly_the_lower_bounds_in_pyproject():
    assert CONSTRAINTS.read_text(encoding="utf-8") == minimum.constraints(PYPROJECT), (
        "regenerate it: python .ci/minimum_constraints.py > .ci/minimum-constraints.txt"
    )


def test_raising_a_lower_bound_makes_the_committed_constraints_stale():
    raised = minimum.constraints(PYPROJECT.replace('"numpy>=1.24"', '"numpy>=1.26"'))
    assert pins(raised)["numpy"] == "1.26"
    assert raised != CONSTRAINTS.read_text(encoding="utf-8")


def test_every_dependency_and_extra_but_gpu_is_pinned_at_its_lower_bound():
    pinned = pins(CONSTRAINTS.read_text(encoding="utf-8"))
    assert pinned["numpy"] == "1.24" and pinned["pytest"] == "7.4"  # a dependency, the test extra
    assert pinned["jupyterlab"] == "4.0" and pinned["scikit-learn"] == "1.3"  # lab, train
    assert not any(name.startswith("cupy") for name in pinned)


def test_a_dependency_without_a_lower_bound_is_refused():
    with pytest.raises(ValueError, match=r"'tqdm' in dependencies needs a lower bound"):
        minimum.constraints(PYPROJECT.replace('"tqdm>=4.60"', '"tqdm"'))


def test_two_lower_bounds_for_one_package_are_refused():
    lab_raised = PYPROJECT.replace('lab = ["jupyterlab>=4.0"', 'lab = ["jupyterlab>=4.1"')
    with pytest.raises(ValueError, match=r"jupyterlab has the lower bound 4.1 in the lab extra"):
        minimum.constraints(lab_raised)


def test_a_transitive_pin_is_written_with_its_reason(monkeypatch):
    # None is needed today; one goes into PINS only when the lowest direct versions need it.
    monkeypatch.setattr(minimum, "PINS", {"some-library": ("1.2", "why the pin is needed")})
    assert minimum.constraints(PYPROJECT).endswith(
        "# not a direct dependency: why the pin is needed\nsome-library==1.2\n"
    )


def test_requires_python_names_the_four_pythons_ci_runs():
    assert minimum.python_versions(PYPROJECT) == ["3.10", "3.11", "3.12", "3.13"]


def test_requires_python_without_an_upper_bound_is_refused():
    # CI must know which Pythons to run; an open range would name ones it never tests.
    open_range = PYPROJECT.replace('requires-python = ">=3.10,<3.14"', 'requires-python = ">=3.10"')
    with pytest.raises(ValueError, match=r"must read '>=3.A,<3.B'.*got '>=3.10'"):
        minimum.python_versions(open_range)


def test_readme_says_which_versions_are_tested():
    section = README.split("## Tested versions", 1)[1].split("\n## ", 1)[0]
    flat = " ".join(section.split())  # line breaks inside a sentence count as spaces
    missing = [
        f"{name} {version}"
        for name, version in pins(CONSTRAINTS.read_text(encoding="utf-8")).items()
        if f"{name} {version}" not in flat
    ]
    assert not missing, f"the README's Tested versions section does not name {missing}"
    requires_python = re.search(r'^requires-python = "(.*)"', PYPROJECT, re.M)[1]
    assert f"`requires-python` is `{requires_python}`" in flat
