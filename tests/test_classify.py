"""Classification of one alignment: kinds, figure changes and word operations."""

from __future__ import annotations

from revtrack.classify import classify
from revtrack.model import Kind, WordOp


def kinds(old: list[str], new: list[str], moved: bool = False) -> set[Kind]:
    found, _, _ = classify(old, new, range(len(old)), range(len(new)), moved)
    return set(found)


def test_identical_pair_is_unchanged_and_carries_no_words() -> None:
    """Identical text is unchanged, alone, with no word operations."""
    assert classify(["Rain fell."], ["Rain fell."], (0,), (0,), False) == (
        (Kind.UNCHANGED,), (), ()
    )


def test_moved_identical_paragraph_is_only_moved() -> None:
    """An identical paragraph out of order is 'moved' and nothing else."""
    assert kinds(["Rain fell."], ["Rain fell."], moved=True) == {Kind.MOVED}


def test_whitespace_only_change_is_style() -> None:
    """Two spaces becoming one is a style change."""
    assert kinds(["Rain  fell."], ["Rain fell."]) == {Kind.STYLE}


def test_exact_split_is_only_split() -> None:
    """A paragraph cut in two with no word changed is a bare split."""
    assert kinds(["Rain fell. Roads closed."], ["Rain fell.", "Roads closed."]) == {Kind.SPLIT}


def test_merge_with_figure_update_and_rewording() -> None:
    """Two paragraphs joined, a number changed and words added carry all three kinds."""
    found = kinds(
        ["At least 14 people died.", "Roads closed."],
        ["At least 22 people died, and roads closed overnight."],
    )
    assert found == {Kind.MERGED, Kind.FIGURE_UPDATE, Kind.REWORDED}


def test_figure_locations_point_into_the_right_piece() -> None:
    """A figure in the second piece of a split is located in that paragraph."""
    _, figures, _ = classify(
        ["Rain fell. At least 14 people died."],
        ["Rain fell.", "At least 22 people died."],
        (3,), (5, 9), False,
    )
    (figure,) = figures
    assert figure.old_at == (3, 11, 22)
    assert figure.new_at == (9, 0, 11)


def test_added_and_removed_carry_their_whole_text_and_figures() -> None:
    """Added text is one insert op, and its figures are reported as added."""
    found, figures, words = classify([], ["Officials counted 40 boats."], (), (2,), False)
    assert found == (Kind.ADDED,)
    assert [(w.op, w.new) for w in words] == [("insert", "Officials counted 40 boats.")]
    assert [(f.change, f.new_value, f.new_at) for f in figures] == [("added", 40, (2, 18, 20))]


def test_moved_identical_paragraph_has_one_equal_op() -> None:
    """A moved paragraph's word ops are its whole text, equal."""
    assert classify(["Rain fell."], ["Rain fell."], (0,), (3,), True)[2] == (
        WordOp("equal", "Rain fell.", "Rain fell."),
    )


def test_merged_paragraphs_with_the_same_words_are_merged_only() -> None:
    """Joining two paragraphs changes only whitespace: merged, not style, with word ops."""
    found, figures, words = classify(["Rain fell.", "Roads closed."], ["Rain fell. Roads closed."],
                                     (0, 1), (0,), False)
    assert (found, figures) == ((Kind.MERGED,), ())
    assert "".join(w.new for w in words) == "Rain fell. Roads closed."


def test_only_the_spelling_of_a_number_is_style() -> None:
    """Re-writing a number is style; changing its value, quantifier or currency is not."""
    def one(old: str, new: str) -> tuple[set[Kind], list[tuple[str | None, str | None]]]:
        found, figures, _ = classify([old], [new], (0,), (0,), False)
        return set(found), [(f.old, f.new) for f in figures if f.change == "updated"]

    for old, new in [
        ("The blast hurt 1200 people.", "The blast hurt 1,200 people."),
        ("Rebels freed 14 Americans.", "Rebels freed fourteen Americans."),
        ("The company lost $3.5bn.", "The company lost $3.5 billion."),
        ("Support was 45%.", "Support was 45 per cent."),
        ("The rate was 3.5%.", "The rate was 3.50%."),
    ]:
        assert one(old, new) == ({Kind.STYLE}, []), (old, new)
    # The decimal point is not punctuation, and every digit counts.
    assert one("Prices rose 1.5% in March.", "Prices rose 15% in March.") == (
        {Kind.FIGURE_UPDATE}, [("1.5%", "15%")]
    )
    assert one("Officials counted 2,345,671 votes.", "Officials counted 2,345,674 votes.") == (
        {Kind.FIGURE_UPDATE}, [("2,345,671", "2,345,674")]
    )
    # A quantifier or a currency says something: changing it is rewording.
    assert one("More than 1,000 people died.", "At least 1,000 people died.") == (
        {Kind.REWORDED}, []
    )
    assert one("The fine was $20 million.", "The fine was €20 million.") == ({Kind.REWORDED}, [])


def test_a_changed_currency_sign_is_not_a_style_word_edit() -> None:
    """"$20" -> "€20" is shown as an edit, never hidden as house style."""
    _, _, words = classify(["It cost $20 million."], ["It cost €20 million."], (0,), (0,), False)
    [op] = [w for w in words if w.op == "replace"]
    assert (op.old.strip(), op.new.strip(), op.style) == ("$20", "€20", False)


def test_a_dropped_minus_sign_is_a_figure_update_not_style() -> None:
    """"-20 degrees" -> "20 degrees" changed the value; "-20" -> "−20" is only style."""
    found, figures, _ = classify(["It fell to -20 degrees."], ["It fell to 20 degrees."],
                                 (0,), (0,), False)
    assert found == (Kind.FIGURE_UPDATE,) and [(f.old, f.new) for f in figures] == [("-20", "20")]
    found, _, _ = classify(["It fell to -20 degrees."], ["It fell to −20 degrees."],
                           (0,), (0,), False)
    assert found == (Kind.STYLE,)
