"""Backpropagation: the gradient of the loss with respect to every weight and bias.

For one layer ``z = a_prev @ W.T + b`` and ``a = phi(z)``, with a batch of B rows, N
inputs and M neurons, backpropagation turns ``dL/da`` (how the loss L changes with the
layer's output) into every other gradient:

====================  ==============================  ===============
gradient              formula                         shape
====================  ==============================  ===============
``delta = dL/dz``     ``dL/da * phi'(z)``             (B, M)
``dL/dW``             ``delta.T @ a_prev``            (M, N), like W
``dL/db``             ``sum(delta, axis=0)``          (M,), like b
``dL/da_prev``        ``delta @ W``                   (B, N)
====================  ==============================  ===============

and ``dL/da_prev`` is exactly what the layer before needs: the chain rule, layer by
layer, from the loss back to the input (:func:`network_backward`). The slow but
obviously right check is :func:`numerical_gradient`, central finite differences.

Examples
--------
>>> import numpy as np
>>> from nnbook import Layer, Network
>>> net = Network([Layer([[2.0]], [0.0], "identity")])
>>> value, grads = network_backward(net, np.array([[3.0]]), np.array([[1.0]]), loss="mse")
>>> value, grads[0].weights  # L = (2*3 - 1)^2 = 25, dL/dW = 2 (6 - 1) * 3 = 30
(25.0, array([[30.]]))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnbook.arrays import (
    Array,
    as_float_array,
    check_labels,
    check_scalar,
    check_width,
    enter,
    is_array,
    namespace,
)
from nnbook.backend import to_numpy
from nnbook.layer import Layer
from nnbook.losses import LOSSES, check_loss, one_hot
from nnbook.network import Network

__all__ = [
    "LayerGradients",
    "forward_backward",
    "forward_pass",
    "layer_backward",
    "network_backward",
    "numerical_gradient",
]


@dataclass
class LayerGradients:
    """The gradients of one layer, as returned by :func:`layer_backward`.

    Attributes
    ----------
    weights : array (M, N)
        ``dL/dW``, the same shape as the layer's weight matrix.
    bias : array (M,)
        ``dL/db``.
    delta : array (B, M)
        ``dL/dz``, the error signal of each neuron for each example.
    input : array (B, N) or None
        ``dL/da_prev``, handed to the layer before (None when not asked for).
    """

    weights: Array
    bias: Array
    delta: Array = field(repr=False)
    input: Array | None = field(repr=False, default=None)


def layer_backward(
    layer: Layer,
    a_prev: Array,
    grad_output: Array,
    z: Array | None = None,
    *,
    input_gradient: bool = True,
) -> LayerGradients:
    """Backpropagate through one layer: from ``dL/da`` to ``dL/dW``, ``dL/db`` and ``dL/da_prev``.

    Parameters
    ----------
    layer : Layer
        The layer with weights W (M, N), bias b (M,) and activation phi.
    a_prev : array (B, N) or (N,)
        The layer's input in the forward pass.
    grad_output : array, same shape as the layer's output
        ``dL/da``, how the loss changes with each output of the layer.
    z : array, optional
        The pre-activation ``a_prev @ W.T + b`` from the forward pass (recomputed if omitted).
    input_gradient : bool
        Also compute ``dL/da_prev`` (the first layer of a network does not need it).

    Returns
    -------
    LayerGradients

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import Layer
    >>> layer = Layer([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0]], [0.0, 0.0], "identity")
    >>> g = layer_backward(layer, np.array([[1.0, 1.0, 2.0]]), np.array([[1.0, -1.0]]))
    >>> g.weights  # delta.T @ a_prev: shape (2, 3), like W
    array([[ 1.,  1.,  2.],
           [-1., -1., -2.]])
    >>> g.bias, g.input
    (array([ 1., -1.]), array([[1., 1., 3.]]))
    """
    W = layer.weights
    xp = namespace(W)
    single = False
    give_back = _unchanged
    if type(a_prev) is not type(W) or a_prev.ndim not in (1, 2):
        a_prev, give_back = enter(a_prev, xp, "layer input", dtype=W.dtype)
    if a_prev.ndim == 1:
        single, a_prev = True, a_prev[None, :]
    check_width(a_prev, int(W.shape[1]), f"this layer (weights of shape {tuple(W.shape)})")
    batch = int(a_prev.shape[0])
    if type(grad_output) is not type(W):
        grad_output = as_float_array(grad_output, "grad_output", xp, dtype=W.dtype)
    if grad_output.ndim == 1:
        grad_output = grad_output[None, :]
    if tuple(grad_output.shape) != (batch, int(W.shape[0])):
        raise ValueError(
            f"grad_output must have the shape of the layer's output, ({batch}, {W.shape[0]}); "
            f"got {tuple(grad_output.shape)}"
        )
    if z is None:
        z = layer.pre_activation(a_prev)
    elif type(z) is not type(W):
        z = as_float_array(z, "z", xp, dtype=W.dtype)
    if z.ndim == 1:
        z = z[None, :]

    if layer.activation.name == "identity":
        delta = grad_output  # phi'(z) = 1
    else:
        delta = grad_output * layer.activation.derivative(z)  # dL/dz, (B, M)
    grad_W = delta.T @ a_prev  # (M, B) @ (B, N) -> (M, N)
    grad_b = xp.sum(delta, axis=0)  # (M,)
    grad_in = None
    if input_gradient:
        grad_in = delta @ W  # (B, M) @ (M, N) -> (B, N)
        if single:
            grad_in = grad_in[0, :]
    if single:
        delta = delta[0, :]
    if give_back is _unchanged:
        return LayerGradients(grad_W, grad_b, delta, grad_in)
    return LayerGradients(
        give_back(grad_W),
        give_back(grad_b),
        give_back(delta),
        None if grad_in is None else give_back(grad_in),
    )


def _unchanged(result: Array) -> Array:
    return result


def forward_pass(network: Network, X: Array) -> tuple[list[Array], list[Array]]:
    """Run ``X`` through the network, keeping what backpropagation needs.

    Returns ``(activations, pre_activations)``: ``[a_0 = X, a_1, ..., a_L]`` and
    ``[z_1, ..., z_L]``.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import Network
    >>> net = Network.from_sizes([3, 4, 2], seed=0)
    >>> acts, zs = forward_pass(net, np.ones((5, 3)))
    >>> [a.shape for a in acts], [z.shape for z in zs]
    ([(5, 3), (5, 4), (5, 2)], [(5, 4), (5, 2)])
    """
    first = network.layers[0].weights
    a, give_back = X, _unchanged
    if type(a) is not type(first) or a.ndim != 2:
        a, give_back = enter(X, namespace(first), "X", ndims=(2,), dtype=first.dtype)
    check_width(a, network.sizes[0], f"this network (sizes {network.sizes})")
    activations, pre_activations = [a], []
    for layer in network.layers:
        z = layer.pre_activation(a)
        a = layer.activation(z)
        pre_activations.append(z)
        activations.append(a)
    if give_back is _unchanged:
        return activations, pre_activations
    return [give_back(a) for a in activations], [give_back(z) for z in pre_activations]


def network_backward(
    network: Network, X: Array, y: Array, loss: str = "cross_entropy"
) -> tuple[float, list[LayerGradients]]:
    """The loss on ``(X, y)`` and its gradient with respect to every W and b of the network.

    Parameters
    ----------
    network : Network
        For ``cross_entropy`` its last layer should output raw scores (activation
        ``"identity"``); softmax is part of the loss.
    X : array (B, N)
        A batch of inputs.
    y : array
        Class labels (B,) for ``"cross_entropy"``; targets shaped like the output for ``"mse"``.
    loss : {"cross_entropy", "mse"}

    Returns
    -------
    (float, list of LayerGradients)
        The loss, and one :class:`LayerGradients` per layer, first layer first.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import Network
    >>> net = Network.from_sizes([4, 3, 2], output_activation="identity", seed=0)
    >>> value, grads = network_backward(net, np.ones((5, 4)), np.array([0, 1, 1, 0, 1]))
    >>> [g.weights.shape for g in grads] == [layer.weights.shape for layer in net.layers]
    True
    """
    loss = check_loss(loss)
    xp = namespace(network.layers[0].weights)
    dtype = network.layers[0].weights.dtype
    X, give_back = enter(X, xp, "X", ndims=(2,), dtype=dtype)
    check_width(X, network.sizes[0], f"this network (sizes {network.sizes})")
    n_out = network.sizes[-1]
    if loss == "cross_entropy":
        target = one_hot(check_labels(y, n_out, int(X.shape[0])), n_out, xp, dtype)
    else:
        target = as_float_array(y, "targets", xp, ndims=(2,), dtype=dtype)
        if tuple(target.shape) != (X.shape[0], n_out):
            raise ValueError(
                f"mse targets must have the network's output shape ({X.shape[0]}, {n_out}); "
                f"got {tuple(target.shape)}"
            )
    value, _, grads = forward_backward(network, X, target, loss)
    if give_back is not _unchanged:
        grads = [
            LayerGradients(give_back(g.weights), give_back(g.bias), give_back(g.delta))
            for g in grads
        ]
    return float(value), grads


def forward_backward(
    network: Network, X: Array, target: Array, loss: str
) -> tuple[Array, Array, list[LayerGradients]]:
    """Forward, loss, backward on checked data: ``(loss as a 0-D array, output, gradients)``.

    The fast path under :func:`network_backward` and the training loop: ``X`` must
    already be a float array of the network's namespace and dtype, ``target`` shaped
    like the output (one-hot rows for cross-entropy) and ``loss`` a name in
    :data:`nnbook.losses.LOSSES`. Nothing is checked here.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import Layer, Network
    >>> net = Network([Layer([[1.0, -1.0]], [0.0], "identity")])
    >>> value, out, grads = forward_backward(net, np.array([[2.0, 1.0]]), np.array([[0.0]]), "mse")
    >>> float(value), grads[0].weights  # L = 1^2, dL/dW = 2 * 1 * [2, 1]
    (1.0, array([[4., 2.]]))
    """
    xp = namespace(X)
    activations, zs = forward_pass(network, X)
    value, grad = LOSSES[loss](xp, activations[-1], target)
    grads: list[LayerGradients] = [None] * len(network.layers)  # type: ignore[list-item]
    for k in range(len(network.layers) - 1, -1, -1):
        g = layer_backward(network.layers[k], activations[k], grad, zs[k], input_gradient=k > 0)
        grads[k] = g
        grad = g.input
    return value, activations[-1], grads


def numerical_gradient(f: Callable[[np.ndarray], float], x: Any, eps: float = 1e-6) -> np.ndarray:
    """Central finite differences: ``(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)`` for every entry.

    The slow but obviously right way to get a gradient, used to check backpropagation.
    ``f`` receives a NumPy float64 copy of ``x`` with one entry nudged.

    Examples
    --------
    >>> import numpy as np
    >>> numerical_gradient(lambda v: float(np.sum(v**3)), np.array([1.0, 2.0])).round(6)
    array([ 3., 12.])
    """
    eps = check_scalar(eps, "eps", low=0, include_low=False)
    base = np.array(to_numpy(x) if is_array(x) else x, dtype=np.float64)
    grad = np.zeros_like(base)
    for i in np.ndindex(base.shape):
        old = base[i]
        base[i] = old + eps
        up = f(base.copy())
        base[i] = old - eps
        down = f(base.copy())
        base[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad
