"""The course figures: the committed ones show what a fresh drawing shows (pixel for pixel
under the renderer that drew them, artist by artist under any); the drawings show what they
claim."""

import hashlib
import io
import itertools
import json
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

import nnbook
from nnbook import figures

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "imgs" / "nns"
FILES = ["NNArchitecture.png", "sigmoid.png", "tanh.png", "relu.png", "leaky-relu.png"]
WRITTEN = [*FILES, "figures.json"]  # the pictures, then the record of what they show
RECORD = json.loads((COMMITTED / figures.RECORD_FILE).read_text(encoding="utf-8"))
SAME_RENDERER = RECORD["drawn_with"] == figures.renderer()


def named(renderer):
    return f"matplotlib {renderer['matplotlib']} with FreeType {renderer['freetype']}"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def lines_with(ax, gid):
    return [line for line in ax.lines if line.get_gid() == gid]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    directory = tmp_path_factory.mktemp("figures")
    written = figures.save_all(directory)
    return directory, written


def differences(committed, fresh, where=""):
    """Where two :func:`figures.describe` records disagree (numbers within 1e-5), in words."""
    if isinstance(committed, dict) and isinstance(fresh, dict):
        return [
            problem
            for key in sorted(committed.keys() | fresh.keys())
            for problem in differences(committed.get(key), fresh.get(key), f"{where}.{key}")
        ]
    if isinstance(committed, list) and isinstance(fresh, list):
        if len(committed) != len(fresh):
            return [f"{where}: {len(committed)} committed, {len(fresh)} in a fresh drawing"]
        return [
            problem
            for k, (a, b) in enumerate(zip(committed, fresh, strict=True))
            for problem in differences(a, b, f"{where}[{k}]")
        ]
    numbers = all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in (committed, fresh)
    )
    if committed == fresh or (numbers and math.isclose(committed, fresh, abs_tol=1e-5)):
        return []
    return [f"{where}: {committed!r} committed, {fresh!r} in a fresh drawing"]


def test_save_all_writes_exactly_the_course_figures_and_their_record(regenerated):
    directory, written = regenerated
    assert [p.name for p in written] == WRITTEN
    assert sorted(p.name for p in directory.iterdir()) == sorted(WRITTEN)


def test_record_names_the_renderer_that_drew_the_pictures(regenerated):
    directory, _ = regenerated
    record = json.loads((directory / "figures.json").read_text(encoding="utf-8"))
    assert record["drawn_with"] == figures.renderer()
    assert set(RECORD["drawn_with"]) == {"matplotlib", "freetype"}


@pytest.mark.skipif(
    not SAME_RENDERER,
    reason=f"pixels are compared only under the renderer that drew imgs/nns "
    f"({named(RECORD['drawn_with'])}); this is {named(figures.renderer())}, so "
    f"test_committed_figure_shows_what_a_fresh_drawing_shows compares the content instead",
)
@pytest.mark.parametrize("name", FILES)
def test_committed_figure_matches_a_fresh_drawing_pixel_for_pixel(regenerated, name):
    directory, _ = regenerated
    committed = COMMITTED / name
    assert committed.exists(), f"{committed} is missing: run `python -m nnbook.figures`"
    # A small RMS tolerance (0-255 scale) absorbs anti-aliasing noise, not a changed drawing.
    problem = compare_images(str(committed), str(directory / name), tol=2)
    assert problem is None, f"{name} is out of date; run `python -m nnbook.figures`: {problem}"


@pytest.mark.parametrize("name", FILES)
def test_committed_picture_is_the_one_its_record_describes(name):
    # save_all writes the pictures and the record together; a picture replaced alone fails here.
    digest = hashlib.sha256((COMMITTED / name).read_bytes()).hexdigest()
    assert digest == RECORD["sha256"][name], f"{name} changed without figures.json"


@pytest.mark.parametrize("name", FILES)
def test_committed_figure_shows_what_a_fresh_drawing_shows(name):
    # Any matplotlib: the lines (data, colours, widths, styles), the shapes (the boxed layer,
    # the neurons), the texts, title, labels, limits and legend recorded beside the picture.
    fresh = figures.describe(figures.course_figure(name))
    problems = "\n".join(differences(RECORD["figures"][name], fresh)[:10])
    assert not problems, f"{name} is out of date; run `python -m nnbook.figures`:\n{problems}"


@pytest.mark.parametrize(
    ("name", "change", "what"),
    [
        ("NNArchitecture.png", {"highlight_layer": 2}, ".shapes[17].box"),
        ("NNArchitecture.png", {"focus_layer": 2}, ".lines[0].colour"),
        ("NNArchitecture.png", {"layer_labels": ["In", "H1", "H2", "Out"]}, ".texts[0].text"),
        ("sigmoid.png", {"derivative": False}, ".lines: 4 committed, 3"),
        ("leaky-relu.png", {"alpha": 0.2}, ".lines[2].points[0][1]"),
        ("tanh.png", {"x_range": (-4, 4)}, ".xlim[0]"),
    ],
)
def test_a_figure_that_differs_from_the_committed_one_is_caught_on_any_matplotlib(
    name, change, what
):
    problems = differences(
        RECORD["figures"][name], figures.describe(figures.course_figure(name, **change))
    )
    assert any(problem.startswith(what) for problem in problems), problems[:5]


def test_a_changed_colour_is_caught_on_any_matplotlib(monkeypatch):
    monkeypatch.setattr(figures.architecture, "RED", "#CC0000")  # where the box takes its colour
    fresh = figures.describe(figures.course_figure("NNArchitecture.png"))
    problems = differences(RECORD["figures"]["NNArchitecture.png"], fresh)
    assert ".shapes[17].edge: '#d55e00ff' committed, '#cc0000ff' in a fresh drawing" in problems


def test_course_figure_refuses_an_unknown_file_name():
    with pytest.raises(
        ValueError, match=r"one of the course figures NNArchitecture.png, .*got 'x.png'"
    ):
        figures.course_figure("x.png")


def test_save_all_is_deterministic_byte_for_byte(tmp_path):
    a = figures.save_all(tmp_path / "a")
    b = figures.save_all(tmp_path / "b")
    for pa, pb in zip(a, b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_saved_png_has_no_software_version_tag(regenerated):
    directory, _ = regenerated
    assert b"Software" not in (directory / "relu.png").read_bytes()


def test_an_interrupted_redraw_leaves_every_old_figure_whole_and_no_temporary_file(
    tmp_path, monkeypatch
):
    figures.save_all(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_savefig = Figure.savefig

    def half_then_ctrl_c(self, target, **kwargs):
        """Render the PNG, write its first half where savefig was told to, then Ctrl-C."""
        buffer = io.BytesIO()
        real_savefig(self, buffer, **{**kwargs, "format": "png"})
        half = buffer.getvalue()[: len(buffer.getvalue()) // 2]
        if hasattr(target, "write"):
            target.write(half)
        else:
            Path(target).write_bytes(half)
        raise KeyboardInterrupt

    monkeypatch.setattr(Figure, "savefig", half_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        figures.save_all(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_command_line_writes_into_the_given_directory(tmp_path, capsys):
    assert figures.main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(WRITTEN)
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("directory", "error", "message"),
    [
        (None, TypeError, "directory must be a folder path .*; got None"),
        (3, TypeError, "directory must be a folder path .*; got 3"),
        ("", ValueError, r"directory must name a folder; got '' \(use '.' for the current"),
        ("notes.txt", NotADirectoryError, "'notes.txt': it is a file, not a folder"),
        ("notes.txt/nns", NotADirectoryError, "'notes.txt' is a file"),
    ],
)
def test_save_all_refuses_a_bad_folder_clearly_before_drawing(
    tmp_path, monkeypatch, directory, error, message
):
    monkeypatch.chdir(tmp_path)
    Path("notes.txt").write_text("my notes")
    with pytest.raises(error, match=message):
        figures.save_all(directory)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def _usage_error(argv, capsys) -> str:
    """Run the command expecting a usage error (exit code 2); return what it printed."""
    with pytest.raises(SystemExit) as exit_info:
        figures.main(argv)
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("usage: python -m nnbook.figures ")
    return err


@pytest.fixture
def nothing_drawn(monkeypatch):
    """Fails the test if the command starts drawing."""
    monkeypatch.setattr(figures.cli, "save_all", lambda *a: pytest.fail("figures were drawn"))


def test_command_line_refuses_extra_arguments_with_a_usage_error(nothing_drawn, capsys):
    assert "unrecognized arguments: b" in _usage_error(["a", "b"], capsys)


def test_an_unknown_flag_is_a_usage_error_not_a_folder_name(
    tmp_path, monkeypatch, nothing_drawn, capsys
):
    monkeypatch.chdir(tmp_path)
    assert "unrecognized arguments: --quiet" in _usage_error(["--quiet"], capsys)
    assert list(tmp_path.iterdir()) == []  # no folder named --quiet


def test_a_file_given_as_the_folder_is_a_usage_error_and_stays_untouched(
    tmp_path, nothing_drawn, capsys
):
    file = tmp_path / "notes.txt"
    file.write_text("my notes")
    message = _usage_error([str(file)], capsys)
    assert f"argument DIR: cannot write the figures into {str(file)!r}: it is a file" in message
    assert file.read_text() == "my notes"


def test_a_file_in_the_way_of_the_folder_is_a_usage_error(tmp_path, nothing_drawn, capsys):
    (tmp_path / "imgs").write_text("a file where a folder should be")
    message = _usage_error([str(tmp_path / "imgs" / "nns")], capsys)
    assert f"{str(tmp_path / 'imgs')!r} is a file" in message


def test_a_failed_write_exits_with_its_reason_and_no_traceback(tmp_path, monkeypatch, capsys):
    def full_disk(directory):
        raise OSError(28, "No space left on device", str(directory))

    monkeypatch.setattr(figures.cli, "save_all", full_disk)
    with pytest.raises(SystemExit) as exit_info:
        figures.main([str(tmp_path)])
    assert exit_info.value.code == 1
    assert "error: [Errno 28] No space left on device" in capsys.readouterr().err


# --- the architecture figure -------------------------------------------------------------


@pytest.mark.parametrize("sizes", [(4, 5, 5, 3), (3, 6, 2), (7, 2, 4, 4, 1)])
def test_architecture_colours_the_right_lines(sizes):
    ax = figures.draw_architecture(sizes)
    blue = lines_with(ax, "into-focus")
    green = lines_with(ax, "out-of-focus")
    grey = lines_with(ax, "connection")
    # The top neuron of the second layer has one weight per neuron of the first layer ...
    assert len(blue) == sizes[0]
    # ... and sends its activation to every neuron of the third layer.
    assert len(green) == sizes[2]
    # Fully connected: every pair of neurons in neighbouring layers has exactly one line.
    total = sum(a * b for a, b in itertools.pairwise(sizes))
    assert len(blue) + len(green) + len(grey) == total
    assert {to_hex(line.get_color()) for line in blue} == {figures.BLUE.lower()}
    assert {to_hex(line.get_color()) for line in green} == {figures.GREEN.lower()}


def test_blue_lines_end_and_green_lines_start_at_the_top_neuron_of_layer_two():
    sizes = (4, 5, 5, 3)
    ax = figures.draw_architecture(sizes)
    pos = figures.neuron_positions(sizes)
    top = pos[1][0]
    assert top[1] == max(y for _, y in pos[1])  # it really is the top one
    blue = lines_with(ax, "into-focus")
    green = lines_with(ax, "out-of-focus")
    assert all((b.get_xdata()[1], b.get_ydata()[1]) == top for b in blue)
    blue_starts = sorted((b.get_xdata()[0], b.get_ydata()[0]) for b in blue)
    assert blue_starts == sorted(pos[0])  # one from each input neuron
    assert all((g.get_xdata()[0], g.get_ydata()[0]) == top for g in green)
    green_ends = sorted((g.get_xdata()[1], g.get_ydata()[1]) for g in green)
    assert green_ends == sorted(pos[2])  # one to each neuron of the next layer


def test_architecture_draws_one_dot_per_neuron_and_one_red_box_around_the_layer():
    sizes = (4, 5, 5, 3)
    ax = figures.draw_architecture(sizes, highlight_layer=2)
    dots = [p for p in ax.patches if p.get_gid() == "neuron"]
    assert len(dots) == sum(sizes)
    boxes = [p for p in ax.patches if p.get_gid() == "highlight-box"]
    assert len(boxes) == 1
    box = boxes[0]
    assert to_hex(box.get_edgecolor()) == figures.RED.lower()
    x0, y0, w, h = box.get_x(), box.get_y(), box.get_width(), box.get_height()
    inside = [
        d for d in dots if x0 < d.center[0] < x0 + w and y0 < d.center[1] < y0 + h
    ]  # exactly the neurons of layer 2 (index 2) are boxed
    assert sorted(d.center for d in inside) == sorted(figures.neuron_positions(sizes)[2])


def test_architecture_labels_input_hidden_and_output_layers():
    ax = figures.draw_architecture((4, 5, 5, 3))
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["Input layer", "Hidden layer 1", "Hidden layer 2", "Output layer"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == 3


def test_architecture_options_switch_the_colours_off():
    ax = figures.draw_architecture((3, 3, 3), highlight_layer=None, focus_layer=None, legend=False)
    assert not lines_with(ax, "into-focus") and not lines_with(ax, "out-of-focus")
    assert not [p for p in ax.patches if p.get_gid() == "highlight-box"]
    assert ax.get_legend() is None


def test_architecture_with_focus_on_the_output_layer_has_no_green_lines():
    ax = figures.draw_architecture((3, 4), focus_layer=1)
    assert len(lines_with(ax, "into-focus")) == 3
    assert lines_with(ax, "out-of-focus") == []


def test_architecture_draws_into_a_given_axes():
    _, ax = plt.subplots()
    assert figures.draw_architecture((2, 2), ax=ax) is ax


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"sizes": (4,)}, ValueError, "at least two positive integers"),
        ({"sizes": (4, 0, 2)}, ValueError, "at least two positive integers"),
        ({"sizes": (4, 2.5)}, ValueError, "at least two positive integers"),
        ({"sizes": 5}, TypeError, "sequence of neuron counts"),
        ({"highlight_layer": 4}, ValueError, "between 0 and 3"),
        ({"highlight_layer": "1"}, TypeError, "layer index"),
        ({"focus_layer": 0}, ValueError, "no incoming weights"),
        ({"layer_labels": ["a", "b"]}, ValueError, "one caption per layer"),
        ({"ax": "not an axes"}, TypeError, "matplotlib Axes"),
    ],
)
def test_architecture_refuses_bad_input_clearly(kwargs, error, message):
    with pytest.raises(error, match=message):
        figures.draw_architecture(**kwargs)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("abcd", r"layer_labels must be a sequence of captions, one per layer .*; got 'abcd'"),
        (["in", "h1", 3, "out"], r"layer_labels\[2\] must be a caption \(a str\); got 3"),
        (["in", None, "h2", "out"], r"layer_labels\[1\] must be a caption \(a str\); got None"),
    ],
)
def test_architecture_refuses_captions_that_are_not_strings(labels, message):
    with pytest.raises(TypeError, match=message):
        figures.draw_architecture((4, 5, 5, 3), layer_labels=labels)


# --- the activation plots ----------------------------------------------------------------


def reference(name, x, alpha=0.01):
    """The activations written out independently of nnbook, for comparison."""
    if name == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-x))
        return s, s * (1.0 - s)
    if name == "tanh":
        t = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
        return t, 1.0 - t**2
    if name == "relu":
        return np.maximum(0.0, x), (x > 0).astype(float)
    if name == "leaky_relu":
        return np.where(x >= 0, x, alpha * x), np.where(x > 0, 1.0, alpha)
    raise AssertionError(name)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_plotted_curves_are_the_activation_and_its_derivative(name):
    ax = figures.plot_activation(name, alpha=0.2, x_range=(-4, 3))
    (phi,) = lines_with(ax, "phi")
    (dphi,) = lines_with(ax, "derivative")
    x = phi.get_xdata()
    assert x[0] == -4 and x[-1] == 3
    np.testing.assert_array_equal(dphi.get_xdata(), x)
    value, slope = reference(name, x, alpha=0.2)
    np.testing.assert_allclose(phi.get_ydata(), value, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dphi.get_ydata(), slope, rtol=1e-12, atol=1e-12)
    # The same arrays nnbook computes with:
    activation = nnbook.get_activation(name, alpha=0.2 if name == "leaky_relu" else None)
    np.testing.assert_array_equal(phi.get_ydata(), activation(x))


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_plotted_derivative_matches_finite_differences_of_the_plotted_curve(name):
    ax = figures.plot_activation(name, n_points=4001)
    (phi,) = lines_with(ax, "phi")
    (dphi,) = lines_with(ax, "derivative")
    x, y = phi.get_xdata(), phi.get_ydata()
    central = (y[2:] - y[:-2]) / (x[2:] - x[:-2])
    np.testing.assert_allclose(dphi.get_ydata()[1:-1], central, atol=1e-5)


def test_plot_activation_has_labels_legend_title_formula_and_dashed_derivative():
    ax = figures.plot_activation("sigmoid")
    assert ax.get_xlabel() == "x" and ax.get_ylabel()
    assert "e^{-x}" in ax.get_title()
    assert len(ax.get_legend().get_texts()) == 2
    assert lines_with(ax, "derivative")[0].get_linestyle() == "--"
    assert lines_with(ax, "phi")[0].get_linestyle() == "-"


def test_tanh_title_has_the_right_way_up_formula_not_coth():
    title = figures.plot_activation("tanh").get_title()
    assert r"\dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}}" in title


def test_leaky_relu_accepts_the_dashed_name_and_shows_alpha():
    ax = figures.plot_activation("leaky-relu", alpha=0.1)
    assert r"\alpha = 0.1" in ax.get_title()
    (phi,) = lines_with(ax, "phi")
    assert phi.get_ydata()[0] == pytest.approx(0.1 * -5)


def test_plot_activation_without_derivative_draws_one_curve():
    ax = figures.plot_activation("relu", derivative=False)
    assert len(lines_with(ax, "phi")) == 1 and lines_with(ax, "derivative") == []


def test_unknown_activation_name_is_a_clear_error():
    with pytest.raises(ValueError, match=r"unknown activation 'softmax'.*sigmoid, tanh"):
        figures.plot_activation("softmax")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"x_range": (3, -3)}, ValueError, "low < high"),
        ({"x_range": (0, float("inf"))}, ValueError, "finite"),
        ({"x_range": "ab"}, TypeError, r"two real numbers \(low, high\); got 'ab'"),
        ({"x_range": ("-1", "1")}, TypeError, r"two real numbers \(low, high\); got \('-1', '1'\)"),
        ({"x_range": (False, True)}, TypeError, r"two real numbers \(low, high\)"),
        ({"x_range": (-1e308, 1e308)}, ValueError, "high - low must be finite too"),
        ({"n_points": 1}, ValueError, r"n_points must be an integer in \[2, 100000\]; got 1"),
        ({"n_points": "5"}, TypeError, r"n_points must be an integer in \[2, 100000\]; got '5'"),
        ({"n_points": 10**12}, ValueError, r"n_points must be an integer in \[2, 100000\]"),
        ({"alpha": 2.0, "name": "leaky_relu"}, ValueError, r"\[0, 1\)"),
    ],
)
def test_plot_activation_refuses_bad_input_clearly(kwargs, error, message):
    kwargs = {"name": "sigmoid", **kwargs}
    with pytest.raises(error, match=message):
        figures.plot_activation(**kwargs)


def test_on_off_switches_refuse_anything_but_true_or_false():
    # "no" is a true value to Python: it would have drawn the legend and the derivative
    with pytest.raises(TypeError, match=r"^legend must be True or False; got 'no'$"):
        figures.draw_architecture(legend="no")
    with pytest.raises(TypeError, match=r"^derivative must be True or False; got 'no'$"):
        figures.plot_activation("relu", derivative="no")
