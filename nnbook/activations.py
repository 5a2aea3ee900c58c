"""Activation functions phi and their derivatives.

A neuron adds up its weighted inputs and then bends the result with an
activation function phi. Applied to an array, each function works element by
element. Every function here accepts NumPy, CuPy or any array-API array and
returns the same kind; a Python number gives a Python float, and a list a NumPy
array. Integers and booleans count as real numbers (the answer is in floating
point: ``relu_derivative`` of an integer array is not truncated); complex numbers,
strings and objects are refused with a ``TypeError``. NaN goes in, NaN comes out,
derivatives included: a NaN has no slope.

Examples
--------
>>> import numpy as np
>>> sigmoid(np.array([0.0]))
array([0.5])
>>> get_activation("relu")(np.array([-2.0, 3.0]))
array([0., 3.])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import array_api_compat.numpy as compat_numpy
import numpy as np

from nnbook.arrays import Array, as_float_array, input_namespace, is_array

__all__ = [
    "NAMES",
    "Activation",
    "check_alpha",
    "get_activation",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
]


def _real(x: Any) -> tuple[Any, Array]:
    """``x`` as a floating-point array and its namespace (a float array passes as it is)."""
    if type(x) is np.ndarray and x.dtype.kind == "f":  # the hot path, inside every layer
        return compat_numpy, x
    xp = input_namespace(x)
    if is_array(x) and xp.isdtype(x.dtype, "real floating"):
        return xp, x
    return xp, as_float_array(x, "the activation's input", xp, ndims=None)


def _like(x: Any, out: Array) -> Any:
    """A plain Python number in gives a float out; anything else, the array."""
    return float(out) if isinstance(x, (int, float)) else out


def sigmoid(x: Array) -> Array:
    """The logistic sigmoid ``1 / (1 + e^(-x))``, squashing any number into (0, 1).

    Written so that ``e`` is only ever raised to a negative power: no overflow and
    no warning even for ``x = -1000`` (where the naive formula overflows).

    Examples
    --------
    >>> import numpy as np
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    xp, z = _real(x)
    e = xp.exp(-xp.abs(z))  # in (0, 1]: never overflows
    return _like(x, xp.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_derivative(x: Array) -> Array:
    """``sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x))``; at most 0.25, at x = 0.

    Examples
    --------
    >>> import numpy as np
    >>> sigmoid_derivative(np.array([0.0]))
    array([0.25])
    """
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x: Array) -> Array:
    """The hyperbolic tangent ``(e^x - e^(-x)) / (e^x + e^(-x))``, into (-1, 1).

    (Some texts print this fraction upside down; that is coth, not tanh.)

    Examples
    --------
    >>> import numpy as np
    >>> tanh(np.array([0.0, 1000.0]))
    array([0., 1.])
    """
    xp, z = _real(x)
    return _like(x, xp.tanh(z))


def tanh_derivative(x: Array) -> Array:
    """``tanh'(x) = 1 - tanh(x)^2``; it equals 1 at x = 0, four times sigmoid's peak.

    Examples
    --------
    >>> import numpy as np
    >>> tanh_derivative(np.array([0.0]))
    array([1.])
    """
    t = tanh(x)
    return 1.0 - t * t


def relu(x: Array) -> Array:
    """The rectified linear unit ``max(0, x)``.

    Examples
    --------
    >>> import numpy as np
    >>> relu(np.array([-1.5, 0.0, 2.0]))
    array([0., 0., 2.])
    """
    xp, z = _real(x)
    if getattr(xp, "__array_api_version__", "") >= "2024.12":  # scalars allowed since 2024.12
        return _like(x, xp.maximum(z, 0))  # one fast pass over the data (NaN stays NaN)
    return _like(x, xp.where(z < 0, xp.zeros_like(z), z))


def relu_derivative(x: Array) -> Array:
    """1 where ``x > 0``, else 0. At the kink ``x = 0`` we take 0, as PyTorch does.

    Examples
    --------
    >>> import numpy as np
    >>> relu_derivative(np.array([-1.0, 0.0, 2.0, np.nan]))
    array([ 0.,  0.,  1., nan])
    """
    xp, z = _real(x)
    return _like(x, _keep_nan(xp, z, xp.astype(z > 0, z.dtype)))


def _keep_nan(xp: Any, z: Array, slope: Array) -> Array:
    """``slope``, with NaN wherever ``z`` is NaN (a comparison alone would say 0 there)."""
    return xp.where(xp.isnan(z), z, slope)


def check_alpha(alpha: float) -> float:
    """Leaky ReLU's slope for negative inputs must be a number in [0, 1).

    Examples
    --------
    >>> check_alpha(0.01)
    0.01
    >>> check_alpha(1.5)
    Traceback (most recent call last):
    ...
    ValueError: leaky ReLU's alpha must be in [0, 1) (0 gives plain ReLU); got 1.5
    """
    real = (int, float, np.integer, np.floating)
    if isinstance(alpha, (bool, np.bool_)) or not isinstance(alpha, real) or alpha != alpha:
        raise TypeError(f"leaky ReLU's alpha must be a real number in [0, 1); got {alpha!r}")
    if not 0 <= alpha < 1:
        raise ValueError(f"leaky ReLU's alpha must be in [0, 1) (0 gives plain ReLU); got {alpha}")
    return float(alpha)


def leaky_relu(x: Array, alpha: float = 0.01) -> Array:
    """``x`` for ``x >= 0`` and ``alpha * x`` for ``x < 0``.

    Examples
    --------
    >>> import numpy as np
    >>> leaky_relu(np.array([-100.0, 3.0]), alpha=0.1)
    array([-10.,   3.])
    """
    alpha = check_alpha(alpha)
    xp, z = _real(x)
    return _like(x, xp.where(z >= 0, z, alpha * z))


def leaky_relu_derivative(x: Array, alpha: float = 0.01) -> Array:
    """1 where ``x > 0``, ``alpha`` elsewhere (the kink takes the left slope, as PyTorch does).

    Examples
    --------
    >>> import numpy as np
    >>> leaky_relu_derivative(np.array([-2.0, 5.0]), alpha=0.1)
    array([0.1, 1. ])
    """
    alpha = check_alpha(alpha)
    xp, z = _real(x)
    return _like(x, _keep_nan(xp, z, xp.where(z > 0, xp.ones_like(z), xp.full_like(z, alpha))))


def identity(x: Array) -> Array:
    """No activation at all: ``phi(x) = x`` (a purely linear neuron).

    Examples
    --------
    >>> import numpy as np
    >>> identity(np.array([-1.0, 2.0]))
    array([-1.,  2.])
    """
    return _like(x, _real(x)[1])


def identity_derivative(x: Array) -> Array:
    """The identity's slope is 1 everywhere.

    Examples
    --------
    >>> import numpy as np
    >>> identity_derivative(np.array([-1.0, 2.0]))
    array([1., 1.])
    """
    xp, z = _real(x)
    return _like(x, _keep_nan(xp, z, xp.ones_like(z)))


@dataclass(frozen=True)
class Activation:
    """An activation function together with its derivative, under one name.

    Call it like a function. ``params`` holds settings such as leaky ReLU's alpha.

    Examples
    --------
    >>> import numpy as np
    >>> phi = get_activation("leaky_relu", alpha=0.2)
    >>> phi(np.array([-1.0])), phi.derivative(np.array([-1.0]))
    (array([-0.2]), array([0.2]))
    """

    name: str
    function: Callable[..., Array] = field(repr=False)
    derivative_function: Callable[..., Array] = field(repr=False)
    params: tuple[tuple[str, float], ...] = ()

    def __call__(self, x: Array) -> Array:
        if self.params:
            return self.function(x, **dict(self.params))
        return self.function(x)

    def derivative(self, x: Array) -> Array:
        """phi'(x), element by element."""
        return self.derivative_function(x, **dict(self.params))

    def __str__(self) -> str:
        extra = ", ".join(f"{k}={v:g}" for k, v in self.params)
        return f"{self.name}({extra})" if extra else self.name


_FUNCTIONS: dict[str, tuple[Callable[..., Array], Callable[..., Array]]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
    "identity": (identity, identity_derivative),
}

NAMES: tuple[str, ...] = tuple(_FUNCTIONS)


def get_activation(name: str | Activation, alpha: float | None = None) -> Activation:
    """Look an activation up by name: ``sigmoid``, ``tanh``, ``relu``, ``leaky_relu``, ``identity``.

    Names are case-insensitive and ``-`` or spaces count as ``_`` ("Leaky ReLU" works).
    ``alpha`` is only for leaky ReLU (default 0.01). An :class:`Activation` is returned as is.

    Examples
    --------
    >>> get_activation("Leaky ReLU", alpha=0.05)
    Activation(name='leaky_relu', params=(('alpha', 0.05),))
    >>> get_activation("softplus")
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'softplus'; valid names are: sigmoid, tanh, ...
    """
    if isinstance(name, Activation):
        if alpha is not None:
            raise ValueError("alpha cannot be given together with an Activation object")
        return name
    if not isinstance(name, str):
        raise TypeError(
            f"activation must be a name (one of {', '.join(NAMES)}) or an Activation; "
            f"got {type(name).__name__} {name!r}"
        )
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in _FUNCTIONS:
        raise ValueError(f"unknown activation {name!r}; valid names are: {', '.join(NAMES)}")
    function, derivative = _FUNCTIONS[key]
    if key == "leaky_relu":
        params: tuple[tuple[str, float], ...] = (
            ("alpha", check_alpha(0.01 if alpha is None else alpha)),
        )
    elif alpha is not None:
        raise ValueError(f"alpha only applies to leaky_relu, not to {key}")
    else:
        params = ()
    return Activation(key, function, derivative, params)
