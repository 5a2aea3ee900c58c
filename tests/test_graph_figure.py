"""Chapter 8's computational graph shows the chain rule: its printed numbers are the forward
values of L = (sigmoid(w x + b) - y)^2 and gradients that finite differences confirm."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from finite_differences import central_differences

from nnbook.figures import BLUE, ORANGE, chain_rule_numbers, draw_graph

POINTS = [
    {"x": 1.5, "w": 0.8, "b": -0.2, "y": 1.0},  # the chapter's example
    {"x": -2.0, "w": 0.3, "b": 0.5, "y": 0.0},
    {"x": 0.7, "w": -1.2, "b": 2.0, "y": 0.25},
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def loss(x, w, b, y):
    """The graph's loss, written out independently of nnbook."""
    return (1 / (1 + math.exp(-(w * x + b))) - y) ** 2


def shown(ax, gid):
    """The number written after '= ' in the one text with this id."""
    [text] = [t for t in ax.texts if t.get_gid() == gid]
    return float(text.get_text().rsplit("= ", 1)[1]), text


@pytest.mark.parametrize("point", POINTS)
def test_printed_gradients_of_w_x_and_b_equal_finite_differences_of_the_loss(point):
    ax = draw_graph(**point)
    names = ["x", "w", "b"]
    numeric = central_differences(
        lambda v: loss(**dict(zip(names, v, strict=True)), y=point["y"]),
        [point[n] for n in names],
    )
    for name, slope in zip(names, numeric, strict=True):
        printed, text = shown(ax, f"gradient-{name}")
        assert printed == pytest.approx(slope, abs=6e-5)  # printed to 4 decimals
        assert text.get_color() == ORANGE


@pytest.mark.parametrize("point", POINTS)
def test_printed_gradients_of_z_and_a_equal_finite_differences_along_the_chain(point):
    ax = draw_graph(**point)
    z = point["w"] * point["x"] + point["b"]
    a = 1 / (1 + math.exp(-z))
    y = point["y"]
    dL_dz = central_differences(lambda v: (1 / (1 + math.exp(-v[0])) - y) ** 2, [z])[0]
    dL_da = central_differences(lambda v: (v[0] - y) ** 2, [a])[0]
    assert shown(ax, "gradient-z")[0] == pytest.approx(dL_dz, abs=6e-5)
    assert shown(ax, "gradient-a")[0] == pytest.approx(dL_da, abs=6e-5)
    assert shown(ax, "gradient-L")[0] == 1.0


@pytest.mark.parametrize("point", POINTS)
def test_printed_forward_values_are_the_computation_in_blue(point):
    ax = draw_graph(**point)
    z = point["w"] * point["x"] + point["b"]
    a = 1 / (1 + math.exp(-z))
    expected = {**point, "z": z, "a": a, "L": loss(**point)}
    for name, value in expected.items():
        printed, text = shown(ax, f"forward-{name}")
        assert printed == pytest.approx(value, abs=6e-5), name
        assert text.get_color() == BLUE


def test_chain_rule_numbers_agree_with_finite_differences_to_many_digits():
    point = POINTS[0]
    numbers = chain_rule_numbers(**point)
    names = ["x", "w", "b"]
    numeric = central_differences(
        lambda v: loss(**dict(zip(names, v, strict=True)), y=point["y"]),
        [point[n] for n in names],
    )
    np.testing.assert_allclose([numbers[n][1] for n in names], numeric, atol=1e-9)
    assert numbers["y"][1] is None  # the target is data: no gradient shown


def test_the_picture_has_every_box_three_operations_arrows_and_labels():
    ax = draw_graph()
    boxes = {p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("value-")}
    assert boxes == {f"value-{n}" for n in "wxbzayL"}
    assert sum(p.get_gid() == "operation" for p in ax.patches) == 3
    assert sum(t.get_gid() == "edge" for t in ax.texts) == 9  # 6 into operations, 3 out
    texts = {t.get_text() for t in ax.texts}
    assert {"$w$", "$x$", "$b$", "$y$", "$z$", "$a$", "$L$"} <= texts
    assert {"$w x + b$", r"$\sigma$", "$(a - y)^2$"} <= texts
    assert not [t for t in ax.texts if t.get_gid() == "gradient-y"]


def test_the_local_derivatives_written_above_the_operations_are_their_values():
    ax = draw_graph(x=1.5, w=0.8, b=-0.2, y=1.0)
    local = "\n".join(t.get_text() for t in ax.texts if t.get_gid() == "local")
    a = 1 / (1 + math.exp(-1.0))
    assert r"$\partial z/\partial w = x$ = 1.5000" in local
    assert r"$\partial z/\partial x = w$ = 0.8000" in local
    assert f"= {a * (1 - a):.4f}" in local and f"= {2 * (a - 1):.4f}" in local


def test_draws_into_a_given_axes():
    _, ax = plt.subplots()
    assert draw_graph(ax=ax) is ax


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"x": "1.5"}, TypeError, "x must be a real number; got '1.5'"),
        ({"w": True}, TypeError, "w must be a real number; got True"),
        ({"b": float("nan")}, ValueError, "b must be a finite number; got nan"),
        ({"y": float("inf")}, ValueError, "y must be a finite number; got inf"),
        ({"ax": "axes"}, TypeError, "ax must be a matplotlib Axes or None"),
    ],
)
def test_bad_input_is_refused_in_words(kwargs, error, message):
    with pytest.raises(error, match=message):
        draw_graph(**kwargs)
