"""Reading import files: the hostile files of issue 13 and files at the limits, streamed and as before.

Files (built here, tests/import_bombs.py):
- a workbook of a few hundred kB that unpacks to a million rows;
- a CSV whose header is 500,000 empty cells;
- a workbook and a CSV of exactly MAX_ROWS rows (the largest file that is read whole).

Ours: `imports.read_table` (openpyxl read-only after a streaming scan; CSV line by line).
Before, in the same run: the reader as it was (frozen below): every row read into a list, then
the limits checked. Each case runs in a fresh process; the figures are its wall time and the
growth of its peak resident memory (ru_maxrss), the median of --runs runs.

    python bench/bench_import.py [--runs 3] [--skip-before]

The reader before needs about two minutes and 1 GB for the million-row workbook.
"""

from __future__ import annotations

import argparse
import csv
import io
import multiprocessing
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from barnrosten.answering import imports  # noqa: E402
from tests.import_bombs import empty_header_csv, million_row_xlsx  # noqa: E402


# ---- the reader before streaming (main before issue 13's upload fix), for the baseline ----

def before_read_table(data: bytes, filename: str) -> str:
    if filename.endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        text = data.decode("utf-8-sig")
        delimiter = max(";,\t", key=text.split("\n", 1)[0].count)
        cells = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    cells = [row for row in cells if any(c not in (None, "") for c in row)]
    if len(cells) < 2:
        return "empty"
    if len(cells) - 1 > imports.MAX_ROWS:
        return "too_many"
    columns = [str(c).strip() if c not in (None, "") else f"#{i + 1}" for i, c in enumerate(cells[0])]
    if len(set(columns)) != len(columns):
        return "duplicate_columns"
    rows = [dict(zip(columns, row)) for row in cells[1:]]
    return f"{len(rows)} rows"


def ours(data: bytes, filename: str) -> str:
    try:
        return f"{len(imports.read_table(data, filename).rows)} rows"
    except imports.ImportFileProblem as problem:
        return f"{problem.key} after {problem.rows_read:,} rows"


def _measure(reader, data, filename, out) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    outcome = reader(data, filename)
    seconds = time.perf_counter() - start
    out.send((outcome, seconds, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024))


def measure(reader, data: bytes, filename: str, runs: int) -> tuple[str, float, float]:
    results = []
    context = multiprocessing.get_context("fork")
    for _ in range(runs):
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_measure, args=(reader, data, filename, send))
        process.start()
        results.append(receive.recv())
        process.join()
    return (results[0][0], statistics.median(r[1] for r in results), statistics.median(r[2] for r in results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-before", action="store_true", help="measure only the streaming reader")
    args = parser.parse_args()
    limit_rows = ("Datum;lyssnad;Önskan\n" + "2026-09-01;4;Bra möten men alltid på skoltid\n" * imports.MAX_ROWS).encode()
    cases = [
        ("workbook, a million rows", million_row_xlsx(1_000_000), "svar.xlsx"),
        ("CSV, 500,000 empty header cells", empty_header_csv(500_000), "svar.csv"),
        (f"workbook, {imports.MAX_ROWS:,} rows (the limit)", million_row_xlsx(imports.MAX_ROWS), "svar.xlsx"),
        (f"CSV, {imports.MAX_ROWS:,} rows (the limit)", limit_rows, "svar.csv"),
    ]
    print(f"{'file':<38} {'size':>9}  {'reader':<7} {'outcome':<32} {'time':>8} {'peak memory':>12}")
    for label, data, filename in cases:
        readers = [("ours", ours)] + ([] if args.skip_before else [("before", before_read_table)])
        for name, reader in readers:
            outcome, seconds, megabytes = measure(reader, data, filename, args.runs)
            print(f"{label:<38} {len(data) / 1024:>7,.0f} kB  {name:<7} {outcome:<32} {seconds:>7.2f}s {megabytes:>9,.0f} MB",
                  flush=True)


if __name__ == "__main__":
    main()
