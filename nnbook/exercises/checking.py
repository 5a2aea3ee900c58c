"""Running a check: try the learner's function on every case and say what happened.

:func:`make_check` turns an :class:`~nnbook.exercises.spec.Exercise` into its
``check_<name>(your_function)``. The check stops at the first case that goes wrong and says so
in plain words (the input, the answer, the expected answer and a hint), reports an untouched
stub as "not attempted", an exception as its type and message without a traceback, and a right
answer that changed its input in place as a failure. Whatever the learner's function does, the
check ends and says what happened (:mod:`~nnbook.exercises.running`): a function still running
after ``time_limit`` seconds (:data:`TIME_LIMIT_S`) is stopped, ``exit()`` is reported instead of
obeyed, and a shortcut the task rules out is a failure. Only a real Ctrl-C stops the check
itself. It prints its words and returns a :class:`CheckResult`, true only when every case
passed. The topic modules :func:`register` their exercises here, which gives them their checks;
this module imports none of them.

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
import math
import textwrap
import time
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
from nnbook.exercises.running import run_learner_function
from nnbook.exercises.shortcuts import ShortcutUsed
from nnbook.exercises.spec import Case, Exercise
from nnbook.exercises.time_limit import STUCK_AFTER_S, TimeLimitExceeded

__all__ = ["TIME_LIMIT_S", "CheckResult", "make_check", "register", "registered"]

#: Seconds the learner's function may run on one case before the check stops it.
TIME_LIMIT_S = 5.0
#: A stop this much later than the limit means the function was stuck in one long C call.
_LATE_S = 0.5


@dataclass(frozen=True)
class CheckResult:
    """What a check found: true only if every case passed; ``str()`` gives the plain words.

    Attributes
    ----------
    name : str
        The exercise (the learner's function name, e.g. ``"weighted_sum"``).
    status : str
        ``"passed"``, ``"failed"``, ``"error"`` (the function raised, ran past its time limit or
        called ``exit()``) or ``"not attempted"``.
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


def _too_slow(ex: Exercise, name: str, case: Case, limit: float, took: float) -> CheckResult:
    """The function ran past its time limit: where, and the likely cause."""
    if took < limit + _LATE_S:
        words = f"Not yet: {name} was stopped after {limit:g} seconds on {case.label}, with"
        hint = (
            "It never returned an answer. The usual cause is a loop that never ends, e.g. a "
            "`while` loop whose condition never changes: does every turn move its variable "
            "towards the end (i += 1)? A time.sleep or input() would also do it."
        )
    else:
        words = (
            f"Not yet: {name} ran for {took:.1f} seconds on {case.label} (the limit is "
            f"{limit:g}), with"
        )
        hint = (
            "Most of that time went into one long step that cannot be interrupted, such as a "
            "NumPy operation on a huge array or a long time.sleep. The inputs here are tiny: "
            "is an array built much bigger than them (np.ones(10**9)?), or a loop that never "
            "ends?"
        )
    message = f"{words}\n{show_inputs(case.args)}\n{_wrap_hint(hint)}"
    return CheckResult(ex.name, "error", message, hint)


def _exited(ex: Exercise, name: str, case: Case) -> CheckResult:
    hint = "A function hands its result back with `return`: return the answer instead."
    message = textwrap.fill(
        f"Not yet: {name} called exit(), which would stop the program (in Jupyter, the kernel "
        f"and every variable in it). It happened on {case.label}.",
        width=88,
    )
    return CheckResult(ex.name, "error", f"{message}\n{_wrap_hint(hint)}", hint)


def _shortcut(ex: Exercise, name: str, used: str) -> CheckResult:
    hint = (
        f"This exercise asks you to build it from {ex.build_from}; your function called "
        f"{used}. Seeing how it is made is the point: write it out without {used}."
    )
    message = f"Not yet: {name} called {used}, a shortcut this exercise rules out."
    return CheckResult(ex.name, "failed", f"{message}\n{_wrap_hint(hint)}", hint)


def _still_waiting(name: str, limit: float) -> Callable[[], None]:
    """What to print if the function is stuck in one long call past its limit."""

    def say() -> None:
        print(
            textwrap.fill(
                f"(Still waiting for {name}: it has run for over {limit + STUCK_AFTER_S:g} "
                "seconds, inside one long step the check cannot interrupt, such as a NumPy "
                "operation on a huge array. The check reports as soon as that step ends; "
                "to stop now, interrupt the kernel: the square button, or Ctrl-C.)",
                width=88,
            ),
            flush=True,
        )

    return say


def evaluate(
    ex: Exercise, function: Any, time_limit: float = TIME_LIMIT_S, quiet: bool = True
) -> CheckResult:
    """Try ``function`` on every case of ``ex``; stop at the first that goes wrong.

    Each case may run ``time_limit`` seconds. Unless ``quiet``, a function stuck past its
    limit in a call that cannot be interrupted gets a line saying so while the check waits.
    """
    if not callable(function):
        return _not_callable(ex, function)
    name = getattr(function, "__name__", ex.name)
    if name == "<lambda>":
        name = ex.name
    on_stuck = None if quiet else _still_waiting(name, time_limit)
    for case in ex.cases:
        expected = call_quietly(ex.reference, case.args)
        copies = copy.deepcopy(list(case.args.values()))
        started = time.monotonic()
        try:
            got = run_learner_function(function, copies, time_limit, ex.shortcuts, on_stuck)
        except NotImplementedError:
            message = textwrap.fill(
                f"Not attempted yet: {name} still raises NotImplementedError. Replace that "
                "line with your code, run its cell, then run this check again.",
                width=88,
            )
            return CheckResult(ex.name, "not attempted", message)
        except TimeLimitExceeded:
            return _too_slow(ex, name, case, time_limit, time.monotonic() - started)
        except SystemExit:
            return _exited(ex, name, case)
        except ShortcutUsed as used:
            return _shortcut(ex, name, used.name)
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
    """The learner's ``check_<name>(function, *, quiet=False, time_limit=5)`` for exercise ``ex``.

    The check prints its words (unless ``quiet``) and returns the :class:`CheckResult`.
    It presents itself as ``nnbook.exercises.check_<name>``, where learners call it.
    """

    def check(
        function: Callable[..., Any], *, quiet: bool = False, time_limit: float = TIME_LIMIT_S
    ) -> CheckResult:
        if isinstance(time_limit, bool) or not (
            isinstance(time_limit, (int, float)) and 0 < time_limit < math.inf
        ):
            raise ValueError(
                f"time_limit must be a positive number of seconds, e.g. 5; got {time_limit!r}"
            )
        result = evaluate(ex, function, float(time_limit), quiet)
        if not quiet:
            print(result.message)
        return result

    check.__name__ = check.__qualname__ = f"check_{ex.name}"
    check.__doc__ = (
        f"Check your ``{ex.name}`` (chapter {ex.chapter}: {ex.title}) on several inputs.\n\n"
        "Parameters\n----------\n"
        f"function : callable\n    Your ``{ex.name}`` function itself (not its result).\n"
        "quiet : bool\n    If true, print nothing (the result still holds the words).\n"
        "time_limit : float\n    Seconds your function may take on one input before the "
        f"check stops it\n    (default {TIME_LIMIT_S:g}).\n\n"
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
