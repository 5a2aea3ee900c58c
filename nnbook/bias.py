"""Folding the bias into the weights: append a 1 to the input, and b as a column of W.

Because ``[a, 1] @ [W, b].T = a @ W.T + b``, a layer needs only one matrix. The code
gets shorter; keeping ``b`` apart is clearer to learn from. Both compute the same
numbers (up to floating-point rounding in the last digit).

Examples
--------
>>> import numpy as np
>>> W, b = np.array([[1.0, 2.0]]), np.array([3.0])
>>> fold_bias(W, b)
array([[1., 2., 3.]])
>>> append_ones(np.array([5.0, 6.0]))
array([5., 6., 1.])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nnbook.activations import Activation, get_activation
from nnbook.arrays import as_float_array, is_array, namespace, require_finite
from nnbook.layer import Layer
from nnbook.neuron import check_width

Array = Any


def append_ones(a: Array) -> Array:
    """Add a constant 1 as the last input: (N,) -> (N+1,), or (B, N) -> (B, N+1).

    Examples
    --------
    >>> import numpy as np
    >>> append_ones(np.zeros((2, 1)))
    array([[0., 1.],
           [0., 1.]])
    """
    xp = namespace(a)
    ones = xp.ones((*a.shape[:-1], 1), dtype=a.dtype)
    return xp.concat([a, ones], axis=-1)


def fold_bias(weights: Array, bias: Array) -> Array:
    """Append the bias as a last column: W (M, N) and b (M,) -> W' (M, N+1).

    For a single neuron, w (N,) and a number b give w' (N+1,).

    Examples
    --------
    >>> import numpy as np
    >>> fold_bias(np.array([0.5, -1.0]), 2.0)
    array([ 0.5, -1. ,  2. ])
    """
    xp = namespace(weights) if is_array(weights) else namespace(as_float_array(weights, "w", _np()))
    W = as_float_array(weights, "weights", xp, ndims=(1, 2))
    b = as_float_array(bias, "bias", xp, ndims=(0, 1), dtype=W.dtype)
    expected = () if W.ndim == 1 else (W.shape[0],)
    if tuple(b.shape) != expected:
        raise ValueError(
            f"bias must have shape {expected} to fold into weights of shape {tuple(W.shape)}; "
            f"got {tuple(b.shape)}"
        )
    if W.ndim == 1:
        return xp.concat([W, xp.reshape(b, (1,))])
    return xp.concat([W, xp.reshape(b, (-1, 1))], axis=1)


def unfold_bias(folded: Array) -> tuple[Array, Array]:
    """Split W' back into (W, b): the last column is the bias.

    Examples
    --------
    >>> import numpy as np
    >>> unfold_bias(np.array([[1.0, 2.0, 3.0]]))
    (array([[1., 2.]]), array([3.]))
    """
    if folded.shape[-1] < 2:
        raise ValueError(f"folded weights need at least 2 columns; got shape {tuple(folded.shape)}")
    return folded[..., :-1], folded[..., -1]


def _np() -> Any:
    import array_api_compat.numpy

    return array_api_compat.numpy


class FoldedLayer:
    """A layer whose bias lives in the last column of its weight matrix.

    ``FoldedLayer(W_folded, phi)(a) == phi(append_ones(a) @ W_folded.T)``.

    Examples
    --------
    >>> import numpy as np
    >>> folded = Layer(np.eye(2), np.array([1.0, -1.0]), "identity").fold()
    >>> folded(np.array([0.0, 0.0]))
    array([ 1., -1.])
    """

    def __init__(
        self,
        folded_weights: Array,
        activation: str | Activation = "sigmoid",
        *,
        alpha: float | None = None,
    ) -> None:
        xp = namespace(folded_weights) if is_array(folded_weights) else _np()
        self.weights = as_float_array(folded_weights, "folded weights", xp, ndims=(2,))
        require_finite(self.weights, "folded weights")
        self.activation = get_activation(activation, alpha)
        self._xp = xp

    @property
    def n_inputs(self) -> int:
        """N, the inputs the layer reads (the folded matrix has N + 1 columns)."""
        return int(self.weights.shape[1]) - 1

    @property
    def n_outputs(self) -> int:
        """M, the number of neurons."""
        return int(self.weights.shape[0])

    def forward_augmented(self, a_with_one: Array) -> Array:
        """``phi(a' @ W'.T)`` for an input that already ends in a 1."""
        return self.activation(a_with_one @ self.weights.T)

    def __call__(self, a: Array) -> Array:
        """Append the 1, then one matrix product and phi."""
        a = as_float_array(a, "layer input", self._xp)
        check_width(a, self.n_inputs, "this folded layer")
        return self.forward_augmented(append_ones(a))

    def unfold(self) -> Layer:
        """Back to an ordinary :class:`Layer` with a separate bias vector."""
        W, b = unfold_bias(self.weights)
        return Layer(W, b, self.activation)

    def __repr__(self) -> str:
        sizes = f"inputs={self.n_inputs}, outputs={self.n_outputs}"
        return f"FoldedLayer({sizes}, activation={self.activation})"


class FoldedNetwork:
    """A network of folded layers: a 1 is appended to the input and to every hidden activation.

    Examples
    --------
    >>> from nnbook.network import Network
    >>> net = Network.from_sizes([3, 4, 2], seed=0)
    >>> import numpy as np
    >>> x = np.array([0.5, -1.0, 2.0])
    >>> bool(np.allclose(net.fold()(x), net(x)))
    True
    """

    def __init__(self, layers: Sequence[FoldedLayer]) -> None:
        from nnbook.network import check_sizes_chain

        layers = list(layers)
        if not layers or not all(isinstance(layer, FoldedLayer) for layer in layers):
            raise TypeError("FoldedNetwork needs a non-empty list of FoldedLayer objects")
        check_sizes_chain([la.n_inputs for la in layers], [la.n_outputs for la in layers])
        self.layers = layers

    def forward(self, x: Array, return_activations: bool = False) -> Array | list[Array]:
        """Each layer is one product ``a'_{l-1} @ W'_l.T``; a 1 is appended between layers.

        With ``return_activations=True``, returns ``[a_0, ..., a_L]`` without the appended 1s.
        """
        first = self.layers[0]
        a = as_float_array(x, "network input", first._xp)
        check_width(a, first.n_inputs, "this folded network")
        activations = [a]
        for layer in self.layers:
            a = layer.forward_augmented(append_ones(a))
            activations.append(a)
        return activations if return_activations else a

    __call__ = forward

    def unfold(self) -> Any:
        """Back to an ordinary :class:`~nnbook.network.Network`."""
        from nnbook.network import Network

        return Network([layer.unfold() for layer in self.layers])
