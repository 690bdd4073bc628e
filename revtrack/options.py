"""The engine's one options record: every threshold, with the trade-off it makes.

Thresholds were set on the principle of what a careful editor would accept, checked
against the whole labelled set in ``fixtures/pairs`` and the synthetic benchmark, never
against a single case. Raising a similarity threshold trades recall (reworded paragraphs
reported as removed + added) for precision (unrelated paragraphs paired); lowering it
does the opposite.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """Thresholds of the comparison engine.

    Similarities are IDF-weighted Dice scores over the words two texts share in order
    (rare words such as a name or a figure count more than "the" or a name that every
    paragraph repeats), between 0 and 1.

    Attributes:
        match_anywhere: similarity at which two paragraphs are the same paragraph even
            if it moved far. Lower finds more heavily reworded moves, at the risk of
            pairing two paragraphs about the same people.
        match_in_place: similarity that suffices when both paragraphs stand in the same
            stretch between two unchanged paragraphs (a rewrite in place). Editors
            rewrite in place far more often than they move, so in-place evidence is
            trusted sooner.
        containment: share of the shorter paragraph found in the longer one at which a
            paragraph extended (or cut) by whole sentences is still the same paragraph.
        min_shared_words: how many words two paragraphs must share, at least, before
            ``containment`` counts: keeps a three-word quote from being "contained" in
            any paragraph that happens to use the same words.
        short_paragraph: paragraphs with fewer words than this (subheads, one-line
            quotes) need ``short_similarity`` to be paired at all.
        short_similarity: similarity a short paragraph needs in place.
        short_moved_similarity: similarity a short paragraph needs to be paired with
            one standing elsewhere: a moved subhead must be nearly the same words.
        sentence_similarity: similarity at which a sentence of one version is the same
            sentence as one of the other; the evidence for splits and merges.
        piece_share: share of a paragraph's words that must come from one paragraph on
            the other side for it to count as a piece of a split or merge.
        candidates: how many candidate partners (found through shared rare words) are
            scored per paragraph. Bounds the cost; 1:1 matches are almost always the
            first or second candidate.
        common_word_limit: words and word pairs found in more paragraphs (or sentences)
            than this are not used to look up candidates (they still count in
            similarity). Keeps the look-up linear on live blogs where every entry names
            the same people.
    """

    match_anywhere: float = 0.5
    match_in_place: float = 0.4
    containment: float = 0.75
    min_shared_words: int = 6
    short_paragraph: int = 6
    short_similarity: float = 0.6
    short_moved_similarity: float = 0.75
    sentence_similarity: float = 0.5
    piece_share: float = 0.3
    candidates: int = 4
    common_word_limit: int = 50
