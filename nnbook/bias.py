"""Folding the bias into the weights: append a 1 to the input, and b as a column of W.

Because ``[a, 1] @ [W, b].T = a @ W.T + b``, a layer needs only one matrix. The code
gets shorter; keeping ``b`` apart is clearer to learn from. Both compute the same
numbers (up to floating-point rounding in the last digit).

This module holds the three array operations; the folded layer and network that use
them sit beside the classes they fold (:class:`nnbook.layer.FoldedLayer`,
:class:`nnbook.network.FoldedNetwork`), so this floor never needs to know a layer.

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

from nnbook.arrays import Array, as_float_array, input_namespace

__all__ = ["append_ones", "fold_bias", "unfold_bias"]


def append_ones(a: Array) -> Array:
    """Add a constant 1 as the last input: (N,) -> (N+1,), or (B, N) -> (B, N+1).

    Examples
    --------
    >>> import numpy as np
    >>> append_ones(np.zeros((2, 1)))
    array([[0., 1.],
           [0., 1.]])
    """
    xp = input_namespace(a)
    a = as_float_array(a, "a", xp, ndims=None)
    if a.ndim == 0:
        raise ValueError("append_ones needs a vector (N,) or a batch (B, N); got a single number")
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
    xp = input_namespace(weights)
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
    folded = as_float_array(folded, "folded weights", input_namespace(folded), ndims=(1, 2))
    if folded.shape[-1] < 2:
        raise ValueError(f"folded weights need at least 2 columns; got shape {tuple(folded.shape)}")
    return folded[..., :-1], folded[..., -1]
