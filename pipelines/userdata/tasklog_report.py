"""A refused task log: every problem as `path:line: column: problem`, the first ones shown, counts per check."""

from __future__ import annotations

import polars as pl

from pipelines.problems import SHOWN_PROBLEMS, InvalidData, Problem
from pipelines.userdata.tasklog_checks import DUPLICATE, FILE, ROW, Check, reason_exprs

ROW_BITS = 40  # an ordinal packs (file index, row) as file << 40 | row


class InvalidTasklog(InvalidData):
    """A refused task log: every problem found (the report shows the first ones) and counts per problem."""

    def __init__(self, problems: list[Problem], counts: dict[str, int] | None = None):
        super().__init__(problems)
        self.counts = counts or {}

    def __str__(self) -> str:
        shown = sorted(self.problems)[:SHOWN_PROBLEMS]
        total = max(len(self.problems), sum(self.counts.values()))
        lines = [str(problem) for problem in shown]
        if total > len(shown):
            lines.append(f"… and {total - len(shown)} more problem{'s' if total - len(shown) != 1 else ''} not shown")
        lines.append(f"{total} problem{'s' if total != 1 else ''} found; nothing was written.")
        report = "\n".join(lines)
        if not self.counts:
            return report
        tally = "\n".join(f"  {count:>12,} rows: {what}" for what, count in sorted(self.counts.items()))
        return f"{report}\nRows with each problem:\n{tally}"


def ordinal() -> pl.Expr:
    """A row's place across all files of an ingest, as one integer (files in name order)."""
    return pl.col(FILE).cast(pl.Int64) * (1 << ROW_BITS) + pl.col(ROW)


def where(files: list[str], place: int) -> str:
    return f"{files[place >> ROW_BITS]}:{place & ((1 << ROW_BITS) - 1)}"


def problems_of(rows: pl.DataFrame, duplicates: pl.DataFrame, files: list[str], checks: tuple[Check, ...]) -> list[Problem]:
    """Problems of checked rows (`_file`, `_row`, `_problems`, cells) and of later copies of task ids
    (`task_id`, `_file`, `_row`, `_first`)."""
    problems = []
    reasons = rows.select(FILE, ROW, pl.concat_list(reason_exprs(checks)).list.drop_nulls().alias("_reasons"))
    for file_index, row, texts in reasons.iter_rows():
        for text in texts:
            column, message = text.split(": ", 1)
            problems.append(Problem(files[file_index], row, column, message))
    for task_id, file_index, row, first in duplicates.select("task_id", FILE, ROW, "_first").iter_rows():
        problems.append(Problem(files[file_index], row, "task_id",
                                f"{DUPLICATE} (got {task_id!r}, expected it once; first at {where(files, first)})"))
    return problems
