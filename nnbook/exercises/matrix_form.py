"""Exercises on the matrix form, ``a_l = phi(a_{l-1} W^T + b)``: a layer in row form, the same
layer in column form, and a whole network as a loop over its layers.

Examples
--------
>>> check_layer_forward(lambda a, W, b, phi: phi(a @ W.T), quiet=True).hint
'Did you forget the bias b?'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from nnbook.exercises.checking import register
from nnbook.exercises.phi import relu, sigmoid, tanh
from nnbook.exercises.shared import B2, NET_3_4_2, TRANSPOSE_HINT, W23, X_BATCH, arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_layer_forward", "check_layer_forward_columns", "check_network_forward"]

TOPIC = "matrix_form"

check_layer_forward = register(
    Exercise(
        topic=TOPIC,
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
                {"a": arr(1.0, 2.0, -1.0), "W": W23, "b": B2, "phi": sigmoid},
            ),
            Case(
                "a batch of 4 rows into 2 neurons, phi = tanh",
                {"a": X_BATCH, "W": W23, "b": B2, "phi": tanh},
                crash_hint="With a batch, a has shape (B, N) and W has shape (M, N): which one "
                "must be transposed so that the N's meet?",
            ),
            Case(
                "a batch of just 1 row, phi = relu",
                {"a": arr([2.0, -1.0, 0.5]), "W": W23, "b": B2, "phi": relu},
            ),
            Case(
                "a square W (2 x 2), phi = sigmoid",
                {
                    "a": arr([1.0, 0.0], [0.5, -2.0]),
                    "W": arr([1.0, 2.0], [-3.0, 0.5]),
                    "b": arr(0.0, 1.0),
                    "phi": sigmoid,
                },
            ),
            Case(
                "a single neuron (M = 1) with negative inputs, phi = tanh",
                {
                    "a": arr([-1.0, -0.5, -2.0], [0.0, 0.0, 0.0]),
                    "W": arr([0.5, -1.0, 0.25]),
                    "b": arr(-0.3),
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
        transposed_hint=TRANSPOSE_HINT,
    )
)

check_layer_forward_columns = register(
    Exercise(
        topic=TOPIC,
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
                {"x": X_BATCH.T, "W": W23, "b": B2, "phi": sigmoid},
            ),
            Case(
                "one example as a single column, shape (3, 1), phi = tanh",
                {"x": arr([1.0], [2.0], [-1.0]), "W": W23, "b": B2, "phi": tanh},
            ),
            Case(
                "2 examples into 2 neurons (as many examples as neurons), phi = relu",
                {
                    "x": arr([1.0, -1.0], [0.5, 2.0], [2.0, 0.0]),
                    "W": W23,
                    "b": arr(1.0, -1.0),
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


check_network_forward = register(
    Exercise(
        topic=TOPIC,
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
                {"a": arr(1.0, 2.0, -1.0), "layers": NET_3_4_2, "phi": sigmoid},
            ),
            Case(
                "a batch of 4 rows through 3 -> 4 -> 2, phi = tanh",
                {"a": X_BATCH, "layers": NET_3_4_2, "phi": tanh},
            ),
            Case(
                "a network of a single layer, 3 -> 2, phi = relu",
                {"a": arr([2.0, -1.0, 0.5]), "layers": [(W23, B2)], "phi": relu},
            ),
            Case(
                "three layers 2 -> 3 -> 3 -> 1, phi = tanh",
                {
                    "a": arr([1.0, -1.0], [0.0, 0.5]),
                    "layers": [
                        (arr([1.0, 0.5], [-0.5, 1.0], [0.0, -1.0]), arr(0.0, 0.1, -0.1)),
                        (
                            arr([1.0, 0.0, 1.0], [0.5, -0.5, 0.0], [0.0, 1.0, 1.0]),
                            arr(0.2, 0.0, -0.2),
                        ),
                        (arr([1.0, -2.0, 0.5]), arr(0.3)),
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
        transposed_hint=TRANSPOSE_HINT,
    )
)
