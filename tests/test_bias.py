"""Folding the bias into W (and a 1 into the input) changes nothing but the bookkeeping."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnbook
from nnbook.activations import NAMES


def test_append_ones_adds_a_last_column_of_ones():
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(nnbook.append_ones(a), [[1, 2, 1], [3, 4, 1]])


def test_fold_bias_puts_b_as_the_last_column():
    W, b = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([5.0, 6.0])
    np.testing.assert_array_equal(nnbook.fold_bias(W, b), [[1, 2, 5], [3, 4, 6]])


def test_folded_neuron_gives_the_same_weighted_sum():
    w, b, x = np.array([0.5, -2.0]), 0.75, np.array([4.0, 1.0])
    folded = nnbook.fold_bias(w, b)
    assert folded @ nnbook.append_ones(x) == pytest.approx(x @ w + b, rel=1e-15)


def test_unfold_bias_undoes_fold_bias():
    rng = np.random.default_rng(0)
    W, b = rng.normal(size=(3, 4)), rng.normal(size=3)
    W2, b2 = nnbook.unfold_bias(nnbook.fold_bias(W, b))
    np.testing.assert_array_equal(W2, W)
    np.testing.assert_array_equal(b2, b)


def test_fold_bias_refuses_a_bias_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"bias must have shape \(2,\).*got \(3,\)"):
        nnbook.fold_bias(np.ones((2, 3)), np.zeros(3))


@given(
    n_in=st.integers(1, 6),
    n_out=st.integers(1, 6),
    batch=st.integers(1, 4),
    name=st.sampled_from(NAMES),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=60, deadline=None)
def test_folded_layer_gives_the_same_outputs_as_the_unfolded_one(n_in, n_out, batch, name, seed):
    rng = np.random.default_rng(seed)
    layer = nnbook.Layer(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), name)
    x = rng.normal(size=(batch, n_in))
    np.testing.assert_allclose(layer.fold()(x), layer(x), rtol=1e-12, atol=1e-12)


def test_folding_with_whole_numbers_is_exact():
    layer = nnbook.Layer([[1.0, 2.0], [3.0, -4.0]], [5.0, -6.0], "relu")
    x = np.array([[1.0, 2.0], [7.0, 1.0]])
    np.testing.assert_array_equal(layer.fold()(x), layer(x))


@given(
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    name=st.sampled_from(NAMES),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=40, deadline=None)
def test_folded_network_gives_the_same_outputs_as_the_unfolded_one(sizes, name, seed):
    net = nnbook.Network.from_sizes(sizes, activation=name, seed=seed)
    for layer in net.layers:  # non-zero biases, so folding has something to do
        layer.bias = layer.bias + 0.5
    x = np.random.default_rng(seed).normal(size=(3, sizes[0]))
    folded = net.fold()
    np.testing.assert_allclose(folded(x), net(x), rtol=1e-12, atol=1e-12)
    for a, b in zip(
        folded.forward(x, return_activations=True),
        net.forward(x, return_activations=True),
        strict=True,
    ):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


def test_unfolding_a_folded_network_gives_back_the_original():
    net = nnbook.Network.from_sizes([3, 4, 2], activation="leaky_relu", seed=3, alpha=0.1)
    back = net.fold().unfold()
    for original, restored in zip(net.layers, back.layers, strict=True):
        np.testing.assert_array_equal(restored.weights, original.weights)
        np.testing.assert_array_equal(restored.bias, original.bias)
        assert restored.activation == original.activation


def test_folded_layer_refuses_input_of_the_wrong_width():
    folded = nnbook.Layer(np.ones((2, 3)), np.zeros(2)).fold()
    assert folded.n_inputs == 3
    with pytest.raises(ValueError, match="expects 3 input value"):
        folded(np.ones(4))  # an input that already carries its 1 is a mistake here
