"""The benchmark commands must not rot: a quick in-process run, its JSON, and its contenders' math;
the training and widget-latency commands start, and the latter times every control.

Timings are never asserted (they depend on the machine and on what else runs); only the
structure of the results and the numbers the contenders compute.
"""

import contextlib
import importlib.util
import io
import itertools
import json
import math
import re
import subprocess
import sys
from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest

import nnbook
from nnbook import backend, bench
from nnbook.bench import (
    cli,
    contenders,
    machine,
    report,
    sections,
    timer,
    training,
    widget_latency,
)

HAS_TORCH = importlib.util.find_spec("torch") is not None


@pytest.fixture(scope="module")
def quick() -> dict:
    """One `python -m nnbook.bench --quick --json`, run in-process, parsed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = bench.main(["--quick", "--json"])
    assert code == 0
    return json.loads(out.getvalue())


def _positive(value) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0


def test_quick_run_has_one_row_per_model_and_batch(quick):
    assert quick["quick"] is True and quick["dtype"] == "float32"
    models = {
        contenders._model_name(sections.QUICK_LAYER_SIZES),
        contenders._model_name(sections.QUICK_NETWORK_SIZES),
    }
    got = {(row["model"], row["batch"]) for row in quick["forward"]}
    assert got == {(m, b) for m in models for b in sections.QUICK_BATCHES}
    assert len(quick["forward"]) == len(got)


def test_every_row_has_positive_times_ratios_and_rates_and_agreeing_numbers(quick):
    for row in quick["forward"]:
        names = {"nnbook", "numpy"} | ({"torch"} if quick["torch"]["available"] else set())
        assert set(row["median_s"]) == names
        assert set(row["gflop_per_s"]) == names
        assert set(row["ratios"]) == {f"nnbook/{n}" for n in names - {"nnbook"}}
        values = [*row["median_s"].values(), *row["gflop_per_s"].values(), *row["ratios"].values()]
        assert all(_positive(v) for v in values), row
        assert row["agree"] is True, row["max_abs_diff"]
        # the FLOP count is 2*B*N*M summed over layers, computed here independently
        sizes = row["sizes"]
        flops = sum(2 * row["batch"] * sizes[k] * sizes[k + 1] for k in range(len(sizes) - 1))
        assert row["gflop"] == pytest.approx(flops / 1e9)
        assert row["gflop_per_s"]["numpy"] == pytest.approx(row["gflop"] / row["median_s"]["numpy"])


def test_torch_part_is_present_or_skipped_with_a_reason(quick):
    info = quick["torch"]
    if HAS_TORCH:
        assert info["available"] is True
        assert isinstance(info["threads"], int) and info["threads"] >= 1
        assert all("torch" in row["median_s"] for row in quick["forward"])
    else:
        assert info["available"] is False
        assert "torch" in info["reason"].lower()
        assert all("torch" not in row["median_s"] for row in quick["forward"])


def test_no_torch_flag_marks_torch_skipped():
    info = machine.torch_status(2, use_torch=False)
    assert info == {"available": False, "reason": "skipped: --no-torch was given"}


def test_gpu_part_is_skipped_saying_why_no_gpu_works(quick):
    gpu = quick["gpu"]
    if nnbook.gpu_available():
        assert gpu["skipped"] is False and gpu["rows"]
    else:
        assert gpu["skipped"] is True
        # (not device_reason(), which depends on how the test before chose the device)
        assert backend._probe_gpu()[1] in gpu["reason"]


def test_machine_and_thread_counts_are_reported(quick):
    machine = quick["machine"]
    assert machine["numpy"] == np.__version__
    assert "core" in machine["cpu"]
    assert "threads" in machine["numpy_blas"]


def test_every_library_gets_one_blas_thread_by_default(quick):
    assert quick["blas_threads"] == 1
    assert quick["machine"]["numpy_blas"]["threads"] == 1
    if quick["torch"]["available"]:
        assert quick["torch"]["threads"] == 1


def test_the_blas_thread_limit_ends_with_its_block():
    before = machine.numpy_blas()["threads"]
    with machine.limit_blas_threads(1):
        assert machine.numpy_blas()["threads"] == 1
    assert machine.numpy_blas()["threads"] == before
    with machine.limit_blas_threads(0):  # 0: the library's own choice, untouched
        assert machine.numpy_blas()["threads"] == before


def test_neuron_loop_rows_agree_with_the_matrix_form(quick):
    assert [row["batch"] for row in quick["neurons"]] == list(sections.QUICK_NEURON_BATCHES)
    for row in quick["neurons"]:
        assert row["agree"] is True
        assert _positive(row["loop_s"]) and _positive(row["matrix_s"]) and _positive(row["speedup"])


def test_targets_are_listed_with_a_verdict(quick):
    targets = {t["target"]: t for t in quick["targets"]}
    assert len(targets) == 4
    for t in targets.values():
        assert t["met"] in (True, False, None)
        assert (t["met"] is None) == (t["worst_ratio"] is None)
    torch_target = next(t for name, t in targets.items() if "PyTorch" in name)
    assert (torch_target["met"] is None) == (not quick["torch"]["available"])


def test_the_text_report_names_every_section(quick):
    text = report.format_report(quick)
    network = contenders._model_name(sections.QUICK_NETWORK_SIZES)
    for needle in ("Forward pass", "Neurons", "GPU", "Targets", "float32", network):
        assert needle in text
    for batch in sections.QUICK_BATCHES:
        assert f"  {batch}  " in text


# --- the contenders compute the same numbers ------------------------------------------------


def _by_hand(weights, biases, x):
    """relu(sum_j x_j w_ij + b_i), layer after layer, with explicit Python loops (tiny sizes)."""
    rows = []
    for row in x:
        a = [float(v) for v in row]
        for W, b in zip(weights, biases, strict=True):
            z = [
                sum(a[j] * float(W[i, j]) for j in range(len(a))) + float(b[i])
                for i in range(len(b))
            ]
            a = [max(v, 0.0) for v in z]
        rows.append(a)
    return np.array(rows)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_nnbook_and_raw_numpy_compute_the_same_numbers(dtype):
    weights, biases = contenders.make_parameters([5, 4, 3, 2], dtype, seed=3)
    x = contenders.make_input(6, 5, dtype, seed=4)
    want = _by_hand(weights, biases, x)
    raw = contenders.numpy_forward(weights, biases)(x)
    ours = nnbook.to_numpy(contenders.nnbook_model(weights, biases)(x))
    assert raw.dtype == dtype and ours.dtype == dtype  # the comparison is like for like
    tol = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(raw, want, rtol=tol, atol=tol)
    np.testing.assert_allclose(ours, want, rtol=tol, atol=tol)
    assert (want > 0).any() and (want == 0).any()  # ReLU was active and inactive somewhere


def test_a_single_pair_gives_a_layer_and_more_give_a_network():
    weights, biases = contenders.make_parameters([3, 2], np.float32)
    assert isinstance(contenders.nnbook_model(weights, biases), nnbook.Layer)
    weights, biases = contenders.make_parameters([3, 2, 2], np.float32)
    assert isinstance(contenders.nnbook_model(weights, biases), nnbook.Network)


@pytest.mark.skipif(not HAS_TORCH, reason="PyTorch is not installed (optional, for comparison)")
def test_torch_contender_computes_the_same_numbers():
    import torch

    weights, biases = contenders.make_parameters([5, 4, 3], np.float32, seed=5)
    x = contenders.make_input(7, 5, np.float32, seed=6)
    got = contenders.torch_forward(weights, biases)(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(got, _by_hand(weights, biases, x), rtol=1e-5, atol=1e-6)


def test_neuron_loop_equals_the_layer():
    weights, biases = contenders.make_parameters([6, 5], np.float64, seed=7)
    layer = contenders.nnbook_model(weights, biases)
    x = contenders.make_input(4, 6, np.float64)
    np.testing.assert_allclose(contenders.neuron_loop(layer)(x), layer(x), rtol=1e-12)
    np.testing.assert_allclose(contenders.neuron_loop(layer)(x[0]), layer(x[0]), rtol=1e-12)


# --- the GPU section, checked with a stand-in for CuPy ------------------------------------


class _FakeDevice:
    syncs = 0

    def synchronize(self):
        _FakeDevice.syncs += 1


def _fake_cupy():
    """Enough of CuPy's surface for the GPU section, backed by NumPy (arrays stay on the host)."""
    return SimpleNamespace(
        asarray=np.asarray, maximum=np.maximum, cuda=SimpleNamespace(Device=_FakeDevice)
    )


def test_gpu_section_structure_with_a_fake_cupy():
    _FakeDevice.syncs = 0
    batches = (1, 8)
    gpu = sections.gpu_section(
        batches, np.float32, repeats=1, quick=True, cp=_fake_cupy(), sizes=(6, 5, 4, 3)
    )
    assert gpu["skipped"] is False
    assert [row["batch"] for row in gpu["rows"]] == list(batches)
    for row in gpu["rows"]:
        assert set(row["median_s"]) == {
            "cpu",
            "gpu",
            "gpu+transfers",
            "cupy",
            "host->device",
            "device->host",
        }
        assert all(_positive(v) for v in row["median_s"].values())
        assert set(row["ratios"]) == {"nnbook/cupy", "gpu/cpu", "gpu+transfers/cpu"}
        assert all(_positive(v) for v in row["ratios"].values())
        assert row["agree"] is True
    assert gpu["crossover_batch"] in (None, *batches)
    assert _FakeDevice.syncs > 0  # every GPU timer waited for the device
    # and the report can show it
    results = {"gpu": gpu, "forward": [], "neurons": [], "targets": [], "quick": True}
    text_lines = report.format_report(
        {
            **results,
            "dtype": "float32",
            "repeats": 1,
            "seconds": 0.0,
            "machine": {"cpu": "x", "python": "3", "numpy": "2", "numpy_blas": {}, "env": {}},
            "torch": {"available": False, "reason": "none"},
        }
    )
    assert "raw CuPy" in text_lines and "GPU" in text_lines


def test_crossover_is_the_batch_from_which_the_gpu_always_wins():
    def rows(ratios):
        return [
            {"batch": b, "ratios": {"gpu/cpu": r}}
            for b, r in zip((1, 64, 1024, 4096), ratios, strict=True)
        ]

    assert sections._crossover(rows([2.0, 0.5, 1.2, 0.8]), "gpu/cpu") == 4096
    assert sections._crossover(rows([2.0, 0.9, 0.8, 0.1]), "gpu/cpu") == 64
    assert sections._crossover(rows([2.0, 1.5, 1.1, 1.0]), "gpu/cpu") is None


def test_targets_compare_the_worst_ratio_with_the_limit():
    def row(batch, numpy_ratio, torch_ratio):
        return {
            "batch": batch,
            "ratios": {"nnbook/numpy": numpy_ratio, "nnbook/torch": torch_ratio},
        }

    results = {
        "forward": [row(1, 1.4, 0.9), row(64, 1.05, 0.8), row(1024, 1.2, 1.1)],
        "gpu": {"skipped": True, "reason": "none here"},
    }
    verdicts = {t["target"]: (t["met"], t["worst_ratio"]) for t in sections.check_targets(results)}
    assert list(verdicts.values()) == [(False, 1.2), (True, 1.4), (False, 1.1), (None, None)]


def test_bad_arguments_are_refused():
    with pytest.raises(SystemExit):
        bench.main(["--repeats", "0"])
    with pytest.raises(SystemExit):
        bench.main(["--blas-threads", "-1"])
    with pytest.raises(SystemExit):
        bench.main(["--blas-threads", "two"])
    with pytest.raises(ValueError, match="blas threads must be 0"):
        machine.limit_blas_threads(-2)
    with pytest.raises(ValueError, match="dtype must be float32 or float64"):
        bench.run(dtype="int8")


def test_the_command_relaunches_itself_with_quiet_blas_threads(monkeypatch):
    calls = []
    monkeypatch.setattr(subprocess, "call", lambda args, env: calls.append((args, env)) or 0)
    monkeypatch.setattr(sys, "argv", ["bench.py", "--quick"])
    monkeypatch.delenv(cli.BLAS_TIMEOUT_VAR, raising=False)
    assert cli._relaunch_with_quiet_blas_threads() == 0
    ((args, env),) = calls
    assert args[1:] == ["-m", "nnbook.bench", "--quick"]
    assert env[cli.BLAS_TIMEOUT_VAR] == cli.BLAS_TIMEOUT
    monkeypatch.setenv(cli.BLAS_TIMEOUT_VAR, "10")  # the user's own setting wins: no relaunch
    assert cli._relaunch_with_quiet_blas_threads() is None
    assert len(calls) == 1


@pytest.mark.parametrize("n", range(1, 9))
def test_balanced_orders_put_every_contender_after_every_other_equally_often(n):
    orders = timer.balanced_orders(n)
    assert all(sorted(order) == list(range(n)) for order in orders)
    follows = Counter((a, b) for order in orders for a, b in itertools.pairwise(order))
    assert set(follows) == {(a, b) for a in range(n) for b in range(n) if a != b}
    assert len(set(follows.values())) <= 1  # every ordered pair equally often
    assert set(Counter(order[0] for order in orders).values()) == {len(orders) // n}


def _contender(name):
    return timer.Contender(name, lambda: None)


@pytest.mark.parametrize(
    ("names", "repeats", "error", "message"),
    [
        ([], 3, ValueError, r"at least one contender; got \[\]"),
        (["a"], 0, ValueError, "repeats must be an integer >= 1; got 0"),
        (["a"], 2.5, TypeError, "repeats must be an integer >= 1; got 2.5"),
        (["nnbook", "nnbook"], 2, ValueError, r"distinct names .*; got \['nnbook', 'nnbook'\]"),
    ],
)
def test_the_timer_refuses_what_it_cannot_time_before_timing(names, repeats, error, message):
    with pytest.raises(error, match=message):
        timer.time_interleaved([_contender(name) for name in names], repeats, quick=True)


def test_every_finished_row_reports_progress_with_its_label():
    labels = []
    sizes = (sections.QUICK_LAYER_SIZES,)
    sections.forward_rows((1, 8), np.float32, 1, True, False, sizes, progress=labels.append)
    sections.neuron_rows((1,), np.float32, 1, True, sections.QUICK_LAYER_SIZES, labels.append)
    assert labels == [
        "layer 32-16 relu, batch 1",
        "layer 32-16 relu, batch 8",
        "neuron loop, batch 1",
    ]


def test_progress_bar_stays_silent_when_stderr_is_not_a_terminal(capsys):
    with cli._progress_bar(2, quick=False) as step:
        step("layer, batch 1")
        step("layer, batch 8")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("value", ["-1", "two"])
def test_both_benchmarks_refuse_a_bad_thread_count_with_a_usage_message(value, capsys):
    for command in (bench.main, training.main):
        with pytest.raises(SystemExit) as exit_info:
            command(["--blas-threads", value])
        assert exit_info.value.code == 2
        message = capsys.readouterr().err
        assert "--blas-threads" in message and f"got {value!r}" in message


COMMANDS = {
    "nnbook.bench": bench.main,
    "nnbook.bench_training": training.main,
    "nnbook.widgets": widget_latency.main,
}


@pytest.fixture
def nothing_measured(monkeypatch):
    """Fails the test if any benchmark starts its work."""

    def measure(*args, **kwargs):
        pytest.fail("the benchmark started measuring")

    monkeypatch.setattr(cli, "run", measure)
    monkeypatch.setattr(training, "_run", measure)
    monkeypatch.setattr(widget_latency, "benchmark", measure)


@pytest.mark.parametrize(
    ("command", "flag", "value", "expected"),
    [
        ("nnbook.bench", "--repeats", "0", "an integer >= 1"),
        ("nnbook.bench", "--repeats", "1.5", "an integer >= 1"),
        ("nnbook.bench_training", "--target", "1.5", "a real number in (0, 1]"),
        ("nnbook.bench_training", "--target", "nan", "a real number in (0, 1]"),
        ("nnbook.bench_training", "--repeats", "0", "an integer >= 1"),
        ("nnbook.bench_training", "--repeats", "-1", "an integer >= 1"),
        ("nnbook.bench_training", "--hidden", "0", "an integer in [1, 100000]"),
        ("nnbook.bench_training", "--hidden", "100000000", "an integer in [1, 100000]"),
        ("nnbook.bench_training", "--batch-size", "0", "an integer >= 1"),
        ("nnbook.bench_training", "--lr", "-1", "a real number > 0"),
        ("nnbook.bench_training", "--lr", "inf", "a real number > 0"),
        ("nnbook.bench_training", "--momentum", "1", "a real number in [0, 1)"),
        ("nnbook.bench_training", "--max-epochs", "0", "an integer >= 1"),
        ("nnbook.bench_training", "--fixed-epochs", "2.5", "an integer >= 1"),
        ("nnbook.bench_training", "--split-seed", "-1", "an integer >= 0"),
        ("nnbook.bench_training", "--test-fraction", "1", "a real number in (0, 1)"),
        ("nnbook.widgets", "--repeats", "0", "an integer >= 1"),
        ("nnbook.widgets", "--repeats", "many", "an integer >= 1"),
    ],
)
def test_every_numeric_flag_refuses_a_bad_value_with_a_usage_error_before_any_work(
    command, flag, value, expected, nothing_measured, capsys
):
    argv = [flag, value] if command != "nnbook.widgets" else ["--bench", flag, value]
    with pytest.raises(SystemExit) as exit_info:
        COMMANDS[command](argv)
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert message.startswith(f"usage: python -m {command} ")
    assert f"error: argument {flag}: must be {expected}; got {value!r}" in message


@pytest.fixture
def device_not_chosen_yet(monkeypatch):
    """As in a fresh process: the first use of the device reads NNBOOK_DEVICE."""
    monkeypatch.setitem(backend._state, "device", None)


@pytest.mark.parametrize("command", ["nnbook.bench", "nnbook.bench_training"])
def test_an_unknown_device_setting_is_a_usage_error_before_any_work(
    command, monkeypatch, device_not_chosen_yet, nothing_measured, capsys
):
    monkeypatch.setenv("NNBOOK_DEVICE", "bogus")
    with pytest.raises(SystemExit) as exit_info:
        COMMANDS[command]([])
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert (
        "error: environment variable NNBOOK_DEVICE must be one of auto, cpu, gpu; got 'bogus'"
        in (message)
    )


@pytest.mark.parametrize("command", ["nnbook.bench", "nnbook.bench_training"])
def test_asking_for_a_gpu_that_does_not_work_is_a_usage_error_before_any_work(
    command, monkeypatch, device_not_chosen_yet, nothing_measured, capsys
):
    monkeypatch.setitem(backend._state, "probe", (False, "no GPU in this test"))
    monkeypatch.setenv("NNBOOK_DEVICE", "gpu")
    with pytest.raises(SystemExit) as exit_info:
        COMMANDS[command]([])
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert "NNBOOK_DEVICE='gpu' cannot be honoured" in message
    assert "no GPU in this test" in message and "set NNBOOK_DEVICE=auto" in message


def test_run_refuses_an_unknown_device_setting_before_measuring(monkeypatch, device_not_chosen_yet):
    monkeypatch.setenv("NNBOOK_DEVICE", "bogus")
    monkeypatch.setattr(cli, "forward_rows", lambda *a: pytest.fail("measuring started"))
    with pytest.raises(ValueError, match="NNBOOK_DEVICE must be one of auto, cpu, gpu"):
        bench.run(quick=True, use_torch=False)


def test_a_gpu_failure_midway_skips_the_gpu_section_saying_why():
    class OutOfMemoryError(Exception):
        pass

    def asarray(x):
        if np.shape(x) == (8, 6):  # the second batch of inputs
            raise OutOfMemoryError("out of memory allocating 192 bytes\n(details)")
        return np.asarray(x)

    fake = _fake_cupy()
    fake.asarray = asarray
    gpu = sections.gpu_section((1, 8), np.float32, 1, True, cp=fake, sizes=(6, 5, 4, 3))
    assert gpu == {
        "skipped": True,
        "reason": "the GPU section failed after 1 of 2 rows "
        "(OutOfMemoryError: out of memory allocating 192 bytes); the CPU results are complete",
    }


@pytest.mark.parametrize(("fraction", "rows"), [("0.999", "0 training rows"), ("0.001", "0 test")])
def test_a_test_fraction_that_leaves_a_side_empty_is_a_usage_error_before_any_work(
    fraction, rows, nothing_measured, capsys
):
    with pytest.raises(SystemExit) as exit_info:
        training.main(["--test-fraction", fraction])
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert f"error: argument --test-fraction: {fraction} leaves {rows}" in message


def test_missing_scikit_learn_ends_the_training_benchmark_with_the_install_command(
    monkeypatch, nothing_measured, capsys
):
    def no_sklearn(**kwargs):
        raise ImportError("the digits data ship with scikit-learn, which is not installed; ...")

    monkeypatch.setattr(training, "load_digits_split", no_sklearn)
    with pytest.raises(SystemExit) as exit_info:
        training.main([])
    assert exit_info.value.code == 1
    assert "error: the digits data ship with scikit-learn" in capsys.readouterr().err


def test_a_diverging_nnbook_run_counts_as_never_reaching_the_target_and_the_run_goes_on(
    monkeypatch, capsys
):
    real_fit = training.fit

    def fit_diverging_for_seed_1_and_without_evaluation(network, *args, **kwargs):
        if kwargs.get("seed") == 1 or "X_val" not in kwargs:
            raise nnbook.training.TrainingDivergedError("training diverged in epoch 1")
        return real_fit(network, *args, **kwargs)

    monkeypatch.setattr(training, "fit", fit_diverging_for_seed_1_and_without_evaluation)
    small = ["--repeats", "2", "--max-epochs", "1", "--fixed-epochs", "1", "--hidden", "8"]
    results = training.main(small)
    assert results["nnbook"]["reached"] == 0 and results["nnbook"]["diverged"] == 1
    assert results["nnbook"]["fixed_epochs_seconds"] == math.inf
    out = capsys.readouterr().out
    assert "nnbook diverged in 1 of 2 runs" in out
    assert re.search(r"^nnbook +inf s +\(diverged: its loss blew up\)$", out, re.MULTILINE)


def test_a_console_that_cannot_show_micro_still_gets_the_whole_report(monkeypatch):
    """An ASCII-only stdout used to end the benchmark, after all its measuring, with a
    UnicodeEncodeError on the first "µs"."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    assert bench.main(["--quick", "--no-torch", "--no-gpu"]) == 0
    sys.stdout.flush()
    text = raw.getvalue().decode("ascii")
    assert re.search(r"\d us ", text) and "Targets (same run)" in text


def test_the_widget_benchmark_refuses_zero_repeats_clearly():
    with pytest.raises(ValueError, match="repeats must be an integer >= 1; got 0"):
        widget_latency.benchmark(repeats=0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"repeats": 1.5}, "repeats must be an integer >= 1; got 1.5"),
        ({"blas_threads": "2"}, "blas_threads must be an integer >= 0; got '2'"),
    ],
)
def test_run_refuses_a_wrong_kind_of_number_before_measuring(kwargs, message, monkeypatch):
    monkeypatch.setattr(cli, "forward_rows", lambda *a: pytest.fail("measuring started"))
    with pytest.raises(TypeError, match=message):
        bench.run(quick=True, use_torch=False, use_gpu=False, **kwargs)


@pytest.mark.parametrize("command", ["nnbook.bench", "nnbook.bench_training", "nnbook.widgets"])
def test_the_commands_the_readme_documents_still_start(command):
    """`python -m <command>` is quoted in the README: it must survive moving the code around."""
    result = subprocess.run(
        [sys.executable, "-m", command, "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: python -m {command} ")


def test_the_widget_latency_command_reports_every_control(capsys):
    assert widget_latency.main(["--bench", "--repeats", "3"]) == 0
    out = capsys.readouterr().out
    explorer = ("function", "alpha", "x_range", "derivative", "x")
    playground = ("activation", "w1", "b")
    descent = ("lr", "steps")
    boundary = ("epoch",)
    for control in (*explorer, *playground, *descent, *boundary):
        assert re.search(rf"^\S+ +{control} +[\d.]+ +[\d.]+", out, re.MULTILINE), control
    assert out.count("full replot") == 4
