"""Tools for the course's maintainers, run from a checkout of the repository.

* ``python -m nnbook.authoring.exercise_cells [--check | --write] [CHAPTER...]`` builds each
  chapter's exercise cells (and the task and check cells of its solutions notebook) from the
  exercises in :mod:`nnbook.exercises`, reports what differs, or rewrites those cells in place.
* :mod:`nnbook.authoring.cells` edits a notebook's cells from Python (find a cell by its text,
  replace text, insert, delete and paste cells, atomically); ``python -m
  nnbook.authoring.cells NOTEBOOK...`` prints each notebook's outline, one line per cell.
* ``python -m nnbook.authoring.execute NOTEBOOK...`` re-executes notebooks in place in a fresh
  kernel, as the test suite's nbval expects them: outputs current, execution counts 1 to n, no
  timing metadata.

Nothing here is imported by ``import nnbook``: learners never need it, and it imports
notebook tooling (nbformat, nbclient) that the ``test`` extra installs.
"""
