"""The fast figure paths against the plain ``revtrack.figures`` they replaced.

``tests/reference_figures.py`` is the module as it was before its shortcuts; every test
here checks that the engine finds exactly the same figures (every field) and pairs
them exactly the same way, over the fixtures, the seed pair, benchmark copy and awkward
generated text: numbers and number words, ranges, currencies, percentages, months,
years, times, quotes, abbreviations, naming words and sentence ends.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import reference_figures as plain
from hypothesis import given, settings
from hypothesis import strategies as st
from test_benchmark_generator import bench

from revtrack.figures import diff_figures, find_figures
from revtrack.parse import split_paragraphs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def fields(figures: Any) -> list[tuple[Any, ...]]:
    return [dataclasses.astuple(f) for f in figures]


def pairs(found: Any) -> list[tuple[Any, Any]]:
    return [
        (dataclasses.astuple(o) if o else None, dataclasses.astuple(n) if n else None)
        for o, n in found
    ]


def assert_same_figures(text: str) -> None:
    assert fields(find_figures(text)) == fields(plain.find_figures(text)), text


def assert_same_changes(old: str, new: str) -> None:
    fast = diff_figures(find_figures(old), find_figures(new))
    slow = plain.diff_figures(plain.find_figures(old), plain.find_figures(new))
    assert pairs(fast) == pairs(slow), (old, new)


# ---------------------------------------------------------------------------------------
# Real copy


def _corpus() -> list[str]:
    files = sorted((ROOT / "fixtures").rglob("*.txt"))
    if SEEDS.is_dir():
        files += sorted(SEEDS.glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def test_fixtures_and_seed_pair() -> None:
    """Every fixture and seed text, whole and paragraph by paragraph, and joined pairs."""
    for text in _corpus():
        assert_same_figures(text)
        paragraphs = split_paragraphs(text)
        for paragraph in paragraphs:
            assert_same_figures(paragraph)
        for first, second in zip(paragraphs, paragraphs[1:], strict=False):
            assert_same_figures(first + "\n\n" + second)
            assert_same_changes(first, second)


@pytest.mark.parametrize("seed", [3, 11])
def test_benchmark_copy(seed: int) -> None:
    """The benchmark's synthetic wire copy, old and new paragraphs and their changes."""
    pair = bench.generate_pair(300, seed=seed)
    old, new = list(pair.old_paragraphs), list(pair.new_paragraphs)
    for paragraph in old + new:
        assert_same_figures(paragraph)
    for a, b in zip(old, new, strict=False):
        assert_same_changes(a, b)


# ---------------------------------------------------------------------------------------
# Awkward text

_PIECES = [
    # numbers, number words, scales
    "1", "5", "14", "31", "32", "007", "0", "1,200", "1,20", "1200", "3.5", "0.5", "12.75",
    "2007", "1799", "1800", "2099", "2100", "08", "10:30", "4th", "1990s", "G7", "COVID-19",
    "F-16", "9" * 30, "1" + "0" * 27, "one", "One", "ONE", "two", "Twenty-one", "twenty one",
    "fourteen", "dozen", "a dozen", "two dozen", "hundred", "hundreds", "thousand", "Million",
    "billion", "half a million", "an estimated", "half an",
    # quantifiers and ranges
    "more than", "More  than", "at least", "up to", "as many as", "in excess of", "nearly",
    "about", "some", "between", "and", "to", "or", "-", "–", "—", "10-12", "10–15", "by",
    # money and percentages
    "$", "US$", "€", "£", "$3.5 billion", "£1.2m", "10m", "2bn", "€40bn", "%", "45%",
    "per cent", "percent",
    # dates, times, labels
    "Jan.", "Jun.", "Jul.", "Sept.", "Oct", "Oct.", "June", "June.", "May", "of", "p.m.",
    "a.m.", "o'clock", "GMT", "Flight", "flight.", "No.", "no.", "no", "Route", "x-no.",
    "Boeing", "-strong", "2,000-strong",
    # words around figures: units, idioms, determiners, verbs, stop words
    "people", "Americans", "gunmen", "houses", "soldiers", "rebel", "fighters", "killed",
    "died", "injured", "destroying", "and destroying", "of them", "of the", "another",
    "day", "the", "that.", "this.", "which", "each.", "someone.", "every.", "said", "said.",
    "officials said,", "U.S.", "U.K.", "Mr.", "J.", "e.g.", "etc.",
    # punctuation and quotes
    ",", ".", ";", ":", "!", "?", "(", ")", "[", "]", '"', "“", "”", "‘", "’", "'", "...",
]
_SPACES = [" ", " ", " ", " ", "", "  ", "\n", "\n\n", "\u00a0", "\t"]

_awkward = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SPACES)), max_size=30
).map(lambda parts: "".join(piece + space for piece, space in parts))
_soup = st.text(alphabet="0123456789 .,-–%$€£()\"'“”’aAoOnNeEtTwsdrhulmJ\n", max_size=60)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_awkward, _soup, st.text(max_size=40)))
def test_awkward_text(text: str) -> None:
    """Generated text full of figure-like pieces gives the plain module's figures."""
    assert_same_figures(text)


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a version of it with a few pieces replaced, dropped or added."""
    parts = draw(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SPACES)),
                          min_size=1, max_size=30))
    new = list(parts)
    for _ in range(draw(st.integers(0, 4))):
        k = draw(st.integers(0, len(new)))
        piece = (draw(st.sampled_from(_PIECES)), draw(st.sampled_from(_SPACES)))
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "add" or k == len(new):
            new.insert(k, piece)
        elif action == "replace":
            new[k] = piece
        else:
            del new[k]
    return "".join(p + s for p, s in parts), "".join(p + s for p, s in new)


@settings(max_examples=1000, deadline=None)
@given(_edited())
def test_edited_text(pair: tuple[str, str]) -> None:
    """An edited version's figures, and the changes between the two, are the plain ones."""
    old, new = pair
    assert_same_figures(old)
    assert_same_figures(new)
    assert_same_changes(old, new)


def test_a_number_of_thousands_of_digits_is_read() -> None:
    """Past int()'s limit on digit strings (4,300 digits) a number is still a figure.

    The plain module raised ValueError here (its day-of-month test called int() on the
    whole string); the only place the two are allowed to differ.
    """
    (figure,) = find_figures("They counted " + "7" * 5000 + " sheep.")
    assert (figure.value, figure.unit) == (float("inf"), "sheep")
    with pytest.raises(ValueError, match="integer string conversion"):
        plain.find_figures("They counted " + "7" * 5000 + " sheep.")
