"""Score the comparison engine against the labelled evaluation set (``fixtures/pairs/``).

A case is a folder holding ``old.txt``, ``new.txt`` and ``expected.json``::

    {
      "description": "one sentence: what this case tests",
      "alignments": [
        {"old": [0], "new": [0], "kinds": ["reworded"]},
        {"old": [1], "new": [2, 5], "kinds": ["split", "figure_update"]}
      ],
      "figures": [{"old": "more than 1,000", "new": "more than 1,100",
                   "old_value": 1000, "new_value": 1100}]
    }

Paragraph indices are 0-based into the paragraphs :func:`revtrack.parse.parse_version`
reads (the ``date`` header is not a paragraph). Every paragraph of both versions is in
exactly one alignment; ``figures`` lists only figure *updates* (value changed).

Scores are micro-averaged over all cases, one row each:

* ``pairs``: the links ``(case, old_index, new_index)`` of every alignment with both
  sides (a split ``old [1] -> new [2, 5]`` gives the links ``(1, 2)`` and ``(1, 5)``).
* one row per kind: the items ``(case, old indices, new indices, kind)``; a predicted
  item is a true positive when the expected alignment with exactly the same old and new
  indices carries that kind.
* ``figure_updates``: the items ``(case, old_value, new_value)``, compared as multisets.

Division by zero: a ratio whose denominator is zero is defined as 1.0 (precision with
nothing predicted, recall with nothing expected, F1 when nothing was predicted or
expected). A row with no expected and no predicted items therefore scores 1.0.

Standard library only, so that it runs wherever the package imports.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import KIND_ORDER, Alignment, Comparison, Kind, Version
from .parse import InputError, parse_version

KIND_NAMES: tuple[str, ...] = tuple(k.value for k in KIND_ORDER)
ROWS: tuple[str, ...] = ("pairs", *KIND_NAMES, "figure_updates")
"""The rows of a report, in display order."""

_Link = tuple[str, int, int]
_KindItem = tuple[str, frozenset[int], frozenset[int], str]
_FigureItem = tuple[str, float, float]
_Key = tuple[frozenset[int], frozenset[int]]


# ---------------------------------------------------------------------------------------
# Cases


@dataclass(frozen=True)
class Case:
    """One labelled pair of versions: the raw texts and the parsed ``expected.json``."""

    name: str
    path: Path
    old_text: str
    new_text: str
    expected: dict[str, Any]


def load_cases(root: Path) -> list[Case]:
    """Every subfolder of ``root`` holding an ``expected.json``, sorted by name.

    Raises ``ValueError`` with a one-line message naming the file at fault when a case
    is malformed: missing or undecodable text, invalid JSON, a wrong field, an unknown
    kind, or alignments that do not cover every paragraph exactly once.
    """
    root = Path(root)
    if not root.is_dir():
        raise ValueError(f"{root}: not a directory of evaluation cases")
    folders = sorted(
        (p for p in root.iterdir() if p.is_dir() and (p / "expected.json").is_file()),
        key=lambda p: p.name,
    )
    return [_load_case(folder) for folder in folders]


def _load_case(folder: Path) -> Case:
    old_text = _read_text(folder / "old.txt")
    new_text = _read_text(folder / "new.txt")
    where = folder / "expected.json"
    try:
        expected = json.loads(where.read_text(encoding="utf-8"))
    except OSError as err:
        raise ValueError(f"{where}: cannot read ({err.strerror or err})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{where}: not valid JSON ({_one_line(err)})") from None
    _check_expected(expected, where)
    try:
        old = parse_version(old_text, str(folder / "old.txt"))
        new = parse_version(new_text, str(folder / "new.txt"))
    except InputError as err:
        raise ValueError(_one_line(err)) from None
    _check_coverage(expected, len(old.paragraphs), len(new.paragraphs), where)
    return Case(folder.name, folder, old_text, new_text, expected)


def _read_text(path: Path) -> str:
    """A version's text exactly as stored (CRLF kept: the reader must cope with it)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ValueError(f"{path}: cannot read ({err.strerror or err})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not valid UTF-8 at byte offset {err.start}") from None


def _check_expected(expected: Any, where: Path) -> None:
    if not isinstance(expected, dict):
        raise ValueError(f"{where}: must be a JSON object")
    unknown = sorted(set(expected) - {"description", "alignments", "figures"})
    if unknown:
        raise ValueError(f"{where}: unknown field {unknown[0]!r}")
    if not isinstance(expected.get("description", ""), str):
        raise ValueError(f"{where}: 'description' must be a string")
    alignments = expected.get("alignments")
    if not isinstance(alignments, list):
        raise ValueError(f"{where}: 'alignments' must be a list")
    for number, alignment in enumerate(alignments):
        _check_alignment(alignment, f"{where}: alignment {number}")
    figures = expected.get("figures", [])
    if not isinstance(figures, list):
        raise ValueError(f"{where}: 'figures' must be a list")
    for number, figure in enumerate(figures):
        at = f"{where}: figure {number}"
        if not isinstance(figure, dict):
            raise ValueError(f"{at}: must be an object")
        for field in ("old_value", "new_value"):
            value = figure.get(field)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{at}: {field!r} must be a number, got {value!r}")
        for field in ("old", "new"):
            if not isinstance(figure.get(field, ""), str):
                raise ValueError(f"{at}: {field!r} must be a string")


def _check_alignment(alignment: Any, at: str) -> None:
    if not isinstance(alignment, dict):
        raise ValueError(f"{at}: must be an object")
    for side in ("old", "new"):
        indices = alignment.get(side)
        if not isinstance(indices, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in indices
        ):
            raise ValueError(f"{at}: {side!r} must be a list of paragraph indices (>= 0)")
        if len(set(indices)) != len(indices):
            raise ValueError(f"{at}: {side!r} repeats a paragraph index")
    if not alignment["old"] and not alignment["new"]:
        raise ValueError(f"{at}: 'old' and 'new' are both empty")
    kinds = alignment.get("kinds")
    if not isinstance(kinds, list) or not kinds:
        raise ValueError(f"{at}: 'kinds' must be a non-empty list")
    for kind in kinds:
        if kind not in KIND_NAMES:
            raise ValueError(f"{at}: unknown kind {kind!r} (known: {', '.join(KIND_NAMES)})")
    if len(set(kinds)) != len(kinds):
        raise ValueError(f"{at}: 'kinds' repeats a kind")


def _check_coverage(expected: dict[str, Any], n_old: int, n_new: int, where: Path) -> None:
    for side, count in (("old", n_old), ("new", n_new)):
        seen: Counter[int] = Counter(
            i for alignment in expected["alignments"] for i in alignment[side]
        )
        for index in sorted(seen):
            if index >= count:
                raise ValueError(
                    f"{where}: {side} paragraph {index} does not exist "
                    f"({side}.txt has {count} paragraphs)"
                )
            if seen[index] > 1:
                raise ValueError(f"{where}: {side} paragraph {index} is in several alignments")
        missing = [i for i in range(count) if i not in seen]
        if missing:
            raise ValueError(f"{where}: {side} paragraph {missing[0]} is in no alignment")


# ---------------------------------------------------------------------------------------
# Scores


@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives of one row.

    Ratios with a zero denominator are 1.0 (see the module docstring).
    """

    name: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: Score) -> Score:
        if other.name != self.name:
            raise ValueError(f"cannot add score {other.name!r} to score {self.name!r}")
        return Score(self.name, self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


@dataclass(frozen=True)
class Report:
    """Scores (one per row of :data:`ROWS`) and human-readable mismatch lines."""

    scores: tuple[Score, ...]
    mismatches: tuple[str, ...] = ()

    def row(self, name: str) -> Score:
        """The score of one row (``"pairs"``, a kind name, or ``"figure_updates"``)."""
        for score in self.scores:
            if score.name == name:
                return score
        raise KeyError(name)


def combine(reports: Iterable[Report]) -> Report:
    """Micro-average: add up the counts of every report, row by row."""
    totals = {name: Score(name, 0, 0, 0) for name in ROWS}
    mismatches: list[str] = []
    for report in reports:
        for score in report.scores:
            totals[score.name] = totals[score.name] + score
        mismatches.extend(report.mismatches)
    return Report(tuple(totals[name] for name in ROWS), tuple(mismatches))


def score_case(case: Case, comparison: Comparison) -> Report:
    """The counts of one case: its comparison against its ``expected.json``."""
    expected = [
        _Group(frozenset(a["old"]), frozenset(a["new"]), frozenset(a["kinds"]))
        for a in case.expected["alignments"]
    ]
    predicted = [_group(a) for a in comparison.alignments]
    scores = [_count("pairs", _links(case.name, expected), _links(case.name, predicted))]
    expected_items = _kind_items(case.name, expected)
    predicted_items = _kind_items(case.name, predicted)
    for kind in KIND_NAMES:
        scores.append(
            _count(
                kind,
                {i for i in expected_items if i[3] == kind},
                {i for i in predicted_items if i[3] == kind},
            )
        )
    expected_figures = Counter(
        (case.name, _value(f["old_value"]), _value(f["new_value"]))
        for f in case.expected.get("figures", [])
    )
    predicted_figures = Counter(
        (case.name, _value(f.old_value), _value(f.new_value))
        for _, f in comparison.figure_updates
        if f.old_value is not None and f.new_value is not None
    )
    scores.append(_count_multiset("figure_updates", expected_figures, predicted_figures))
    mismatches = _alignment_mismatches(case.name, expected, predicted)
    mismatches += _figure_mismatches(case.name, expected_figures, predicted_figures)
    return Report(tuple(scores), tuple(mismatches))


def _error_report(case: Case, error: Exception) -> Report:
    """A case whose comparison failed: everything expected is missed."""
    nothing = Version(source=None, date=None, paragraphs=())
    empty = Comparison(old=nothing, new=nothing, alignments=())
    report = score_case(case, empty)
    line = f"{case.name}: expected a comparison, got {type(error).__name__}: {_one_line(error)}"
    return Report(report.scores, (line,))


def evaluate(cases: Sequence[Case], compare: Callable[[Case], Comparison]) -> Report:
    """Run ``compare`` on every case and micro-average the scores.

    An exception raised by ``compare`` on one case does not stop the run: that case
    counts as missing everything it expects and its error is listed as a mismatch.
    """
    reports = []
    for case in cases:
        try:
            comparison = compare(case)
        except Exception as error:  # the engine under test may fail on any input
            reports.append(_error_report(case, error))
        else:
            reports.append(score_case(case, comparison))
    return combine(reports)


def evaluate_dir(root: Path) -> Report:
    """Load the cases under ``root`` and score :func:`revtrack.compare.compare` on them.

    Raises ``ValueError`` (one line) when ``root`` holds no case at all: all-perfect
    scores over nothing would pass for a clean run.
    """
    from revtrack.compare import compare  # type: ignore[import-not-found, unused-ignore]

    def run(case: Case) -> Comparison:
        result: Comparison = compare(
            case.old_text,
            case.new_text,
            old_source=str(case.path / "old.txt"),
            new_source=str(case.path / "new.txt"),
        )
        return result

    cases = load_cases(root)
    if not cases:
        raise ValueError(
            f"{root}: no labelled cases (subfolders holding old.txt, new.txt and "
            "expected.json)"
        )
    return evaluate(cases, run)


# ---------------------------------------------------------------------------------------
# Items


@dataclass(frozen=True)
class _Group:
    old: frozenset[int]
    new: frozenset[int]
    kinds: frozenset[str]

    @property
    def key(self) -> _Key:
        return (self.old, self.new)


def _group(alignment: Alignment) -> _Group:
    return _Group(
        frozenset(alignment.old),
        frozenset(alignment.new),
        frozenset(Kind(k).value for k in alignment.kinds),
    )


def _links(case: str, groups: list[_Group]) -> set[_Link]:
    return {(case, o, n) for g in groups for o in g.old for n in g.new}


def _kind_items(case: str, groups: list[_Group]) -> set[_KindItem]:
    return {(case, g.old, g.new, kind) for g in groups for kind in g.kinds}


def _value(value: float | int | None) -> float:
    # Rounded so that 9.4 * 1e6 and 9400000 agree; None never reaches here.
    return round(float(value or 0), 6)


def _count(name: str, expected: set[Any], predicted: set[Any]) -> Score:
    tp = len(expected & predicted)
    return Score(name, tp, len(predicted) - tp, len(expected) - tp)


def _count_multiset(
    name: str, expected: Counter[_FigureItem], predicted: Counter[_FigureItem]
) -> Score:
    tp = sum((expected & predicted).values())
    return Score(name, tp, sum(predicted.values()) - tp, sum(expected.values()) - tp)


# ---------------------------------------------------------------------------------------
# Mismatch lines


def _describe(group: _Group) -> str:
    kinds = ", ".join(k for k in KIND_NAMES if k in group.kinds)
    sides = []
    if group.old:
        sides.append(f"old {sorted(group.old)}")
    if group.new:
        sides.append(f"new {sorted(group.new)}")
    return f"{' -> '.join(sides)} ({kinds})"


def _alignment_mismatches(case: str, expected: list[_Group], predicted: list[_Group]) -> list[str]:
    lines = []
    by_key = {g.key: g for g in predicted}
    for want in expected:
        got = by_key.get(want.key)
        if got is not None:
            if got.kinds != want.kinds:
                lines.append(f"{case}: expected {_describe(want)}, got {_describe(got)}")
            continue
        overlapping = [g for g in predicted if g.old & want.old or g.new & want.new]
        shown = "; ".join(_describe(g) for g in overlapping) or "nothing"
        lines.append(f"{case}: expected {_describe(want)}, got {shown}")
    covered_old = {i for g in expected for i in g.old}
    covered_new = {i for g in expected for i in g.new}
    for got in predicted:
        if not (got.old & covered_old or got.new & covered_new):
            lines.append(f"{case}: expected nothing, got {_describe(got)}")
    return lines


def _figure_mismatches(
    case: str, expected: Counter[_FigureItem], predicted: Counter[_FigureItem]
) -> list[str]:
    if expected == predicted:
        return []

    def show(items: Counter[_FigureItem]) -> str:
        values = sorted(items.elements(), key=lambda item: (item[1], item[2]))
        return "[" + ", ".join(f"{_num(o)} -> {_num(n)}" for _, o, n in values) + "]"

    return [f"{case}: expected figure updates {show(expected)}, got {show(predicted)}"]


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


# ---------------------------------------------------------------------------------------
# Output


def format_report(report: Report, verbose: bool = False) -> str:
    """A plain-text table, one row per score; ``verbose`` appends the mismatch lines."""
    header = f"{'':<16}{'tp':>6}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>8}{'f1':>8}"
    lines = [header]
    for s in report.scores:
        lines.append(
            f"{s.name:<16}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
            f"{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
        )
    if verbose:
        lines.append("")
        if report.mismatches:
            lines.append(f"mismatches ({len(report.mismatches)}):")
            lines.extend(f"  {line}" for line in report.mismatches)
        else:
            lines.append("no mismatches")
    return "\n".join(lines) + "\n"
