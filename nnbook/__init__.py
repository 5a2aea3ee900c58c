"""nnbook: the math of the course "neural networks from nothing", small enough to read.

Everything a chapter needs is importable from here: activations, :class:`Neuron`,
:class:`Layer`, :class:`Network`, bias folding, and the device choice (GPU via CuPy
when one truly works, else NumPy). Importing is quick: CuPy and matplotlib are only
imported when first needed.

Examples
--------
>>> import nnbook
>>> net = nnbook.Network.from_sizes([2, 3, 1], activation="tanh", seed=0)
>>> nnbook.to_numpy(net([1.0, -1.0])).shape
(1,)
"""

from nnbook.activations import (
    Activation,
    get_activation,
    identity,
    identity_derivative,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from nnbook.backend import (
    GPUUnavailableError,
    device,
    device_reason,
    gpu_available,
    to_numpy,
    use_device,
    using_device,
)
from nnbook.bias import append_ones, fold_bias, unfold_bias
from nnbook.layer import FoldedLayer, Layer
from nnbook.network import FoldedNetwork, Network
from nnbook.neuron import Neuron
from nnbook.saving import NetworkFileError

__version__ = "0.1.0"

__all__ = [
    "Activation",
    "FoldedLayer",
    "FoldedNetwork",
    "GPUUnavailableError",
    "Layer",
    "Network",
    "NetworkFileError",
    "Neuron",
    "append_ones",
    "device",
    "device_reason",
    "fold_bias",
    "get_activation",
    "gpu_available",
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
    "to_numpy",
    "unfold_bias",
    "use_device",
    "using_device",
]
