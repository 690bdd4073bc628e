"""``Comparison`` -> a Rich renderable for the terminal (placeholder, to be replaced)."""

from __future__ import annotations

from rich.console import Console

from ..model import Comparison


def print_report(comparison: Comparison, console: Console) -> None:
    """A plain listing of alignments and their kinds."""
    counts = ", ".join(f"{k}: {v}" for k, v in comparison.summary.items() if v)
    console.print(f"[bold]Summary[/] {counts}")
    for alignment in comparison.alignments:
        old = ",".join(str(i) for i in alignment.old) or "-"
        new = ",".join(str(i) for i in alignment.new) or "-"
        kinds = " ".join(k.value for k in alignment.kinds)
        console.print(f"{old:>6} -> {new:<6} {kinds}", highlight=False)
