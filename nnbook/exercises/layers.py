"""Exercises on layers and networks: flattening an image for the input layer, a layer as a
list of neurons, and how many weights and biases a fully connected network learns.

Examples
--------
>>> check_count_parameters(lambda sizes: sum(sizes), quiet=True).hint
'That counts neurons, not weights and biases.'
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.phi import sigmoid
from nnbook.exercises.shared import arr
from nnbook.exercises.spec import Case, Exercise, Mistake

__all__ = ["TOPIC", "check_count_parameters", "check_flatten_image", "check_layer_outputs"]

TOPIC = "layers"

check_flatten_image = register(
    Exercise(
        topic=TOPIC,
        name="flatten_image",
        title="Flatten an image",
        task=(
            "The input layer reads a picture as one long vector. Write `flatten_image(image)` "
            "that turns\na 2-D array of pixels of shape `(height, width)` into a 1-D vector of "
            "length `height * width`,\nrow by row (first the top row, left to right, then the "
            "next row...)."
        ),
        stub=(
            "def flatten_image(image):\n"
            '    """The pixels of a (height, width) image as a 1-D vector, row by row."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda image: np.reshape(image, -1),
        cases=(
            Case("a 2 x 3 image", {"image": arr([0.1, 0.2, 0.3], [0.4, 0.5, 0.6])}),
            Case("a 3 x 2 image", {"image": arr([0.0, 1.0], [0.25, 0.75], [0.5, 0.5])}),
            Case("a 1 x 1 image (one pixel)", {"image": arr([0.9])}),
            Case("a one-row image", {"image": arr([0.1, 0.0, 0.3, 0.7])}),
            Case("a one-column image", {"image": arr([0.1], [0.0], [0.3])}),
        ),
        mistakes=(
            Mistake(
                lambda image: np.reshape(image, -1, order="F"),
                "You read the image column by column. Read it row by row, like text: the "
                "whole first row, then the second...",
            ),
        ),
        hint="Every pixel should appear once, in reading order.",
    )
)

check_layer_outputs = register(
    Exercise(
        topic=TOPIC,
        name="layer_outputs",
        title="A layer as a list of neurons",
        task=(
            "A layer is a list of neurons that all read the same input. Write "
            "`layer_outputs(x, weights, biases)`:\n`weights` is a list of M weight vectors "
            "(one per neuron, each as long as `x`), `biases` a list of\nM numbers. Return the "
            "M activations as a NumPy array, using the sigmoid $1/(1+e^{-z})$ for every "
            "neuron."
        ),
        stub=(
            "def layer_outputs(x, weights, biases):\n"
            '    """The sigmoid activation of each neuron (w, b) of a layer, for one input x."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda x, weights, biases: np.array(
            [sigmoid(x @ w + b) for w, b in zip(weights, biases, strict=True)]
        ),
        cases=(
            Case(
                "2 inputs and 3 neurons",
                {
                    "x": arr(1.0, -1.0),
                    "weights": [arr(0.5, 0.5), arr(1.0, -1.0), arr(-2.0, 0.0)],
                    "biases": [0.0, -1.0, 0.5],
                },
            ),
            Case(
                "3 inputs and 2 neurons",
                {
                    "x": arr(0.5, 1.0, 2.0),
                    "weights": [arr(1.0, 0.0, -1.0), arr(0.25, 0.5, 0.25)],
                    "biases": [1.0, -2.0],
                },
            ),
            Case(
                "a layer of just 1 neuron",
                {"x": arr(2.0, 1.0), "weights": [arr(-1.0, 3.0)], "biases": [0.5]},
            ),
            Case(
                "1 input and 2 neurons, negative values",
                {"x": arr(-2.0), "weights": [arr(1.5), arr(-0.5)], "biases": [-1.0, 0.25]},
            ),
            Case(
                "all-zero inputs (each neuron gives sigmoid of its bias)",
                {
                    "x": arr(0.0, 0.0),
                    "weights": [arr(1.0, 2.0), arr(3.0, 4.0)],
                    "biases": [2.0, -2.0],
                },
            ),
        ),
        mistakes=(
            Mistake(
                lambda x, weights, biases: np.array([sigmoid(x @ w) for w in weights]),
                "Did you forget the biases? Each neuron adds its own b before the sigmoid.",
            ),
            Mistake(
                lambda x, weights, biases: np.array([sigmoid(x @ w + biases[0]) for w in weights]),
                "Every neuron used the first bias. Neuron i has its own bias, biases[i].",
            ),
            Mistake(
                lambda x, weights, biases: np.array(
                    [x @ w + b for w, b in zip(weights, biases, strict=True)]
                ),
                "These are the weighted sums z. Did you forget the sigmoid?",
            ),
            Mistake(
                lambda x, weights, biases: sum(
                    sigmoid(x @ w + b) for w, b in zip(weights, biases, strict=True)
                ),
                "You added the neurons' outputs together. A layer gives one output per "
                "neuron: M numbers.",
            ),
        ),
        hint="For each pair (w, b), compute sigmoid(x @ w + b); collect the M results in order.",
    )
)

check_count_parameters = register(
    Exercise(
        topic=TOPIC,
        name="count_parameters",
        title="How many numbers does a network learn?",
        task=(
            "Write `count_parameters(sizes)`: `sizes` lists how many neurons each layer of a "
            "fully connected\nnetwork has, input layer first (e.g. `[784, 16, 16, 10]`). "
            "Return how many weights and biases the\nnetwork has in all, as a whole number."
        ),
        stub=(
            "def count_parameters(sizes):\n"
            '    """The number of weights plus biases of a fully connected network."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=lambda sizes: sum(n * m + m for n, m in pairwise(sizes)),
        cases=(
            Case("sizes [2, 3, 1]", {"sizes": [2, 3, 1]}),
            Case("one input feeding one neuron, [3, 1]", {"sizes": [3, 1]}),
            Case("the classic digit network [784, 16, 16, 10]", {"sizes": [784, 16, 16, 10]}),
            Case("a narrowing then widening network [4, 2, 3]", {"sizes": [4, 2, 3]}),
            Case("a chain of single neurons [1, 1, 1, 1]", {"sizes": [1, 1, 1, 1]}),
            Case("only an input layer, [5] (nothing to learn)", {"sizes": [5]}),
        ),
        mistakes=(
            Mistake(
                lambda sizes: sum(n * m for n, m in pairwise(sizes)),
                "You counted the weights only. Don't forget the biases: one per neuron "
                "outside the input layer.",
            ),
            Mistake(
                lambda sizes: sum(n * m for n, m in pairwise(sizes)) + sum(sizes),
                "The input layer has no biases: its values are the data itself.",
            ),
            Mistake(
                lambda sizes: sum(n + m + m for n, m in pairwise(sizes)),
                "Fully connected: each of the M neurons reads every one of the N neurons "
                "before it. That is M x N weights, not M + N.",
            ),
            Mistake(lambda sizes: sum(sizes), "That counts neurons, not weights and biases."),
        ),
        hint="Between a layer of N and a layer of M neurons there are N x M weights and M biases.",
        exact=True,
    )
)
