"""Paragraph alignment: which old paragraphs became which new ones.

Input is two lists of paragraph texts; output is a list of ``Group``: every old and every
new paragraph lands in exactly one group, and each group is 1:1, added (new only),
removed (old only), split (one old, several new) or merged (several old, one new).

The stages, each cheaper than the next and each working only on what the previous one
left over (this is what keeps a 30,000-paragraph live blog near-linear):

1. **Exact anchors.** Identical paragraphs, then (among the rest) paragraphs equal up to
   house style, are paired patience-style: keys unique in both versions first, their
   longest in-order chain, then the same inside each gap between anchors; repeated
   paragraphs pair in order.
2. **Fuzzy 1:1 matches.** The leftovers standing in the same small stretch between two
   anchors are scored against each other. A leftover without a close match there looks
   up candidates on the other side through the rare words they share (an inverted
   index; words found in more than ``Options.common_word_limit`` paragraphs are not
   looked up); only candidates are scored. Pairs are accepted
   best-first under ``Options``' rules.
3. **Sentence evidence.** A leftover paragraph looks up the paragraphs still in play on
   the other side that share its rare words and word pairs; its sentences are linked
   one to one with theirs (and theirs with their own partners', which win). A leftover
   whose words come, through such links, from one paragraph on the other side is a
   piece of a split (or merge) of it.
4. **Moves.** Groups outside the longest in-order chain (by first old and first new
   paragraph) are moved.

Similarity is an IDF-weighted Dice score over the two texts' bags of word keys: a word
counts by its rarity across both versions, and stop words and numbers count a quarter
(a figure is what an update changes, not what makes a paragraph itself). Two
paragraphs that only share the names every paragraph repeats score low; a paragraph and
its reworded self share its rare words and score high.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain
from typing import NamedTuple

from .options import Options
from .parse import sentences, style_words
from .words import _index as _positions
from .words import _matching_blocks

# Function words, and the words of wire formulae that any story uses about anyone
# ("did not immediately respond to a request for comment", "told reporters", "said in a
# statement"): sharing them says nothing about two paragraphs being one.
STOPWORDS = frozenset(
    """a about after against all also an and are as at be been before being but by can
    could did do does for from had has have he her his how i if in into is it its me more
    most my no not of on once only or other our out over own said says same she should
    so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will
    with would you your immediately respond responded request comment comments declined
    told reporters statement according spokesman spokeswoman spokesperson added asked
    news agency""".split()
)
_STOP_FACTOR = 0.25
_NUMBER_FACTOR = _STOP_FACTOR  # numbers count as little as stop words
_NO_DIGIT = re.compile(r"[^0-9]*")

try:  # Counter's own counting loop, in C: a bag needs a plain dict, not Counter's __init__
    from _collections import _count_elements  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - a Python without the C helper

    def _count_elements(counts: dict[str, int], words: Iterable[str]) -> None:
        for word in words:
            counts[word] = counts.get(word, 0) + 1

_SETTLED = 0.9  # a fuzzy match covering this much of both texts gives no split/merge piece


class Group(NamedTuple):
    """Old paragraphs aligned with new paragraphs (indices), and the evidence for it.

    A named tuple, not a dataclass: a long story has tens of thousands of groups, and
    this is the cheaper to build.
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    moved: bool = False


# ---------------------------------------------------------------------------------------
# Word weights and bags


class _Weights:
    """IDF weights of word keys over all paragraphs of both versions."""

    def __init__(self, df: Counter[str], total: int) -> None:
        """Weights from document frequencies ``df`` over ``total`` paragraphs."""
        self.df = df
        self.total = max(total, 1)
        # Every word of every paragraph, weighed once: look-ups are the hot path.
        self.table = {word: self._weigh(word, df) for word, df in self.df.items()}

    def _weigh(self, word: str, df: int) -> float:
        weight = math.log(1.0 + self.total / (df + 1.0))
        # Stop words, and numbers: a figure is what an update changes, so a "58%" two
        # paragraphs share says little about their being one paragraph, however rare.
        if word in STOPWORDS:
            return weight * _STOP_FACTOR
        if not _NO_DIGIT.fullmatch(word):
            return weight * _NUMBER_FACTOR
        return weight

    def __call__(self, word: str) -> float:
        weight = self.table.get(word)
        if weight is None:  # a word split differently inside a sentence: weigh it now
            weight = self.table[word] = self._weigh(word, 0)
        return weight


@dataclass
class _Bag:
    """A text's word keys in order and as a multiset, with its total weight."""

    words: list[str]
    counts: dict[str, int]
    weight: float
    repeated: bool  # some word occurs more than once
    keys: set[str] | None = None  # look-up keys, filled by _Index
    pair_keys: set[str] | None = None  # look-up keys with word pairs, filled by _Index

    @classmethod
    def of(cls, words: list[str], weights: _Weights) -> _Bag:
        """The bag of ``words``; every one of them is in ``weights.table`` afterwards."""
        counts: dict[str, int] = {}
        _count_elements(counts, words)
        try:
            weight = sum(map(weights.table.__getitem__, words))
        except KeyError:  # a word outside the counted paragraphs: weigh it on the way
            weight = sum(map(weights, words))
        return cls(words, counts, weight, len(counts) < len(words))


class _Overlap(NamedTuple):
    similarity: float  # weighted Dice
    cover_a: float  # share of a's weight found in b
    cover_b: float
    shared: int  # shared content words (not stop words)
    common: int  # shared words, stop words included, counted with repeats


_NO_OVERLAP = _Overlap(0.0, 0.0, 0.0, 0, 0)


def _overlap(a: _Bag, b: _Bag, weights: _Weights) -> _Overlap:
    # Most pairs scored are not the same text and share only a few words, and most
    # words occur once in a text: the shared vocabulary is found and weighed in C, and
    # only words repeated on both sides are counted again.
    ca, cb = a.counts, b.counts
    both = ca.keys() & cb.keys()
    if not both:
        return _NO_OVERLAP
    table = weights.table  # holds every word of every bag (see _Bag.of)
    matched = sum(map(table.__getitem__, both))
    common = len(both)
    shared = common - len(both & STOPWORDS)
    if a.repeated and b.repeated:
        for word in both:
            x, y = ca[word], cb[word]
            if x > 1 and y > 1:
                extra = (x if x < y else y) - 1
                matched += table[word] * extra
                common += extra
                if word not in STOPWORDS:
                    shared += extra
    return _Overlap(
        2.0 * matched / (a.weight + b.weight),
        matched / a.weight,
        matched / b.weight,
        shared,
        common,
    )


def _by_gap(indices: Iterable[int], chain: list[int]) -> dict[int, list[int]]:
    """Paragraph indices grouped by the gap of the sorted ``chain`` they fall in, in order."""
    groups: dict[int, list[int]] = defaultdict(list)
    for k in indices:
        groups[bisect_left(chain, k)].append(k)
    return groups


_OPENING = 3  # words
_HAS_DIGIT = re.compile(r"[0-9]")
# Verbs that end an attribution frame: "Varnholm coach Ansel Dryden said ..." opens two
# different statements alike.
_REPORTING = frozenset("said says told added warned stated announced according".split())


def _same_opening(a: list[str], b: list[str]) -> bool:
    """Whether two texts open with the same words (three, one of them not a stop word),
    more than a speaker's frame: what follows "X said" must open alike too."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y and not (_HAS_DIGIT.search(x) and _HAS_DIGIT.search(y)):
            break  # a number is what an update changes: "Turnout was 52%" opens alike
        common += 1
    if common < _OPENING or STOPWORDS.issuperset(a[:_OPENING]):
        return False
    said = [k for k in range(common) if a[k] in _REPORTING]
    return not said or common - said[-1] - 1 >= _OPENING


def _found_whole(a: _Bag, b: _Bag, lap: _Overlap, short: int) -> bool:
    """Whether the shorter of two texts (``short`` words or more) is in the other whole,
    its words in one run: the other is it, extended."""
    if max(lap.cover_a, lap.cover_b) < 1.0 - 1e-9:
        return False  # most pairs: some word of each is missing from the other
    inner, outer = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if len(inner.words) < short:
        return False
    return f" {' '.join(inner.words)} " in f" {' '.join(outer.words)} "


# ---------------------------------------------------------------------------------------
# Stage 1: exact anchors


def _in_order_chain(
    pairs: Sequence[tuple[int, int]],
    sizes: tuple[int, int] | None = None,
    masses: Sequence[float] | None = None,
) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates, in O(n log n).

    ``pairs`` must be sorted by their first coordinate, and no coordinate value may
    repeat on either side (each paragraph is in one pair); the chain is the longest
    subsequence strictly increasing in the second. Among equally long chains the one
    whose pairs stand closest to the same relative place in both versions wins
    (``sizes`` gives the two lengths), a choice that does not depend on which version
    is called old; then, where ``masses`` gives a weight per pair, the heavier chain.

    >>> _in_order_chain([(0, 0), (1, 3), (2, 1), (3, 2)])
    [(0, 0), (2, 1), (3, 2)]
    >>> _in_order_chain([(0, 0), (2, 3), (3, 1)], (4, 4))
    [(0, 0), (2, 3)]
    """
    if not pairs:
        return []
    size_a, size_b = sizes or (max(a for a, _ in pairs) + 1, max(b for _, b in pairs) + 1)
    scale_a, scale_b = 1.0 / max(size_a, 1), 1.0 / max(size_b, 1)
    # A run of pairs stepping by one on both sides ((4, 7), (5, 8), (6, 9)) is taken
    # whole or not at all by every longest chain: a member left out could always be put
    # back between its neighbours. So the chain is built over runs, which on a long text
    # with scattered edits are far fewer than pairs.
    runs: list[tuple[int, int, float]] = []  # (first, end) indices into pairs, closeness
    first = 0
    closeness = 0.0
    previous_a, previous_b = pairs[0][0] - 1, pairs[0][1] - 1
    for i, (a, b) in enumerate(pairs):
        if i and (a != previous_a + 1 or b != previous_b + 1):
            runs.append((first, i, closeness))
            first, closeness = i, 0.0
        closeness += 1.0 - abs(a * scale_a - b * scale_b)
        previous_a, previous_b = a, b
    runs.append((first, len(pairs), closeness))
    run_mass = [sum(masses[lo:hi]) if masses else 0.0 for lo, hi, _ in runs]

    ranks = {
        b: r
        for r, b in enumerate(
            sorted({pairs[lo][1] for lo, _, _ in runs} | {pairs[hi - 1][1] for _, hi, _ in runs}),
            1,
        )
    }
    # Fenwick tree of the best (length, closeness, mass, run index) ending at rank <= r.
    tree: list[tuple[int, float, float, int]] = [(0, 0.0, 0.0, -1)] * (len(ranks) + 1)
    back = [-1] * len(runs)
    best_end: tuple[int, float, float, int] = (0, 0.0, 0.0, -1)
    for k, (lo, hi, run_closeness) in enumerate(runs):
        r = ranks[pairs[lo][1]] - 1  # strictly increasing: look at ranks below the run's
        found: tuple[int, float, float, int] = (0, 0.0, 0.0, -1)
        while r > 0:
            if tree[r] > found:
                found = tree[r]
            r -= r & -r
        entry = (
            found[0] + hi - lo, round(found[1] + run_closeness, 9), found[2] + run_mass[k], k
        )
        back[k] = found[3]
        if entry > best_end:
            best_end = entry
        r = ranks[pairs[hi - 1][1]]
        while r < len(tree):
            if entry > tree[r]:
                tree[r] = entry
            r += r & -r
    taken: list[int] = []
    k = best_end[3]
    while k >= 0:
        taken.append(k)
        k = back[k]
    return [pairs[i] for k in reversed(taken) for i in range(runs[k][0], runs[k][1])]


_REPEATED_GAP_LIMIT = 4_000_000  # cells; beyond this, repeated keys pair in order instead


def _exact_pairs(old_keys: Sequence[str], new_keys: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of paragraphs with equal keys: patience anchors, gap by gap, then leftovers."""
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(old_keys), 0, len(new_keys))]
    while stack:
        olo, ohi, nlo, nhi = stack.pop()
        if olo >= ohi or nlo >= nhi:
            continue
        if ohi - olo == 1 == nhi - nlo:  # one paragraph each side: the common gap
            if old_keys[olo] == new_keys[nlo]:
                pairs.append((olo, nlo))
            continue
        old_count = Counter(old_keys[olo:ohi])
        new_count = Counter(new_keys[nlo:nhi])
        new_unique = {k: j for j, k in enumerate(new_keys[nlo:nhi], nlo) if new_count[k] == 1}
        anchors = sorted(
            (o, new_unique[k])
            for o, k in enumerate(old_keys[olo:ohi], olo)
            if old_count[k] == 1 and k in new_unique
        )
        if not anchors:
            pairs.extend(_pair_repeated(old_keys, new_keys, olo, ohi, nlo, nhi))
            continue
        chain_ = _in_order_chain(anchors, (len(old_keys), len(new_keys)))
        pairs.extend(chain_)
        prev_o, prev_n = olo - 1, nlo - 1
        for o, n in [*chain_, (ohi, nhi)]:
            stack.append((prev_o + 1, o, prev_n + 1, n))
            prev_o, prev_n = o, n
    return pairs


def _pair_repeated(
    old_keys: Sequence[str], new_keys: Sequence[str], olo: int, ohi: int, nlo: int, nhi: int
) -> list[tuple[int, int]]:
    """Equal keys in a gap with no unique anchor (repeated paragraphs), paired in order."""
    if not set(old_keys[olo:ohi]) & set(new_keys[nlo:nhi]):
        return []
    if (ohi - olo) * (nhi - nlo) <= _REPEATED_GAP_LIMIT:
        matcher = SequenceMatcher(None, old_keys[olo:ohi], new_keys[nlo:nhi], autojunk=False)
        return [
            (olo + a + k, nlo + b + k)
            for a, b, size in matcher.get_matching_blocks()
            for k in range(size)
        ]
    waiting: dict[str, list[int]] = defaultdict(list)
    for o in range(ohi - 1, olo - 1, -1):
        waiting[old_keys[o]].append(o)
    found = []
    for n in range(nlo, nhi):
        stack = waiting.get(new_keys[n])
        if stack:
            found.append((stack.pop(), n))
    return found


# ---------------------------------------------------------------------------------------
# Stage 2: fuzzy 1:1 matches


class _Index:
    """Inverted index from rare words (and word pairs) to paragraphs.

    Word pairs matter on repetitive copy (a live blog naming the same people in every
    entry): "rescue workers" and "workers had" may each be common while the pair
    "1,200 rescue" is rare. The fuzzy stage looks up whole paragraphs, which have rare
    words enough of their own, so its index leaves pairs out (``pairs=False``): they
    doubled its keys, and on the 30,000-paragraph benchmark the candidates they added
    were more often wrong than right. The sentence stage looks for where a piece of a
    split or merge came from, and a piece may be one short sentence of common words:
    it keeps the pairs. A key found in more than ``limit`` paragraphs is not looked up:
    it would cost a scan of many paragraphs and tell little.

    The index is built for its queries. A query reads only the posting lists of its
    ``LOOKUPS`` rarest keys, and most keys of most paragraphs (nearly every word pair)
    are nobody's query key, let alone a rarest one. So adding a paragraph only keeps its
    keys; ``find`` takes a batch of queries, counts in how many paragraphs each of their
    keys is found, and builds the posting lists of just the keys it looks up, each step
    one pass over the paragraphs with the set operations done in C. The answers are
    those of an index with every key counted and every list built.
    """

    LOOKUPS = 12  # keys looked up per query, rarest first

    def __init__(self, limit: int, pairs: bool = True) -> None:
        self.limit = limit
        self.pairs = pairs
        self.items: list[int] = []
        self.item_keys: list[set[str]] = []
        self.counts: dict[str, int] = {}  # for the keys some query has asked about
        self.postings: dict[str, list[int]] = {}
        # Answers already given, by query bag (kept alive here, so ids are not reused).
        self._found: dict[int, tuple[_Bag, int, list[int]]] = {}

    @property
    def size(self) -> int:
        return len(self.items)

    @staticmethod
    def keys_of(words: list[str], pairs: bool = True) -> set[str]:
        """Look-up keys of a text: its content words and every pair of adjacent words."""
        keys = set(words) - STOPWORDS
        if pairs:
            keys.update(_Index._pairs(words))
        return keys

    @staticmethod
    def _pairs(words: list[str]) -> Iterator[str]:
        return map(" ".join, zip(words, words[1:], strict=False))

    def _keys(self, bag: _Bag) -> set[str]:
        if bag.keys is None:
            bag.keys = self.keys_of(bag.words, False)
        if not self.pairs:
            return bag.keys
        if bag.pair_keys is None:  # the words' keys, already made, and the pairs
            bag.pair_keys = bag.keys.union(self._pairs(bag.words))
        return bag.pair_keys

    def add(self, item: int, bag: _Bag) -> None:
        self.items.append(item)
        self.item_keys.append(self._keys(bag))

    def find(self, bags: Sequence[_Bag], k: int) -> list[list[int]]:
        """``candidates`` of each bag, the counting and posting lists done at once."""
        todo = [bag for bag in bags if self._cached(bag, k) is None]
        if todo:
            self._count(set().union(*map(self._keys, todo)))
            rarest = [self._rarest(bag) for bag in todo]
            self._build({key for keys in rarest for _, key in keys})
            for bag, keys in zip(todo, rarest, strict=True):
                self._found[id(bag)] = (bag, k, self._score(keys, k))
        return [self._found[id(bag)][2] for bag in bags]

    def candidates(self, bag: _Bag, k: int) -> list[int]:
        """The ``k`` items sharing the most rare-key weight with ``bag``."""
        return self.find([bag], k)[0]

    def _cached(self, bag: _Bag, k: int) -> list[int] | None:
        hit = self._found.get(id(bag))
        return hit[2] if hit is not None and hit[0] is bag and hit[1] == k else None

    def _count(self, keys: set[str]) -> None:
        """Count the items holding each key of ``keys`` not counted yet."""
        fresh = keys.difference(self.counts)
        if fresh:
            counted = Counter(chain.from_iterable(map(fresh.intersection, self.item_keys)))
            self.counts.update(dict.fromkeys(fresh, 0))
            self.counts.update(counted)

    def _build(self, keys: set[str]) -> None:
        """Build the posting lists of the keys in ``keys`` not built yet, in item order."""
        fresh = keys.difference(self.postings)
        if fresh:
            postings = self.postings
            for key in fresh:
                postings[key] = []
            for item, found in zip(self.items, map(fresh.intersection, self.item_keys),
                                   strict=True):
                for key in found:
                    postings[key].append(item)

    def _rarest(self, bag: _Bag) -> list[tuple[int, str]]:
        """The query's rarest keys found in at most ``limit`` items, with their counts.

        Ties go by the key itself, never by set order (which changes from run to run
        with string hashing), so the same input always gives the same candidates.
        """
        counts, limit = self.counts, self.limit
        return sorted(
            (count, key)
            for key in self._keys(bag)
            if (count := counts[key]) and count <= limit
        )[: self.LOOKUPS]

    def _score(self, rarest: list[tuple[int, str]], k: int) -> list[int]:
        # The rarest keys carry the evidence; scanning the rest costs time, not recall.
        postings, size = self.postings, self.size
        score: dict[int, float] = defaultdict(float)
        for count, key in rarest:
            weight = math.log(1.0 + size / count)
            for item in postings[key]:
                score[item] += weight
        found: Iterable[tuple[int, float]] = score.items()
        if len(score) > k:  # only the scores near the k-th best need sorting
            cut = sorted(score.values())[-k] - 1e-6
            found = [(item, value) for item, value in found if value >= cut]
        best = sorted(found, key=lambda kv: (-round(kv[1], 9), kv[0]))[:k]
        return [item for item, _ in best]


_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")


def _is_heading(text: str, short: int) -> bool:
    """A subhead: fewer than ``short`` words, in capitals or not ending like a sentence.

    >>> _is_heading("LOCKED EXITS", 6), _is_heading("Locked exits", 6)
    (True, True)
    >>> _is_heading("WHAT NEXT?", 6), _is_heading('"We will rebuild," she said.', 6)
    (True, False)
    """
    words = text.split()
    if len(words) >= short:
        return False
    return not any(map(str.islower, text)) or not _SENTENCE_END.search(text)


def _skeleton_ratio(a: list[str], b: list[str]) -> float:
    """SequenceMatcher's ratio of two word lists, the same in both directions.

    difflib's ratio can depend on the order of its arguments; sorting them first keeps
    an alignment the same whichever version is called old.

    >>> _skeleton_ratio("a c b c a c".split(), "c b b a c".split())
    0.36363636363636365
    >>> _skeleton_ratio("c b b a c".split(), "a c b c a c".split())
    0.36363636363636365
    """
    first, second = sorted((a, b))
    if not first and not second:
        return 1.0
    blocks = _matching_blocks(first, second, _positions(second))
    return 2.0 * sum(size for _, _, size in blocks) / (len(first) + len(second))


def _sentence_words(texts: Sequence[str], chosen: list[int]) -> list[tuple[int, list[str]]]:
    """``(paragraph, style-key words)`` of every sentence of the chosen paragraphs."""
    owners, found = [], []
    for k in chosen:
        for sentence in sentences(texts[k]):
            owners.append(k)
            found.append(sentence)
    return list(zip(owners, style_words(found), strict=True))


class _Aligner:
    """Holds the state of one alignment run; ``run`` returns the groups."""

    def __init__(self, old: Sequence[str], new: Sequence[str], options: Options) -> None:
        self.old = old
        self.new = new
        self.options = options
        # Style-key words of the paragraphs not identical to one on the other side.
        self.old_words: dict[int, list[str]] = {}
        self.new_words: dict[int, list[str]] = {}
        self.old_partner: dict[int, int] = {}  # 1:1 matches so far
        self.new_partner: dict[int, int] = {}
        self.similarity: dict[tuple[int, int], float] = {}
        self.cover: dict[tuple[int, int], float] = {}  # fuzzy matches: least mutual cover

    # -- helpers -------------------------------------------------------------------

    def _match(self, o: int, n: int, similarity: float) -> None:
        self.old_partner[o] = n
        self.new_partner[n] = o
        self.similarity[(o, n)] = similarity

    def _acceptable(self, a: _Bag, b: _Bag, lap: _Overlap, in_place: bool) -> bool:
        opt = self.options
        words = min(len(a.words), len(b.words))
        if words < opt.short_paragraph:
            needed = opt.short_similarity if in_place else opt.short_moved_similarity
            return lap.similarity >= needed
        if lap.similarity >= opt.match_anywhere:
            return True
        if in_place and lap.similarity >= opt.match_in_place:
            return True
        return max(lap.cover_a, lap.cover_b) >= opt.containment and (
            lap.shared >= opt.min_shared_words
        )

    # -- stages --------------------------------------------------------------------

    def run(self) -> list[Group]:
        # Identical paragraphs first, then paragraphs equal up to house style among the
        # rest: most of a long text is unchanged, and its words need never be read.
        for o, n in _exact_pairs(self.old, self.new):
            self._match(o, n, 1.0)
        rest_old = [o for o in range(len(self.old)) if o not in self.old_partner]
        rest_new = [n for n in range(len(self.new)) if n not in self.new_partner]
        self.old_words = dict(zip(rest_old, style_words([self.old[o] for o in rest_old]),
                                  strict=True))
        self.new_words = dict(zip(rest_new, style_words([self.new[n] for n in rest_new]),
                                  strict=True))
        old_keys = [" ".join(self.old_words[o]) for o in rest_old]
        new_keys = [" ".join(self.new_words[n]) for n in rest_new]
        for i, j in _exact_pairs(old_keys, new_keys):
            self._match(rest_old[i], rest_new[j], 1.0)
        self._pair_moved_duplicates(dict(zip(rest_old, old_keys, strict=True)),
                                    dict(zip(rest_new, new_keys, strict=True)))
        self.anchors = _in_order_chain(
            sorted(self.old_partner.items()), (len(self.old), len(self.new))
        )
        self._anchor_old = [o for o, _ in self.anchors]
        self._anchor_new = [n for _, n in self.anchors]
        self.exact = set(self.old_partner)
        self._contained_old: set[int] = set()
        self._contained_new: set[int] = set()
        self._indexes: tuple[_Index, _Index] | None = None

        left_old = [o for o in rest_old if o not in self.old_partner]
        left_new = [n for n in rest_new if n not in self.new_partner]
        if left_old or left_new:
            self.weights = self._weights()
            self.old_bags = {o: _Bag.of(self.old_words[o], self.weights) for o in left_old}
            self.new_bags = {n: _Bag.of(self.new_words[n], self.weights) for n in left_new}
            if left_old and left_new:
                self._fuzzy(left_old, left_new)
                self._repair_repeats()
            return self._groups(*self._choices())
        return self._groups({}, {})

    def _repair_repeats(self) -> None:
        """Copies of a repeated paragraph re-paired where they stand among the matches.

        Exact pairing must choose among the copies of a line a live blog repeats
        ("Advertisement") before the entries around them are matched, and in a stretch
        with a copy more on one side it can take the wrong one, which then shows a real
        entry as moved. With the fuzzy matches known, each copy pairs with a copy in its
        own stretch between the other matches, in order; copies left over still pair
        in order, as before.
        """
        if len(set(self.old)) == len(self.old) and len(set(self.new)) == len(self.new):
            return  # nothing repeats (most texts): a set of the texts, in C, tells
        old_at: dict[str, list[int]] = defaultdict(list)
        new_at: dict[str, list[int]] = defaultdict(list)
        for o, text in enumerate(self.old):
            old_at[text].append(o)
        for n, text in enumerate(self.new):
            new_at[text].append(n)
        # Equal numbers of copies were paired in order, stretch by stretch; only a copy
        # more on one side leaves a choice that may be wrong.
        repeated = [
            text for text, olds in old_at.items()
            if text in new_at and len(olds) != len(new_at[text])
        ]
        if not repeated:
            return
        copies = {o for text in repeated for o in old_at[text]}
        chain_ = _in_order_chain(
            sorted((o, n) for o, n in self.old_partner.items() if o not in copies),
            (len(self.old), len(self.new)),
        )
        chain_old = [o for o, _ in chain_]
        chain_new = [n for _, n in chain_]
        for text in repeated:
            olds_all, news_all = set(old_at[text]), set(new_at[text])
            # The copies free to re-pair: unmatched, or matched to a copy.
            olds = [o for o in old_at[text] if self.old_partner.get(o, -1) in news_all
                    or o not in self.old_partner]
            news = [n for n in new_at[text] if self.new_partner.get(n, -1) in olds_all
                    or n not in self.new_partner]
            for o in olds:
                if o in self.old_partner:
                    n = self.old_partner.pop(o)
                    del self.new_partner[n]
                    self.similarity.pop((o, n), None)
            by_gap_old, by_gap_new = _by_gap(olds, chain_old), _by_gap(news, chain_new)
            rest_old, rest_new = [], []
            for gap in sorted(by_gap_old.keys() | by_gap_new.keys()):
                gap_old, gap_new = by_gap_old.get(gap, []), by_gap_new.get(gap, [])
                for o, n in zip(gap_old, gap_new, strict=False):
                    self._match(o, n, 1.0)
                rest_old += gap_old[len(gap_new):]
                rest_new += gap_new[len(gap_old):]
            for o, n in zip(rest_old, rest_new, strict=False):
                self._match(o, n, 1.0)
            # A copy paired is settled; one left without a partner is added or removed.
            self.exact.update(o for o in olds if o in self.old_partner)
            self.exact.difference_update(o for o in olds if o not in self.old_partner)

    def _pair_moved_duplicates(self, old_keys: dict[int, str], new_keys: dict[int, str]) -> None:
        """Equal paragraphs the gap-by-gap passes could not pair (they moved), in order.

        ``old_keys`` and ``new_keys`` give the style keys of the paragraphs not identical
        to one on the other side, in paragraph order.
        """
        waiting: dict[str, list[int]] = defaultdict(list)
        for o, key in reversed(old_keys.items()):
            if o not in self.old_partner:
                waiting[key].append(o)
        for n, key in new_keys.items():
            if n not in self.new_partner:
                stack = waiting.get(key)
                if stack:
                    self._match(stack.pop(), n, 1.0)

    _WEIGHT_SAMPLE = 5_000  # identical pairs read for word weights; more are sampled

    def _weights(self) -> _Weights:
        """IDF weights over every paragraph of both versions.

        Paragraphs identical in both versions count twice. On a long text most of them
        are, and reading all their words would cost more than the rest of the
        alignment; beyond ``_WEIGHT_SAMPLE`` pairs, an even sample of them is read and
        its counts scaled up. The sample is chosen by ``old + new`` index, so it does
        not depend on which version is called old.
        """
        df: Counter[str] = Counter()
        df.update(chain.from_iterable(map(set, self.old_words.values())))
        df.update(chain.from_iterable(map(set, self.new_words.values())))
        identical = [(o, n) for o, n in self.old_partner.items() if o not in self.old_words]
        stride = -(-len(identical) // self._WEIGHT_SAMPLE)
        sample = [o for o, n in identical if (o + n) % stride == 0] if identical else []
        if sample:
            words = style_words([self.old[o] for o in sample])
            counts = Counter(chain.from_iterable(map(set, words)))
            for word, count in counts.items():
                # Rounded to the nearest whole count, in integers: both directions agree.
                df[word] += (2 * count * len(identical) + len(sample) // 2) // len(sample)
        return _Weights(df, len(self.old) + len(self.new))

    def _in_place(self, o: int, n: int) -> bool:
        """Whether two paragraphs stand in the same stretch between in-order anchors."""
        return bisect_left(self._anchor_old, o) == bisect_left(self._anchor_new, n)

    def _order(self, o: int, n: int) -> tuple[float, int]:
        """Tie-break between equally good pairs, the same whichever version is "old".

        Prefer the pair whose paragraphs stand at the same relative place, then the
        earlier one. Being symmetric is what makes swapping the versions swap added and
        removed exactly, even among repeated paragraphs.
        """
        return (abs(o / max(len(self.old), 1) - n / max(len(self.new), 1)), o + n)

    def _fuzzy(self, left_old: list[int], left_new: list[int]) -> None:
        opt = self.options
        old_index, new_index = self._paragraph_indexes()
        scored = []

        def score(pairs: Iterable[tuple[int, int]]) -> None:
            for o, n in pairs:
                old_bag, new_bag = self.old_bags[o], self.new_bags[n]
                lap = _overlap(old_bag, new_bag, self.weights)
                if self._acceptable(old_bag, new_bag, lap, self._in_place(o, n)):
                    cover = min(lap.cover_a, lap.cover_b)
                    whole = _found_whole(old_bag, new_bag, lap, opt.short_paragraph)
                    scored.append((round(lap.similarity, 9), o, n, cover, whole))

        # Paragraphs rewritten in place are the common case: a leftover with a partner
        # in its own stretch similar enough to be matched anywhere does not search the
        # whole text. Others may still find it, so a better partner elsewhere still
        # wins unless both of them were settled in place.
        mates = self._gap_mates(left_old, left_new)
        score(mates)
        # A subhead or a one-line toll reworded in place ("SHIPS WAIT" -> "SHIPS STILL
        # WAITING", "One person was killed." -> "Three people were killed."): the one
        # short leftover on each side of a stretch, sharing a word that is not a stop word.
        short = opt.short_paragraph
        heads = [
            (o, n) for o, n in mates
            if len(self.old_bags[o].words) < short and len(self.new_bags[n].words) < short
        ]
        per_old = Counter(o for o, _ in heads)
        per_new = Counter(n for _, n in heads)
        found = {(o, n) for _sim, o, n, _c, _w in scored}
        # The one leftover on each side of a stretch, rewritten in its place from the
        # same opening ("Shares in Halvard were up 2.4% in early trading." -> "Shares in
        # Halvard were up 5.8% at 1120 GMT, the biggest gainer ..."; "Turnout was 52%." ->
        # "Turnout was 53.4%, the electoral office said."): where it stands and how it
        # starts are evidence the rest of its words need not give. Two different
        # paragraphs in one place rarely open alike; they may end alike ("..., the
        # foreign ministry said."), which says nothing.
        mates_old = Counter(o for o, _ in mates)
        mates_new = Counter(n for _, n in mates)
        for o, n in mates:
            if mates_old[o] == 1 == mates_new[n] and (o, n) not in found:
                old_bag, new_bag = self.old_bags[o], self.new_bags[n]
                if _same_opening(old_bag.words, new_bag.words):
                    lap = _overlap(old_bag, new_bag, self.weights)
                    if lap.shared:
                        cover = min(lap.cover_a, lap.cover_b)
                        scored.append((round(lap.similarity, 9), o, n, cover, False))
                        found.add((o, n))
        for o, n in heads:
            if per_old[o] == 1 == per_new[n] and (o, n) not in found:
                lap = _overlap(self.old_bags[o], self.new_bags[n], self.weights)
                if lap.shared:
                    cover = min(lap.cover_a, lap.cover_b)
                    scored.append((round(lap.similarity, 9), o, n, cover, False))
        settled_old = {o for sim, o, _n, _c, _w in scored if sim >= opt.match_anywhere}
        settled_new = {n for sim, _o, n, _c, _w in scored if sim >= opt.match_anywhere}
        # Candidates are looked up from both sides, so the result does not depend on
        # which version is called old.
        seeking_new = [n for n in left_new if n not in settled_new]
        seeking_old = [o for o in left_old if o not in settled_old]
        found_old = old_index.find([self.new_bags[n] for n in seeking_new], opt.candidates)
        found_new = new_index.find([self.old_bags[o] for o in seeking_old], opt.candidates)
        candidates = {
            (o, n) for n, olds in zip(seeking_new, found_old, strict=True) for o in olds
        } | {(o, n) for o, news in zip(seeking_old, found_new, strict=True) for n in news}
        score(candidates - mates)
        # A paragraph found word for word inside another (a live-blog entry extended by
        # a sentence) is that paragraph, before any closer look-alike whose figures or
        # time differ (the next entry, written from the same template).
        scored.sort(key=lambda t: (not t[4], -t[0], *self._order(t[1], t[2])))
        for similarity, o, n, cover, _whole in scored:
            if o not in self.old_partner and n not in self.new_partner:
                self._match(o, n, similarity)
                self.cover[(o, n)] = cover

    def _paragraph_indexes(self) -> tuple[_Index, _Index]:
        """Indexes of the leftover paragraphs of each side, built once and shared."""
        if self._indexes is None:
            old_index = _Index(self.options.common_word_limit, pairs=False)
            new_index = _Index(self.options.common_word_limit, pairs=False)
            for o, bag in self.old_bags.items():
                old_index.add(o, bag)
            for n, bag in self.new_bags.items():
                new_index.add(n, bag)
            self._indexes = (old_index, new_index)
        return self._indexes

    _GAP_MATES = 8  # a stretch with more leftovers than this on a side is left to the index

    def _gap_mates(self, left_old: list[int], left_new: list[int]) -> set[tuple[int, int]]:
        """Pairs of leftovers standing in the same stretch between two anchors.

        Editors rewrite in place far more than they move, and a paragraph whose only
        edit is a figure may share no rare word at all with its old self when every
        paragraph around it is built alike. Small stretches are paired exhaustively
        (at most ``_GAP_MATES`` squared pairs each, so the cost stays linear).
        """
        old_by_gap = _by_gap(left_old, self._anchor_old)
        new_by_gap = _by_gap(left_new, self._anchor_new)
        return {
            (o, n)
            for gap, olds in old_by_gap.items()
            if len(olds) <= self._GAP_MATES and len(new_by_gap.get(gap, ())) <= self._GAP_MATES
            for o in olds
            for n in new_by_gap.get(gap, ())
        }

    # -- stage 3: sentences --------------------------------------------------------

    def _choices(self) -> tuple[dict[int, int], dict[int, int]]:
        """Where each leftover paragraph's sentences came from (or went to).

        A leftover paragraph's sentences are linked one to one with the sentences of the
        paragraphs it may come from, best first, and so are the sentences of a matched
        paragraph with its partner's, which win ties. A leftover new paragraph whose
        linked sentences mostly come from one old paragraph, covering at least
        ``Options.piece_share`` of its words, "chooses" that old paragraph; and the
        mirror for leftover old paragraphs. Returns ``(old_choice, new_choice)``:
        ``old_choice[o] = n``, ``new_choice[n] = o``.
        """
        opt = self.options
        # A match whose two paragraphs explain each other almost wholly has no sentence
        # left over to give to a split or take from a merge; leave it out.
        done = self.exact | {o for (o, _n), cover in self.cover.items() if cover >= _SETTLED}
        in_play_old = [o for o in self.old_bags if o not in done]
        in_play_new = [
            n for n in self.new_bags if n not in self.new_partner or self.new_partner[n] not in done
        ]
        if not in_play_old or not in_play_new:
            return {}, {}
        # Where a leftover's sentences may come from: the paragraphs in play on the other
        # side that share the most rare words and word pairs with it, and those whose own
        # look-up finds it. Word pairs count here: a piece of a split may be one short
        # sentence of words that every entry of a live blog uses.
        old_index = _Index(opt.common_word_limit)
        new_index = _Index(opt.common_word_limit)
        for o in in_play_old:
            old_index.add(o, self.old_bags[o])
        for n in in_play_new:
            new_index.add(n, self.new_bags[n])
        left_old = [o for o in self.old_bags if o not in self.old_partner]
        left_new = [n for n in self.new_bags if n not in self.new_partner]
        found_new = new_index.find([self.old_bags[o] for o in left_old], opt.candidates)
        found_old = old_index.find([self.new_bags[n] for n in left_new], opt.candidates)
        pairs = {
            (o, n) for o, news in zip(left_old, found_new, strict=True) for n in news
        } | {(o, n) for n, olds in zip(left_new, found_old, strict=True) for o in olds}
        # Sentences of those paragraphs and of their partners.
        olds = {o for o, _ in pairs}
        news = {n for _, n in pairs}
        olds |= {self.new_partner[n] for n in news if n in self.new_partner}
        news |= {self.old_partner[o] for o in olds if o in self.old_partner}
        old_sentences = _sentence_words(self.old, sorted(olds))
        new_sentences = _sentence_words(self.new, sorted(news))
        old_by_paragraph: dict[int, list[int]] = defaultdict(list)
        new_by_paragraph: dict[int, list[int]] = defaultdict(list)
        for i, (o, _) in enumerate(old_sentences):
            old_by_paragraph[o].append(i)
        for j, (n, _) in enumerate(new_sentences):
            new_by_paragraph[n].append(j)
        # A sentence found word for word in its own paragraph's partner is that
        # sentence: the link inside the match would consume it before any other.
        used_old: set[int] = set()
        used_new: set[int] = set()
        for o in sorted(olds):
            if o in self.old_partner:
                self._link_twins(
                    old_by_paragraph[o], new_by_paragraph[self.old_partner[o]],
                    old_sentences, new_sentences, used_old, used_new,
                )
        # Every open sentence of a leftover is scored against every open sentence of
        # each paragraph it may come from, and an open sentence of a matched paragraph
        # against its partner's: if it is better explained there, the link inside the
        # match consumes it first.
        def open_pairs(o: int, n: int) -> Iterator[tuple[int, int]]:
            news = [j for j in new_by_paragraph[n] if j not in used_new]
            return ((i, j) for i in old_by_paragraph[o] if i not in used_old for j in news)

        candidates: set[tuple[int, int]] = set()
        for o, n in pairs:
            candidates.update(open_pairs(o, n))
        for o in olds:
            if o in self.old_partner:
                candidates.update(open_pairs(o, self.old_partner[o]))
        old_bags = {
            i: _Bag.of(old_sentences[i][1], self.weights) for i in {i for i, _ in candidates}
        }
        new_bags = {
            j: _Bag.of(new_sentences[j][1], self.weights) for j in {j for _, j in candidates}
        }
        links = []
        for i, j in candidates:
            old_words, new_words = old_sentences[i][1], new_sentences[j][1]
            lap = _overlap(old_bags[i], new_bags[j], self.weights)
            score = lap.similarity
            # A sentence keeps its skeleton: a long run of words in the same order marks
            # it even when its rare words changed ("killed more than 1,000 people in the
            # capital" -> "killed more than 1,100 people, officials said"). The shared
            # words bound that ratio from above (it is SequenceMatcher's quick_ratio):
            # most candidates fail the bound and are never diffed. A skeleton of stop
            # words and formulae is no evidence: two content words must be among them.
            if score < opt.sentence_similarity and lap.shared >= 2 and 2.0 * lap.common >= (
                opt.sentence_similarity * (len(old_words) + len(new_words))
            ):
                score = max(score, _skeleton_ratio(old_words, new_words))
            if score >= opt.sentence_similarity or (
                max(lap.cover_a, lap.cover_b) >= opt.containment
                and lap.shared >= opt.min_shared_words // 2
            ):
                o, n = old_sentences[i][0], new_sentences[j][0]
                same = self.old_partner.get(o) == n  # links inside a match win ties
                links.append((round(score, 9) + (1.0 if same else 0.0), o, n, i, j))
        links.sort(key=lambda t: (-t[0], *self._order(t[1], t[2]), t[3] + t[4]))
        from_old: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        from_new: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for _, o, n, i, j in links:
            if i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            # A linked sentence is the same sentence, reworded or not: all of it counts.
            from_old[n][o] += new_bags[j].weight
            from_new[o][n] += old_bags[i].weight

        new_choice: dict[int, int] = {}
        for n, sources in from_old.items():
            if n in self.new_partner:
                continue
            o, weight = self._strongest(sources, new=n)
            if weight >= opt.piece_share * self.new_bags[n].weight:
                new_choice[n] = o
        old_choice: dict[int, int] = {}
        for o, targets in from_new.items():
            if o in self.old_partner:
                continue
            n, weight = self._strongest(targets, old=o)
            if weight >= opt.piece_share * self.old_bags[o].weight:
                old_choice[o] = n
        old_index, new_index = self._paragraph_indexes()
        self._contained(self.old_bags, self.new_bags, new_index, self.old_partner,
                        self.new_partner, old_choice, self._contained_old,
                        lambda mine, other: self._order(mine, other))
        self._contained(self.new_bags, self.old_bags, old_index, self.new_partner,
                        self.old_partner, new_choice, self._contained_new,
                        lambda mine, other: self._order(other, mine))
        # A heading is never a piece of prose: a new subhead over a paragraph that lost
        # a sentence is an added subhead, though every word of it is in that sentence.
        short = opt.short_paragraph
        old_choice = {
            o: n for o, n in old_choice.items()
            if not _is_heading(self.old[o], short) and not _is_heading(self.new[n], short)
        }
        new_choice = {
            n: o for n, o in new_choice.items()
            if not _is_heading(self.new[n], short) and not _is_heading(self.old[o], short)
        }
        return old_choice, new_choice

    @staticmethod
    def _link_twins(
        olds: list[int],
        news: list[int],
        old_sentences: list[tuple[int, list[str]]],
        new_sentences: list[tuple[int, list[str]]],
        used_old: set[int],
        used_new: set[int],
    ) -> None:
        """Link the sentences of a matched pair that are the same words, in order."""
        waiting: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for j in reversed(news):
            waiting[tuple(new_sentences[j][1])].append(j)
        for i in olds:
            twins = waiting.get(tuple(old_sentences[i][1]))
            if twins:
                used_old.add(i)
                used_new.add(twins.pop())

    def _strongest(
        self, links: dict[int, float], *, old: int | None = None, new: int | None = None
    ) -> tuple[int, float]:
        """The paragraph on the other side sending (or receiving) the most linked weight.

        Give ``new`` when ``links`` maps old paragraphs to weights, ``old`` for the
        mirror. Ties go by ``_order``, so the choice does not depend on the direction.
        """

        def rank(item: tuple[int, float]) -> tuple[float, float, int]:
            other, weight = item
            if new is not None:
                return (-round(weight, 9), *self._order(other, new))
            assert old is not None
            return (-round(weight, 9), *self._order(old, other))

        return min(links.items(), key=rank)

    def _contained(
        self,
        mine: dict[int, _Bag],
        other: dict[int, _Bag],
        index: _Index,
        my_partner: dict[int, int],
        other_partner: dict[int, int],
        choice: dict[int, int],
        record: set[int],
        order: Callable[[int, int], tuple[float, int]],
    ) -> None:
        """Leftover paragraphs found whole inside a paragraph of the other version.

        Sentence links miss a merge made inside one sentence ("The storm toppled trees."
        joined into "The storm, with gusts of 140 km/h, also toppled trees.") and a short
        paragraph extended in place. A leftover paragraph whose words are at least
        ``Options.containment`` found in one paragraph on the other side chooses it,
        unless what it shares is what that paragraph's own partner already explains.
        """
        opt = self.options
        seeking = [k for k in mine if k not in my_partner and k not in choice]
        found = index.find([mine[k] for k in seeking], opt.candidates)
        for k, targets in zip(seeking, found, strict=True):
            bag = mine[k]
            best: tuple[float, tuple[float, int], int] | None = None
            for target in targets:
                lap = _overlap(bag, other[target], self.weights)
                enough = lap.shared >= opt.min_shared_words // 2 or (
                    lap.shared >= 2 and lap.cover_a >= 0.95
                )
                if lap.cover_a < opt.containment or not enough:
                    continue
                partner = other_partner.get(target)
                if partner is not None and partner in mine and _overlap(
                    bag, mine[partner], self.weights
                ).similarity >= opt.sentence_similarity:
                    continue  # a near-duplicate of the partner, not a piece of its own
                key = (-round(lap.cover_a, 9), order(k, target), target)
                if best is None or key < best:
                    best = key
            if best is not None:
                choice[k] = best[2]
                record.add(k)

    # -- stage 4: groups and moves -------------------------------------------------

    def _groups(self, old_choice: dict[int, int], new_choice: dict[int, int]) -> list[Group]:
        """Build the groups: 1:1 matches, grown into splits and merges by the choices.

        Every rule here treats the two versions alike (a split one way is a merge the
        other way), and where two readings compete for a paragraph, neither is taken.
        """
        pairs = dict(self.old_partner)
        # A leftover old and new paragraph that chose each other are a 1:1 match.
        for o, n in old_choice.items():
            if new_choice.get(n) == o and self._choice_pair_ok(o, n, mutual=True):
                pairs[o] = n
        taken_old, taken_new = set(pairs), set(pairs.values())
        free_new = {n: o for n, o in new_choice.items() if n not in taken_new}
        free_old = {o: n for o, n in old_choice.items() if o not in taken_old}
        by_target_old: dict[int, list[int]] = defaultdict(list)  # old -> new pieces
        for n, o in free_new.items():
            by_target_old[o].append(n)
        by_target_new: dict[int, list[int]] = defaultdict(list)  # new -> old pieces
        for o, n in free_old.items():
            by_target_new[n].append(o)

        groups: list[tuple[list[int], list[int]]] = []
        # A match grows into a split (new pieces from its old paragraph) or a merge (old
        # pieces into its new paragraph); a match offered both stays 1:1.
        for o, n in pairs.items():
            split_pieces, merge_pieces = by_target_old.get(o, []), by_target_new.get(n, [])
            olds, news = [o], [n]
            if split_pieces and not merge_pieces:
                news += split_pieces
            elif merge_pieces and not split_pieces:
                olds += merge_pieces
            groups.append((olds, news))
        used_old = {o for olds, _ in groups for o in olds}
        used_new = {n for _, news in groups for n in news}
        # Leftover paragraphs chosen by pieces on the other side: two or more make a
        # split (or merge); one makes a 1:1 match if the chosen one chose nobody else.
        splits = [
            ([o], ns) for o, ns in by_target_old.items()
            if o not in used_old and (len(ns) > 1 or o not in old_choice)
        ]
        merges = [
            (os_, [n]) for n, os_ in by_target_new.items()
            if n not in used_new and (len(os_) > 1 or n not in new_choice)
        ]
        candidates = [
            (olds, [n for n in news if n not in used_new]) for olds, news in splits
        ] + [([o for o in olds if o not in used_old], news) for olds, news in merges]
        claims: Counter[tuple[str, int]] = Counter()
        for olds, news in candidates:
            claims.update(("old", o) for o in olds)
            claims.update(("new", n) for n in news)
        for olds, news in candidates:
            contested = any(claims[("old", o)] > 1 for o in olds) or any(
                claims[("new", n)] > 1 for n in news
            )
            one_to_one = len(olds) == 1 and len(news) == 1
            if not contested and olds and news and (
                not one_to_one or self._choice_pair_ok(olds[0], news[0])
            ):
                groups.append((olds, news))

        result: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
        similarity = self.similarity
        for olds, news in groups:
            if len(olds) == 1 == len(news) and (olds[0], news[0]) in similarity:
                result.append(((olds[0],), (news[0],), similarity[olds[0], news[0]]))
                continue
            olds.sort()
            news.sort()
            result.append((tuple(olds), tuple(news), self._group_similarity(olds, news)))
        moved = self._moved([(g[0], g[1]) for g in result])
        final = [Group(o, n, sim, (o, n) in moved) for o, n, sim in result]
        covered_old = set(chain.from_iterable(olds for olds, _ in groups))
        covered_new = set(chain.from_iterable(news for _, news in groups))
        final.extend(Group((o,), (), 0.0) for o in range(len(self.old)) if o not in covered_old)
        final.extend(Group((), (n,), 0.0) for n in range(len(self.new)) if n not in covered_new)
        return final

    def _choice_pair_ok(self, o: int, n: int, mutual: bool = False) -> bool:
        """Whether two leftovers linked by a choice may stand as a plain 1:1 match.

        One shared sentence is enough to make a paragraph a piece of a split, but not
        to make two otherwise different paragraphs the same one: on repetitive copy
        ("It was not immediately clear how many ... remained in ...") unrelated
        paragraphs share sentence skeletons. So a 1:1 match needs either a paragraph
        found whole inside the other (containment), or each the other's main source
        while standing in the same stretch between anchors (a rewrite in place), or
        the fuzzy stage's own rules.
        """
        in_place = self._in_place(o, n)
        if o in self._contained_old or n in self._contained_new or (mutual and in_place):
            return True
        old_bag, new_bag = self.old_bags[o], self.new_bags[n]
        lap = _overlap(old_bag, new_bag, self.weights)
        return self._acceptable(old_bag, new_bag, lap, in_place)

    def _group_similarity(self, olds: list[int], news: list[int]) -> float:
        if len(olds) == 1 and len(news) == 1 and (olds[0], news[0]) in self.similarity:
            return self.similarity[(olds[0], news[0])]
        old_words = [w for o in olds for w in self.old_words[o]]
        new_words = [w for n in news for w in self.new_words[n]]
        return _overlap(
            _Bag.of(old_words, self.weights), _Bag.of(new_words, self.weights), self.weights
        ).similarity

    def _moved(
        self, groups: list[tuple[tuple[int, ...], tuple[int, ...]]]
    ) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
        """Groups outside the longest chain in order on both sides (by first paragraphs).

        Between equally long and equally placed chains, the one holding more text (by
        each group's first paragraphs) stays in order: of two paragraphs that traded
        places, the shorter one moved, whichever version is called old.
        """
        by_new = sorted(groups, key=lambda g: (g[1][0], g[0][0]))
        old, new = self.old, self.new
        masses = [len(old[g[0][0]]) + len(new[g[1][0]]) for g in by_new]
        in_order = _in_order_chain(
            [(g[1][0], g[0][0]) for g in by_new], (len(self.new), len(self.old)), masses
        )
        keep = set(in_order)
        return {g for g in by_new if (g[1][0], g[0][0]) not in keep}


def align(old: Sequence[str], new: Sequence[str], options: Options | None = None) -> list[Group]:
    """Align two versions' paragraphs. Every paragraph lands in exactly one ``Group``.

    >>> [(g.old, g.new) for g in align(["A cat sat.", "Gone."], ["A cat sat."])]
    [((0,), (0,)), ((1,), ())]
    """
    return _Aligner(old, new, options or Options()).run()
