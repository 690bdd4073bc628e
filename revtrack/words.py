"""Word-level diff of two texts: whole words, sentence by sentence, never character soup.

``word_ops(old, new)`` returns ``WordOp``s whose ``old`` parts join back into ``old``
and whose ``new`` parts join back into ``new``, exactly.

Why two levels: a plain word diff over a whole paragraph pairs common words across
unrelated sentences. In "killed more than 1,000 people in the capital" against "killed
more than 1,100 people, officials said. The army killed 1,000 fighters", the earliest
longest match pairs the old ``1,000`` with the fighters' ``1,000`` and hides the update.
So sentences are aligned first (equal ones as anchors, similar ones paired in order),
and words are diffed only inside paired sentences. Then, as diff-match-patch's semantic
cleanup does, an equality shorter than the edits on both sides of it is folded into
them: ``-a b c +x y z`` reads better than ``-a +x the -b c +y z``.

Words are matched on their style key, so ``people,`` lines up with ``people`` and
``U.S.`` with ``US``; such pairs come out as ``replace`` ops flagged ``style``.

How it stays fast (a 30,000-paragraph comparison diffs thousands of changed
paragraphs): a text is its list of words, their keys and their start offsets, and a run
of the diff is a pair of index ranges, so no object is built per word beyond the split
and an op's text is one slice. Matching is difflib's ``SequenceMatcher`` algorithm
(``_matching_blocks``), done here so that the blocks that give a sentence pair its
similarity are the blocks its word diff then uses, and so that a pair that cannot reach
the pairing threshold (too few of its words occur in the other sentence at all) is never
matched.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import groupby, pairwise
from operator import eq
from typing import TypeVar

from .model import WordOp, make_word_op
from .parse import word_key, word_sentence_bounds, word_starts

# (op, old words [i1:i2], new words [j1:j2]); op is "equal", "style" (same keys, other
# spelling) or "edit" (anything else: inserted, deleted or replaced words).
_Run = tuple[str, int, int, int, int]
_Block = tuple[int, int, int]  # (i, j, size): a[i:i + size] == b[j:j + size]
_H = TypeVar("_H", bound=Hashable)

_SENTENCE_PAIRING = 0.3  # two sentences this similar (word ratio) are diffed word by word
_DP_LIMIT = 2500  # sentence pairs; larger replaced regions are diffed as one word run

_KEYS: dict[str, str] = {}  # word -> match key; a text's vocabulary is small next to it
_KEYS_LIMIT = 1 << 16


class WordText:
    """A text as the diff sees it: its words, their match keys, where each word starts.

    ``starts`` has one more entry than ``words`` (the text's length), so that words
    ``i`` to ``j - 1`` with their trailing whitespace are ``text[starts[i]:starts[j]]``.
    Built once per text: ``classify`` also asks whether two texts have the same words.
    """

    __slots__ = ("text", "words", "keys", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = text.split()
        self.starts = word_starts(text, self.words)
        self.keys = _keys(self.words)


def _keys(words: list[str]) -> list[str]:
    """Each word's match key: its ``word_key``, or the word itself when that is empty."""
    global _KEYS
    cache = _KEYS
    found = list(map(cache.get, words))
    if None not in found:
        return found  # type: ignore[return-value]  # no None in it
    if len(cache) > _KEYS_LIMIT:  # start afresh (a new dict: another thread may be reading)
        cache = _KEYS = {}
    for word in set(words).difference(cache):
        cache[word] = word_key(word) or word
    return list(map(cache.__getitem__, words))


def word_ops(old: str, new: str) -> list[WordOp]:
    """Diff two texts word by word.

    >>> ops = word_ops("Killed 1,000 people.", "Killed 1,100 people.")
    >>> [(w.op, w.old, w.new) for w in ops]  # doctest: +NORMALIZE_WHITESPACE
    [('equal', 'Killed ', 'Killed '), ('replace', '1,000 ', '1,100 '),
     ('equal', 'people.', 'people.')]
    """
    if old == new:  # one equal op from the first word on (a moved paragraph, say)
        text = old.lstrip()
        return [WordOp("equal", text, text)] if text else []
    return word_ops_of(WordText(old), WordText(new))


def word_ops_of(a: WordText, b: WordText) -> list[WordOp]:
    """``word_ops`` of two texts already split into words."""
    return _to_ops(_merge(_cleanup(_merge(_diff(a, b)))), a, b)


def _diff(a: WordText, b: WordText) -> list[_Run]:
    """Align sentences on their keys, then diff words in equal and in paired sentences."""
    # Sentence i covers words [a_at[i], a_at[i + 1]).
    a_at = [s for s, _ in word_sentence_bounds(a.text, a.words, a.starts)] + [len(a.words)]
    b_at = [s for s, _ in word_sentence_bounds(b.text, b.words, b.starts)] + [len(b.words)]
    if a_at == b_at and a.keys == b.keys:
        # The same sentences, maybe spelled differently (a style edit): one equal run
        # of sentences, which is what the sentence diff below would find.
        return _same_keys(a, b, 0, 0, len(a.words))
    ids: dict[tuple[str, ...], int] = {}  # a sentence's keys, numbered: cheap to compare
    a_ids = [ids.setdefault(tuple(a.keys[s:e]), len(ids)) for s, e in pairwise(a_at)]
    b_ids = [ids.setdefault(tuple(b.keys[s:e]), len(ids)) for s, e in pairwise(b_at)]
    runs: list[_Run] = []
    for tag, i1, i2, j1, j2 in _opcodes(a_ids, b_ids):
        if tag == "equal":
            runs.extend(_same_keys(a, b, a_at[i1], b_at[j1], a_at[i2] - a_at[i1]))
        else:
            runs.extend(_diff_sentences(a, b, a_at[i1 : i2 + 1], b_at[j1 : j2 + 1]))
    return runs


def _diff_sentences(a: WordText, b: WordText, a_at: list[int], b_at: list[int]) -> list[_Run]:
    """Pair similar sentences in order (best total similarity), diff words inside pairs.

    ``a_at``/``b_at`` are the sentence boundaries of the two replaced stretches.
    """
    rows, cols = len(a_at) - 1, len(b_at) - 1
    if not rows or not cols:
        return [("edit", a_at[0], a_at[-1], b_at[0], b_at[-1])]
    if rows * cols > _DP_LIMIT:
        return _diff_words(a, b, a_at[0], a_at[-1], b_at[0], b_at[-1])
    if rows == cols == 1:  # the most common case, and the pairing below without a table
        return _diff_sentence_pair(a, b, a_at[0], a_at[1], b_at[0], b_at[1])
    old_keys = [a.keys[s:e] for s, e in pairwise(a_at)]
    new_keys = [b.keys[s:e] for s, e in pairwise(b_at)]
    new_index = [_index(keys) for keys in new_keys]
    # best[i][j]: best total similarity pairing old[i:] with new[j:] in order.
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    sim = [[0.0] * cols for _ in range(rows)]
    blocks: dict[tuple[int, int], list[_Block]] = {}
    for i in range(rows):
        for j in range(cols):
            size = len(old_keys[i]) + len(new_keys[j])
            shared = sum(map(new_index[j].__contains__, old_keys[i]))
            if shared * 2.0 / size < _SENTENCE_PAIRING:
                continue  # even matching every word the other has would not pair them
            found = _matching_blocks(old_keys[i], new_keys[j], new_index[j])
            ratio = 2.0 * sum(k for _, _, k in found) / size  # SequenceMatcher.ratio()
            if ratio >= _SENTENCE_PAIRING:
                sim[i][j] = ratio
                blocks[i, j] = found
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            paired = sim[i][j] + best[i + 1][j + 1] if sim[i][j] else 0.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    runs: list[_Run] = []
    unpaired = 0  # words of the sentences left without a partner
    i = j = 0
    while i < rows and j < cols:
        if sim[i][j] and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            runs.extend(_block_runs(a, b, blocks[i, j], a_at[i], b_at[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            runs.append(("edit", a_at[i], a_at[i + 1], b_at[j], b_at[j]))
            unpaired += a_at[i + 1] - a_at[i]
            i += 1
        else:
            runs.append(("edit", a_at[i], a_at[i], b_at[j], b_at[j + 1]))
            unpaired += b_at[j + 1] - b_at[j]
            j += 1
    runs.append(("edit", a_at[i], a_at[-1], b_at[j], b_at[-1]))  # what is left of either
    unpaired += a_at[-1] - a_at[i] + b_at[-1] - b_at[j]
    if rows != cols and unpaired:
        # Sentences joined into one ("... the weather service said. The storm also
        # toppled trees" -> "... said, and also toppled trees") or one cut in two pair
        # one to one above, leaving the other part a whole deletion. When a plain word
        # diff of the stretch keeps at least half of those words (and three), it is
        # the better reading.
        flat = _diff_words(a, b, a_at[0], a_at[-1], b_at[0], b_at[-1])
        if _kept(flat) - _kept(runs) >= max(_FLAT_MARGIN, unpaired / 2):
            return flat
    return runs


_FLAT_MARGIN = 3


def _kept(runs: list[_Run]) -> int:
    """How many old words the runs keep (equal or restyled)."""
    return sum(i2 - i1 for op, i1, i2, _j1, _j2 in runs if op != "edit")


def _diff_sentence_pair(a: WordText, b: WordText, i1: int, i2: int, j1: int, j2: int) -> list[_Run]:
    """``_diff_sentences`` of one sentence against one: diffed inside if they pair.

    The table would hold one pair: paired (a ratio of at least ``_SENTENCE_PAIRING``)
    its word diff, otherwise the old sentence deleted and the new one inserted, which
    ``_merge`` joins into the one edit returned here.
    """
    old_keys, new_keys = a.keys[i1:i2], b.keys[j1:j2]
    size = len(old_keys) + len(new_keys)
    index = _index(new_keys)
    if sum(map(index.__contains__, old_keys)) * 2.0 / size >= _SENTENCE_PAIRING:
        found = _matching_blocks(old_keys, new_keys, index)
        if 2.0 * sum(k for _, _, k in found) / size >= _SENTENCE_PAIRING:
            return _block_runs(a, b, found, i1, j1)
    return [("edit", i1, i2, j1, j2)]


def _diff_words(a: WordText, b: WordText, i1: int, i2: int, j1: int, j2: int) -> list[_Run]:
    """Word diff of ``a.words[i1:i2]`` against ``b.words[j1:j2]``, on their keys."""
    old_keys, new_keys = a.keys[i1:i2], b.keys[j1:j2]
    return _block_runs(a, b, _matching_blocks(old_keys, new_keys, _index(new_keys)), i1, j1)


def _block_runs(a: WordText, b: WordText, blocks: list[_Block], i0: int, j0: int) -> list[_Run]:
    """Runs for the matching blocks of two word stretches starting at ``i0`` and ``j0``.

    Between blocks the words are edited; inside a block the keys are equal, and each
    word is ``equal`` or, spelled differently, ``style``.
    """
    runs: list[_Run] = []
    i, j = i0, j0
    for bi, bj, size in blocks:
        bi, bj = bi + i0, bj + j0
        if i < bi or j < bj:
            runs.append(("edit", i, bi, j, bj))
        runs.extend(_same_keys(a, b, bi, bj, size))
        i, j = bi + size, bj + size
    return runs


def _same_keys(a: WordText, b: WordText, i: int, j: int, size: int) -> list[_Run]:
    """Runs for ``size`` words with equal keys: equal where spelled alike, else style."""
    if a.words[i : i + size] == b.words[j : j + size]:
        return [("equal", i, i + size, j, j + size)]
    runs = []
    k = 0
    for alike, group in groupby(map(eq, a.words[i : i + size], b.words[j : j + size])):
        n = len(list(group))
        runs.append(("equal" if alike else "style", i + k, i + k + n, j + k, j + k + n))
        k += n
    return runs


# ---------------------------------------------------------------------------------------
# difflib's matching, on plain sequences


def _index(b: Sequence[_H]) -> dict[_H, list[int]]:
    """Where each element occurs in ``b``, in order (SequenceMatcher's ``b2j``)."""
    b2j: dict[_H, list[int]] = {}
    for j, x in enumerate(b):
        if x in b2j:
            b2j[x].append(j)
        else:
            b2j[x] = [j]
    return b2j


def _longest(
    a: Sequence[_H], b2j: dict[_H, list[int]], alo: int, ahi: int, blo: int, bhi: int
) -> _Block:
    """The longest matching block of ``a[alo:ahi]`` and ``b[blo:bhi]``; ties: earliest.

    SequenceMatcher.find_longest_match with no junk: its extension loops can only grow
    a block over junk, so they never apply here.
    """
    besti, bestj, bestsize = alo, blo, 0
    j2len: dict[int, int] = {}
    nothing: list[int] = []
    for i in range(alo, ahi):
        j2lenget = j2len.get
        newj2len: dict[int, int] = {}
        for j in b2j.get(a[i], nothing):
            if j < blo:
                continue
            if j >= bhi:
                break
            k = newj2len[j] = j2lenget(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        j2len = newj2len
    return besti, bestj, bestsize


def _matching_blocks(a: Sequence[_H], b: Sequence[_H], b2j: dict[_H, list[int]]) -> list[_Block]:
    """SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks(), as tuples.

    ``b2j`` is ``_index(b)``. The last block is the ``(len(a), len(b), 0)`` sentinel.
    """
    queue = [(0, len(a), 0, len(b))]
    found = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = block = _longest(a, b2j, alo, ahi, blo, bhi)
        if k:
            found.append(block)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    found.sort()
    blocks = []
    i1 = j1 = k1 = 0
    for i2, j2, k2 in found:  # join adjacent blocks
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                blocks.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        blocks.append((i1, j1, k1))
    blocks.append((len(a), len(b), 0))
    return blocks


def _opcodes(a: Sequence[_H], b: Sequence[_H]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher(None, a, b, autojunk=False).get_opcodes()."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))] if a else []
    codes = []
    i = j = 0
    for ai, bj, size in _matching_blocks(a, b, _index(b)):
        if i < ai and j < bj:
            codes.append(("replace", i, ai, j, bj))
        elif i < ai:
            codes.append(("delete", i, ai, j, bj))
        elif j < bj:
            codes.append(("insert", i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            codes.append(("equal", ai, i, bj, j))
    return codes


# ---------------------------------------------------------------------------------------
# Runs -> operations


def _merge(runs: list[_Run]) -> list[_Run]:
    """Join neighbouring runs of the same op (equal, style, edit); drop empty ones."""
    merged: list[_Run] = []
    for run in runs:
        op, i1, i2, j1, j2 = run
        if i1 == i2 and j1 == j2:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1], i2, merged[-1][3], j2)
        else:
            merged.append(run)
    return merged


def _size(run: _Run) -> int:
    return max(run[2] - run[1], run[4] - run[3])


def _cleanup(runs: list[_Run]) -> list[_Run]:
    """Fold equalities no longer than the edits on both sides into those edits.

    diff-match-patch's semantic cleanup rule, counted in words, leftmost fold first.
    Style runs count as edits here: they are shown as changes. A fold only changes the
    runs around it, so the scan resumes just before it instead of from the start.
    """
    out = runs
    k = 1
    while k < len(out) - 1:
        op, i1, i2, j1, j2 = out[k]
        before, after = out[k - 1], out[k + 1]
        if (
            op == "equal"
            and before[0] != "equal"
            and after[0] != "equal"
            and i2 - i1 <= _size(before)
            and i2 - i1 <= _size(after)
        ):
            out = _merge([*out[:k], ("edit", i1, i2, j1, j2), *out[k + 1 :]])
            k = max(1, k - 2)
        else:
            k += 1
    return out


def _to_ops(runs: list[_Run], a: WordText, b: WordText) -> list[WordOp]:
    ops = []
    a_text, a_starts, b_text, b_starts = a.text, a.starts, b.text, b.starts
    for op, i1, i2, j1, j2 in runs:
        old_text = a_text[a_starts[i1] : a_starts[i2]]
        new_text = b_text[b_starts[j1] : b_starts[j2]]
        if op == "equal":
            ops.append(make_word_op("equal", old_text, new_text, False))
        elif op == "style":
            ops.append(make_word_op("replace", old_text, new_text, True))
        elif i1 == i2:
            ops.append(make_word_op("insert", "", new_text, False))
        elif j1 == j2:
            ops.append(make_word_op("delete", old_text, "", False))
        else:
            style = _style_key(a, i1, i2) == _style_key(b, j1, j2)
            ops.append(make_word_op("replace", old_text, new_text, style))
    return ops


def _style_key(text: WordText, i: int, j: int) -> str:
    """``style_key`` of words ``i`` to ``j - 1``, from their (cached) word keys.

    The same string: style_key keys each whitespace-separated word on its own (Unicode
    normalisation never joins characters across a space) and joins the non-empty keys.
    """
    return " ".join(filter(None, map(word_key, text.words[i:j])))
