"""The public result model: what a comparison of two article versions produces.

Everything here is a frozen dataclass or an enum, so a ``Comparison`` can be shared
between renderers, cached, and compared in tests. ``Comparison.to_dict()`` is exactly
what ``revtrack compare --format json`` prints; its layout is the public JSON schema
``revtrack.comparison/1`` (documented in the README). Change it deliberately: bump
``SCHEMA`` and write the change in CHANGELOG.md.

Index conventions: paragraph indices are 0-based into ``Version.paragraphs``. Spans are
``(paragraph, start, end)`` character offsets into that paragraph's text.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any, Literal

SCHEMA = "revtrack.comparison/1"

PARAGRAPH_JOIN = "\n\n"
"""How an alignment's paragraphs are joined into the text its word operations cover."""


class Kind(str, Enum):
    """The fixed vocabulary of edit kinds. Declaration order is display order."""

    UNCHANGED = "unchanged"
    STYLE = "style"
    REWORDED = "reworded"
    FIGURE_UPDATE = "figure_update"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"

    def __str__(self) -> str:
        return self.value


KIND_ORDER: tuple[Kind, ...] = tuple(Kind)
"""All kinds in display order (the order of the table in the README)."""

Op = Literal["equal", "insert", "delete", "replace"]
FigureChangeKind = Literal["updated", "added", "removed"]
Span = tuple[int, int, int]


@dataclass(frozen=True)
class Version:
    """One version of an article as read: where it came from, its date, its paragraphs."""

    source: str | None
    date: _dt.date | None
    paragraphs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "paragraphs": list(self.paragraphs),
        }


@dataclass(frozen=True)
class WordOp:
    """One word-level operation inside a changed alignment.

    ``old`` and ``new`` are exact slices of the alignment's old and new text (its
    paragraphs joined by a blank line), trailing whitespace included, so joining every
    ``old`` gives back the old text and joining every ``new`` gives back the new text.
    ``equal`` ops can differ in whitespace only; ``insert`` has ``old == ""``, ``delete``
    has ``new == ""``. ``style`` is true on a ``replace`` whose two sides differ only in
    house style (case, punctuation, quotes, ``U.S.``/``US``).
    """

    op: Op
    old: str
    new: str
    style: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "old": self.old, "new": self.new, "style": self.style}


@dataclass(frozen=True)
class FigureChange:
    """A figure (a number with its quantifier and what it counts) that changed.

    ``old_at``/``new_at`` locate the figure's text as ``(paragraph, start, end)`` so that
    renderers can emphasise it; they are ``None`` on the side where it is absent.
    """

    change: FigureChangeKind
    old: str | None
    new: str | None
    old_value: float | None
    new_value: float | None
    context: str
    old_at: Span | None = None
    new_at: Span | None = None

    @property
    def delta(self) -> float | None:
        """``new_value - old_value`` for an update, else ``None``."""
        if self.old_value is None or self.new_value is None:
            return None
        return self.new_value - self.old_value

    @property
    def percent(self) -> float | None:
        """The change as a percentage of the old value (``None`` when undefined)."""
        delta = self.delta
        if delta is None or not self.old_value:
            return None
        return 100.0 * delta / abs(self.old_value)

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "old": self.old,
            "new": self.new,
            "old_value": _number(self.old_value),
            "new_value": _number(self.new_value),
            "context": self.context,
            "old_at": list(self.old_at) if self.old_at else None,
            "new_at": list(self.new_at) if self.new_at else None,
        }


@dataclass(frozen=True)
class Alignment:
    """A group of old paragraphs matched to a group of new paragraphs, with its kinds.

    Shapes: 1:1 (one old, one new), added (no old), removed (no new), split (one old,
    several new), merged (several old, one new). ``similarity`` is the word-level
    similarity (0..1) that justified the match; 1.0 for unchanged, 0.0 for added/removed.
    ``words`` is empty for unchanged alignments only: an added (removed) alignment
    carries one ``insert`` (``delete``) op with its whole text, so that every changed
    alignment's ops rebuild both sides.
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    kinds: tuple[Kind, ...]
    similarity: float
    figures: tuple[FigureChange, ...] = ()
    words: tuple[WordOp, ...] = ()

    def has(self, kind: Kind) -> bool:
        return kind in self.kinds

    @property
    def changed(self) -> bool:
        return self.kinds != (Kind.UNCHANGED,)

    @property
    def figure_updates(self) -> tuple[FigureChange, ...]:
        return tuple(f for f in self.figures if f.change == "updated")

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": list(self.old),
            "new": list(self.new),
            "kinds": [k.value for k in self.kinds],
            "similarity": round(self.similarity, 4),
            "figures": [f.to_dict() for f in self.figures],
            "words": [w.to_dict() for w in self.words],
        }


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two versions: the engine's one output.

    ``alignments`` are in reading order of the new version, with removed paragraphs
    placed where they stood (after the alignment holding the old paragraph before them).
    """

    old: Version
    new: Version
    alignments: tuple[Alignment, ...]

    @property
    def summary(self) -> dict[str, int]:
        """How many alignments carry each kind, every kind listed (zeros included).

        A new dict on every call: changing it changes nothing in the comparison.
        """
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        counts = {k.value: 0 for k in KIND_ORDER}
        for alignment in self.alignments:
            for kind in alignment.kinds:
                counts[kind.value] += 1
        return counts

    @property
    def changed(self) -> bool:
        """True when any alignment is anything but unchanged (diff's exit status 1)."""
        return any(a.changed for a in self.alignments)

    @property
    def figure_updates(self) -> tuple[tuple[Alignment, FigureChange], ...]:
        """Every updated figure with the alignment it belongs to, in reading order."""
        return tuple((a, f) for a in self.alignments for f in a.figure_updates)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "alignments": [a.to_dict() for a in self.alignments],
            "summary": self.summary,
        }


# Fast builders. A frozen dataclass's ``__init__`` sets each field through
# ``object.__setattr__``; a long comparison builds tens of thousands of alignments, word
# operations and figure changes, and filling the instance's ``__dict__`` directly gives
# equal objects for a third to a half of the cost. They take every field, in order.

_new = object.__new__


def make_alignment(
    old: tuple[int, ...], new: tuple[int, ...], kinds: tuple[Kind, ...], similarity: float,
    figures: tuple[FigureChange, ...], words: tuple[WordOp, ...],
) -> Alignment:
    """``Alignment(old, new, kinds, similarity, figures, words)``, filled in directly."""
    alignment = _new(Alignment)
    fields = alignment.__dict__
    fields["old"] = old
    fields["new"] = new
    fields["kinds"] = kinds
    fields["similarity"] = similarity
    fields["figures"] = figures
    fields["words"] = words
    return alignment


def make_word_op(op: Op, old: str, new: str, style: bool) -> WordOp:
    """``WordOp(op, old, new, style)``, filled in directly."""
    word_op = _new(WordOp)
    fields = word_op.__dict__
    fields["op"] = op
    fields["old"] = old
    fields["new"] = new
    fields["style"] = style
    return word_op


def make_figure_change(
    change: FigureChangeKind, old: str | None, new: str | None, old_value: float | None,
    new_value: float | None, context: str, old_at: Span | None, new_at: Span | None,
) -> FigureChange:
    """``FigureChange(change, old, new, ...)``, filled in directly."""
    figure_change = _new(FigureChange)
    fields = figure_change.__dict__
    fields["change"] = change
    fields["old"] = old
    fields["new"] = new
    fields["old_value"] = old_value
    fields["new_value"] = new_value
    fields["context"] = context
    fields["old_at"] = old_at
    fields["new_at"] = new_at
    return figure_change


def _number(value: float | None) -> float | int | None:
    """JSON-friendly number: whole values as ints (``1100`` not ``1100.0``)."""
    if value is None:
        return None
    if float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return value
