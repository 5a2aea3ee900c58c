"""How fast is nnbook's matrix form? One command compares it with the bare expressions.

``python -m nnbook.bench`` times the forward pass ``a_l = relu(a_{l-1} W_l^T + b_l)`` of a
layer and a small network, in nnbook and in the bare array expressions, all in one run, in
the same dtype and with the same number of threads; ``--json`` prints the results for
machines, ``--quick`` is a smoke test. Ratios are nnbook's median time divided by the
other's (below 1: nnbook is faster).

One module per idea; each imports only modules listed above it:

* :mod:`~nnbook.bench.timer`: interleaved repetitions in balanced orders, medians per call;
* :mod:`~nnbook.bench.machine`: CPU, load, NumPy's BLAS, one thread count for every library;
* :mod:`~nnbook.bench.contenders`: the same ReLU model as nnbook, raw NumPy, PyTorch, CuPy
  and a loop of neurons;
* :mod:`~nnbook.bench.sections`: the forward-pass rows, the neuron loop, the GPU section
  and the speed targets;
* :mod:`~nnbook.bench.report`: the plain-text table;
* :mod:`~nnbook.bench.cli`: :func:`run` and the command line (which restarts itself with
  quiet BLAS threads).

The training benchmark lives here too, :mod:`~nnbook.bench.training` (wall time to a test
accuracy on the 8x8 digits, against scikit-learn), and takes the same thread option; its
command stays ``python -m nnbook.bench_training``.

Examples
--------
>>> report = format_report(run(quick=True, use_torch=False, use_gpu=False))
>>> print(report.splitlines()[0])
nnbook forward-pass benchmark: float32, medians of up to 1 interleaved repetitions
(--quick: indicative only)
"""

from nnbook.bench.cli import BLAS_TIMEOUT, BLAS_TIMEOUT_VAR, main, run
from nnbook.bench.contenders import (
    cupy_forward,
    gflop,
    make_input,
    make_parameters,
    neuron_loop,
    nnbook_model,
    numpy_forward,
    torch_forward,
)
from nnbook.bench.machine import (
    add_blas_threads_option,
    cpu_description,
    limit_blas_threads,
    load_average,
    numpy_blas,
    torch_status,
)
from nnbook.bench.report import format_report
from nnbook.bench.sections import (
    BATCHES,
    GPU_BATCHES,
    LAYER_SIZES,
    NETWORK_SIZES,
    NEURON_BATCHES,
    QUICK_BATCHES,
    QUICK_LAYER_SIZES,
    QUICK_NETWORK_SIZES,
    QUICK_NEURON_BATCHES,
    Progress,
    check_targets,
    forward_rows,
    gpu_section,
    gpu_skip_reason,
    neuron_rows,
)
from nnbook.bench.timer import (
    DEFAULT_REPEATS,
    MIN_REPEATS,
    ROW_BUDGET_S,
    SETTLE_S,
    TARGET_SAMPLE_S,
    Contender,
    balanced_orders,
    time_interleaved,
)

__all__ = [
    "BATCHES",
    "BLAS_TIMEOUT",
    "BLAS_TIMEOUT_VAR",
    "DEFAULT_REPEATS",
    "GPU_BATCHES",
    "LAYER_SIZES",
    "MIN_REPEATS",
    "NETWORK_SIZES",
    "NEURON_BATCHES",
    "QUICK_BATCHES",
    "QUICK_LAYER_SIZES",
    "QUICK_NETWORK_SIZES",
    "QUICK_NEURON_BATCHES",
    "ROW_BUDGET_S",
    "SETTLE_S",
    "TARGET_SAMPLE_S",
    "Contender",
    "Progress",
    "add_blas_threads_option",
    "balanced_orders",
    "check_targets",
    "cpu_description",
    "cupy_forward",
    "format_report",
    "forward_rows",
    "gflop",
    "gpu_section",
    "gpu_skip_reason",
    "limit_blas_threads",
    "load_average",
    "main",
    "make_input",
    "make_parameters",
    "neuron_loop",
    "neuron_rows",
    "nnbook_model",
    "numpy_blas",
    "numpy_forward",
    "run",
    "time_interleaved",
    "torch_forward",
    "torch_status",
]
