"""Training a classifier: mini-batch stochastic gradient descent, epoch after epoch.

:func:`fit` repeats *forward, backward, step* on small random batches of the training
data (:mod:`nnbook.backprop` computes the gradients, :class:`nnbook.optim.SGD` takes the
steps) and records a :class:`History`; :func:`predict`, :func:`accuracy` and
:func:`evaluate` measure the result. The backpropagation and optimiser names are
re-exported here, so a chapter can import all of learning from one place. For a training
loop written by hand, :func:`parameters`, :func:`with_parameters` and
:func:`gradient_function` turn a network into a flat list of arrays, and back.

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

from nnbook.arrays import (
    Array,
    as_float_array,
    check_labels,
    check_scalar,
    check_width,
    enter,
    namespace,
    require_finite,
)
from nnbook.backprop import (
    LayerGradients,
    forward_backward,
    forward_pass,
    layer_backward,
    network_backward,
    numerical_gradient,
)
from nnbook.layer import Layer
from nnbook.losses import LOSSES, check_loss, one_hot
from nnbook.network import Network
from nnbook.optim import SGD

__all__ = [
    "SGD",
    "History",
    "LayerGradients",
    "TrainingDivergedError",
    "accuracy",
    "evaluate",
    "fit",
    "forward_pass",
    "gradient_function",
    "layer_backward",
    "network_backward",
    "numerical_gradient",
    "parameters",
    "predict",
    "with_parameters",
]


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
    _start: float = field(default=0.0, repr=False, compare=False)
    _start_loss: float = field(default=math.nan, repr=False, compare=False)

    @property
    def epochs(self) -> int:
        """How many epochs ran."""
        return len(self.loss)

    def table(self, every: int = 1, digits: int = 3, val_label: str = "val") -> str:
        """The history as a small text table, every ``every``-th epoch (and the last).

        ``val_label`` names the columns of the data passed as ``X_val``: ``"test"`` when that
        was the test set, watched but never used to choose anything.

        Examples
        --------
        >>> print(History([0.5, 0.25], [0.8, 0.9]).table())
        epoch    loss  accuracy
            1   0.500     0.800
            2   0.250     0.900
        >>> print(History([0.5], [0.8], [0.6], [0.7]).table(val_label="test"))
        epoch    loss  accuracy  test_loss  test_accuracy
            1   0.500     0.800      0.600          0.700
        """
        every = check_scalar(every, "every", int, low=1)
        digits = check_scalar(digits, "digits", int, low=0)
        if not isinstance(val_label, str) or not val_label.isidentifier():
            raise ValueError(f"val_label must be a word such as 'val' or 'test'; got {val_label!r}")
        has_val = bool(self.val_loss)
        loss_name, accuracy_name = f"{val_label}_loss", f"{val_label}_accuracy"
        loss_width, accuracy_width = max(8, len(loss_name)), max(12, len(accuracy_name))
        header = "epoch    loss  accuracy"
        if has_val:
            header += f"  {loss_name:>{loss_width}}  {accuracy_name:>{accuracy_width}}"
        rows = [header]
        for i in range(self.epochs):
            if (i + 1) % every and i != self.epochs - 1:
                continue
            row = f"{i + 1:5d}  {self.loss[i]:6.{digits}f}  {self.accuracy[i]:8.{digits}f}"
            if has_val:
                row += (
                    f"  {self.val_loss[i]:{loss_width}.{digits}f}"
                    f"  {self.val_accuracy[i]:{accuracy_width}.{digits}f}"
                )
            rows.append(row)
        return "\n".join(rows)


def _prepare(network: Network, X: Array, y: Array, name: str) -> tuple[Array, np.ndarray]:
    """``X`` as a finite float array on the network's device, ``y`` as checked labels."""
    xp = namespace(network.layers[0].weights)
    X = as_float_array(X, name, xp, ndims=(2,), dtype=network.layers[0].weights.dtype)
    check_width(X, network.sizes[0], f"this network (sizes {network.sizes}) for {name}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} is empty: no rows to learn from")
    require_finite(X, name)
    labels = check_labels(y, network.sizes[-1], int(X.shape[0]))
    return X, labels


#: fit stops when an epoch's mean loss exceeds this many times the training loss before
#: the call. Measured on the digits (64-128-10 ReLU): continued training at sensible
#: rates stays within about 2x of its start, while a learning rate that wrecks the
#: network (test accuracy 0.97 -> 0.10) takes it 500 to 5e15 times higher.
DIVERGENCE_FACTOR = 100.0


class TrainingDivergedError(FloatingPointError):
    """The loss blew up during :func:`fit`; the network was put back as it was before."""


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
    on_epoch_end: Callable[[int, Network], None] | None = None,
) -> History:
    """Train a classifier with mini-batch stochastic gradient descent.

    Each epoch shuffles the training rows (seeded), cuts them into batches of
    ``batch_size`` and, for each batch, runs forward, backpropagates
    (:func:`network_backward`) and takes one :class:`SGD` step. The network is
    changed in place, and only by a call that succeeds:

    * everything is checked before the first step (non-finite data is refused with
      the row and column of its first bad value);
    * if the loss becomes NaN or infinite, or an epoch's mean loss grows beyond
      ``DIVERGENCE_FACTOR`` (100) times the training loss before the call, training stops with a
      :class:`TrainingDivergedError` naming the learning rate and the epoch, and the
      network is put back exactly as it was before this call;
    * an interrupt (Ctrl-C, "Interrupt the kernel") puts back the weights of the last
      completed epoch, so no layer is left half-updated, and is raised again.

    Parameters
    ----------
    network : Network
        Its last layer has one output per class (activation ``"identity"`` for
        ``cross_entropy``: softmax is part of the loss).
    X : array (n, N)
        Training inputs, one row per example; finite numbers only.
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
    on_epoch_end : callable, optional
        Called as ``on_epoch_end(epoch, network)`` after each completed epoch (1, 2, ...),
        to look at the network as it is then (:func:`nnbook.recording.record_training`
        keeps a copy of each). It must not change the network. If it raises, training
        stops as for an interrupt: the network keeps the weights of that epoch.

    Returns
    -------
    History

    Raises
    ------
    TypeError, ValueError
        Before any step, for a wrong kind or value of any argument: labels out of range,
        X and y of different lengths, a width that does not match the network,
        non-finite data, non-positive epochs / batch size / learning rate.
    TrainingDivergedError
        When the loss blows up (the network is restored first).
    """
    if not isinstance(network, Network):
        raise TypeError(f"fit needs a Network; got {type(network).__name__}")
    loss = check_loss(loss)
    epochs = check_scalar(epochs, "epochs", int, low=1)
    batch_size = check_scalar(batch_size, "batch_size", int, low=1)
    optimizer = SGD(network, lr=lr, momentum=momentum)
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val, or neither")
    if on_epoch_end is not None and not callable(on_epoch_end):
        raise TypeError(
            "on_epoch_end must be a function called as on_epoch_end(epoch, network), "
            f"or None; got {on_epoch_end!r}"
        )
    if target_accuracy is not None:
        target_accuracy = check_scalar(
            target_accuracy, "target_accuracy", low=0, high=1, include_low=False
        )
    rng = _rng(seed)
    X, labels = _prepare(network, X, y, "X")
    validation = None if X_val is None else _prepare(network, X_val, y_val, "X_val")

    targets = one_hot(labels, network.sizes[-1], namespace(X), X.dtype)
    before = _parameters(network)
    last_good = before
    history = History()
    history._start_loss, _ = _evaluate(network, X, labels, loss)
    if not math.isfinite(history._start_loss):
        raise ValueError(
            f"this network's loss on X is already {history._start_loss} before training: "
            "its weights hold NaN or infinite values; build a new one (Network.from_sizes)"
        )
    bar = _progress_bar(epochs) if progress else None
    try:
        for epoch in range(1, epochs + 1):
            _train_one_epoch(network, optimizer, X, targets, batch_size, loss, rng, history)
            if validation is not None:
                val_loss, val_acc = _evaluate(network, *validation, loss)
                history.val_loss.append(val_loss)
                history.val_accuracy.append(val_acc)
            history.seconds.append(time.perf_counter() - history._start)
            _check_not_diverged(history, epoch, optimizer.lr)
            last_good = _parameters(network)
            if on_epoch_end is not None:
                on_epoch_end(epoch, network)
            watched = history.val_accuracy if validation is not None else history.accuracy
            if bar is not None:
                bar.update(1)
                bar.set_postfix(loss=f"{history.loss[-1]:.4f}", accuracy=f"{watched[-1]:.4f}")
            if target_accuracy is not None and watched[-1] >= target_accuracy:
                break
    except TrainingDivergedError:
        _restore(network, before)
        raise
    except BaseException:  # KeyboardInterrupt above all: no layer is left half-updated
        _restore(network, last_good)
        raise
    finally:
        if bar is not None:
            bar.close()
    return history


def _rng(seed: Any) -> np.random.Generator:
    if seed is not None:
        seed = check_scalar(seed, "seed (or None for fresh randomness)", int, low=0)
    return np.random.default_rng(seed)


def _progress_bar(epochs: int) -> Any:
    from tqdm.auto import tqdm  # imported on first use: it pulls in ipywidgets in Jupyter

    return tqdm(total=epochs, desc="training", unit="epoch")


def _parameters(network: Network) -> list[tuple[Array, Array]]:
    """The network's arrays as they are now. SGD builds new arrays at every step (never
    in place), so holding these references is enough to put the network back later."""
    return [(layer.weights, layer.bias) for layer in network.layers]


def _restore(network: Network, parameters: list[tuple[Array, Array]]) -> None:
    for layer, (weights, bias) in zip(network.layers, parameters, strict=True):
        layer.weights, layer.bias = weights, bias


def _train_one_epoch(
    network: Network,
    optimizer: SGD,
    X: Array,
    targets: Array,
    batch_size: int,
    loss: str,
    rng: np.random.Generator,
    history: History,
) -> None:
    """One pass over the shuffled rows; appends the epoch's mean loss and accuracy."""
    xp = namespace(X)
    n = int(X.shape[0])
    if not history.loss:
        history._start = time.perf_counter()
    order = xp.asarray(rng.permutation(n))
    Xs, Ts = xp.take(X, order, axis=0), xp.take(targets, order, axis=0)
    Ls = xp.argmax(Ts, axis=1)
    total_loss, correct = 0.0, 0
    for lo in range(0, n, batch_size):
        hi = min(lo + batch_size, n)
        value, out, grads = forward_backward(network, Xs[lo:hi, ...], Ts[lo:hi, ...], loss)
        batch_loss = float(value)
        if not math.isfinite(batch_loss):
            raise TrainingDivergedError(
                _diverged_message(history.epochs + 1, optimizer.lr, batch_loss, history)
            )
        optimizer.step(grads)
        total_loss += batch_loss * (hi - lo)
        correct += int(xp.sum(xp.astype(xp.argmax(out, axis=1) == Ls[lo:hi], xp.int64)))
    history.loss.append(total_loss / n)
    history.accuracy.append(correct / n)


def _check_not_diverged(history: History, epoch: int, lr: float) -> None:
    value = history.loss[-1]
    if not math.isfinite(value) or value > DIVERGENCE_FACTOR * history._start_loss:
        raise TrainingDivergedError(_diverged_message(epoch, lr, value, history))


def _diverged_message(epoch: int, lr: float, value: float, history: History) -> str:
    grew = (
        f"the loss became {value}"
        if not math.isfinite(value)
        else f"the mean loss grew from {history._start_loss:.4g} (before training) to {value:.4g}"
    )
    return (
        f"training diverged in epoch {epoch}: {grew}. The learning rate lr={lr:g} is too "
        f"large for this network and data; try a smaller one, such as lr={lr / 10:g}. The "
        "network was put back as it was before this fit call."
    )


def _evaluate(network: Network, X: Array, labels: np.ndarray, loss: str) -> tuple[float, float]:
    xp = namespace(X)
    out = network.forward(X)
    targets = one_hot(labels, network.sizes[-1], xp, X.dtype)
    value, _ = LOSSES[loss](xp, out, targets)
    hits = xp.argmax(out, axis=1) == xp.asarray(labels)
    return float(value), float(xp.mean(xp.astype(hits, X.dtype)))


def predict(network: Network, X: Array) -> Array:
    """The predicted class of each row: the index of the largest output.

    Non-finite input is refused (a NaN row has no largest output: answering class 0
    for it would be a confident wrong answer).

    Examples
    --------
    >>> from nnbook import Layer, Network
    >>> net = Network([Layer([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0], "identity")])
    >>> predict(net, [[3.0, 1.0], [0.0, 2.0]])
    array([0, 1])
    """
    xp = namespace(network.layers[0].weights)
    X, give_back = enter(X, xp, "X", ndims=(1, 2), dtype=network.layers[0].weights.dtype)
    require_finite(X, "X")
    return give_back(xp.argmax(network.forward(X), axis=-1))


def accuracy(network: Network, X: Array, y: Array) -> float:
    """The fraction of rows whose predicted class equals the label (non-finite X is refused).

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
    value, acc = _evaluate(network, X, labels, check_loss(loss))
    return {"loss": value, "accuracy": acc}


# A network as a plain list of arrays, for a training loop written by hand (chapter 9).


def parameters(network: Network) -> list[Array]:
    """The network's weights and biases as one flat list: ``[W_1, b_1, W_2, b_2, ...]``.

    The arrays are the network's own (not copies); a training loop that builds new arrays
    at every step, ``p - lr * g``, never changes them.

    Examples
    --------
    >>> from nnbook import Network
    >>> net = Network.from_sizes([3, 4, 2], seed=0)
    >>> [p.shape for p in parameters(net)]
    [(4, 3), (4,), (2, 4), (2,)]
    """
    if not isinstance(network, Network):
        raise TypeError(f"parameters needs a Network; got {type(network).__name__}")
    return [p for layer in network.layers for p in (layer.weights, layer.bias)]


def with_parameters(network: Network, params: Sequence[Array]) -> Network:
    """A new network shaped like ``network``, with the same activations, holding ``params``.

    ``params`` is a flat list ``[W_1, b_1, W_2, b_2, ...]`` as :func:`parameters` gives it,
    each array of the shape of the one it replaces. ``network`` itself is not changed.

    Raises
    ------
    ValueError
        If ``params`` has the wrong number of arrays or an array has the wrong shape.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import Network
    >>> net = Network.from_sizes([3, 4, 2], seed=0)
    >>> zero = with_parameters(net, [np.zeros_like(p) for p in parameters(net)])
    >>> zero(np.ones(3)), net is zero
    (array([0., 0.]), False)
    """
    if not isinstance(network, Network):
        raise TypeError(f"with_parameters needs a Network; got {type(network).__name__}")
    params = list(params)
    expected = [tuple(p.shape) for p in parameters(network)]
    if len(params) != len(expected):
        raise ValueError(
            f"params must hold {len(expected)} arrays, [W_1, b_1, W_2, b_2, ...], for this "
            f"network (sizes {network.sizes}); got {len(params)}"
        )
    for k, (p, shape) in enumerate(zip(params, expected, strict=True)):
        if tuple(getattr(p, "shape", ())) != shape:
            what = ("W", "b")[k % 2] + f"_{k // 2 + 1}"
            raise ValueError(
                f"params[{k}] ({what}) must have shape {shape}; "
                f"got {tuple(getattr(p, 'shape', ()))}"
            )
    return Network(
        [
            Layer(params[2 * k], params[2 * k + 1], layer.activation)
            for k, layer in enumerate(network.layers)
        ]
    )


def gradient_function(
    network: Network, loss: str = "cross_entropy"
) -> Callable[[Sequence[Array], Array, Array], tuple[float, list[Array]]]:
    """A function ``gradients(params, X_batch, y_batch) -> (loss, grads)`` for ``network``'s shape.

    ``params`` is a flat list ``[W_1, b_1, ...]`` (see :func:`parameters`); the answer is the
    mean loss on the batch and the list of its gradients, one per parameter, in the same
    order and of the same shapes, computed by :func:`network_backward` for a network of
    ``network``'s sizes and activations holding ``params``. With it, a training loop needs
    nothing but lists of arrays. The gradients are arrays of the same kind as ``params``
    (on the GPU when the parameters are), whatever kind of array the batch is, so that
    ``p - lr * g`` always works.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import Network
    >>> net = Network.from_sizes([2, 3, 2], "tanh", output_activation="identity", seed=0)
    >>> gradients = gradient_function(net)
    >>> loss, grads = gradients(parameters(net), np.array([[1.0, 2.0]]), np.array([1]))
    >>> [g.shape for g in grads], round(loss, 4)
    ([(3, 2), (3,), (2, 3), (2,)], 0.8464)
    """
    if not isinstance(network, Network):
        raise TypeError(f"gradient_function needs a Network; got {type(network).__name__}")
    loss = check_loss(loss)

    def gradients(params: Sequence[Array], X_batch: Array, y_batch: Array) -> tuple[float, list]:
        net = with_parameters(network, params)
        first = net.layers[0].weights  # the batch joins the parameters' kind of array
        X_batch = as_float_array(X_batch, "X_batch", namespace(first), (2,), first.dtype)
        value, grads = network_backward(net, X_batch, y_batch, loss)
        return value, [g for layer in grads for g in (layer.weights, layer.bias)]

    return gradients
