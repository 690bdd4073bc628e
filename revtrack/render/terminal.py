"""``Comparison`` -> the terminal report: a Rich renderable that knows nothing of files.

``TerminalReport`` is what ``revtrack compare OLD NEW`` prints by default. It is built so
that an editor sees what changed in a few seconds:

* a header (sources, dates, time between), a one-line summary of counts per kind and a
  table of figure updates come first;
* then the body, in the new version's reading order: old paragraph beside new paragraph,
  one row per alignment, with a gutter mark per kind and changed words marked inside.

Design choices, and why:

* Rows are laid out here, line by line, rather than with ``rich.table.Table``. Both
  cells of a row are wrapped first and the shorter one is padded to the taller one, so
  the two columns stay in step whatever the wrapping, and the paragraph number of every
  piece of a split or merge sits on the first line of that piece. It is also cheap:
  no measuring pass, no markup parsing, and hidden rows cost nothing but a counter.
* Meaning never rests on colour. Every row has a gutter mark (see ``MARKS``). With
  colour, deleted words are struck, inserted words underlined and changed figures shown
  in reverse video. Without ANSI styles at all (piped output, ``--color never``) the
  changes are written with ``git diff --word-diff=plain`` markers: ``[-old-]`` ``{+new+}``.
* Paragraph numbers are shown 1-based as ``¶N`` (the JSON report's indices are
  0-based); the legend says so.
* Text from the article is made safe for a terminal: control characters cannot move the
  cursor, and lines holding right-to-left script are wrapped in Unicode isolates so a
  bidi-aware terminal cannot reorder them across the column separator.

The renderable makes no I/O decisions: colour, pager and terminal width are the CLI's.
The layout ``"auto"`` is resolved against the width Rich gives it (side by side from
``SIDE_BY_SIDE_MIN_WIDTH`` columns).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from typing import Literal, NamedTuple

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

from ..model import PARAGRAPH_JOIN, Alignment, Comparison, FigureChange, Kind, Version
from .safe import clean

Layout = Literal["auto", "side-by-side", "stacked"]
LAYOUTS: tuple[Layout, ...] = ("auto", "side-by-side", "stacked")

SIDE_BY_SIDE_MIN_WIDTH = 100
"""``layout="auto"`` shows old and new side by side from this many columns, else stacked."""

_MIN_TEXT_WIDTH = 12
"""Below this many columns per text column, side by side falls back to stacked."""

# ---------------------------------------------------------------------------------------
# Vocabulary: marks, labels and styles for each kind

MARKS: dict[Kind, str] = {
    Kind.ADDED: "+",
    Kind.REMOVED: "-",
    Kind.REWORDED: "~",
    Kind.FIGURE_UPDATE: "#",
    Kind.MOVED: ">",
    Kind.SPLIT: "{",
    Kind.MERGED: "}",
    Kind.STYLE: ".",
    Kind.UNCHANGED: "=",
}
"""Gutter mark of each kind: the report reads without colour."""

SUMMARY_ORDER: tuple[Kind, ...] = (
    Kind.ADDED,
    Kind.REMOVED,
    Kind.REWORDED,
    Kind.FIGURE_UPDATE,
    Kind.MOVED,
    Kind.SPLIT,
    Kind.MERGED,
    Kind.STYLE,
    Kind.UNCHANGED,
)
"""Order of kinds in the summary line, the legend and the gutter."""

LABELS: dict[Kind, str] = {
    Kind.ADDED: "added",
    Kind.REMOVED: "removed",
    Kind.REWORDED: "reworded",
    Kind.FIGURE_UPDATE: "figure update",
    Kind.MOVED: "moved",
    Kind.SPLIT: "split",
    Kind.MERGED: "merged",
    Kind.STYLE: "style-only",
    Kind.UNCHANGED: "unchanged",
}

_KIND_STYLES: dict[Kind, Style] = {
    Kind.ADDED: Style(color="green", bold=True),
    Kind.REMOVED: Style(color="red", bold=True),
    Kind.REWORDED: Style(color="yellow", bold=True),
    Kind.FIGURE_UPDATE: Style(color="magenta", bold=True),
    Kind.MOVED: Style(color="cyan", bold=True),
    Kind.SPLIT: Style(color="blue", bold=True),
    Kind.MERGED: Style(color="blue", bold=True),
    Kind.STYLE: Style(dim=True),
    Kind.UNCHANGED: Style(dim=True),
}

_DELETED = Style(color="red", strike=True)
_INSERTED = Style(color="green", underline=True)
_STYLE_DELETED = Style(dim=True, strike=True)
_STYLE_INSERTED = Style(dim=True, underline=True)
_FIGURE = Style(bold=True, reverse=True)
_ADDED_TEXT = Style(color="green")
_REMOVED_TEXT = Style(color="red")
_UNCHANGED_TEXT = Style(dim=True)
_NUMBER = Style(dim=True)
_NOTE = Style(color="cyan", italic=True)
_HEADING = Style(bold=True)
_DIM = Style(dim=True)

_PLAIN_MARKERS: dict[str, tuple[str, str]] = {"old": ("[-", "-]"), "new": ("{+", "+}")}
"""Without ANSI styles, changed words are bracketed as ``git diff --word-diff=plain`` does."""

_KIND_NAMES: dict[str, Kind] = {
    **{k.value: k for k in Kind},
    **{LABELS[k]: k for k in Kind},
    "figure-update": Kind.FIGURE_UPDATE,
    "figures": Kind.FIGURE_UPDATE,
    "figure": Kind.FIGURE_UPDATE,
    "style_only": Kind.STYLE,
}


def parse_kinds(values: Iterable[str]) -> frozenset[Kind]:
    """Kinds named in ``--only`` values, each a comma-separated list.

    Accepts the JSON names (``figure_update``, ``style``) and the report's labels
    (``figure-update``, ``style-only``), in any case. Raises ``ValueError`` with a
    one-line message naming the valid kinds.

    >>> sorted(k.value for k in parse_kinds(["added,Figure-Update", "moved"]))
    ['added', 'figure_update', 'moved']
    """
    kinds: set[Kind] = set()
    for value in values:
        for name in value.split(","):
            key = name.strip().lower()
            if not key:
                continue
            if key not in _KIND_NAMES:
                valid = ", ".join(k.value for k in SUMMARY_ORDER)
                raise ValueError(f"unknown kind {name.strip()!r} (choose from {valid})")
            kinds.add(_KIND_NAMES[key])
    if not kinds:
        valid = ", ".join(k.value for k in SUMMARY_ORDER)
        raise ValueError(f"no kind given (choose from {valid})")
    return frozenset(kinds)


def is_style_only(alignment: Alignment) -> bool:
    """True when the alignment's only change is house style."""
    return alignment.kinds == (Kind.STYLE,)


def differs(comparison: Comparison, *, ignore_style: bool = False) -> bool:
    """Whether the versions differ; with ``ignore_style``, style-only changes do not count.

    This is what ``diff -w`` does for whitespace: ``--ignore-style`` both hides the
    changes and leaves them out of the exit status.
    """
    return any(
        a.changed and not (ignore_style and is_style_only(a)) for a in comparison.alignments
    )


# ---------------------------------------------------------------------------------------
# Small text helpers

_RTL = re.compile(
    r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_FSI, _PDI = "\u2068", "\u2069"


def number(index: int) -> str:
    """A 0-based paragraph index as an editor reads it: ``¶1`` is the first paragraph."""
    return f"¶{index + 1}"


def numbers(indices: Sequence[int]) -> str:
    """``¶4``, ``¶4-5`` for a run, ``¶4, ¶7`` otherwise; empty for no paragraph."""
    if not indices:
        return ""
    if len(indices) > 1 and list(indices) == list(range(indices[0], indices[-1] + 1)):
        return f"¶{indices[0] + 1}-{indices[-1] + 1}"
    return ", ".join(number(i) for i in indices)


def format_amount(value: float, *, sign: bool = False) -> str:
    """A number for people: thousands separated, no ``.0``, at most two decimals.

    >>> format_amount(1100.0), format_amount(8.0, sign=True), format_amount(-0.25, sign=True)
    ('1,100', '+8', '-0.25')
    """
    plus = "+" if sign else ""
    if float(value).is_integer():
        return f"{int(value):{plus},}"
    return f"{value:{plus},.2f}".rstrip("0").rstrip(".")


def format_change(figure: FigureChange) -> str:
    """``14 → 22 (+8, +57%)``: old and new as written, then the change and its percent."""
    arrow = f"{figure.old or '?'} → {figure.new or '?'}"
    delta, percent = figure.delta, figure.percent
    if delta is None:
        return arrow
    parts = [format_amount(delta, sign=True)]
    if percent is not None:
        digits = 1 if 0 < abs(percent) < 10 and not float(round(percent, 1)).is_integer() else 0
        parts.append(f"{percent:+.{digits}f}%")
    return f"{arrow} ({', '.join(parts)})"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _summary_label(kind: Kind, count: int) -> str:
    """``3 added``, ``2 figure updates``, ``1 style-only``."""
    label = LABELS[kind]
    if kind is Kind.FIGURE_UPDATE:
        return _plural(count, label)
    return f"{count} {label}"


def _marks(alignment: Alignment) -> str:
    """The gutter marks of an alignment, in summary order (``~#>``: reworded, figure, moved)."""
    return _marks_of(alignment.kinds)


@cache
def _marks_of(kinds: tuple[Kind, ...]) -> str:
    """``_marks`` for one combination of kinds (cached: few occur, every row asks)."""
    return "".join(MARKS[k] for k in SUMMARY_ORDER if k in kinds)


@cache
def _leading_kind(kinds: tuple[Kind, ...]) -> Kind | None:
    """The first of ``kinds`` in summary order, None for no kind (cached: few combinations
    occur, and this is asked for every row and every collapsed paragraph)."""
    return next((k for k in SUMMARY_ORDER if k in kinds), None)


def _mark_style(alignment: Alignment) -> Style:
    kind = _leading_kind(alignment.kinds)
    return _DIM if kind is None else _KIND_STYLES[kind]


def _moved_from(alignment: Alignment) -> str | None:
    """``moved from ¶4`` for a moved alignment, shown at its new place."""
    if Kind.MOVED not in alignment.kinds or not alignment.old:
        return None
    return f"moved from {numbers(alignment.old)}"


# ---------------------------------------------------------------------------------------
# Word operations -> styled text for each side


class _Mark(NamedTuple):
    """A changed range of a side's joined text: ``[start, end)`` and whether style-only."""

    start: int
    end: int
    style_only: bool


def _changed_ranges(alignment: Alignment, side: Literal["old", "new"], ignore_style: bool,
                    joined: str) -> list[_Mark]:
    """Ranges of ``joined`` (the side's paragraphs joined) that the word ops changed.

    Returns no ranges when the ops do not rebuild ``joined`` (a defensive check: a wrong
    mark is worse than none).
    """
    marks: list[_Mark] = []
    pos = 0
    for op in alignment.words:
        part = op.old if side == "old" else op.new
        if part and op.op != "equal" and not (op.style and ignore_style):
            marks.append(_Mark(pos, pos + len(part), op.style))
        pos += len(part)
    if pos != len(joined):
        return []
    return marks


def _clip(marks: Sequence[_Mark], start: int, text: str) -> list[_Mark]:
    """Marks inside one paragraph (at ``start`` in the joined text), relative to it,
    trimmed of surrounding whitespace and merged when only whitespace separates them."""
    end = start + len(text)
    out: list[_Mark] = []
    for mark in marks:
        if mark.end <= start or mark.start >= end:
            continue
        a, b = max(mark.start, start) - start, min(mark.end, end) - start
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        last = out[-1] if out else None
        if last and last.style_only == mark.style_only and not text[last.end : a].strip():
            out[-1] = _Mark(last.start, b, last.style_only)
        else:
            out.append(_Mark(a, b, mark.style_only))
    return out


@dataclass(frozen=True)
class _Paragraph:
    """One paragraph of one side of a row, ready to wrap: its 0-based index and text."""

    index: int
    text: Text


class _Styler:
    """Turns an alignment's side into styled ``Text`` paragraphs, once per report."""

    def __init__(self, plain: bool, ignore_style: bool) -> None:
        self.plain = plain
        self.ignore_style = ignore_style

    def side(self, alignment: Alignment, version: Version,
             side: Literal["old", "new"]) -> list[_Paragraph]:
        """The alignment's paragraphs on ``side``, changed words and figures marked."""
        indices = alignment.old if side == "old" else alignment.new
        texts = [version.paragraphs[i] for i in indices]
        if not texts:
            return []
        base = self._base_style(alignment)
        marks: list[_Mark] = []
        if alignment.words and alignment.old and alignment.new:  # added/removed: all of it
            marks = _changed_ranges(alignment, side, self.ignore_style, PARAGRAPH_JOIN.join(texts))
            if self.plain:  # brackets cannot tell style changes apart: merge neighbours
                marks = [_Mark(m.start, m.end, False) for m in marks]
        figures = self._figure_spans(alignment, side)
        out: list[_Paragraph] = []
        start = 0
        for index, raw in zip(indices, texts, strict=True):
            local = _clip(marks, start, raw) if marks else []
            out.append(_Paragraph(index, self._text(clean(raw), local, figures.get(index, []),
                                                    base, side)))
            start += len(raw) + len(PARAGRAPH_JOIN)
        return out

    @staticmethod
    def _base_style(alignment: Alignment) -> Style | None:
        """Whole-paragraph colour: green added, red removed, dim unchanged."""
        if not alignment.old:
            return _ADDED_TEXT
        if not alignment.new:
            return _REMOVED_TEXT
        if not alignment.changed:
            return _UNCHANGED_TEXT
        return None

    @staticmethod
    def _figure_spans(alignment: Alignment, side: str) -> dict[int, list[tuple[int, int]]]:
        spans: dict[int, list[tuple[int, int]]] = {}
        for figure in alignment.figures:
            at = figure.old_at if side == "old" else figure.new_at
            if at is not None:
                spans.setdefault(at[0], []).append((at[1], at[2]))
        return spans

    def _text(self, raw: str, marks: Sequence[_Mark], figures: Sequence[tuple[int, int]],
              base: Style | None, side: Literal["old", "new"]) -> Text:
        if self.plain:
            if not marks:
                return Text(raw)
            opening, closing = _PLAIN_MARKERS[side]
            pieces: list[str] = []
            last = 0
            for mark in marks:
                pieces += [raw[last : mark.start], opening, raw[mark.start : mark.end], closing]
                last = mark.end
            pieces.append(raw[last:])
            return Text("".join(pieces))
        text = Text(raw, style=base or "")
        changed, style_changed = (
            (_DELETED, _STYLE_DELETED) if side == "old" else (_INSERTED, _STYLE_INSERTED)
        )
        for mark in marks:
            text.stylize(style_changed if mark.style_only else changed, mark.start, mark.end)
        for start, end in figures:
            text.stylize(_FIGURE, start, end)
        return text


# ---------------------------------------------------------------------------------------
# Which rows to show


@dataclass(frozen=True)
class _Show:
    """Show alignment number ``index``."""

    index: int


@dataclass(frozen=True)
class _Skip:
    """A run of alignments not shown, collapsed into one line."""

    indices: tuple[int, ...]


def plan_rows(
    alignments: Sequence[Alignment],
    *,
    context: int = 0,
    full: bool = False,
    ignore_style: bool = False,
    only: frozenset[Kind] | None = None,
) -> list[_Show | _Skip]:
    """Decide which alignments are shown and which collapse, in reading order.

    An alignment is *selected* when it changed (or, with ``only``, carries one of those
    kinds) and is not a style-only change hidden by ``ignore_style``. Unchanged ones
    (and hidden style-only ones) are shown as context when ``full`` or when at most
    ``context`` positions from a selected alignment. Everything else collapses; each
    run of hidden alignments becomes one ``_Skip``. Linear time.
    """
    n = len(alignments)
    selected = [False] * n
    filler = [False] * n  # may be shown as context
    for i, a in enumerate(alignments):
        style_hidden = ignore_style and is_style_only(a)
        if only is not None:
            selected[i] = bool(only.intersection(a.kinds)) and not style_hidden
        else:
            selected[i] = a.changed and not style_hidden
        filler[i] = not selected[i] and (not a.changed or style_hidden)
    near = [full] * n
    if not full and context > 0:
        last = -(10**9)
        for i in range(n):
            if selected[i]:
                last = i
            near[i] = i - last <= context
        following = 10**9 * 2
        for i in range(n - 1, -1, -1):
            if selected[i]:
                following = i
            near[i] = near[i] or following - i <= context
    plan: list[_Show | _Skip] = []
    hidden: list[int] = []
    for i in range(n):
        if selected[i] or (filler[i] and near[i]):
            if hidden:
                plan.append(_Skip(tuple(hidden)))
                hidden = []
            plan.append(_Show(i))
        else:
            hidden.append(i)
    if hidden:
        plan.append(_Skip(tuple(hidden)))
    return plan


def _skip_label(alignments: Sequence[Alignment], skip: _Skip) -> str:
    """``3 unchanged paragraphs (¶5-7)`` or ``4 paragraphs not shown: 3 unchanged, ...``."""
    counts: dict[Kind, int] = {}
    paragraphs = 0
    new_indices: list[int] = []
    old_indices: list[int] = []
    for i in skip.indices:
        a = alignments[i]
        size = max(len(a.old), len(a.new))
        paragraphs += size
        kind = _leading_kind(a.kinds)
        kind = Kind.UNCHANGED if kind is None else kind
        counts[kind] = counts.get(kind, 0) + size
        new_indices.extend(a.new)
        old_indices.extend(a.old)
    if new_indices:
        where = f"¶{min(new_indices) + 1}" + (
            f"-{max(new_indices) + 1}" if max(new_indices) != min(new_indices) else ""
        )
    else:
        where = f"old ¶{min(old_indices) + 1}" + (
            f"-{max(old_indices) + 1}" if max(old_indices) != min(old_indices) else ""
        )
    if set(counts) == {Kind.UNCHANGED}:
        return f"{_plural(paragraphs, 'unchanged paragraph')} ({where})"
    detail = ", ".join(_summary_label(k, counts[k]) for k in SUMMARY_ORDER if k in counts)
    return f"{_plural(paragraphs, 'paragraph')} not shown ({where}): {detail}"


# ---------------------------------------------------------------------------------------
# Laying out lines: wrapped cells side by side, in step
#
# Rows are nearly all the work on a long article (tens of thousands of lines), so a cell
# line is not built as a Rich ``Text`` and rendered on its own. ``_Painter`` works out the
# segments Rich *would* render for it, following Rich's rules exactly (the output is the
# same, byte for byte), but
#
# * text in which every character takes one cell (nearly all prose) is wrapped by
#   finding each line end with a few string searches instead of measuring every word
#   (``_breaks``); any other text goes through ``Text.wrap`` itself;
# * combined styles are worked out once per distinct combination, not once per segment;
# * without colour a line is only its string: no style could show, so none is resolved
#   (unless the console records, for an HTML or SVG export that would show them).
#
# tests/test_terminal.py holds both shortcuts to Rich's own results on awkward text.


class _Wrapped(NamedTuple):
    """One wrapped line of a text, as ``Text.wrap`` leaves it: its characters, the style
    of the whole text, its spans (relative to the line, in the text's order), and whether
    every character is one cell wide (then its width is its length)."""

    plain: str
    style: str | Style
    spans: tuple[Span, ...]
    one_cell: bool


class _Line(NamedTuple):
    """One line of a cell, ready to place in a row.

    ``text`` is what prints without colour (bidi isolates included); ``segments`` is the
    styled version, left empty when no style can matter (``_Painter.bare``); ``cells`` is
    the width Rich measures for the line, isolates excluded (they take no cell)."""

    text: str
    segments: tuple[Segment, ...]
    cells: int


_Cell = list[_Line]
"""A cell: its wrapped lines."""

_EMPTY = _Line("", (), 0)
"""The line of a cell that has run out of lines, or the blank between two paragraphs."""

_PRINTABLE_ASCII = frozenset(map(chr, range(0x20, 0x7F)))
_NONBLANK = re.compile(r"[^ ]")


@cache
def _is_one_cell(char: str) -> bool:
    """Whether Rich gives ``char`` exactly one cell and it is no blank other than the space."""
    return char == " " or (cell_len(char) == 1 and not char.isspace())


def _one_cell(text: str) -> bool:
    """True when every character of ``text`` takes one cell and the only blank is the space.

    Then any piece of it is as wide as it is long, Rich's words are split at spaces only,
    and Rich's measuring can be left out: that is what ``_breaks`` relies on. Cleaned
    ASCII prose always qualifies; so do curly quotes, dashes, accents, Greek, Hebrew...
    Wide (CJK, emoji), zero-width (combining marks, joiners) and control characters and
    other blanks (no-break space, tabs) do not.

    >>> _one_cell("“Café” — ¶12"), _one_cell("東京"), _one_cell("e\\u0301"), _one_cell("a\\xa0b")
    (True, False, False, False)
    """
    if text.isascii():
        return text.isprintable()
    return all(map(_is_one_cell, set(text).difference(_PRINTABLE_ASCII)))


def _breaks(text: str, width: int) -> list[int]:
    """Where Rich's ``Text.wrap`` starts new lines in ``text`` (``rich._wrap.divide_line``
    with ``fold``), for a ``text`` whose characters are one cell each (``_one_cell``).

    Rich measures every word. With one cell per character, a word fits when its last
    non-blank character is within ``width`` of the line start, and the first word that
    does not fit can be found with a couple of string searches: it starts the next line,
    or, longer than a line on its own, is folded (trailing blanks included) into pieces.
    The first word carries any blanks the text starts with, as Rich's words do.

    >>> _breaks("the quick brown fox", 10), _breaks("a bbbbbbbbbbbbbbbbbbbbbbb c", 10)
    ([10], [2, 12, 22])
    """
    breaks: list[int] = []
    end = len(text.rstrip(" "))  # where the last word's characters end
    lead = len(text) - len(text.lstrip(" "))  # where the first word's characters start
    line = 0  # where the current line starts
    while end > line + width:
        limit = line + width
        if text[limit] == " ":  # the first word not to fit starts after the limit
            match = _NONBLANK.search(text, limit)
            assert match is not None  # end > limit: there is a character after it
            first = match.start()
        else:  # ... or it runs across the limit
            first = text.rfind(" ", 0, limit) + 1
        last = text.find(" ", first)
        if last < 0:
            last = len(text)
        start = 0 if first == lead else first
        if last - start <= width:  # fits on a line of its own: starts the next line
            breaks.append(start)
            line = start
            continue
        match = _NONBLANK.search(text, last)
        pieces = chop_cells(text[start : match.start() if match else len(text)], width)
        for piece in pieces[:-1]:
            if start:
                breaks.append(start)
            start += len(piece)
        if start:
            breaks.append(start)
        line = start
    return breaks


def _clip_spans(spans: Sequence[Span], start: int, length: int) -> tuple[Span, ...]:
    """The spans of a text that fall on its line of ``length`` characters at ``start``,
    relative to the line and in the same order: what ``Text.divide`` and the trimming of
    trailing blanks leave on that line."""
    end = start + length
    return tuple(Span(max(s, start) - start, min(e, end) - start, style)
                 for s, e, style in spans if max(s, start) < min(e, end))


def _wrap(console: Console, text: Text, width: int) -> list[Text]:
    """``text`` wrapped at word boundaries to ``width`` cells; over-long words folded.

    Rich's own wrapping: what ``_Painter.wrap`` does for text ``_breaks`` cannot take, and
    the reference it is tested against."""
    if not text.plain:
        return [text]
    out = []
    for line in text.wrap(console, width, overflow="fold"):
        line.rstrip()
        if line.cell_len > width:  # never trust a line to fit: the columns depend on it
            line.truncate(width, overflow="fold")
        out.append(line)
    return out


class _Painter:
    """Wraps text and turns wrapped lines into ``_Line``s for one console, with the
    segments and widths Rich would give them (see the section comment above)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.plain = console.color_system is None
        """No colour: changed words are bracketed instead (``_Styler``)."""
        self.bare = self.plain and not console.record
        """Nothing will read the styles (no colour, no recording for an HTML or SVG export):
        a line can be just its string."""
        self._styles: dict[tuple[str | Style | None, ...], Style] = {}

    def wrap(self, text: Text, width: int) -> list[_Wrapped]:
        """``_wrap(text, width)``, without a ``Text`` per line when ``_breaks`` can do it."""
        plain, spans = text.plain, text.spans
        if (
            plain
            and width > 0
            and text.justify in (None, "default")  # as this report's texts are
            and not text.no_wrap
            and _one_cell(plain)
            and all(0 <= span.start < span.end <= len(plain) for span in spans)
        ):
            bounds = [0, *_breaks(plain, width), len(plain)]
            pieces = [(start, plain[start:stop].rstrip()) for start, stop in pairwise(bounds)]
            if all(len(piece) <= width for _, piece in pieces):  # else Rich would truncate
                if not spans:  # the usual case: nothing to share out between the lines
                    return [_Wrapped(piece, text.style, (), True) for _, piece in pieces]
                return [_Wrapped(piece, text.style, _clip_spans(spans, start, len(piece)), True)
                        for start, piece in pieces]
        return [_Wrapped(line.plain, line.style, tuple(line.spans), False)
                for line in _wrap(self.console, text, width)]

    def lines(self, text: Text, width: int) -> _Cell:
        """A cell of ``text`` wrapped to ``width``."""
        return [self.line(wrapped) for wrapped in self.wrap(text, width)]

    def unwrapped(self, plain: str = "", style: Style | None = None) -> _Cell:
        """A cell of one line never wrapped (a label, a gutter mark): what
        ``Text(plain, style=style)`` gives as a cell, without making the ``Text``. For the
        report's own strings only: unlike ``Text``, it does not strip control codes."""
        return [self.line(_Wrapped(plain, style or "", (), _one_cell(plain)))]

    def line(self, wrapped: _Wrapped, lead: str | None = None, label: str = "") -> _Line:
        """A wrapped line ready to place: alone (as a ``Text`` line renders: ``Text.render``,
        then the line's style over it), or after a ``lead`` and a dim ``¶N`` ``label`` (as
        ``Text.assemble(lead, (label, _NUMBER), line)`` renders). A line holding
        right-to-left script is put in a Unicode isolate so that a bidi-aware terminal
        cannot reorder it across the column separator."""
        if lead is None:
            full = wrapped.plain
            cells = len(full) if wrapped.one_cell else cell_len(full)
        else:
            head = lead + label
            full = head + wrapped.plain
            cells = len(full) if wrapped.one_cell and _one_cell(head) else cell_len(full)
        rtl = _RTL.search(full) is not None
        text = f"{_FSI}{full}{_PDI}" if rtl else full
        if self.bare:
            return _Line(text, (), cells)
        segments = self._segments(wrapped, lead, label, full)
        if rtl:
            segments = [Segment(_FSI), *segments, Segment(_PDI)]
        return _Line(text, tuple(segments), cells)

    def _segments(self, wrapped: _Wrapped, lead: str | None, label: str,
                  full: str) -> list[Segment]:
        """The segments of ``_Painter.line``, split where Rich splits them (at every span
        boundary, each piece styled with the styles covering it, combined in span order),
        except that unstyled neighbours may come joined or apart: they print the same."""
        if lead is None:  # Text.render: the line's style is the base, then applied over all
            if not wrapped.spans:
                style = self.console.get_style(wrapped.style) if wrapped.style else None
                return [Segment(full, style)]
            return self._pieces(wrapped, (wrapped.style, wrapped.style or None))
        # Text.assemble(lead, (label, _NUMBER), line): the label and the line become spans
        # of an unstyled text, the line's whole style first, then its own spans
        segments = [Segment(lead)] if lead else []
        if label:
            segments.append(Segment(label, self._style(("", None, _NUMBER))))
        if wrapped.plain:
            key = ("", None, wrapped.style) if wrapped.style else ("", None)
            if wrapped.spans:
                segments += self._pieces(wrapped, key)
            else:
                style = self._style(key) if wrapped.style else None
                segments.append(Segment(wrapped.plain, style))
        return segments

    def _pieces(self, wrapped: _Wrapped, key: tuple[str | Style | None, ...]) -> list[Segment]:
        """``wrapped.plain`` cut at every boundary of its spans, each piece styled with
        ``key`` followed by the styles of the spans covering it, in span order (``_style``).
        A line has few spans, so each piece simply looks at all of them."""
        spans = wrapped.spans
        points = sorted({0, len(wrapped.plain), *(s.start for s in spans),
                         *(s.end for s in spans)})
        return [Segment(wrapped.plain[start:end],
                        self._style((*key, *(s.style for s in spans if s.start <= start < s.end))))
                for start, end in pairwise(points)]

    def _style(self, key: tuple[str | Style | None, ...]) -> Style:
        """The style of a piece of a line, ``key`` being ``(base, applied, *covering)``: the
        line's base style and the styles covering the piece combined as ``Text.render``
        does, then ``applied`` (the line's own style, if any) over them as
        ``Segment.apply_style`` does. Worked out once per key."""
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self._combine(key)
        return style

    def _combine(self, key: tuple[str | Style | None, ...]) -> Style:
        base, applied, *covering = key
        get = self.console.get_style
        style = Style.combine([get(s or "", default=Style.null()) for s in (base, *covering)])
        return get(applied) + style if applied else style


def _rstrip(segments: list[Segment]) -> None:
    """Drop trailing blanks from a line (output is copied into email and diffed in git)."""
    while segments and not segments[-1].text.strip():
        segments.pop()
    if segments and segments[-1].text != segments[-1].text.rstrip():
        last = segments[-1]
        segments[-1] = Segment(last.text.rstrip(), last.style, last.control)


def _row(
    painter: _Painter,
    cells: Sequence[tuple[_Cell, int | None]],
    separators: Sequence[Segment],
) -> Iterator[Segment]:
    """Cells laid out side by side, line by line, each padded to its width: a cell that
    wraps to more lines pushes the whole row down, so the columns never drift apart.
    ``separators[i]`` goes between cell ``i`` and cell ``i + 1``."""
    if painter.bare:
        yield from _plain_row(cells, separators)
        return
    height = max((len(lines) for lines, _ in cells), default=0)
    for n in range(height):
        segments: list[Segment] = []
        for c, (lines, width) in enumerate(cells):
            if c:
                segments.append(separators[c - 1])
            line = lines[n] if n < len(lines) else _EMPTY
            segments.extend(line.segments)
            if width is not None and width > line.cells:
                segments.append(Segment(" " * (width - line.cells)))
        _rstrip(segments)
        yield from segments
        yield Segment.line()


def _plain_row(
    cells: Sequence[tuple[_Cell, int | None]], separators: Sequence[Segment]
) -> Iterator[Segment]:
    """``_row`` on a console without colour: only characters can show, so each line is
    one string, built a column at a time (each cell's lines padded, after its separator)."""
    height = max((len(lines) for lines, _ in cells), default=0)
    columns = []
    for c, (lines, width) in enumerate(cells):
        before = separators[c - 1].text if c else ""
        if width is None:
            column = [before + line.text for line in lines]
        else:
            column = [before + line.text + " " * (width - line.cells) for line in lines]
        column += [before + " " * (width or 0)] * (height - len(lines))
        columns.append(column)
    for parts in zip(*columns, strict=True):
        yield Segment("".join(parts).rstrip() + "\n")


def _pack(items: Sequence[Text], width: int) -> Text:
    """Items two spaces apart, starting a new line rather than splitting an item."""
    text = Text()
    used = 0
    for item in items:
        if used and used + 2 + item.cell_len > width:
            text.append("\n")
            used = 0
        elif used:
            text.append("  ")
            used += 2
        text.append_text(item)
        used += item.cell_len
    return text


def _text(value: str, style: Style | None = None) -> Text:
    return Text(clean(value), style=style or "")


# ---------------------------------------------------------------------------------------
# The renderable

_LABEL_WIDTH = 9  # "Changes  ", "Legend   ": the header's label column


class TerminalReport:
    """The default ``revtrack compare`` report as a Rich renderable.

    ``context``: unchanged paragraphs kept around each change (``full`` keeps all).
    ``ignore_style``: hide style-only changes (and do not mark style-only word changes).
    ``only``: show only alignments carrying one of these kinds.
    ``summary_only``: header, summary and figure updates alone.
    ``layout``: ``side-by-side``, ``stacked``, or ``auto`` (side by side from
    ``SIDE_BY_SIDE_MIN_WIDTH`` columns of the width Rich renders into).
    """

    def __init__(
        self,
        comparison: Comparison,
        *,
        context: int = 0,
        full: bool = False,
        ignore_style: bool = False,
        only: Iterable[Kind] | None = None,
        summary_only: bool = False,
        layout: Layout = "auto",
    ) -> None:
        if context < 0:
            raise ValueError("context must be 0 or more")
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}")
        self.comparison = comparison
        self.context = context
        self.full = full
        self.ignore_style = ignore_style
        self.only = frozenset(only) if only is not None else None
        self.summary_only = summary_only
        self.layout = layout

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 20)
        painter = _Painter(console)
        yield from self._labelled(painter, width, self.header_lines())
        yield from self._labelled(painter, width, [("Changes", self.summary())])
        yield from self._labelled(painter, width, self.filter_lines())
        yield Segment.line()
        yield from self.figures(painter, width)
        if self.summary_only:
            return
        yield Segment.line()
        yield from self._labelled(painter, width, self.legend(painter.plain))
        yield Segment.line()
        if not self.comparison.alignments:
            yield from _row(painter, [(painter.lines(_text(
                "Neither version has any paragraph.", _DIM), width), None)], [])
        elif self.resolve_layout(width) == "side-by-side":
            yield from self._side_by_side(painter, width)
        else:
            yield from self._stacked(painter, width)

    def resolve_layout(self, width: int) -> Literal["side-by-side", "stacked"]:
        """The layout used at ``width`` columns: ``auto`` picks by width, and side by side
        falls back to stacked when its text columns would be unreadably narrow."""
        if self.layout == "stacked":
            return "stacked"
        if self.layout == "auto" and width < SIDE_BY_SIDE_MIN_WIDTH:
            return "stacked"
        if self._text_widths(width)[0] < _MIN_TEXT_WIDTH:
            return "stacked"
        return "side-by-side"

    # -- header, summary, filters, figures, legend ---------------------------------------

    def _labelled(
        self, painter: _Painter, width: int, lines: Iterable[tuple[str, Text | list[Text]]]
    ) -> Iterator[Segment]:
        """``Label    text`` lines, the text wrapped under itself; a list of items is
        packed whole, two spaces apart, so a mark never parts from its label."""
        for label, content in lines:
            text = _pack(content, width - _LABEL_WIDTH) if isinstance(content, list) else content
            yield from _row(
                painter,
                [(painter.unwrapped(label, _HEADING), _LABEL_WIDTH),
                 (painter.lines(text, width - _LABEL_WIDTH), None)],
                [Segment("")],
            )

    def header_lines(self) -> list[tuple[str, Text]]:
        """Each version's source and date; the time between them on the new one."""
        lines = []
        for label, version in (("Old", self.comparison.old), ("New", self.comparison.new)):
            text = _text(version.source or "(unnamed)")
            text.append("  ")
            text.append(version.date.isoformat() if version.date else "(no date)", style=_DIM)
            between = self.time_between()
            if label == "New" and between:
                text.append(f"  {between}", style=_HEADING)
            lines.append((label, text))
        return lines

    def time_between(self) -> str | None:
        """``1 day later``, ``same day``, ``3 days earlier``; None without both dates."""
        old, new = self.comparison.old.date, self.comparison.new.date
        if old is None or new is None:
            return None
        days = (new - old).days
        if days == 0:
            return "same day"
        later = "later" if days > 0 else "earlier"
        return f"{_plural(abs(days), 'day')} {later}"

    def summary(self) -> list[Text]:
        """``+3 added``, ``-1 removed``, ... ``=12 unchanged``: one item per kind that
        occurred, in summary order (one line unless the terminal is very narrow)."""
        counts = self.comparison.summary
        shown = [k for k in SUMMARY_ORDER if counts.get(k.value, 0)]
        if not shown:
            return [Text("no paragraphs", style=_DIM)]
        return [
            Text.assemble((MARKS[kind], _KIND_STYLES[kind]),
                          _summary_label(kind, counts[kind.value]))
            for kind in shown
        ]

    def filter_lines(self) -> list[tuple[str, Text]]:
        """What the options hide, so that a filtered report is never mistaken for a full one."""
        notes = []
        if self.only is not None:
            names = ", ".join(LABELS[k] for k in SUMMARY_ORDER if k in self.only)
            notes.append(f"showing only {names}")
        if self.ignore_style:
            notes.append("style-only changes hidden")
        return [("Filter", Text("; ".join(notes)))] if notes else []

    def figures(self, painter: _Painter, width: int) -> Iterator[Segment]:
        """The figure updates: paragraph numbers, ``14 → 22 (+8, +57%)``, context phrase."""
        updates = self.comparison.figure_updates
        if not updates:
            yield from _row(painter, [(painter.unwrapped("No figure updates.", _DIM), None)], [])
            return
        title = f"Figure updates ({len(updates)})"
        yield from _row(painter, [(painter.unwrapped(title, _HEADING), None)], [])
        rows = [
            (
                Text(self._figure_paragraphs(alignment, figure), style=_DIM),
                _text(format_change(figure), _KIND_STYLES[Kind.FIGURE_UPDATE]),
                _text(figure.context),
            )
            for alignment, figure in updates
        ]
        header = (Text("¶", style=_DIM), Text("change", style=_DIM), Text("context", style=_DIM))
        first = max(r[0].cell_len for r in (header, *rows))
        second = max(r[1].cell_len for r in (header, *rows))
        second = max(min(second, width - first - 4 - 16), 8)
        third = max(width - first - second - 4, 8)
        gap = Segment("  ")
        for row in (header, *rows):
            yield from _row(
                painter,
                [(painter.lines(row[0], first), first), (painter.lines(row[1], second), second),
                 (painter.lines(row[2], third), None)],
                [gap, gap],
            )

    @staticmethod
    def _figure_paragraphs(alignment: Alignment, figure: FigureChange) -> str:
        """``¶6`` when the figure kept its paragraph number, ``¶5 → ¶6`` otherwise."""
        old = [figure.old_at[0]] if figure.old_at else list(alignment.old)
        new = [figure.new_at[0]] if figure.new_at else list(alignment.new)
        if old == new:
            return numbers(new)
        return f"{numbers(old)} → {numbers(new)}"

    def legend(self, plain: bool) -> list[tuple[str, Text | list[Text]]]:
        """What the gutter marks and the word marks mean; ¶ numbers count from 1."""
        marks = [Text.assemble((MARKS[kind], _KIND_STYLES[kind]), f" {LABELS[kind]}")
                 for kind in SUMMARY_ORDER]
        words = Text()
        if plain:
            words.append("[-deleted-]  {+inserted+}  ")
        else:
            for label, style in (("deleted", _DELETED), ("inserted", _INSERTED),
                                 ("changed figure", _FIGURE)):
                words.append(label, style=style)
                words.append("  ")
        words.append("¶ numbers count paragraphs from 1", style=_DIM)
        return [("Legend", marks), ("", words)]

    # -- body ----------------------------------------------------------------------------

    def _rows(self) -> list[_Show | _Skip]:
        return plan_rows(
            self.comparison.alignments,
            context=self.context,
            full=self.full,
            ignore_style=self.ignore_style,
            only=self.only,
        )

    @cached_property
    def _gutter(self) -> int:
        """Width of the gutter: the most marks any alignment has (computed once)."""
        return max([1, *(len(a.kinds) for a in self.comparison.alignments)])

    @cached_property
    def _num(self) -> int:
        """Width of a ``¶N`` label for the longest version."""
        count = max(len(self.comparison.old.paragraphs), len(self.comparison.new.paragraphs), 1)
        return len(number(count - 1))

    def _text_widths(self, width: int) -> tuple[int, int]:
        """Widths of the old and new text columns in the side-by-side layout.

        A line is: gutter, space, ¶ number, space, old text, `` │ ``, ¶ number, space,
        new text.
        """
        rest = width - self._gutter - 2 * self._num - 6
        return rest // 2, rest - rest // 2

    def _skip(self, painter: _Painter, skip: _Skip, width: int) -> Iterator[Segment]:
        """A collapsed run: ``=  3 unchanged paragraphs (¶5-7)``."""
        alignments = self.comparison.alignments
        unchanged = all(not alignments[i].changed for i in skip.indices)
        gutter = self._gutter
        label = Text(_skip_label(alignments, skip), style=_DIM)
        yield from _row(
            painter,
            [(painter.unwrapped(MARKS[Kind.UNCHANGED] if unchanged else "", _DIM), gutter),
             (painter.lines(label, width - gutter - 1), None)],
            [Segment(" ")],
        )

    def _side_by_side(self, painter: _Painter, width: int) -> Iterator[Segment]:
        """One row per alignment: gutter, old ¶ and text, ``│``, new ¶ and text."""
        gutter, num = self._gutter, self._num
        left, right = self._text_widths(width)
        old, new = self.comparison.old, self.comparison.new
        styler = _Styler(painter.plain, self.ignore_style)
        separators = [Segment(" "), Segment(" │", _DIM)]
        yield from _row(
            painter,
            [(painter.unwrapped(), gutter),
             (painter.lines(_text(" " * (num + 1) + self._column_title("Old", old), _HEADING),
                            num + 1 + left), num + 1 + left),
             (painter.lines(_text(" " * (num + 2) + self._column_title("New", new), _HEADING),
                            num + 2 + right), None)],
            separators,
        )
        yield Segment("─" * width, _DIM)
        yield Segment.line()
        for n, step in enumerate(self._rows()):
            if n:
                yield Segment.line()
            if isinstance(step, _Skip):
                yield from self._skip(painter, step, width)
                continue
            a = self.comparison.alignments[step.index]
            yield from _row(
                painter,
                [(painter.unwrapped(_marks(a), _mark_style(a)), gutter),
                 (self._cell(painter, styler.side(a, old, "old"), num, left, None, ""),
                  num + 1 + left),
                 (self._cell(painter, styler.side(a, new, "new"), num, right, _moved_from(a),
                             " "), None)],
                separators,
            )

    @staticmethod
    def _column_title(label: str, version: Version) -> str:
        return f"{label} ({version.date.isoformat()})" if version.date else label

    @staticmethod
    def _cell(
        painter: _Painter,
        paragraphs: Sequence[_Paragraph],
        num: int,
        width: int,
        note: str | None,
        lead: str,
    ) -> _Cell:
        """A side's lines, each ``lead + ¶number + space + text``: every paragraph numbered
        on its first line, the paragraphs of a split or merge apart by a blank line."""
        lines: _Cell = []
        blank = " " * (num + 1)
        if note:
            for wrapped in painter.wrap(Text(note, style=_NOTE), width):
                lines.append(painter.line(wrapped, lead + blank))
        for n, paragraph in enumerate(paragraphs):
            if n:
                lines.append(_EMPTY)
            for k, wrapped in enumerate(painter.wrap(paragraph.text, width)):
                label = f"{number(paragraph.index):>{num}} " if k == 0 else blank
                lines.append(painter.line(wrapped, lead, label))
        return lines

    def _stacked(self, painter: _Painter, width: int) -> Iterator[Segment]:
        """Each alignment as a heading (marks, kinds) then its old and new paragraphs, one
        above the other: for narrow terminals and for copying into email."""
        gutter, num = self._gutter, self._num
        label_width = 4 + num  # "old ¶12"
        text_width = max(width - gutter - 1 - label_width - 2, 8)
        old, new = self.comparison.old, self.comparison.new
        styler = _Styler(painter.plain, self.ignore_style)
        no_mark = painter.unwrapped()
        separators = [Segment(" "), Segment("  ")]
        for n, step in enumerate(self._rows()):
            if n:
                yield Segment.line()
            if isinstance(step, _Skip):
                yield from self._skip(painter, step, width)
                continue
            a = self.comparison.alignments[step.index]
            heading = Text()
            for k, kind in enumerate(x for x in SUMMARY_ORDER if x in a.kinds):
                heading.append(", " if k else "")
                if kind is Kind.MOVED:
                    heading.append(_moved_from(a) or LABELS[kind], style=_NOTE)
                else:
                    heading.append(LABELS[kind])
            yield from _row(
                painter,
                [(painter.unwrapped(_marks(a), _mark_style(a)), gutter),
                 (painter.lines(heading, width - gutter - 1), None)],
                [Segment(" ")],
            )
            sides = (
                [("old", styler.side(a, old, "old")), ("new", styler.side(a, new, "new"))]
                if a.changed
                else [("", styler.side(a, new, "new"))]
            )
            for name, paragraphs in sides:
                for paragraph in paragraphs:
                    label = f"{name} {number(paragraph.index)}".strip()
                    yield from _row(
                        painter,
                        [(no_mark, gutter),
                         (painter.unwrapped(f"{label:>{label_width}}", _NUMBER), label_width),
                         (painter.lines(paragraph.text, text_width), None)],
                        separators,
                    )


def render_text(
    comparison: Comparison,
    *,
    width: int = 120,
    color: bool = False,
    **options: object,
) -> str:
    """The report as a string, ``width`` columns wide, with ANSI colour or plain.

    For callers without a terminal (the benchmark, scripts, tests); ``options`` are
    ``TerminalReport``'s keyword arguments.
    """
    import io

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
        no_color=False, highlight=False, markup=False, emoji=False, legacy_windows=False,
        force_jupyter=False,
    )
    console.print(TerminalReport(comparison, **options))  # type: ignore[arg-type]
    return buffer.getvalue()
