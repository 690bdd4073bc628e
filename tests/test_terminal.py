"""The terminal report (``revtrack.render.terminal``): built on hand-made ``Comparison``s,
so each behaviour is pinned down independently of the engine, plus golden files of the
report for every fixture pair (``pytest --update-goldens`` rewrites them)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

from revtrack.model import Alignment, Comparison, FigureChange, Kind, Version, WordOp
from revtrack.render import terminal
from revtrack.render.terminal import (
    MARKS,
    TerminalReport,
    clean,
    differs,
    format_amount,
    format_change,
    numbers,
    parse_kinds,
    plan_rows,
)

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "fixtures" / "pairs"
SEEDS = Path("/work/shared/seeds")
SEP = "│"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# ---------------------------------------------------------------------------------------
# Helpers: hand-built comparisons


def ops(old: str, new: str) -> tuple[WordOp, ...]:
    """Word ops whose parts rebuild ``old`` and ``new`` exactly (a stand-in for the engine)."""
    a = re.findall(r"\S+\s*", old)
    b = re.findall(r"\S+\s*", new)
    out = []
    matcher = SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        op = {"equal": "equal", "insert": "insert", "delete": "delete"}.get(tag, "replace")
        out.append(WordOp(op, "".join(a[i1:i2]), "".join(b[j1:j2])))  # type: ignore[arg-type]
    return tuple(out)


def version(paragraphs: list[str], source: str, day: int | None = None) -> Version:
    date = dt.date(2024, 3, day) if day else None
    return Version(source, date, tuple(paragraphs))


def pair(old: list[str], new: list[str], alignments: list[Alignment],
         old_day: int | None = 4, new_day: int | None = 5) -> Comparison:
    return Comparison(version(old, "a/old.txt", old_day), version(new, "a/new.txt", new_day),
                      tuple(alignments))


def same(i: int, j: int) -> Alignment:
    return Alignment((i,), (j,), (Kind.UNCHANGED,), 1.0)


def changed(old: list[str], new: list[str], i: int, j: int, *kinds: Kind,
            figures: tuple[FigureChange, ...] = ()) -> Alignment:
    return Alignment((i,), (j,), kinds or (Kind.REWORDED,), 0.8, figures, ops(old[i], new[j]))


def render(report: TerminalReport, width: int = 120, color: bool = False) -> str:
    console = Console(file=StringIO(), width=width, force_terminal=color,
                      color_system="standard" if color else None, no_color=False,
                      legacy_windows=False, highlight=False)
    console.print(report)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def segments(report: TerminalReport, width: int = 120) -> list[Segment]:
    console = Console(file=StringIO(), width=width, force_terminal=True,
                      color_system="standard", legacy_windows=False)
    return list(console.render(report))


def body(text: str) -> list[str]:
    """The lines of the side-by-side body: after the rule under the column titles."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("─"))
    return lines[start + 1 :]


def separator_columns(text: str) -> set[int]:
    """Cell column of the ``│`` separator on every body line that has one."""
    return {cell_len(line[: line.index(SEP)]) for line in body(text) if SEP in line}


def real(text: str) -> str:
    """Plain text without bidi isolates (invisible, zero width)."""
    return text.replace("\u2068", "").replace("\u2069", "")


# A small story with one of each kind.
OLD = [
    "Officials said 14 people died in the storm on Monday.",  # 0: figure + reworded
    "The mayor spoke to reporters.",  # 1: unchanged
    "Roads were closed across the county for hours.",  # 2: moved to new 4
    "Power failed in the north. Crews worked through the night.",  # 3: split into 2, 3
    "Schools stay shut.",  # 4: style-only
    "A paragraph that goes away.",  # 5: removed
    "Trains ran late.",  # 6, 7: merged into new 7
    "Buses were full.",
    "Shops opened.",  # 8, 9, 10: unchanged tail
    "Banks opened.",
    "Cafes opened.",
]
NEW = [
    "Officials said 22 people died in the storm on Monday night.",
    "The mayor spoke to reporters.",
    "Power failed in the north.",
    "Crews worked through the night.",
    "Roads were closed across the county for hours.",
    "Schools stay shut!",
    "A brand new paragraph.",
    "Trains ran late and buses were full.",
    "Shops opened.",
    "Banks opened.",
    "Cafes opened.",
]
FIGURE = FigureChange("updated", "14", "22", 14.0, 22.0, "people died", (0, 15, 17), (0, 15, 17))
STORY = pair(OLD, NEW, [
    changed(OLD, NEW, 0, 0, Kind.REWORDED, Kind.FIGURE_UPDATE, figures=(FIGURE,)),
    same(1, 1),
    Alignment((3,), (2, 3), (Kind.SPLIT,), 0.9, (), ops(OLD[3], NEW[2] + "\n\n" + NEW[3])),
    Alignment((2,), (4,), (Kind.MOVED,), 1.0, (), (WordOp("equal", OLD[2], NEW[4]),)),
    Alignment((4,), (5,), (Kind.STYLE,), 0.95, (),
              (WordOp("equal", "Schools stay ", "Schools stay "),
               WordOp("replace", "shut.", "shut!", True))),
    Alignment((5,), (), (Kind.REMOVED,), 0.0),
    Alignment((), (6,), (Kind.ADDED,), 0.0),
    Alignment((6, 7), (7,), (Kind.MERGED, Kind.REWORDED), 0.8, (),
              ops(OLD[6] + "\n\n" + OLD[7], NEW[7])),
    same(8, 8),
    same(9, 9),
    same(10, 10),
])


# ---------------------------------------------------------------------------------------
# Small pieces


def test_format_change_shows_old_new_delta_and_percent() -> None:
    """A figure update reads ``14 → 22 (+8, +57%)``."""
    assert format_change(FIGURE) == "14 → 22 (+8, +57%)"


def test_format_change_falls_and_fractions() -> None:
    """Falls get a minus sign, thousands separators, and a decimal for small percentages."""
    fall = FigureChange("updated", "1,200", "1,100", 1200.0, 1100.0, "x")
    assert format_change(fall) == "1,200 → 1,100 (-100, -8.3%)"
    assert format_amount(2.5, sign=True) == "+2.5"
    assert format_amount(1_500_000.0) == "1,500,000"


def test_format_change_without_percentage_from_zero() -> None:
    """From zero there is no percentage, only the difference."""
    zero = FigureChange("updated", "no", "3", 0.0, 3.0, "x")
    assert format_change(zero) == "no → 3 (+3)"


def test_parse_kinds_accepts_json_names_labels_and_lists() -> None:
    """``--only`` takes comma lists of JSON names or report labels, in any case."""
    assert parse_kinds(["added,Figure-Update", "style-only"]) == {
        Kind.ADDED, Kind.FIGURE_UPDATE, Kind.STYLE}


@pytest.mark.parametrize("values", [["bogus"], [","], []])
def test_parse_kinds_rejects_unknown_or_empty(values: list[str]) -> None:
    """An unknown or empty ``--only`` is a one-line error naming the valid kinds."""
    with pytest.raises(ValueError) as err:
        parse_kinds(values)
    assert "\n" not in str(err.value)


def test_paragraph_numbers_are_one_based() -> None:
    """Index 0 is ¶1; a run reads ¶4-6 and scattered numbers are listed."""
    assert numbers([0]) == "¶1"
    assert numbers([3, 4, 5]) == "¶4-6"
    assert numbers([3, 6]) == "¶4, ¶7"


def test_clean_neutralises_control_characters_keeping_offsets() -> None:
    """Escape sequences and bidi overrides from an article cannot reach the terminal."""
    raw = "a\tb\x1b[2J\u202ec\x07"
    assert len(clean(raw)) == len(raw)
    assert not re.search(r"[\x00-\x1f\u202e]", clean(raw))


def test_differs_with_ignore_style_ignores_style_only_changes() -> None:
    """Style-only changes count as differences unless style is ignored (like ``diff -w``)."""
    old, new = ["Schools stay shut."], ["Schools stay shut!"]
    comparison = pair(old, new, [Alignment((0,), (0,), (Kind.STYLE,), 0.9, (), ops(*old, *new))])
    assert differs(comparison)
    assert not differs(comparison, ignore_style=True)


# ---------------------------------------------------------------------------------------
# Which rows are shown


def kinds_of(*kinds: Kind) -> list[Alignment]:
    return [Alignment((i,), (i,), (k,), 0.5) for i, k in enumerate(kinds)]


U, R, S = Kind.UNCHANGED, Kind.REWORDED, Kind.STYLE


def shown(plan: list[terminal._Show | terminal._Skip]) -> list[object]:
    return [s.index if isinstance(s, terminal._Show) else s.indices for s in plan]


def test_plan_collapses_every_unchanged_run_by_default() -> None:
    """With no context each run of unchanged alignments becomes one skip."""
    plan = plan_rows(kinds_of(U, U, R, U, U, U, R, U))
    assert shown(plan) == [(0, 1), 2, (3, 4, 5), 6, (7,)]


def test_plan_keeps_context_around_changes() -> None:
    """``context=1`` keeps one unchanged alignment on each side of a change."""
    plan = plan_rows(kinds_of(U, U, R, U, U, U, R, U), context=1)
    assert shown(plan) == [(0,), 1, 2, 3, (4,), 5, 6, 7]


def test_plan_full_shows_everything() -> None:
    """``full`` shows every alignment and collapses nothing."""
    plan = plan_rows(kinds_of(U, R, U), full=True)
    assert shown(plan) == [0, 1, 2]


def test_plan_ignore_style_treats_style_only_as_unchanged() -> None:
    """Hidden style-only alignments collapse like unchanged ones (and can be context)."""
    assert shown(plan_rows(kinds_of(S, R, U), ignore_style=True)) == [(0,), 1, (2,)]
    assert shown(plan_rows(kinds_of(S, R, U), ignore_style=True, context=1)) == [0, 1, 2]


def test_plan_only_selects_kinds() -> None:
    """``only`` keeps alignments of those kinds; other changes collapse, never as context."""
    plan = plan_rows(kinds_of(R, Kind.ADDED, R), only=frozenset({Kind.ADDED}), context=5)
    assert shown(plan) == [(0,), 1, (2,)]


# ---------------------------------------------------------------------------------------
# The report


def test_header_shows_sources_dates_and_time_between() -> None:
    """The header names both sources with their dates and the days between them."""
    out = render(TerminalReport(STORY))
    assert "a/old.txt  2024-03-04" in out
    assert "a/new.txt  2024-03-05  1 day later" in out


def test_header_without_dates_says_so() -> None:
    """Missing datelines read "(no date)" and no time between is claimed."""
    comparison = pair(["x"], ["x"], [same(0, 0)], old_day=None, new_day=None)
    out = render(TerminalReport(comparison))
    assert out.count("(no date)") == 2
    assert "later" not in out and "earlier" not in out


def test_summary_is_one_line_of_counts_per_kind() -> None:
    """The summary counts each kind that occurred, with its gutter mark, on one line."""
    out = render(TerminalReport(STORY), width=200)
    line = next(line for line in out.splitlines() if line.startswith("Changes"))
    assert line.split(None, 1)[1] == (
        "+1 added  -1 removed  ~2 reworded  #1 figure update  >1 moved  {1 split  "
        "}1 merged  .1 style-only  =4 unchanged"
    )


def test_figure_updates_table_right_under_the_summary() -> None:
    """Figure updates follow the summary: paragraph, ``old → new (+n, +p%)``, context."""
    lines = render(TerminalReport(STORY)).splitlines()
    changes = next(i for i, line in enumerate(lines) if line.startswith("Changes"))
    assert lines[changes + 2] == "Figure updates (1)"
    assert lines[changes + 4].split() == ["¶1", "14", "→", "22", "(+8,", "+57%)", "people",
                                          "died"]


def test_no_figure_updates_is_one_line() -> None:
    """Without figure updates the report says so in one line."""
    out = render(TerminalReport(pair(["a"], ["b"], [changed(["a"], ["b"], 0, 0)])))
    assert "No figure updates." in out
    assert "Figure updates (" not in out


def test_legend_explains_marks_numbering_and_word_markers() -> None:
    """The legend lists every gutter mark, the ¶ numbering and the word markers."""
    out = render(TerminalReport(STORY), width=200)
    for kind, mark in MARKS.items():
        assert f"{mark} {terminal.LABELS[kind]}" in out
    assert "[-deleted-]  {+inserted+}" in out
    assert "¶ numbers count paragraphs from 1" in out


def test_changed_words_are_bracketed_without_colour() -> None:
    """Without ANSI styles, deleted words read ``[-…-]`` left and inserted ``{+…+}`` right."""
    rows = body(render(TerminalReport(STORY)))
    row = rows[: rows.index("")]
    left = " ".join(" ".join(line.split(SEP)[0].split()) for line in row)
    right = " ".join(" ".join(line.split(SEP)[1].split()) for line in row)
    assert "said [-14-] people" in left and "[-Monday.-]" in left
    assert "said {+22+} people" in right and "{+Monday night.+}" in right


def test_colour_strikes_deletions_underlines_insertions_and_emphasises_figures() -> None:
    """With colour, deleted words are red and struck, inserted green and underlined, and
    the changed figure is in reverse video on both sides."""
    by_text = {}
    for segment in segments(TerminalReport(STORY)):
        if segment.style is not None:
            by_text.setdefault(segment.text, segment.style)
    assert by_text["14"].strike and by_text["14"].color and by_text["14"].color.name == "red"
    assert by_text["14"].reverse
    assert by_text["22"].underline and by_text["22"].color.name == "green"  # type: ignore[union-attr]
    assert by_text["22"].reverse
    assert by_text["Monday."].strike and not by_text["Monday."].reverse


def test_gutter_marks_each_row() -> None:
    """Each row starts with the marks of its kinds, in summary order."""
    rows = body(render(TerminalReport(STORY, full=True)))
    starts = [row.split()[0] for row in rows if row and not row.startswith(" ")]
    assert starts == ["~#", "=", "{", ">", ".", "-", "+", "~}", "=", "=", "="]


def test_moved_paragraph_says_where_it_came_from() -> None:
    """A moved paragraph says "moved from ¶3" in the new column, at its new place."""
    rows = body(render(TerminalReport(STORY)))
    i = next(i for i, row in enumerate(rows) if row.startswith(">"))
    assert "moved from ¶3" in rows[i].split(SEP)[1]
    assert "¶5 Roads were closed" in rows[i + 1].split(SEP)[1]


def test_split_shows_one_old_paragraph_beside_its_pieces() -> None:
    """A split row has the old paragraph on the left and each numbered piece on the right."""
    rows = body(render(TerminalReport(STORY)))
    i = next(i for i, row in enumerate(rows) if row.startswith("{"))
    block = rows[i : i + 3]
    left = " ".join(row.split(SEP)[0] for row in block)
    right = [row.split(SEP)[1].strip() for row in block]
    assert "¶4" in left and "¶3" not in left
    assert right[0].startswith("¶3 Power failed")
    assert right[1] == ""
    assert right[2].startswith("¶4 Crews worked")


def test_merge_shows_old_pieces_beside_one_new_paragraph() -> None:
    """A merge is the mirror image of a split: numbered old pieces beside one new paragraph."""
    rows = body(render(TerminalReport(STORY)))
    i = next(i for i, row in enumerate(rows) if row.startswith("~}"))
    left = [row.split(SEP)[0][3:].strip() for row in rows[i : i + 3]]
    assert left[0].startswith("¶7") and left[2].startswith("¶8")
    assert rows[i].split(SEP)[1].strip().startswith("¶8 Trains ran {+late")


def test_added_and_removed_have_an_empty_cell() -> None:
    """An added paragraph has an empty left cell; a removed one an empty right cell."""
    rows = body(render(TerminalReport(STORY)))
    added = next(row for row in rows if row.startswith("+"))
    removed = next(row for row in rows if row.startswith("-"))
    assert added.split(SEP)[0].strip() == "+"
    assert "¶7 A brand new paragraph." in added.split(SEP)[1]
    assert removed.split(SEP)[1] == ""
    assert "[-" not in removed and "{+" not in added  # whole paragraphs are not bracketed


def test_unchanged_runs_collapse_to_one_line() -> None:
    """Unchanged runs collapse to "N unchanged paragraphs (¶a-b)" by default."""
    out = render(TerminalReport(STORY))
    assert "=  3 unchanged paragraphs (¶9-11)" in out
    assert "=  1 unchanged paragraph (¶2)" in out
    assert "Shops opened." not in out


def test_context_keeps_n_unchanged_paragraphs() -> None:
    """``context=1`` shows the unchanged neighbour of a change and collapses the rest."""
    out = render(TerminalReport(STORY, context=1))
    assert "Shops opened." in out and "Banks opened." not in out
    assert "2 unchanged paragraphs (¶10-11)" in out


def test_full_shows_everything() -> None:
    """``full`` shows every paragraph and no collapsed line."""
    out = render(TerminalReport(STORY, full=True))
    assert "Cafes opened." in out and "unchanged paragraph" not in out


def test_ignore_style_hides_style_only_changes() -> None:
    """``ignore_style`` hides style-only rows, and says so under the summary."""
    out = render(TerminalReport(STORY, ignore_style=True))
    assert "shut" not in out
    assert "Filter   style-only changes hidden" in out


def test_only_shows_only_those_kinds() -> None:
    """``only`` keeps rows of those kinds and says what is filtered."""
    out = render(TerminalReport(STORY, only={Kind.ADDED}))
    rows = [row for row in body(out) if row and not row.startswith(" ")]
    assert [row[0] for row in rows if "not shown" not in row] == ["+"]
    assert "Filter   showing only added" in out
    assert "paragraphs not shown (¶1-6)" in out


def test_summary_only_prints_header_summary_and_figures() -> None:
    """``summary_only`` stops after the figure updates: no legend, no body."""
    out = render(TerminalReport(STORY, summary_only=True))
    assert "Figure updates (1)" in out
    assert "Legend" not in out and SEP not in out


def test_auto_layout_switches_at_100_columns() -> None:
    """``auto`` is side by side from 100 columns and stacked below."""
    assert SEP in render(TerminalReport(STORY), width=100)
    narrow = render(TerminalReport(STORY), width=99)
    assert SEP not in narrow
    assert "    old ¶1  Officials said [-14-]" in narrow


@pytest.mark.parametrize("width", [60, 200])
def test_forced_layouts(width: int) -> None:
    """``side-by-side`` and ``stacked`` are honoured whatever the width (when readable)."""
    assert SEP in render(TerminalReport(STORY, layout="side-by-side"), width=width)
    assert SEP not in render(TerminalReport(STORY, layout="stacked"), width=width)


def test_side_by_side_too_narrow_falls_back_to_stacked() -> None:
    """Side by side at a width with unreadably narrow columns is shown stacked instead."""
    assert SEP not in render(TerminalReport(STORY, layout="side-by-side"), width=30)


def test_stacked_shows_old_above_new_for_changes() -> None:
    """Stacked: a heading with marks and kinds, then the old text above the new."""
    lines = render(TerminalReport(STORY, layout="stacked"), width=100).splitlines()
    i = lines.index("~# reworded, figure update")
    assert lines[i + 1].lstrip().startswith("old ¶1  Officials said [-14-]")
    assert lines[i + 2].lstrip().startswith("new ¶1  Officials said {+22+}")
    assert "moved from ¶3" in "\n".join(lines)


def test_invalid_arguments_are_rejected() -> None:
    """A negative context or an unknown layout is a ValueError, not a wrong report."""
    with pytest.raises(ValueError):
        TerminalReport(STORY, context=-1)
    with pytest.raises(ValueError):
        TerminalReport(STORY, layout="diagonal")  # type: ignore[arg-type]


def test_no_paragraphs_at_all() -> None:
    """Two empty versions render a short report saying there is nothing."""
    out = render(TerminalReport(pair([], [], [])))
    assert "no paragraphs" in out and "Neither version has any paragraph." in out


def test_lines_have_no_trailing_whitespace() -> None:
    """No line ends in blanks (the report is copied into email and kept in git)."""
    for width in (80, 120):
        for color in (False, True):
            out = ANSI.sub("", render(TerminalReport(STORY, full=True), width, color))
            assert all(line == line.rstrip() for line in out.splitlines())


# ---------------------------------------------------------------------------------------
# Columns stay in step: wrapping, long words, wide and right-to-left text

WORDS = st.sampled_from([
    "the", "said", "1,200", "people", "中文字符", "東京都", "😀", "👍🏽", "שלום", "עולם",
    "مرحبا", "بالعالم", "https://example.com/a/very/long/path/that/never/ends/and/goes/on",
    "Supercalifragilisticexpialidocious" * 3, "café", "e\u0301", "a\tb", "x\x1by",
])
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=st.lists(PARAGRAPH, min_size=1, max_size=4),
       new=st.lists(PARAGRAPH, min_size=1, max_size=4),
       width=st.integers(min_value=20, max_value=220))
def test_columns_stay_in_step_whatever_the_text(old: list[str], new: list[str],
                                                width: int) -> None:
    """Whatever the words (CJK, emoji, RTL, URLs, controls) and the width, no line is wider
    than the terminal and the separator sits in the same cell column on every line."""
    n = min(len(old), len(new))
    alignments = [changed(old, new, i, i) for i in range(n)]
    alignments += [Alignment((i,), (), (Kind.REMOVED,), 0.0) for i in range(n, len(old))]
    alignments += [Alignment((), (j,), (Kind.ADDED,), 0.0) for j in range(n, len(new))]
    report = TerminalReport(pair(old, new, alignments), layout="side-by-side")
    out = render(report, width=width)
    assert all(cell_len(line) <= width for line in out.splitlines())
    assert "\x1b" not in out and "\t" not in out
    if report.resolve_layout(width) == "side-by-side":
        assert len(separator_columns(out)) == 1


def test_rows_start_on_the_same_line_on_both_sides() -> None:
    """However differently the two cells wrap, a row's paragraph numbers share a line."""
    long = "word " * 80
    old, new = [long, "short", "x"], ["short", long, "x"]
    comparison = pair(old, new, [changed(old, new, 0, 0), changed(old, new, 1, 1), same(2, 2)])
    rows = body(render(TerminalReport(comparison, full=True), width=100))
    numbered = [row for row in rows if "¶" in row]
    assert [(row.split(SEP)[0].split()[1], row.split(SEP)[1].split()[0]) for row in numbered] \
        == [("¶1", "¶1"), ("¶2", "¶2"), ("¶3", "¶3")]


def test_right_to_left_lines_are_isolated() -> None:
    """Lines holding Hebrew or Arabic are wrapped in FSI…PDI so a bidi terminal cannot
    reorder them across the separator; left-to-right lines are left alone."""
    old, new = ["שלום עולם and more"], ["مرحبا بالعالم and more"]
    out = render(TerminalReport(pair(old, new, [changed(old, new, 0, 0)])), width=100)
    row = next(line for line in body(out) if "¶1" in line)
    left, right = row.split(SEP)
    assert "\u2068" in left and left.rstrip().endswith("\u2069")
    assert right.count("\u2068") == right.count("\u2069") == 1
    assert "\u2068" not in out.split("─")[0]


def test_wide_characters_keep_columns_aligned() -> None:
    """CJK and emoji take two cells each and the separator stays put."""
    old, new = ["東京都 " * 30 + "😀" * 20], ["中文字符 " * 25]
    out = render(TerminalReport(pair(old, new, [changed(old, new, 0, 0)])), width=101)
    assert len(separator_columns(out)) == 1
    assert max(cell_len(line) for line in out.splitlines()) <= 101


def test_long_words_and_urls_fold_inside_their_column() -> None:
    """An unbreakable URL folds inside its column instead of pushing the table wider."""
    url = "https://example.com/" + "x" * 300
    old, new = ["see " + url], ["see " + url + " now"]
    out = render(TerminalReport(pair(old, new, [changed(old, new, 0, 0)])), width=120)
    assert len(separator_columns(out)) == 1
    assert max(cell_len(line) for line in out.splitlines()) <= 120
    assert "".join(line.split(SEP)[1][4:].strip() for line in body(out) if SEP in line) \
        .startswith("see" + url)


# ---------------------------------------------------------------------------------------
# The fast layout prints what Rich would: wrapping (``_breaks`` and ``_Painter.wrap``),
# line segments (``_Painter.line``) and colourless rows must agree with Rich's own results

AWKWARD = st.sampled_from([
    "the", "said", "a", "1,200", "“quoted”", "it’s", "—", "café", "Ω", "ß", "שלום", "مرحبا",
    "¶3", "│", "[bold]", "[/]", "[red]x[/red]", "\x1b[31m", "x\x1by", "a\tb", "\r", "\n",
    "中文字符", "東京都", "😀", "👍🏽", "🇬🇧", "👨\u200d👩\u200d👧", "✔\ufe0f", "e\u0301", "a\u20dd",
    "\u200b", "\u00ad", "\u202e", "a\xa0b", "\u3000", "\u2009", "\u2028", "Ａ", "ｶ",
    "Supercalifragilisticexpialidocious", "https://example.com/a/very/long/path/that/goes/on",
    "x" * 45,
])
BLANKS = st.sampled_from([" ", " ", " ", "  ", "     ", " " * 24])
STYLES: st.SearchStrategy[str | Style] = st.sampled_from([
    "", Style(dim=True), Style(color="green"), Style(strike=True), Style(bold=True, reverse=True),
    "italic", "red not dim", Style(),
])


@st.composite
def styled_texts(draw: st.DrawFn, one_cell: bool = False) -> Text:
    """Paragraph-like ``Text``: awkward words, runs of blanks (also leading and trailing),
    cleaned as the report cleans paragraphs or not, a base style and overlapping spans.
    With ``one_cell``, only words ``_breaks`` takes (to be sure it is exercised)."""
    words = draw(st.lists(AWKWARD.filter(terminal._one_cell) if one_cell else AWKWARD,
                          min_size=1, max_size=30))
    blanks = draw(st.lists(BLANKS, min_size=len(words) + 1, max_size=len(words) + 1))
    plain = (blanks[0] if draw(st.booleans()) else "") + "".join(
        word + blank for word, blank in zip(words, blanks[1:], strict=True))
    if not draw(st.booleans()):
        plain = plain.rstrip(" ")
    text = Text(clean(plain) if one_cell or draw(st.booleans()) else plain, style=draw(STYLES))
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        text.stylize(draw(STYLES), start, draw(st.integers(start, len(text) + 3)))
    return text


def colour_console(width: int = 120, record: bool = False) -> Console:
    return Console(file=StringIO(), width=width, force_terminal=True, color_system="standard",
                   legacy_windows=False, record=record)


def printed(segments: Iterable[Segment]) -> str:
    """Segments as a console with standard colours writes them."""
    return "".join(s.style.render(s.text, color_system=ColorSystem.STANDARD) if s.style
                   else s.text for s in segments)


def as_wrapped(line: Text) -> tuple[str, str | Style, tuple[Span, ...]]:
    return line.plain, line.style, tuple(line.spans)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(styled_texts(), styled_texts(one_cell=True)),
       width=st.integers(min_value=1, max_value=50))
def test_fast_wrapping_agrees_with_rich(text: Text, width: int) -> None:
    """``_Painter.wrap`` cuts every text into the lines ``Text.wrap`` makes (the same
    characters, style and spans), whether ``_breaks`` could do it or Rich had to."""
    console = colour_console()
    fast = terminal._Painter(console).wrap(text, width)
    assert [w[:3] for w in fast] == [as_wrapped(line) for line in terminal._wrap(console, text,
                                                                                   width)]
    if text.plain and terminal._one_cell(text.plain):
        assert all(w.one_cell for w in fast)  # the shortcut really was taken


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(styled_texts(), styled_texts(one_cell=True)),
       width=st.integers(min_value=1, max_value=50),
       lead=st.sampled_from([None, "", " ", "    "]),
       label=st.sampled_from(["", "¶1 ", "   ", " ¶12345 ", "¶東 "]))
def test_fast_lines_print_as_rich_would(text: Text, width: int, lead: str | None,
                                        label: str) -> None:
    """Each wrapped line prints as Rich prints it, alone or after a lead and a ``¶`` label
    (``Text.assemble``), right-to-left lines isolated, with the width Rich measures."""
    console = colour_console()
    painter, bare = terminal._Painter(console), terminal._Painter(Console(color_system=None))
    for line in terminal._wrap(console, text, width):
        wrapped = terminal._Wrapped(*as_wrapped(line), terminal._one_cell(line.plain))
        if lead is None:
            reference, segments = line, list(line.render(console))
            if line.style:
                segments = list(Segment.apply_style(segments, console.get_style(line.style)))
            fast, plain = painter.line(wrapped), bare.line(wrapped)
        else:
            reference = Text.assemble(lead, (label, terminal._NUMBER), line)
            segments = list(reference.render(console))
            fast, plain = painter.line(wrapped, lead, label), bare.line(wrapped, lead, label)
        if terminal._RTL.search(reference.plain):
            segments = [Segment("\u2068"), *segments, Segment("\u2069")]
        assert printed(fast.segments) == printed(segments)
        assert fast.text == plain.text == "".join(s.text for s in segments)
        assert fast.cells == plain.cells == reference.cell_len


AWKWARD_PARAGRAPH = st.one_of(st.just(""), styled_texts().map(lambda text: text.plain))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=st.lists(AWKWARD_PARAGRAPH, min_size=1, max_size=4),
       new=st.lists(AWKWARD_PARAGRAPH, min_size=1, max_size=4),
       width=st.integers(min_value=20, max_value=160),
       layout=st.sampled_from(["side-by-side", "stacked"]),
       color=st.booleans())
def test_shortcuts_print_what_rich_alone_prints(old: list[str], new: list[str], width: int,
                                                layout: terminal.Layout, color: bool) -> None:
    """The whole report prints the same with and without the shortcuts: ``_breaks`` (off
    when no text counts as one cell a character) and colourless lines as plain strings
    (off on a console that records). Empty paragraphs and long runs of blanks (which can
    wrap to blank lines) check that no line ends in blanks either way."""
    n = min(len(old), len(new))
    comparison = pair(old, new, [changed(old, new, i, i) for i in range(n)]
                      + [Alignment((), (j,), (Kind.ADDED,), 0.0) for j in range(n, len(new))])
    report = TerminalReport(comparison, layout=layout, full=True)
    out = render(report, width, color)
    recording = Console(file=StringIO(), width=width, force_terminal=color, record=True,
                        color_system="standard" if color else None, legacy_windows=False)
    recording.print(report)
    assert recording.file.getvalue() == out  # type: ignore[attr-defined]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(terminal, "_one_cell", lambda text: False)
        assert render(report, width, color) == out


def test_a_recording_console_keeps_the_styles() -> None:
    """Without colour the styles cannot show, so lines are bare strings, except on a
    console that records: its HTML export shows them (dim ¶ numbers, marked gutter)."""
    console = Console(file=StringIO(), width=120, color_system=None, record=True)
    console.print(TerminalReport(STORY))
    styled = {str(s.style) for s in console._record_buffer if s.style}
    assert {"dim", "bold yellow"} <= styled


def test_breaks_follow_rich_on_folds_and_leading_blanks() -> None:
    """Cases Rich handles in its own way: a word longer than a line is folded with its
    trailing blanks (which can leave blank lines); blanks before the first word are part
    of it, so they count towards folding it."""
    assert terminal._breaks("ab cdefghijklm n", 5) == [3, 8, 13]
    assert terminal._breaks("   abcd ef", 5) == [5]
    assert terminal._breaks("abcdefgh" + " " * 12 + "x", 5) == [5, 10, 15, 20]
    lines = terminal._Painter(Console()).wrap(Text("abcdefgh" + " " * 12 + "x"), 5)
    assert [w.plain for w in lines] == ["abcde", "fgh", "", "", "x"]


# ---------------------------------------------------------------------------------------
# Speed: hidden rows cost nothing, no markup parsing


def big(n: int, every: int) -> Comparison:
    paragraphs = [f"Paragraph {i} says that {i} people came." for i in range(n)]
    new = list(paragraphs)
    alignments = []
    for i in range(n):
        if i % every == 0:
            new[i] = paragraphs[i].replace("came", "left")
            alignments.append(changed(paragraphs, new, i, i))
        else:
            alignments.append(same(i, i))
    return pair(paragraphs, new, alignments)


def test_collapsed_rows_are_never_styled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only shown rows are turned into styled text: a collapsed run costs a counter."""
    calls = []
    original = terminal._Styler.side

    def counting(self: terminal._Styler, *args: object) -> object:
        calls.append(args)
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(terminal._Styler, "side", counting)
    render(TerminalReport(big(3000, 1000)))
    assert len(calls) == 2 * 3  # three changed rows, two sides each


def test_markup_is_never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Article text is never run through Rich markup (slow, and ``[b]`` is text)."""
    import rich.markup

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("markup parsed")

    monkeypatch.setattr(rich.markup, "render", refuse)
    old, new = ["[bold]x[/bold] said 3"], ["[bold]x[/bold] said 4"]
    out = render(TerminalReport(pair(old, new, [changed(old, new, 0, 0)])), color=True)
    assert "[bold]x[/bold]" in ANSI.sub("", out)


def test_thirty_thousand_paragraphs_collapse_their_unchanged_runs() -> None:
    """A long live blog shows its 300 changes, each run of unchanged paragraphs as one line.

    Speed is measured in ``bench/benchmark.py``, not here: a timed test fails on a busy
    machine and passes on a fast one whatever the code does.
    """
    comparison = big(30_000, 100)
    out = render(TerminalReport(comparison), width=200)
    assert out.count("99 unchanged paragraphs") == 300


# ---------------------------------------------------------------------------------------
# Golden files: the whole report for each fixture pair, and for STORY

WIDTHS = (80, 120, 200)


def fixture_pairs() -> list[str]:
    if not PAIRS.is_dir():
        return []
    return sorted(p.name for p in PAIRS.iterdir()
                  if (p / "old.txt").is_file() and (p / "new.txt").is_file())


def compare_pair(name: str) -> Comparison:
    from revtrack.compare import compare

    folder = PAIRS / name
    return compare((folder / "old.txt").read_text(encoding="utf-8"),
                   (folder / "new.txt").read_text(encoding="utf-8"),
                   old_source=f"{name}/old.txt", new_source=f"{name}/new.txt")


@pytest.mark.skipif(not fixture_pairs(), reason="no fixture pairs in fixtures/pairs yet")
@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", fixture_pairs())
def test_golden_fixture_reports(name: str, width: int, color: bool, golden) -> None:  # type: ignore[no-untyped-def]
    """The default report of each fixture pair matches its reviewed golden file."""
    out = render(TerminalReport(compare_pair(name)), width=width, color=color)
    golden(f"terminal/{name}/{width}-{'color' if color else 'plain'}.txt", out)


@pytest.mark.parametrize("color", [False, True], ids=["plain", "color"])
@pytest.mark.parametrize("width", WIDTHS)
def test_golden_story_report(width: int, color: bool, golden) -> None:  # type: ignore[no-untyped-def]
    """The report of a story with every kind (hand-built) matches its golden file."""
    out = render(TerminalReport(STORY, context=1), width=width, color=color)
    golden(f"terminal/_every_kind/{width}-{'color' if color else 'plain'}.txt", out)


# ---------------------------------------------------------------------------------------
# The real seed pair (read, never copied)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed pair /work/shared/seeds not available")
@pytest.mark.parametrize("width", WIDTHS)
def test_seed_pair_renders_in_step(width: int) -> None:
    """The real seed pair renders within the width, columns in step, both figure updates
    listed with their change."""
    from revtrack.compare import compare

    old = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    new = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    out = render(TerminalReport(compare(old, new), layout="side-by-side"), width=width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert len(separator_columns(out)) == 1
    assert "(+8, +57%)" in out and "(+100, +10%)" in out
