"""The benchmark's results as plain text: what ``python -m nnbook.bench`` prints.

:func:`format_report` takes the JSON-ready dict of :func:`nnbook.bench.cli.run` and writes
the machine and thread counts, one table per section (times per call, the ratio nnbook /
other, GFLOP/s; the neuron loop's speed-up; the GPU rows and crossover batches) and each
speed target with its verdict. Times print in s, ms or µs, whichever keeps them readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["format_report"]


def _t(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def _count(n: int | None, noun: str) -> str:
    return f"? {noun}s" if n is None else f"{n} {noun}{'' if n == 1 else 's'}"


def _x(ratio: float) -> str:
    return f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.2f}x"


def _table(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *body, strict=True)]

    def line(cells: Sequence[Any]) -> str:
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in body)]


def format_report(results: dict[str, Any]) -> str:
    """The results as a plain-text table (what ``python -m nnbook.bench`` prints)."""
    m = results["machine"]
    blas = m["numpy_blas"]
    torch_info = results["torch"]
    out = [
        f"nnbook forward-pass benchmark: {results['dtype']}, medians of up to "
        f"{results['repeats']} interleaved repetitions"
        + (" (--quick: indicative only)" if results["quick"] else ""),
        f"CPU: {m['cpu']}; Python {m['python']}; NumPy {m['numpy']} "
        f"({blas.get('library') or 'BLAS ?'} {blas.get('version') or ''}, "
        f"{_count(blas.get('threads'), 'BLAS thread')})",
        "Threads: "
        + (
            f"{results['blas_threads']} per library (--blas-threads; 0 = each library's choice)"
            if results.get("blas_threads")
            else "each library's own choice (--blas-threads 0)"
        ),
    ]
    loads = [m.get("load_average_before"), m.get("load_average_after")]
    if any(v is not None for v in loads):
        out.append(
            "Load average before/after: "
            + " / ".join("?" if v is None else f"{v:.2f}" for v in loads)
            + (
                " (busy: other programs compete for the cores, timings are noisy)"
                if max(v or 0 for v in loads) > 1.0
                else ""
            )
        )
    if m["env"]:
        out.append("Environment: " + ", ".join(f"{k}={v}" for k, v in m["env"].items()))
    if torch_info["available"]:
        note = f", {torch_info['threads_note']}" if "threads_note" in torch_info else ""
        threads = _count(torch_info["threads"], "thread")
        out.append(f"PyTorch {torch_info['version']}: {threads}{note}")
    else:
        out.append(f"PyTorch: {torch_info['reason']}")
    has_torch = torch_info["available"]
    out += [
        "",
        "Forward pass (time per call; ratio = nnbook time / other time, < 1: nnbook faster)",
    ]
    header = ["model", "batch", "nnbook", "NumPy", "nnbook/NumPy"]
    if has_torch:
        header += ["torch", "nnbook/torch"]
    header += ["GFLOP/s nnbook", "NumPy"] + (["torch"] if has_torch else [])
    body = []
    for r in results["forward"]:
        t, g = r["median_s"], r["gflop_per_s"]
        cells = [r["model"], r["batch"], _t(t["nnbook"]), _t(t["numpy"])]
        cells.append(f"{r['ratios']['nnbook/numpy']:.2f}x")
        if has_torch:
            cells += [_t(t["torch"]), f"{r['ratios']['nnbook/torch']:.2f}x"]
        cells += [f"{g['nnbook']:.1f}", f"{g['numpy']:.1f}"]
        if has_torch:
            cells.append(f"{g['torch']:.1f}")
        body.append(cells)
    out += _table(header, body)
    if not all(r["agree"] for r in results["forward"]):
        out.append("WARNING: some contenders computed different numbers (see --json max_abs_diff)")

    if results["neurons"]:
        first = results["neurons"][0]
        out += ["", f"Loop of {first['neurons']} Neurons vs one Layer ({first['model']})"]
        out += _table(
            ["batch", "neuron loop", "matrix", "speed-up"],
            [
                [r["batch"], _t(r["loop_s"]), _t(r["matrix_s"]), _x(r["speedup"])]
                for r in results["neurons"]
            ],
        )

    gpu = results["gpu"]
    out.append("")
    if gpu["skipped"]:
        out.append(f"GPU: skipped: {gpu['reason']}")
    else:
        out.append(f"GPU ({gpu['device']}), {gpu['model']}: nnbook on CuPy vs nnbook on NumPy")
        body = []
        for r in gpu["rows"]:
            t, q = r["median_s"], r["ratios"]
            body.append(
                [
                    r["batch"],
                    _t(t["cpu"]),
                    _t(t["gpu"]),
                    _t(t["gpu+transfers"]),
                    _t(t["host->device"]),
                    _t(t["device->host"]),
                    _t(t["cupy"]),
                    f"{q['nnbook/cupy']:.2f}x",
                    f"{q['gpu+transfers/cpu']:.2f}x",
                ]
            )
        header = ["batch", "CPU", "GPU", "GPU+copies", "to GPU", "back", "raw CuPy"]
        out += _table([*header, "nnbook/CuPy", "GPU+copies/CPU"], body)
        for key, label in (
            ("crossover_batch_resident", "data already on the GPU"),
            ("crossover_batch", "counting the copies"),
        ):
            b = gpu[key]
            out.append(
                f"GPU wins from batch {b} on ({label})"
                if b is not None
                else f"GPU never wins up to batch {gpu['rows'][-1]['batch']} ({label})"
            )

    out += ["", "Targets (same run)"]
    for target in results["targets"]:
        value = target["worst_ratio"]
        verdict = {True: "met", False: "NOT met", None: "not measured"}[target["met"]]
        worst = f" (worst {value:.2f}x)" if value is not None else ""
        out.append(f"  {target['target']}: {verdict}{worst}")
    out.append(f"({results['seconds']:.1f} s in all)")
    return "\n".join(out)
