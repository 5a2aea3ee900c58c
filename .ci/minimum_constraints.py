"""The lowest versions pyproject.toml allows, as a pip constraints file, for CI's second run.

Every dependency of the package and of its extras must name a lower bound (``name>=X``);
the constraints file pins each one to exactly that version (``name==X``), like scikit-learn's
minimum-dependencies job. The ``gpu`` extra is left out: CuPy matters only on a GPU, which CI
does not have, and is a large download. The file is written from pyproject.toml, never by
hand, and tests/test_declared_versions.py fails when the two drift apart::

    python .ci/minimum_constraints.py > .ci/minimum-constraints.txt   # after changing a bound
    python .ci/minimum_constraints.py --pythons                      # 3.10 3.11 3.12 3.13

The second form prints the Python versions requires-python names, which .ci/run tests.

No transitive dependency is pinned: with today's releases the lowest direct versions install
and import together with the newest versions of what they pull in. If that stops being true
(an old matplotlib needing an older NumPy ABI, say), add the pin to PINS below with the reason.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
LEFT_OUT = {"gpu"}  # extras that the minimum-versions run does not install
#: Transitive pins: name -> (version, why the lowest direct versions need it). None today.
PINS: dict[str, tuple[str, str]] = {}

REQUIREMENT = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r">=\s*(?P<version>[0-9][0-9A-Za-z.]*)\s*(?:,[^;]*)?(?P<marker>;.*)?"
)
HEADER = """\
# The lowest versions pyproject.toml allows: CI's minimum-versions run installs with these.
# Written by .ci/minimum_constraints.py from pyproject.toml; do not edit by hand (a test fails
# when the two drift apart). After changing a lower bound there, regenerate with
#     python .ci/minimum_constraints.py > .ci/minimum-constraints.txt
# The gpu extra (CuPy) is left out: it matters only on a GPU, which CI does not have.
"""


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bounds(pyproject: dict) -> dict[str, tuple[str, str]]:
    """name -> (lowest version, environment marker or "") over the dependencies and extras."""
    project = pyproject["project"]
    groups = {"dependencies": project["dependencies"]}
    for extra, requirements in project.get("optional-dependencies", {}).items():
        if extra not in LEFT_OUT:
            groups[f"the {extra} extra"] = requirements
    bounds: dict[str, tuple[str, str, str]] = {}
    for group, requirements in groups.items():
        for requirement in requirements:
            match = REQUIREMENT.fullmatch(requirement.strip())
            if match is None:
                raise ValueError(
                    f"{requirement!r} in {group} needs a lower bound (name>=version): "
                    "the minimum-versions run installs exactly that version"
                )
            name = _normal(match["name"])
            found = (match["version"], (match["marker"] or "").strip(), group)
            if name in bounds and bounds[name][:2] != found[:2]:
                raise ValueError(
                    f"{name} has the lower bound {bounds[name][0]} in {bounds[name][2]} "
                    f"but {found[0]} in {group}: give it one lower bound everywhere"
                )
            bounds.setdefault(name, found)
    return {name: (version, marker) for name, (version, marker, _) in bounds.items()}


def constraints(pyproject_text: str) -> str:
    """The constraints file's text for ``pyproject_text``: one ``name==lowest`` line each."""
    lines = [HEADER]
    for name, (version, marker) in sorted(lower_bounds(tomllib.loads(pyproject_text)).items()):
        lines.append(f"{name}=={version}" + (f"  {marker}" if marker else "") + "\n")
    for name, (version, why) in sorted(PINS.items()):
        lines.append(f"# not a direct dependency: {why}\n{name}=={version}\n")
    return "".join(lines)


def python_versions(pyproject_text: str) -> list[str]:
    """The minor Python versions ``requires-python`` allows; it must read ``>=3.A,<3.B``."""
    spec = tomllib.loads(pyproject_text)["project"]["requires-python"]
    match = re.fullmatch(r">=\s*3\.(\d+)\s*,\s*<\s*3\.(\d+)", spec.strip())
    if match is None:
        raise ValueError(
            f"requires-python must read '>=3.A,<3.B' (CI tests every version between); got {spec!r}"
        )
    return [f"3.{minor}" for minor in range(int(match[1]), int(match[2]))]


def main(argv: list[str]) -> int:
    text = PYPROJECT.read_text(encoding="utf-8")
    if argv == ["--pythons"]:
        print(" ".join(python_versions(text)))
    elif not argv:
        sys.stdout.write(constraints(text))
    else:
        print("usage: python .ci/minimum_constraints.py [--pythons]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
