"""The learning-rate explorer, driven headless: move each slider, check the path and the words.

The expected paths are computed here with the update rule written out
(``(w, b) <- (w, b) - lr (dL/dw, dL/db)``), not read back from nnbook.descent.
"""

import base64
import contextlib
import re
import warnings

import numpy as np
import pytest
from matplotlib.colors import to_hex

from nnbook.descent import LineFit, noisy_line
from nnbook.widgets import LearningRateExplorer, learning_rate_explorer

X, Y = noisy_line()
START = (-1.0, 4.0)


def loss(w, b):
    return float(np.mean((w * X + b - Y) ** 2))


def descent(lr, steps, start=START):
    """The points gradient descent visits, and the step at which the loss passed a
    million times its start (None if it never did)."""
    w, b = start
    path, limit = [(w, b)], 1e6 * loss(w, b)
    for step in range(1, steps + 1):
        r = w * X + b - Y
        w, b = w - lr * 2 * np.mean(r * X), b - lr * 2 * np.mean(r)
        if not loss(w, b) <= limit:
            return np.array(path), step
        path.append((w, b))
    return np.array(path), None


def critical_lr():
    hessian = 2 * np.array([[np.mean(X * X), np.mean(X)], [np.mean(X), 1.0]])
    return 2 / max(np.linalg.eigvalsh(hessian))


@contextlib.contextmanager
def warnings_raise():
    """NumPy's warnings (overflow, invalid value) and matplotlib's (a non-positive log-scale
    limit...) raise inside; deprecation notices between the libraries below us do not
    (pyparsing warns about matplotlib 3.7's mathtext, with the lowest versions CI tests)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        warnings.simplefilter("error", UserWarning)
        warnings.simplefilter("default", DeprecationWarning)  # pyparsing's are UserWarnings too
        yield


def readout_text(explorer):
    """The readout as plain text: one line per <br>, tags dropped (λ<sub>max</sub>: λmax)."""
    text = explorer.readout.value.replace("<br>", "\n")
    return re.sub(r"<[^>]+>", "", text).replace("&gt;", ">")


# --- what the picture shows -------------------------------------------------------------


def test_path_is_gradient_descent_from_the_start():
    explorer = learning_rate_explorer(lr=0.3, steps=30)
    path, _ = descent(0.3, 30)
    np.testing.assert_allclose(np.column_stack(explorer.path_line.get_data()), path, rtol=1e-12)
    np.testing.assert_allclose(np.column_stack(explorer.end_marker.get_data()), path[-1:])


def test_loss_curve_is_the_loss_at_each_point_of_the_path():
    explorer = learning_rate_explorer(lr=0.1, steps=20)
    steps, losses = explorer.loss_line.get_data()
    np.testing.assert_array_equal(steps, np.arange(21))
    np.testing.assert_allclose(losses, [loss(w, b) for w, b in descent(0.1, 20)[0]], rtol=1e-12)


def test_contours_are_lines_of_equal_loss():
    explorer = learning_rate_explorer()
    contours = explorer.contours
    for level, pieces in zip(contours.levels, contours.allsegs, strict=True):
        vertices = np.concatenate(pieces)
        assert len(vertices) > 0
        np.testing.assert_allclose([loss(w, b) for w, b in vertices], level, rtol=0.01)


def test_minimum_marker_sits_on_the_least_squares_line():
    explorer = learning_rate_explorer()
    w, b = explorer.minimum_marker.get_data()
    np.testing.assert_allclose([w[0], b[0]], np.polyfit(X, Y, 1), rtol=1e-9)
    assert explorer.minimum_loss_line.get_ydata()[0] == pytest.approx(loss(w[0], b[0]))


def test_axes_are_labelled_and_the_path_is_okabe_ito_vermillion():
    explorer = learning_rate_explorer()
    assert (explorer.ax.get_xlabel(), explorer.ax.get_ylabel()) == ("slope w", "intercept b")
    assert explorer.loss_ax.get_xlabel() == "step"
    assert explorer.loss_ax.get_ylabel() == "loss L(w, b), log scale"
    assert to_hex(explorer.path_line.get_color()) == "#d55e00"
    assert to_hex(explorer.end_marker.get_color()) == "#0072b2"
    legend = [t.get_text() for t in explorer.ax.get_legend().get_texts()]
    assert legend == ["minimum (2.02, 1.00)", "path of descent", "where it stops"]


# --- moving the sliders -----------------------------------------------------------------


@pytest.mark.parametrize("lr", [0.001, 0.05, 0.3, 0.42])
def test_learning_rate_slider_redraws_the_path_and_the_title(lr):
    explorer = learning_rate_explorer(lr=0.2, steps=30)
    explorer.lr.value = lr
    path, diverged_at = descent(lr, 30)
    assert diverged_at is None
    np.testing.assert_allclose(np.column_stack(explorer.path_line.get_data()), path, rtol=1e-12)
    final = loss(*path[-1])
    assert explorer.title_text.get_text() == f"lr = {lr:.3g}: loss {final:.4g} after 30 steps"
    assert f"loss {loss(*START):.4g} -> {final:.4g} after 30 steps" in readout_text(explorer)


def test_steps_slider_makes_the_path_longer():
    explorer = learning_rate_explorer(lr=0.1, steps=10)
    explorer.steps.value = 60
    path, _ = descent(0.1, 60)
    assert len(explorer.path_line.get_xdata()) == 61
    np.testing.assert_allclose(np.column_stack(explorer.path_line.get_data()), path, rtol=1e-12)
    assert len(explorer.loss_line.get_xdata()) == 61
    assert explorer.title_text.get_text().endswith("after 60 steps")


def test_a_smaller_learning_rate_ends_further_from_the_minimum():
    explorer = learning_rate_explorer(lr=0.3, steps=30)
    near = loss(*explorer.run.path[-1])
    explorer.lr.value = 0.03
    assert loss(*explorer.run.path[-1]) > 10 * near


def test_readout_compares_the_learning_rate_with_two_over_lambda_max():
    explorer = learning_rate_explorer(lr=0.1)
    critical = critical_lr()
    assert f"lr = 0.1, below the critical 2/λmax = {critical:.3g}" in readout_text(explorer)
    assert "descent converges from any start" in readout_text(explorer)
    explorer.lr.value = 0.5
    assert f"above the critical 2/λmax = {critical:.3g}" in readout_text(explorer)
    assert "descent diverges from almost any start" in readout_text(explorer)


def test_a_diverging_learning_rate_says_at_which_step_in_words_without_a_warning():
    explorer = learning_rate_explorer(lr=0.3, steps=60)
    with warnings_raise():
        explorer.lr.value = 0.8
    path, diverged_at = descent(0.8, 60)
    assert diverged_at is not None and diverged_at < 60
    assert explorer.title_text.get_text() == f"lr = 0.8: diverged at step {diverged_at}"
    assert f"diverged at step {diverged_at}: the loss passed a million times" in (
        readout_text(explorer)
    )
    drawn = np.column_stack(explorer.path_line.get_data())
    np.testing.assert_allclose(drawn, path, rtol=1e-12)
    assert np.all(np.isfinite(drawn))


def test_just_above_the_critical_learning_rate_the_loss_grows():
    explorer = learning_rate_explorer(steps=100)
    explorer.lr.value = 0.45  # critical is 0.438 for the course's data
    assert critical_lr() < 0.45
    losses = explorer.loss_line.get_ydata()
    assert losses[-1] > losses[0]


# --- in place, and the saved output -----------------------------------------------------


def test_every_slider_updates_the_same_figure_in_place_and_replaces_the_image():
    explorer = learning_rate_explorer()
    figure, axes = explorer.figure, list(explorer.figure.axes)
    artists = (explorer.path_line, explorer.end_marker, explorer.loss_line, explorer.title_text)
    children = [len(ax.get_children()) for ax in axes]
    for control, value in [(explorer.lr, 0.05), (explorer.steps, 80), (explorer.lr, 0.7)]:
        before = bytes(explorer.image.value)
        control.value = value
        assert bytes(explorer.image.value) != before, control.description
    assert explorer.figure is figure and explorer.figure.axes == axes
    assert (explorer.path_line, explorer.end_marker, explorer.loss_line) == artists[:3]
    assert explorer.title_text is artists[3]
    assert [len(ax.get_children()) for ax in axes] == children
    assert explorer.render_count == 1 + 3
    assert explorer.full_draws == 1  # the contours were drawn once, then only blitted over


def test_saved_output_has_a_fixed_text_and_a_png():
    explorer = learning_rate_explorer(lr=0.3, steps=30)
    bundle = explorer._repr_mimebundle_()
    final = loss(*descent(0.3, 30)[0][-1])
    assert bundle["text/plain"] == (
        "Learning-rate explorer: gradient descent on the line fit's loss L(w, b) from "
        f"(w, b) = (-1, 4) with lr = 0.3 for 30 steps: loss {loss(*START):.4g} -> "
        f"{final:.4g} after 30 steps (critical learning rate {critical_lr():.3g}; run the "
        "notebook to move the sliders)"
    )
    assert base64.b64decode(bundle["image/png"]) == bytes(explorer.image.value)


def test_another_line_fit_and_start_can_be_explored():
    fit = LineFit([0.0, 1.0, 2.0, 3.0], [0.5, 0.0, -0.5, -1.0])  # y = -x/2 + 1/2
    explorer = learning_rate_explorer(fit, lr=0.05, steps=5, start=(1.0, 2.0))
    # 4 either side of the minimum (-0.5, 0.5), rounded to (0, 0)
    assert explorer.ax.get_xlim() == (-4.0, 4.0) and explorer.ax.get_ylim() == (-4.0, 4.0)
    np.testing.assert_allclose(explorer.path_line.get_xydata(), fit.descend((1, 2), 0.05, 5).path)


def test_points_exactly_on_a_line_have_minimum_loss_0_and_still_a_log_scale_without_warnings():
    fit = LineFit([0.0, 1.0, 2.0], [0.0, 0.0, 0.0])  # y = 0: w = b = 0 has loss exactly 0
    with warnings_raise():  # "no positive values" or "non-positive ylim" would fail
        explorer = learning_rate_explorer(fit, lr=0.1, steps=50, start=(1.0, 1.0))
    low, high = explorer.loss_ax.get_ylim()
    assert 0 < low < explorer.run.final_loss < explorer.run.losses[0] < high
    assert low == pytest.approx(1e-8 * high)  # eight decades, not hundreds


def test_a_window_given_is_the_plotted_area_and_the_contour_grid():
    explorer = LearningRateExplorer(window=((0.0, 4.0), (-1.0, 3.0)), start=(0.5, 2.5))
    assert explorer.ax.get_xlim() == (0.0, 4.0) and explorer.ax.get_ylim() == (-1.0, 3.0)
    assert (explorer.grid_w.min(), explorer.grid_w.max()) == (0.0, 4.0)
    assert (explorer.grid_b.min(), explorer.grid_b.max()) == (-1.0, 3.0)


# --- clear errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lr": 2.0}, ValueError, r"lr must be a real number in \[0.001, 1\]; got 2.0"),
        ({"lr": 0.0}, ValueError, r"lr must be a real number in \[0.001, 1\]; got 0.0"),
        ({"steps": 0}, ValueError, r"steps must be an integer in \[1, 100\]; got 0"),
        ({"steps": 10.5}, TypeError, r"steps must be an integer in \[1, 100\]; got 10.5"),
        ({"start": (9.0, 0.0)}, ValueError, r"start's w must be a real number in \[-2, 6\]"),
        ({"start": 3.0}, TypeError, r"start must be two numbers \(w, b\); got 3.0"),
        ({"fit": (X, Y)}, TypeError, r"fit must be a LineFit .*; got tuple"),
    ],
)
def test_explorer_refuses_bad_arguments_with_clear_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        learning_rate_explorer(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"window": ((0.0, 1.0),)}, TypeError, r"window must be two ranges, \(\(w_low"),
        ({"window": ((1.0, 0.0), (0.0, 1.0))}, ValueError, r"window's w range must have low < hi"),
        ({"window": ((0.0, np.nan), (0.0, 1.0))}, ValueError, r"window's w high must be a real"),
        ({"window": ((0.0, 1.0), (0.0, 1e300))}, ValueError, r"window's b high .*1e\+06\]"),
        ({"resolution": 10**6}, ValueError, r"resolution must be an integer in \[2, 1000\]"),
    ],
)
def test_the_plotted_window_and_grid_are_refused_when_unusable(kwargs, error, message):
    with pytest.raises(error, match=message):
        LearningRateExplorer(
            **{"window": ((-1.0, 1.0), (-1.0, 1.0)), "start": (0.0, 0.0), **kwargs}
        )


@pytest.mark.parametrize(
    ("slider", "value", "message"),
    [
        ("lr", 5.0, r"lr must be a real number in \[0.001, 1\]; got 5.0"),
        ("lr", 1e-4, r"lr must be a real number in \[0.001, 1\]; got 0.0001"),
        ("steps", 500, r"steps must be an integer in \[1, 100\]; got 500"),
    ],
)
def test_sliders_refuse_values_outside_their_range_instead_of_clamping(slider, value, message):
    explorer = learning_rate_explorer(lr=0.2, steps=30)
    renders = explorer.render_count
    with pytest.raises(ValueError, match=message):
        getattr(explorer, slider).value = value
    assert (explorer.lr.value, explorer.steps.value) == (0.2, 30)
    assert explorer.render_count == renders


def test_a_rounding_error_at_the_end_of_the_log_slider_is_the_end():
    explorer = learning_rate_explorer()
    explorer.lr.value = 1.0000000000000002  # 10 ** 0 as a browser may compute it
    assert explorer.lr.value == 1.0
