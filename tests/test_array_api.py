"""One code path for every array library, proven on array-api-strict (which allows nothing else)."""

import array_api_strict as xs
import numpy as np
import pytest
from array_api_strict._array_object import Array as StrictArray

import nnbook
from nnbook.activations import NAMES, get_activation

RNG = np.random.default_rng(7)


def strict(a):
    return xs.asarray(np.asarray(a, dtype=np.float64))


@pytest.mark.parametrize("name", NAMES)
def test_activations_and_derivatives_run_on_strict_arrays(name):
    x = RNG.normal(size=(3, 4))
    phi = get_activation(name)
    for f in (phi, phi.derivative):
        out = f(strict(x))
        assert isinstance(out, StrictArray)
        np.testing.assert_allclose(nnbook.to_numpy(out), f(x), rtol=1e-12)


def test_layer_on_strict_arrays_returns_strict_arrays_equal_to_numpy():
    W, b, x = RNG.normal(size=(3, 5)), RNG.normal(size=3), RNG.normal(size=(4, 5))
    layer = nnbook.Layer(strict(W), strict(b), "tanh")
    out = layer(strict(x))
    assert isinstance(out, StrictArray)
    np.testing.assert_allclose(nnbook.to_numpy(out), nnbook.Layer(W, b, "tanh")(x), rtol=1e-12)


def test_network_on_strict_arrays_returns_strict_arrays_at_every_layer():
    reference = nnbook.Network.from_sizes([5, 4, 3, 2], activation="leaky_relu", seed=1)
    layers = [
        nnbook.Layer(strict(la.weights), strict(la.bias), la.activation) for la in reference.layers
    ]
    net = nnbook.Network(layers)
    x = RNG.normal(size=(6, 5))
    acts = net.forward(strict(x), return_activations=True)
    assert all(isinstance(a, StrictArray) for a in acts)
    np.testing.assert_allclose(nnbook.to_numpy(acts[-1]), reference(x), rtol=1e-12)


def test_bias_folding_runs_on_strict_arrays():
    W, b, x = RNG.normal(size=(3, 5)), RNG.normal(size=3), RNG.normal(size=(2, 5))
    layer = nnbook.Layer(strict(W), strict(b), "sigmoid")
    folded = layer.fold()
    assert isinstance(folded.weights, StrictArray)
    out = folded(strict(x))
    assert isinstance(out, StrictArray)
    np.testing.assert_allclose(nnbook.to_numpy(out), nnbook.to_numpy(layer(strict(x))), rtol=1e-12)


def test_strict_layer_refuses_wrong_width_with_a_clear_error():
    layer = nnbook.Layer(strict(np.ones((2, 3))), strict(np.zeros(2)))
    with pytest.raises(ValueError, match="expects 3 input value"):
        layer(strict(np.ones((1, 4))))


def test_neuron_on_strict_arrays():
    n = nnbook.Neuron(strict([1.0, -2.0]), strict(0.5), "relu")
    out = n(strict([[3.0, 1.0], [0.0, 1.0]]))
    assert isinstance(out, StrictArray)
    np.testing.assert_allclose(nnbook.to_numpy(out), [1.5, 0.0])
