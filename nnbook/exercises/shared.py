"""Inputs and hint words that exercises of several topics share.

Kept here so that no topic module imports another: reordering the chapters can never turn
one topic's exercises into another's dependency. A name used by one topic only stays in
that topic's module.

Examples
--------
>>> arr([1, 2], [3, 4]).shape
(2, 2)
>>> X_BATCH.shape, W23.shape, B2.shape
((4, 3), (2, 3), (2,))
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["B2", "NET_3_4_2", "TRANSPOSE_HINT", "W23", "X_BATCH", "arr"]


def arr(*rows: Any) -> np.ndarray:
    """A float array from its values (a vector) or from its rows (a matrix)."""
    return np.array(rows, dtype=float)


#: A batch of 4 inputs with 3 values each, one per row.
X_BATCH = arr([1.0, 0.0, -1.0], [0.5, 2.0, 1.0], [-1.0, -1.0, 3.0], [0.0, 0.5, 0.25])

#: Weights of a layer of M = 2 neurons reading N = 3 inputs, and its biases.
W23 = arr([0.5, -1.0, 0.25], [1.0, 0.0, -0.5])
B2 = arr(0.1, -0.2)

#: A network 3 -> 4 -> 2 as a list of (W, b) pairs.
NET_3_4_2 = [
    (arr([0.5, -0.5, 1.0], [1.0, 0.0, 0.5], [-1.0, 1.0, 0.0], [0.25, 0.25, -0.5]),
     arr(0.1, 0.0, -0.1, 0.2)),
    (arr([1.0, -1.0, 0.5, 0.0], [0.0, 2.0, -0.5, 1.0]), arr(-0.5, 0.5)),
]  # fmt: skip

#: Said when a row-form answer comes back transposed.
TRANSPOSE_HINT = (
    "In row form each example is a row, so the answer has one row per example and one "
    "column per neuron. Did you compute W @ a (the column form)?"
)
