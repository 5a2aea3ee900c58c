"""Exercises on backpropagation: a layer's weight gradient, a layer's whole backward step,
and the backward loop over the layers of a network.

The row convention of the course: a layer computes ``z = a_prev @ W.T + b`` and
``a = phi(z)`` for a batch of B rows; ``dA = dL/da`` already carries the loss's ``1/B``
(the loss is a mean over the batch), so the layer sums over the batch and never divides.

Examples
--------
>>> import numpy as np
>>> check_weight_gradient(lambda delta, a_prev: a_prev.T @ delta, quiet=True).status
'failed'
>>> check_layer_backward(
...     lambda dA, z, a_prev, W, phi_prime: (dA.T @ a_prev, dA.sum(axis=0), dA @ W), quiet=True
... ).hint.split(":")[0]
"You left out phi'(z)"
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.phi import relu, sigmoid, tanh
from nnbook.exercises.shared import B2, NET_3_4_2, W23, X_BATCH, arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_backward_pass", "check_layer_backward", "check_weight_gradient"]

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
                "You divided by the batch size. delta already carries the 1/B of the mean loss, "
                "so just sum over the batch.",
            ),
            Mistake(
                lambda delta, a_prev: np.outer(delta[0], a_prev[0]),
                "You used the first example only; sum over all the rows of the batch.",
            ),
        ),
        hint="Each example k contributes delta_k (its row of delta, M numbers) times a_k (its "
        "row of a_prev, N numbers), an M x N table; add the tables up.",
        crash_hint="delta is (B, M) and a_prev is (B, N): the batch axis B is the one that must "
        "meet (and be summed over) in the product.",
        transposed_hint="The gradient of W must have W's shape, (M, N). Did you swap delta and "
        "a_prev?",
    )
)


# --------------------------------------------------------------------------------------
# The derivatives handed to the learner as phi_prime (plain NumPy, named for the messages)
# --------------------------------------------------------------------------------------


def tanh_derivative(z: Any) -> Any:
    """``tanh'(z) = 1 - tanh(z)^2``."""
    return 1.0 - tanh(z) ** 2


def sigmoid_derivative(z: Any) -> Any:
    """``sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))``."""
    s = sigmoid(z)
    return s * (1.0 - s)


def relu_derivative(z: Any) -> Any:
    """``relu'(z)``: 1 where z > 0, else 0."""
    return (np.asarray(z, dtype=float) > 0).astype(float)


def _layer_backward(dA: Any, z: Any, a_prev: Any, W: Any, phi_prime: Callable) -> tuple:
    delta = dA * phi_prime(z)  # dL/dz, (B, M)
    return delta.T @ a_prev, delta.sum(axis=0), delta @ W


def _with_wrong_db(wrong_db: Callable) -> Callable:
    """A layer_backward answer right in dW and dA_prev, with db = ``wrong_db(delta)``."""

    def answer(dA: Any, z: Any, a_prev: Any, W: Any, phi_prime: Callable) -> tuple:
        dW, _, dA_prev = _layer_backward(dA, z, a_prev, W, phi_prime)
        return dW, wrong_db(dA * phi_prime(z)), dA_prev

    return answer


def _layer_case(label: str, a_prev: Any, W: Any, b: Any, dA: Any, phi_prime: Callable) -> Case:
    """A case for layer_backward, with z computed by the layer's forward pass."""
    return Case(
        label,
        {"dA": dA, "z": a_prev @ W.T + b, "a_prev": a_prev, "W": W, "phi_prime": phi_prime},
    )


_W22 = arr([1.0, -0.5], [0.5, 2.0])  # a square W: a transposed W does not crash on it

check_layer_backward = register(
    Exercise(
        topic=TOPIC,
        name="layer_backward",
        title="One layer backwards",
        task=(
            "Write `layer_backward(dA, z, a_prev, W, phi_prime)`: one layer's backward step. "
            "In the forward pass the\nlayer read `a_prev` (shape `(B, N)`), computed "
            "$z = a_{l-1} W^\\top + b$ (shape `(B, M)`, with `W` of shape `(M, N)`) and\n"
            "$a_l = \\varphi(z)$. Now `dA` (shape `(B, M)`) holds $\\partial L/\\partial a_l$ "
            "and `phi_prime` is the derivative $\\varphi'$. Return\nthe tuple "
            "`(dW, db, dA_prev)`: the gradients of the loss with respect to `W`, `b` and "
            "`a_prev`, each with the\nshape of what it belongs to. `dA` already carries the "
            "$\\frac{1}{B}$ of the mean loss."
        ),
        stub=(
            "def layer_backward(dA, z, a_prev, W, phi_prime):\n"
            '    """Gradients (dW, db, dA_prev) of one layer, from dL/da of its output."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_layer_backward,
        cases=(
            _layer_case(
                "a batch of 3 rows into a square W (2 x 2), phi = relu",
                arr([1.0, 0.5], [-1.0, 2.0], [0.5, -0.25]),
                _W22,
                arr(0.25, -0.5),
                arr([1.0, -2.0], [0.5, 0.25], [-1.5, 1.0]),
                relu_derivative,
            ),
            _layer_case(
                "a batch of one row (B = 1), 3 inputs into 2 neurons, phi = tanh",
                arr([1.0, 2.0, -1.0]),
                W23,
                B2,
                arr([0.5, -1.0]),
                tanh_derivative,
            ),
            _layer_case(
                "a batch of 4 rows, 3 inputs into 2 neurons (a W that is not square), "
                "phi = sigmoid",
                X_BATCH,
                W23,
                B2,
                arr([0.1, -0.2], [0.0, 0.5], [0.3, 0.1], [-0.4, 0.2]),
                sigmoid_derivative,
            ),
        ),
        mistakes=(
            Mistake(
                lambda dA, z, a_prev, W, phi_prime: (dA.T @ a_prev, dA.sum(axis=0), dA @ W),
                "You left out phi'(z): the loss reaches z through the activation, so "
                "delta = dA * phi'(z), element by element, and dW, db and dA_prev all come "
                "from delta.",
            ),
            Mistake(
                lambda dA, z, a_prev, W, phi_prime: (
                    *_layer_backward(dA, z, a_prev, W, phi_prime)[:2],
                    dA @ W,
                ),
                "dW and db are right, but dA_prev must also go through phi'(z): use delta, "
                "not dA, for it too.",
            ),
            Mistake(
                lambda dA, z, a_prev, W, phi_prime: (
                    *_layer_backward(dA, z, a_prev, W, phi_prime)[:2],
                    (dA * phi_prime(z)) @ W.T,
                ),
                "dA_prev is wrong: did you transpose W? W is (M, N) and dA_prev must have "
                "a_prev's shape (B, N), so delta (B, M) meets W as it is.",
            ),
            Mistake(
                lambda dA, z, a_prev, W, phi_prime: tuple(
                    g / len(dA) if k < 2 else g
                    for k, g in enumerate(_layer_backward(dA, z, a_prev, W, phi_prime))
                ),
                "You divided by the batch size. dA already carries the 1/B of the mean loss, "
                "so dW and db just add up what every example contributes.",
            ),
            Mistake(
                lambda dA, z, a_prev, W, phi_prime: tuple(
                    g / len(dA) for g in _layer_backward(dA, z, a_prev, W, phi_prime)
                ),
                "You divided all three by the batch size. dA already carries the 1/B of the "
                "mean loss: dW and db just add up what every example contributes, and "
                "dA_prev = delta W has one row per example, nothing to divide.",
            ),
            Mistake(
                _with_wrong_db(lambda delta: delta.mean(axis=0)),
                "db is the mean of delta over the batch, not its sum. dA already carries the "
                "1/B of the mean loss, so db = delta.sum(axis=0).",
            ),
            Mistake(
                _with_wrong_db(lambda delta: delta.sum(axis=1)),
                "db was summed along the wrong axis: it has one number per neuron, (M,), the "
                "sum of delta over the examples of the batch (axis 0).",
            ),
            Mistake(
                _with_wrong_db(lambda delta: delta),
                "db must be summed over the batch: b is added to every example, so its "
                "gradient adds up delta over the rows, one number per neuron.",
            ),
            Mistake(
                lambda dA, z, a_prev, W, phi_prime: (
                    (d := _layer_backward(dA, z, a_prev, W, phi_prime))[0],
                    d[2],
                ),
                "Only two things came back: did you forget db? Return dW, db, dA_prev.",
            ),
            Mistake(
                lambda dA, z, a_prev, W, phi_prime: (
                    a_prev.T @ (dA * phi_prime(z)),
                    *_layer_backward(dA, z, a_prev, W, phi_prime)[1:],
                ),
                "dW has its factors swapped: the gradient of W has W's shape, (M, N), so "
                "delta's side comes first.",
            ),
        ),
        hint="First delta = dL/dz for every example and neuron; then dW, db and dA_prev "
        "each come from delta, and each has the shape of W, b and a_prev.",
        crash_hint="Check the shapes: dA and z are (B, M), a_prev is (B, N), W is (M, N). "
        "In each product the axes that meet must have the same length; a transposed W or "
        "swapped factors break this.",
        transposed_hint="Each gradient has the shape of what it belongs to: dW like W, "
        "(M, N). Did you swap the factors?",
    )
)


def _backward_pass(
    dA: Any,
    activations: Sequence[Any],
    zs: Sequence[Any],
    weights: Sequence[Any],
    phi_prime: Callable,
) -> tuple:
    grads = []
    for k in range(len(weights) - 1, -1, -1):  # the last layer first
        dW, db, dA = _layer_backward(dA, zs[k], activations[k], weights[k], phi_prime)
        grads.append((dW, db))
    return tuple(reversed(grads))  # first layer first, like weights


def _network_case(
    label: str,
    X: Any,
    layers: Sequence[tuple[Any, Any]],
    phi: Callable,
    phi_prime: Callable,
    dA: Any,
) -> Case:
    """A case for backward_pass: the forward pass of ``layers`` on ``X``, kept."""
    activations, zs = [X], []
    for W, b in layers:
        zs.append(activations[-1] @ W.T + b)
        activations.append(phi(zs[-1]))
    return Case(
        label,
        {
            "dA": dA,
            "activations": activations,
            "zs": zs,
            "weights": [W for W, _ in layers],
            "phi_prime": phi_prime,
        },
    )


_SQUARE_NET = [
    (arr([1.0, -0.5], [0.5, 1.0]), arr(0.1, -0.1)),
    (arr([0.5, 1.0], [-1.0, 0.5]), arr(0.0, 0.2)),
    (arr([1.0, 0.25], [0.5, -1.0]), arr(-0.2, 0.1)),
]  # three 2 x 2 layers: a misplaced index or a transposed W gives an answer, not a crash


def _all_but_last(
    dA: Any, activations: Sequence, zs: Sequence, weights: Sequence, phi_prime: Callable
) -> tuple:
    # phi' taken in the last layer only: the hidden layers get delta = dA
    grads, deriv = [], phi_prime
    for k in range(len(weights) - 1, -1, -1):
        delta = dA * deriv(zs[k])
        grads.append((delta.T @ activations[k], delta.sum(axis=0)))
        dA, deriv = delta @ weights[k], np.ones_like
    return tuple(reversed(grads))


def _same_dA_everywhere(
    dA: Any, activations: Sequence, zs: Sequence, weights: Sequence, phi_prime: Callable
) -> tuple:
    # every layer gets the output's dA instead of the one handed back by the layer after it
    return tuple(
        _layer_backward(dA, zs[k], activations[k], weights[k], phi_prime)[:2]
        for k in range(len(weights))
    )


def _own_output_as_input(
    dA: Any, activations: Sequence, zs: Sequence, weights: Sequence, phi_prime: Callable
) -> tuple:
    # layer k reads activations[k + 1], its own output, instead of activations[k], its input
    grads = []
    for k in range(len(weights) - 1, -1, -1):
        dW, db, dA = _layer_backward(dA, zs[k], activations[k + 1], weights[k], phi_prime)
        grads.append((dW, db))
    return tuple(reversed(grads))


def _phi_prime_of_a(
    dA: Any, activations: Sequence, zs: Sequence, weights: Sequence, phi_prime: Callable
) -> tuple:
    # phi' of the layer's output a = phi(z) instead of its z
    grads = []
    for k in range(len(weights) - 1, -1, -1):
        delta = dA * phi_prime(activations[k + 1])
        grads.append((delta.T @ activations[k], delta.sum(axis=0)))
        dA = delta @ weights[k]
    return tuple(reversed(grads))


check_backward_pass = register(
    Exercise(
        topic=TOPIC,
        name="backward_pass",
        returns_list=True,
        title="The backward loop over the layers",
        task=(
            "Write `backward_pass(dA, activations, zs, weights, phi_prime)`: backpropagation "
            "through a whole network\nof $D$ layers, all using the activation with derivative "
            "`phi_prime`. The forward pass kept\n`activations = [a_0, a_1, ..., a_D]` "
            "(`a_0` is the input batch) and `zs = [z_1, ..., z_D]`; `weights` is\n"
            "`[W_1, ..., W_D]`, first layer first, and `dA` is $\\partial L/\\partial a_D$, "
            "the gradient at the network's output.\nIn Python, the layer with weights "
            "`weights[k]` read `activations[k]` and computed `zs[k]`. Return a list with one\n"
            "pair `(dW, db)` per layer, **first layer first**. Your `layer_backward` from "
            "Exercise 8.2 does one step."
        ),
        stub=(
            "def backward_pass(dA, activations, zs, weights, phi_prime):\n"
            '    """The gradients (dW, db) of every layer, first layer first."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_backward_pass,
        cases=(
            _network_case(
                "three square layers 2 -> 2 -> 2 -> 2, a batch of 3, phi = tanh",
                arr([1.0, -1.0], [0.5, 0.25], [-2.0, 1.0]),
                _SQUARE_NET,
                tanh,
                tanh_derivative,
                arr([0.5, -0.5], [1.0, 0.0], [-0.25, 0.75]),
            ),
            _network_case(
                "a batch of one row through layers 3 -> 4 -> 2, phi = tanh",
                arr([1.0, 2.0, -1.0]),
                NET_3_4_2,
                tanh,
                tanh_derivative,
                arr([0.5, -1.0]),
            ),
            _network_case(
                "a batch of 4 rows through 3 -> 4 -> 2, phi = sigmoid",
                X_BATCH,
                NET_3_4_2,
                sigmoid,
                sigmoid_derivative,
                arr([0.1, -0.2], [0.0, 0.5], [0.3, 0.1], [-0.4, 0.2]),
            ),
            _network_case(
                "a network of a single layer, 3 -> 2, a batch of 2, phi = relu",
                arr([2.0, -1.0, 0.5], [1.0, 1.0, 1.0]),
                [(W23, B2)],
                relu,
                relu_derivative,
                arr([1.0, -0.5], [0.25, 2.0]),
            ),
        ),
        mistakes=(
            Mistake(
                lambda dA, activations, zs, weights, phi_prime: tuple(
                    reversed(_backward_pass(dA, activations, zs, weights, phi_prime))
                ),
                "The pairs are right but in the wrong order: the loop walks from the last "
                "layer to the first, and the answer lists them first layer first, like "
                "weights (reverse your list at the end, or fill it in by index).",
            ),
            Mistake(
                _all_but_last,
                "Only the last layer is right: every layer has an activation, so every "
                "layer multiplies by phi'(its own z), the hidden layers too.",
            ),
            Mistake(
                _same_dA_everywhere,
                "Every layer used the gradient at the network's output. Each layer must hand "
                "its dA_prev back to the layer before it: that is the chain rule, layer by "
                "layer.",
            ),
            Mistake(
                _phi_prime_of_a,
                "phi' was taken of the layer's output a, activations[k + 1]. phi_prime takes "
                "z: use zs[k].",
            ),
            Mistake(
                _own_output_as_input,
                "Layer k (counting from 0) read activations[k + 1], its own output. Its "
                "input, which dW multiplies, is activations[k]; its z is zs[k] (zs has no "
                "entry for the input).",
            ),
            Mistake(
                lambda dA, activations, zs, weights, phi_prime: tuple(
                    g[0] for g in _backward_pass(dA, activations, zs, weights, phi_prime)
                ),
                "These are the dW's alone: return a pair (dW, db) for every layer.",
            ),
        ),
        hint="Start from dA at the output; for each layer from the last to the first, one "
        "layer_backward step gives that layer's dW and db and the dA for the layer before.",
        crash_hint="Layer k (counting from 0) read activations[k], computed zs[k] with "
        "weights[k], and hands its dA_prev to layer k - 1. Walk k from the last layer down "
        "to 0.",
    )
)
