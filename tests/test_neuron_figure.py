"""Chapter 1's neuron picture shows its formula: inputs x_i, weights w_i, Sigma + b, phi, a."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from nnbook.figures import BLUE, draw_neuron


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def gids(ax, gid):
    return [a for a in [*ax.lines, *ax.patches, *ax.texts] if a.get_gid() == gid]


@pytest.mark.parametrize("n", [1, 3, 6])
def test_every_input_has_its_own_blue_weight_line_and_labels(n):
    ax = draw_neuron(n)
    assert len(gids(ax, "input")) == n
    weights = gids(ax, "weight")
    assert len(weights) == n and all(line.get_color() == BLUE for line in weights)
    texts = {t.get_text() for t in ax.texts}
    assert {f"$x_{i}$" for i in range(1, n + 1)} <= texts
    assert {f"$w_{i}$" for i in range(1, n + 1)} <= texts


def test_the_neuron_adds_the_bias_then_applies_phi_and_sends_out_a():
    ax = draw_neuron(3)
    texts = {t.get_text() for t in ax.texts}
    assert {r"$\Sigma\,+\,b$", r"$\varphi$", "$z$", "$a$"} <= texts
    assert len(gids(ax, "sum")) == 1 and len(gids(ax, "activation")) == 1
    formula = [t for t in texts if t.startswith("$a = ")]
    assert formula == [r"$a = \varphi(x_1 w_1 + \dots + x_n w_n + b)$"]


def test_without_symbols_only_the_shapes_remain():
    assert [t.get_text() for t in draw_neuron(2, symbols=False).texts if t.get_text()] == []


@pytest.mark.parametrize(("n", "error"), [(0, ValueError), (7, ValueError), (2.0, TypeError)])
def test_the_number_of_inputs_is_checked_in_words(n, error):
    with pytest.raises(error, match="n_inputs must be an integer from 1 to 6; got"):
        draw_neuron(n)
