"""Exercises on one neuron, ``a = phi(x . w + b)``: its weighted sum, its activation, and
the input where a sigmoid neuron switches on.

Examples
--------
>>> check_weighted_sum(lambda x, w, b: x @ w, quiet=True).hint
'Your answer is off by exactly b: did you forget the bias?'
"""

from __future__ import annotations

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.phi import relu, sigmoid, tanh
from nnbook.exercises.shared import X_BATCH, arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_neuron_output", "check_threshold", "check_weighted_sum"]

TOPIC = "neuron"

check_weighted_sum = register(
    Exercise(
        topic=TOPIC,
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
                {"x": arr(1.0, 2.0, -1.0), "w": arr(0.5, -0.25, 2.0), "b": 0.5},
            ),
            Case("a neuron with a single input", {"x": arr(3.0), "w": arr(-2.0), "b": 1.0}),
            Case(
                "negative inputs, weights and bias",
                {"x": arr(-1.5, -2.0, -0.5, -3.0), "w": arr(-0.5, 0.25, -1.0, -2.0), "b": -1.0},
            ),
            Case(
                "all-zero inputs (z is then just the bias)",
                {"x": arr(0.0, 0.0, 0.0), "w": arr(1.0, 2.0, 3.0), "b": -0.7},
            ),
            Case(
                "a batch of 4 inputs, one per row",
                {"x": X_BATCH, "w": arr(0.5, -0.25, 2.0), "b": 0.25},
                crash_hint="With a batch, x has one input per row: x @ w handles both cases.",
            ),
            Case(
                "a batch of just 1 input, shape (1, 3)",
                {"x": arr([2.0, -1.0, 0.5]), "w": arr(1.0, 1.0, -2.0), "b": 0.0},
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

check_neuron_output = register(
    Exercise(
        topic=TOPIC,
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
                {"x": arr(1.0, 2.0, -1.0), "w": arr(0.5, -0.25, 2.0), "b": 0.5, "phi": sigmoid},
            ),
            Case(
                "one input vector, phi = tanh, negative bias",
                {"x": arr(0.5, 1.0), "w": arr(2.0, 1.5), "b": -1.0, "phi": tanh},
            ),
            Case(
                "ReLU with a negative weighted sum (the answer is 0)",
                {"x": arr(1.0, 1.0), "w": arr(-1.0, -0.5), "b": 0.25, "phi": relu},
            ),
            Case(
                "all-zero inputs, phi = sigmoid (the answer is phi(b))",
                {"x": arr(0.0, 0.0, 0.0), "w": arr(1.0, 2.0, 3.0), "b": -0.7, "phi": sigmoid},
            ),
            Case(
                "a batch of 4 inputs, one per row, phi = sigmoid",
                {"x": X_BATCH, "w": arr(0.5, -0.25, 2.0), "b": 0.25, "phi": sigmoid},
            ),
            Case(
                "a batch of just 1 input, phi = relu",
                {"x": arr([2.0, -1.0, 0.5]), "w": arr(1.0, 1.0, -2.0), "b": 0.5, "phi": relu},
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

check_threshold = register(
    Exercise(
        topic=TOPIC,
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
