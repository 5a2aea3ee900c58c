"""What an exercise is: the task a chapter shows, the stub, the reference and the cases to try.

An :class:`Exercise` asks the learner for one small function. Its check calls that function
positionally on the ``args`` of each :class:`Case` and compares the answer with the
reference's; a wrong answer that equals a known :class:`Mistake`'s gets that mistake's hint.
The exercise names its ``topic``; :mod:`nnbook.exercises.chapters` turns that into a chapter.
It may rule out ready-made ``shortcuts`` (:mod:`nnbook.exercises.shortcuts`).

Examples
--------
>>> double = Exercise(
...     topic="neuron",
...     name="double",
...     title="Twice x",
...     task="Write `double(x)`.",
...     stub="def double(x):\\n    raise NotImplementedError",
...     reference=lambda x: 2 * x,
...     cases=(Case("x = 3", {"x": 3.0}),),
...     mistakes=(Mistake(lambda x: x + 2, "Twice means times 2, not plus 2."),),
... )
>>> double.chapter
1
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nnbook.exercises.chapters import chapter_of
from nnbook.exercises.shortcuts import resolve

__all__ = ["Case", "Exercise", "Mistake"]


@dataclass(frozen=True)
class Case:
    """One input to try: ``args`` maps argument names to values, ``label`` says it in words."""

    label: str
    args: dict[str, Any]
    crash_hint: str = ""  # a hint for when the learner's code raises on this case


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: if the learner's output equals ``wrong(*args)``, say ``hint``."""

    wrong: Callable[..., Any]
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One exercise: the task shown to the learner, its stub, its reference and its cases.

    ``task`` (markdown) and ``stub`` (code) are what the chapter notebooks show; the
    check calls the learner's function positionally with each case's ``args``. ``topic``
    says which idea the exercise practises; :attr:`chapter` follows from it. When the task
    rules out ready-made functions (``shortcuts``, e.g. ``("np.tanh",)``), the check runs the
    learner's function with them switched off and says what to use instead (``build_from``).
    ``returns_list`` marks an answer that is a list (of batches, of layers' gradients), so a
    wrong length is told as "expected N items" rather than "return N things".
    """

    topic: str
    name: str
    title: str
    task: str
    stub: str
    reference: Callable[..., Any] = field(repr=False)
    cases: tuple[Case, ...] = field(repr=False)
    mistakes: tuple[Mistake, ...] = field(default=(), repr=False)
    hint: str = ""  # said when a wrong answer matches no known mistake
    crash_hint: str = ""  # said when the learner's code raises (unless the case has its own)
    transposed_hint: str = "The numbers are right but rows and columns are swapped."
    also_accept: tuple[Callable[..., Any], ...] = field(default=(), repr=False)
    exact: bool = False  # integers: compare exactly
    shortcuts: tuple[str, ...] = ()  # functions the task rules out: "np.tanh", "abs"...
    build_from: str = ""  # what the task asks to build it from instead, e.g. "np.exp"
    returns_list: bool = False  # the answer is a list whose length the inputs decide

    def __post_init__(self) -> None:
        chapter_of(self.topic)  # an unknown topic fails here, naming the known ones
        for shortcut in self.shortcuts:
            resolve(shortcut)  # an unknown function fails here, naming it
        if self.shortcuts and not self.build_from:
            raise ValueError(
                f"exercise {self.name!r} rules out {', '.join(self.shortcuts)}: say what to "
                "build it from instead (build_from)"
            )

    @property
    def chapter(self) -> int:
        """The number of the chapter that shows this exercise (from its topic)."""
        return chapter_of(self.topic)
