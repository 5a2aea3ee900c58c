"""Exercises on folding the bias into the weights, ``[a, 1] W'^T = a W^T + b``: append the 1,
fold ``b`` into ``W`` as a last column, and a layer with a folded bias.

Examples
--------
>>> check_append_one(lambda a: np.append(a, 0.0), quiet=True).hint
'You appended a 0; append a 1.'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.phi import relu, sigmoid, tanh
from nnbook.exercises.shared import B2, TRANSPOSE_HINT, W23, X_BATCH, arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_append_one", "check_fold_bias", "check_folded_layer_forward"]

TOPIC = "bias"


def _append_one(a: Any) -> Any:
    return np.concatenate([a, np.ones((*a.shape[:-1], 1))], axis=-1)


check_append_one = register(
    Exercise(
        topic=TOPIC,
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
            Case("one vector [2, -1, 0.5]", {"a": arr(2.0, -1.0, 0.5)}),
            Case("a vector with a single value", {"a": arr(-3.0)}),
            Case(
                "a batch of 3 rows of 2 values",
                {"a": arr([1.0, 2.0], [0.0, -1.0], [0.5, 0.25])},
                crash_hint="This works for one vector but not for a batch: a batch needs a "
                "whole column of ones, one per row.",
            ),
            Case(
                "a batch of just 1 row",
                {"a": arr([4.0, -2.0, 0.0])},
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

check_fold_bias = register(
    Exercise(
        topic=TOPIC,
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
            Case("W of shape (2, 3)", {"W": W23, "b": B2}),
            Case(
                "W of shape (3, 2), with negative values",
                {"W": arr([-1.0, 2.0], [0.5, -0.5], [3.0, 0.0]), "b": arr(-1.0, 0.0, 2.0)},
            ),
            Case(
                "a single neuron, W of shape (1, 4)",
                {"W": arr([1.0, 2.0, 3.0, 4.0]), "b": arr(-5.0)},
            ),
            Case(
                "a square W of shape (2, 2)",
                {"W": arr([1.0, 2.0], [3.0, 4.0]), "b": arr(5.0, 6.0)},
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

check_folded_layer_forward = register(
    Exercise(
        topic=TOPIC,
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
                    "a": arr(1.0, 2.0, -1.0),
                    "W_folded": np.hstack([W23, B2[:, None]]),
                    "phi": sigmoid,
                },
            ),
            Case(
                "a batch of 4 rows, phi = tanh",
                {"a": X_BATCH, "W_folded": np.hstack([W23, B2[:, None]]), "phi": tanh},
            ),
            Case(
                "a batch of just 1 row, phi = relu",
                {
                    "a": arr([2.0, -1.0, 0.5]),
                    "W_folded": np.hstack([W23, B2[:, None]]),
                    "phi": relu,
                },
            ),
            Case(
                "2 inputs into 3 neurons (W' is 3 x 3), phi = sigmoid",
                {
                    "a": arr([1.0, -1.0], [0.5, 2.0]),
                    "W_folded": arr([1.0, 0.0, 0.5], [-1.0, 2.0, 0.0], [0.5, 0.5, -1.0]),
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
        transposed_hint=TRANSPOSE_HINT,
    )
)
