"""How much of the "4x faster than difflib.HtmlDiff" budget the required work alone takes.

Issue #2 asks ``compare()`` to run at 30,000 paragraphs in a quarter of the time
``difflib.HtmlDiff().make_file`` takes on the same two paragraph lists. Whatever the
alignment costs, two pieces of work are required output for every alignment that
changed: reading the figures of both sides (``find_figures``) and the word-level diff
(``word_ops``). This script times, in one process and on the benchmark's own pair:

* ``HtmlDiff().make_file`` on the paragraphs, and the budget: a quarter of it;
* ``compare()`` itself;
* ``find_figures`` on both sides of every changed alignment ``compare()`` found;
* ``word_ops`` on every changed alignment with text on both sides.

It prints the medians and each as a share of the budget. Usage::

    python bench/budget.py [--size 30000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import difflib
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark import generate_pair  # noqa: E402

from revtrack import compare  # noqa: E402
from revtrack.figures import find_figures  # noqa: E402
from revtrack.model import PARAGRAPH_JOIN, Kind  # noqa: E402
from revtrack.words import word_ops  # noqa: E402


def median_seconds(task: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        task()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=30000, help="paragraphs (default: 30000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per task (default: 3)")
    options = parser.parse_args()
    pair = generate_pair(options.size)
    old_text, new_text = pair.old_text, pair.new_text
    result = compare(old_text, new_text)
    changed = [a for a in result.alignments if a.kinds != (Kind.UNCHANGED,)]
    olds = [PARAGRAPH_JOIN.join(result.old.paragraphs[i] for i in a.old) for a in changed]
    news = [PARAGRAPH_JOIN.join(result.new.paragraphs[i] for i in a.new) for a in changed]
    both = [(o, n) for o, n in zip(olds, news, strict=True) if o and n]

    rows = [
        ("difflib.HtmlDiff().make_file", median_seconds(
            lambda: difflib.HtmlDiff().make_file(
                list(pair.old_paragraphs), list(pair.new_paragraphs)
            ), options.repeat)),
        ("compare()", median_seconds(lambda: compare(old_text, new_text), options.repeat)),
        (f"find_figures, {len(changed):,} changed alignments, both sides", median_seconds(
            lambda: [find_figures(text) for text in olds + news if text], options.repeat)),
        (f"word_ops, {len(both):,} changed alignments", median_seconds(
            lambda: [word_ops(o, n) for o, n in both], options.repeat)),
    ]
    budget = rows[0][1] / 4
    print(f"{options.size:,} paragraphs; budget (HtmlDiff / 4) = {budget:.2f} s; "
          f"medians of {options.repeat} runs")
    for name, seconds in rows:
        print(f"  {name:<58} {seconds:7.2f} s  {seconds / budget:5.2f}x budget")
    required = rows[2][1] + rows[3][1]
    print(f"  {'figures + word diff of the changed alignments':<58} {required:7.2f} s  "
          f"{required / budget:5.2f}x budget")


if __name__ == "__main__":
    main()
