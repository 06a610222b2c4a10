"""Command line: `python -m analysis annotate FILE`.

FILE is JSON Lines ({"id": ..., "text": ...}), CSV with id,text columns, an
Excel workbook (.xlsx), or `-` for standard input (JSON Lines or CSV). Exports
from other survey tools work too: name their columns with --id-column and
--text-column. Writes one JSON line per input row to standard output. A
malformed row is reported on standard error with its line number and skipped;
the exit status is 1 when any row failed, 0 otherwise.

    python -m analysis annotate comments.jsonl > annotated.jsonl
    python -m analysis annotate export.xlsx --id-column Svar-ID --text-column Kommentar
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterator, TextIO

from analysis.annotate import annotate_text

# Show progress on standard error from this many rows (small files finish too fast to need it).
PROGRESS_FROM = 1000
PROGRESS_EVERY = 500


class RowError(ValueError):
    pass


def _jsonl_rows(lines: Iterator[str], id_column: str, text_column: str, first_line: int = 1):
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, RowError(f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or text_column not in record:
            yield number, RowError(f"no '{text_column}' field")
            continue
        text = record[text_column]
        if text is not None and not isinstance(text, str):
            yield number, RowError(f"'{text_column}' is not text")
            continue
        yield number, (record.get(id_column, number), text)


def _csv_rows(handle: TextIO, id_column: str, text_column: str):
    reader = csv.DictReader(handle)
    if reader.fieldnames is None or text_column not in reader.fieldnames:
        yield 1, RowError(f"no '{text_column}' column (columns: {', '.join(reader.fieldnames or [])})")
        return
    for row in reader:
        number = reader.line_num
        if None in row:  # more cells than headers
            yield number, RowError("more cells than columns")
            continue
        yield number, (row.get(id_column) or number, row[text_column])


def _excel_rows(path: Path, id_column: str, text_column: str):
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = [str(h) if h is not None else "" for h in next(rows, [])]
    if text_column not in header:
        yield 1, RowError(f"no '{text_column}' column (columns: {', '.join(header)})")
        return
    text_at, id_at = header.index(text_column), header.index(id_column) if id_column in header else None
    for number, row in enumerate(rows, start=2):
        text = row[text_at] if text_at < len(row) else None
        comment_id = row[id_at] if id_at is not None and id_at < len(row) else number
        yield number, (comment_id, None if text is None else str(text))


def read_rows(source: str, id_column: str = "id", text_column: str = "text"):
    """(line number, (id, text) or RowError) for every row of `source`."""
    if source == "-":
        data = sys.stdin.read()
        stripped = data.lstrip()
        if stripped.startswith("{"):
            yield from _jsonl_rows(iter(data.splitlines()), id_column, text_column)
        else:
            yield from _csv_rows(io.StringIO(data), id_column, text_column)
        return
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        yield from _excel_rows(path, id_column, text_column)
    elif suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            yield from _csv_rows(handle, id_column, text_column)
    else:
        with open(path, encoding="utf-8-sig") as handle:
            yield from _jsonl_rows(handle, id_column, text_column)


def _count_rows(source: str) -> int | None:
    if source == "-" or Path(source).suffix.lower() in (".xlsx", ".xlsm"):
        return None
    with open(source, "rb") as handle:
        return sum(1 for _ in handle)


def cmd_annotate(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    total = _count_rows(args.file)
    show_progress = not args.quiet and (total or 0) >= PROGRESS_FROM
    failed = done = 0
    for number, row in read_rows(args.file, args.id_column, args.text_column):
        if isinstance(row, RowError):
            failed += 1
            print(f"line {number}: {row} (skipped)", file=err)
            continue
        comment_id, text = row
        out.write(json.dumps(annotate_text(comment_id, text, embeddings=args.embeddings), ensure_ascii=False) + "\n")
        done += 1
        show_progress = show_progress or (not args.quiet and total is None and done >= PROGRESS_FROM)
        if show_progress and done % PROGRESS_EVERY == 0:
            of = f"/{total}" if total else ""
            print(f"\rannotated {done}{of} rows", end="", file=err, flush=True)
    if show_progress:
        print(f"\rannotated {done} rows, {failed} failed", file=err)
    elif failed:
        print(f"{failed} row(s) failed", file=err)
    return 1 if failed else 0


def cmd_evaluate(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    from analysis.evaluate import FROZEN_SET, evaluate, evaluation_sets, format_report, load_frozen, load_labelled

    if args.file:
        path = Path(args.file)
        frozen = path.resolve() == FROZEN_SET.resolve()
        if frozen and args.errors:
            print("The frozen test set's disagreements are never shown (it is never tuned on).", file=err)
            return 2
        rows = load_frozen() if frozen else load_labelled(path)
        print(format_report(evaluate(rows, embeddings=args.embeddings), show_errors=args.errors), file=out)
        return 0
    for item in evaluation_sets():
        rows = load_frozen() if item.frozen else load_labelled(item.path)
        title = f"== {item.name}: {item.path.name}" + (" (frozen, never tuned on; errors never shown)" if item.frozen else "")
        print(title, file=out)
        report = evaluate(rows, embeddings=args.embeddings)
        print(format_report(report, show_errors=args.errors and not item.frozen), file=out)
    return 0


def cmd_discover(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    from analysis.discover import discover_themes

    rows, failed = [], 0
    for number, row in read_rows(args.file, args.id_column, args.text_column):
        if isinstance(row, RowError):
            failed += 1
            print(f"line {number}: {row} (skipped)", file=err)
        else:
            rows.append({"id": row[0], "text": row[1]})
    for cluster in discover_themes(rows, min_size=args.min_size):
        out.write(json.dumps(cluster, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def cmd_train_safeguarding(args, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    from analysis.train_safeguarding import train

    train(out, Path(args.embedding_cache) if args.embedding_cache else None)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Analysis of children's feedback")
    commands = parser.add_subparsers(dest="command", required=True)
    annotate = commands.add_parser("annotate", help="annotate comments: language, sentiment, themes, risk, redaction")
    annotate.add_argument("file", help="JSON Lines, CSV or .xlsx file, or - for standard input")
    annotate.add_argument("--id-column", default="id", help="column or field holding the comment id")
    annotate.add_argument("--text-column", default="text", help="column or field holding the comment text")
    annotate.add_argument("--quiet", action="store_true", help="no progress on standard error")
    annotate.add_argument("--embeddings", action="store_true", help="also use multilingual embeddings for themes (slower)")
    annotate.set_defaults(run=cmd_annotate)
    discover = commands.add_parser("discover", help="emerging themes: cluster comments that fit no theme")
    discover.add_argument("file", help="JSON Lines, CSV or .xlsx file, or - for standard input")
    discover.add_argument("--id-column", default="id")
    discover.add_argument("--text-column", default="text")
    discover.add_argument("--min-size", type=int, default=3, help="smallest cluster reported")
    discover.set_defaults(run=cmd_discover)

    evaluate = commands.add_parser(
        "evaluate", help="figures per task on the tuning, dev and frozen sets (or on one labelled file)")
    evaluate.add_argument("file", nargs="?", help="one labelled JSON Lines file (default: every set, reported apart)")
    evaluate.add_argument("--errors", action="store_true", help="also list every disagreement (never for the frozen set)")
    evaluate.add_argument("--embeddings", action="store_true", default=True,
                          help="with the embedding signals, as the app annotates (the default)")
    evaluate.add_argument("--rules-only", dest="embeddings", action="store_false",
                          help="the rules alone, without embeddings (faster)")
    evaluate.set_defaults(run=cmd_evaluate)
    train = commands.add_parser(
        "train-safeguarding", help="train the learned safeguarding signal (writes analysis/models/safeguarding_model.*)")
    train.add_argument("--embedding-cache", help="an .npz file that keeps the training embeddings between runs")
    train.set_defaults(run=cmd_train_safeguarding)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
