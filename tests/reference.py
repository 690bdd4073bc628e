"""Reference implementations: the engine's straightforward versions, kept for tests.

``revtrack.words``, ``revtrack.figures``, ``revtrack.classify`` and ``revtrack.compare``
take shortcuts for speed (index ranges instead of token lists, their own copy of
difflib's matching, skipping text that cannot hold a figure, not classifying unchanged
paragraphs, objects filled in without their ``__init__``). The functions here are the
plain versions those shortcuts replaced, copied unchanged (``classify`` uses this
module's ``word_ops`` and figure helpers, and the plain figures module kept in
``reference_figures``); property tests check that both give the same answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from reference_figures import Figure, diff_figures, find_figures

from revtrack.classify import _replace_figures, _spans
from revtrack.model import (
    KIND_ORDER,
    PARAGRAPH_JOIN,
    FigureChange,
    FigureChangeKind,
    Kind,
    Span,
    WordOp,
)
from revtrack.parse import Token, sentence_bounds, style_key, tokenise, word_key

_Run = tuple[str, list[Token], list[Token]]  # (op, old tokens, new tokens)

_SENTENCE_PAIRING = 0.3  # two sentences this similar (word ratio) are diffed word by word
_DP_LIMIT = 2500  # sentence pairs; larger replaced regions are diffed as one word run


def _key(token: Token) -> str:
    return word_key(token.text) or token.text


def _text(tokens: Sequence[Token]) -> str:
    return "".join(t.text + t.tail for t in tokens)


def word_ops(old: str, new: str) -> list[WordOp]:
    """Diff two texts word by word.

    >>> ops = word_ops("Killed 1,000 people.", "Killed 1,100 people.")
    >>> [(w.op, w.old, w.new) for w in ops]  # doctest: +NORMALIZE_WHITESPACE
    [('equal', 'Killed ', 'Killed '), ('replace', '1,000 ', '1,100 '),
     ('equal', 'people.', 'people.')]
    """
    old_tokens, new_tokens = tokenise(old), tokenise(new)
    old_sentences = [old_tokens[a:b] for a, b in sentence_bounds(old_tokens)]
    new_sentences = [new_tokens[a:b] for a, b in sentence_bounds(new_tokens)]
    runs: list[_Run] = []
    matcher = SequenceMatcher(
        None,
        [tuple(_key(t) for t in s) for s in old_sentences],
        [tuple(_key(t) for t in s) for s in new_sentences],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(old_sentences[i1:i2], new_sentences[j1:j2], strict=True):
                runs.extend(_diff_tokens(a, b))
        else:
            runs.extend(_diff_sentences(old_sentences[i1:i2], new_sentences[j1:j2]))
    return _to_ops(_merge(_cleanup(_merge(runs))))


def _diff_sentences(old: list[list[Token]], new: list[list[Token]]) -> list[_Run]:
    """Pair similar sentences in order (best total similarity), diff words inside pairs."""
    if not old or not new:
        return [("delete", [t for s in old for t in s], []) if old else
                ("insert", [], [t for s in new for t in s])]
    if len(old) * len(new) > _DP_LIMIT:
        return _diff_tokens([t for s in old for t in s], [t for s in new for t in s])
    old_keys = [[_key(t) for t in s] for s in old]
    new_keys = [[_key(t) for t in s] for s in new]
    rows, cols = len(old), len(new)
    # best[i][j]: best total similarity pairing old[i:] with new[j:] in order.
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    sim = [[0.0] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            ratio = SequenceMatcher(None, old_keys[i], new_keys[j], autojunk=False).ratio()
            sim[i][j] = ratio if ratio >= _SENTENCE_PAIRING else 0.0
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            paired = sim[i][j] + best[i + 1][j + 1] if sim[i][j] else 0.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    runs: list[_Run] = []
    unpaired = 0
    i = j = 0
    while i < rows and j < cols:
        if sim[i][j] and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            runs.extend(_diff_tokens(old[i], new[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            runs.append(("delete", old[i], []))
            unpaired += len(old[i])
            i += 1
        else:
            runs.append(("insert", [], new[j]))
            unpaired += len(new[j])
            j += 1
    runs.extend(("delete", s, []) for s in old[i:])
    runs.extend(("insert", [], s) for s in new[j:])
    unpaired += sum(map(len, old[i:])) + sum(map(len, new[j:]))
    # Sentences joined or cut: a plain word diff keeping at least half (and three) of
    # the words of the sentences left unpaired is the better reading.
    if rows != cols and unpaired:
        flat = _diff_tokens([t for s in old for t in s], [t for s in new for t in s])
        if _kept(flat) - _kept(runs) >= max(3, unpaired / 2):
            return flat
    return runs


def _kept(runs: list[_Run]) -> int:
    return sum(len(old) for op, old, _new in runs if op in ("equal", "style"))


def _diff_tokens(old: list[Token], new: list[Token]) -> list[_Run]:
    """Word diff of two token runs, matching words on their style keys."""
    matcher = SequenceMatcher(None, [_key(t) for t in old], [_key(t) for t in new],
                              autojunk=False)
    runs: list[_Run] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            runs.append((tag, old[i1:i2], new[j1:j2]))
            continue
        # Same key, maybe different spelling: split into exact-equal and style runs.
        for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
            runs.append(("equal" if a.text == b.text else "style", [a], [b]))
    return runs


def _merge(runs: list[_Run]) -> list[_Run]:
    """Join neighbouring runs: equal with equal, style with style, any edits into one."""
    merged: list[_Run] = []
    for op, old, new in runs:
        if not old and not new:
            continue
        if merged:
            last_op, last_old, last_new = merged[-1]
            if last_op == op and op in ("equal", "style"):
                merged[-1] = (op, last_old + old, last_new + new)
                continue
            if last_op not in ("equal", "style") and op not in ("equal", "style"):
                merged[-1] = ("edit", last_old + old, last_new + new)
                continue
        merged.append((op if op in ("equal", "style") else "edit", old, new))
    return merged


def _cleanup(runs: list[_Run]) -> list[_Run]:
    """Fold equalities no longer than the edits on both sides into those edits.

    diff-match-patch's semantic cleanup rule, counted in words. Style runs count as
    edits here: they are shown as changes.
    """
    if len(runs) < 3:
        return runs
    out = list(runs)
    changed = True
    while changed:
        changed = False
        for k in range(1, len(out) - 1):
            op, old, _new = out[k]
            before, after = out[k - 1], out[k + 1]
            if op != "equal" or before[0] == "equal" or after[0] == "equal":
                continue
            size = len(old)
            if size <= max(len(before[1]), len(before[2])) and size <= max(
                len(after[1]), len(after[2])
            ):
                out[k] = ("edit", old, list(out[k][2]))
                out = _merge(out)
                changed = True
                break
    return out


def _to_ops(runs: list[_Run]) -> list[WordOp]:
    ops = []
    for op, old, new in runs:
        old_text, new_text = _text(old), _text(new)
        if op == "equal":
            ops.append(WordOp("equal", old_text, new_text))
        elif op == "style":
            ops.append(WordOp("replace", old_text, new_text, style=True))
        elif not old:
            ops.append(WordOp("insert", "", new_text))
        elif not new:
            ops.append(WordOp("delete", old_text, ""))
        else:
            style = style_key(old_text) == style_key(new_text)
            ops.append(WordOp("replace", old_text, new_text, style=style))
    return ops


# ---------------------------------------------------------------------------------------
# classify and its figure helpers, as they were


def _locate(
    figure: Figure | None, indices: Sequence[int], starts: Sequence[int]
) -> Span | None:
    """Map a figure's offset in joined text to ``(paragraph, start, end)``."""
    if figure is None:
        return None
    k = max(i for i, start in enumerate(starts) if start <= figure.start)
    return (indices[k], figure.start - starts[k], figure.end - starts[k])


def figure_changes(
    old_paragraphs: Sequence[str],
    new_paragraphs: Sequence[str],
    old_indices: Sequence[int],
    new_indices: Sequence[int],
    old_figures: Sequence[Figure] | None = None,
    new_figures: Sequence[Figure] | None = None,
) -> list[FigureChange]:
    """Figures updated, added or removed between two groups of paragraphs."""
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
            FigureChange(
                change=change,
                old=old.text if old else None,
                new=new.text if new else None,
                old_value=old.value if old else None,
                new_value=new.value if new else None,
                context=context,
                old_at=_locate(old, old_indices, old_starts),
                new_at=_locate(new, new_indices, new_starts),
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
        pass
    elif old_text.split() == new_text.split():
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
    if not kinds:
        return (Kind.UNCHANGED,), (), ()
    ordered = tuple(k for k in KIND_ORDER if k in kinds)
    return ordered, tuple(figures), tuple(word_ops(old_text, new_text))
