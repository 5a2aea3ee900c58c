"""Losses and their gradients: formulas, stability, finite differences, clear errors."""

import array_api_strict as xs
import numpy as np
import pytest
from array_api_strict._array_object import Array as StrictArray
from finite_differences import central_differences
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnbook
from nnbook.arrays import check_labels
from nnbook.losses import (
    cross_entropy,
    cross_entropy_gradient,
    log_softmax,
    mse,
    mse_gradient,
    one_hot,
    softmax,
)

FAST = settings(max_examples=25, deadline=None)


@st.composite
def logits_and_labels(draw):
    batch = draw(st.integers(1, 4))
    classes = draw(st.integers(1, 5))
    values = st.floats(-5, 5, allow_nan=False, allow_infinity=False)
    z = draw(arrays(np.float64, (batch, classes), elements=values))
    labels = np.array(draw(st.lists(st.integers(0, classes - 1), min_size=batch, max_size=batch)))
    return z, labels


# --------------------------------------------------------------------------- MSE


def test_mse_by_hand():
    assert mse([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]) == pytest.approx((0 + 4 + 9) / 3)
    assert mse(np.zeros((2, 2)), np.zeros((2, 2))) == 0.0


@FAST
@given(
    st.integers(1, 4).flatmap(
        lambda b: st.integers(1, 4).flatmap(
            lambda k: st.tuples(
                arrays(np.float64, (b, k), elements=st.floats(-3, 3)),
                arrays(np.float64, (b, k), elements=st.floats(-3, 3)),
            )
        )
    )
)
def test_mse_gradient_matches_finite_differences(pair):
    y_pred, y_true = pair
    numeric = central_differences(lambda p: mse(p, y_true), y_pred)
    np.testing.assert_allclose(mse_gradient(y_pred, y_true), numeric, atol=1e-7)


def test_mse_refuses_shape_mismatch_and_empty_batches():
    with pytest.raises(ValueError, match=r"same shape; got \(2, 3\) and \(2,\)"):
        mse(np.zeros((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="empty batch"):
        mse(np.zeros((0, 3)), np.zeros((0, 3)))


# --------------------------------------------------------------------------- softmax


def test_softmax_by_hand():
    p = softmax(np.array([np.log(1.0), np.log(2.0), np.log(5.0)]))
    np.testing.assert_allclose(p, [0.125, 0.25, 0.625])


@FAST
@given(logits_and_labels(), st.floats(-500, 500))
def test_softmax_is_a_distribution_and_ignores_shifts(zl, shift):
    z, _ = zl
    p = softmax(z)
    assert np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(softmax(z + shift), p, atol=1e-12)
    naive = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(p, naive, rtol=1e-12)
    np.testing.assert_allclose(log_softmax(z), np.log(naive), atol=1e-12)


def test_softmax_and_cross_entropy_are_stable_for_huge_logits():
    z = np.array([[1000.0, 0.0, -1000.0], [-800.0, -800.0, -800.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        p = softmax(z)
        value = cross_entropy(z, [1, 2])
        grad = cross_entropy_gradient(z, [1, 2])
    np.testing.assert_allclose(p, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3]], atol=1e-300)
    # row 1 pays 1000 (the right class is 1000 below the winner), row 2 pays log 3
    assert value == pytest.approx((1000.0 + np.log(3.0)) / 2)
    assert np.all(np.isfinite(grad))


# --------------------------------------------------------------------------- cross-entropy


def test_cross_entropy_of_a_uniform_guess_is_log_k():
    for k in (2, 3, 10):
        assert cross_entropy(np.zeros((4, k)), [0, 1, 1, 0]) == pytest.approx(np.log(k))


@FAST
@given(logits_and_labels())
def test_cross_entropy_equals_minus_log_probability_of_the_right_class(zl):
    z, labels = zl
    naive = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    expected = -np.mean(np.log(naive[np.arange(len(labels)), labels]))
    assert cross_entropy(z, labels) == pytest.approx(expected, rel=1e-12, abs=1e-12)


@FAST
@given(logits_and_labels())
def test_cross_entropy_gradient_matches_finite_differences(zl):
    z, labels = zl
    numeric = central_differences(lambda v: cross_entropy(v, labels), z)
    analytic = cross_entropy_gradient(z, labels)
    assert analytic.shape == z.shape
    np.testing.assert_allclose(analytic, numeric, atol=1e-7)


def test_cross_entropy_accepts_a_single_example():
    z = np.array([0.5, -1.0, 2.0])
    assert cross_entropy(z, [2]) == pytest.approx(cross_entropy(z[None, :], [2]))
    np.testing.assert_allclose(
        cross_entropy_gradient(z, [2]), cross_entropy_gradient(z[None], [2])[0]
    )


def test_one_hot_and_label_checks():
    np.testing.assert_array_equal(one_hot([1, 0, 2], 3), np.eye(3)[[1, 0, 2]])
    np.testing.assert_array_equal(check_labels([1.0, 2.0], 3), [1, 2])  # whole floats are fine
    with pytest.raises(ValueError, match=r"integers in 0\.\.9.*from -1 to 3"):
        check_labels([-1, 3], 10)
    with pytest.raises(ValueError, match=r"integers in 0\.\.2.*from 0 to 3"):
        cross_entropy(np.zeros((2, 3)), [0, 3])
    with pytest.raises(TypeError, match="labels must be integers"):
        check_labels([0.5, 1.0], 3)
    with pytest.raises(ValueError, match="one-hot rows"):
        cross_entropy(np.zeros((2, 3)), np.eye(3)[:2])
    with pytest.raises(ValueError, match="2 rows but 3 labels"):
        cross_entropy_gradient(np.zeros((2, 3)), [0, 1, 2])
    with pytest.raises(TypeError, match="real numbers"):
        softmax(np.array(["a", "b"]))


# --------------------------------------------------------------------------- array API


def test_losses_run_on_strict_arrays_and_agree_with_numpy():
    rng = np.random.default_rng(3)
    z, t = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    labels = np.array([0, 2, 1, 2])
    zs, ts = xs.asarray(z), xs.asarray(t)
    for got, want in [
        (softmax(zs), softmax(z)),
        (log_softmax(zs), log_softmax(z)),
        (cross_entropy_gradient(zs, xs.asarray(labels)), cross_entropy_gradient(z, labels)),
        (mse_gradient(zs, ts), mse_gradient(z, t)),
    ]:
        assert isinstance(got, StrictArray)
        np.testing.assert_allclose(nnbook.to_numpy(got), want, rtol=1e-12)
    assert cross_entropy(zs, labels) == pytest.approx(cross_entropy(z, labels), rel=1e-12)
    assert mse(zs, ts) == pytest.approx(mse(z, t), rel=1e-12)


# --------------------------------------------------------------------------- extreme logits


def test_a_minus_infinity_logit_means_probability_zero_and_costs_nothing_elsewhere():
    assert cross_entropy(np.array([[0.0, -np.inf]]), [0]) == 0.0
    np.testing.assert_array_equal(cross_entropy_gradient(np.array([[0.0, -np.inf]]), [0]), [[0, 0]])


def test_logits_at_the_ends_of_float64_give_zero_for_the_right_label_and_inf_for_the_wrong():
    logits = np.array([[1e308, -1e308]])
    with np.errstate(over="ignore"):
        assert cross_entropy(logits, [0]) == 0.0
        assert cross_entropy(logits, [1]) == np.inf


@pytest.mark.parametrize(
    ("logits", "where"),
    [
        ([[0.0, 1.0], [np.nan, 0.0]], "got nan at row 1, column 0"),
        ([[0.0, np.inf]], "got inf at row 0, column 1"),
        ([0.0, np.nan], "got nan at position 1"),
    ],
)
def test_nan_and_plus_infinity_logits_are_refused_with_their_place(logits, where):
    labels = [0] * (len(logits) if np.ndim(logits) == 2 else 1)
    for loss in (cross_entropy, cross_entropy_gradient, softmax):
        with pytest.raises(ValueError, match=where):
            loss(logits, labels) if loss is not softmax else loss(logits)


def test_a_row_where_every_class_is_minus_infinity_is_refused():
    with pytest.raises(ValueError, match="row 1 of the logits gives every class -inf"):
        cross_entropy([[0.0, 1.0], [-np.inf, -np.inf]], [0, 1])


def test_the_loss_of_an_empty_batch_is_refused_like_mse():
    with pytest.raises(ValueError, match="empty batch"):
        cross_entropy(np.zeros((0, 3)), [])
    with pytest.raises(ValueError, match="empty batch"):
        mse(np.zeros(0), np.zeros(0))
