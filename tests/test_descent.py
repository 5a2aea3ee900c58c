"""Learning as going downhill: the line fit's loss, its gradient and curvature, and descent.

Every formula is checked against an oracle that does not use it: the loss against
nnbook's own MSE and a plain loop, the gradient against central differences of the
loss, the Hessian against central differences of the gradient, the minimum against
NumPy's least-squares ``polyfit``, and the critical learning rate by running descent
just below and just above it.
"""

import warnings

import array_api_strict as xs
import numpy as np
import pytest
from finite_differences import central_differences

from nnbook.descent import DIVERGENCE_FACTOR, LineFit, noisy_line
from nnbook.losses import mse

X, Y = noisy_line()
FIT = LineFit(X, Y)
POINTS = [(0.0, 0.0), (-1.0, 4.0), (2.5, -0.5), (3.0, 3.0)]
STRICT = type(xs.asarray(0.0))


def plain_loss(w, b):
    """L(w, b) written out with a loop over the data, for one (w, b)."""
    return sum((w * x + b - y) ** 2 for x, y in zip(X, Y, strict=True)) / len(X)


# --- the data ---------------------------------------------------------------------------


def test_noisy_line_gives_the_same_points_for_the_same_seed():
    x1, y1 = noisy_line(seed=3)
    x2, y2 = noisy_line(seed=3)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(noisy_line(seed=4)[1], y1)


def test_noisy_line_scatters_sorted_points_near_y_equals_2x_plus_1():
    x, y = noisy_line(200, noise=0.3)
    assert x.shape == y.shape == (200,)
    assert np.all(np.diff(x) >= 0) and 0.0 <= x.min() and x.max() <= 2.0
    residuals = y - (2 * x + 1)
    assert abs(residuals.std() - 0.3) < 0.05 and abs(residuals.mean()) < 0.06


def test_noisy_line_without_noise_lies_on_the_line():
    x, y = noisy_line(5, slope=-1.0, intercept=0.5, noise=0.0)
    np.testing.assert_allclose(y, -x + 0.5, atol=1e-15)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n": 1}, ValueError, "n must be an integer >= 2; got 1"),
        ({"n": 2.5}, TypeError, "n must be an integer >= 2; got 2.5"),
        ({"noise": -0.1}, ValueError, "noise must be a real number >= 0; got -0.1"),
    ],
)
def test_noisy_line_refuses_bad_arguments_in_words(kwargs, error, message):
    with pytest.raises(error, match=message):
        noisy_line(**kwargs)


# --- the loss and its gradient ----------------------------------------------------------


@pytest.mark.parametrize(("w", "b"), POINTS)
def test_loss_is_the_mse_of_the_lines_predictions(w, b):
    assert FIT.loss(w, b) == pytest.approx(mse(w * X + b, Y), rel=1e-12)
    assert FIT.loss(w, b) == pytest.approx(plain_loss(w, b), rel=1e-12)


def test_loss_on_a_grid_is_the_loss_at_each_point():
    w, b = np.meshgrid(np.linspace(-2, 6, 7), np.linspace(-3, 5, 5))
    surface = FIT.loss(w, b)
    assert surface.shape == (5, 7)
    for i, j in np.ndindex(w.shape):
        assert surface[i, j] == pytest.approx(plain_loss(w[i, j], b[i, j]), rel=1e-12)


def test_loss_broadcasts_a_row_of_slopes_against_a_column_of_intercepts():
    ws, bs = np.array([0.0, 1.0, 2.0]), np.array([[-1.0], [1.0]])
    np.testing.assert_allclose(FIT.loss(ws, bs), [[plain_loss(w, b[0]) for w in ws] for b in bs])


@pytest.mark.parametrize(("w", "b"), POINTS)
def test_gradient_matches_central_differences_of_the_loss(w, b):
    numeric = central_differences(lambda p: plain_loss(*p), [w, b])
    np.testing.assert_allclose(FIT.gradient(w, b), numeric, rtol=1e-6, atol=1e-7)


def test_gradient_on_a_grid_is_the_gradient_at_each_point():
    w, b = np.meshgrid(np.linspace(-2, 6, 4), np.linspace(-3, 5, 3))
    dw, db = FIT.gradient(w, b)
    for i, j in np.ndindex(w.shape):
        assert (dw[i, j], db[i, j]) == pytest.approx(FIT.gradient(w[i, j], b[i, j]), rel=1e-12)


@pytest.mark.parametrize(("w", "b"), POINTS)
def test_hessian_matches_central_differences_of_the_gradient(w, b):
    rows = [central_differences(lambda p, k=k: FIT.gradient(*p)[k], [w, b]) for k in (0, 1)]
    np.testing.assert_allclose(FIT.hessian(), rows, rtol=1e-6)


def test_minimum_is_the_least_squares_line():
    slope, intercept = np.polyfit(X, Y, 1)
    assert FIT.minimum() == pytest.approx((slope, intercept), rel=1e-12)


def test_gradient_vanishes_at_the_minimum():
    np.testing.assert_allclose(FIT.gradient(*FIT.minimum()), 0.0, atol=1e-12)


def test_the_best_line_for_points_on_a_line_is_that_line_with_loss_zero():
    fit = LineFit(*noisy_line(10, slope=-0.5, intercept=3.0, noise=0.0))
    assert fit.minimum() == pytest.approx((-0.5, 3.0), rel=1e-12)
    assert fit.loss(*fit.minimum()) == pytest.approx(0.0, abs=1e-24)


# --- gradient descent -------------------------------------------------------------------


def test_each_step_goes_against_the_gradient_times_the_learning_rate():
    run = FIT.descend(start=(-1.0, 4.0), lr=0.2, steps=5)
    for before, after in zip(run.path[:-1], run.path[1:], strict=True):
        slope = central_differences(lambda p: plain_loss(*p), before)
        np.testing.assert_allclose(after, before - 0.2 * slope, rtol=1e-7, atol=1e-8)


def test_path_has_the_start_and_one_point_per_step_and_their_losses():
    run = FIT.descend(start=[-1.0, 4.0], lr=0.1, steps=12)
    assert run.path.shape == (13, 2) and run.losses.shape == (13,)
    np.testing.assert_array_equal(run.path[0], [-1.0, 4.0])
    np.testing.assert_allclose(run.losses, [plain_loss(w, b) for w, b in run.path], rtol=1e-12)
    assert (run.lr, run.steps, run.diverged_at, run.diverged) == (0.1, 12, None, False)


def test_zero_steps_stay_at_the_start():
    run = FIT.descend(start=(1.0, 1.0), lr=0.1, steps=0)
    np.testing.assert_array_equal(run.path, [[1.0, 1.0]])
    assert run.final_loss == pytest.approx(plain_loss(1.0, 1.0))


def test_a_good_learning_rate_walks_downhill_to_the_minimum():
    run = FIT.descend(start=(-1.0, 4.0), lr=0.3, steps=100)
    assert np.all(np.diff(run.losses) < 0)
    np.testing.assert_allclose(run.path[-1], FIT.minimum(), atol=1e-4)


def test_a_tiny_learning_rate_is_still_far_from_the_minimum_after_30_steps():
    run = FIT.descend(start=(-1.0, 4.0), lr=0.01, steps=30)
    assert np.all(np.diff(run.losses) < 0)
    assert run.final_loss > 10 * FIT.loss(*FIT.minimum())


def test_critical_learning_rate_is_two_over_the_hessians_largest_eigenvalue():
    largest = max(np.linalg.eigvals(FIT.hessian()).real)
    assert FIT.critical_learning_rate() == pytest.approx(2 / largest, rel=1e-12)


def test_descent_converges_just_below_the_critical_learning_rate():
    lr = 0.99 * FIT.critical_learning_rate()
    run = FIT.descend(start=(-1.0, 4.0), lr=lr, steps=2000)
    assert not run.diverged
    np.testing.assert_allclose(run.path[-1], FIT.minimum(), atol=1e-8)


def test_descent_diverges_just_above_the_critical_learning_rate():
    lr = 1.01 * FIT.critical_learning_rate()
    run = FIT.descend(start=(-1.0, 4.0), lr=lr, steps=2000)
    assert run.diverged
    distance = np.linalg.norm(run.path - np.array(FIT.minimum()), axis=1)
    assert distance[-1] > 100 * distance[0]


def test_a_diverging_run_stops_recording_and_says_where_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning would fail the test
        run = FIT.descend(start=(-1.0, 4.0), lr=0.6, steps=100)
    assert run.diverged_at == len(run.path) == len(run.losses) < 100
    assert np.all(np.isfinite(run.path)) and np.all(run.losses <= DIVERGENCE_FACTOR * run.losses[0])
    # the step after the last recorded point is the one that passed the limit
    w, b = run.path[-1] - 0.6 * np.array(FIT.gradient(*run.path[-1]))
    assert FIT.loss(w, b) > DIVERGENCE_FACTOR * run.losses[0]
    assert run.summary() == (
        f"diverged at step {run.diverged_at}: the loss passed a million times its starting value"
    )


def test_an_absurd_learning_rate_overflows_at_once_and_is_reported_not_raised():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = FIT.descend(start=(-1.0, 4.0), lr=1e300, steps=10)
    assert run.diverged_at == 1
    np.testing.assert_array_equal(run.path, [[-1.0, 4.0]])


def test_a_loss_that_is_not_a_number_counts_as_diverged():
    # w and b overflow to opposite infinities: the residuals are inf - inf, nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = FIT.descend(start=(8.0, -7.0), lr=1e308, steps=10)
    assert run.diverged_at == 1
    assert np.all(np.isfinite(run.losses))


def test_summary_gives_the_loss_before_and_after():
    run = FIT.descend(start=(-1.0, 4.0), lr=0.3, steps=30)
    assert run.summary() == (f"loss {run.losses[0]:.4g} -> {run.losses[-1]:.4g} after 30 steps")
    assert repr(run) == f"DescentRun(lr=0.3, steps=30: {run.summary()})"


# --- NumPy in, NumPy out ----------------------------------------------------------------


def test_numbers_in_give_floats_out():
    assert type(FIT.loss(1.0, 2)) is float
    assert all(type(g) is float for g in FIT.gradient(1, 2.0))


def test_lists_and_numpy_arrays_in_give_numpy_arrays_out():
    assert isinstance(FIT.loss([1.0, 2.0], 0.0), np.ndarray)
    assert isinstance(FIT.gradient(np.array([1.0]), 0.0)[1], np.ndarray)
    run = FIT.descend((0.0, 0.0), lr=0.1, steps=2)
    assert isinstance(run.path, np.ndarray) and isinstance(run.losses, np.ndarray)


def test_another_librarys_arrays_come_back_as_that_library():
    assert isinstance(FIT.loss(xs.asarray([1.0, 2.0]), 0.0), STRICT)
    run = FIT.descend(xs.asarray([0.0, 0.0]), lr=0.1, steps=2)
    assert isinstance(run.path, STRICT) and isinstance(run.losses, STRICT)
    np.testing.assert_allclose(
        np.asarray(run.path), FIT.descend((0.0, 0.0), lr=0.1, steps=2).path, rtol=0
    )


# --- clear errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lr": 0.0}, ValueError, "lr must be a real number > 0; got 0.0"),
        ({"lr": "0.1"}, TypeError, "lr must be a real number > 0; got '0.1'"),
        ({"steps": -1}, ValueError, "steps must be an integer >= 0; got -1"),
        ({"steps": 2.0}, TypeError, "steps must be an integer >= 0; got 2.0"),
        ({"start": (1.0, 2.0, 3.0)}, ValueError, r"start must be 2 numbers, \(w, b\); got 3"),
        ({"start": (np.nan, 2.0)}, ValueError, "start must hold finite numbers"),
        ({"start": ("a", "b")}, TypeError, "start must hold real numbers"),
    ],
)
def test_descend_refuses_bad_arguments_in_words(kwargs, error, message):
    arguments = {"start": (0.0, 0.0), "lr": 0.1, "steps": 5, **kwargs}
    with pytest.raises(error, match=message):
        FIT.descend(**arguments)


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([0.0, 1.0, 2.0], [1.0, 2.0], "x and y must have the same length.*got 3 and 2"),
        ([1.0, 1.0, 1.0], [1.0, 2.0, 3.0], "two different values.*got 3 point.s. with x = 1 only"),
        ([], [], "x must hold at least two different values.*got 0 point.s. with no x at all"),
        ([0.0, 1.0], [1.0, np.inf], "y must hold finite numbers"),
        ([[0.0, 1.0]], [[1.0, 2.0]], "x must be 1-D; got 2-D"),
    ],
)
def test_a_line_fit_refuses_data_that_fix_no_line(x, y, message):
    with pytest.raises(ValueError, match=message):
        LineFit(x, y)


def test_grid_shapes_that_do_not_broadcast_are_refused_with_the_fix():
    with pytest.raises(ValueError, match=r"np.meshgrid\); got shapes \(3,\) and \(2,\)"):
        FIT.loss(np.zeros(3), np.zeros(2))
