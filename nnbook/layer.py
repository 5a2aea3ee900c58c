"""A fully connected layer: M neurons reading the same N inputs, as one matrix product.

Row-vector convention (PyTorch's): with the layer's input ``a`` as a row (or a batch
of rows), the output is ``phi(a @ W.T + b)``, where ``W`` has shape (M, N) =
(outputs, inputs) and ``W[i, j]`` is the weight from input neuron j to output neuron i.

Examples
--------
>>> layer = Layer([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]], [0.0, 0.0, -1.0], "identity")
>>> layer([3.0, 4.0])
array([3., 8., 6.])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
from nnbook.bias import append_ones, fold_bias, unfold_bias
from nnbook.neuron import Neuron
from nnbook.saving import LayerRecord, PathLike, load_layer, save_layers

__all__ = ["FoldedLayer", "Layer"]


class Layer:
    """A fully connected layer with weight matrix ``W`` (M, N) and bias vector ``b`` (M,).

    Parameters
    ----------
    weights : array-like of shape (M, N)
        Row i holds the weights of neuron i; column j belongs to input j.
    bias : array-like of shape (M,)
        One bias per output neuron. A column of shape (M, 1) is refused: it would
        broadcast into an (M, M) answer without complaint.
    activation : str or Activation
        Applied to every output (default ``"sigmoid"``).
    alpha : float, optional
        Leaky ReLU's negative slope.

    Examples
    --------
    >>> layer = Layer([[1.0, -1.0]], [0.5], "relu")
    >>> layer([[2.0, 1.0], [0.0, 3.0]])  # a batch of two rows in, two rows out
    array([[1.5],
           [0. ]])
    """

    def __init__(
        self,
        weights: Array,
        bias: Array,
        activation: str | Activation = "sigmoid",
        *,
        alpha: float | None = None,
    ) -> None:
        xp = input_namespace(weights)
        W = as_float_array(weights, "weights", xp, ndims=(2,))
        b = as_float_array(bias, "bias", xp, ndims=(0, 1, 2), dtype=W.dtype)
        if b.ndim != 1 or b.shape[0] != W.shape[0]:
            raise ValueError(
                f"bias must be 1-D of shape ({W.shape[0]},), one number per output neuron "
                f"(weights have shape {tuple(W.shape)}); got shape {tuple(b.shape)}"
            )
        require_finite(W, "weights")
        require_finite(b, "bias")
        self.weights = W
        self.bias = b
        self.activation = get_activation(activation, alpha)

    @property
    def n_inputs(self) -> int:
        """N, the number of inputs (columns of W)."""
        return int(self.weights.shape[1])

    @property
    def n_outputs(self) -> int:
        """M, the number of neurons (rows of W)."""
        return int(self.weights.shape[0])

    @property
    def shape(self) -> tuple[int, int]:
        """(M, N) = (outputs, inputs), the shape of W."""
        return (self.n_outputs, self.n_inputs)

    def enter(self, a: Array) -> tuple[Array, Callable[[Array], Array]]:
        """Check an input and bring it to the weights' device: ``(a, give_back)``.

        ``give_back`` turns a result into the caller's kind of array (NumPy in, NumPy
        out). An array of the weights' own type and dtype passes straight through, with
        no conversion and no message built unless something is wrong: the fast path
        that keeps a network's data on the GPU from layer to layer.
        """
        W = self.weights
        if type(a) is type(W) and a.dtype == W.dtype and a.ndim in (1, 2):
            give_back = _unchanged
        else:
            a, give_back = enter(a, namespace(W), "layer input")
        if a.shape[-1] != W.shape[1]:
            check_width(a, self.n_inputs, f"this layer (weights of shape {self.shape})")
        return a, give_back

    def pre_activation(self, a: Array) -> Array:
        """``z = a @ W.T + b``: each neuron's weighted sum, before phi."""
        a, give_back = self.enter(a)
        return give_back(self._pre_activation(a))

    def _pre_activation(self, a: Array) -> Array:
        z = a @ self.weights.T
        z += self.bias  # in place: one temporary array fewer than ``... + self.bias``
        return z

    def __call__(self, a: Array) -> Array:
        """``phi(a @ W.T + b)`` for a row vector (N,) or a batch of rows (B, N).

        Values are not checked here (that would cost every call a pass over the data): a
        NaN or infinity in an input row makes that row's outputs NaN or infinite and
        leaves the other rows alone. :func:`nnbook.training.predict`, ``accuracy`` and
        ``evaluate`` refuse such input, and ``fit`` refuses it before training.

        Examples
        --------
        >>> import numpy as np
        >>> layer = Layer([[1.0, 1.0]], [0.0], "identity")
        >>> layer(np.array([[1.0, 2.0], [np.nan, 0.0]]))  # the NaN stays in its row
        array([[ 3.],
               [nan]])
        """
        a, give_back = self.enter(a)
        return give_back(self.activation(self._pre_activation(a)))

    forward = __call__

    @classmethod
    def from_neurons(cls, neurons: Sequence[Neuron]) -> Layer:
        """Stack neurons with the same inputs and activation into one layer (row i = neuron i).

        Examples
        --------
        >>> n1 = Neuron([1.0, 2.0], 0.5, "tanh")
        >>> n2 = Neuron([0.0, -1.0], 0.0, "tanh")
        >>> Layer.from_neurons([n1, n2]).shape
        (2, 2)
        """
        neurons = list(neurons)
        if not neurons or not all(isinstance(n, Neuron) for n in neurons):
            raise TypeError("from_neurons needs a non-empty list of Neuron objects")
        widths = {n.n_inputs for n in neurons}
        if len(widths) != 1:
            raise ValueError(
                f"all neurons of a layer must read the same inputs; got widths {widths}"
            )
        kinds = {n.activation for n in neurons}
        if len(kinds) != 1:
            names = sorted(str(k) for k in kinds)
            raise ValueError(f"all neurons of a layer must share one activation; got {names}")
        xp = namespace(neurons[0].weights)
        W = xp.stack([n.weights for n in neurons])
        b = xp.stack([n.bias for n in neurons])
        return cls(W, b, neurons[0].activation)

    def neurons(self) -> list[Neuron]:
        """The layer taken apart: one :class:`Neuron` per row of W."""
        return [
            Neuron(self.weights[i, :], self.bias[i], self.activation) for i in range(self.n_outputs)
        ]

    def fold(self) -> FoldedLayer:
        """The same layer with its bias folded into W as an extra column (see nnbook.bias)."""
        return FoldedLayer(fold_bias(self.weights, self.bias), self.activation)

    def __repr__(self) -> str:
        return (
            f"Layer(inputs={self.n_inputs}, outputs={self.n_outputs}, activation={self.activation})"
        )

    # Keeping a layer: the file format and every check live in nnbook.saving.

    def save(self, path: PathLike) -> None:
        """Save this layer (weights, bias, activation) to one ``.npz`` file, atomically.

        The same file format as :meth:`Network.save <nnbook.network.Network.save>`, with one
        layer; see :mod:`nnbook.saving`.

        Examples
        --------
        >>> import os, tempfile
        >>> layer = Layer([[1.0, -1.0]], [0.5], "leaky_relu", alpha=0.1)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     layer.save(os.path.join(folder, "layer.npz"))
        ...     again = Layer.load(os.path.join(folder, "layer.npz"))
        >>> again, again([0.0, 2.0])
        (Layer(inputs=2, outputs=1, activation=leaky_relu(alpha=0.1)), array([-0.15]))
        """
        save_layers(path, [LayerRecord(self.weights, self.bias, self.activation)])

    @classmethod
    def load(cls, path: PathLike) -> Layer:
        """The layer saved in ``path`` by :meth:`save`, bit for bit, on the current device."""
        return cls(*load_layer(path))


def _unchanged(result: Array) -> Array:
    return result


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
        xp = input_namespace(folded_weights)
        self.weights = as_float_array(folded_weights, "folded weights", xp, ndims=(2,))
        require_finite(self.weights, "folded weights")
        self.activation = get_activation(activation, alpha)

    @property
    def n_inputs(self) -> int:
        """N, the inputs the layer reads (the folded matrix has N + 1 columns)."""
        return int(self.weights.shape[1]) - 1

    @property
    def n_outputs(self) -> int:
        """M, the number of neurons."""
        return int(self.weights.shape[0])

    def forward_augmented(self, a_with_one: Array) -> Array:
        """``phi(a' @ W'.T)`` for an input that already ends in a 1 (on the weights' device)."""
        return self.activation(a_with_one @ self.weights.T)

    def enter(self, a: Array) -> tuple[Array, Callable[[Array], Array]]:
        """Check an input and bring it to the weights' device: ``(a, give_back)``."""
        a, give_back = enter(a, namespace(self.weights), "layer input")
        check_width(a, self.n_inputs, "this folded layer")
        return a, give_back

    def __call__(self, a: Array) -> Array:
        """Append the 1, then one matrix product and phi."""
        a, give_back = self.enter(a)
        return give_back(self.forward_augmented(append_ones(a)))

    def unfold(self) -> Layer:
        """Back to an ordinary :class:`Layer` with a separate bias vector."""
        W, b = unfold_bias(self.weights)
        return Layer(W, b, self.activation)

    def __repr__(self) -> str:
        sizes = f"inputs={self.n_inputs}, outputs={self.n_outputs}"
        return f"FoldedLayer({sizes}, activation={self.activation})"
