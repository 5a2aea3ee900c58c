"""Answers: calling a function quietly, comparing its answer, and saying what differs.

A check shows the learner their input and answer as NumPy prints arrays (:func:`format_value`,
:func:`show_inputs`), decides whether an answer is right (:func:`same`: same structure, same
shapes, numbers close to ``rtol = 1e-5``), and when it is not, finds the words for why
(:func:`describe_difference`): a known mistake first, then what the shapes say.

Examples
--------
>>> same(np.array([1.0, 2.0 + 1e-9]), np.array([1.0, 2.0]))
True
>>> same(np.array([[1.0, 2.0]]), np.array([1.0, 2.0]))  # right numbers, wrong shape
False
>>> print(show_inputs({"x": np.array([[1.0, 2.0], [3.0, 4.0]]), "b": 0.5}))
  x = [[1. 2.]
       [3. 4.]]
  b = 0.5
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook.exercises.spec import Exercise

__all__ = ["call_quietly", "describe_difference", "format_value", "same", "show_inputs"]

_RTOL, _ATOL = 1e-5, 1e-8


def format_value(value: Any) -> str:
    """A short readable form of an input or an answer (arrays like NumPy prints them).

    Examples
    --------
    >>> format_value(np.array([0.5, 1 / 3]))
    '[0.5      0.333333]'
    >>> format_value(np.float64(0.1) + np.float64(0.2))
    '0.3'
    """
    if callable(value):
        return getattr(value, "__name__", repr(value))
    if isinstance(value, (list, tuple)) and any(
        isinstance(v, (list, tuple, np.ndarray)) for v in value
    ):
        open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
        parts = [format_value(v) for v in value]
        if all("\n" not in p for p in parts) and sum(map(len, parts)) < 60:
            return open_ + ", ".join(parts) + close
        return open_ + ",\n ".join(p.replace("\n", "\n ") for p in parts) + close
    if isinstance(value, (bool, int, np.integer)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, (int, float)) for v in value):
        return str(value)
    try:
        array = np.asarray(value)
    except Exception:
        return repr(value)[:200]
    if array.dtype == object:
        return repr(value)[:200]
    with np.printoptions(precision=6, suppress=True, floatmode="maxprec", linewidth=90):
        if array.ndim == 0 and array.dtype.kind == "f":
            return np.format_float_positional(float(array), precision=6, trim="-")
        return np.array2string(array)


def show_inputs(args: dict[str, Any]) -> str:
    """One indented ``name = value`` line per argument, multi-line arrays aligned."""
    lines = []
    for name, value in args.items():
        prefix = f"  {name} = "
        lines.append(prefix + format_value(value).replace("\n", "\n" + " " * len(prefix)))
    return "\n".join(lines)


def _shape_words(shape: tuple[int, ...]) -> str:
    return "a single number" if shape == () else f"shape {shape}"


def _as_numbers(value: Any) -> np.ndarray | None:
    if value is None:
        return None
    try:
        array = np.asarray(value, dtype=float)
    except Exception:
        return None
    return array


def same(got: Any, expected: Any, exact: bool = False) -> bool:
    """True when ``got`` equals ``expected`` (same structure, same shapes, close numbers).

    A tuple ``expected`` (several things returned) needs a tuple or list of as many
    answers, each the same; ``exact`` compares numbers exactly (counts, not measurements).
    """
    if isinstance(expected, tuple):
        return (
            isinstance(got, (tuple, list))
            and len(got) == len(expected)
            and all(same(g, e, exact) for g, e in zip(got, expected, strict=True))
        )
    g, e = _as_numbers(got), np.asarray(expected, dtype=float)
    if g is None or g.shape != e.shape:
        return False
    if exact:
        return bool(np.array_equal(g, e))
    return bool(np.allclose(g, e, rtol=_RTOL, atol=_ATOL, equal_nan=True))


def call_quietly(function: Callable[..., Any], args: dict[str, Any]) -> Any:
    """Call ``function`` with copies of the inputs, silencing NumPy's warnings (inf, nan).

    Examples
    --------
    >>> float(call_quietly(lambda x: 1 / x, {"x": np.float64(0.0)}))
    inf
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*copy.deepcopy(list(args.values())))


def describe_difference(got: Any, expected: Any, ex: Exercise, args: dict[str, Any]) -> str:
    """The hint for a wrong answer: a known mistake first, then what the shapes say."""
    for mistake in ex.mistakes:
        try:
            wrong = call_quietly(mistake.wrong, args)
        except Exception:
            continue
        if same(got, wrong, ex.exact):
            return mistake.hint
    if got is None:
        return "Your function returned None: did you forget the `return` line?"
    if isinstance(expected, tuple):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"Return {len(expected)} things as a tuple, e.g. `return W, b`."
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            if not same(g, e, ex.exact):
                return _array_hint(g, e, ex, part=i)
        return ex.hint
    return _array_hint(got, expected, ex)


def _array_hint(got: Any, expected: Any, ex: Exercise, part: int | None = None) -> str:
    what = "Your answer" if part is None else f"Item {part} of your answer"
    g, e = _as_numbers(got), np.asarray(expected, dtype=float)
    if g is None:
        return f"{what} is a {type(got).__name__}, not numbers."
    if g.shape != e.shape:
        if g.ndim == 2 and g.shape == e.shape[::-1] and np.allclose(g, e.T, rtol=_RTOL):
            return (f"{what} has shape {g.shape}; expected {e.shape}. {ex.transposed_hint}").strip()
        if g.size == e.size and np.allclose(g.ravel(), e.ravel(), rtol=_RTOL):
            return (
                f"The numbers are right, but {what.lower()} has {_shape_words(g.shape)}; "
                f"expected {_shape_words(e.shape)}."
            )
        return f"{what} has {_shape_words(g.shape)}; expected {_shape_words(e.shape)}. " + (ex.hint)
    if np.isnan(g).any() and not np.isnan(e).any():
        return f"{what} contains nan (not a number): a division by zero, or an overflow?"
    return ex.hint
