"""How fast is nnbook's matrix form? One command compares it with the bare expressions.

``python -m nnbook.bench`` times the forward pass ``a_l = relu(a_{l-1} W_l^T + b_l)`` of a
layer and a small network, in nnbook and in the bare array expressions, all in one run, in
the same dtype and with the same number of threads; ``--json`` prints the results for
machines, ``--quick`` is a smoke test. Ratios are nnbook's median time divided by the
other's (below 1: nnbook is faster).

One module per idea; each imports only modules listed above it:

* :mod:`~nnbook.bench.options`: what every benchmark command checks before measuring
  (numeric flags, the ``NNBOOK_DEVICE`` setting), so a mistake is a usage error at once;
* :mod:`~nnbook.bench.timer`: interleaved repetitions in balanced orders, medians per call;
* :mod:`~nnbook.bench.machine`: CPU, load, NumPy's BLAS, one thread count for every library;
* :mod:`~nnbook.bench.contenders`: the same ReLU model as nnbook, raw NumPy, PyTorch, CuPy
  and a loop of neurons;
* :mod:`~nnbook.bench.sections`: the forward-pass rows, the neuron loop, the GPU section
  and the speed targets;
* :mod:`~nnbook.bench.report`: the plain-text table;
* :mod:`~nnbook.bench.cli`: :func:`run` and the command line (which restarts itself with
  quiet BLAS threads).

From Python, :func:`run` returns the results as a JSON-ready dict and :func:`format_report`
turns them into the table the command prints.

The other two benchmarks live here too, each in one module with its own command:
:mod:`~nnbook.bench.training` (``python -m nnbook.bench_training``: wall time to a test
accuracy on the 8x8 digits, against scikit-learn, with the same thread option) and
:mod:`~nnbook.bench.widget_latency` (``python -m nnbook.widgets --bench``: milliseconds per
widget control change).

Examples
--------
>>> report = format_report(run(quick=True, use_torch=False, use_gpu=False))
>>> print(report.splitlines()[0])
nnbook forward-pass benchmark: float32, medians of up to 1 interleaved repetitions
(--quick: indicative only)
"""

from nnbook.bench.cli import main, run
from nnbook.bench.report import format_report

__all__ = ["format_report", "main", "run"]
