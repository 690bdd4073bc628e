"""The engine's one entry point: two versions in, a ``Comparison`` out.

    >>> from revtrack import compare
    >>> result = compare("Ten died.\\n\\nRain fell.", "Twelve died.\\n\\nRain fell.")
    >>> [a.kinds[0].value for a in result.alignments]
    ['figure_update', 'unchanged']
    >>> result.alignments[0].figures[0].new_value
    12.0

Pipeline: ``parse_version`` (text -> paragraphs) -> ``align`` (paragraph groups, moves)
-> ``classify`` (kinds, figures, word operations) -> ``Comparison``, in reading order of
the new version with removed paragraphs where they stood. No I/O happens here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter, itemgetter

from .align import Group, align
from .classify import classify
from .model import Comparison, Kind, Version, make_alignment
from .options import Options
from .parse import parse_version


def compare(
    old_text: str,
    new_text: str,
    *,
    old_source: str | None = None,
    new_source: str | None = None,
    options: Options | None = None,
) -> Comparison:
    """Compare two article versions given as text (a ``date YYYY-MM-DD`` header allowed)."""
    return compare_versions(
        parse_version(old_text, old_source), parse_version(new_text, new_source), options
    )


def compare_versions(old: Version, new: Version, options: Options | None = None) -> Comparison:
    """Compare two parsed versions."""
    with _gc_paused():
        return _compare(old, new, options or Options())


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while comparing.

    A comparison allocates many small objects (words, bags, word operations) and frees
    them all at the end; it creates no reference cycles that need collecting meanwhile.
    Left running, the collector rescans the ever-growing heap and made a 30,000-paragraph
    comparison about 15% slower (measured: 9.9 s against 8.6 s). The previous state is
    restored on the way out, exceptions included.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_UNCHANGED = (Kind.UNCHANGED,)


def _compare(old: Version, new: Version, options: Options) -> Comparison:
    groups = align(old.paragraphs, new.paragraphs, options)
    olds, news = old.paragraphs, new.paragraphs
    alignments = []
    for group in _reading_order(groups):
        old_at, new_at = group.old, group.new
        if (
            len(old_at) == 1 == len(new_at)
            and not group.moved
            and olds[old_at[0]] == news[new_at[0]]
        ):
            # Most of a long story is unchanged: what classify() would say, directly.
            alignments.append(make_alignment(old_at, new_at, _UNCHANGED, 1.0, (), ()))
            continue
        kinds, figures, words = classify(
            [olds[i] for i in old_at], [news[i] for i in new_at], old_at, new_at, group.moved
        )
        similarity = 1.0 if kinds == _UNCHANGED else group.similarity
        alignments.append(
            make_alignment(old_at, new_at, kinds, round(similarity, 4), figures, words)
        )
    return Comparison(old, new, tuple(alignments))


def _reading_order(groups: list[Group]) -> list[Group]:
    """New version's order; a removed paragraph follows the one before it in the old.

    The anchor for a removed paragraph is the nearest earlier old paragraph that sits in
    an in-order (not moved) group, so removed runs appear where they stood, not next to
    wherever a moved paragraph went.
    """
    keyed = []
    last = -1
    # Groups share no paragraph, so ordering by the old tuples orders by their first.
    for group in sorted((g for g in groups if g.old), key=attrgetter("old")):
        if group.new:
            if not group.moved:
                last = group.new[0]
            keyed.append(((group.new[0], 0, group.old[0]), group))
        else:
            keyed.append(((last, 1, group.old[0]), group))
    keyed.extend(((g.new[0], 0, -1), g) for g in groups if not g.old)
    keyed.sort(key=itemgetter(0))
    return [g for _, g in keyed]
