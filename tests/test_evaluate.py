"""Tests for the labelled evaluation set (fixtures/pairs/) and its scorer (revtrack.evaluate)."""

from __future__ import annotations

import json
import re
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from revtrack.evaluate import (
    KIND_NAMES,
    ROWS,
    Case,
    Report,
    Score,
    combine,
    evaluate,
    evaluate_dir,
    format_report,
    load_cases,
    score_case,
)
from revtrack.model import Alignment, Comparison, FigureChange, Kind, Version
from revtrack.parse import parse_version

PAIRS = Path(__file__).resolve().parent.parent / "fixtures" / "pairs"
CASES = load_cases(PAIRS)
CASE_IDS = [case.name for case in CASES]


# ---------------------------------------------------------------------------------------
# Helpers


def paragraphs(case: Case) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The old and new paragraphs as the real reader sees them."""
    old = parse_version(case.old_text, "old.txt").paragraphs
    new = parse_version(case.new_text, "new.txt").paragraphs
    return old, new


def alignment(old: Iterable[int], new: Iterable[int], *kinds: str, **extra: Any) -> Alignment:
    """A hand-built predicted alignment."""
    return Alignment(tuple(old), tuple(new), tuple(Kind(k) for k in kinds), 1.0, **extra)


def comparison(*alignments: Alignment) -> Comparison:
    """A hand-built comparison (the versions do not matter to the scorer)."""
    version = Version(source=None, date=None, paragraphs=())
    return Comparison(old=version, new=version, alignments=tuple(alignments))


def update(old_value: float, new_value: float) -> FigureChange:
    """A hand-built figure update."""
    return FigureChange("updated", str(old_value), str(new_value), old_value, new_value, "")


def perfect(case: Case) -> Comparison:
    """The comparison a perfect engine would return for a case."""
    figures = tuple(update(f["old_value"], f["new_value"]) for f in case.expected["figures"])
    alignments = [alignment(a["old"], a["new"], *a["kinds"]) for a in case.expected["alignments"]]
    if alignments:
        first = alignments[0]
        alignments[0] = Alignment(first.old, first.new, first.kinds, 1.0, figures=figures)
    return comparison(*alignments)


def make_case(expected: dict[str, Any], name: str = "x") -> Case:
    """A case that exists only in memory (texts unused by the scorer)."""
    return Case(name=name, path=Path(name), old_text="", new_text="", expected=expected)


SPLIT_CASE = make_case(
    {
        "alignments": [
            {"old": [0], "new": [0], "kinds": ["unchanged"]},
            {"old": [1], "new": [1, 2], "kinds": ["split"]},
            {"old": [2], "new": [], "kinds": ["removed"]},
            {"old": [], "new": [3], "kinds": ["added"]},
        ],
        "figures": [{"old": "14", "new": "22", "old_value": 14, "new_value": 22}],
    }
)


def longest_chains(keys: list[int]) -> list[frozenset[int]]:
    """Every longest strictly increasing subsequence of ``keys``, as sets of positions."""
    best: list[list[frozenset[int]]] = []
    length: list[int] = []
    for i, key in enumerate(keys):
        length.append(1)
        best.append([frozenset({i})])
        for j in range(i):
            if keys[j] < key:
                if length[j] + 1 > length[i]:
                    length[i] = length[j] + 1
                    best[i] = [chain | {i} for chain in best[j]]
                elif length[j] + 1 == length[i]:
                    best[i] += [chain | {i} for chain in best[j]]
    if not keys:
        return [frozenset()]
    top = max(length)
    return list({chain for i in range(len(keys)) if length[i] == top for chain in best[i]})


# ---------------------------------------------------------------------------------------
# The evaluation set


def test_evaluation_set_has_enough_well_named_cases() -> None:
    """The set holds at least 22 cases named NN_slug, each with its three files."""
    assert len(CASES) >= 22
    for case in CASES:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+", case.name), case.name
        for file in ("old.txt", "new.txt", "expected.json"):
            assert (case.path / file).is_file(), f"{case.name}/{file}"
        assert case.expected["description"].strip()


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_paragraph_is_in_exactly_one_alignment(case: Case) -> None:
    """Read with the real parser, each paragraph of both versions is in exactly one alignment."""
    old, new = paragraphs(case)
    alignments = case.expected["alignments"]
    assert sorted(i for a in alignments for i in a["old"]) == list(range(len(old)))
    assert sorted(i for a in alignments for i in a["new"]) == list(range(len(new)))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_kinds_are_ordered_and_fit_the_alignment_shape(case: Case) -> None:
    """Kinds are known, listed in display order, and agree with the shape of their alignment."""
    for a in case.expected["alignments"]:
        kinds, n_old, n_new = a["kinds"], len(a["old"]), len(a["new"])
        where = f"{case.name}: {a}"
        assert kinds == sorted(set(kinds), key=KIND_NAMES.index), where
        if "unchanged" in kinds or "added" in kinds or "removed" in kinds:
            assert len(kinds) == 1, where
        assert ("added" in kinds) == (n_old == 0), where
        assert ("removed" in kinds) == (n_new == 0), where
        assert ("split" in kinds) == (n_old == 1 and n_new > 1), where
        assert ("merged" in kinds) == (n_old > 1 and n_new == 1), where
        assert not (n_old > 1 and n_new > 1), where
        if n_old and n_new:
            assert set(kinds) - {"moved", "split", "merged"} or kinds in (
                ["moved"],
                ["split"],
                ["merged"],
                ["moved", "split"],
                ["moved", "merged"],
            ), where


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_kinds_agree_with_the_text(case: Case) -> None:
    """Unchanged and bare moved/split/merged alignments are exactly the same text; others differ."""
    old, new = paragraphs(case)
    for a in case.expected["alignments"]:
        if not (a["old"] and a["new"]):
            continue
        old_text = " ".join(old[i] for i in a["old"])
        new_text = " ".join(new[i] for i in a["new"])
        textual = set(a["kinds"]) - {"moved", "split", "merged"}
        same = not textual or textual == {"unchanged"}
        assert (old_text == new_text) == same, f"{case.name}: {a}"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_moved_marks_follow_the_unique_longest_in_order_chain(case: Case) -> None:
    """Moved alignments are exactly those off the longest in-order chain, which is unique."""
    matched = sorted(
        (a for a in case.expected["alignments"] if a["old"] and a["new"]),
        key=lambda a: min(a["new"]),
    )
    chains = longest_chains([min(a["old"]) for a in matched])
    assert len(chains) == 1, f"{case.name}: ambiguous moves"
    moved = {i for i, a in enumerate(matched) if "moved" in a["kinds"]}
    assert moved == set(range(len(matched))) - chains[0], case.name


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_figures_are_written_in_the_updated_paragraphs(case: Case) -> None:
    """Each figure update is found, as written, in an alignment marked figure_update."""
    old, new = paragraphs(case)
    marked = [a for a in case.expected["alignments"] if "figure_update" in a["kinds"]]
    figures = case.expected["figures"]
    assert bool(marked) == bool(figures), case.name
    assert len(figures) >= len(marked), case.name
    for f in figures:
        assert f["old_value"] != f["new_value"], f
        assert any(
            f["old"] in " ".join(old[i] for i in a["old"])
            and f["new"] in " ".join(new[i] for i in a["new"])
            for a in marked
        ), f"{case.name}: {f}"


def test_evaluation_set_covers_the_brief() -> None:
    """Together the cases use every kind and every required input shape."""
    used = {k for case in CASES for a in case.expected["alignments"] for k in a["kinds"]}
    assert used == set(KIND_NAMES)
    shapes = {case.name: paragraphs(case) for case in CASES}
    assert any(not old and new for old, new in shapes.values()), "empty old version"
    assert any(old and not new for old, new in shapes.values()), "empty new version"
    assert any(len(old) == 1 or len(new) == 1 for old, new in shapes.values())
    assert any(len(old) >= 40 and len(new) >= 40 for old, new in shapes.values())
    assert any("\r\n" in case.old_text and "\r\n" in case.new_text for case in CASES)
    assert any("\n\n" not in case.old_text and case.old_text.count("\n") > 3 for case in CASES), (
        "a version without blank lines"
    )
    assert any(
        all(a["kinds"] == ["unchanged"] for a in case.expected["alignments"]) for case in CASES
    ), "an unchanged pair"
    assert any(
        case.expected["alignments"]
        and all(a["kinds"] in (["added"], ["removed"]) for a in case.expected["alignments"])
        and any(a["kinds"] == ["removed"] for a in case.expected["alignments"])
        and any(a["kinds"] == ["added"] for a in case.expected["alignments"])
        for case in CASES
    ), "a story rewritten from scratch"
    assert any(
        "split" in a["kinds"] and max(a["new"]) - min(a["new"]) > 1
        for case in CASES
        for a in case.expected["alignments"]
    ), "a split with pieces apart"
    assert any(
        {"moved", "merged"} <= set(a["kinds"])
        for case in CASES
        for a in case.expected["alignments"]
    ), "a merge with a move"


def test_fixture_files_keep_their_line_endings() -> None:
    """The CRLF case really has CRLF bytes on disk, and no other case has any CR."""
    with_cr = {
        case.name
        for case in CASES
        for file in ("old.txt", "new.txt")
        if b"\r" in (case.path / file).read_bytes()
    }
    assert len(with_cr) == 1
    (name,) = with_cr
    for file in ("old.txt", "new.txt"):
        data = (PAIRS / name / file).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n") > 0


# ---------------------------------------------------------------------------------------
# The scorer


def test_perfect_prediction_scores_one_everywhere() -> None:
    """Predicting exactly what every fixture expects gives precision, recall and F1 of 1.0."""
    by_name = {case.name: perfect(case) for case in CASES}
    report = evaluate(CASES, lambda case: by_name[case.name])
    assert [s.name for s in report.scores] == list(ROWS)
    for score in report.scores:
        assert (score.fp, score.fn) == (0, 0), score
        assert score.precision == score.recall == score.f1 == 1.0, score
    assert report.mismatches == ()
    assert report.row("pairs").tp == sum(
        len(a["old"]) * len(a["new"]) for case in CASES for a in case.expected["alignments"]
    )


def test_missed_split_loses_recall_on_split_and_pairs() -> None:
    """A split predicted as a 1:1 edit plus an addition costs split and pairs recall only."""
    predicted = comparison(
        alignment([0], [0], "unchanged"),
        alignment([1], [1], "reworded", figures=(update(14, 22),)),
        alignment([], [2], "added"),
        alignment([2], [], "removed"),
        alignment([], [3], "added"),
    )
    report = score_case(SPLIT_CASE, predicted)
    pairs, split = report.row("pairs"), report.row("split")
    assert (pairs.tp, pairs.fp, pairs.fn) == (2, 0, 1)
    assert pairs.precision == 1.0 and pairs.recall == pytest.approx(2 / 3)
    assert (split.tp, split.fp, split.fn) == (0, 0, 1)
    assert split.recall == 0.0 and split.precision == 1.0 and split.f1 == 0.0
    assert report.row("added").fp == 1 and report.row("added").tp == 1
    assert report.row("reworded").fp == 1
    assert report.row("unchanged").f1 == 1.0
    assert report.row("figure_updates").f1 == 1.0


def test_spurious_pair_costs_pairs_precision() -> None:
    """Pairing a removed paragraph with an added one adds a false link and loses two kind items."""
    predicted = comparison(
        alignment([0], [0], "unchanged"),
        alignment([1], [1, 2], "split", figures=(update(14, 22),)),
        alignment([2], [3], "reworded"),
    )
    report = score_case(SPLIT_CASE, predicted)
    pairs = report.row("pairs")
    assert (pairs.tp, pairs.fp, pairs.fn) == (3, 1, 0)
    assert pairs.precision == pytest.approx(0.75) and pairs.recall == 1.0
    assert report.row("removed").fn == 1 and report.row("added").fn == 1
    assert report.row("reworded").fp == 1
    assert report.row("split").f1 == 1.0


def test_kinds_count_only_on_exactly_the_same_indices() -> None:
    """A right kind on an alignment with different indices is both a false positive and a miss."""
    predicted = comparison(
        alignment([0], [0], "unchanged"),
        alignment([1], [1, 2, 3], "split"),
        alignment([2], [], "removed"),
    )
    split = score_case(SPLIT_CASE, predicted).row("split")
    assert (split.tp, split.fp, split.fn) == (0, 1, 1)


def test_figure_updates_are_compared_as_multisets() -> None:
    """A figure update predicted twice counts once as a hit and once as a false positive."""
    case = make_case(
        {
            "alignments": [{"old": [0], "new": [0], "kinds": ["figure_update"]}],
            "figures": [{"old": "14", "new": "22", "old_value": 14, "new_value": 22}],
        }
    )
    twice = comparison(
        alignment([0], [0], "figure_update", figures=(update(14, 22), update(14.0, 22.0)))
    )
    figures = score_case(case, twice).row("figure_updates")
    assert (figures.tp, figures.fp, figures.fn) == (1, 1, 0)
    wrong = comparison(alignment([0], [0], "figure_update", figures=(update(14, 21),)))
    figures = score_case(case, wrong).row("figure_updates")
    assert (figures.tp, figures.fp, figures.fn) == (0, 1, 1)


def test_figure_values_tolerate_float_noise() -> None:
    """A value computed as 4.1 * 1e6 matches the labelled 4100000."""
    case = make_case(
        {
            "alignments": [{"old": [0], "new": [0], "kinds": ["figure_update"]}],
            "figures": [
                {
                    "old": "$4 million",
                    "new": "$4.1 million",
                    "old_value": 4000000,
                    "new_value": 4100000,
                }
            ],
        }
    )
    predicted = comparison(
        alignment([0], [0], "figure_update", figures=(update(4 * 1e6, 4.1 * 1e6),))
    )
    assert score_case(case, predicted).row("figure_updates").tp == 1


def test_added_and_removed_figures_are_not_updates() -> None:
    """Figure changes that are additions or removals are ignored by the figure_updates row."""
    added = FigureChange("added", None, "7", None, 7, "")
    predicted = comparison(alignment([0], [0], "reworded", figures=(added,)))
    case = make_case({"alignments": [{"old": [0], "new": [0], "kinds": ["reworded"]}]})
    figures = score_case(case, predicted).row("figure_updates")
    assert (figures.tp, figures.fp, figures.fn) == (0, 0, 0)


def test_zero_over_zero_is_one() -> None:
    """With nothing expected and nothing predicted every ratio is defined as 1.0."""
    empty = Score("split", 0, 0, 0)
    assert empty.precision == empty.recall == empty.f1 == 1.0
    missed = Score("split", 0, 0, 3)
    assert missed.precision == 1.0 and missed.recall == 0.0 and missed.f1 == 0.0


def test_scores_are_micro_averaged_over_cases() -> None:
    """Counts from several cases are summed before the ratios are taken."""
    one = Report((Score("pairs", 1, 0, 0),))
    two = Report((Score("pairs", 1, 2, 1),), ("b: expected x, got y",))
    total = combine([one, two])
    pairs = total.row("pairs")
    assert (pairs.tp, pairs.fp, pairs.fn) == (2, 2, 1)
    assert pairs.precision == pytest.approx(0.5)
    assert total.row("moved") == Score("moved", 0, 0, 0)
    assert total.mismatches == ("b: expected x, got y",)


def test_mismatches_name_the_case_and_what_differs() -> None:
    """Mismatch lines read 'case: expected X, got Y' for kinds, groupings and figures."""
    predicted = comparison(
        alignment([0], [0], "style"),
        alignment([1], [1], "reworded"),
        alignment([], [2], "added"),
        alignment([2], [], "removed"),
        alignment([], [3], "added"),
        alignment([7], [7], "unchanged"),
    )
    lines = score_case(SPLIT_CASE, predicted).mismatches
    assert "x: expected old [0] -> new [0] (unchanged), got old [0] -> new [0] (style)" in lines
    assert (
        "x: expected old [1] -> new [1, 2] (split), "
        "got old [1] -> new [1] (reworded); new [2] (added)"
    ) in lines
    assert "x: expected nothing, got old [7] -> new [7] (unchanged)" in lines
    assert "x: expected figure updates [14 -> 22], got []" in lines
    assert all(line.startswith("x: expected ") and ", got " in line for line in lines)
    assert len(lines) == 4


def test_engine_error_counts_as_missing_everything() -> None:
    """An exception from the engine on one case is reported and scored as all misses."""

    def crash(case: Case) -> Comparison:
        raise RuntimeError("boom\nsecond line")

    report = evaluate([SPLIT_CASE], crash)
    assert report.row("pairs").fn == 3 and report.row("pairs").fp == 0
    assert report.row("figure_updates").fn == 1
    assert report.mismatches == ("x: expected a comparison, got RuntimeError: boom second line",)


def test_evaluate_dir_calls_the_engine_with_sources(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """evaluate_dir imports revtrack.compare lazily and passes texts and source names."""
    case_dir = tmp_path / "01_tiny"
    case_dir.mkdir()
    (case_dir / "old.txt").write_bytes(b"date 2024-01-01 One.\r\n\r\nTwo.\r\n")
    (case_dir / "new.txt").write_text("One.\n", encoding="utf-8")
    (case_dir / "expected.json").write_text(
        json.dumps(
            {
                "description": "tiny",
                "alignments": [
                    {"old": [0], "new": [0], "kinds": ["unchanged"]},
                    {"old": [1], "new": [], "kinds": ["removed"]},
                ],
                "figures": [],
            }
        ),
        encoding="utf-8",
    )
    calls: list[tuple[str, str, str, str]] = []

    def fake_compare(old: str, new: str, *, old_source: str, new_source: str) -> Comparison:
        calls.append((old, new, old_source, new_source))
        return comparison(alignment([0], [0], "unchanged"), alignment([1], [], "removed"))

    module = types.ModuleType("revtrack.compare")
    module.compare = fake_compare  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "revtrack.compare", module)
    report = evaluate_dir(tmp_path)
    assert calls == [
        (
            "date 2024-01-01 One.\r\n\r\nTwo.\r\n",
            "One.\n",
            str(case_dir / "old.txt"),
            str(case_dir / "new.txt"),
        )
    ]
    assert all(s.f1 == 1.0 for s in report.scores)


def test_format_report_is_a_plain_table() -> None:
    """The table has a header with the six columns and one line per row; verbose adds mismatches."""
    report = combine([score_case(SPLIT_CASE, comparison(alignment([0], [0], "unchanged")))])
    text = format_report(report)
    lines = text.splitlines()
    assert lines[0].split() == ["tp", "fp", "fn", "precision", "recall", "f1"]
    assert [line.split()[0] for line in lines[1:]] == list(ROWS)
    assert lines[1].split() == ["pairs", "1", "0", "2", "1.000", "0.333", "0.500"]
    assert "mismatches" not in text
    verbose = format_report(report, verbose=True)
    assert verbose.startswith(text)
    assert "x: expected old [1] -> new [1, 2] (split), got nothing" in verbose
    clean = format_report(Report(tuple(Score(n, 1, 0, 0) for n in ROWS)), verbose=True)
    assert "no mismatches" in clean


# ---------------------------------------------------------------------------------------
# Loading


def write_case(root: Path, expected: Any, old: str = "A.\n\nB.\n", new: str = "A.\n") -> Path:
    """Write one case folder under ``root`` and return it."""
    folder = root / "01_case"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "old.txt").write_text(old, encoding="utf-8")
    (folder / "new.txt").write_text(new, encoding="utf-8")
    text = expected if isinstance(expected, str) else json.dumps(expected)
    (folder / "expected.json").write_text(text, encoding="utf-8")
    return folder


GOOD = {
    "description": "d",
    "alignments": [
        {"old": [0], "new": [0], "kinds": ["unchanged"]},
        {"old": [1], "new": [], "kinds": ["removed"]},
    ],
    "figures": [],
}


def test_load_cases_sorts_by_name_and_skips_other_folders(tmp_path: Path) -> None:
    """Only subfolders with an expected.json are cases, returned in name order."""
    for name in ("02_b", "01_a"):
        folder = write_case(tmp_path / "tmp", GOOD)
        folder.rename(tmp_path / name)
    (tmp_path / "notes").mkdir()
    (tmp_path / "README.txt").write_text("x", encoding="utf-8")
    cases = load_cases(tmp_path)
    assert [c.name for c in cases] == ["01_a", "02_b"]
    assert cases[0].expected == GOOD and cases[0].old_text == "A.\n\nB.\n"


@pytest.mark.parametrize(
    ("expected", "message"),
    [
        ("{not json", "not valid JSON"),
        ([], "must be a JSON object"),
        ({"alignments": {}}, "'alignments' must be a list"),
        ({**GOOD, "extra": 1}, "unknown field 'extra'"),
        (
            {**GOOD, "alignments": [{"old": [0], "new": [0], "kinds": ["edited"]}]},
            "unknown kind 'edited'",
        ),
        (
            {**GOOD, "alignments": [{"old": [0], "new": [0], "kinds": []}]},
            "'kinds' must be a non-empty list",
        ),
        (
            {**GOOD, "alignments": [{"old": ["0"], "new": [0], "kinds": ["unchanged"]}]},
            "'old' must be a list of paragraph indices",
        ),
        ({**GOOD, "alignments": GOOD["alignments"][:1]}, "old paragraph 1 is in no alignment"),
        (
            {
                **GOOD,
                "alignments": [*GOOD["alignments"], {"old": [], "new": [3], "kinds": ["added"]}],
            },
            "new paragraph 3 does not exist (new.txt has 1 paragraphs)",
        ),
        (
            {
                **GOOD,
                "alignments": [*GOOD["alignments"], {"old": [1], "new": [], "kinds": ["removed"]}],
            },
            "old paragraph 1 is in several alignments",
        ),
        (
            {**GOOD, "figures": [{"old": "1", "new": "2", "old_value": "1", "new_value": 2}]},
            "'old_value' must be a number",
        ),
    ],
)
def test_malformed_case_raises_one_line_value_error(
    tmp_path: Path, expected: Any, message: str
) -> None:
    """A malformed expected.json is refused with a one-line message naming the file."""
    write_case(tmp_path, expected)
    with pytest.raises(ValueError) as info:
        load_cases(tmp_path)
    text = str(info.value)
    assert message in text and "\n" not in text
    assert "01_case" in text


def test_missing_text_file_raises_value_error(tmp_path: Path) -> None:
    """A case without its old.txt is refused with a message naming the missing file."""
    folder = write_case(tmp_path, GOOD)
    (folder / "old.txt").unlink()
    with pytest.raises(ValueError, match=r"old\.txt: cannot read"):
        load_cases(tmp_path)


def test_missing_root_raises_value_error(tmp_path: Path) -> None:
    """A root that is not a directory is refused."""
    with pytest.raises(ValueError, match="not a directory"):
        load_cases(tmp_path / "nowhere")
