"""Loss functions: one number that says how wrong the network is, and its gradient.

Training makes a loss small. Two losses cover most of the course:

* **Mean squared error** for numbers: ``mse = mean((y_pred - y_true)^2)``.
* **Softmax + cross-entropy** for classes: the network's last layer gives one raw
  score (a *logit*) per class; softmax turns the scores into probabilities and the
  cross-entropy is ``-log`` of the probability given to the right class, averaged
  over the batch.

Each loss comes with its gradient with respect to the network's output, the first
step of backpropagation. Everything works on NumPy, CuPy or any array-API array.

Examples
--------
>>> import numpy as np
>>> mse(np.array([1.0, 2.0]), np.array([1.0, 4.0]))
2.0
>>> round(cross_entropy(np.array([[0.0, 0.0]]), np.array([1])), 4)  # 50/50 guess: log 2
0.6931
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook.arrays import (
    Array,
    as_float_array,
    check_labels,
    input_namespace,
    is_array,
)
from nnbook.backend import to_numpy


def _as_pair(y_pred: Array, y_true: Array) -> tuple[Any, Array, Array]:
    """Both arguments as float arrays of one namespace, with the same shape."""
    xp = input_namespace(y_pred)
    y_pred = as_float_array(y_pred, "predictions", xp, ndims=(0, 1, 2))
    y_true = as_float_array(y_true, "targets", xp, ndims=(0, 1, 2), dtype=y_pred.dtype)
    if tuple(y_pred.shape) != tuple(y_true.shape):
        raise ValueError(
            f"predictions and targets must have the same shape; got {tuple(y_pred.shape)} "
            f"and {tuple(y_true.shape)}"
        )
    if y_pred.size == 0:
        raise ValueError("the loss of an empty batch is undefined; got 0 predictions")
    return xp, y_pred, y_true


def mse(y_pred: Array, y_true: Array) -> float:
    """Mean squared error, ``mean((y_pred - y_true)^2)`` over every entry.

    Parameters
    ----------
    y_pred, y_true : array-like of the same shape
        What the network said and what it should have said.

    Returns
    -------
    float

    Examples
    --------
    >>> mse([[0.0, 1.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, 3.0]])  # (0 + 1 + 0 + 4) / 4
    1.25
    """
    xp, y_pred, y_true = _as_pair(y_pred, y_true)
    value, _ = _mse_and_gradient(xp, y_pred, y_true)
    return float(value)


def mse_gradient(y_pred: Array, y_true: Array) -> Array:
    """``d mse / d y_pred = 2 (y_pred - y_true) / n``, with n the number of entries.

    Examples
    --------
    >>> import numpy as np
    >>> mse_gradient(np.array([0.0, 1.0]), np.array([0.0, 3.0]))
    array([ 0., -2.])
    """
    xp, y_pred, y_true = _as_pair(y_pred, y_true)
    _, grad = _mse_and_gradient(xp, y_pred, y_true)
    return grad


def _check_logits(logits: Array) -> tuple[Any, Array]:
    """Logits as a float array; NaN, +inf and rows without a finite score are refused.

    ``-inf`` is a fine logit: it says "probability 0" for that class.
    """
    xp = input_namespace(logits)
    logits = as_float_array(logits, "logits", xp, ndims=(1, 2))
    if logits.shape[-1] == 0:
        raise ValueError("logits need at least one class; got an empty last axis")
    if not bool(xp.all(xp.isfinite(logits))):
        _refuse_unusable_logits(logits)
    return xp, logits


def _refuse_unusable_logits(logits: Array) -> None:
    host = to_numpy(logits)
    rows = host.reshape(-1, host.shape[-1])
    bad = np.argwhere(np.isnan(rows) | (rows == np.inf))
    if bad.size:
        i, j = bad[0]
        where = f"row {i}, column {j}" if host.ndim == 2 else f"position {j}"
        raise ValueError(
            f"logits must be finite numbers or -inf (probability 0); got {rows[i, j]} at {where}"
        )
    hopeless = np.flatnonzero(~np.isfinite(rows).any(axis=1))
    if hopeless.size:
        which = f"row {hopeless[0]} of the logits gives" if host.ndim == 2 else "the logits give"
        raise ValueError(
            f"{which} every class -inf: softmax is undefined when no class has a finite score"
        )


def log_softmax(logits: Array) -> Array:
    """``log softmax(z)`` along the last axis, computed stably.

    Subtracting each row's maximum first changes nothing mathematically (softmax is
    the same for ``z`` and ``z - c``) but keeps every ``exp`` at most 1: no overflow,
    even for logits of 1000.

    Examples
    --------
    >>> import numpy as np
    >>> log_softmax(np.array([1000.0, 1000.0 + np.log(3.0)]))  # the naive formula gives nan
    array([-1.38629436, -0.28768207])
    """
    xp, z = _check_logits(logits)
    return _log_softmax(xp, z)


def _log_softmax(xp: Any, z: Array) -> Array:
    shifted = z - xp.max(z, axis=-1, keepdims=True)
    return shifted - xp.log(xp.sum(xp.exp(shifted), axis=-1, keepdims=True))


def softmax(logits: Array) -> Array:
    """``softmax(z)_k = e^{z_k} / sum_j e^{z_j}`` along the last axis: positive, sums to 1.

    Computed stably (the row maximum is subtracted first, see :func:`log_softmax`).

    Examples
    --------
    >>> import numpy as np
    >>> softmax(np.array([[0.0, np.log(3.0)], [1000.0, 0.0]]))
    array([[0.25, 0.75],
           [1.  , 0.  ]])
    """
    xp, z = _check_logits(logits)
    return _softmax(xp, z)


def _softmax(xp: Any, z: Array) -> Array:
    e = xp.exp(z - xp.max(z, axis=-1, keepdims=True))
    return e / xp.sum(e, axis=-1, keepdims=True)


def one_hot(labels: Array, n_classes: int, xp: Any = None, dtype: Any = None) -> Array:
    """Row i is all zeros except a 1 in column ``labels[i]``.

    Examples
    --------
    >>> one_hot([2, 0], n_classes=3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    host = check_labels(labels, n_classes)
    if xp is None:
        xp = input_namespace(labels)
    return _one_hot(xp, host, n_classes, xp.float64 if dtype is None else dtype)


def _one_hot(xp: Any, labels: Any, n_classes: int, dtype: Any) -> Array:
    """One-hot rows from already checked labels (a NumPy array or one of namespace ``xp``)."""
    return xp.astype(xp.asarray(labels)[:, None] == xp.arange(n_classes)[None, :], dtype)


def cross_entropy(logits: Array, labels: Array) -> float:
    """Softmax cross-entropy from raw scores: ``mean_i( -log softmax(z_i)[y_i] )``.

    Parameters
    ----------
    logits : array-like of shape (B, K) or (K,)
        One raw score per class for each of B examples (no softmax applied yet).
    labels : array-like of int, shape (B,)
        The right class of each example, in ``0 .. K - 1``.

    Returns
    -------
    float
        0 for a perfectly confident right answer; ``log K`` for a uniform guess;
        large for a confident wrong answer.

    Examples
    --------
    >>> import numpy as np
    >>> round(cross_entropy(np.array([[2.0, 0.0, 0.0]]), [0]), 4)
    0.2395
    >>> round(cross_entropy(np.array([[1000.0, 0.0]]), [1]), 1)  # stable: no overflow, no nan
    1000.0
    """
    xp, z = _check_rows(logits)
    n_classes = int(z.shape[1])
    target = _one_hot(xp, check_labels(labels, n_classes, int(z.shape[0])), n_classes, z.dtype)
    value, _ = _cross_entropy_and_gradient(xp, z, target)
    return float(value)


def cross_entropy_gradient(logits: Array, labels: Array) -> Array:
    """``d cross_entropy / d logits = (softmax(z) - one_hot(y)) / B``, same shape as ``logits``.

    Softmax and cross-entropy together have this famously simple gradient: push the
    right class's score up by how much probability it is missing, and every other
    class's score down by the probability it wrongly got.

    Examples
    --------
    >>> import numpy as np
    >>> cross_entropy_gradient(np.array([[0.0, 0.0]]), [1])
    array([[ 0.5, -0.5]])
    """
    squeeze = _ndim(logits) == 1
    xp, z = _check_rows(logits)
    n_classes = int(z.shape[1])
    target = _one_hot(xp, check_labels(labels, n_classes, int(z.shape[0])), n_classes, z.dtype)
    _, grad = _cross_entropy_and_gradient(xp, z, target)
    return grad[0, :] if squeeze else grad


def _ndim(value: Any) -> int:
    return value.ndim if is_array(value) else np.ndim(value)


def _check_rows(logits: Array) -> tuple[Any, Array]:
    """Logits as a (B, K) batch (one example becomes a batch of one); B = 0 is refused."""
    xp, z = _check_logits(logits)
    if z.ndim == 1:
        z = z[None, :]
    if z.shape[0] == 0:
        raise ValueError("the loss of an empty batch is undefined; got 0 rows of logits")
    return xp, z


# ------------------------------------------------------------------------------------------
# The cores: each loss and its gradient side by side, on arrays already checked. ``target``
# has the output's shape (one-hot rows for cross-entropy). Training dispatches through LOSSES.


def _mse_and_gradient(xp: Any, output: Array, target: Array) -> tuple[Array, Array]:
    diff = output - target
    return xp.mean(diff * diff), 2.0 * diff / diff.size


def _cross_entropy_and_gradient(xp: Any, logits: Array, target: Array) -> tuple[Array, Array]:
    batch = logits.shape[0]
    log_p = _log_softmax(xp, logits)
    # Pick the right class's log-probability with ``where``, not ``target * log_p``: a
    # logit of -inf elsewhere in the row would otherwise give 0 * -inf = nan.
    picked = xp.where(target > 0, log_p, xp.zeros_like(log_p))  # target is one-hot
    return 0.0 - xp.sum(picked) / batch, (_softmax(xp, logits) - target) / batch


#: Every loss by name: ``(xp, output, target) -> (loss as a 0-D array, dL/d(output))``.
LOSSES: dict[str, Callable[[Any, Array, Array], tuple[Array, Array]]] = {
    "cross_entropy": _cross_entropy_and_gradient,
    "mse": _mse_and_gradient,
}


def check_loss(name: Any) -> str:
    """The loss name, if nnbook knows it; else a ``ValueError`` listing the names.

    Examples
    --------
    >>> check_loss("mse")
    'mse'
    """
    if not isinstance(name, str) or name not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}; got {name!r}")
    return name
