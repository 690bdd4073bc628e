"""The engine end to end: compare() on small texts and on the seed pair."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import reference
from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack import Kind, compare
from revtrack.align import align
from revtrack.compare import _reading_order
from revtrack.model import SCHEMA, Alignment
from revtrack.options import Options
from revtrack.parse import parse_version

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def kinds_of(result, old, new):  # type: ignore[no-untyped-def]
    for a in result.alignments:
        if a.old == old and a.new == new:
            return set(a.kinds)
    found = [(a.old, a.new) for a in result.alignments]
    raise AssertionError(f"no alignment {old} -> {new}: {found}")


def test_identical_texts_are_unchanged() -> None:
    """The same text twice reports nothing changed."""
    text = "date 2024-01-02 First paragraph here.\n\nSecond paragraph here."
    result = compare(text, text)
    assert not result.changed
    assert [a.kinds for a in result.alignments] == [(Kind.UNCHANGED,)] * 2


def test_dateline_header_is_never_an_edit() -> None:
    """Different dates in the headers are not a change to the text."""
    result = compare("date 2024-01-01 Story text.", "date 2024-01-02 Story text.")
    assert not result.changed
    assert str(result.new.date) == "2024-01-02"


def test_style_only_change() -> None:
    """U.S. -> US and curly quotes are style."""
    result = compare(
        "The U.S. envoy said \"no\".\n\nOther text.", "The US envoy said “no”.\n\nOther text."
    )
    assert kinds_of(result, (0,), (0,)) == {Kind.STYLE}


def test_reformatted_number_is_style_not_update() -> None:
    """1200 -> 1,200 and 14 -> fourteen are style, with no figure reported."""
    result = compare(
        "Floods killed 1200 people and 14 soldiers.",
        "Floods killed 1,200 people and fourteen soldiers.",
    )
    alignment = result.alignments[0]
    assert set(alignment.kinds) == {Kind.STYLE}
    assert alignment.figures == ()


def test_figure_only_change_is_figure_update_alone() -> None:
    """A paragraph whose only change is a number is a figure update, not reworded."""
    result = compare("At least 14 soldiers were killed.", "At least 22 soldiers were killed.")
    alignment = result.alignments[0]
    assert alignment.kinds == (Kind.FIGURE_UPDATE,)
    (figure,) = alignment.figures
    assert (figure.change, figure.old_value, figure.new_value) == ("updated", 14, 22)
    assert figure.delta == 8 and round(figure.percent or 0) == 57
    assert "soldiers" in figure.context


def test_figure_spans_point_at_the_text() -> None:
    """old_at/new_at locate the figure text inside the right paragraph."""
    old = "Intro.\n\nAt least 14 soldiers died."
    new = "Intro.\n\nAt least 22 soldiers died."
    result = compare(old, new)
    (figure,) = result.figure_updates[0][1:]
    assert figure.old_at and figure.new_at
    p, start, end = figure.new_at
    assert result.new.paragraphs[p][start:end] == figure.new


def test_added_and_removed_placement() -> None:
    """Removed paragraphs appear where they stood, added ones in new order."""
    old = "Alpha para one.\n\nBravo removed para.\n\nCharlie para three."
    new = "Alpha para one.\n\nCharlie para three.\n\nDelta added para."
    result = compare(old, new)
    assert [(a.old, a.new) for a in result.alignments] == [
        ((0,), (0,)), ((1,), ()), ((2,), (1,)), ((), (2,))
    ]


def test_to_dict_is_the_json_schema() -> None:
    """to_dict carries the schema id, versions, alignments and summary, JSON-serialisable."""
    result = compare("date 2024-01-01 One.\n\nTwo.", "One.\n\nTwo changed a lot today.")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["schema"] == SCHEMA
    assert set(data) == {"schema", "old", "new", "alignments", "summary"}
    assert data["old"] == {"source": None, "date": "2024-01-01", "paragraphs": ["One.", "Two."]}
    assert data["new"]["date"] is None
    first = data["alignments"][0]
    assert set(first) == {"old", "new", "kinds", "similarity", "figures", "words"}
    assert sum(data["summary"].values()) >= len(data["alignments"])


# ---------------------------------------------------------------------------------------
# The seed pair


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    if not SEEDS.is_dir():
        pytest.skip(f"seed pair folder {SEEDS} is absent (it lives beside the repo in ../shared)")
    old = next(SEEDS.glob("001_*")).read_text(encoding="utf-8")
    new = next(SEEDS.glob("000_*")).read_text(encoding="utf-8")
    return compare(old, new, old_source="old", new_source="new")


SEED_TABLE = [
    ((0,), (0,), {Kind.REWORDED}),
    ((1,), (1,), {Kind.REWORDED}),
    ((2,), (3,), {Kind.REWORDED}),
    ((3,), (4,), {Kind.REWORDED}),
    ((4,), (5, 8), {Kind.SPLIT, Kind.FIGURE_UPDATE}),
    ((5,), (6,), {Kind.FIGURE_UPDATE, Kind.REWORDED}),
    ((6,), (11,), {Kind.UNCHANGED}),
    ((7,), (12,), {Kind.UNCHANGED}),
    ((9,), (13,), {Kind.UNCHANGED}),
]


@pytest.mark.parametrize(("old", "new", "kinds"), SEED_TABLE)
def test_seed_alignment_table(seed, old, new, kinds) -> None:  # type: ignore[no-untyped-def]
    """The seed pair aligns and classifies as a careful editor would."""
    found = kinds_of(seed, old, new)
    assert kinds <= found
    assert not found & {Kind.MOVED, Kind.STYLE, Kind.ADDED, Kind.REMOVED}


def test_seed_dates(seed) -> None:  # type: ignore[no-untyped-def]
    """The dateline headers become the versions' dates."""
    assert (str(seed.old.date), str(seed.new.date)) == ("2023-10-11", "2023-10-12")
    assert not seed.old.paragraphs[0].startswith("date")


def test_seed_added_and_removed(seed) -> None:  # type: ignore[no-untyped-def]
    """New 2, 7, 9, 10 are added; old 8 and 10-18 are removed; nothing else."""
    added = sorted(a.new[0] for a in seed.alignments if a.kinds == (Kind.ADDED,))
    removed = sorted(a.old[0] for a in seed.alignments if a.kinds == (Kind.REMOVED,))
    assert added == [2, 7, 9, 10]
    assert removed == [8, *range(10, 19)]


def test_seed_figure_updates(seed) -> None:  # type: ignore[no-untyped-def]
    """Exactly two updates: more than 1,000 -> 1,100 killed in Gaza, 14 -> 22 Americans."""
    updates = [(f.old_value, f.new_value, f.old, f.new, f.context) for _, f in seed.figure_updates]
    assert [(u[0], u[1]) for u in updates] == [(1000, 1100), (14, 22)]
    assert "more than 1,000" in (updates[0][2] or "") and "1,100" in (updates[0][3] or "")
    assert "Americans" in updates[1][4]


def test_seed_unrelated_thousand_is_an_added_figure(seed) -> None:  # type: ignore[no-untyped-def]
    """The gunmen's 1,000 in new 8 is reported as added, not as the old toll unchanged."""
    split = next(a for a in seed.alignments if a.old == (4,))
    added = [f for f in split.figures if f.change == "added"]
    assert [f.new_value for f in added] == [1000]
    assert added[0].new_at and added[0].new_at[0] == 8


def test_seed_words_rebuild(seed) -> None:  # type: ignore[no-untyped-def]
    """Every alignment's word ops rebuild its old and new text."""
    for a in seed.alignments:
        if a.words:
            old = "\n\n".join(seed.old.paragraphs[i] for i in a.old)
            new = "\n\n".join(seed.new.paragraphs[i] for i in a.new)
            assert "".join(w.old for w in a.words) == old
            assert "".join(w.new for w in a.words) == new


# ---------------------------------------------------------------------------------------
# The fast paths against classifying every alignment the plain way (tests/reference.py)

_SENTENCES = [
    "Rain fell on the capital on Monday.", "Officials said 1,200 people were evacuated.",
    "More than 40 villages were flooded, the U.S. envoy said.", "“We need help,” he said.",
    "The army sent two dozen boats and $3.5 billion in aid.", "Schools stayed closed.",
    "At least 14 people died.", "About 45% of the harvest was lost in the north.",
]
_EDITS = [
    ("1,200", "1,500"), ("40", "fourty"), ("U.S.", "US"), ("Monday", "Tuesday"), (" ", "  "),
    ("14", "fourteen"), ("said", "stated"), ("“", '"'), ("the north", "the south"), ("", ""),
]


@st.composite
def _versions(draw: st.DrawFn) -> tuple[str, str]:
    """An article and its next version: paragraphs edited, dropped, added, moved, joined."""
    pool = draw(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=12))
    sizes = draw(st.lists(st.integers(1, 3), min_size=len(pool), max_size=len(pool)))
    old, k = [], 0
    for size in sizes:
        if k < len(pool):
            old.append(" ".join(pool[k : k + size]))
            k += size
    new = []
    for paragraph in old:
        action = draw(st.sampled_from(["keep", "keep", "edit", "edit", "drop", "join"]))
        if action == "edit":
            before, after = draw(st.sampled_from(_EDITS))
            new.append(paragraph.replace(before, after, 1) if before else paragraph)
        elif action == "join" and new:
            new[-1] += " " + paragraph
        elif action != "drop":
            new.append(paragraph)
    new += draw(st.lists(st.sampled_from(_SENTENCES), max_size=2))
    if new and draw(st.booleans()):
        new = draw(st.permutations(new))
    return "\n\n".join(old), "\n\n".join(new)


@settings(max_examples=150, deadline=None)
@given(_versions())
def test_compare_gives_what_classifying_each_alignment_plainly_gives(
    pair: tuple[str, str],
) -> None:
    """Skipping unchanged paragraphs and the fast word and figure paths change nothing."""
    old, new = parse_version(pair[0]), parse_version(pair[1])
    expected = []
    for group in _reading_order(align(old.paragraphs, new.paragraphs, Options())):
        kinds, figures, words = reference.classify(
            [old.paragraphs[i] for i in group.old],
            [new.paragraphs[i] for i in group.new],
            group.old,
            group.new,
            group.moved,
        )
        similarity = 1.0 if kinds == (Kind.UNCHANGED,) else group.similarity
        expected.append(
            Alignment(group.old, group.new, kinds, round(similarity, 4), figures, words)
        )
    assert compare(*pair).alignments == tuple(expected)


def test_objects_filled_in_directly_are_the_dataclasses_own() -> None:
    """The engine's direct builders give objects equal to the constructors' in every way."""
    import dataclasses

    from revtrack.figures import Figure, _figure
    from revtrack.model import (
        FigureChange,
        WordOp,
        make_alignment,
        make_figure_change,
        make_word_op,
    )

    op = WordOp("replace", "1,000 ", "1,100 ", False)
    change = FigureChange("updated", "1,000", "1,100", 1000.0, 1100.0, "people", (0, 1, 6),
                          (0, 1, 6))
    built = [
        (make_word_op("replace", "1,000 ", "1,100 ", False), op),
        (make_figure_change("updated", "1,000", "1,100", 1000.0, 1100.0, "people",
                            (0, 1, 6), (0, 1, 6)), change),
        (make_alignment((0,), (0,), (Kind.FIGURE_UPDATE,), 0.9, (change,), (op,)),
         Alignment((0,), (0,), (Kind.FIGURE_UPDATE,), 0.9, (change,), (op,))),
        (_figure("14", 14.0, 3, 5, "14", None, None, "killed", "people", "killed"),
         Figure("14", 14.0, 3, 5, "14", None, None, "killed", "people", "killed")),
    ]
    for fast, plain in built:
        assert type(fast) is type(plain)
        assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
        assert vars(fast) == vars(plain)
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.__setattr__(dataclasses.fields(fast)[0].name, None)


def test_the_readme_library_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's library example, run as written, on a toll that rises from 0 too."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Library API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    old_text = "Officials said 0 people died.\n\nThe toll of 14 Americans stood."
    new_text = "Officials said 3 people died.\n\nThe toll of 22 Americans stood."
    exec(code.group(1), {"old_text": old_text, "new_text": new_text})  # noqa: S102
    out = capsys.readouterr().out
    assert "0 -> 3 (+3) people died" in out
    assert "14 -> 22 (+8, +57%) Americans stood" in out


def test_the_summary_cannot_be_changed_from_outside() -> None:
    """``Comparison`` is frozen: changing the summary dict one gets changes nothing."""
    result = compare("Ten died.\n\nRain fell.", "Twelve died.\n\nRain fell.")
    result.summary["unchanged"] = 99
    assert result.summary["unchanged"] == 1
    assert result.to_dict()["summary"]["unchanged"] == 1
