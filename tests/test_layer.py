"""A fully connected layer: phi(a @ W.T + b), equal to its neurons run one by one."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnbook
from nnbook.activations import NAMES


def random_layer(rng, n_in, n_out, activation="tanh"):
    return nnbook.Layer(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), activation)


def test_layer_computes_phi_of_a_times_w_transpose_plus_b():
    W = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]])  # M=2 outputs, N=3 inputs
    b = np.array([0.5, -0.5])
    a = np.array([1.0, 1.0, 2.0])
    expected = np.tanh([1 + 2 + 6 + 0.5, -1 + 0 + 2 - 0.5])
    np.testing.assert_allclose(nnbook.Layer(W, b, "tanh")(a), expected)


def test_weight_i_j_connects_input_j_to_output_i():
    W = np.zeros((3, 4))
    W[2, 1] = 1.0  # from input neuron 1 to output neuron 2
    layer = nnbook.Layer(W, np.zeros(3), "identity")
    out = layer(np.array([0.0, 5.0, 0.0, 0.0]))
    np.testing.assert_array_equal(out, [0.0, 0.0, 5.0])


def test_layer_shape_is_outputs_by_inputs():
    layer = nnbook.Layer(np.ones((5, 3)), np.zeros(5))
    assert layer.shape == (5, 3)
    assert (layer.n_outputs, layer.n_inputs) == (5, 3)


def test_a_batch_of_rows_gives_a_batch_of_rows():
    rng = np.random.default_rng(0)
    layer = random_layer(rng, 4, 3)
    batch = rng.normal(size=(7, 4))
    out = layer(batch)
    assert out.shape == (7, 3)
    np.testing.assert_allclose(out, np.stack([layer(row) for row in batch]))


@given(
    n_in=st.integers(1, 6),
    n_out=st.integers(1, 6),
    batch=st.integers(1, 5),
    name=st.sampled_from(NAMES),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=60, deadline=None)
def test_layer_matmul_equals_loop_over_its_neurons(n_in, n_out, batch, name, seed):
    rng = np.random.default_rng(seed)
    layer = random_layer(rng, n_in, n_out, name)
    x = rng.normal(size=(batch, n_in))
    looped = np.stack([neuron(x) for neuron in layer.neurons()], axis=1)
    np.testing.assert_allclose(layer(x), looped, rtol=1e-12, atol=1e-12)


@given(
    weights=arrays(np.float64, (3, 4), elements=st.floats(-5, 5)),
    biases=arrays(np.float64, 3, elements=st.floats(-5, 5)),
    x=arrays(np.float64, 4, elements=st.floats(-5, 5)),
)
@settings(max_examples=40, deadline=None)
def test_layer_built_from_neurons_equals_running_them_one_by_one(weights, biases, x):
    neurons = [nnbook.Neuron(w, b, "sigmoid") for w, b in zip(weights, biases, strict=True)]
    layer = nnbook.Layer.from_neurons(neurons)
    np.testing.assert_allclose(layer(x), [float(n(x)) for n in neurons], rtol=1e-12)


def test_from_neurons_refuses_neurons_with_different_widths():
    with pytest.raises(ValueError, match="same inputs"):
        nnbook.Layer.from_neurons([nnbook.Neuron([1.0]), nnbook.Neuron([1.0, 2.0])])


def test_from_neurons_refuses_mixed_activations():
    with pytest.raises(ValueError, match="share one activation"):
        nnbook.Layer.from_neurons(
            [nnbook.Neuron([1.0], 0, "relu"), nnbook.Neuron([1.0], 0, "tanh")]
        )


def test_from_neurons_refuses_an_empty_list():
    with pytest.raises(TypeError, match="non-empty list of Neuron"):
        nnbook.Layer.from_neurons([])


def test_layer_refuses_input_of_the_wrong_width():
    layer = nnbook.Layer(np.ones((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match=r"expects 3 input value\(s\); got 4 per row"):
        layer(np.ones((5, 4)))


def test_layer_refuses_a_bias_column_that_would_broadcast_silently():
    with pytest.raises(ValueError, match=r"bias must be 1-D of shape \(2,\).*got shape \(2, 1\)"):
        nnbook.Layer(np.ones((2, 3)), np.zeros((2, 1)))


def test_layer_refuses_a_bias_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"bias must be 1-D of shape \(2,\).*got shape \(3,\)"):
        nnbook.Layer(np.ones((2, 3)), np.zeros(3))


def test_layer_refuses_three_dimensional_input():
    layer = nnbook.Layer(np.ones((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="must be 1-D or 2-D; got 3-D with shape"):
        layer(np.ones((4, 5, 3)))


def test_layer_refuses_one_dimensional_weights():
    with pytest.raises(ValueError, match="weights must be 2-D; got 1-D"):
        nnbook.Layer(np.ones(3), np.zeros(1))


@pytest.mark.parametrize("bad", [["a", "b", "c"], [1.0, None, 2.0], [1 + 2j, 0, 0]])
def test_layer_refuses_non_numeric_input(bad):
    layer = nnbook.Layer(np.ones((2, 3)), np.zeros(2))
    with pytest.raises(TypeError, match="must hold real numbers"):
        layer(bad)


@pytest.mark.parametrize("bad", [np.array(["a", "b", "c"]), np.array([1j, 2.0, 3.0])])
def test_layer_refuses_non_numeric_numpy_arrays(bad):
    layer = nnbook.Layer(np.ones((2, 3)), np.zeros(2))
    with pytest.raises(TypeError, match="must hold real numbers"):
        layer(bad)


def test_layer_refuses_ragged_input():
    layer = nnbook.Layer(np.ones((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="rectangular array"):
        layer([[1.0, 2.0, 3.0], [1.0]])


@pytest.mark.parametrize("where", ["weights", "bias"])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_layer_refuses_nan_or_infinite_parameters(where, bad):
    W, b = np.ones((2, 3)), np.zeros(2)
    (W if where == "weights" else b).flat[0] = bad
    place = "row 0, column 0" if where == "weights" else "position 0"
    message = f"{where} must hold finite numbers; its first bad value is {bad} at {place}"
    with pytest.raises(ValueError, match=message):
        nnbook.Layer(W, b)


def test_layer_refuses_string_weights():
    with pytest.raises(TypeError, match="weights must hold real numbers"):
        nnbook.Layer([["1", "2"]], [0.0])


def test_integer_input_is_accepted_as_floats():
    layer = nnbook.Layer(np.eye(2), np.zeros(2), "identity")
    out = layer([[1, 2]])
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, [[1.0, 2.0]])


def test_layer_leaky_relu_alpha_is_settable():
    layer = nnbook.Layer(np.eye(1), np.zeros(1), "leaky_relu", alpha=0.5)
    np.testing.assert_allclose(layer([-2.0]), [-1.0])
