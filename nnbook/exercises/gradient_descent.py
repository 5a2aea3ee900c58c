"""Exercises on learning as going downhill: the mean squared error, its gradient, one step of
gradient descent, and one step with momentum.

Examples
--------
>>> check_sgd_step(lambda W, grad, lr: W + lr * grad, quiet=True).hint
'You stepped uphill: the gradient points where the loss grows, so subtract it.'
"""

from __future__ import annotations

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.shared import B2, W23, arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_momentum_step", "check_mse", "check_mse_gradient", "check_sgd_step"]

TOPIC = "gradient_descent"

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
            "$L = \\text{mse}(\\hat y, y)$, computed by `mse(y_pred, y_true)`: an array\nof "
            "the same shape as `y_pred` (one partial derivative per entry). Remember the "
            "$\\frac{1}{n}$."
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

_V23 = arr([0.2, 0.0, -0.1], [0.05, -0.3, 0.0])
_G23 = arr([1.0, -2.0, 0.5], [0.0, 4.0, -1.0])

check_momentum_step = register(
    Exercise(
        topic=TOPIC,
        name="momentum_step",
        title="One step with momentum",
        task=(
            "Write `momentum_step(W, v, grad, lr, mu)`: one step with momentum, where `v` "
            "(shaped like `W`) is the\nprevious step: first $v_{new} = \\mu v - "
            "\\text{lr} \\cdot \\text{grad}$, then $W_{new} = W + v_{new}$. Return\n"
            "`(W_new, v_new)`, leaving `W` and `v` as they were."
        ),
        stub=(
            "def momentum_step(W, v, grad, lr, mu):\n"
            '    """One step of gradient descent with momentum: returns (W_new, v_new)."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda W, v, grad, lr, mu: (W + (mu * v - lr * grad), mu * v - lr * grad),
        cases=(
            Case(
                "a 2 x 3 W, lr = 0.1, mu = 0.9",
                {"W": W23, "v": _V23, "grad": _G23, "lr": 0.1, "mu": 0.9},
            ),
            Case(
                "the first step (v is all zeros), lr = 0.1, mu = 0.9",
                {"W": W23, "v": np.zeros((2, 3)), "grad": _G23, "lr": 0.1, "mu": 0.9},
            ),
            Case(
                "mu = 0: plain gradient descent",
                {"W": B2, "v": arr(0.3, -0.3), "grad": arr(0.4, -0.2), "lr": 0.5, "mu": 0.0},
            ),
            Case(
                "a zero gradient: momentum alone keeps moving",
                {"W": W23, "v": _V23, "grad": np.zeros((2, 3)), "lr": 0.1, "mu": 0.5},
            ),
        ),
        mistakes=(
            Mistake(
                lambda W, v, grad, lr, mu: (W + (mu * v + lr * grad), mu * v + lr * grad),
                "You stepped uphill: the new step subtracts lr times the gradient.",
            ),
            Mistake(
                lambda W, v, grad, lr, mu: (W + v, mu * v - lr * grad),
                "W moved by the OLD step v. Compute the new step first, then add it to W.",
            ),
            Mistake(
                lambda W, v, grad, lr, mu: (W - lr * grad, -lr * grad),
                "The new step forgot the old one: keep mu times v in it.",
            ),
            Mistake(
                lambda W, v, grad, lr, mu: (W + (v - lr * grad), v - lr * grad),
                "Keep only a fraction mu of the old step: mu * v, not v.",
            ),
            Mistake(
                lambda W, v, grad, lr, mu: (W - (mu * v - lr * grad), mu * v - lr * grad),
                "The step v already points downhill: add it to W (W + v_new).",
            ),
            Mistake(
                lambda W, v, grad, lr, mu: (mu * v - lr * grad, W + (mu * v - lr * grad)),
                "Return the weights first, then the step: (W_new, v_new).",
            ),
        ),
        hint="First v_new = mu * v - lr * grad, then W_new = W + v_new; return (W_new, v_new).",
    )
)
