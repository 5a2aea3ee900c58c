"""Exercises on why a network needs non-linearity: two linear layers collapse to one, while
ReLU hinges build ``|x|`` and a triangle bump.

Examples
--------
>>> check_abs_from_relus(lambda x: 2 * np.maximum(x, 0), quiet=True).hint
'Both of your hinges face right. The second one should read -x.'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.phi import relu
from nnbook.exercises.shared import NET_3_4_2, W23, arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_abs_from_relus", "check_compose_linear", "check_triangle_bump"]

TOPIC = "nonlinearity"

_NO_ABS = ("np.abs", "abs")  # |x| is what the hinges must build
_HINGES = "ReLU hinges, np.maximum(z, 0)"

check_compose_linear = register(
    Exercise(
        topic=TOPIC,
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
                    "W1": NET_3_4_2[0][0],
                    "b1": NET_3_4_2[0][1],
                    "W2": NET_3_4_2[1][0],
                    "b2": NET_3_4_2[1][1],
                },
            ),
            Case(
                "square layers 2 -> 2 -> 2",
                {
                    "W1": arr([1.0, 2.0], [0.0, -1.0]),
                    "b1": arr(0.5, 1.0),
                    "W2": arr([0.0, 1.0], [3.0, 1.0]),
                    "b2": arr(-1.0, 0.25),
                },
            ),
            Case(
                "1 input -> 3 -> 1 output",
                {
                    "W1": arr([2.0], [-1.0], [0.5]),
                    "b1": arr(1.0, 0.0, -2.0),
                    "W2": arr([1.0, 1.0, -2.0]),
                    "b2": arr(0.5),
                },
            ),
            Case(
                "zero biases",
                {
                    "W1": W23,
                    "b1": arr(0.0, 0.0),
                    "W2": arr([1.0, -1.0], [2.0, 0.5], [0.0, 1.0]),
                    "b2": arr(0.0, 0.0, 0.0),
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

check_abs_from_relus = register(
    Exercise(
        topic=TOPIC,
        name="abs_from_relus",
        title="|x| from two ReLUs",
        task=(
            "The absolute value $|x|$ is not linear, yet a tiny ReLU network computes it "
            "exactly. Write\n`abs_from_relus(x)` using only ReLU (`np.maximum(z, 0)`), "
            "additions and multiplications by numbers:\ntwo hidden ReLU neurons and a sum "
            "(no `np.abs` or `abs`!)."
        ),
        stub=(
            "def abs_from_relus(x):\n"
            '    """|x| for every entry of x, built from two ReLU hinges."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=np.abs,
        shortcuts=_NO_ABS,
        build_from=_HINGES,
        cases=(
            Case("x = [-2, -0.5, 0, 1.5, 3]", {"x": arr(-2.0, -0.5, 0.0, 1.5, 3.0)}),
            Case("only negative inputs", {"x": arr(-4.0, -0.25)}),
            Case("a 2 x 2 array (the shape must be kept)", {"x": arr([-1.0, 2.0], [0.5, -3.0])}),
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


check_triangle_bump = register(
    Exercise(
        topic=TOPIC,
        name="triangle_bump",
        title="A bump from three hinges",
        task=(
            "Build a triangle from ReLU hinges: `triangle_bump(x)` is 0 for $x \\le -1$, rises "
            "in a straight line\nto 1 at $x = 0$, falls back to 0 at $x = 1$ and stays 0 after. "
            "Use three hinges\n$\\mathrm{relu}(x - t)$ with $t \\in \\{-1, 0, 1\\}$, each times a "
            "number of your choice, and add them up\n(no `np.abs`, `abs` or `np.clip`). Bumps "
            "like this, shifted and scaled, can approximate any curve."
        ),
        stub=(
            "def triangle_bump(x):\n"
            '    """0 left of -1, up to 1 at 0, back to 0 at 1, then 0: three ReLU hinges."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_bump,
        shortcuts=(*_NO_ABS, "np.clip"),
        build_from=_HINGES,
        cases=(
            Case("x = [-2, -1, -0.5, 0, 0.5, 1, 2]", {"x": arr(-2, -1, -0.5, 0, 0.5, 1, 2)}),
            Case("far from the bump, x = [-10, 10]", {"x": arr(-10.0, 10.0)}),
            Case("a 2 x 2 array (the shape must be kept)", {"x": arr([-0.25, 0.25], [0.75, 3.0])}),
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
