"""The interactive widgets, driven headless: move each control, check the plotted numbers.

The expected values are computed here from the formulas (or finite differences),
not read back from the widget's own helpers.
"""

import base64
import io
import re

import numpy as np
import pytest
from PIL import Image

import nnbook
from nnbook.widgets import (
    ActivationExplorer,
    NeuronPlayground,
    activation_explorer,
    neuron_playground,
)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


FORMULAS = {
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "relu": lambda x: np.maximum(x, 0.0),
    "leaky_relu": lambda x: np.where(x >= 0, x, 0.1 * x),  # alpha 0.1
    "identity": lambda x: x,
}


def visible(lines):
    return {name for name, line in lines.items() if line.get_visible()}


def readout_numbers(explorer):
    """{"sigmoid(1.00)": 0.7311, "sigmoid'(1.00)": 0.1966, ...} from the readout text."""
    text = explorer.readout.value.replace("&nbsp;", " ")
    return {
        k.strip(): float(v) for k, v in re.findall(r"([\w ]+'?\(-?[\d.]+\)) = (-?[\d.]+)", text)
    }


def png_pixels(data):
    return np.asarray(Image.open(io.BytesIO(bytes(data))))


# --- activation explorer ---------------------------------------------------------------


def test_explorer_starts_with_sigmoid_on_minus_5_to_5():
    explorer = activation_explorer()
    x, y = explorer.lines["sigmoid"].get_data()
    assert visible(explorer.lines) == {"sigmoid"}
    assert x[0] == -5.0 and x[-1] == 5.0
    np.testing.assert_allclose(y, sigmoid(x), atol=1e-12)


@pytest.mark.parametrize("name", ["tanh", "relu", "leaky_relu", "sigmoid"])
def test_function_dropdown_plots_the_chosen_function(name):
    explorer = activation_explorer("tanh" if name == "sigmoid" else "sigmoid")
    explorer.function.value = name
    assert visible(explorer.lines) == {name}
    x, y = explorer.lines[name].get_data()
    np.testing.assert_allclose(y, FORMULAS[name](x), atol=1e-12)


def test_the_explorer_opens_on_one_function():
    explorer = activation_explorer()
    assert visible(explorer.lines) == {"sigmoid"}
    assert [box.value for box in explorer.also.values()] == [True, False, False, False]


def test_also_show_boxes_add_functions_beside_the_chosen_one():
    explorer = activation_explorer("relu")
    explorer.also["tanh"].value = True
    assert visible(explorer.lines) == {"relu", "tanh"}
    explorer.also["tanh"].value = False
    assert visible(explorer.lines) == {"relu"}


def test_the_chosen_functions_box_stays_ticked_and_the_old_one_is_freed():
    explorer = activation_explorer("tanh")
    assert explorer.also["tanh"].disabled and explorer.also["tanh"].value
    explorer.also["tanh"].value = False  # cannot hide the chosen function
    assert visible(explorer.lines) == {"tanh"}
    explorer.function.value = "relu"
    assert not explorer.also["tanh"].disabled and not explorer.also["tanh"].value
    assert visible(explorer.lines) == {"relu"}


def test_all_four_shows_every_function_with_the_right_values():
    explorer = activation_explorer()
    for box in explorer.also.values():
        box.value = True
    assert visible(explorer.lines) == {"sigmoid", "tanh", "relu", "leaky_relu"}
    for name in ("sigmoid", "tanh", "relu", "leaky_relu"):
        x, y = explorer.lines[name].get_data()
        np.testing.assert_allclose(y, FORMULAS[name](x), atol=1e-12)


@pytest.mark.parametrize("alpha", [0.0, 0.3, 0.99])
def test_alpha_slider_is_the_slope_of_leaky_relus_negative_side(alpha):
    explorer = activation_explorer("leaky_relu")
    explorer.alpha.value = alpha
    x, y = explorer.lines["leaky_relu"].get_data()
    slopes = np.diff(y) / np.diff(x)
    np.testing.assert_allclose(slopes[x[1:] <= 0], alpha, atol=1e-9)
    np.testing.assert_allclose(slopes[x[:-1] >= 0], 1.0, atol=1e-9)


def test_alpha_slider_is_only_enabled_when_leaky_relu_is_shown():
    explorer = activation_explorer("tanh")
    assert explorer.alpha.disabled
    explorer.function.value = "leaky_relu"
    assert not explorer.alpha.disabled
    explorer.function.value = "relu"
    assert explorer.alpha.disabled
    explorer.also["leaky_relu"].value = True
    assert not explorer.alpha.disabled


@pytest.mark.parametrize(
    ("alpha", "error"),
    [(1.0, ValueError), (-0.1, ValueError), (0.995, ValueError), ("0.1", TypeError)],
)
def test_alpha_outside_0_to_0_99_is_refused_clearly(alpha, error):
    with pytest.raises(error, match="alpha"):
        activation_explorer("leaky_relu", alpha=alpha)


def test_derivative_checkbox_shows_and_hides_the_derivative_curve():
    explorer = activation_explorer("tanh")
    assert not explorer.derivative_lines["tanh"].get_visible()
    explorer.derivative.value = True
    assert explorer.derivative_lines["tanh"].get_visible()
    assert visible(explorer.derivative_lines) == {"tanh"}
    explorer.derivative.value = False
    assert not explorer.derivative_lines["tanh"].get_visible()


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_derivative_curve_is_the_slope_of_the_function_curve(name):
    explorer = activation_explorer(name, derivative=True)
    x, y = explorer.lines[name].get_data()
    dx, dy = explorer.derivative_lines[name].get_data()
    np.testing.assert_array_equal(dx, x)
    np.testing.assert_allclose(dy, np.gradient(y, x), atol=2e-3)  # finite differences


def test_x_range_slider_changes_the_lines_x_data_and_the_axes():
    explorer = activation_explorer("all")
    explorer.x_range.value = (-2.0, 3.5)
    for line in explorer.lines.values():
        x, _ = line.get_data()
        assert (x[0], x[-1]) == (-2.0, 3.5)
    assert explorer.ax.get_xlim() == (-2.0, 3.5)


def test_x_slider_stays_inside_the_x_range():
    explorer = activation_explorer(x=1.0)
    explorer.x_range.value = (2.0, 6.0)  # the range leaves x = 1 behind
    assert (explorer.x.min, explorer.x.max) == (2.0, 6.0)
    assert explorer.x.value == 2.0
    assert explorer.points["sigmoid"].get_data()[0][0] == 2.0
    explorer.x_range.value = (-8.0, -7.0)  # a range entirely left of the old one
    assert (explorer.x.min, explorer.x.max) == (-8.0, -7.0)
    assert explorer.x.value == -7.0


def test_x_slider_moves_the_marker_and_the_readout():
    explorer = activation_explorer("tanh")
    explorer.x.value = -1.5
    assert explorer.points["tanh"].get_data() == ([-1.5], [pytest.approx(np.tanh(-1.5))])
    assert list(explorer.x_marker.get_xdata()) == [-1.5, -1.5]
    assert readout_numbers(explorer) == {"tanh(-1.50)": round(float(np.tanh(-1.5)), 4)}


def test_readout_shows_the_derivative_at_x_when_asked():
    explorer = activation_explorer("sigmoid", x=0.5, derivative=True)
    h = 1e-6
    slope = (sigmoid(0.5 + h) - sigmoid(0.5 - h)) / (2 * h)
    assert readout_numbers(explorer) == {
        "sigmoid(0.50)": round(sigmoid(0.5), 4),
        "sigmoid'(0.50)": round(slope, 4),
    }
    y = explorer.derivative_points["sigmoid"].get_data()[1][0]
    assert y == pytest.approx(slope, abs=1e-8)


def test_readout_lists_all_four_functions():
    explorer = activation_explorer("all", x=-2.0, alpha=0.2)
    assert readout_numbers(explorer) == {
        "sigmoid(-2.00)": round(sigmoid(-2.0), 4),
        "tanh(-2.00)": round(float(np.tanh(-2.0)), 4),
        "ReLU(-2.00)": 0.0,
        "leaky ReLU(-2.00)": -0.4,
    }


def test_explorer_updates_in_place_and_replaces_the_image():
    explorer = activation_explorer()
    figure, ax, line = explorer.figure, explorer.ax, explorer.lines["sigmoid"]
    children = len(ax.get_children())
    images = []
    for control, value in [
        (explorer.function, "tanh"),
        (explorer.alpha, 0.5),
        (explorer.x_range, (-3.0, 3.0)),
        (explorer.derivative, True),
        (explorer.x, 0.0),
    ]:
        before = bytes(explorer.image.value)
        control.value = value
        images.append(bytes(explorer.image.value))
        if control is not explorer.alpha:  # alpha does not change a tanh plot
            assert images[-1] != before, control.description
    assert explorer.figure is figure and figure.axes[0] is ax and explorer.lines["sigmoid"] is line
    assert len(figure.axes) == 1
    assert len(ax.get_children()) == children  # the legend is replaced, not stacked
    assert explorer.render_count == 1 + 5


def test_a_returning_view_reuses_its_saved_static_layer():
    explorer = activation_explorer("sigmoid")
    first = bytes(explorer.image.value)
    explorer.function.value = "tanh"
    draws = explorer.full_draws
    explorer.function.value = "sigmoid"
    assert explorer.full_draws == draws  # blitted over the remembered background
    assert bytes(explorer.image.value) == first  # and pixel for pixel the same picture


def test_image_is_the_rendered_figure():
    explorer = activation_explorer()
    pixels = png_pixels(explorer.image.value)
    width, height = explorer.canvas.get_width_height()
    assert pixels.shape == (height, width, 3)
    np.testing.assert_array_equal(pixels, np.asarray(explorer.canvas.buffer_rgba())[..., :3])


def test_hold_updates_once_for_several_changes():
    explorer = activation_explorer()
    before = explorer.render_count
    with explorer.hold():
        explorer.function.value = "relu"
        explorer.x_range.value = (-1.0, 1.0)
        explorer.x.value = 0.5
        assert explorer.render_count == before
    assert explorer.render_count == before + 1
    assert explorer.points["relu"].get_data() == ([0.5], [0.5])


def test_explorer_saved_output_has_a_fixed_text_and_a_png():
    explorer = activation_explorer("leaky_relu", alpha=0.25, derivative=True)
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == (
        "Activation explorer: leaky ReLU (α = 0.25) for x in [-5, 5], with the derivative, "
        "value at x = 1.00 (run the notebook to move the sliders)"
    )
    assert base64.b64decode(bundle["image/png"]) == bytes(explorer.image.value)
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.model_id


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"function": "softplus"}, "unknown activation"),
        ({"function": "identity"}, "function must be one of"),
        ({"also": ["identity"]}, "also may only name"),
        ({"x_range": (3.0, 1.0)}, "x_range must satisfy"),
        ({"x_range": (-20.0, 1.0)}, "x_range must satisfy"),
        ({"x": 7.0}, "x must be a number inside"),
    ],
)
def test_explorer_refuses_bad_arguments_with_clear_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        activation_explorer(**kwargs)


@pytest.mark.parametrize("kind", [np.float32, np.float16, np.int64, np.int8])
def test_explorer_accepts_x_and_x_range_as_any_real_number_kind(kind):
    explorer = activation_explorer("relu", x=kind(2), x_range=(kind(-4), kind(4)))
    assert explorer.x.value == 2.0 and explorer.x_range.value == (-4.0, 4.0)
    assert readout_numbers(explorer) == {"ReLU(2.00)": 2.0}


@pytest.mark.parametrize("x", [True, np.bool_(False), "1", 1j, np.complex64(1)])
def test_explorer_refuses_a_bool_str_or_complex_x_with_a_type_error_naming_it(x):
    with pytest.raises(TypeError, match=rf"^x must be a real number; got {re.escape(repr(x))}$"):
        activation_explorer(x=x)


@pytest.mark.parametrize("x_range", [("-1", "1"), "12", (False, True)])
def test_explorer_refuses_an_x_range_that_is_not_two_real_numbers(x_range):
    message = rf"^x_range must be two real numbers \(low, high\); got {re.escape(repr(x_range))}$"
    with pytest.raises(TypeError, match=message):
        activation_explorer(x_range=x_range, x=0.5)


@pytest.mark.parametrize("derivative", ["no", None, 0])
def test_explorer_refuses_a_derivative_switch_that_is_not_true_or_false(derivative):
    message = rf"^derivative must be True or False; got {re.escape(repr(derivative))}$"
    with pytest.raises(TypeError, match=message):
        activation_explorer(derivative=derivative)


@pytest.mark.parametrize(
    ("points", "error"), [(np.int64(50), None), (True, TypeError), (10**12, ValueError)]
)
def test_explorer_point_count_is_any_integer_kind_within_limits(points, error):
    if error is None:
        assert ActivationExplorer(points=points).lines["sigmoid"].get_xdata().size == 50
    else:
        with pytest.raises(error, match=r"^points must be an integer in \[2, 100000\]; got"):
            ActivationExplorer(points=points)


def test_widgets_refuse_an_activation_object_whose_settings_they_would_ignore():
    leaky = nnbook.get_activation("leaky_relu", alpha=0.5)  # the widgets would draw alpha 0.1
    with pytest.raises(TypeError, match=r"^function must be an activation's name, such as"):
        activation_explorer(leaky)
    with pytest.raises(TypeError, match=r"^activation must be an activation's name, such as"):
        neuron_playground(leaky)


# --- neuron playground -----------------------------------------------------------------


def expected_output(playground, name):
    x1, x2 = np.meshgrid(playground.grid, playground.grid)
    z = playground.w1.value * x1 + playground.w2.value * x2 + playground.b.value
    return FORMULAS[name](z)


def test_heatmap_is_phi_of_the_weighted_sum_on_the_grid():
    playground = neuron_playground("sigmoid", w1=1.5, w2=-0.5, b=0.2)
    np.testing.assert_allclose(
        playground.heatmap.get_array(), expected_output(playground, "sigmoid"), atol=1e-12
    )


def test_heatmap_orientation_matches_the_axes():
    """Row i is x2 = grid[i] from the bottom, column j is x1 = grid[j] from the left."""
    playground = neuron_playground("identity", w1=1.0, w2=0.0, b=0.0)
    assert playground.heatmap.origin == "lower"
    assert tuple(playground.heatmap.get_extent()) == (-3.0, 3.0, -3.0, 3.0)
    image = playground.heatmap.get_array()
    assert image[0, -1] == 3.0 and image[-1, 0] == -3.0  # z = x1: right is high
    playground.w1.value, playground.w2.value = 0.0, 1.0
    image = playground.heatmap.get_array()
    assert image[-1, 0] == 3.0 and image[0, -1] == -3.0  # z = x2: top is high


@pytest.mark.parametrize(("slider", "value"), [("w1", -2.2), ("w2", 2.7), ("b", 1.3)])
def test_each_slider_changes_the_heatmap_to_the_new_outputs(slider, value):
    playground = neuron_playground("tanh")
    getattr(playground, slider).value = value
    assert getattr(playground, slider).value == value
    np.testing.assert_allclose(
        playground.heatmap.get_array(), expected_output(playground, "tanh"), atol=1e-12
    )


@pytest.mark.parametrize("name", ["tanh", "relu", "leaky_relu", "identity", "sigmoid"])
def test_activation_dropdown_changes_phi(name):
    playground = neuron_playground("tanh" if name == "sigmoid" else "sigmoid", w1=2.0, b=-0.5)
    playground.activation.value = name
    np.testing.assert_allclose(
        playground.heatmap.get_array(), expected_output(playground, name), atol=1e-12
    )


@pytest.mark.parametrize(
    ("name", "clim"), [("sigmoid", (0.0, 1.0)), ("tanh", (-1.0, 1.0)), ("relu", (0.0, 10.0))]
)
def test_colour_scale_covers_the_outputs(name, clim):
    playground = neuron_playground(name, w1=2.0, w2=1.0, b=-0.5)  # z up to 8.5
    assert playground.heatmap.get_clim() == clim
    assert playground.heatmap.get_cmap().name == "viridis"
    assert playground.colorbar.mappable is playground.heatmap


@pytest.mark.parametrize(("w1", "w2", "b"), [(1.0, 1.0, -1.0), (-2.0, 0.5, 1.5), (0.3, -2.9, 0.0)])
def test_decision_line_satisfies_its_equation(w1, w2, b):
    playground = neuron_playground()
    with playground.hold():
        playground.w1.value, playground.w2.value, playground.b.value = w1, w2, b
    x1, x2 = playground.decision_line.get_data()
    assert len(x1) >= 2 and np.ptp(x1) > 0
    np.testing.assert_allclose(w1 * x1 + w2 * x2 + b, 0.0, atol=1e-12)


def test_decision_line_is_vertical_when_w2_is_zero():
    playground = neuron_playground(w1=2.0, w2=0.0, b=-1.0)
    x1, x2 = playground.decision_line.get_data()
    np.testing.assert_array_equal(x1, [0.5, 0.5])
    assert np.ptp(x2) > 0


def test_no_decision_line_without_weights():
    playground = neuron_playground(w1=0.0, w2=0.0, b=1.0)
    assert len(playground.decision_line.get_xdata()) == 0
    playground.w1.value = 1.0
    assert len(playground.decision_line.get_xdata()) == 2


def test_playground_updates_in_place_and_replaces_the_image():
    playground = neuron_playground()
    figure, heatmap, line = playground.figure, playground.heatmap, playground.decision_line
    for control, value in [
        (playground.w1, 0.5),
        (playground.w2, -1.0),
        (playground.b, 2.0),
        (playground.activation, "relu"),
    ]:
        before = bytes(playground.image.value)
        control.value = value
        assert bytes(playground.image.value) != before, control.description
    assert playground.figure is figure and playground.heatmap is heatmap
    assert playground.decision_line is line and len(figure.axes) == 2  # plot + colour bar
    assert len(playground.ax.images) == 1
    assert playground.render_count == 1 + 4


def test_playground_saved_output_has_a_fixed_text_and_a_png():
    playground = neuron_playground("relu", w1=0.5, w2=-1.0, b=0.0)
    bundle = playground._repr_mimebundle_()
    assert bundle["text/plain"] == (
        "Neuron playground: ReLU(z) with z = 0.5*x1 − 1.0*x2 + 0.0 "
        "(run the notebook to move the sliders)"
    )
    assert base64.b64decode(bundle["image/png"]) == bytes(playground.image.value)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"activation": "softmax"}, ValueError, "unknown activation"),
        ({"w1": 5.0}, ValueError, r"w1 must be a real number in \[-3, 3\]; got 5.0"),
        ({"w2": float("nan")}, ValueError, r"w2 must be a real number in \[-3, 3\]; got nan"),
        ({"b": "1"}, TypeError, r"b must be a real number in \[-3, 3\]; got '1'"),
        ({"b": True}, TypeError, r"b must be a real number in \[-3, 3\]; got True"),
        ({"b": 1j}, TypeError, r"b must be a real number in \[-3, 3\]; got 1j"),
    ],
)
def test_playground_refuses_bad_arguments_with_clear_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        neuron_playground(**kwargs)


@pytest.mark.parametrize("kind", [np.float32, np.float16, np.int64, np.int8])
def test_playground_accepts_weights_and_bias_of_any_real_number_kind(kind):
    playground = neuron_playground("identity", w1=kind(2), w2=kind(-1), b=kind(1))
    assert (playground.w1.value, playground.w2.value, playground.b.value) == (2.0, -1.0, 1.0)
    np.testing.assert_allclose(
        playground.heatmap.get_array(), expected_output(playground, "identity")
    )


def test_playground_grid_accepts_numpy_numbers():
    playground = NeuronPlayground(extent=np.float32(2), resolution=np.int64(5))
    np.testing.assert_array_equal(playground.grid, [-2, -1, 0, 1, 2])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"extent": True}, TypeError, r"extent must be a real number in \(0, 1e\+06\]; got True"),
        ({"extent": float("inf")}, ValueError, r"extent must be .*; got inf"),
        ({"extent": 1e308}, ValueError, r"extent must be .*; got 1e\+308"),
        ({"resolution": True}, TypeError, r"resolution must be an integer in \[2, 2000\]"),
        ({"resolution": 10**12}, ValueError, r"resolution must be an integer in \[2, 2000\]"),
    ],
)
def test_playground_grid_settings_are_refused_clearly(kwargs, error, message):
    with pytest.raises(error, match=message):
        NeuronPlayground(**kwargs)
