"""The activation functions: values, ranges, derivatives (checked by finite differences), names."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnbook
from nnbook.activations import NAMES, get_activation

FUNCTIONS = {
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "tanh": lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)),
    "relu": lambda x: np.maximum(0.0, x),
    "leaky_relu": lambda x: np.where(x >= 0, x, 0.01 * x),
    "identity": lambda x: x,
}

moderate = arrays(np.float64, st.integers(1, 20), elements=st.floats(-20, 20))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@given(x=moderate)
@settings(max_examples=30, deadline=None)
def test_each_activation_matches_its_textbook_formula(name, x):
    np.testing.assert_allclose(get_activation(name)(x), FUNCTIONS[name](x), rtol=1e-12, atol=1e-15)


def test_sigmoid_does_not_overflow_or_warn_for_huge_inputs():
    x = np.array([-1000.0, -745.0, 0.0, 745.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = nnbook.sigmoid(x)
    assert np.all(np.isfinite(y))
    assert y[0] == 0.0 and y[-1] == 1.0 and y[2] == 0.5


def test_sigmoid_derivative_does_not_warn_for_huge_inputs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = nnbook.sigmoid_derivative(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(d, [0.0, 0.0])


def test_tanh_is_not_coth():
    x = np.array([0.5, 1.0, 2.0])
    coth = (np.exp(x) + np.exp(-x)) / (np.exp(x) - np.exp(-x))
    assert not np.allclose(nnbook.tanh(x), coth)
    np.testing.assert_allclose(nnbook.tanh(x), 1.0 / coth)


@pytest.mark.parametrize(
    "name, low, high",
    [("sigmoid", 0.0, 1.0), ("tanh", -1.0, 1.0), ("relu", 0.0, np.inf)],
)
@given(x=arrays(np.float64, 10, elements=st.floats(-30, 30)))
@settings(max_examples=30, deadline=None)
def test_activation_stays_in_its_range(name, low, high, x):
    y = get_activation(name)(x)
    assert np.all(y >= low) and np.all(y <= high)


def central_difference(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


@pytest.mark.parametrize("name", NAMES)
@given(x=arrays(np.float64, st.integers(1, 20), elements=st.floats(-8, 8)))
@settings(max_examples=40, deadline=None)
def test_derivative_equals_central_finite_difference(name, x):
    x = x[np.abs(x) > 1e-3]  # ReLU and leaky ReLU have a kink at 0: compare away from it
    phi = get_activation(name, alpha=0.2) if name == "leaky_relu" else get_activation(name)
    np.testing.assert_allclose(phi.derivative(x), central_difference(phi, x), atol=1e-7)


def test_relu_derivative_at_the_kink_is_zero_like_pytorch():
    assert nnbook.relu_derivative(np.array([0.0]))[0] == 0.0


def test_leaky_relu_uses_alpha_only_on_the_negative_side():
    y = nnbook.leaky_relu(np.array([-10.0, 10.0]), alpha=0.3)
    np.testing.assert_allclose(y, [-3.0, 10.0])


def test_leaky_relu_alpha_defaults_to_one_hundredth():
    assert get_activation("leaky_relu").params == (("alpha", 0.01),)
    np.testing.assert_allclose(nnbook.leaky_relu(np.array([-1.0])), [-0.01])


def test_leaky_relu_with_alpha_zero_is_relu():
    x = np.linspace(-3, 3, 13)
    np.testing.assert_array_equal(nnbook.leaky_relu(x, alpha=0.0), nnbook.relu(x))


@pytest.mark.parametrize("alpha", [-0.1, 1.0, 2.5])
def test_leaky_relu_alpha_outside_zero_to_one_is_refused(alpha):
    with pytest.raises(ValueError, match=r"alpha must be in \[0, 1\).*got"):
        get_activation("leaky_relu", alpha=alpha)


@pytest.mark.parametrize("alpha", ["0.1", None, float("nan"), True])
def test_leaky_relu_alpha_must_be_a_number(alpha):
    with pytest.raises(TypeError, match="alpha must be a real number"):
        nnbook.leaky_relu(np.array([1.0]), alpha=alpha)


def test_unknown_activation_name_lists_the_valid_names():
    with pytest.raises(ValueError) as info:
        get_activation("softmaxx")
    message = str(info.value)
    assert "'softmaxx'" in message
    for name in ("sigmoid", "tanh", "relu", "leaky_relu"):
        assert name in message


def test_activation_names_are_forgiving_about_case_and_separators():
    assert get_activation("Leaky-ReLU").name == "leaky_relu"
    assert get_activation(" TANH ").name == "tanh"


def test_activation_must_be_named_by_a_string():
    with pytest.raises(TypeError, match="activation must be a name"):
        get_activation(3)


def test_alpha_is_refused_for_activations_that_have_none():
    with pytest.raises(ValueError, match="alpha only applies to leaky_relu"):
        get_activation("relu", alpha=0.1)


def test_activation_applies_elementwise_to_a_matrix():
    x = np.array([[-1.0, 2.0], [3.0, -4.0]])
    expected = np.array([[nnbook.sigmoid(np.array([v]))[0] for v in row] for row in x])
    np.testing.assert_allclose(nnbook.sigmoid(x), expected)


# --------------------------------------------------------------------------- any real input

EVERY_FUNCTION = [
    nnbook.sigmoid,
    nnbook.sigmoid_derivative,
    nnbook.tanh,
    nnbook.tanh_derivative,
    nnbook.relu,
    nnbook.relu_derivative,
    nnbook.leaky_relu,
    nnbook.leaky_relu_derivative,
    nnbook.identity,
    nnbook.identity_derivative,
]


def test_integer_input_keeps_leaky_relus_small_slope():
    slopes = nnbook.leaky_relu_derivative(np.arange(-3, 4))
    np.testing.assert_array_equal(slopes, [0.01, 0.01, 0.01, 0.01, 1.0, 1.0, 1.0])


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int64, np.bool_])
@pytest.mark.parametrize("phi", EVERY_FUNCTION, ids=lambda f: f.__name__)
def test_integer_and_boolean_arrays_are_computed_in_float64(phi, dtype):
    x = np.array([0, 1, 1], dtype=dtype)
    y = phi(x)
    assert y.dtype == np.float64
    np.testing.assert_allclose(y, phi(x.astype(np.float64)))


def test_booleans_count_as_zero_and_one():
    np.testing.assert_allclose(nnbook.leaky_relu_derivative(np.array([True, False]), 0.1), [1, 0.1])


@pytest.mark.parametrize("phi", EVERY_FUNCTION, ids=lambda f: f.__name__)
def test_a_python_number_gives_a_float_and_a_list_gives_a_numpy_array(phi):
    one = phi(0.5)
    assert type(one) is float
    assert one == pytest.approx(float(phi(np.array([0.5]))[0]))
    many = phi([1.0, -2.0])
    assert isinstance(many, np.ndarray)
    np.testing.assert_allclose(many, phi(np.array([1.0, -2.0])))


@pytest.mark.parametrize("bad", [np.array([1 + 2j]), "abc", ["a", "b"], [object()]])
@pytest.mark.parametrize("phi", EVERY_FUNCTION, ids=lambda f: f.__name__)
def test_complex_strings_and_objects_are_refused_in_words(phi, bad):
    with pytest.raises(TypeError, match="input must hold real numbers; got"):
        phi(bad)


@pytest.mark.parametrize("phi", EVERY_FUNCTION, ids=lambda f: f.__name__)
def test_nan_goes_in_nan_comes_out_even_for_slopes(phi):
    assert np.isnan(phi(np.array([np.nan, 1.0]))[0])


def test_a_numpy_float32_alpha_is_a_real_number():
    assert get_activation("leaky_relu", alpha=np.float32(0.25)).params == (("alpha", 0.25),)
