"""A fully connected network: layers in series, each one's output the next one's input.

Examples
--------
>>> net = Network.from_sizes([4, 3, 2], activation="relu", seed=0)
>>> net.sizes
[4, 3, 2]
>>> net([1.0, 0.0, -1.0, 0.5]).shape
(2,)
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from nnbook import backend
from nnbook.activations import Activation, get_activation
from nnbook.arrays import (
    Array,
    check_scalar,
    check_sizes_chain,
    check_width,
    enter,
    namespace,
)
from nnbook.bias import append_ones
from nnbook.layer import FoldedLayer, Layer
from nnbook.saving import LayerRecord, PathLike, load_layers, save_layers

__all__ = ["FoldedNetwork", "Network"]


class Network:
    """Layers connected in series: input layer -> hidden layers -> output layer.

    Parameters
    ----------
    layers : sequence of Layer
        Layer k+1 must read as many inputs as layer k has neurons.

    Examples
    --------
    >>> l1 = Layer([[1.0, 1.0]], [0.0], "relu")
    >>> l2 = Layer([[2.0]], [1.0], "identity")
    >>> Network([l1, l2])([1.0, 2.0])
    array([7.])
    """

    def __init__(self, layers: Sequence[Layer]) -> None:
        layers = list(layers)
        if not layers or not all(isinstance(layer, Layer) for layer in layers):
            raise TypeError("Network needs a non-empty list of Layer objects")
        check_sizes_chain([la.n_inputs for la in layers], [la.n_outputs for la in layers])
        self.layers = layers

    @classmethod
    def from_sizes(
        cls,
        sizes: Sequence[int],
        activation: str | Activation = "relu",
        output_activation: str | Activation | None = None,
        *,
        seed: int | None = 0,
        alpha: float | None = None,
    ) -> Network:
        """A network with random weights, the same every time for the same ``seed``.

        Weights are drawn from a normal distribution scaled by the number of inputs
        (He scaling ``sqrt(2 / N)`` for the ReLU family, ``sqrt(1 / N)`` otherwise) so
        that signals neither explode nor fade layer after layer; biases start at 0.

        Parameters
        ----------
        sizes : sequence of int
            Neurons per layer, input layer first: ``[784, 256, 10]`` is one hidden layer.
        activation : str or Activation
            For the hidden layers.
        output_activation : str or Activation, optional
            For the last layer; defaults to ``activation``.
        seed : int or None
            Seed for NumPy's random generator (None gives fresh randomness).

        Examples
        --------
        >>> a = Network.from_sizes([3, 5, 2], seed=1)
        >>> b = Network.from_sizes([3, 5, 2], seed=1)
        >>> bool((a.layers[0].weights == b.layers[0].weights).all())
        True
        """
        sizes = list(sizes)
        if len(sizes) < 2 or not all(
            isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s > 0 for s in sizes
        ):
            raise ValueError(
                f"sizes must list at least two positive integers (input, ..., output); got {sizes}"
            )
        hidden = get_activation(activation, alpha)
        last = hidden if output_activation is None else get_activation(output_activation)
        if seed is not None:
            seed = check_scalar(seed, "seed (or None for fresh randomness)", int, low=0)
        rng = np.random.default_rng(seed)
        xp = backend.xp()
        layers = []
        for k, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
            phi = last if k == len(sizes) - 2 else hidden
            gain = 2.0 if phi.name in ("relu", "leaky_relu") else 1.0
            W = rng.normal(0.0, np.sqrt(gain / n_in), size=(n_out, n_in))
            layers.append(Layer(xp.asarray(W), xp.zeros(n_out, dtype=xp.float64), phi))
        return cls(layers)

    @property
    def sizes(self) -> list[int]:
        """Neurons per layer, the input layer first."""
        return [self.layers[0].n_inputs] + [layer.n_outputs for layer in self.layers]

    def forward(self, x: Array, return_activations: bool = False) -> Array | list[Array]:
        """Run ``x`` through every layer: ``a_l = phi(a_{l-1} @ W_l.T + b_l)``.

        With ``return_activations=True`` the answer is the list ``[a_0, a_1, ..., a_L]``
        (``a_0`` is the input itself), handy for plotting what each layer does. As in
        :meth:`Layer.__call__`, values are not checked: a NaN in an input row gives NaN
        in that row's outputs, and only in that row.

        Examples
        --------
        >>> net = Network.from_sizes([2, 3, 1], seed=0)
        >>> [a.shape for a in net.forward([[1.0, 2.0]], return_activations=True)]
        [(1, 2), (1, 3), (1, 1)]
        """
        a, give_back = self.layers[0].enter(x)  # to the weights' device once, and back at the end
        activations = [a]
        for layer in self.layers:
            a = layer(a)
            activations.append(a)
        if return_activations:
            return [give_back(a) for a in activations]
        return give_back(a)

    __call__ = forward

    def fold(self) -> FoldedNetwork:
        """The same network with every bias folded into its weight matrix."""
        return FoldedNetwork([layer.fold() for layer in self.layers])

    def __repr__(self) -> str:
        acts = ", ".join(str(layer.activation) for layer in self.layers)
        return f"Network(sizes={self.sizes}, activations=[{acts}])"

    # Keeping a network: the file format and every check live in nnbook.saving.

    def save(self, path: PathLike) -> None:
        """Save the network to one ``.npz`` file: every layer's weights, bias and activation.

        The file is NumPy's own format, holding plain arrays (listed in :mod:`nnbook.saving`),
        and loading it never runs code. Its name must end in ``.npz`` and its folder must
        exist. The write is atomic: if it fails or is interrupted, a file already at ``path``
        stays as it was.

        Examples
        --------
        >>> import os, tempfile
        >>> net = Network.from_sizes([4, 3, 2], "tanh", output_activation="identity", seed=0)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     net.save(os.path.join(folder, "net.npz"))
        ...     again = Network.load(os.path.join(folder, "net.npz"))
        >>> again
        Network(sizes=[4, 3, 2], activations=[tanh, identity])
        >>> bool((again([1.0, 2.0, 3.0, 4.0]) == net([1.0, 2.0, 3.0, 4.0])).all())
        True
        """
        save_layers(path, [LayerRecord(la.weights, la.bias, la.activation) for la in self.layers])

    @classmethod
    def load(cls, path: PathLike) -> Network:
        """The network saved in ``path`` by :meth:`save`, bit for bit, on the current device.

        Everything in the file is checked before any layer is built; a file that is not
        nnbook's, comes from a newer nnbook, or is damaged raises
        :class:`nnbook.saving.NetworkFileError` saying what is wrong.
        """
        return cls([Layer(*record) for record in load_layers(path)])


class FoldedNetwork:
    """A network of folded layers: a 1 is appended to the input and to every hidden activation.

    Examples
    --------
    >>> net = Network.from_sizes([3, 4, 2], seed=0)
    >>> import numpy as np
    >>> x = np.array([0.5, -1.0, 2.0])
    >>> bool(np.allclose(net.fold()(x), net(x)))
    True
    """

    def __init__(self, layers: Sequence[FoldedLayer]) -> None:
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
        a, give_back = enter(x, namespace(first.weights), "network input")
        check_width(a, first.n_inputs, "this folded network")
        activations = [a]
        for layer in self.layers:
            a = layer.forward_augmented(append_ones(a))
            activations.append(a)
        if return_activations:
            return [give_back(a) for a in activations]
        return give_back(a)

    __call__ = forward

    def unfold(self) -> Network:
        """Back to an ordinary :class:`Network`."""
        return Network([layer.unfold() for layer in self.layers])
