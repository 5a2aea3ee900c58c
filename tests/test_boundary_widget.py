"""The decision-boundary stepper, driven headless: move the epoch slider, check the picture.

The expected maps, scores and boundaries are computed here with plain NumPy from each
recorded network's weights, at the pixel centres the image's extent and shape define;
nothing is read back from the widget's own helpers.
"""

import base64
import re

import numpy as np
import pytest
from traitlets import TraitError

from nnbook import Layer, Network, to_numpy
from nnbook.data import load_moons, train_test_split
from nnbook.recording import record_training
from nnbook.widgets import decision_boundary_stepper

PHI = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0), "identity": lambda z: z}
BLUE, VERMILLION = "#0072B2", "#D55E00"  # Okabe-Ito


def outputs(network, points):
    a = points
    for layer in network.layers:
        W, b = to_numpy(layer.weights), to_numpy(layer.bias)
        a = PHI[layer.activation.name](a @ W.T + b)
    return a


def class_1_probability(network, points):
    z = outputs(network, points)
    return 1.0 / (1.0 + np.exp(z[:, 0] - z[:, 1]))  # softmax of two outputs, second entry


def pixel_centres(heatmap):
    """(x1, x2) of every pixel of an origin="lower" image, from its extent and shape."""
    left, right, bottom, top = heatmap.get_extent()
    rows, columns = heatmap.get_array().shape
    x1 = left + (np.arange(columns) + 0.5) * (right - left) / columns
    x2 = bottom + (np.arange(rows) + 0.5) * (top - bottom) / rows
    return x1, x2


def expected_map(network, heatmap):
    x1, x2 = pixel_centres(heatmap)
    g1, g2 = np.meshgrid(x1, x2)
    points = np.column_stack([g1.ravel(), g2.ravel()])
    return class_1_probability(network, points).reshape(g1.shape)


def readout_numbers(stepper):
    """{"training accuracy": 0.95, "loss": 0.12, ...} from the readout text (first of each)."""
    found = {}
    for name, value in re.findall(r"([a-z ]+?) (\d\.\d{3})", stepper.readout.value):
        found.setdefault(name.strip(), float(value))
    return found


@pytest.fixture(scope="module")
def moons():
    X, y = load_moons(n=80, noise=0.2, seed=0)
    return train_test_split(X, y, test_fraction=0.25, seed=0)


@pytest.fixture(scope="module")
def record(moons):
    network = Network.from_sizes([2, 6, 2], "tanh", output_activation="identity", seed=0)
    return record_training(
        network, moons.X_train, moons.y_train, epochs=6, batch_size=10, lr=0.5, progress=False
    )


@pytest.fixture
def stepper(record, moons):
    return decision_boundary_stepper(record, moons.X_train, moons.y_train)


def line_network(w1, w2, b):
    """A one-layer network with z1 - z0 = w1 x1 + w2 x2 + b: its boundary is that line."""
    return Network([Layer([[0.0, 0.0], [w1, w2]], [0.0, b], "identity")])


# --- what the picture shows ------------------------------------------------------------


@pytest.mark.parametrize("epoch", [0, 1, 3, 6])
def test_the_map_is_the_probability_of_class_1_of_that_epochs_network(stepper, record, epoch):
    stepper.epoch.value = epoch
    assert stepper.heatmap.origin == "lower"  # row 0 at the bottom: x2 grows upwards
    np.testing.assert_allclose(
        stepper.heatmap.get_array(), expected_map(record.networks[epoch], stepper.heatmap),
        atol=1e-6,
    )  # fmt: skip


def test_the_map_starts_at_the_epoch_asked_for(record, moons):
    stepper = decision_boundary_stepper(record, moons.X_train, moons.y_train, epoch=4)
    np.testing.assert_allclose(
        stepper.heatmap.get_array(), expected_map(record.networks[4], stepper.heatmap), atol=1e-6
    )


def test_the_map_covers_every_point_with_room_to_spare(stepper, moons):
    left, right, bottom, top = stepper.heatmap.get_extent()
    X = moons.X_train
    assert left < X[:, 0].min() and X[:, 0].max() < right
    assert bottom < X[:, 1].min() and X[:, 1].max() < top


def test_the_map_has_square_pixels_so_the_plane_is_not_stretched(stepper):
    left, right, bottom, top = stepper.heatmap.get_extent()
    rows, columns = stepper.heatmap.get_array().shape
    assert (right - left) / columns == pytest.approx((top - bottom) / rows)


def test_the_colour_scale_is_the_probability_from_0_to_1(stepper):
    assert stepper.heatmap.get_clim() == (0.0, 1.0)
    assert stepper.colorbar.mappable is stepper.heatmap
    assert "P(class 1)" in stepper.colorbar.ax.get_ylabel()


def test_the_boundary_runs_where_the_probability_crosses_one_half(stepper, record):
    stepper.epoch.value = 6
    x1, x2 = stepper.boundary.get_data()
    vertices = np.column_stack([x1, x2])[~np.isnan(x1)]
    assert len(vertices) > 10
    left, right, _, _ = stepper.heatmap.get_extent()
    step = (right - left) / stepper.heatmap.get_array().shape[1]  # one pixel
    around = [  # P one pixel right, left, above and below each vertex of the line
        class_1_probability(record.networks[6], vertices + offset)
        for offset in ([step, 0.0], [-step, 0.0], [0.0, step], [0.0, -step])
    ]
    assert (np.min(around, axis=0) < 0.5).all() and (np.max(around, axis=0) > 0.5).all()


def test_a_straight_boundary_is_the_line_where_the_two_outputs_are_equal():
    network = line_network(1.0, -1.0, 0.0)  # z1 - z0 = x1 - x2: the diagonal x1 = x2
    stepper = decision_boundary_stepper([network], [[-1.0, -1.0], [1.0, 1.0]], [0, 1])
    x1, x2 = stepper.boundary.get_data()
    left, right, _, _ = stepper.heatmap.get_extent()
    step = (right - left) / stepper.heatmap.get_array().shape[1]
    keep = ~np.isnan(x1)
    assert np.ptp(x1[keep]) > 2.0
    np.testing.assert_allclose(x1[keep], x2[keep], atol=step)


def test_no_boundary_when_the_network_says_class_1_everywhere():
    stepper = decision_boundary_stepper([line_network(0.0, 0.0, 5.0)], [[0.0, 0.0]], [1])
    assert np.isnan(stepper.boundary.get_xdata()).all()  # nothing drawn
    assert stepper.heatmap.get_array().min() > 0.99


def test_the_two_classes_differ_in_colour_and_in_marker_shape(stepper, moons):
    class_0, class_1 = stepper.points
    assert (class_0.get_marker(), class_1.get_marker()) == ("o", "^")
    assert (class_0.get_markerfacecolor(), class_1.get_markerfacecolor()) == (BLUE, VERMILLION)
    for line, label in ((class_0, 0), (class_1, 1)):
        x1, x2 = line.get_data()
        np.testing.assert_array_equal(
            np.column_stack([x1, x2]), moons.X_train[moons.y_train == label]
        )
        assert line.get_linestyle() == "None"


def test_validation_points_are_hollow_with_their_class_shape(record, moons):
    stepper = decision_boundary_stepper(
        record, *moons[:1], moons.y_train, moons.X_test, moons.y_test
    )
    val_0, val_1 = stepper.points[2:]
    assert (val_0.get_marker(), val_1.get_marker()) == ("o", "^")
    assert (val_0.get_markeredgecolor(), val_1.get_markeredgecolor()) == (BLUE, VERMILLION)
    assert val_0.get_markerfacecolor() == val_1.get_markerfacecolor() == "white"
    assert len(val_0.get_xdata()) + len(val_1.get_xdata()) == len(moons.y_test)


def test_the_figure_is_labelled(stepper):
    assert stepper.ax.get_xlabel() == "x1" and stepper.ax.get_ylabel() == "x2"
    legend = [text.get_text() for text in stepper.figure.legends[0].get_texts()]
    assert legend == ["class 0", "class 1", "boundary, P = 0.5"]
    assert stepper.ax.get_title() == "before training (epoch 0 of 6)"


# --- the readout -----------------------------------------------------------------------


@pytest.mark.parametrize("epoch", [0, 2, 6])
def test_the_readout_gives_the_accuracy_and_loss_of_that_epochs_network(
    stepper, record, moons, epoch
):
    stepper.epoch.value = epoch
    z = outputs(record.networks[epoch], moons.X_train)
    accuracy = np.mean(z.argmax(axis=1) == moons.y_train)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[np.arange(len(z)), moons.y_train])
    assert f"epoch {epoch} of 6" in stepper.readout.value
    assert readout_numbers(stepper) == {
        "training accuracy": round(accuracy, 3),
        "loss": pytest.approx(loss, abs=5e-4),
    }


def test_the_readout_adds_the_validation_scores_when_given(record, moons):
    stepper = decision_boundary_stepper(
        record, moons.X_train, moons.y_train, moons.X_test, moons.y_test, epoch=6
    )
    z = outputs(record.networks[6], moons.X_test)
    accuracy = np.mean(z.argmax(axis=1) == moons.y_test)
    assert readout_numbers(stepper)["validation accuracy"] == round(accuracy, 3)


# --- updating in place -----------------------------------------------------------------


def test_moving_the_slider_updates_the_same_artists_and_replaces_the_image(stepper):
    figure, heatmap, boundary = stepper.figure, stepper.heatmap, stepper.boundary
    points = [line.get_data() for line in stepper.points]
    for epoch in (1, 2, 5):
        before = bytes(stepper.image.value)
        stepper.epoch.value = epoch
        assert bytes(stepper.image.value) != before, epoch
    assert stepper.figure is figure and stepper.heatmap is heatmap and stepper.boundary is boundary
    assert len(stepper.ax.images) == 1 and len(figure.axes) == 2  # the plot and its colour bar
    for line, (x1, x2) in zip(stepper.points, points, strict=True):  # the points never move
        np.testing.assert_array_equal(line.get_xdata(), x1)
        np.testing.assert_array_equal(line.get_ydata(), x2)
    assert stepper.render_count == 1 + 3
    assert stepper.full_draws == 1  # axes, ticks, labels and colour bar drawn once


def test_returning_to_an_epoch_gives_the_same_picture(stepper):
    first = bytes(stepper.image.value)
    stepper.epoch.value = 3
    stepper.epoch.value = 0
    assert bytes(stepper.image.value) == first


def test_the_play_button_steps_through_the_same_epochs_as_the_slider(stepper):
    assert (stepper.play.min, stepper.play.max) == (stepper.epoch.min, stepper.epoch.max) == (0, 6)


def test_saved_output_has_a_fixed_text_and_a_png(stepper):
    bundle = stepper._repr_mimebundle_()
    text = bundle["text/plain"]
    assert text.startswith("Decision boundary stepper: a 2-6-2 network trained for 6 epochs, ")
    assert "before training (epoch 0 of 6): training accuracy" in text
    assert "After epoch 6: training accuracy" in text
    assert text.endswith("(Run the notebook to step through the epochs.)")
    assert base64.b64decode(bundle["image/png"]) == bytes(stepper.image.value)


def test_a_record_and_its_list_of_networks_give_the_same_picture(record, moons):
    from_record = decision_boundary_stepper(record, moons.X_train, moons.y_train, epoch=2)
    from_list = decision_boundary_stepper(record.networks, moons.X_train, moons.y_train, epoch=2)
    assert bytes(from_record.image.value) == bytes(from_list.image.value)


# --- refusing bad input ----------------------------------------------------------------


def test_the_slider_refuses_an_epoch_that_was_not_recorded_instead_of_clamping_it(stepper):
    stepper.epoch.value = 2
    with pytest.raises(ValueError, match=r"epoch \(0 is before training\) .* \[0, 6\]; got 7"):
        stepper.epoch.value = 7
    with pytest.raises(TraitError, match=r"expected an int, not the float 2\.5"):
        stepper.epoch.value = 2.5
    assert stepper.epoch.value == 2


def network_with_3_inputs():
    return Network.from_sizes([3, 2], "identity", seed=0)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"networks": "record"}, TypeError, "networks must be a TrainingRecord .* got str"),
        ({"networks": []}, TypeError, "non-empty list of Networks"),
        ({"networks": [network_with_3_inputs()]}, ValueError, r"2 inputs .* sizes \[3, 2\]"),
        ({"X": [[0.0, 1.0, 2.0]] * 3}, ValueError, "expects 2 input value"),
        ({"X": [[0.0, np.nan]] * 3}, ValueError, "X must hold finite numbers"),
        ({"y": [0, 1, 2]}, ValueError, r"labels must be integers in 0..1"),
        ({"y": [[1, 0]] * 3}, ValueError, r"y must be 1-D, one label \(0 or 1\) per point"),
        ({"X_val": [[0.0, 0.0]]}, ValueError, "give both X_val and y_val, or neither"),
        ({"epoch": 2}, ValueError, r"epoch \(0 is before training\) .* \[0, 1\]; got 2"),
        ({"epoch": "1"}, TypeError, r"epoch \(0 is before training\) must be an integer"),
    ],
)
def test_bad_arguments_are_refused_with_clear_errors(change, error, message):
    arguments = {
        "networks": [line_network(1.0, 0.0, 0.0), line_network(0.0, 1.0, 0.0)],
        "X": [[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]],
        "y": [0, 1, 0],
        **change,
    }
    with pytest.raises(error, match=message):
        decision_boundary_stepper(**arguments)
