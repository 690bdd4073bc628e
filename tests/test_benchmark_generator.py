"""The benchmark's synthetic-article generator (bench/benchmark.py); no timing here."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from revtrack.parse import parse_version, style_key

BENCHMARK_PATH = Path(__file__).resolve().parent.parent / "bench" / "benchmark.py"


def _load_benchmark() -> ModuleType:
    name = "revtrack_bench_benchmark"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARK_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark()


@pytest.fixture(scope="module")
def pair300() -> Any:
    return bench.generate_pair(300, seed=11)


def _texts(pair: Any, edit: Any) -> tuple[list[str], list[str]]:
    old = [pair.old_paragraphs[i] for i in edit.old]
    new = [pair.new_paragraphs[i] for i in edit.new]
    return old, new


def test_same_seed_same_pair_other_seed_other_pair() -> None:
    """The generator is deterministic for a seed and varies with it."""
    first = bench.generate_pair(300, seed=3)
    again = bench.generate_pair(300, seed=3)
    other = bench.generate_pair(300, seed=4)
    assert first == again
    assert first.old_text == again.old_text and first.new_text == again.new_text
    assert first.old_paragraphs != other.old_paragraphs


@pytest.mark.parametrize("size", [1, 30, 300, 3000])
def test_requested_number_of_paragraphs_and_readable_text(size: int) -> None:
    """The old version has exactly ``size`` paragraphs and both texts read back as generated."""
    pair = bench.generate_pair(size, seed=5)
    assert len(pair.old_paragraphs) == size
    for text, paragraphs, date in (
        (pair.old_text, pair.old_paragraphs, pair.old_date),
        (pair.new_text, pair.new_paragraphs, pair.new_date),
    ):
        assert text.startswith(f"date {date.isoformat()}\n")
        version = parse_version(text)
        assert version.paragraphs == paragraphs
        assert version.date == date


def test_links_point_at_existing_paragraphs(pair300: Any) -> None:
    """Every ground-truth link joins paragraphs that exist, and every paragraph is accounted for."""
    for link in pair300.links:
        assert 0 <= link.old < len(pair300.old_paragraphs)
        assert 0 <= link.new < len(pair300.new_paragraphs)
        assert link.kind in bench.LINKED_TYPES
    old_seen = Counter(i for edit in pair300.edits for i in edit.old)
    new_seen = Counter(i for edit in pair300.edits for i in edit.new)
    assert sorted(old_seen) == list(range(len(pair300.old_paragraphs)))
    assert sorted(new_seen) == list(range(len(pair300.new_paragraphs)))
    assert set(old_seen.values()) == {1} and set(new_seen.values()) == {1}


def test_every_edit_type_occurs_at_300(pair300: Any) -> None:
    """At 300 paragraphs every edit type is applied at least once."""
    counts = pair300.counts()
    assert {kind for kind, count in counts.items() if count} == set(bench.EDIT_TYPES)


def test_style_only_edit_changes_only_style(pair300: Any) -> None:
    """A style-only edit changes the text, but not what survives house style."""
    edits = [e for e in pair300.edits if e.kind == bench.STYLE]
    assert edits
    for edit in edits:
        (old,), (new,) = _texts(pair300, edit)
        assert old != new
        assert style_key(old) == style_key(new)


def test_unchanged_and_moved_paragraphs_are_verbatim(pair300: Any) -> None:
    """Unchanged and moved paragraphs keep their exact text; moves go far."""
    size_old, size_new = len(pair300.old_paragraphs), len(pair300.new_paragraphs)
    for edit in pair300.edits:
        if edit.kind in (bench.UNCHANGED, bench.MOVED):
            (old,), (new,) = _texts(pair300, edit)
            assert old == new
        if edit.kind == bench.MOVED:
            distance = abs(edit.new[0] / size_new - edit.old[0] / size_old)
            assert distance >= bench.MOVE_MIN_DISTANCE


def test_figure_update_changes_only_numbers(pair300: Any) -> None:
    """A figure update changes at least one number and nothing else."""
    digits = re.compile(r"\d[\d,.]*")
    for edit in (e for e in pair300.edits if e.kind == bench.FIGURE):
        (old,), (new,) = _texts(pair300, edit)
        assert old != new
        assert digits.sub("#", old) == digits.sub("#", new)


def test_split_and_merge_keep_the_text(pair300: Any) -> None:
    """Split pieces join back into the old paragraph; a merge is its two old paragraphs joined."""
    for edit in pair300.edits:
        old, new = _texts(pair300, edit)
        if edit.kind == bench.SPLIT:
            assert len(old) == 1 and len(new) >= 2
            assert " ".join(new) == old[0]
        elif edit.kind == bench.MERGED:
            assert len(old) == 2 and len(new) == 1
            assert edit.old[1] == edit.old[0] + 1
            assert new[0] == " ".join(old)


def test_reworded_paragraphs_stay_recognisable(pair300: Any) -> None:
    """A reworded paragraph changes but keeps most of its words."""
    for edit in (e for e in pair300.edits if e.kind == bench.REWORDED):
        (old,), (new,) = _texts(pair300, edit)
        assert old != new
        old_words, new_words = Counter(old.split()), Counter(new.split())
        kept = sum((old_words & new_words).values())
        assert kept >= 0.55 * sum(old_words.values())


def test_score_of_the_ground_truth_is_perfect(pair300: Any) -> None:
    """Scoring the ground truth itself gives precision and recall 1 for every linked type."""
    predicted = [(e.old, e.new, (e.kind,)) for e in pair300.edits]
    result = bench.score(pair300, predicted)
    assert result["precision"] == 1.0 and result["recall"] == 1.0
    for kind in bench.LINKED_TYPES:
        assert result["per_type"][kind]["recall"] == 1.0
        assert result["per_type"][kind]["kind"] == 1.0
    assert result["per_type"][bench.REMOVED]["kind"] == 1.0
    assert result["per_type"][bench.ADDED]["predicted"] == 0
