"""Answers: calling a function quietly, comparing its answer, and saying what differs.

A check shows the learner their input and answer as NumPy prints arrays (:func:`format_value`,
:func:`show_inputs`), decides whether an answer is right (:func:`same`: same structure, same
shapes, real numbers close to ``rtol = 1e-5``), and when it is not, finds the words for why
(:func:`describe_difference`): a known mistake first, then what the shapes say. A near miss is
shown with enough digits to see the difference (:func:`format_pair`).

Examples
--------
>>> same(np.array([1.0, 2.0 + 1e-9]), np.array([1.0, 2.0]))
True
>>> same(np.array([[1.0, 2.0]]), np.array([1.0, 2.0]))  # right numbers, wrong shape
False
>>> same(np.array([1.0 + 0j, 2.0]), np.array([1.0, 2.0]))  # complex numbers: never right
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

__all__ = [
    "call_quietly",
    "describe_difference",
    "format_pair",
    "format_value",
    "same",
    "show_inputs",
]

_RTOL, _ATOL = 1e-5, 1e-8
_REAL_KINDS = "biuf"  # dtype kinds of real numbers: bool, signed and unsigned integers, floats
_MOST_DIGITS = 17 + 8  # digits after the point: 17 significant ones, even for numbers ~1e-8


def format_value(value: Any, digits: int = 6) -> str:
    """A short readable form of an input or an answer (arrays like NumPy prints them).

    Numbers show at most ``digits`` digits after the point, fewer when fewer say it exactly.

    Examples
    --------
    >>> format_value(np.array([0.5, 1 / 3]))
    '[0.5      0.333333]'
    >>> format_value(np.float64(0.1) + np.float64(0.2))
    '0.3'
    >>> format_value(np.float64(0.1) + np.float64(0.2), digits=17)
    '0.30000000000000004'
    """
    if callable(value):
        return getattr(value, "__name__", repr(value))
    if isinstance(value, np.random.Generator):
        return "a seeded NumPy random generator (np.random.default_rng)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, tuple)) and any(
        isinstance(v, (list, tuple, np.ndarray)) for v in value
    ):
        open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
        parts = [format_value(v, digits) for v in value]
        if all("\n" not in p for p in parts) and sum(map(len, parts)) < 60:
            return open_ + ", ".join(parts) + close
        return open_ + ",\n ".join(p.replace("\n", "\n ") for p in parts) + close
    if isinstance(value, (bool, int, np.integer)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, (int, float)) for v in value):
        if any(isinstance(v, np.generic) for v in value):  # NumPy 2 would write np.float64(...)
            return format_value(np.asarray(value), digits)
        return str(value)
    try:
        array = np.asarray(value)
    except Exception:
        return repr(value)[:200]
    if array.dtype == object:
        return repr(value)[:200]
    with np.printoptions(precision=digits, suppress=True, floatmode="maxprec", linewidth=90):
        if array.ndim == 0 and array.dtype.kind == "f":
            return np.format_float_positional(float(array), precision=digits, trim="-")
        return np.array2string(array)


def format_pair(got: Any, expected: Any) -> tuple[str, str]:
    """``got`` and ``expected`` as :func:`format_value` writes them, but never alike when they
    differ: a near miss gets more digits, until the difference shows (at most 17 significant
    digits, enough to tell any two floats apart).

    Examples
    --------
    >>> format_pair(13.000000001, 13)
    ('13.000000001', '13')
    >>> format_pair(0.5, 0.25)
    ('0.5', '0.25')
    """
    shown = format_value(got), format_value(expected)
    digits = 6
    while shown[0] == shown[1] and digits < _MOST_DIGITS:
        digits += 1
        shown = format_value(got, digits), format_value(expected, digits)
    return shown


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
    """``value`` as an array of floats if it holds real numbers only (no complex, no text)."""
    if value is None:
        return None
    try:
        array = np.asarray(value)
    except Exception:
        return None
    if array.dtype.kind not in _REAL_KINDS:
        return None
    return array.astype(float)


def _not_numbers(got: Any, what: str) -> str:
    """Why ``got`` is no answer at all: complex numbers, Python objects, text, something else."""
    try:
        array = np.asarray(got)
    except Exception:
        array = np.asarray(None)
    if array.dtype.kind == "c":
        return (
            f"{what} is made of complex numbers (dtype {array.dtype}), with an imaginary part, "
            "even if it is 0; the answer is real. A `j` or `complex(...)` somewhere, or "
            "np.emath / np.lib.scimath, makes complex numbers."
        )
    if isinstance(got, str) or array.dtype.kind in "US":
        return f"{what} is text ({format_value(got)}), not a number: return the number itself."
    if array.dtype == object and array.ndim > 0:
        return (
            f"{what} is an array of Python objects (dtype=object), not of numbers: is there a "
            "None, a piece of text or a complex number inside, or lists of different lengths?"
        )
    return f"{what} is a {type(got).__name__}, not numbers."


def same(got: Any, expected: Any, exact: bool = False) -> bool:
    """True when ``got`` equals ``expected`` (same structure, same shapes, close numbers).

    A tuple ``expected`` (several things returned) needs a tuple or list of as many
    answers, each the same; ``exact`` compares numbers exactly (counts, not measurements).
    Only real numbers can be right: complex numbers (even with imaginary part 0), Python
    objects and text never are.
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
        return _tuple_hint(got, expected, ex)
    return _array_hint(got, expected, ex)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def _item_words(path: tuple[int, ...]) -> str:
    """Where an item sits in the answer, counted from 1 in words and named by its index.

    Examples
    --------
    >>> _item_words((1,))
    'the second item of your answer (index [1])'
    >>> _item_words((0, 1))
    'the second item inside the first item of your answer (index [0][1])'
    """
    words = [_ORDINALS[i] if i < len(_ORDINALS) else f"number {i + 1}" for i in path]
    where = " inside the ".join(f"{w} item" for w in reversed(words))
    return f"the {where} of your answer (index {''.join(f'[{i}]' for i in path)})"


def _names(n: int) -> str:
    """``n`` placeholder names for the things an answer holds: ``first, second, ...``."""
    return ", ".join(_ORDINALS[i] if i < len(_ORDINALS) else f"item{i + 1}" for i in range(n))


def _tuple_hint(got: Any, expected: tuple, ex: Exercise, path: tuple[int, ...] = ()) -> str:
    """The hint for a wrong tuple answer: the first item that differs, nested tuples included.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> _tuple_hint((1.0, 2.0), (1.0, 2.0, 3.0), SimpleNamespace(returns_list=False))
    'Your answer holds 2 items; return 3, e.g. `return first, second, third`.'
    >>> _tuple_hint(1.0, (1.0, 2.0), SimpleNamespace(returns_list=True))
    'Return 2 things, e.g. a list `[first, second]`.'
    """
    if not isinstance(got, (tuple, list)) or len(got) != len(expected):
        n = len(expected)
        if not path:
            as_list = ex.returns_list
            example = f"a list `[{_names(n)}]`" if as_list else f"`return {_names(n)}`"
            if isinstance(got, (tuple, list)):
                holds = "1 item" if len(got) == 1 else f"{len(got)} items"
                if as_list:  # a list whose length the inputs decide: say so, then the hint
                    return f"Your answer holds {holds}; expected {n}. {ex.hint}".rstrip()
                return f"Your answer holds {holds}; return {n}, e.g. {example}."
            return f"Return {n} things, e.g. {example}."
        where = _item_words(path)
        holds = f"; it holds {len(got)}" if isinstance(got, (tuple, list)) else ""
        return f"{where[0].upper()}{where[1:]} should hold {n} things, e.g. `({_names(n)})`{holds}."
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        if not same(g, e, ex.exact):
            if isinstance(e, tuple):
                return _tuple_hint(g, e, ex, (*path, i))
            return _array_hint(g, e, ex, path=(*path, i))
    return ex.hint


def _array_hint(got: Any, expected: Any, ex: Exercise, path: tuple[int, ...] = ()) -> str:
    if path:
        where = _item_words(path)
        what = where[0].upper() + where[1:]
    else:
        what = "Your answer"
    g, e = _as_numbers(got), np.asarray(expected, dtype=float)
    if g is None:
        return _not_numbers(got, what)
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
