"""Engine invariants, checked with generated article versions (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack import Kind, compare

WORDS = (
    "the officials said rain river Kell Marr governor police bridge 14 1,200 fourteen "
    "U.S. US more than at least people soldiers villages “quoted” 'quoted' flood army "
    "closed reopened Tuesday capital $3.5 billion 45% helicopters minister Ostra valley "
    "rescue crews boats roads schools hospital evacuated mayor warned storm dam water "
    "food shelters Monday weekend residents thousands north south regional national "
    "emergency funds repairs damage estimated farmers crops livestock lost power lines"
).split()

sentence = (
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=14)
    .filter(lambda ws: len(set(ws)) >= 3)
    .map(lambda ws: " ".join(ws).capitalize() + ".")
)


@st.composite
def paragraphs_of(draw: st.DrawFn, max_paragraphs: int = 8) -> list[str]:
    """Distinct paragraphs of 1-3 distinct sentences, as in real copy.

    Identical repeated sentences or paragraphs leave no single right answer to which
    copy was removed; repeated paragraphs are covered by example tests in test_align.py.
    """
    pool = draw(st.lists(sentence, min_size=0, max_size=3 * max_paragraphs, unique=True))
    sizes = draw(st.lists(st.integers(1, 3), min_size=max_paragraphs, max_size=max_paragraphs))
    out, start = [], 0
    for size in sizes:
        if start >= len(pool):
            break
        out.append(" ".join(pool[start : start + size]))
        start += size
    return out


paragraphs = paragraphs_of()
paragraph = paragraphs_of(1).filter(bool).map(lambda ps: ps[0])
article = paragraphs.map("\n\n".join)


@st.composite
def edited_pair(draw: st.DrawFn) -> tuple[str, str]:
    """An article and a version of it with paragraphs dropped, added, shuffled, edited."""
    old = draw(paragraphs)
    new = [p for p in old if draw(st.booleans()) or draw(st.booleans())]
    used = {s for p in old for s in p.split(". ")}
    extra = draw(sentence.filter(lambda s: s.rstrip(".") not in used and s not in used))
    if new and draw(st.booleans()):
        k = draw(st.integers(0, len(new) - 1))
        new[k] = new[k] + " " + extra
    new += [p for p in draw(st.lists(paragraph, max_size=3)) if p not in new]
    new = draw(st.permutations(new)) if draw(st.integers(0, 3)) == 0 else new
    return "\n\n".join(old), "\n\n".join(new)


PROPS = settings(max_examples=200, deadline=None)


@PROPS
@given(article)
def test_a_text_against_itself_has_nothing_changed(text: str) -> None:
    """compare(a, a) reports every paragraph unchanged."""
    result = compare(text, text)
    assert not result.changed
    assert all(a.kinds == (Kind.UNCHANGED,) for a in result.alignments)


@PROPS
@given(edited_pair())
def test_every_paragraph_is_in_exactly_one_alignment(pair: tuple[str, str]) -> None:
    """Each old and each new paragraph appears in exactly one alignment."""
    result = compare(*pair)
    olds = sorted(i for a in result.alignments for i in a.old)
    news = sorted(i for a in result.alignments for i in a.new)
    assert olds == list(range(len(result.old.paragraphs)))
    assert news == list(range(len(result.new.paragraphs)))


@PROPS
@given(edited_pair())
def test_swapping_versions_swaps_added_and_removed(pair: tuple[str, str]) -> None:
    """Reversing the comparison turns added paragraphs into removed ones and back."""
    forward, backward = compare(*pair), compare(pair[1], pair[0])
    added = {a.new for a in forward.alignments if a.kinds == (Kind.ADDED,)}
    removed = {a.old for a in forward.alignments if a.kinds == (Kind.REMOVED,)}
    assert added == {a.old for a in backward.alignments if a.kinds == (Kind.REMOVED,)}
    assert removed == {a.new for a in backward.alignments if a.kinds == (Kind.ADDED,)}


@PROPS
@given(edited_pair())
def test_both_texts_rebuild_from_word_operations(pair: tuple[str, str]) -> None:
    """Joining each alignment's word ops gives back its old and its new paragraphs."""
    result = compare(*pair)
    for a in result.alignments:
        if a.kinds == (Kind.UNCHANGED,):
            assert a.words == ()
            continue
        old = "\n\n".join(result.old.paragraphs[i] for i in a.old)
        new = "\n\n".join(result.new.paragraphs[i] for i in a.new)
        assert "".join(w.old for w in a.words) == old
        assert "".join(w.new for w in a.words) == new


@PROPS
@given(edited_pair())
def test_kinds_follow_the_vocabulary_rules(pair: tuple[str, str]) -> None:
    """unchanged/added/removed stand alone; shapes match split and merged."""
    for a in compare(*pair).alignments:
        alone = {Kind.UNCHANGED, Kind.ADDED, Kind.REMOVED} & set(a.kinds)
        assert not alone or len(a.kinds) == 1
        assert (Kind.SPLIT in a.kinds) == (len(a.new) > 1)
        assert (Kind.MERGED in a.kinds) == (len(a.old) > 1)
        assert a.kinds, "every alignment has at least one kind"
