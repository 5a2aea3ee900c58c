"""Training recorded epoch by epoch: a copy of the network before training and after each epoch.

:func:`record_training` runs :func:`~nnbook.training.fit` and keeps, beside its
:class:`~nnbook.training.History`, the network as it was at every stage:
``networks[0]`` before the first step, ``networks[k]`` after epoch k. A chapter (or the
decision-boundary widget, :mod:`nnbook.widgets.boundary`) can then go back to any moment
of training and look at what the network computed then. Recording changes nothing about
the training itself: the same seed gives the same steps, so ``networks[k]`` is exactly the
network a fresh ``fit`` of k epochs would have made.

Each copy holds its own arrays (a small network's weights cost a few kilobytes per
epoch), so changing the trained network afterwards never changes the record.

Examples
--------
>>> import numpy as np
>>> from nnbook import Network
>>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
>>> y = np.array([0, 1, 1, 0])  # XOR
>>> net = Network.from_sizes([2, 8, 2], "tanh", output_activation="identity", seed=0)
>>> record = record_training(net, X, y, epochs=3, batch_size=4, lr=0.5, progress=False)
>>> record.epochs, len(record.networks)
(3, 4)
>>> bool((record.networks[-1].layers[0].weights == net.layers[0].weights).all())
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nnbook.arrays import Array, namespace
from nnbook.layer import Layer
from nnbook.network import Network
from nnbook.training import History, fit

__all__ = ["TrainingRecord", "record_training"]


@dataclass(frozen=True)
class TrainingRecord:
    """The networks of a training run, one per epoch, and its :class:`~nnbook.training.History`.

    Attributes
    ----------
    networks : list of Network
        ``networks[0]`` is the network before training, ``networks[k]`` after epoch k.
    history : History
        What :func:`~nnbook.training.fit` measured, epoch by epoch.
    """

    networks: list[Network]
    history: History

    @property
    def epochs(self) -> int:
        """How many epochs ran (one less than the number of networks)."""
        return len(self.networks) - 1


def _copy(network: Network) -> Network:
    """The same network with arrays of its own, on the same device."""
    xp = namespace(network.layers[0].weights)
    return Network(
        [
            Layer(xp.asarray(la.weights, copy=True), xp.asarray(la.bias, copy=True), la.activation)
            for la in network.layers
        ]
    )


def record_training(
    network: Network, X: Array, y: Array, epochs: int = 10, **fit_options: Any
) -> TrainingRecord:
    """Train ``network`` with :func:`~nnbook.training.fit` and keep a copy after every epoch.

    The network is trained in place, exactly as ``fit(network, X, y, epochs, ...)`` would
    train it; only the copies are new. If ``fit`` fails (a diverging loss, say), its error
    comes through unchanged and the network is put back as ``fit`` promises.

    Parameters
    ----------
    network : Network
        The classifier to train.
    X, y : arrays
        Training inputs (one row per example) and labels, as for ``fit``.
    epochs : int
        Passes over the data; with ``target_accuracy`` training may stop sooner, and the
        record then holds fewer networks.
    **fit_options
        Any other argument of ``fit``: ``batch_size``, ``lr``, ``seed``, ``progress``,
        ``X_val`` and ``y_val``, ``momentum``, ``loss``, ``target_accuracy``.

    Returns
    -------
    TrainingRecord
        ``networks`` (``epochs + 1`` of them: before training, then after each epoch)
        and ``history``.

    Examples
    --------
    XOR, learned over 100 epochs, its accuracy every 20 epochs:

    >>> import numpy as np
    >>> from nnbook import Network
    >>> from nnbook.training import accuracy
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> y = np.array([0, 1, 1, 0])
    >>> net = Network.from_sizes([2, 8, 2], "tanh", output_activation="identity", seed=0)
    >>> record = record_training(net, X, y, epochs=100, batch_size=4, lr=0.5, progress=False)
    >>> [accuracy(network, X, y) for network in record.networks[::20]]
    [0.5, 0.75, 0.75, 1.0, 1.0, 1.0]
    """
    if not isinstance(network, Network):
        raise TypeError(f"record_training needs a Network; got {type(network).__name__}")
    networks = [_copy(network)]

    def keep(epoch: int, trained: Network) -> None:
        networks.append(_copy(trained))

    history = fit(network, X, y, epochs, on_epoch_end=keep, **fit_options)
    return TrainingRecord(networks, history)
