"""Exercises on backpropagation: the gradient of a layer's weights, summed over a batch.

Examples
--------
>>> import numpy as np
>>> check_weight_gradient(lambda delta, a_prev: a_prev.T @ delta, quiet=True).status
'failed'
"""

from __future__ import annotations

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.shared import X_BATCH, arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_weight_gradient"]

TOPIC = "backpropagation"

check_weight_gradient = register(
    Exercise(
        topic=TOPIC,
        name="weight_gradient",
        title="dL/dW for a whole batch",
        task=(
            "Write `weight_gradient(delta, a_prev)`: the gradient $\\partial L/\\partial W$ of "
            "a layer's weights for a whole\nbatch of $B$ examples. `delta` (shape `(B, M)`) "
            "holds $\\partial L/\\partial z$ for each example and each of the $M$\nneurons; "
            "`a_prev` (shape `(B, N)`) holds the $N$ inputs the layer read, one row per "
            "example. Recall\n$z = a_{l-1} W^\\top + b$: weight $w_{ij}$ carries input $j$ into "
            "neuron $i$. The answer has the shape of $W$,\n`(M, N)`, and adds up what every "
            "example of the batch contributes."
        ),
        stub=(
            "def weight_gradient(delta, a_prev):\n"
            '    """dL/dW for the whole batch: shape (M, N), like W."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda delta, a_prev: delta.T @ a_prev,
        cases=(
            Case(
                "a batch of 4, 2 neurons, 3 inputs",
                {
                    "delta": arr([0.1, -0.2], [0.0, 0.5], [0.3, 0.1], [-0.4, 0.0]),
                    "a_prev": X_BATCH,
                },
            ),
            Case(
                "a batch of 1",
                {"delta": arr([0.5, -1.0]), "a_prev": arr([1.0, 2.0, 3.0])},
            ),
            Case(
                "as many neurons as inputs (a square W)",
                {
                    "delta": arr([1.0, 0.0], [0.5, -0.5], [0.0, 2.0]),
                    "a_prev": arr([1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]),
                },
            ),
            Case(
                "a single neuron (M = 1)",
                {"delta": arr([0.2], [-0.1]), "a_prev": arr([1.0, -1.0, 0.5], [2.0, 0.0, 1.0])},
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
