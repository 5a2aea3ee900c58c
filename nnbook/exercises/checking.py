"""Running a check: try the learner's function on every case and say what happened.

:func:`make_check` turns an :class:`~nnbook.exercises.spec.Exercise` into its
``check_<name>(your_function)``. The check stops at the first case that goes wrong and says so
in plain words (the input, the answer, the expected answer and a hint), reports an untouched
stub as "not attempted", an exception as its type and message without a traceback, and a right
answer that changed its input in place as a failure. It prints its words and returns a
:class:`CheckResult`, true only when every case passed. The topic modules :func:`register`
their exercises here, which gives them their checks; this module imports none of them.

Examples
--------
>>> from nnbook.exercises import EXERCISES
>>> check_threshold = make_check(EXERCISES["threshold"])
>>> result = check_threshold(lambda w, b: -b / w)
Passed! threshold is right on all 5 cases checked:
  - w = 2, b = -4
  - a positive bias
  - a negative weight
  - a zero bias
  - a threshold between 0 and -1
>>> bool(result)
True
"""

from __future__ import annotations

import copy
import textwrap
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnbook.exercises.answers import (
    call_quietly,
    describe_difference,
    format_pair,
    same,
    show_inputs,
)
from nnbook.exercises.spec import Exercise

__all__ = ["CheckResult", "make_check", "register", "registered"]


@dataclass(frozen=True)
class CheckResult:
    """What a check found: true only if every case passed; ``str()`` gives the plain words.

    Attributes
    ----------
    name : str
        The exercise (the learner's function name, e.g. ``"weighted_sum"``).
    status : str
        ``"passed"``, ``"failed"``, ``"error"`` (the function raised) or ``"not attempted"``.
    message : str
        The words the check printed.
    hint : str
        The hint alone ("" when passed or not attempted).

    Examples
    --------
    >>> r = CheckResult("f", "passed", "Passed!")
    >>> bool(r), str(r)
    (True, 'Passed!')
    """

    name: str
    status: str
    message: str = field(repr=False)
    hint: str = field(default="", repr=False)

    @property
    def passed(self) -> bool:
        """True when every case gave the expected answer."""
        return self.status == "passed"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return self.message

    def _ipython_display_(self) -> None:
        """Show nothing in Jupyter: the check already printed its words once."""


def _wrap_hint(hint: str) -> str:
    return textwrap.fill(f"Hint: {hint}", width=88, subsequent_indent="      ")


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _not_callable(ex: Exercise, given: Any) -> CheckResult:
    message = (
        f"Not checked: check_{ex.name} needs your function itself, e.g. "
        f"check_{ex.name}({ex.name}), without calling it; it got a {type(given).__name__}."
    )
    return CheckResult(ex.name, "failed", message, message)


def _changed_input(before: dict[str, Any], after: list[Any]) -> str | None:
    """The name of the first input the learner's function changed in place, if any."""
    for (name, old), new in zip(before.items(), after, strict=True):
        if isinstance(old, np.ndarray) and not np.array_equal(old, new):
            return name
    return None


def evaluate(ex: Exercise, function: Any) -> CheckResult:
    """Try ``function`` on every case of ``ex``; stop at the first that goes wrong."""
    if not callable(function):
        return _not_callable(ex, function)
    name = getattr(function, "__name__", ex.name)
    if name == "<lambda>":
        name = ex.name
    for case in ex.cases:
        expected = call_quietly(ex.reference, case.args)
        copies = copy.deepcopy(list(case.args.values()))
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                got = function(*copies)
        except NotImplementedError:
            message = textwrap.fill(
                f"Not attempted yet: {name} still raises NotImplementedError. Replace that "
                "line with your code, run its cell, then run this check again.",
                width=88,
            )
            return CheckResult(ex.name, "not attempted", message)
        except Exception as err:
            hint = case.crash_hint or ex.crash_hint
            what = f"{type(err).__name__}: {_first_line(str(err)) or '(no message)'}"
            message = (
                textwrap.fill(f"Not yet: {name} stopped with {what}", width=88)
                + f"\nIt happened on {case.label}, with\n{show_inputs(case.args)}"
            )
            if hint:
                message += "\n" + _wrap_hint(hint)
            return CheckResult(ex.name, "error", message, hint)
        ok = same(got, expected, ex.exact) or any(
            same(got, call_quietly(alt, case.args), ex.exact) for alt in ex.also_accept
        )
        if ok:
            changed = _changed_input(case.args, copies)
            if changed is None:
                continue
            hint = (
                f"Your answer is right, but your function changed its input {changed} "
                "in place. Build a new array instead (write `y = x - ...` rather than "
                "`x -= ...`), so the caller's data stays as it was."
            )
            message = f"Not yet: {name} changed its input on {case.label}.\n{_wrap_hint(hint)}"
            return CheckResult(ex.name, "failed", message, hint)
        hint = describe_difference(got, expected, ex, case.args)
        shown_got, shown_expected = format_pair(got, expected)
        message = (
            f"Not yet: {name} gave a wrong answer on {case.label}, with\n"
            f"{show_inputs(case.args)}\n"
            f"  your answer: {shown_got.replace(chr(10), chr(10) + ' ' * 15)}\n"
            f"  expected:    {shown_expected.replace(chr(10), chr(10) + ' ' * 15)}"
        )
        if hint:
            message += "\n" + _wrap_hint(hint)
        return CheckResult(ex.name, "failed", message, hint)
    labels = "\n".join(f"  - {case.label}" for case in ex.cases)
    message = f"Passed! {name} is right on all {len(ex.cases)} cases checked:\n{labels}"
    return CheckResult(ex.name, "passed", message)


def make_check(ex: Exercise) -> Callable[..., CheckResult]:
    """The learner's ``check_<name>(function, *, quiet=False)`` for exercise ``ex``.

    The check prints its words (unless ``quiet``) and returns the :class:`CheckResult`.
    It presents itself as ``nnbook.exercises.check_<name>``, where learners call it.
    """

    def check(function: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
        result = evaluate(ex, function)
        if not quiet:
            print(result.message)
        return result

    check.__name__ = check.__qualname__ = f"check_{ex.name}"
    check.__doc__ = (
        f"Check your ``{ex.name}`` (chapter {ex.chapter}: {ex.title}) on several inputs.\n\n"
        "Parameters\n----------\n"
        f"function : callable\n    Your ``{ex.name}`` function itself (not its result).\n"
        "quiet : bool\n    If true, print nothing (the result still holds the words).\n\n"
        "Returns\n-------\nCheckResult\n    True only if every case passed; ``str()`` gives "
        "the words printed.\n"
    )
    check.__module__ = __package__
    return check


_REGISTRY: dict[str, Exercise] = {}


def register(ex: Exercise) -> Callable[..., CheckResult]:
    """Add ``ex`` to the exercises of the course and return its check, ``check_<name>``.

    A topic module defines each exercise in one statement, ``check_<name> =
    register(Exercise(...))``; :data:`nnbook.exercises.EXERCISES` lists them all.

    Raises
    ------
    ValueError
        If another exercise already has the same name (each name is a learner's function).
    """
    if ex.name in _REGISTRY:
        raise ValueError(f"an exercise named {ex.name!r} is already registered; names are unique")
    _REGISTRY[ex.name] = ex
    return make_check(ex)


def registered() -> dict[str, Exercise]:
    """Every registered exercise by name, in the order the topic modules registered them."""
    return dict(_REGISTRY)
