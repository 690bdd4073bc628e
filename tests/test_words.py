"""Word-level diff: whole words, sentence-aware, rebuildable, no character soup."""

from __future__ import annotations

from revtrack.words import word_ops


def rebuilt(old: str, new: str) -> tuple[str, str]:
    ops = word_ops(old, new)
    return "".join(o.old for o in ops), "".join(o.new for o in ops)


def test_numbers_stay_whole_words() -> None:
    """1,000 -> 1,100 is one replaced word, not a changed digit."""
    ops = word_ops("Strikes killed 1,000 people.", "Strikes killed 1,100 people.")
    assert [(o.op, o.old, o.new) for o in ops if o.op != "equal"] == [
        ("replace", "1,000 ", "1,100 ")
    ]


def test_ops_rebuild_both_texts_exactly() -> None:
    """Joining the old parts gives the old text, the new parts the new text."""
    old = "The envoy left on Monday.  He will return.\n\nTalks resume."
    new = "The envoy, tired, left on Tuesday. He won't return."
    assert rebuilt(old, new) == (old, new)


def test_style_only_word_change_is_flagged() -> None:
    """U.S. -> US is a replace marked as style."""
    ops = word_ops("The U.S. envoy left.", "The US envoy left.")
    changed = [o for o in ops if o.op != "equal"]
    assert len(changed) == 1 and changed[0].style and changed[0].op == "replace"


def test_real_rewording_is_not_flagged_style() -> None:
    """A changed word is not a style change."""
    ops = word_ops("The envoy left.", "The envoy stayed.")
    assert [o.style for o in ops if o.op != "equal"] == [False]


def test_unrelated_number_in_added_sentence_does_not_hide_update() -> None:
    """A repeated figure in a new sentence does not steal the old figure's match."""
    old = "Air strikes have killed more than 1,000 people in the capital."
    new = (
        "Air strikes have killed more than 1,100 people, officials said. "
        "The army said it had killed at least 1,000 rebel fighters."
    )
    ops = word_ops(old, new)
    assert ("replace", "1,000 ", "1,100 ") in [(o.op, o.old, o.new) for o in ops]


def test_no_short_equalities_stranded_between_edits() -> None:
    """A lone common word between two rewrites is folded into them."""
    ops = word_ops(
        "Officials in the north said roads were closed.",
        "Police across the region warned drivers to stay home.",
    )
    assert [o.op for o in ops] == ["replace"]


def test_added_sentence_is_one_insert() -> None:
    """An appended sentence is one insert op."""
    ops = word_ops("Rain fell.", "Rain fell. More is forecast.")
    expected = [("equal", "Rain fell. "), ("insert", "More is forecast.")]
    assert [(o.op, o.new) for o in ops] == expected
