"""One neuron computes phi(X · W + b), for one input vector or a batch of rows."""

import numpy as np
import pytest

import nnbook


def test_neuron_output_is_phi_of_dot_product_plus_bias():
    n = nnbook.Neuron([0.5, -1.0, 2.0], bias=0.1, activation="sigmoid")
    x = [1.0, 2.0, 3.0]
    by_hand = 1.0 / (1.0 + np.exp(-(1.0 * 0.5 + 2.0 * -1.0 + 3.0 * 2.0 + 0.1)))
    assert float(n(x)) == pytest.approx(by_hand, rel=1e-12)


def test_neuron_on_a_batch_gives_one_output_per_row():
    n = nnbook.Neuron([1.0, 1.0], bias=-1.0, activation="relu")
    batch = np.array([[1.0, 1.0], [0.0, 0.0], [3.0, 0.5]])
    out = n(batch)
    assert out.shape == (3,)
    np.testing.assert_allclose(out, [n(row) for row in batch])


def test_bias_shifts_the_threshold_of_a_step_like_neuron():
    x = np.array([[0.0]])
    low = nnbook.Neuron([1.0], bias=-3.0, activation="sigmoid")(x)
    high = nnbook.Neuron([1.0], bias=3.0, activation="sigmoid")(x)
    assert low[0] < 0.5 < high[0]


def test_neuron_weighted_sum_is_before_the_activation():
    n = nnbook.Neuron([2.0], bias=1.0, activation="tanh")
    assert float(n.weighted_sum([3.0])) == 7.0
    assert float(n([3.0])) == pytest.approx(np.tanh(7.0))


def test_neuron_refuses_input_of_the_wrong_width():
    n = nnbook.Neuron([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"expects 3 input value.*got 2"):
        n([1.0, 2.0])


def test_neuron_refuses_a_matrix_of_weights():
    with pytest.raises(ValueError, match="neuron weights must be 1-D; got 2-D"):
        nnbook.Neuron([[1.0, 2.0]])


def test_neuron_refuses_a_vector_bias():
    with pytest.raises(ValueError, match="neuron bias must be 0-D"):
        nnbook.Neuron([1.0, 2.0], bias=[1.0, 2.0])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_neuron_refuses_non_finite_weights(bad):
    with pytest.raises(ValueError, match="must hold finite numbers"):
        nnbook.Neuron([1.0, bad])
