"""How a network learns: backpropagation, stochastic gradient descent and a training loop.

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
layer, from the loss back to the input. :func:`fit` repeats *forward, backward, step*
on small random batches (mini-batch stochastic gradient descent).

Examples
--------
>>> import numpy as np
>>> from nnbook import Network
>>> net = Network.from_sizes([2, 8, 2], "tanh", output_activation="identity", seed=0)
>>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
>>> y = np.array([0, 1, 1, 0])  # XOR: not linearly separable
>>> history = fit(net, X, y, epochs=300, batch_size=4, lr=0.5, progress=False)
>>> accuracy(net, X, y)
1.0
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnbook.arrays import Array, as_float_array, check_labels, check_width, is_array, namespace
from nnbook.backend import to_numpy
from nnbook.losses import _log_softmax, _softmax
from nnbook.network import Network

LOSSES = ("cross_entropy", "mse")


# --------------------------------------------------------------------------- backward passes


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
    layer: Any,
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
    if type(a_prev) is not type(W) or a_prev.ndim not in (1, 2):
        a_prev = as_float_array(a_prev, "layer input", xp, dtype=W.dtype)
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
    elif z.ndim == 1:
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
    return LayerGradients(grad_W, grad_b, delta[0, :] if single else delta, grad_in)


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
    a = X
    if type(a) is not type(first) or a.ndim != 2:
        a = as_float_array(X, "X", namespace(first), ndims=(2,), dtype=first.dtype)
    check_width(a, network.sizes[0], f"this network (sizes {network.sizes})")
    activations, pre_activations = [a], []
    for layer in network.layers:
        z = layer.pre_activation(a)
        a = layer.activation(z)
        pre_activations.append(z)
        activations.append(a)
    return activations, pre_activations


def _loss_and_gradient(xp: Any, loss: str, output: Array, target: Array) -> tuple[Array, Array]:
    """The loss (a 0-D array) and dL/d(output); ``target`` is one-hot for cross-entropy."""
    batch = output.shape[0]
    if loss == "cross_entropy":
        value = -xp.sum(target * _log_softmax(xp, output)) / batch
        return value, (_softmax(xp, output) - target) / batch
    diff = output - target
    return xp.mean(diff * diff), 2.0 * diff / diff.size


def _check_loss(loss: str) -> str:
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}; got {loss!r}")
    return loss


def _one_hot(xp: Any, labels: np.ndarray, n_classes: int, dtype: Any) -> Array:
    return xp.astype(xp.asarray(labels)[:, None] == xp.arange(n_classes)[None, :], dtype)


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
    loss = _check_loss(loss)
    xp = namespace(network.layers[0].weights)
    dtype = network.layers[0].weights.dtype
    X = as_float_array(X, "X", xp, ndims=(2,), dtype=dtype)
    check_width(X, network.sizes[0], f"this network (sizes {network.sizes})")
    n_out = network.sizes[-1]
    if loss == "cross_entropy":
        target = _one_hot(xp, check_labels(y, n_out, int(X.shape[0])), n_out, dtype)
    else:
        target = as_float_array(y, "targets", xp, ndims=(2,), dtype=dtype)
        if tuple(target.shape) != (X.shape[0], n_out):
            raise ValueError(
                f"mse targets must have the network's output shape ({X.shape[0]}, {n_out}); "
                f"got {tuple(target.shape)}"
            )
    value, _, grads = _backward(network, xp, X, target, loss)
    return float(value), grads


def _backward(
    network: Network, xp: Any, X: Array, target: Array, loss: str
) -> tuple[Array, Array, list[LayerGradients]]:
    """Forward, loss, backward: (loss as a 0-D array, network output, gradients per layer)."""
    activations, zs = forward_pass(network, X)
    value, grad = _loss_and_gradient(xp, loss, activations[-1], target)
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


# --------------------------------------------------------------------------- optimiser


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
        self.lr = _positive_float(lr, "lr")
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float)):
            raise TypeError(f"momentum must be a number in [0, 1); got {momentum!r}")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1); got {momentum}")
        self.momentum = float(momentum)
        self._velocity: list[tuple[Array, Array]] | None = None

    def step(self, grads: Sequence[LayerGradients]) -> None:
        """Update every layer's weights and bias in the network from ``grads`` (one per layer)."""
        layers = self.network.layers
        if len(grads) != len(layers):
            raise ValueError(f"need one gradient per layer: {len(layers)} layers, {len(grads)}")
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


def _positive_float(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a positive number; got {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number; got {value}")
    return float(value)


def _positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")
    return int(value)


# --------------------------------------------------------------------------- training loop


@dataclass
class History:
    """What happened during :func:`fit`, one entry per epoch.

    ``loss`` and ``accuracy`` are averaged over the epoch's mini-batches (measured while
    the weights were still changing); ``val_loss`` and ``val_accuracy`` are measured on
    the validation data after each epoch (empty when none was given). ``seconds`` is the
    wall time since training started, at the end of each epoch.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list, repr=False)

    @property
    def epochs(self) -> int:
        """How many epochs ran."""
        return len(self.loss)

    def table(self, every: int = 1, digits: int = 3) -> str:
        """The history as a small text table, every ``every``-th epoch (and the last).

        Examples
        --------
        >>> print(History([0.5, 0.25], [0.8, 0.9]).table())
        epoch    loss  accuracy
            1   0.500     0.800
            2   0.250     0.900
        """
        has_val = bool(self.val_loss)
        header = "epoch    loss  accuracy" + ("  val_loss  val_accuracy" if has_val else "")
        rows = [header]
        for i in range(self.epochs):
            if (i + 1) % every and i != self.epochs - 1:
                continue
            row = f"{i + 1:5d}  {self.loss[i]:6.{digits}f}  {self.accuracy[i]:8.{digits}f}"
            if has_val:
                row += f"  {self.val_loss[i]:8.{digits}f}  {self.val_accuracy[i]:12.{digits}f}"
            rows.append(row)
        return "\n".join(rows)


def _prepare(network: Network, X: Array, y: Array, name: str) -> tuple[Array, np.ndarray]:
    xp = namespace(network.layers[0].weights)
    X = as_float_array(X, name, xp, ndims=(2,), dtype=network.layers[0].weights.dtype)
    check_width(X, network.sizes[0], f"this network (sizes {network.sizes}) for {name}")
    labels = check_labels(y, network.sizes[-1], int(X.shape[0]))
    if X.shape[0] == 0:
        raise ValueError(f"{name} is empty: no rows to learn from")
    return X, labels


def fit(
    network: Network,
    X: Array,
    y: Array,
    epochs: int = 10,
    batch_size: int = 32,
    lr: float = 0.1,
    seed: int | None = 0,
    progress: bool = True,
    X_val: Array | None = None,
    y_val: Array | None = None,
    *,
    momentum: float = 0.0,
    loss: str = "cross_entropy",
    target_accuracy: float | None = None,
) -> History:
    """Train a classifier with mini-batch stochastic gradient descent.

    Each epoch shuffles the training rows (seeded), cuts them into batches of
    ``batch_size`` and, for each batch, runs forward, backpropagates
    (:func:`network_backward`) and takes one :class:`SGD` step. The network is
    changed in place.

    Parameters
    ----------
    network : Network
        Its last layer has one output per class (activation ``"identity"`` for
        ``cross_entropy``: softmax is part of the loss).
    X : array (n, N)
        Training inputs, one row per example.
    y : array of int (n,)
        Training labels, in ``0 .. n_classes - 1``.
    epochs, batch_size : int
        Passes over the data; rows per gradient step (the last batch may be smaller).
    lr : float
        Learning rate.
    seed : int or None
        Seeds the shuffling: same seed, same network, same data -> same result.
    progress : bool
        Show a ``tqdm`` progress bar (a widget in Jupyter). ``False`` silences it.
    X_val, y_val : arrays, optional
        Held-out data measured after every epoch.
    momentum : float
        Passed to :class:`SGD`.
    loss : {"cross_entropy", "mse"}
        ``"mse"`` compares the network's outputs with one-hot targets.
    target_accuracy : float, optional
        Stop as soon as an epoch ends with validation accuracy (training accuracy when
        there is no validation data) at least this high.

    Returns
    -------
    History

    Raises
    ------
    ValueError
        For labels out of range, X and y of different lengths, a width that does not
        match the network, non-positive epochs / batch size / learning rate.
    """
    if not isinstance(network, Network):
        raise TypeError(f"fit needs a Network; got {type(network).__name__}")
    loss = _check_loss(loss)
    epochs = _positive_int(epochs, "epochs")
    batch_size = _positive_int(batch_size, "batch_size")
    optimizer = SGD(network, lr=lr, momentum=momentum)
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val, or neither")
    if target_accuracy is not None and not 0 < target_accuracy <= 1:
        raise ValueError(f"target_accuracy must be in (0, 1]; got {target_accuracy}")
    X, labels = _prepare(network, X, y, "X")
    validation = None if X_val is None else _prepare(network, X_val, y_val, "X_val")

    xp = namespace(network.layers[0].weights)
    n, n_classes = int(X.shape[0]), network.sizes[-1]
    targets = _one_hot(xp, labels, n_classes, X.dtype)
    labels_dev = xp.asarray(labels)
    rng = np.random.default_rng(seed)
    history = History()
    epoch_iter: Any = range(epochs)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        epoch_iter = bar = tqdm(epoch_iter, desc="training", unit="epoch")
    start = time.perf_counter()
    for _ in epoch_iter:
        order = xp.asarray(rng.permutation(n))
        Xs, Ts, Ls = (xp.take(a, order, axis=0) for a in (X, targets, labels_dev))
        total_loss, correct = 0.0, 0
        for lo in range(0, n, batch_size):
            hi = min(lo + batch_size, n)
            xb, tb = Xs[lo:hi, ...], Ts[lo:hi, ...]
            value, out, grads = _backward(network, xp, xb, tb, loss)
            optimizer.step(grads)
            total_loss += float(value) * (hi - lo)
            correct += int(xp.sum(xp.astype(xp.argmax(out, axis=1) == Ls[lo:hi], xp.int64)))
        history.loss.append(total_loss / n)
        history.accuracy.append(correct / n)
        if validation is not None:
            val_loss, val_acc = _evaluate(network, xp, *validation, loss)
            history.val_loss.append(val_loss)
            history.val_accuracy.append(val_acc)
        history.seconds.append(time.perf_counter() - start)
        if not math.isfinite(history.loss[-1]):
            raise FloatingPointError(
                f"the loss became {history.loss[-1]} in epoch {history.epochs}: the learning "
                f"rate ({optimizer.lr}) is probably too large"
            )
        watched = history.val_accuracy if validation is not None else history.accuracy
        if bar is not None:
            bar.set_postfix(loss=f"{history.loss[-1]:.4f}", accuracy=f"{watched[-1]:.4f}")
        if target_accuracy is not None and watched[-1] >= target_accuracy:
            break
    if bar is not None:
        bar.close()
    return history


def _evaluate(
    network: Network, xp: Any, X: Array, labels: np.ndarray, loss: str
) -> tuple[float, float]:
    out = network.forward(X)
    targets = _one_hot(xp, labels, network.sizes[-1], X.dtype)
    value, _ = _loss_and_gradient(xp, loss, out, targets)
    hits = xp.argmax(out, axis=1) == xp.asarray(labels)
    return float(value), float(xp.mean(xp.astype(hits, X.dtype)))


def predict(network: Network, X: Array) -> Array:
    """The predicted class of each row: the index of the largest output.

    Examples
    --------
    >>> from nnbook import Layer, Network
    >>> net = Network([Layer([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0], "identity")])
    >>> predict(net, [[3.0, 1.0], [0.0, 2.0]])
    array([0, 1])
    """
    xp = namespace(network.layers[0].weights)
    X = as_float_array(X, "X", xp, ndims=(1, 2), dtype=network.layers[0].weights.dtype)
    return xp.argmax(network.forward(X), axis=-1)


def accuracy(network: Network, X: Array, y: Array) -> float:
    """The fraction of rows whose predicted class equals the label.

    Examples
    --------
    >>> from nnbook import Layer, Network
    >>> net = Network([Layer([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0], "identity")])
    >>> accuracy(net, [[3.0, 1.0], [0.0, 2.0]], [0, 0])
    0.5
    """
    X, labels = _prepare(network, X, y, "X")
    xp = namespace(X)
    hits = xp.argmax(network.forward(X), axis=1) == xp.asarray(labels)
    return float(xp.mean(xp.astype(hits, X.dtype)))


def evaluate(network: Network, X: Array, y: Array, loss: str = "cross_entropy") -> dict[str, float]:
    """Loss and accuracy of a classifier on ``(X, y)``, without changing it.

    Examples
    --------
    >>> from nnbook import Layer, Network
    >>> net = Network([Layer([[0.0, 0.0], [0.0, 0.0]], [0.0, 0.0], "identity")])
    >>> result = evaluate(net, [[1.0, 2.0]], [1])
    >>> round(result["loss"], 4), result["accuracy"]  # a 50/50 guess costs log 2
    (0.6931, 0.0)
    """
    X, labels = _prepare(network, X, y, "X")
    value, acc = _evaluate(network, namespace(X), X, labels, _check_loss(loss))
    return {"loss": value, "accuracy": acc}
