"""Exercises on how networks learn: the mean squared error and its gradient, ``dL/dW`` summed
over a batch, and one step of gradient descent.

Examples
--------
>>> check_sgd_step(lambda W, grad, lr: W + lr * grad, quiet=True).hint
'You stepped uphill: the gradient points where the loss grows, so subtract it.'
"""

from __future__ import annotations

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.shared import B2, W23, X_BATCH, arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_mse", "check_mse_gradient", "check_sgd_step", "check_weight_gradient"]

TOPIC = "learning"

_Y_PRED = arr([0.5, 1.0], [2.0, -1.0], [0.0, 0.25])
_Y_TRUE = arr([1.0, 1.0], [0.0, 0.0], [0.5, -0.75])

check_mse = register(
    Exercise(
        topic=TOPIC,
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
                {"y_pred": arr(1.0, 2.0, 3.0), "y_true": arr(1.0, 2.0, 5.0)},
            ),
            Case("a batch of 3 rows with 2 outputs each", {"y_pred": _Y_PRED, "y_true": _Y_TRUE}),
            Case(
                "perfect predictions (the loss is 0)", {"y_pred": _Y_PRED, "y_true": _Y_PRED.copy()}
            ),
            Case("a single prediction", {"y_pred": arr(-1.0), "y_true": arr(2.0)}),
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

check_mse_gradient = register(
    Exercise(
        topic=TOPIC,
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
                {"y_pred": arr(1.0, 2.0, 3.0), "y_true": arr(1.0, 2.0, 5.0)},
            ),
            Case("a batch of 3 rows with 2 outputs each", {"y_pred": _Y_PRED, "y_true": _Y_TRUE}),
            Case("a batch of 1 row", {"y_pred": arr([0.5, -0.5]), "y_true": arr([0.0, 1.0])}),
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

check_sgd_step = register(
    Exercise(
        topic=TOPIC,
        name="sgd_step",
        title="One step of gradient descent",
        task=(
            "Write `sgd_step(W, grad, lr)`: the weights after one small step that should "
            "lower the loss. `grad`\n(the shape of `W`) is $\\partial L/\\partial W$: each "
            "entry says how fast the loss grows as that weight grows.\n`lr`, the learning rate, "
            "a small positive number, sets how big the step is. Return a new array: `W`\nitself "
            "must stay as it was."
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
                {"W": W23, "grad": arr([1.0, -2.0, 0.5], [0.0, 4.0, -1.0]), "lr": 0.1},
            ),
            Case("a bias vector, lr = 0.5", {"W": B2, "grad": arr(0.4, -0.2), "lr": 0.5}),
            Case(
                "a zero gradient (nothing moves)", {"W": W23, "grad": np.zeros((2, 3)), "lr": 0.1}
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
