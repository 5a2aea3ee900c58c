"""A network: layers in series, reproducible from a seed, every layer's activations on request."""

import copy

import numpy as np
import pytest

import nnbook


def test_network_runs_layers_in_series():
    l1 = nnbook.Layer([[1.0, -1.0], [2.0, 0.0]], [0.0, 1.0], "relu")
    l2 = nnbook.Layer([[1.0, 1.0]], [-1.0], "sigmoid")
    x = np.array([3.0, 1.0])
    np.testing.assert_allclose(nnbook.Network([l1, l2])(x), l2(l1(x)))


def test_forward_can_return_every_layers_activations():
    net = nnbook.Network.from_sizes([3, 4, 2], seed=0)
    x = np.ones((5, 3))
    acts = net.forward(x, return_activations=True)
    assert [a.shape for a in acts] == [(5, 3), (5, 4), (5, 2)]
    np.testing.assert_array_equal(acts[0], x)
    np.testing.assert_allclose(acts[1], net.layers[0](x))
    np.testing.assert_allclose(acts[-1], net(x))


def test_same_seed_gives_the_same_network():
    a = nnbook.Network.from_sizes([4, 8, 3], seed=42)
    b = nnbook.Network.from_sizes([4, 8, 3], seed=42)
    for la, lb in zip(a.layers, b.layers, strict=True):
        np.testing.assert_array_equal(la.weights, lb.weights)
        np.testing.assert_array_equal(la.bias, lb.bias)


def test_different_seeds_give_different_networks():
    a = nnbook.Network.from_sizes([4, 8, 3], seed=1)
    b = nnbook.Network.from_sizes([4, 8, 3], seed=2)
    assert not np.array_equal(a.layers[0].weights, b.layers[0].weights)


def test_initial_weights_are_scaled_by_fan_in():
    net = nnbook.Network.from_sizes([400, 300, 10], activation="relu", seed=0)
    std = float(np.std(nnbook.to_numpy(net.layers[0].weights)))
    assert std == pytest.approx(np.sqrt(2 / 400), rel=0.02)


def test_output_activation_can_differ_from_hidden_activation():
    net = nnbook.Network.from_sizes([2, 3, 1], activation="relu", output_activation="identity")
    assert [layer.activation.name for layer in net.layers] == ["relu", "identity"]


def test_sizes_lists_every_layer_input_first():
    assert nnbook.Network.from_sizes([784, 256, 128, 10]).sizes == [784, 256, 128, 10]


def test_layers_that_do_not_fit_together_are_refused():
    l1 = nnbook.Layer(np.ones((3, 2)), np.zeros(3))
    l2 = nnbook.Layer(np.ones((1, 4)), np.zeros(1))
    with pytest.raises(ValueError, match="layer 1 has 3 outputs but layer 2 expects 4 inputs"):
        nnbook.Network([l1, l2])


@pytest.mark.parametrize("sizes", [[3], [3, 0, 2], [3, -1], [2.5, 3], []])
def test_bad_sizes_are_refused(sizes):
    with pytest.raises(ValueError, match="sizes must list at least two positive integers"):
        nnbook.Network.from_sizes(sizes)


def test_network_refuses_input_of_the_wrong_width():
    net = nnbook.Network.from_sizes([3, 2])
    with pytest.raises(ValueError, match="expects 3 input value"):
        net(np.ones(4))


def test_network_needs_layers():
    with pytest.raises(TypeError, match="non-empty list of Layer"):
        nnbook.Network([])


@pytest.mark.parametrize(
    ("seed", "error"), [("abc", TypeError), (1.5, TypeError), (-1, ValueError)]
)
def test_a_seed_must_be_a_whole_number_said_in_words(seed, error):
    with pytest.raises(error, match=r"seed .* must be an integer >= 0; got"):
        nnbook.Network.from_sizes([2, 3], seed=seed)


def test_a_network_can_be_deep_copied_to_keep_a_snapshot():
    net = nnbook.Network.from_sizes([2, 3, 1], seed=0)
    keep = copy.deepcopy(net)
    net.layers[0].weights = net.layers[0].weights * 0
    assert float(abs(keep.layers[0].weights).sum()) > 0


def test_a_nan_in_one_input_row_stays_in_that_row():
    net = nnbook.Network.from_sizes([3, 4, 2], activation="tanh", seed=0)
    X = np.ones((3, 3))
    X[1, 2] = np.nan
    out = net(X)
    assert np.isnan(out[1]).all()
    assert np.isfinite(out[[0, 2]]).all()
