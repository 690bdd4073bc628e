"""Alignment -> kinds, figure changes and word operations.

The kind rules, applied to the alignment's old and new text (paragraphs joined by a
blank line):

* no old paragraph: ``added``; no new paragraph: ``removed``. They stand alone.
* texts identical up to whitespace and nothing structural: ``unchanged``, alone.
* otherwise the structural kinds (``split``, ``merged``, ``moved``) plus, for the text:
  ``style`` when the texts agree once case, punctuation, quotes, abbreviations and the
  spelling of numbers are set aside (``14`` and ``fourteen``, ``1200`` and ``1,200``);
  else ``figure_update`` when a figure changed value, and ``reworded`` when words
  other than figures changed. A paragraph can be both.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal

from .figures import GLUED_UNITS, Figure, diff_figures, find_figures
from .model import (
    KIND_ORDER,
    PARAGRAPH_JOIN,
    FigureChange,
    FigureChangeKind,
    Kind,
    Span,
    WordOp,
    make_figure_change,
)
from .parse import style_key
from .words import WordText, word_ops, word_ops_of


def _spans(paragraphs: Sequence[str]) -> list[int]:
    """Start offset of each paragraph in the joined text."""
    starts, offset = [], 0
    for text in paragraphs:
        starts.append(offset)
        offset += len(text) + len(PARAGRAPH_JOIN)
    return starts


def _locate(
    figure: Figure | None, indices: Sequence[int], starts: Sequence[int]
) -> Span | None:
    """Map a figure's offset in joined text to ``(paragraph, start, end)``."""
    if figure is None:
        return None
    k = bisect_right(starts, figure.start) - 1  # the last paragraph starting at or before it
    return (indices[k], figure.start - starts[k], figure.end - starts[k])


def _replace_figures(text: str, figures: Sequence[Figure], values: bool) -> str:
    """``style_key`` of text with each figure written one way (``values``) or as ``#``.

    Written one way, a figure keeps what it says besides its value: its quantifier
    ("more than" is not "at least"), a percent sign or word, and a currency sign ("$20
    million" is not "€20 million"). So only the spelling of the number itself ("1,200",
    "1200", "fourteen", "$3.5bn", "$3.5 billion") is set aside as style. As ``#``, the
    whole figure is set aside: what is left differs only where words other than the
    figures changed (a figure update reports its quantifier and sign itself).
    """
    out, last = [], 0
    for figure in figures:
        out.append(text[last : figure.start])
        out.append(f" {_figure_token(figure)} " if values else " # ")
        last = figure.end
    out.append(text[last:])
    return style_key("".join(out))


def _figure_token(figure: Figure) -> str:
    parts = [figure.quantifier or "", _value_text(figure.value)]
    if figure.unit == "percent":  # set only by a "%", "percent" or "per cent" in the figure
        parts.append("percent")
    elif figure.unit and any(sign in figure.number for sign in "$€£"):
        parts.append(figure.unit)  # the currency its sign names
    elif figure.unit in GLUED_UNITS and not figure.number[-1:].isdigit():
        parts.append(figure.unit)  # "10km" says what "10 km" says
    return " ".join(parts)


def _value_text(value: float) -> str:
    """A value written out exactly: ``2345671``, ``1.5`` (``:g`` keeps six digits)."""
    if not math.isfinite(value):
        return repr(value)
    if value < 0:
        return "minus " + _value_text(-value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def figure_changes(
    old_paragraphs: Sequence[str],
    new_paragraphs: Sequence[str],
    old_indices: Sequence[int],
    new_indices: Sequence[int],
    old_figures: Sequence[Figure] | None = None,
    new_figures: Sequence[Figure] | None = None,
) -> list[FigureChange]:
    """Figures updated, added or removed between two groups of paragraphs.

    Figures are found in each side's paragraphs joined by a blank line (pass them in
    when already found) and located back in their paragraph by index.
    """
    if old_figures is None:
        old_figures = find_figures(PARAGRAPH_JOIN.join(old_paragraphs))
    if new_figures is None:
        new_figures = find_figures(PARAGRAPH_JOIN.join(new_paragraphs))
    old_starts, new_starts = _spans(old_paragraphs), _spans(new_paragraphs)
    changes = []
    for old, new in diff_figures(old_figures, new_figures):
        change: FigureChangeKind = (
            "updated" if old and new else ("added" if new else "removed")
        )
        context = (new.context if new else "") or (old.context if old else "")
        changes.append(
            make_figure_change(
                change,
                old.text if old else None,
                new.text if new else None,
                old.value if old else None,
                new.value if new else None,
                context,
                _locate(old, old_indices, old_starts),
                _locate(new, new_indices, new_starts),
            )
        )
    return changes


def classify(
    old_paragraphs: Sequence[str],
    new_paragraphs: Sequence[str],
    old_indices: Sequence[int],
    new_indices: Sequence[int],
    moved: bool,
) -> tuple[tuple[Kind, ...], tuple[FigureChange, ...], tuple[WordOp, ...]]:
    """Kinds, figure changes and word operations of one alignment."""
    old_text = PARAGRAPH_JOIN.join(old_paragraphs)
    new_text = PARAGRAPH_JOIN.join(new_paragraphs)
    if not new_paragraphs:
        gone = figure_changes(old_paragraphs, (), old_indices, ())
        return (Kind.REMOVED,), tuple(gone), (WordOp("delete", old_text, ""),)
    if not old_paragraphs:
        fresh = figure_changes((), new_paragraphs, (), new_indices)
        return (Kind.ADDED,), tuple(fresh), (WordOp("insert", "", new_text),)

    kinds: set[Kind] = set()
    if len(new_paragraphs) > 1:
        kinds.add(Kind.SPLIT)
    if len(old_paragraphs) > 1:
        kinds.add(Kind.MERGED)
    if moved:
        kinds.add(Kind.MOVED)

    figures: list[FigureChange] = []
    if old_text == new_text:
        if not kinds:
            return (Kind.UNCHANGED,), (), ()
        words = word_ops(old_text, new_text)
    else:
        # Split once: for the whitespace test here and for the word diff.
        old_words, new_words = WordText(old_text), WordText(new_text)
        if old_words.words == new_words.words:
            if not kinds & {Kind.SPLIT, Kind.MERGED}:  # joining paragraphs is not a style edit
                kinds.add(Kind.STYLE)
        else:
            old_figures, new_figures = find_figures(old_text), find_figures(new_text)
            if _replace_figures(old_text, old_figures, True) == _replace_figures(
                new_text, new_figures, True
            ):
                kinds.add(Kind.STYLE)
            else:
                figures = figure_changes(
                    old_paragraphs, new_paragraphs, old_indices, new_indices,
                    old_figures, new_figures,
                )
                if any(f.change == "updated" for f in figures):
                    kinds.add(Kind.FIGURE_UPDATE)
                if Kind.FIGURE_UPDATE not in kinds or _replace_figures(
                    old_text, old_figures, False
                ) != _replace_figures(new_text, new_figures, False):
                    kinds.add(Kind.REWORDED)
        words = word_ops_of(old_words, new_words)
    ordered = tuple(k for k in KIND_ORDER if k in kinds)
    return ordered, tuple(figures), tuple(words)
