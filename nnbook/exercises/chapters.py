"""Which chapter shows each exercise topic: the one place that knows chapter numbers.

Every exercise names its *topic*, the idea it practises (``"neuron"``, ``"bias"``...), which is
also the name of the module that holds it. This table turns a topic into the number of the
chapter whose "Exercises" section shows it. Reordering or splitting chapters changes this table
and the notebooks, never the exercises: to split a chapter, give its exercises finer topics and
a row each here. Within a chapter, exercises keep the order their module defines them in.

Examples
--------
>>> chapter_of("neuron")
1
>>> chapter_of("convolution")
Traceback (most recent call last):
...
ValueError: unknown exercise topic 'convolution'; expected one of ['activations', \
'backpropagation', 'bias', 'gradient_descent', 'layers', 'matrix_form', 'neuron', \
'nonlinearity', 'training']
"""

from __future__ import annotations

__all__ = ["CHAPTER_OF_TOPIC", "chapter_of"]

#: Exercise topic -> number of the chapter that shows it.
CHAPTER_OF_TOPIC: dict[str, int] = {
    "neuron": 1,
    "layers": 2,
    "matrix_form": 3,
    "nonlinearity": 4,
    "activations": 5,
    "bias": 6,
    "gradient_descent": 7,
    "backpropagation": 8,
    "training": 9,
}


def chapter_of(topic: str) -> int:
    """The number of the chapter whose exercises section shows ``topic``.

    Parameters
    ----------
    topic : str
        A key of :data:`CHAPTER_OF_TOPIC`, e.g. ``"matrix_form"``.

    Returns
    -------
    int
        The chapter number.

    Raises
    ------
    ValueError
        If the topic is not in the table.

    Examples
    --------
    >>> chapter_of("backpropagation")
    8
    """
    try:
        return CHAPTER_OF_TOPIC[topic]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown exercise topic {topic!r}; expected one of {sorted(CHAPTER_OF_TOPIC)}"
        ) from None
