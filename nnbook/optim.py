"""Optimisers: how a network's parameters move once their gradients are known.

Stochastic gradient descent steps every parameter against its gradient, scaled by
the learning rate; momentum lets consistent steps build up speed.

Examples
--------
One weight w and a bias b learn to output 1 for the input 1, with momentum 0.5:

>>> import numpy as np
>>> from nnbook import Layer, Network
>>> from nnbook.backprop import network_backward
>>> net = Network([Layer([[0.0]], [0.0], "identity")])
>>> optimizer = SGD(net, lr=0.1, momentum=0.5)
>>> for _ in range(2):  # dL/dw = dL/db = 2 (w + b - 1): first -2, then -1.2
...     _, grads = network_backward(net, np.array([[1.0]]), np.array([[1.0]]), loss="mse")
...     optimizer.step(grads)
>>> round(float(net.layers[0].weights[0, 0]), 4)  # 0.1 * 2 = 0.2, then + 0.5 * 0.2 + 0.1 * 1.2
0.42
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nnbook.arrays import Array, check_scalar
from nnbook.backprop import LayerGradients
from nnbook.network import Network

__all__ = ["SGD"]


class SGD:
    """Stochastic gradient descent, optionally with momentum, for a :class:`Network`.

    Each :meth:`step` moves every parameter against its gradient:
    ``v = momentum * v - lr * grad`` then ``param = param + v``. With ``momentum = 0``
    this is plain ``param = param - lr * grad``; with momentum, steps that keep pointing
    the same way build up speed, like a ball rolling downhill.

    Parameters
    ----------
    network : Network
    lr : float
        Learning rate, the step size (> 0).
    momentum : float
        In [0, 1); 0.9 is a common choice.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import Layer, Network
    >>> from nnbook.backprop import network_backward
    >>> net = Network([Layer([[1.0]], [0.0], "identity")])
    >>> _, grads = network_backward(net, np.array([[1.0]]), np.array([[3.0]]), loss="mse")
    >>> SGD(net, lr=0.25).step(grads)  # dL/dW = 2 (1 - 3) = -4, so W = 1 + 0.25 * 4
    >>> net.layers[0].weights
    array([[2.]])
    """

    def __init__(self, network: Network, lr: float = 0.1, momentum: float = 0.0) -> None:
        if not isinstance(network, Network):
            raise TypeError(f"SGD needs a Network; got {type(network).__name__}")
        self.network = network
        self.lr = check_scalar(lr, "lr", low=0, include_low=False)
        self.momentum = check_scalar(momentum, "momentum", low=0, high=1, include_high=False)
        self._velocity: list[tuple[Array, Array]] | None = None

    def step(self, grads: Sequence[LayerGradients]) -> None:
        """Update every layer's weights and bias in the network from ``grads`` (one per layer).

        Each gradient must have its parameter's shape (checked for every layer before any
        changes: a wrong gradient would otherwise broadcast silently into the weights).
        The new weights are new arrays, never written in place, so whoever kept the old
        ones (``fit``'s rollback) still has them.
        """
        layers = self.network.layers
        if len(grads) != len(layers):
            raise ValueError(f"need one gradient per layer: {len(layers)} layers, {len(grads)}")
        _check_shapes(layers, grads)  # all of them before changing anything
        lr, mu = self.lr, self.momentum
        if mu == 0:
            for layer, g in zip(layers, grads, strict=True):
                layer.weights = layer.weights - lr * g.weights
                layer.bias = layer.bias - lr * g.bias
            return
        if self._velocity is None:
            self._velocity = [(0.0 * g.weights, 0.0 * g.bias) for g in grads]
        for k, (layer, g) in enumerate(zip(layers, grads, strict=True)):
            vW, vb = self._velocity[k]
            vW = mu * vW - lr * g.weights
            vb = mu * vb - lr * g.bias
            self._velocity[k] = (vW, vb)
            layer.weights = layer.weights + vW
            layer.bias = layer.bias + vb


def _check_shapes(layers: Sequence[Any], grads: Sequence[LayerGradients]) -> None:
    for k, (layer, g) in enumerate(zip(layers, grads, strict=True), start=1):
        for what, param, grad in (
            ("weights", layer.weights, g.weights),
            ("bias", layer.bias, g.bias),
        ):
            if tuple(getattr(grad, "shape", ())) != tuple(param.shape):
                raise ValueError(
                    f"the gradient for layer {k}'s {what} must have the {what}' shape "
                    f"{tuple(param.shape)}; got {tuple(getattr(grad, 'shape', ()))} "
                    "(gradients of another network?)"
                )
