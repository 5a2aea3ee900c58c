"""Exercises on activation functions and their slopes: tanh from exponentials, the sigmoid's
derivative from the sigmoid itself, leaky ReLU and its derivative.

Examples
--------
>>> check_sigmoid_derivative(sigmoid, quiet=True).hint
'You returned the sigmoid itself, not its derivative.'
"""

from __future__ import annotations

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.phi import sigmoid
from nnbook.exercises.shared import arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = [
    "TOPIC",
    "check_leaky_relu",
    "check_leaky_relu_derivative",
    "check_sigmoid_derivative",
    "check_tanh",
]

TOPIC = "activations"

_XS = arr(-2.0, -0.5, 0.5, 1.0, 2.0)

check_tanh = register(
    Exercise(
        topic=TOPIC,
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
        shortcuts=("np.tanh", "math.tanh", "nnbook.tanh"),
        build_from="np.exp",
        cases=(
            Case("x = [-2, -0.5, 0.5, 1, 2]", {"x": _XS}),
            Case("x = 0 (tanh(0) is 0)", {"x": arr(0.0)}),
            Case("larger inputs, x = [-6, 6]", {"x": arr(-6.0, 6.0)}),
            Case("a 2 x 3 array (the shape must be kept)", {"x": arr([-1, 0, 1], [3, -3, 0.1])}),
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

check_sigmoid_derivative = register(
    Exercise(
        topic=TOPIC,
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
            Case("x = 0, where the slope is largest", {"x": arr(0.0)}),
            Case("far from 0, x = [-10, 10] (nearly flat)", {"x": arr(-10.0, 10.0)}),
            Case("a 2 x 2 array (the shape must be kept)", {"x": arr([-1.0, 0.0], [3.0, -3.0])}),
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

check_leaky_relu = register(
    Exercise(
        topic=TOPIC,
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
                {"x": arr(-2, -0.5, 0, 0.5, 3), "alpha": 0.1},
            ),
            Case(
                "big inputs x = [-100, 100], alpha = 0.01",
                {"x": arr(-100.0, 100.0), "alpha": 0.01},
            ),
            Case("only negative inputs, alpha = 0.2", {"x": arr(-1.0, -5.0, -0.25), "alpha": 0.2}),
            Case(
                "a 2 x 3 array, alpha = 0.05",
                {"x": arr([-1.0, 0.0, 2.0], [4.0, -3.0, -0.5]), "alpha": 0.05},
            ),
            Case("alpha = 0 (plain ReLU)", {"x": arr(-1.0, 1.0), "alpha": 0.0}),
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

check_leaky_relu_derivative = register(
    Exercise(
        topic=TOPIC,
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
                {"x": arr(-3.0, -0.5, 0.5, 2.0), "alpha": 0.1},
            ),
            Case(
                "big inputs x = [-100, 100], alpha = 0.01",
                {"x": arr(-100.0, 100.0), "alpha": 0.01},
            ),
            Case("x = 0, the kink (alpha or 1 are both fine)", {"x": arr(0.0), "alpha": 0.2}),
            Case(
                "a 2 x 2 array, alpha = 0.05 (the shape must be kept)",
                {"x": arr([-1.0, 2.0], [4.0, -3.0]), "alpha": 0.05},
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
