"""One neuron: weights, a bias and an activation, computing ``phi(X · W + b)``.

Answers come back as the kind of array you pass in (NumPy in, NumPy out), wherever
the weights live; see :func:`nnbook.arrays.enter`.

Examples
--------
>>> n = Neuron([0.5, -1.0], bias=0.25, activation="identity")
>>> float(n([2.0, 1.0]))  # 2*0.5 + 1*(-1) + 0.25
0.25
"""

from __future__ import annotations

from collections.abc import Callable

from nnbook.activations import Activation, get_activation
from nnbook.arrays import (
    Array,
    as_float_array,
    check_width,
    enter,
    input_namespace,
    namespace,
    require_finite,
)

__all__ = ["Neuron"]


class Neuron:
    """A single neuron with ``n`` inputs.

    Parameters
    ----------
    weights : array-like of shape (n,)
        One weight per input.
    bias : float
        Shifts the weighted sum before the activation: a higher bias makes the neuron
        more eager to fire.
    activation : str or Activation
        ``"sigmoid"`` (default), ``"tanh"``, ``"relu"``, ``"leaky_relu"`` or ``"identity"``.
    alpha : float, optional
        Leaky ReLU's negative slope.

    Examples
    --------
    >>> n = Neuron([1.0, 1.0], bias=-1.5, activation="relu")
    >>> n([[1.0, 1.0], [1.0, 0.0]])  # a batch: one row per example
    array([0.5, 0. ])
    """

    def __init__(
        self,
        weights: Array,
        bias: float = 0.0,
        activation: str | Activation = "sigmoid",
        *,
        alpha: float | None = None,
    ) -> None:
        xp = input_namespace(weights)
        self.weights = as_float_array(weights, "neuron weights", xp, ndims=(1,))
        self.bias = as_float_array(bias, "neuron bias", xp, ndims=(0,), dtype=self.weights.dtype)
        require_finite(self.weights, "neuron weights")
        require_finite(self.bias, "neuron bias")
        self.activation = get_activation(activation, alpha)

    @property
    def n_inputs(self) -> int:
        """How many inputs the neuron reads."""
        return int(self.weights.shape[0])

    def weighted_sum(self, x: Array) -> Array:
        """``z = X · W + b``, before the activation; a number, or one per row of a batch."""
        x, give_back = self._enter(x)
        return give_back(x @ self.weights + self.bias)

    def __call__(self, x: Array) -> Array:
        """The activation ``a = phi(X · W + b)`` for one input vector or a batch of rows."""
        x, give_back = self._enter(x)
        return give_back(self.activation(x @ self.weights + self.bias))

    def _enter(self, x: Array) -> tuple[Array, Callable[[Array], Array]]:
        x, give_back = enter(x, namespace(self.weights), "input")
        check_width(x, self.n_inputs, "this neuron")
        return x, give_back

    def __repr__(self) -> str:
        return f"Neuron(n_inputs={self.n_inputs}, activation={self.activation})"
