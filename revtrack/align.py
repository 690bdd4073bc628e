"""Paragraph alignment: which old paragraphs became which new ones.

Input is two lists of paragraph texts; output is a list of ``Group``: every old and every
new paragraph lands in exactly one group, and each group is 1:1, added (new only),
removed (old only), split (one old, several new) or merged (several old, one new).

The stages, each cheaper than the next and each working only on what the previous one
left over (this is what keeps a 30,000-paragraph live blog near-linear):

1. **Exact anchors.** Paragraphs equal up to house style are paired patience-style:
   keys unique in both versions first, their longest in-order chain, then the same
   inside each gap between anchors; repeated paragraphs pair in order.
2. **Fuzzy 1:1 matches.** Each leftover new paragraph looks up candidate old
   paragraphs through the rare words they share (an inverted index; words in more than
   ``Options.common_word_limit`` paragraphs are not looked up), and only those
   candidates are scored. Pairs are accepted best-first under ``Options``' rules.
3. **Sentence evidence.** Sentences of the paragraphs still in play are linked one to
   one across versions. A leftover paragraph whose words come, through such links,
   from a paragraph on the other side is a piece of a split (or merge) of it.
4. **Moves.** Groups outside the longest in-order chain (by first old and first new
   paragraph) are moved.

Similarity is an IDF-weighted Dice score over the two texts' bags of word keys: a word
counts by its rarity across both versions, and stop words count a quarter. Two
paragraphs that only share the names every paragraph repeats score low; a paragraph and
its reworded self share its rare words and score high.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain

from .options import Options
from .parse import sentences, style_key

STOPWORDS = frozenset(
    """a about after against all also an and are as at be been before being but by can
    could did do does for from had has have he her his how i if in into is it its me more
    most my no not of on once only or other our out over own said says same she should
    so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will
    with would you your""".split()
)
_STOP_FACTOR = 0.25


@dataclass(frozen=True)
class Group:
    """Old paragraphs aligned with new paragraphs (indices), and the evidence for it."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    moved: bool = False


# ---------------------------------------------------------------------------------------
# Word weights and bags


class _Weights:
    """IDF weights of word keys over all paragraphs of both versions."""

    def __init__(self, bags: Iterable[Iterable[str]]) -> None:
        self.df: Counter[str] = Counter()
        total = 0
        for bag in bags:
            self.df.update(set(bag))
            total += 1
        self.total = max(total, 1)
        self._cache: dict[str, float] = {}

    def __call__(self, word: str) -> float:
        weight = self._cache.get(word)
        if weight is None:
            weight = math.log(1.0 + self.total / (self.df.get(word, 0) + 1.0))
            if word in STOPWORDS:
                weight *= _STOP_FACTOR
            self._cache[word] = weight
        return weight


@dataclass
class _Bag:
    """A text's word keys as a multiset, with its total weight."""

    counts: Counter[str]
    weight: float

    @classmethod
    def of(cls, words: Sequence[str], weights: _Weights) -> _Bag:
        counts = Counter(words)
        return cls(counts, sum(weights(w) * c for w, c in counts.items()))


@dataclass(frozen=True)
class _Overlap:
    similarity: float  # weighted Dice
    cover_a: float  # share of a's weight found in b
    cover_b: float
    shared: int  # shared content words (not stop words)


def _overlap(a: _Bag, b: _Bag, weights: _Weights) -> _Overlap:
    small, large = (a.counts, b.counts) if len(a.counts) <= len(b.counts) else (b.counts, a.counts)
    matched = 0.0
    shared = 0
    for word, count in small.items():
        other = large.get(word)
        if other:
            n = min(count, other)
            matched += weights(word) * n
            if word not in STOPWORDS:
                shared += n
    if not matched:
        return _Overlap(0.0, 0.0, 0.0, 0)
    return _Overlap(
        2.0 * matched / (a.weight + b.weight),
        matched / a.weight,
        matched / b.weight,
        shared,
    )


# ---------------------------------------------------------------------------------------
# Stage 1: exact anchors


def _in_order_chain(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates (patience LIS, O(n log n)).

    ``pairs`` must be sorted by their first coordinate; the chain is the longest
    subsequence strictly increasing in the second.

    >>> _in_order_chain([(0, 0), (1, 3), (2, 1), (3, 2)])
    [(0, 0), (2, 1), (3, 2)]
    """
    tails: list[int] = []  # tails[k]: smallest second coordinate ending a chain of k+1
    tail_at: list[int] = []  # index into pairs of that tail
    back: list[int] = [-1] * len(pairs)
    for i, (_first, second) in enumerate(pairs):
        k = bisect_left(tails, second)
        if k == len(tails):
            tails.append(second)
            tail_at.append(i)
        else:
            tails[k] = second
            tail_at[k] = i
        back[i] = tail_at[k - 1] if k else -1
    found: list[tuple[int, int]] = []
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        found.append(pairs[i])
        i = back[i]
    found.reverse()
    return found


_REPEATED_GAP_LIMIT = 4_000_000  # cells; beyond this, repeated keys pair in order instead


def _exact_pairs(old_keys: Sequence[str], new_keys: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of paragraphs with equal keys: patience anchors, gap by gap, then leftovers."""
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(old_keys), 0, len(new_keys))]
    while stack:
        olo, ohi, nlo, nhi = stack.pop()
        if olo >= ohi or nlo >= nhi:
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
        chain_ = _in_order_chain(anchors)
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
    """Inverted index from rare content words to the items (paragraphs, sentences) using them."""

    def __init__(self, weights: _Weights, limit: int) -> None:
        self.weights = weights
        self.limit = limit
        self.postings: dict[str, list[int]] = defaultdict(list)

    def _lookup_words(self, bag: _Bag) -> Iterable[str]:
        df = self.weights.df
        return (w for w in bag.counts if w not in STOPWORDS and df.get(w, 0) <= self.limit)

    def add(self, item: int, bag: _Bag) -> None:
        for word in self._lookup_words(bag):
            self.postings[word].append(item)

    def candidates(self, bag: _Bag, k: int) -> list[int]:
        """The ``k`` items sharing the most rare-word weight with ``bag``."""
        score: dict[int, float] = defaultdict(float)
        for word in self._lookup_words(bag):
            found = self.postings.get(word)
            if found:
                weight = self.weights(word)
                for item in found:
                    score[item] += weight
        return [item for item, _ in heapq.nlargest(k, score.items(), key=lambda kv: kv[1])]


class _Aligner:
    """Holds the state of one alignment run; ``run`` returns the groups."""

    def __init__(self, old: Sequence[str], new: Sequence[str], options: Options) -> None:
        self.old = old
        self.new = new
        self.options = options
        self.old_keys = [style_key(p) for p in old]
        self.new_keys = [style_key(p) for p in new]
        self.old_partner: dict[int, int] = {}  # 1:1 matches so far
        self.new_partner: dict[int, int] = {}
        self.similarity: dict[tuple[int, int], float] = {}

    # -- helpers -------------------------------------------------------------------

    def _match(self, o: int, n: int, similarity: float) -> None:
        self.old_partner[o] = n
        self.new_partner[n] = o
        self.similarity[(o, n)] = similarity

    def _acceptable(self, a: _Bag, b: _Bag, lap: _Overlap, in_place: bool) -> bool:
        opt = self.options
        words = min(sum(a.counts.values()), sum(b.counts.values()))
        if words < opt.short_paragraph:
            return lap.similarity >= opt.short_similarity and (
                in_place or lap.similarity >= opt.match_anywhere + 0.25
            )
        if lap.similarity >= opt.match_anywhere:
            return True
        if in_place and lap.similarity >= opt.match_in_place:
            return True
        return max(lap.cover_a, lap.cover_b) >= opt.containment and (
            lap.shared >= opt.min_shared_words
        )

    # -- stages --------------------------------------------------------------------

    def run(self) -> list[Group]:
        for o, n in _exact_pairs(self.old_keys, self.new_keys):
            self._match(o, n, 1.0)
        self._pair_moved_duplicates()
        self.anchors = _in_order_chain(sorted(self.old_partner.items()))
        self.exact = set(self.old_partner)

        left_old = [o for o in range(len(self.old)) if o not in self.old_partner]
        left_new = [n for n in range(len(self.new)) if n not in self.new_partner]
        if left_old or left_new:
            self.weights = _Weights(k.split() for k in chain(self.old_keys, self.new_keys))
            self.old_bags = {o: _Bag.of(self.old_keys[o].split(), self.weights) for o in left_old}
            self.new_bags = {n: _Bag.of(self.new_keys[n].split(), self.weights) for n in left_new}
            if left_old and left_new:
                self._fuzzy(left_old, left_new)
            return self._groups(self._pieces())
        return self._groups({})

    def _pair_moved_duplicates(self) -> None:
        """Equal paragraphs the gap-by-gap pass could not pair (they moved), in order."""
        waiting: dict[str, list[int]] = defaultdict(list)
        for o in range(len(self.old) - 1, -1, -1):
            if o not in self.old_partner:
                waiting[self.old_keys[o]].append(o)
        for n, key in enumerate(self.new_keys):
            if n not in self.new_partner:
                stack = waiting.get(key)
                if stack:
                    self._match(stack.pop(), n, 1.0)

    def _gap(self, o: int | None = None, n: int | None = None) -> int:
        """Which stretch between two in-order anchors a paragraph stands in."""
        if o is not None:
            return bisect_left(self._anchor_old, o)
        return bisect_left(self._anchor_new, n if n is not None else 0)

    def _fuzzy(self, left_old: list[int], left_new: list[int]) -> None:
        opt = self.options
        self._anchor_old = [o for o, _ in self.anchors]
        self._anchor_new = [n for _, n in self.anchors]
        index = _Index(self.weights, opt.common_word_limit)
        for o in left_old:
            index.add(o, self.old_bags[o])
        scored = []
        for n in left_new:
            bag = self.new_bags[n]
            for o in index.candidates(bag, opt.candidates):
                lap = _overlap(self.old_bags[o], bag, self.weights)
                in_place = self._gap(o=o) == self._gap(n=n)
                if self._acceptable(self.old_bags[o], bag, lap, in_place):
                    scored.append((lap.similarity, o, n))
        scored.sort(key=lambda t: (-t[0], t[2], t[1]))
        for similarity, o, n in scored:
            if o not in self.old_partner and n not in self.new_partner:
                self._match(o, n, similarity)

    # -- stage 3: sentences --------------------------------------------------------

    def _pieces(self) -> dict[tuple[str, int], list[int]]:
        """Split and merge pieces found through sentence links.

        Returns ``{("old", o): [new pieces], ("new", n): [old pieces]}``: leftover
        paragraphs on one side whose words mostly come from one paragraph on the other.
        """
        opt = self.options
        in_play_old = [o for o in range(len(self.old)) if o not in self.exact]
        in_play_new = [n for n in range(len(self.new)) if n not in self.new_partner
                       or self.new_partner[n] not in self.exact]
        if not in_play_old or not in_play_new:
            return {}
        # Sentence bags for every paragraph still in play.
        old_sentences = [
            (o, style_key(s).split()) for o in in_play_old for s in sentences(self.old[o])
        ]
        new_sentences = [
            (n, style_key(s).split()) for n in in_play_new for s in sentences(self.new[n])
        ]
        old_bags = [_Bag.of(words, self.weights) for _, words in old_sentences]
        new_bags = [_Bag.of(words, self.weights) for _, words in new_sentences]
        index = _Index(self.weights, opt.common_word_limit)
        for i, bag in enumerate(old_bags):
            index.add(i, bag)
        links = []
        for j, bag in enumerate(new_bags):
            n = new_sentences[j][0]
            for i in index.candidates(bag, opt.candidates):
                o = old_sentences[i][0]
                lap = _overlap(old_bags[i], bag, self.weights)
                # A sentence keeps its skeleton: a long run of words in the same order
                # marks it even when its rare words changed ("killed more than 1,000
                # people in the capital" -> "killed more than 1,100 people, officials said").
                in_order = SequenceMatcher(
                    None, old_sentences[i][1], new_sentences[j][1], autojunk=False
                ).ratio()
                if max(lap.similarity, in_order) >= opt.sentence_similarity or (
                    max(lap.cover_a, lap.cover_b) >= opt.containment
                    and lap.shared >= opt.min_shared_words // 2
                ):
                    # Links inside a 1:1 match already made win ties.
                    same = self.old_partner.get(o) == n
                    links.append((max(lap.similarity, in_order) + (1.0 if same else 0.0), i, j))
        links.sort(key=lambda t: (-t[0], t[2], t[1]))
        used_old: set[int] = set()
        used_new: set[int] = set()
        from_old: dict[int, Counter[int]] = defaultdict(Counter)  # new para -> old para -> weight
        from_new: dict[int, Counter[int]] = defaultdict(Counter)
        for _, i, j in links:
            if i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            o, n = old_sentences[i][0], new_sentences[j][0]
            # A linked sentence is the same sentence, reworded or not: all of it counts.
            from_old[n][o] += new_bags[j].weight
            from_new[o][n] += old_bags[i].weight

        pieces: dict[tuple[str, int], list[int]] = defaultdict(list)
        for n, sources in from_old.items():
            if n in self.new_partner:
                continue
            o, weight = sources.most_common(1)[0]
            if weight >= opt.piece_share * self.new_bags[n].weight:
                pieces[("old", o)].append(n)
        for o, targets in from_new.items():
            if o in self.old_partner:
                continue
            n, weight = targets.most_common(1)[0]
            if weight >= opt.piece_share * self.old_bags[o].weight:
                pieces[("new", n)].append(o)
        return pieces

    # -- stage 4: groups and moves -------------------------------------------------

    def _groups(self, pieces: dict[tuple[str, int], list[int]]) -> list[Group]:
        old_group: dict[int, tuple[list[int], list[int]]] = {}
        for o, n in self.old_partner.items():
            old_group[o] = ([o], [n])
        taken_old: set[int] = set(self.old_partner)
        taken_new: set[int] = set(self.new_partner)
        # A leftover pair that chose each other through sentences is a 1:1 match.
        for (side, index), found in sorted(pieces.items()):
            if side != "old" or index in taken_old:
                continue
            for n in found:
                if n not in taken_new and index in pieces.get(("new", n), ()):
                    old_group[index] = ([index], [n])
                    taken_old.add(index)
                    taken_new.add(n)
                    break
        # Splits: an old paragraph gains the new pieces that came from it.
        for (side, o), found in sorted(pieces.items()):
            if side != "old":
                continue
            free = [n for n in found if n not in taken_new]
            if o in old_group and free:
                old_group[o][1].extend(free)
            elif o not in taken_old and len(free) >= 2:
                old_group[o] = ([o], free)
            else:
                continue
            taken_old.add(o)
            taken_new.update(free)
        # Merges: a new paragraph gains the old pieces that went into it.
        new_owner = {n: o for o, (_, ns) in old_group.items() for n in ns}
        for (side, n), found in sorted(pieces.items()):
            if side != "new":
                continue
            free = [o for o in found if o not in taken_old]
            if not free:
                continue
            owner = new_owner.get(n)
            if owner is not None and len(old_group[owner][1]) == 1:
                old_group[owner][0].extend(free)
            elif n not in taken_new and len(free) >= 2:
                old_group[free[0]] = (free, [n])
                taken_new.add(n)
            else:
                continue
            taken_old.update(free)

        groups = []
        for olds, news in old_group.values():
            olds.sort()
            news.sort()
            groups.append((tuple(olds), tuple(news), self._group_similarity(olds, news)))
        moved = self._moved([(g[0], g[1]) for g in groups])
        result = [Group(o, n, s, (o, n) in moved) for o, n, s in groups]
        covered_old = {o for g in result for o in g.old}
        covered_new = {n for g in result for n in g.new}
        result.extend(Group((o,), (), 0.0) for o in range(len(self.old)) if o not in covered_old)
        result.extend(Group((), (n,), 0.0) for n in range(len(self.new)) if n not in covered_new)
        return result

    def _group_similarity(self, olds: list[int], news: list[int]) -> float:
        if len(olds) == 1 and len(news) == 1 and (olds[0], news[0]) in self.similarity:
            return self.similarity[(olds[0], news[0])]
        old_words = [w for o in olds for w in self.old_keys[o].split()]
        new_words = [w for n in news for w in self.new_keys[n].split()]
        return _overlap(
            _Bag.of(old_words, self.weights), _Bag.of(new_words, self.weights), self.weights
        ).similarity

    @staticmethod
    def _moved(
        groups: list[tuple[tuple[int, ...], tuple[int, ...]]],
    ) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
        """Groups outside the longest chain in order on both sides (by first paragraphs)."""
        by_new = sorted(groups, key=lambda g: (g[1][0], g[0][0]))
        in_order = _in_order_chain([(g[1][0], g[0][0]) for g in by_new])
        keep = set(in_order)
        return {g for g in by_new if (g[1][0], g[0][0]) not in keep}


def align(old: Sequence[str], new: Sequence[str], options: Options | None = None) -> list[Group]:
    """Align two versions' paragraphs. Every paragraph lands in exactly one ``Group``.

    >>> [(g.old, g.new) for g in align(["A cat sat.", "Gone."], ["A cat sat."])]
    [((0,), (0,)), ((1,), ())]
    """
    return _Aligner(old, new, options or Options()).run()
