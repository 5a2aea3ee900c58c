"""Exercises with automatic, friendly checks, two to four per chapter.

Each exercise asks the learner to write one small function. Its check,
``check_<name>(your_function)``, calls that function on several inputs (one vector,
a batch, a batch of one, negative numbers, zeros, non-square matrices...), compares
each answer with nnbook's own reference, and says in plain words what happened:

* every case right: which cases were checked;
* a wrong answer: the input, your answer, the expected answer, and a hint that names
  the likely mistake (a missing bias, a transposed ``W``, alpha on the wrong side...);
* ``NotImplementedError`` (the stub is untouched): a polite "not attempted yet";
* any other exception: its type and message and the input that caused it, without a
  traceback.

The check prints its words and returns a :class:`CheckResult`, which is true only
when everything passed. It never shows the reference code.

Examples
--------
>>> def weighted_sum(x, w, b):
...     raise NotImplementedError
>>> result = check_weighted_sum(weighted_sum)
Not attempted yet: weighted_sum still raises NotImplementedError. Replace that line
with your code, run its cell, then run this check again.
>>> bool(result), result.status
(False, 'not attempted')
"""

from __future__ import annotations

import copy
import textwrap
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np

__all__ = [
    "EXERCISES",
    "CheckResult",
    "Exercise",
    "check_abs_from_relus",
    "check_append_one",
    "check_compose_linear",
    "check_count_parameters",
    "check_flatten_image",
    "check_fold_bias",
    "check_folded_layer_forward",
    "check_layer_forward",
    "check_layer_forward_columns",
    "check_layer_outputs",
    "check_leaky_relu",
    "check_leaky_relu_derivative",
    "check_mse",
    "check_mse_gradient",
    "check_network_forward",
    "check_neuron_output",
    "check_sgd_step",
    "check_sigmoid_derivative",
    "check_tanh",
    "check_threshold",
    "check_triangle_bump",
    "check_weight_gradient",
    "check_weighted_sum",
    "exercises_for_chapter",
]

# --------------------------------------------------------------------------------------
# Results and the machinery that runs one check
# --------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Case:
    """One input to try: ``args`` maps argument names to values, ``label`` says it in words."""

    label: str
    args: dict[str, Any]
    crash_hint: str = ""  # a hint for when the learner's code raises on this case


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: if the learner's output equals ``wrong(*args)``, say ``hint``."""

    wrong: Callable[..., Any]
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One exercise: the task shown to the learner, its stub, its reference and its cases.

    ``task`` (markdown) and ``stub`` (code) are what the chapter notebooks show; the
    check calls the learner's function positionally with each case's ``args``.
    """

    chapter: int
    name: str
    title: str
    task: str
    stub: str
    reference: Callable[..., Any] = field(repr=False)
    cases: tuple[Case, ...] = field(repr=False)
    mistakes: tuple[Mistake, ...] = field(default=(), repr=False)
    hint: str = ""  # said when a wrong answer matches no known mistake
    crash_hint: str = ""  # said when the learner's code raises (unless the case has its own)
    transposed_hint: str = "The numbers are right but rows and columns are swapped."
    also_accept: tuple[Callable[..., Any], ...] = field(default=(), repr=False)
    exact: bool = False  # integers: compare exactly


_RTOL, _ATOL = 1e-5, 1e-8


def _format(value: Any) -> str:
    """A short readable form of an input or an answer (arrays like NumPy prints them)."""
    if callable(value):
        return getattr(value, "__name__", repr(value))
    if isinstance(value, (list, tuple)) and any(
        isinstance(v, (list, tuple, np.ndarray)) for v in value
    ):
        open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
        parts = [_format(v) for v in value]
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


def _show_inputs(args: dict[str, Any]) -> str:
    lines = []
    for name, value in args.items():
        prefix = f"  {name} = "
        lines.append(prefix + _format(value).replace("\n", "\n" + " " * len(prefix)))
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


def _same(got: Any, expected: Any, exact: bool = False) -> bool:
    """True when ``got`` equals ``expected`` (same structure, same shapes, close numbers)."""
    if isinstance(expected, tuple):
        return (
            isinstance(got, (tuple, list))
            and len(got) == len(expected)
            and all(_same(g, e, exact) for g, e in zip(got, expected, strict=True))
        )
    g, e = _as_numbers(got), np.asarray(expected, dtype=float)
    if g is None or g.shape != e.shape:
        return False
    if exact:
        return bool(np.array_equal(g, e))
    return bool(np.allclose(g, e, rtol=_RTOL, atol=_ATOL, equal_nan=True))


def _call(function: Callable[..., Any], args: dict[str, Any]) -> Any:
    """Call with copies of the inputs, silencing NumPy's warnings (inf, nan)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*copy.deepcopy(list(args.values())))


def _unchanged(before: dict[str, Any], after: list[Any]) -> str | None:
    """The name of the first input the learner's function changed in place, if any."""
    for (name, old), new in zip(before.items(), after, strict=True):
        if isinstance(old, np.ndarray) and not np.array_equal(old, new):
            return name
    return None


def _describe_difference(got: Any, expected: Any, ex: Exercise, args: dict[str, Any]) -> str:
    """The hint for a wrong answer: a known mistake first, then what the shapes say."""
    for mistake in ex.mistakes:
        try:
            wrong = _call(mistake.wrong, args)
        except Exception:
            continue
        if _same(got, wrong, ex.exact):
            return mistake.hint
    if got is None:
        return "Your function returned None: did you forget the `return` line?"
    if isinstance(expected, tuple):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"Return {len(expected)} things as a tuple, e.g. `return W, b`."
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            if not _same(g, e, ex.exact):
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


def _run(ex: Exercise, function: Any, quiet: bool) -> CheckResult:
    result = _evaluate(ex, function)
    if not quiet:
        print(result.message)
    return result


def _evaluate(ex: Exercise, function: Any) -> CheckResult:
    if not callable(function):
        return _not_callable(ex, function)
    name = getattr(function, "__name__", ex.name)
    if name == "<lambda>":
        name = ex.name
    for case in ex.cases:
        expected = _call(ex.reference, case.args)
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
                + f"\nIt happened on {case.label}, with\n{_show_inputs(case.args)}"
            )
            if hint:
                message += "\n" + _wrap_hint(hint)
            return CheckResult(ex.name, "error", message, hint)
        ok = _same(got, expected, ex.exact) or any(
            _same(got, _call(alt, case.args), ex.exact) for alt in ex.also_accept
        )
        if ok:
            changed = _unchanged(case.args, copies)
            if changed is None:
                continue
            hint = (
                f"Your answer is right, but your function changed its input {changed} "
                "in place. Build a new array instead (write `y = x - ...` rather than "
                "`x -= ...`), so the caller's data stays as it was."
            )
            message = f"Not yet: {name} changed its input on {case.label}.\n{_wrap_hint(hint)}"
            return CheckResult(ex.name, "failed", message, hint)
        hint = _describe_difference(got, expected, ex, case.args)
        message = (
            f"Not yet: {name} gave a wrong answer on {case.label}, with\n"
            f"{_show_inputs(case.args)}\n"
            f"  your answer: {_format(got).replace(chr(10), chr(10) + ' ' * 15)}\n"
            f"  expected:    {_format(expected).replace(chr(10), chr(10) + ' ' * 15)}"
        )
        if hint:
            message += "\n" + _wrap_hint(hint)
        return CheckResult(ex.name, "failed", message, hint)
    labels = "\n".join(f"  - {case.label}" for case in ex.cases)
    message = f"Passed! {name} is right on all {len(ex.cases)} cases checked:\n{labels}"
    return CheckResult(ex.name, "passed", message)


# --------------------------------------------------------------------------------------
# Small activation functions handed to the learner's code (plain NumPy, any input)
# --------------------------------------------------------------------------------------


def sigmoid(z: Any) -> Any:
    """``1 / (1 + e^(-z))``, the activation passed as ``phi`` in several checks.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    """
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def tanh(z: Any) -> Any:
    """The hyperbolic tangent (NumPy's), passed as ``phi`` in some checks.

    Examples
    --------
    >>> float(tanh(0.0))
    0.0
    """
    return np.tanh(np.asarray(z, dtype=float))


def relu(z: Any) -> Any:
    """``max(0, z)``, passed as ``phi`` in some checks.

    Examples
    --------
    >>> relu(np.array([-1.0, 2.0]))
    array([0., 2.])
    """
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def _arr(*rows: Any) -> np.ndarray:
    return np.array(rows, dtype=float)


_REGISTRY: dict[str, Exercise] = {}


def _register(ex: Exercise) -> Exercise:
    _REGISTRY[ex.name] = ex
    return ex


# --------------------------------------------------------------------------------------
# Chapter 1: the neuron
# --------------------------------------------------------------------------------------

_X_BATCH = _arr([1.0, 0.0, -1.0], [0.5, 2.0, 1.0], [-1.0, -1.0, 3.0], [0.0, 0.5, 0.25])

WEIGHTED_SUM = _register(
    Exercise(
        chapter=1,
        name="weighted_sum",
        title="The weighted sum z",
        task=(
            "Write `weighted_sum(x, w, b)`: the neuron's weighted sum before the activation,\n"
            "$z = x_1 w_1 + \\dots + x_n w_n + b$. `x` is one input vector of shape `(n,)` "
            "(answer: one number)\nor a batch of inputs, one per row, of shape `(B, n)` "
            "(answer: one $z$ per row, shape `(B,)`)."
        ),
        stub=(
            "def weighted_sum(x, w, b):\n"
            '    """z = x1*w1 + ... + xn*wn + b, for one input vector or each row of a batch."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda x, w, b: x @ w + b,
        cases=(
            Case(
                "one input vector with 3 values",
                {"x": _arr(1.0, 2.0, -1.0), "w": _arr(0.5, -0.25, 2.0), "b": 0.5},
            ),
            Case("a neuron with a single input", {"x": _arr(3.0), "w": _arr(-2.0), "b": 1.0}),
            Case(
                "negative inputs, weights and bias",
                {"x": _arr(-1.5, -2.0, -0.5, -3.0), "w": _arr(-0.5, 0.25, -1.0, -2.0), "b": -1.0},
            ),
            Case(
                "all-zero inputs (z is then just the bias)",
                {"x": _arr(0.0, 0.0, 0.0), "w": _arr(1.0, 2.0, 3.0), "b": -0.7},
            ),
            Case(
                "a batch of 4 inputs, one per row",
                {"x": _X_BATCH, "w": _arr(0.5, -0.25, 2.0), "b": 0.25},
                crash_hint="With a batch, x has one input per row: x @ w handles both cases.",
            ),
            Case(
                "a batch of just 1 input, shape (1, 3)",
                {"x": _arr([2.0, -1.0, 0.5]), "w": _arr(1.0, 1.0, -2.0), "b": 0.0},
                crash_hint="With a batch, x has one input per row: x @ w handles both cases.",
            ),
        ),
        mistakes=(
            Mistake(
                lambda x, w, b: x @ w, "Your answer is off by exactly b: did you forget the bias?"
            ),
            Mistake(lambda x, w, b: x @ w - b, "You subtracted the bias; add it instead."),
            Mistake(
                lambda x, w, b: sigmoid(x @ w + b),
                "That is the activation a = phi(z). This exercise asks for z only, before phi.",
            ),
            Mistake(
                lambda x, w, b: np.sum(x * w) + b,
                "You added up the products of every row together. Each row of a batch is its "
                "own input and needs its own z.",
            ),
        ),
        hint="Multiply each input by its weight, add the products, then add the bias.",
    )
)

NEURON_OUTPUT = _register(
    Exercise(
        chapter=1,
        name="neuron_output",
        title="A whole neuron",
        task=(
            "Write `neuron_output(x, w, b, phi)`: the neuron's activation $a = \\varphi(X \\cdot W"
            " + b)$.\n`phi` is the activation function (the check passes sigmoid, tanh or ReLU, "
            "each works on\nwhole arrays). As before, `x` is one input vector or a batch of rows."
        ),
        stub=(
            "def neuron_output(x, w, b, phi):\n"
            '    """The activation a = phi(x . w + b) of one neuron, for a vector or a batch."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda x, w, b, phi: phi(x @ w + b),
        cases=(
            Case(
                "one input vector, phi = sigmoid",
                {"x": _arr(1.0, 2.0, -1.0), "w": _arr(0.5, -0.25, 2.0), "b": 0.5, "phi": sigmoid},
            ),
            Case(
                "one input vector, phi = tanh, negative bias",
                {"x": _arr(0.5, 1.0), "w": _arr(2.0, 1.5), "b": -1.0, "phi": tanh},
            ),
            Case(
                "ReLU with a negative weighted sum (the answer is 0)",
                {"x": _arr(1.0, 1.0), "w": _arr(-1.0, -0.5), "b": 0.25, "phi": relu},
            ),
            Case(
                "all-zero inputs, phi = sigmoid (the answer is phi(b))",
                {"x": _arr(0.0, 0.0, 0.0), "w": _arr(1.0, 2.0, 3.0), "b": -0.7, "phi": sigmoid},
            ),
            Case(
                "a batch of 4 inputs, one per row, phi = sigmoid",
                {"x": _X_BATCH, "w": _arr(0.5, -0.25, 2.0), "b": 0.25, "phi": sigmoid},
            ),
            Case(
                "a batch of just 1 input, phi = relu",
                {"x": _arr([2.0, -1.0, 0.5]), "w": _arr(1.0, 1.0, -2.0), "b": 0.5, "phi": relu},
            ),
        ),
        mistakes=(
            Mistake(
                lambda x, w, b, phi: x @ w + b,
                "That is z, the weighted sum. Did you forget to pass it through phi?",
            ),
            Mistake(
                lambda x, w, b, phi: phi(x @ w),
                "Did you forget the bias? It is added before phi.",
            ),
            Mistake(
                lambda x, w, b, phi: phi(x @ w) + b,
                "You added the bias after phi. It belongs inside: phi of (weighted sum + bias).",
            ),
            Mistake(
                lambda x, w, b, phi: phi(x) @ w + b,
                "You applied phi to the inputs. Apply it once, to the weighted sum.",
            ),
            Mistake(
                lambda x, w, b, phi: sigmoid(x @ w + b),
                "You always used the sigmoid: call the phi you are given instead.",
            ),
        ),
        hint="First the weighted sum z (bias included), then the activation phi of z.",
    )
)

THRESHOLD = _register(
    Exercise(
        chapter=1,
        name="threshold",
        title="Where the neuron switches on",
        task=(
            "A sigmoid neuron with one input $x$, weight $w$ and bias $b$ switches from "
            '"mostly off" to\n"mostly on" where $\\varphi(wx + b) = 0.5$. Write '
            "`threshold(w, b)` that returns that input $x$\n(a number; $w$ is never 0 here). "
            "How does it move when the bias grows?"
        ),
        stub=(
            "def threshold(w, b):\n"
            '    """The input x at which a one-input sigmoid neuron outputs exactly 0.5."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda w, b: -b / w,
        cases=(
            Case("w = 2, b = -4", {"w": 2.0, "b": -4.0}),
            Case("a positive bias", {"w": 0.5, "b": 1.0}),
            Case("a negative weight", {"w": -1.0, "b": 3.0}),
            Case("a zero bias", {"w": 3.0, "b": 0.0}),
            Case("a threshold between 0 and -1", {"w": 4.0, "b": 2.0}),
        ),
        mistakes=(
            Mistake(
                lambda w, b: b / w,
                "Right size, wrong sign. At the threshold the weighted sum w*x + b is exactly "
                "0: solve that for x.",
            ),
            Mistake(
                lambda w, b: -w / b if b else np.inf,
                "Upside down: you divided w by b. Solve w*x + b = 0 for x.",
            ),
            Mistake(
                lambda w, b: -b * w,
                "You multiplied by w; solve w*x + b = 0 for x.",
            ),
            Mistake(
                lambda w, b: 0.5,
                "0.5 is the neuron's output at the threshold; the question is which input x "
                "gives it.",
            ),
        ),
        hint="sigmoid(z) = 0.5 exactly when z = 0. Which x makes w*x + b equal 0?",
    )
)

# --------------------------------------------------------------------------------------
# Chapter 2: layers and networks
# --------------------------------------------------------------------------------------

FLATTEN_IMAGE = _register(
    Exercise(
        chapter=2,
        name="flatten_image",
        title="Flatten an image",
        task=(
            "The input layer reads a picture as one long vector. Write `flatten_image(image)` "
            "that turns\na 2-D array of pixels of shape `(height, width)` into a 1-D vector of "
            "length `height * width`,\nrow by row (first the top row, left to right, then the "
            "next row...)."
        ),
        stub=(
            "def flatten_image(image):\n"
            '    """The pixels of a (height, width) image as a 1-D vector, row by row."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda image: np.reshape(image, -1),
        cases=(
            Case("a 2 x 3 image", {"image": _arr([0.1, 0.2, 0.3], [0.4, 0.5, 0.6])}),
            Case("a 3 x 2 image", {"image": _arr([0.0, 1.0], [0.25, 0.75], [0.5, 0.5])}),
            Case("a 1 x 1 image (one pixel)", {"image": _arr([0.9])}),
            Case("a one-row image", {"image": _arr([0.1, 0.0, 0.3, 0.7])}),
            Case("a one-column image", {"image": _arr([0.1], [0.0], [0.3])}),
        ),
        mistakes=(
            Mistake(
                lambda image: np.reshape(image, -1, order="F"),
                "You read the image column by column. Read it row by row, like text: the "
                "whole first row, then the second...",
            ),
        ),
        hint="Every pixel should appear once, in reading order.",
    )
)

LAYER_OUTPUTS = _register(
    Exercise(
        chapter=2,
        name="layer_outputs",
        title="A layer as a list of neurons",
        task=(
            "A layer is a list of neurons that all read the same input. Write "
            "`layer_outputs(x, weights, biases)`:\n`weights` is a list of M weight vectors "
            "(one per neuron, each as long as `x`), `biases` a list of\nM numbers. Return the "
            "M activations as a NumPy array, using the sigmoid $1/(1+e^{-z})$ for every "
            "neuron."
        ),
        stub=(
            "def layer_outputs(x, weights, biases):\n"
            '    """The sigmoid activation of each neuron (w, b) of a layer, for one input x."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda x, weights, biases: np.array(
            [sigmoid(x @ w + b) for w, b in zip(weights, biases, strict=True)]
        ),
        cases=(
            Case(
                "2 inputs and 3 neurons",
                {
                    "x": _arr(1.0, -1.0),
                    "weights": [_arr(0.5, 0.5), _arr(1.0, -1.0), _arr(-2.0, 0.0)],
                    "biases": [0.0, -1.0, 0.5],
                },
            ),
            Case(
                "3 inputs and 2 neurons",
                {
                    "x": _arr(0.5, 1.0, 2.0),
                    "weights": [_arr(1.0, 0.0, -1.0), _arr(0.25, 0.5, 0.25)],
                    "biases": [1.0, -2.0],
                },
            ),
            Case(
                "a layer of just 1 neuron",
                {"x": _arr(2.0, 1.0), "weights": [_arr(-1.0, 3.0)], "biases": [0.5]},
            ),
            Case(
                "1 input and 2 neurons, negative values",
                {"x": _arr(-2.0), "weights": [_arr(1.5), _arr(-0.5)], "biases": [-1.0, 0.25]},
            ),
            Case(
                "all-zero inputs (each neuron gives sigmoid of its bias)",
                {
                    "x": _arr(0.0, 0.0),
                    "weights": [_arr(1.0, 2.0), _arr(3.0, 4.0)],
                    "biases": [2.0, -2.0],
                },
            ),
        ),
        mistakes=(
            Mistake(
                lambda x, weights, biases: np.array([sigmoid(x @ w) for w in weights]),
                "Did you forget the biases? Each neuron adds its own b before the sigmoid.",
            ),
            Mistake(
                lambda x, weights, biases: np.array([sigmoid(x @ w + biases[0]) for w in weights]),
                "Every neuron used the first bias. Neuron i has its own bias, biases[i].",
            ),
            Mistake(
                lambda x, weights, biases: np.array(
                    [x @ w + b for w, b in zip(weights, biases, strict=True)]
                ),
                "These are the weighted sums z. Did you forget the sigmoid?",
            ),
            Mistake(
                lambda x, weights, biases: sum(
                    sigmoid(x @ w + b) for w, b in zip(weights, biases, strict=True)
                ),
                "You added the neurons' outputs together. A layer gives one output per "
                "neuron: M numbers.",
            ),
        ),
        hint="For each pair (w, b), compute sigmoid(x @ w + b); collect the M results in order.",
    )
)

COUNT_PARAMETERS = _register(
    Exercise(
        chapter=2,
        name="count_parameters",
        title="How many numbers does a network learn?",
        task=(
            "Write `count_parameters(sizes)`: `sizes` lists how many neurons each layer of a "
            "fully connected\nnetwork has, input layer first (e.g. `[784, 16, 16, 10]`). "
            "Return how many weights and biases the\nnetwork has in all, as a whole number."
        ),
        stub=(
            "def count_parameters(sizes):\n"
            '    """The number of weights plus biases of a fully connected network."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda sizes: sum(n * m + m for n, m in pairwise(sizes)),
        cases=(
            Case("sizes [2, 3, 1]", {"sizes": [2, 3, 1]}),
            Case("one input feeding one neuron, [3, 1]", {"sizes": [3, 1]}),
            Case("the classic digit network [784, 16, 16, 10]", {"sizes": [784, 16, 16, 10]}),
            Case("a narrowing then widening network [4, 2, 3]", {"sizes": [4, 2, 3]}),
            Case("a chain of single neurons [1, 1, 1, 1]", {"sizes": [1, 1, 1, 1]}),
            Case("only an input layer, [5] (nothing to learn)", {"sizes": [5]}),
        ),
        mistakes=(
            Mistake(
                lambda sizes: sum(n * m for n, m in pairwise(sizes)),
                "You counted the weights only. Don't forget the biases: one per neuron "
                "outside the input layer.",
            ),
            Mistake(
                lambda sizes: sum(n * m for n, m in pairwise(sizes)) + sum(sizes),
                "The input layer has no biases: its values are the data itself.",
            ),
            Mistake(
                lambda sizes: sum(n + m + m for n, m in pairwise(sizes)),
                "Fully connected: each of the M neurons reads every one of the N neurons "
                "before it. That is M x N weights, not M + N.",
            ),
            Mistake(lambda sizes: sum(sizes), "That counts neurons, not weights and biases."),
        ),
        hint="Between a layer of N and a layer of M neurons there are N x M weights and M biases.",
        exact=True,
    )
)

# --------------------------------------------------------------------------------------
# Chapter 3: the matrix form
# --------------------------------------------------------------------------------------

_W23 = _arr([0.5, -1.0, 0.25], [1.0, 0.0, -0.5])  # M = 2 neurons, N = 3 inputs
_B2 = _arr(0.1, -0.2)
_TRANSPOSE_HINT = (
    "In row form each example is a row, so the answer has one row per example and one "
    "column per neuron. Did you compute W @ a (the column form)?"
)

LAYER_FORWARD = _register(
    Exercise(
        chapter=3,
        name="layer_forward",
        title="A layer in one line (row form)",
        task=(
            "Write `layer_forward(a, W, b, phi)`: a whole layer at once, $a_l = \\varphi(a_{l-1}"
            " W^\\top + b)$.\n`W` has shape `(M, N)` (M neurons, N inputs), `b` shape `(M,)`; "
            "`a` is one row vector `(N,)` or a\nbatch of rows `(B, N)`. Return shape `(M,)` or "
            "`(B, M)`."
        ),
        stub=(
            "def layer_forward(a, W, b, phi):\n"
            '    """phi(a W^T + b) for a row vector a of shape (N,) or a batch (B, N)."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda a, W, b, phi: phi(a @ W.T + b),
        cases=(
            Case(
                "one input row (N = 3) into 2 neurons, phi = sigmoid",
                {"a": _arr(1.0, 2.0, -1.0), "W": _W23, "b": _B2, "phi": sigmoid},
            ),
            Case(
                "a batch of 4 rows into 2 neurons, phi = tanh",
                {"a": _X_BATCH, "W": _W23, "b": _B2, "phi": tanh},
                crash_hint="With a batch, a has shape (B, N) and W has shape (M, N): which one "
                "must be transposed so that the N's meet?",
            ),
            Case(
                "a batch of just 1 row, phi = relu",
                {"a": _arr([2.0, -1.0, 0.5]), "W": _W23, "b": _B2, "phi": relu},
            ),
            Case(
                "a square W (2 x 2), phi = sigmoid",
                {
                    "a": _arr([1.0, 0.0], [0.5, -2.0]),
                    "W": _arr([1.0, 2.0], [-3.0, 0.5]),
                    "b": _arr(0.0, 1.0),
                    "phi": sigmoid,
                },
            ),
            Case(
                "a single neuron (M = 1) with negative inputs, phi = tanh",
                {
                    "a": _arr([-1.0, -0.5, -2.0], [0.0, 0.0, 0.0]),
                    "W": _arr([0.5, -1.0, 0.25]),
                    "b": _arr(-0.3),
                    "phi": tanh,
                },
            ),
        ),
        mistakes=(
            Mistake(
                lambda a, W, b, phi: phi(a @ W + b),
                "Did you forget to transpose W? W is (M, N); the row form multiplies by W^T.",
            ),
            Mistake(
                lambda a, W, b, phi: phi(a @ W.T),
                "Did you forget the bias b?",
            ),
            Mistake(
                lambda a, W, b, phi: a @ W.T + b,
                "These are the weighted sums. Did you forget phi?",
            ),
            Mistake(
                lambda a, W, b, phi: phi(a @ W.T) + b,
                "You added b after phi; it goes inside, before the activation.",
            ),
        ),
        hint="Weighted sums first (inputs times W transposed, plus b), then phi.",
        crash_hint="a has shape (B, N) or (N,) and W has shape (M, N). Did you forget to "
        "transpose W?",
        transposed_hint=_TRANSPOSE_HINT,
    )
)

LAYER_FORWARD_COLUMNS = _register(
    Exercise(
        chapter=3,
        name="layer_forward_columns",
        title="The same layer in column form",
        task=(
            "Many books write examples as **columns**: `x` has shape `(N, B)`, one example per "
            "column, and the\nlayer computes $\\varphi(W x + b)$ with an output of shape "
            "`(M, B)`. Write\n`layer_forward_columns(x, W, b, phi)`; `b` still comes as a 1-D "
            "array of shape `(M,)`."
        ),
        stub=(
            "def layer_forward_columns(x, W, b, phi):\n"
            '    """phi(W x + b) for a batch of column vectors x of shape (N, B)."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda x, W, b, phi: phi(W @ x + b[:, None]),
        cases=(
            Case(
                "4 examples (as columns) into 2 neurons, phi = sigmoid",
                {"x": _X_BATCH.T, "W": _W23, "b": _B2, "phi": sigmoid},
            ),
            Case(
                "one example as a single column, shape (3, 1), phi = tanh",
                {"x": _arr([1.0], [2.0], [-1.0]), "W": _W23, "b": _B2, "phi": tanh},
            ),
            Case(
                "2 examples into 2 neurons (as many examples as neurons), phi = relu",
                {
                    "x": _arr([1.0, -1.0], [0.5, 2.0], [2.0, 0.0]),
                    "W": _W23,
                    "b": _arr(1.0, -1.0),
                    "phi": relu,
                },
            ),
        ),
        mistakes=(
            Mistake(
                lambda x, W, b, phi: phi(W @ x + b),
                "The bias was added along the wrong axis: b (one number per neuron) must go "
                "down the rows, so make it a column of shape (M, 1) first.",
            ),
            Mistake(lambda x, W, b, phi: phi(W @ x), "Did you forget the bias b?"),
            Mistake(lambda x, W, b, phi: W @ x + b[:, None], "Did you forget phi?"),
        ),
        hint="Column form: W times x, plus b as a column, then phi.",
        crash_hint="W @ x has shape (M, B) but b has shape (M,): to add it to every column, "
        "turn b into a column of shape (M, 1) first.",
        transposed_hint="In column form each example is a column: the answer has one row per "
        "neuron and one column per example. Did you use the row form?",
    )
)


def _network_forward(a: Any, layers: Sequence[tuple[Any, Any]], phi: Callable) -> Any:
    for W, b in layers:
        a = phi(a @ W.T + b)
    return a


_NET_3_4_2 = [
    (_arr([0.5, -0.5, 1.0], [1.0, 0.0, 0.5], [-1.0, 1.0, 0.0], [0.25, 0.25, -0.5]),
     _arr(0.1, 0.0, -0.1, 0.2)),
    (_arr([1.0, -1.0, 0.5, 0.0], [0.0, 2.0, -0.5, 1.0]), _arr(-0.5, 0.5)),
]  # fmt: skip

NETWORK_FORWARD = _register(
    Exercise(
        chapter=3,
        name="network_forward",
        title="A whole network",
        task=(
            "Write `network_forward(a, layers, phi)`: `layers` is a list of pairs `(W, b)`, "
            "first layer first.\nEach layer reads the previous layer's output and computes "
            "$\\varphi(a W^\\top + b)$ (use `phi` in every\nlayer, the last one too). `a` is a "
            "row vector or a batch of rows. Return the last layer's output."
        ),
        stub=(
            "def network_forward(a, layers, phi):\n"
            '    """Feed a (a row or a batch of rows) through every layer (W, b), in order."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_network_forward,
        cases=(
            Case(
                "one input row through layers of sizes 3 -> 4 -> 2, phi = sigmoid",
                {"a": _arr(1.0, 2.0, -1.0), "layers": _NET_3_4_2, "phi": sigmoid},
            ),
            Case(
                "a batch of 4 rows through 3 -> 4 -> 2, phi = tanh",
                {"a": _X_BATCH, "layers": _NET_3_4_2, "phi": tanh},
            ),
            Case(
                "a network of a single layer, 3 -> 2, phi = relu",
                {"a": _arr([2.0, -1.0, 0.5]), "layers": [(_W23, _B2)], "phi": relu},
            ),
            Case(
                "three layers 2 -> 3 -> 3 -> 1, phi = tanh",
                {
                    "a": _arr([1.0, -1.0], [0.0, 0.5]),
                    "layers": [
                        (_arr([1.0, 0.5], [-0.5, 1.0], [0.0, -1.0]), _arr(0.0, 0.1, -0.1)),
                        (
                            _arr([1.0, 0.0, 1.0], [0.5, -0.5, 0.0], [0.0, 1.0, 1.0]),
                            _arr(0.2, 0.0, -0.2),
                        ),
                        (_arr([1.0, -2.0, 0.5]), _arr(0.3)),
                    ],
                    "phi": tanh,
                },
            ),
        ),
        mistakes=(
            Mistake(
                lambda a, layers, phi: phi(a @ layers[0][0].T + layers[0][1]),
                "That is the output of the first layer only: feed it to the next layer, and "
                "so on to the last.",
            ),
            Mistake(
                lambda a, layers, phi: (
                    _network_forward(a, layers[:-1], phi) @ layers[-1][0].T + layers[-1][1]
                ),
                "The last layer must also apply phi (in this exercise every layer does).",
            ),
        ),
        hint="Loop over the layers in order; each one turns the current a into a new a.",
        crash_hint="Each layer must read the previous layer's output (not the original "
        "input), in order, and multiply it by that layer's W transposed.",
        transposed_hint=_TRANSPOSE_HINT,
    )
)

# --------------------------------------------------------------------------------------
# Chapter 4: activation functions
# --------------------------------------------------------------------------------------

_XS = _arr(-2.0, -0.5, 0.5, 1.0, 2.0)

TANH = _register(
    Exercise(
        chapter=4,
        name="tanh",
        title="tanh from exponentials",
        task=(
            "Write `tanh(x)` from its definition $\\tanh(x) = \\dfrac{e^{x} - e^{-x}}{e^{x} + "
            "e^{-x}}$, with `np.exp` (not\n`np.tanh`!), for an array `x` of any shape. Careful: "
            "some texts print this fraction upside down."
        ),
        stub=(
            "def tanh(x):\n"
            '    """The hyperbolic tangent of every entry of x, written with np.exp."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=np.tanh,
        cases=(
            Case("x = [-2, -0.5, 0.5, 1, 2]", {"x": _XS}),
            Case("x = 0 (tanh(0) is 0)", {"x": _arr(0.0)}),
            Case("larger inputs, x = [-6, 6]", {"x": _arr(-6.0, 6.0)}),
            Case("a 2 x 3 array (the shape must be kept)", {"x": _arr([-1, 0, 1], [3, -3, 0.1])}),
        ),
        mistakes=(
            Mistake(
                lambda x: (np.exp(x) + np.exp(-x)) / (np.exp(x) - np.exp(-x)),
                "Your fraction is upside down: (e^x + e^-x) / (e^x - e^-x) is coth, not tanh. "
                "It even blows up at x = 0.",
            ),
            Mistake(
                lambda x: 1 / (1 + np.exp(-x)),
                "That is the sigmoid, whose values lie in (0, 1); tanh goes from -1 to 1.",
            ),
            Mistake(
                lambda x: np.tanh(x / 2),
                "You computed tanh(x/2): that is (1 - e^-x) / (1 + e^-x). Use e^x and e^-x "
                "in both parts of the fraction.",
            ),
            Mistake(
                lambda x: (np.exp(x) - np.exp(-x)) / 2,
                "That is only the numerator (over 2, which is sinh). Divide by e^x + e^-x.",
            ),
        ),
        hint="Numerator: e^x minus e^-x. Denominator: e^x plus e^-x.",
    )
)

SIGMOID_DERIVATIVE = _register(
    Exercise(
        chapter=4,
        name="sigmoid_derivative",
        title="The slope of the sigmoid",
        task=(
            "Write `sigmoid_derivative(x)`, the slope $\\sigma'(x)$ of the sigmoid at every "
            "entry of `x`. Use the\nchapter's shortcut, which needs only $\\sigma(x)$ itself. "
            "(Its largest value, at $x = 0$, is $0.25$.)"
        ),
        stub=(
            "def sigmoid_derivative(x):\n"
            '    """The derivative of the sigmoid at every entry of x."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda x: sigmoid(x) * (1 - sigmoid(x)),
        cases=(
            Case("x = [-2, -0.5, 0.5, 1, 2]", {"x": _XS}),
            Case("x = 0, where the slope is largest", {"x": _arr(0.0)}),
            Case("far from 0, x = [-10, 10] (nearly flat)", {"x": _arr(-10.0, 10.0)}),
            Case("a 2 x 2 array (the shape must be kept)", {"x": _arr([-1.0, 0.0], [3.0, -3.0])}),
        ),
        mistakes=(
            Mistake(sigmoid, "You returned the sigmoid itself, not its derivative."),
            Mistake(
                lambda x: sigmoid(x) * (1 + sigmoid(x)),
                "Check the sign: the slope is sigma times (1 MINUS sigma), never above 0.25.",
            ),
            Mistake(
                lambda x: 1 - sigmoid(x),
                "You have only the second factor; multiply by sigma(x) too.",
            ),
            Mistake(
                lambda x: 1 - sigmoid(x) ** 2,
                "1 - s^2 is the pattern of tanh's derivative. The sigmoid's is s times (1 - s).",
            ),
            Mistake(
                lambda x: sigmoid(x) * (1 - x),
                "Both factors use sigma(x), not x.",
            ),
        ),
        hint="Differentiate 1 / (1 + e^-x), or use the chapter's shortcut, written with "
        "s = sigmoid(x) only. At x = 0 the answer is 0.25.",
    )
)

LEAKY_RELU = _register(
    Exercise(
        chapter=4,
        name="leaky_relu",
        title="Leaky ReLU",
        task=(
            "Write `leaky_relu(x, alpha)`: $x$ where $x \\ge 0$ and $\\alpha x$ where $x < 0$, "
            "for every entry of an\narray `x` ($0 \\le \\alpha < 1$; `np.where` helps)."
        ),
        stub=(
            "def leaky_relu(x, alpha):\n"
            '    """x where x >= 0, alpha * x where x < 0, entry by entry."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda x, alpha: np.where(x >= 0, x, alpha * x),
        cases=(
            Case(
                "x = [-2, -0.5, 0, 0.5, 3], alpha = 0.1",
                {"x": _arr(-2, -0.5, 0, 0.5, 3), "alpha": 0.1},
            ),
            Case(
                "big inputs x = [-100, 100], alpha = 0.01",
                {"x": _arr(-100.0, 100.0), "alpha": 0.01},
            ),
            Case("only negative inputs, alpha = 0.2", {"x": _arr(-1.0, -5.0, -0.25), "alpha": 0.2}),
            Case(
                "a 2 x 3 array, alpha = 0.05",
                {"x": _arr([-1.0, 0.0, 2.0], [4.0, -3.0, -0.5]), "alpha": 0.05},
            ),
            Case("alpha = 0 (plain ReLU)", {"x": _arr(-1.0, 1.0), "alpha": 0.0}),
        ),
        mistakes=(
            Mistake(
                lambda x, alpha: np.where(x >= 0, alpha * x, x),
                "alpha is on the wrong side: positive inputs pass unchanged, and negative "
                "inputs are multiplied by alpha.",
            ),
            Mistake(
                lambda x, alpha: np.maximum(x, 0),
                "Negative inputs gave 0: that is plain ReLU. Leaky ReLU multiplies them by alpha.",
            ),
            Mistake(
                lambda x, alpha: np.where(x >= 0, x, alpha),
                "For negative x the answer is alpha times x, not alpha.",
            ),
            Mistake(
                lambda x, alpha: alpha * x,
                "Only negative inputs are multiplied by alpha; positive ones stay as they are.",
            ),
            Mistake(
                lambda x, alpha: np.where(x >= 0, x, -alpha * x),
                "Check the sign for negative x: alpha * x stays negative.",
            ),
        ),
        hint="Keep x where it is >= 0; use alpha * x where it is < 0.",
    )
)

LEAKY_RELU_DERIVATIVE = _register(
    Exercise(
        chapter=4,
        name="leaky_relu_derivative",
        title="The slope of leaky ReLU",
        task=(
            "Write `leaky_relu_derivative(x, alpha)`: the slope of leaky ReLU at every entry of "
            "`x`. Right of 0 the\ngraph is the line $x$, left of 0 the line $\\alpha x$. At "
            "exactly $x = 0$ (the kink) either slope is\naccepted."
        ),
        stub=(
            "def leaky_relu_derivative(x, alpha):\n"
            '    """The slope of leaky ReLU at every entry of x."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda x, alpha: np.where(x > 0, 1.0, alpha) * np.ones_like(x),
        also_accept=(lambda x, alpha: np.where(x >= 0, 1.0, alpha) * np.ones_like(x),),
        cases=(
            Case(
                "x = [-3, -0.5, 0.5, 2], alpha = 0.1",
                {"x": _arr(-3.0, -0.5, 0.5, 2.0), "alpha": 0.1},
            ),
            Case(
                "big inputs x = [-100, 100], alpha = 0.01",
                {"x": _arr(-100.0, 100.0), "alpha": 0.01},
            ),
            Case("x = 0, the kink (alpha or 1 are both fine)", {"x": _arr(0.0), "alpha": 0.2}),
            Case(
                "a 2 x 2 array, alpha = 0.05 (the shape must be kept)",
                {"x": _arr([-1.0, 2.0], [4.0, -3.0]), "alpha": 0.05},
            ),
        ),
        mistakes=(
            Mistake(
                lambda x, alpha: np.where(x > 0, alpha, 1.0),
                "alpha is on the wrong side: the slope is 1 for positive x and alpha for "
                "negative x.",
            ),
            Mistake(
                lambda x, alpha: np.where(x > 0, 1.0, 0.0),
                "Negative inputs gave slope 0: that is plain ReLU's derivative. Leaky ReLU "
                "keeps a small slope alpha there.",
            ),
            Mistake(
                lambda x, alpha: np.where(x >= 0, x, alpha * x),
                "You returned leaky ReLU's value, not its slope.",
            ),
            Mistake(
                lambda x, alpha: np.where(x > 0, 1.0, alpha * x),
                "Left of 0 the slope of the line alpha * x is the constant alpha, not alpha * x.",
            ),
        ),
        hint="The slope is 1 where x > 0 and alpha where x < 0, one number per entry of x.",
    )
)

# --------------------------------------------------------------------------------------
# Chapter 5: why non-linearity
# --------------------------------------------------------------------------------------

COMPOSE_LINEAR = _register(
    Exercise(
        chapter=5,
        name="compose_linear",
        title="Two linear layers are one",
        task=(
            "Two layers without activation: first $h = a W_1^\\top + b_1$, then $y = h W_2^\\top"
            " + b_2$. Write\n`compose_linear(W1, b1, W2, b2)` returning the single layer "
            "`(W, b)` with $y = a W^\\top + b$\nfor every input `a`. (Write $y$ in terms of $a$ "
            "and read off $W$ and $b$.) `W1` is `(K, N)`, `W2` is `(M, K)`."
        ),
        stub=(
            "def compose_linear(W1, b1, W2, b2):\n"
            '    """The (W, b) of one linear layer doing what layer 1 then layer 2 do."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2),
        cases=(
            Case(
                "3 inputs -> 4 -> 2 outputs",
                {
                    "W1": _NET_3_4_2[0][0],
                    "b1": _NET_3_4_2[0][1],
                    "W2": _NET_3_4_2[1][0],
                    "b2": _NET_3_4_2[1][1],
                },
            ),
            Case(
                "square layers 2 -> 2 -> 2",
                {
                    "W1": _arr([1.0, 2.0], [0.0, -1.0]),
                    "b1": _arr(0.5, 1.0),
                    "W2": _arr([0.0, 1.0], [3.0, 1.0]),
                    "b2": _arr(-1.0, 0.25),
                },
            ),
            Case(
                "1 input -> 3 -> 1 output",
                {
                    "W1": _arr([2.0], [-1.0], [0.5]),
                    "b1": _arr(1.0, 0.0, -2.0),
                    "W2": _arr([1.0, 1.0, -2.0]),
                    "b2": _arr(0.5),
                },
            ),
            Case(
                "zero biases",
                {
                    "W1": _W23,
                    "b1": _arr(0.0, 0.0),
                    "W2": _arr([1.0, -1.0], [2.0, 0.5], [0.0, 1.0]),
                    "b2": _arr(0.0, 0.0, 0.0),
                },
            ),
        ),
        mistakes=(
            Mistake(
                lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2),
                "W: the order of the product matters. Layer 1 acts first, so in W the matrix "
                "W2 comes first: try writing y out in terms of a.",
            ),
            Mistake(
                lambda W1, b1, W2, b2: (W2 @ W1, b1 + b2),
                "W is right; b is not. The first bias b1 also passes through the second "
                "layer's weights before b2 is added.",
            ),
            Mistake(
                lambda W1, b1, W2, b2: (W2 @ W1, b2),
                "W is right; b is not. You dropped b1, which also passes through layer 2.",
            ),
            Mistake(
                lambda W1, b1, W2, b2: (W1.T @ W2.T, W2 @ b1 + b2),
                "b is right; your W is transposed. W must have shape (M, N), like any "
                "layer's: outputs x inputs.",
            ),
        ),
        hint="Substitute h = a W1^T + b1 into y = h W2^T + b2 and expand.",
        crash_hint="Check the shapes: W1 is (K, N), b1 (K,), W2 (M, K), b2 (M,). The combined "
        "layer has W of shape (M, N) and b of shape (M,), like layer 2's.",
        transposed_hint="W must have shape (M, N), like any layer's: outputs x inputs.",
    )
)

ABS_FROM_RELUS = _register(
    Exercise(
        chapter=5,
        name="abs_from_relus",
        title="|x| from two ReLUs",
        task=(
            "The absolute value $|x|$ is not linear, yet a tiny ReLU network computes it "
            "exactly. Write\n`abs_from_relus(x)` using only ReLU (`np.maximum(z, 0)`), "
            "additions and multiplications by numbers:\ntwo hidden ReLU neurons and a sum "
            "(no `np.abs`!)."
        ),
        stub=(
            "def abs_from_relus(x):\n"
            '    """|x| for every entry of x, built from two ReLU hinges."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=np.abs,
        cases=(
            Case("x = [-2, -0.5, 0, 1.5, 3]", {"x": _arr(-2.0, -0.5, 0.0, 1.5, 3.0)}),
            Case("only negative inputs", {"x": _arr(-4.0, -0.25)}),
            Case("a 2 x 2 array (the shape must be kept)", {"x": _arr([-1.0, 2.0], [0.5, -3.0])}),
        ),
        mistakes=(
            Mistake(
                lambda x: np.maximum(x, 0) - np.maximum(-x, 0),
                "relu(x) - relu(-x) is just x again: a straight line. Flip the sign of one term.",
            ),
            Mistake(
                lambda x: np.maximum(x, 0),
                "Negative inputs gave 0: one hinge only covers x > 0. Add a second hinge "
                "that faces left.",
            ),
            Mistake(
                lambda x: 2 * np.maximum(x, 0),
                "Both of your hinges face right. The second one should read -x.",
            ),
        ),
        hint="One hinge handles x > 0; a mirrored one handles x < 0.",
    )
)


def _bump(x: Any) -> Any:
    return relu(x + 1) - 2 * relu(x) + relu(x - 1)


TRIANGLE_BUMP = _register(
    Exercise(
        chapter=5,
        name="triangle_bump",
        title="A bump from three hinges",
        task=(
            "Build a triangle from ReLU hinges: `triangle_bump(x)` is 0 for $x \\le -1$, rises "
            "in a straight line\nto 1 at $x = 0$, falls back to 0 at $x = 1$ and stays 0 after. "
            "Use three hinges\n$\\mathrm{relu}(x - t)$ with $t \\in \\{-1, 0, 1\\}$, each times a "
            "number of your choice, and add them up.\nBumps like this, shifted and scaled, can "
            "approximate any curve."
        ),
        stub=(
            "def triangle_bump(x):\n"
            '    """0 left of -1, up to 1 at 0, back to 0 at 1, then 0: three ReLU hinges."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_bump,
        cases=(
            Case("x = [-2, -1, -0.5, 0, 0.5, 1, 2]", {"x": _arr(-2, -1, -0.5, 0, 0.5, 1, 2)}),
            Case("far from the bump, x = [-10, 10]", {"x": _arr(-10.0, 10.0)}),
            Case("a 2 x 2 array (the shape must be kept)", {"x": _arr([-0.25, 0.25], [0.75, 3.0])}),
        ),
        mistakes=(
            Mistake(
                lambda x: np.maximum(x + 1, 0) - np.maximum(x, 0),
                "Right of 0 your bump stays at 1. The slope must change from +1 to -1 at "
                "x = 0: a change of -2.",
            ),
            Mistake(
                lambda x: np.maximum(x + 1, 0) - 2 * np.maximum(x, 0),
                "Right of x = 1 your function keeps falling. A third hinge at x = 1 must bring "
                "the slope back to 0.",
            ),
            Mistake(
                lambda x: np.maximum(x + 1, 0) - np.maximum(x, 0) + np.maximum(x - 1, 0),
                "At x = 0 the slope must turn from +1 to -1, a change of -2; your middle hinge "
                "changes it by -1 only.",
            ),
        ),
        hint="Slopes: 0, then +1 from x = -1, then -1 from x = 0, then 0 from x = 1. Each "
        "hinge's factor is the change of slope at its corner.",
    )
)

# --------------------------------------------------------------------------------------
# Chapter 6: folding the bias
# --------------------------------------------------------------------------------------


def _append_one(a: Any) -> Any:
    return np.concatenate([a, np.ones((*a.shape[:-1], 1))], axis=-1)


APPEND_ONE = _register(
    Exercise(
        chapter=6,
        name="append_one",
        title="Append the constant 1",
        task=(
            "Write `append_one(a)`: add a 1 at the end of an input vector, `(N,)` -> `(N+1,)`, "
            "or at the end of\nevery row of a batch, `(B, N)` -> `(B, N+1)`. Return a new array."
        ),
        stub=(
            "def append_one(a):\n"
            '    """a with a 1 appended: (N,) -> (N+1,), or to every row: (B, N) -> (B, N+1)."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_append_one,
        cases=(
            Case("one vector [2, -1, 0.5]", {"a": _arr(2.0, -1.0, 0.5)}),
            Case("a vector with a single value", {"a": _arr(-3.0)}),
            Case(
                "a batch of 3 rows of 2 values",
                {"a": _arr([1.0, 2.0], [0.0, -1.0], [0.5, 0.25])},
                crash_hint="This works for one vector but not for a batch: a batch needs a "
                "whole column of ones, one per row.",
            ),
            Case(
                "a batch of just 1 row",
                {"a": _arr([4.0, -2.0, 0.0])},
                crash_hint="This works for one vector but not for a batch: a batch needs a "
                "whole column of ones, one per row.",
            ),
        ),
        mistakes=(
            Mistake(
                lambda a: np.concatenate([np.ones((*a.shape[:-1], 1)), a], axis=-1),
                "You put the 1 first. It goes at the end, where the bias column of W' will "
                "meet it.",
            ),
            Mistake(
                lambda a: np.concatenate([a, np.zeros((*a.shape[:-1], 1))], axis=-1),
                "You appended a 0; append a 1.",
            ),
            Mistake(
                lambda a: np.vstack([a, np.ones(a.shape[-1])]),
                "You appended a row of ones (a new example!) instead of a column: every row "
                "needs its own 1 at its end.",
            ),
            Mistake(
                lambda a: np.append(a, 1.0),
                "np.append without an axis flattens a batch into one long vector. Keep the "
                "rows: add a column of ones.",
            ),
        ),
        hint="Append one 1 per row, as a last column.",
    )
)

FOLD_BIAS = _register(
    Exercise(
        chapter=6,
        name="fold_bias",
        title="Fold b into W",
        task=(
            "Write `fold_bias(W, b)`: `W` has shape `(M, N)` and `b` shape `(M,)`. Return $W'$ of "
            "shape `(M, N+1)`:\n`W` with `b` as an extra last column, so that "
            "$[a, 1]\\,W'^\\top = a W^\\top + b$."
        ),
        stub=(
            "def fold_bias(W, b):\n"
            '    """W (M, N) with b (M,) appended as a last column: shape (M, N+1)."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda W, b: np.concatenate([W, b[:, None]], axis=1),
        cases=(
            Case("W of shape (2, 3)", {"W": _W23, "b": _B2}),
            Case(
                "W of shape (3, 2), with negative values",
                {"W": _arr([-1.0, 2.0], [0.5, -0.5], [3.0, 0.0]), "b": _arr(-1.0, 0.0, 2.0)},
            ),
            Case(
                "a single neuron, W of shape (1, 4)",
                {"W": _arr([1.0, 2.0, 3.0, 4.0]), "b": _arr(-5.0)},
            ),
            Case(
                "a square W of shape (2, 2)",
                {"W": _arr([1.0, 2.0], [3.0, 4.0]), "b": _arr(5.0, 6.0)},
            ),
        ),
        mistakes=(
            Mistake(
                lambda W, b: np.concatenate([b[:, None], W], axis=1),
                "You put b in the first column. It goes last, to meet the 1 appended at the "
                "end of the input.",
            ),
            Mistake(
                lambda W, b: np.vstack([W, b]),
                "You appended b as a row. Each neuron (each row of W) gets its own bias, so b "
                "is a new column.",
            ),
        ),
        hint="Put b next to W as its last column.",
        crash_hint="b is 1-D, shape (M,): make it a column of shape (M, 1) before joining it to W.",
        transposed_hint="Your W' is transposed: it must have one row per neuron, shape (M, N+1).",
    )
)

FOLDED_LAYER_FORWARD = _register(
    Exercise(
        chapter=6,
        name="folded_layer_forward",
        title="A layer with a folded bias",
        task=(
            "Write `folded_layer_forward(a, W_folded, phi)`: a layer whose bias is the last "
            "column of\n`W_folded` (shape `(M, N+1)`). Append the 1 to `a` (a row `(N,)` or a "
            "batch `(B, N)`), then one\nmatrix product and `phi`. No separate `+ b` this time!"
        ),
        stub=(
            "def folded_layer_forward(a, W_folded, phi):\n"
            '    """phi([a, 1] W_folded^T) for a row vector a (N,) or a batch (B, N)."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda a, W_folded, phi: phi(_append_one(a) @ W_folded.T),
        cases=(
            Case(
                "one input row (N = 3) into 2 neurons, phi = sigmoid",
                {
                    "a": _arr(1.0, 2.0, -1.0),
                    "W_folded": np.hstack([_W23, _B2[:, None]]),
                    "phi": sigmoid,
                },
            ),
            Case(
                "a batch of 4 rows, phi = tanh",
                {"a": _X_BATCH, "W_folded": np.hstack([_W23, _B2[:, None]]), "phi": tanh},
            ),
            Case(
                "a batch of just 1 row, phi = relu",
                {
                    "a": _arr([2.0, -1.0, 0.5]),
                    "W_folded": np.hstack([_W23, _B2[:, None]]),
                    "phi": relu,
                },
            ),
            Case(
                "2 inputs into 3 neurons (W' is 3 x 3), phi = sigmoid",
                {
                    "a": _arr([1.0, -1.0], [0.5, 2.0]),
                    "W_folded": _arr([1.0, 0.0, 0.5], [-1.0, 2.0, 0.0], [0.5, 0.5, -1.0]),
                    "phi": sigmoid,
                },
            ),
        ),
        mistakes=(
            Mistake(
                lambda a, W_folded, phi: phi(_append_one(a) @ W_folded),
                "Did you forget to transpose W'? It is (M, N+1); the row form multiplies by "
                "its transpose.",
            ),
            Mistake(
                lambda a, W_folded, phi: phi(
                    np.concatenate([np.ones((*a.shape[:-1], 1)), a], axis=-1) @ W_folded.T
                ),
                "You put the 1 first. It goes at the end, to meet the bias in W's last column.",
            ),
            Mistake(
                lambda a, W_folded, phi: _append_one(a) @ W_folded.T,
                "Did you forget phi?",
            ),
        ),
        hint="Append the 1 (to every row), multiply by W' transposed, then phi.",
        crash_hint="a has N values per row but W_folded has N+1 columns: append the 1 to a first "
        "(to every row of a batch), then multiply by W_folded transposed.",
        transposed_hint=_TRANSPOSE_HINT,
    )
)

# --------------------------------------------------------------------------------------
# Chapter 7: how networks learn
# --------------------------------------------------------------------------------------

_Y_PRED = _arr([0.5, 1.0], [2.0, -1.0], [0.0, 0.25])
_Y_TRUE = _arr([1.0, 1.0], [0.0, 0.0], [0.5, -0.75])

MSE = _register(
    Exercise(
        chapter=7,
        name="mse",
        title="Mean squared error",
        task=(
            "Write `mse(y_pred, y_true)`: the mean of the squared differences over **every "
            "entry** (all rows\nand all columns), $\\frac{1}{n}\\sum (\\hat y - y)^2$. Return "
            "one number."
        ),
        stub=(
            "def mse(y_pred, y_true):\n"
            '    """Mean squared error over every entry: one number."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda y_pred, y_true: np.mean((y_pred - y_true) ** 2),
        cases=(
            Case(
                "3 predictions in a vector",
                {"y_pred": _arr(1.0, 2.0, 3.0), "y_true": _arr(1.0, 2.0, 5.0)},
            ),
            Case("a batch of 3 rows with 2 outputs each", {"y_pred": _Y_PRED, "y_true": _Y_TRUE}),
            Case(
                "perfect predictions (the loss is 0)", {"y_pred": _Y_PRED, "y_true": _Y_PRED.copy()}
            ),
            Case("a single prediction", {"y_pred": _arr(-1.0), "y_true": _arr(2.0)}),
        ),
        mistakes=(
            Mistake(
                lambda y_pred, y_true: np.mean(y_pred - y_true),
                "Square the differences before averaging, or errors of opposite sign cancel.",
            ),
            Mistake(
                lambda y_pred, y_true: np.mean(np.abs(y_pred - y_true)),
                "That is the mean ABSOLUTE error. Square the differences instead.",
            ),
            Mistake(
                lambda y_pred, y_true: np.sum((y_pred - y_true) ** 2),
                "You summed the squares; take their mean (divide by the number of entries).",
            ),
            Mistake(
                lambda y_pred, y_true: np.sqrt(np.mean((y_pred - y_true) ** 2)),
                "You took the square root (that is the RMSE). MSE stops before it.",
            ),
            Mistake(
                lambda y_pred, y_true: 0.5 * np.mean((y_pred - y_true) ** 2),
                "Some books put a 1/2 in front; this course's MSE has none.",
            ),
            Mistake(
                lambda y_pred, y_true: np.mean(np.sum((y_pred - y_true) ** 2, axis=-1)),
                "You averaged over the rows only. Average over every entry (rows x columns).",
            ),
        ),
        hint="Differences, squared, then the mean of all of them.",
    )
)

MSE_GRADIENT = _register(
    Exercise(
        chapter=7,
        name="mse_gradient",
        title="The gradient of the MSE",
        task=(
            "Write `mse_gradient(y_pred, y_true)`: $\\partial L / \\partial \\hat y$ for "
            "$L = $ `mse(y_pred, y_true)`, an array\nof the same shape as `y_pred` (one "
            "partial derivative per entry). Remember the $\\frac{1}{n}$."
        ),
        stub=(
            "def mse_gradient(y_pred, y_true):\n"
            '    """dL/dy_pred for the mean squared error: same shape as y_pred."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda y_pred, y_true: 2 * (y_pred - y_true) / y_pred.size,
        cases=(
            Case(
                "3 predictions in a vector",
                {"y_pred": _arr(1.0, 2.0, 3.0), "y_true": _arr(1.0, 2.0, 5.0)},
            ),
            Case("a batch of 3 rows with 2 outputs each", {"y_pred": _Y_PRED, "y_true": _Y_TRUE}),
            Case("a batch of 1 row", {"y_pred": _arr([0.5, -0.5]), "y_true": _arr([0.0, 1.0])}),
            Case(
                "perfect predictions (the gradient is 0)",
                {"y_pred": _Y_PRED, "y_true": _Y_PRED.copy()},
            ),
        ),
        mistakes=(
            Mistake(
                lambda y_pred, y_true: (y_pred - y_true) / y_pred.size,
                "Off by a factor 2: the derivative of d^2 is 2d.",
            ),
            Mistake(
                lambda y_pred, y_true: 2 * (y_pred - y_true),
                "Don't forget the 1/n from the mean: n is the number of entries.",
            ),
            Mistake(
                lambda y_pred, y_true: 2 * (y_true - y_pred) / y_pred.size,
                "The sign is flipped: the loss grows when y_pred moves away from y_true, so "
                "the gradient is positive where y_pred is too big.",
            ),
            Mistake(
                lambda y_pred, y_true: 2 * (y_pred - y_true) / len(y_pred),
                "You divided by the number of rows; n counts every entry (rows x columns).",
            ),
            Mistake(
                lambda y_pred, y_true: np.mean((y_pred - y_true) ** 2),
                "That is the loss itself. The gradient has one number per entry of y_pred.",
            ),
        ),
        hint="Differentiate mean((y_pred - y_true)^2) with respect to one entry of y_pred.",
    )
)

WEIGHT_GRADIENT = _register(
    Exercise(
        chapter=7,
        name="weight_gradient",
        title="dL/dW for a whole batch",
        task=(
            "Write `weight_gradient(delta, a_prev)`: $\\partial L/\\partial W = \\delta^\\top "
            "a_{l-1}$, where `delta` (shape `(B, M)`)\nholds $\\partial L/\\partial z$ for each "
            "example and neuron, and `a_prev` (shape `(B, N)`) holds the layer's\ninputs. The "
            "answer has the shape of $W$, `(M, N)`, and sums over the batch."
        ),
        stub=(
            "def weight_gradient(delta, a_prev):\n"
            '    """dL/dW = delta^T a_prev, shape (M, N), summed over the batch."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda delta, a_prev: delta.T @ a_prev,
        cases=(
            Case(
                "a batch of 4, 2 neurons, 3 inputs",
                {
                    "delta": _arr([0.1, -0.2], [0.0, 0.5], [0.3, 0.1], [-0.4, 0.0]),
                    "a_prev": _X_BATCH,
                },
            ),
            Case(
                "a batch of 1",
                {"delta": _arr([0.5, -1.0]), "a_prev": _arr([1.0, 2.0, 3.0])},
            ),
            Case(
                "as many neurons as inputs (a square W)",
                {
                    "delta": _arr([1.0, 0.0], [0.5, -0.5], [0.0, 2.0]),
                    "a_prev": _arr([1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]),
                },
            ),
            Case(
                "a single neuron (M = 1)",
                {"delta": _arr([0.2], [-0.1]), "a_prev": _arr([1.0, -1.0, 0.5], [2.0, 0.0, 1.0])},
            ),
        ),
        mistakes=(
            Mistake(
                lambda delta, a_prev: a_prev.T @ delta,
                "You swapped the factors (a_prev^T delta). The gradient of W has W's shape, "
                "(M, N): delta's side comes first.",
            ),
            Mistake(
                lambda delta, a_prev: delta.T @ a_prev / len(delta),
                "You divided by the batch size. delta already carries the 1/n of the mean, so "
                "just sum over the batch.",
            ),
            Mistake(
                lambda delta, a_prev: np.outer(delta[0], a_prev[0]),
                "You used the first example only; sum over all the rows of the batch.",
            ),
        ),
        hint="Each example contributes delta_i (M numbers) times a_i (N numbers), an M x N "
        "table; add the tables up.",
        crash_hint="delta is (B, M) and a_prev is (B, N): the batch axis B is the one that must "
        "meet (and be summed over) in the product.",
        transposed_hint="The gradient of W must have W's shape, (M, N). Did you swap delta and "
        "a_prev?",
    )
)

SGD_STEP = _register(
    Exercise(
        chapter=7,
        name="sgd_step",
        title="One step of gradient descent",
        task=(
            "Write `sgd_step(W, grad, lr)`: one gradient-descent step, returning the new "
            "weights (a new array;\ndo not change `W` in place). `grad` is $\\partial L/\\partial"
            " W$, `lr` the learning rate."
        ),
        stub=(
            "def sgd_step(W, grad, lr):\n"
            '    """The weights after one step of gradient descent (a new array)."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda W, grad, lr: W - lr * grad,
        cases=(
            Case(
                "a 2 x 3 W, lr = 0.1",
                {"W": _W23, "grad": _arr([1.0, -2.0, 0.5], [0.0, 4.0, -1.0]), "lr": 0.1},
            ),
            Case("a bias vector, lr = 0.5", {"W": _B2, "grad": _arr(0.4, -0.2), "lr": 0.5}),
            Case(
                "a zero gradient (nothing moves)", {"W": _W23, "grad": np.zeros((2, 3)), "lr": 0.1}
            ),
        ),
        mistakes=(
            Mistake(
                lambda W, grad, lr: W + lr * grad,
                "You stepped uphill: the gradient points where the loss grows, so subtract it.",
            ),
            Mistake(lambda W, grad, lr: W - grad, "Don't forget to scale the step by lr."),
            Mistake(
                lambda W, grad, lr: -lr * grad,
                "That is only the step; return the weights after taking it.",
            ),
            Mistake(lambda W, grad, lr: W - lr, "Subtract lr times the gradient, not lr itself."),
        ),
        hint="Step against the gradient (downhill), scaled by the learning rate.",
    )
)

#: Every exercise, by name.
EXERCISES: dict[str, Exercise] = dict(_REGISTRY)


def exercises_for_chapter(chapter: int) -> list[Exercise]:
    """The exercises of one chapter (1 to 7), in the order the chapter shows them.

    Examples
    --------
    >>> [ex.name for ex in exercises_for_chapter(1)]
    ['weighted_sum', 'neuron_output', 'threshold']
    """
    found = [ex for ex in EXERCISES.values() if ex.chapter == chapter]
    if not found:
        chapters = sorted({ex.chapter for ex in EXERCISES.values()})
        raise ValueError(f"no exercises for chapter {chapter!r}; chapters are {chapters}")
    return found


# --------------------------------------------------------------------------------------
# The check functions, one per exercise
# --------------------------------------------------------------------------------------


def _make_check(ex: Exercise) -> Callable[..., CheckResult]:
    def check(function: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
        return _run(ex, function, quiet)

    check.__name__ = check.__qualname__ = f"check_{ex.name}"
    check.__doc__ = (
        f"Check your ``{ex.name}`` (chapter {ex.chapter}: {ex.title}) on several inputs.\n\n"
        "Parameters\n----------\n"
        f"function : callable\n    Your ``{ex.name}`` function itself (not its result).\n"
        "quiet : bool\n    If true, print nothing (the result still holds the words).\n\n"
        "Returns\n-------\nCheckResult\n    True only if every case passed; ``str()`` gives "
        "the words printed.\n"
    )
    check.__module__ = __name__
    return check


check_weighted_sum = _make_check(WEIGHTED_SUM)
check_neuron_output = _make_check(NEURON_OUTPUT)
check_threshold = _make_check(THRESHOLD)
check_flatten_image = _make_check(FLATTEN_IMAGE)
check_layer_outputs = _make_check(LAYER_OUTPUTS)
check_count_parameters = _make_check(COUNT_PARAMETERS)
check_layer_forward = _make_check(LAYER_FORWARD)
check_layer_forward_columns = _make_check(LAYER_FORWARD_COLUMNS)
check_network_forward = _make_check(NETWORK_FORWARD)
check_tanh = _make_check(TANH)
check_sigmoid_derivative = _make_check(SIGMOID_DERIVATIVE)
check_leaky_relu = _make_check(LEAKY_RELU)
check_leaky_relu_derivative = _make_check(LEAKY_RELU_DERIVATIVE)
check_compose_linear = _make_check(COMPOSE_LINEAR)
check_abs_from_relus = _make_check(ABS_FROM_RELUS)
check_triangle_bump = _make_check(TRIANGLE_BUMP)
check_append_one = _make_check(APPEND_ONE)
check_fold_bias = _make_check(FOLD_BIAS)
check_folded_layer_forward = _make_check(FOLDED_LAYER_FORWARD)
check_mse = _make_check(MSE)
check_mse_gradient = _make_check(MSE_GRADIENT)
check_weight_gradient = _make_check(WEIGHT_GRADIENT)
check_sgd_step = _make_check(SGD_STEP)
