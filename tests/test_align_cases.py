"""Whole-article alignment cases written by reviewers, each labelled by paragraph keys.

Each ``align_cases/*.json`` file holds an old and a new version as lists of
``[key, text]``. The keys are the labels:

* a new key equal to an old key is that paragraph (edited or not);
* ``base/2`` (any suffix after ``/``) is a further piece of old ``base``: a split;
* ``a+b`` is old ``a`` and old ``b`` merged;
* ``+name`` is a paragraph added; an old key missing from the new version was removed;
* ``moved`` (when given) lists the new keys whose group must be marked moved; no other
  group may be.

The test asserts the groups (not the kinds) and that swapping the versions mirrors
them and their moves. Cases that revtrack gets wrong today are marked xfail with the
reason, strictly: fixing one makes its test fail until the mark is removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from revtrack import compare

CASES = Path(__file__).parent / "align_cases"
Groups = set[tuple[tuple[int, ...], tuple[int, ...]]]

KNOWN = {
    "c15_same_frame": "two paragraphs that share only an attribution frame ('His lawyer, "
    "Petar Horn, told reporters outside the court that ...') pair across the story",
    "c19_election_results": "two same-template results paragraphs differing only in the "
    "province name (one removed, one added) are paired",
    "c32_long_update": "a lead rewritten from scratch in place is paired as reworded "
    "(similarity 0.49; the label says removed + added, a judgement call)",
}


def expected_groups(old: list[list[str]], new: list[list[str]]) -> Groups:
    index = {key: i for i, (key, _) in enumerate(old)}
    groups: dict[Any, tuple[tuple[int, ...], tuple[int, ...]]] = {}
    for j, (key, _) in enumerate(new):
        if key.startswith("+"):
            groups[("added", j)] = ((), (j,))
        elif "+" in key:
            olds = tuple(sorted(index[k] for k in key.split("+")))
            groups[("merged", olds)] = (olds, (j,))
        else:
            o = index[key.split("/")[0]]
            _, news = groups.get(("old", o), ((o,), ()))
            groups[("old", o)] = ((o,), tuple(sorted((*news, j))))
    used = {o for olds, _ in groups.values() for o in olds}
    return set(groups.values()) | {((i,), ()) for i in range(len(old)) if i not in used}


def text(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(t for _, t in paragraphs) + "\n"


def case_params() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.json")):
        marks = [pytest.mark.xfail(reason=KNOWN[path.stem], strict=True)] if (
            path.stem in KNOWN
        ) else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


@pytest.mark.parametrize("path", case_params())
def test_reviewed_article_aligns_as_labelled(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    old, new = case["old"], case["new"]
    result = compare(text(old), text(new))
    got = {(a.old, a.new) for a in result.alignments}
    assert got == expected_groups(old, new), case["description"]
    if "moved" in case:
        keys = [key for key, _ in new]
        moved = {(a.old, a.new) for a in result.alignments if is_moved(a)}
        want = {g for g in got if g[1] and any(keys[j] in case["moved"] for j in g[1])}
        assert moved == want
    swapped = compare(text(new), text(old))
    assert {(a.new, a.old) for a in swapped.alignments} == got
    assert {(a.new, a.old) for a in swapped.alignments if is_moved(a)} == {
        (a.old, a.new) for a in result.alignments if is_moved(a)
    }


def is_moved(alignment: Any) -> bool:
    return any(k.value == "moved" for k in alignment.kinds)


def test_every_case_is_listed_once() -> None:
    """Known failures name existing cases; the set is not empty."""
    names = {path.stem for path in CASES.glob("*.json")}
    assert len(names) >= 30 and set(KNOWN) <= names
