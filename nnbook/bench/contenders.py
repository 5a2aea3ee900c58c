"""The contenders: one ReLU model, written as nnbook, raw NumPy, PyTorch, CuPy, and a neuron loop.

Every contender computes the same forward pass, layer after layer,

    a_l = relu(a_{l-1} W_l^T + b_l),

from the same parameters (:func:`make_parameters`) on the same input (:func:`make_input`):

* :func:`nnbook_model`, an nnbook :class:`~nnbook.Layer` or :class:`~nnbook.Network`;
* :func:`numpy_forward`, the bare expression ``np.maximum(x @ W.T + b, 0)``, chained;
* :func:`torch_forward`, PyTorch's fastest eager form (imported only when asked for);
* :func:`cupy_forward`, the bare expression on a GPU;
* :func:`neuron_loop`, one :class:`~nnbook.Neuron` per output in a Python loop (chapter 3's
  slow way).

A row counts its work as :func:`gflop`, ``2 * B * N * M`` per layer (the multiply-adds of
``x @ W.T``), and accepts an answer only if it is close to NumPy's (within 1e-3 in float32,
1e-9 in float64).

Examples
--------
>>> weights, biases = make_parameters([4, 3, 2], np.float32, seed=0)
>>> x = np.ones((5, 4), dtype=np.float32)
>>> reference = numpy_forward(weights, biases)(x)
>>> bool(np.allclose(nnbook_model(weights, biases)(x), reference))
True
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import nnbook
from nnbook.arrays import Array

__all__ = [
    "cupy_forward",
    "gflop",
    "make_input",
    "make_parameters",
    "neuron_loop",
    "nnbook_model",
    "numpy_forward",
    "torch_forward",
]


def make_parameters(
    sizes: Sequence[int], dtype: Any = np.float32, seed: int = 0
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Random weights (He scaling) and small random biases for a ReLU net of ``sizes``.

    Examples
    --------
    >>> weights, biases = make_parameters([3, 2], np.float64)
    >>> weights[0].shape, biases[0].shape, weights[0].dtype
    ((2, 3), (2,), dtype('float64'))
    """
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in itertools.pairwise(sizes):
        weights.append(rng.normal(0.0, math.sqrt(2.0 / n_in), (n_out, n_in)).astype(dtype))
        biases.append(rng.normal(0.0, 0.1, n_out).astype(dtype))
    return weights, biases


def make_input(batch: int, n_inputs: int, dtype: Any = np.float32, seed: int = 1) -> np.ndarray:
    """A batch of ``batch`` random rows of ``n_inputs`` values."""
    return np.random.default_rng(seed).normal(size=(batch, n_inputs)).astype(dtype)


def numpy_forward(
    weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]
) -> Callable[[np.ndarray], np.ndarray]:
    """The raw NumPy expression ``np.maximum(x @ W.T + b, 0)``, chained over the layers."""
    pairs = list(zip(weights, biases, strict=True))

    def forward(x: np.ndarray) -> np.ndarray:
        for W, b in pairs:
            x = np.maximum(x @ W.T + b, 0)
        return x

    return forward


def nnbook_model(
    weights: Sequence[Array], biases: Sequence[Array]
) -> nnbook.Layer | nnbook.Network:
    """The same parameters as an nnbook :class:`~nnbook.Layer` (one pair) or a Network.

    The arrays keep their library: NumPy arrays give a CPU model, CuPy arrays a GPU one.
    """
    layers = [nnbook.Layer(W, b, "relu") for W, b in zip(weights, biases, strict=True)]
    return layers[0] if len(layers) == 1 else nnbook.Network(layers)


def torch_forward(
    weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]
) -> Callable[[Any], Any]:
    """PyTorch's fastest eager form: ``relu(F.linear(x, W, b))`` chained, in inference mode."""
    import torch
    import torch.nn.functional as F

    pairs = [
        (torch.from_numpy(W), torch.from_numpy(b)) for W, b in zip(weights, biases, strict=True)
    ]

    def forward(x: Any) -> Any:
        with torch.inference_mode():
            for W, b in pairs:
                x = torch.relu(F.linear(x, W, b))
        return x

    return forward


def cupy_forward(weights: Sequence[Any], biases: Sequence[Any], cp: Any) -> Callable[[Any], Any]:
    """The raw CuPy expression ``cp.maximum(x @ W.T + b, 0)``, chained (arrays on the device)."""
    pairs = list(zip(weights, biases, strict=True))

    def forward(x: Any) -> Any:
        for W, b in pairs:
            x = cp.maximum(x @ W.T + b, 0)
        return x

    return forward


def neuron_loop(layer: nnbook.Layer) -> Callable[[np.ndarray], np.ndarray]:
    """The layer taken apart into neurons, evaluated one neuron at a time in a Python loop."""
    neurons = layer.neurons()

    def forward(x: np.ndarray) -> np.ndarray:
        return np.stack([neuron(x) for neuron in neurons], axis=-1)

    return forward


def gflop(sizes: Sequence[int], batch: int) -> float:
    """Billions of floating-point operations of ``x @ W.T`` over all layers: ``2 * B * N * M``."""
    return sum(2 * batch * n * m for n, m in itertools.pairwise(sizes)) / 1e9


def _model_name(sizes: Sequence[int]) -> str:
    kind = "layer" if len(sizes) == 2 else "network"
    return f"{kind} {'-'.join(map(str, sizes))} relu"


def _max_abs_diff(a: Any, b: Any) -> float:
    return float(np.max(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))))


def _tolerance(dtype: Any) -> float:
    return 1e-3 if np.dtype(dtype) == np.float32 else 1e-9
