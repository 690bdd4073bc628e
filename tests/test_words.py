"""Word-level diff: whole words, sentence-aware, rebuildable, no character soup."""

from __future__ import annotations

from difflib import SequenceMatcher

import reference
from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.parse import style_key
from revtrack.words import WordText, _index, _matching_blocks, _opcodes, _style_key, word_ops


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


# ---------------------------------------------------------------------------------------
# The fast diff against the plain one it replaced (tests/reference.py)

_NEWS_WORDS = (
    "The the officials said. Officials Police police killed more than 1,000 1,100 1000 "
    "people people, people. U.S. US U.K. Mr. Oduya J. Marr. at least fighters in capital "
    "Gaza. gaza “Go,” 'Go,' he she said: Tuesday. $3.5 billion 45% fourteen 14 (Oct. 11) "
    "a.m. — - ... rebels army. river? flood! Hamas-ruled"
).split()
_SPACES = [" ", " ", " ", " ", "  ", "\n\n", "\u00a0", "\t"]


@st.composite
def news_text(draw: st.DrawFn) -> str:
    """Words of wire copy (sentence ends, abbreviations, style variants), odd spacing."""
    words = draw(st.lists(st.sampled_from(_NEWS_WORDS), min_size=0, max_size=40))
    spaces = draw(st.lists(st.sampled_from(_SPACES), min_size=len(words), max_size=len(words)))
    lead = draw(st.sampled_from(["", "", "", " "]))
    return lead + "".join(w + s for w, s in zip(words, spaces, strict=True)).rstrip(
        draw(st.sampled_from([" ", "", "\n"]))
    )


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few words replaced, dropped, added or respelled, as copy is edited."""
    words = text.split(" ")
    for _ in range(draw(st.integers(0, 4))):
        k = draw(st.integers(0, len(words)))
        action = draw(st.sampled_from(["replace", "drop", "add", "upper", "swap"]))
        if action == "add" or not words:
            words.insert(k, draw(st.sampled_from(_NEWS_WORDS)))
        elif k < len(words) and action == "replace":
            words[k] = draw(st.sampled_from(_NEWS_WORDS))
        elif k < len(words) and action == "drop":
            del words[k]
        elif k < len(words) and action == "upper":
            words[k] = words[k].upper()
        elif k + 1 < len(words):
            words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


@st.composite
def text_pair(draw: st.DrawFn) -> tuple[str, str]:
    old = draw(news_text())
    kind = draw(st.sampled_from(["edited", "edited", "unrelated", "same"]))
    if kind == "same":
        return old, old
    return old, draw(news_text() if kind == "unrelated" else edited(old))


@settings(max_examples=600, deadline=None)
@given(text_pair())
def test_word_ops_match_the_plain_diff(pair: tuple[str, str]) -> None:
    """Index runs, own matching and the linear cleanup give the plain diff's ops."""
    assert word_ops(*pair) == reference.word_ops(*pair)


@settings(max_examples=300, deadline=None)
@given(text_pair())
def test_ops_rebuild_texts_from_their_first_word(pair: tuple[str, str]) -> None:
    """Joined ops give each text back (whitespace before the first word is not a word)."""
    old, new = pair
    assert rebuilt(old, new) == (old.lstrip(), new.lstrip())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 5), max_size=25),
    st.lists(st.integers(0, 5), max_size=25),
)
def test_matching_blocks_are_difflibs(a: list[int], b: list[int]) -> None:
    """The copied matching algorithm gives SequenceMatcher's blocks and opcodes."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    assert _matching_blocks(a, b, _index(b)) == [tuple(m) for m in matcher.get_matching_blocks()]
    assert _opcodes(a, b) == matcher.get_opcodes()


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), news_text(), st.text(alphabet="a¨\u0308\u0301 \u00a0\u3000ſK’“")))
def test_style_key_from_word_keys_is_style_key(text: str) -> None:
    """The style flag's key, joined from cached word keys, is style_key of the text."""
    words = WordText(text)
    assert _style_key(words, 0, len(words.words)) == style_key(text)


def test_sentences_exactly_at_the_pairing_ratio_are_paired() -> None:
    """Three shared words of ten and ten is a ratio of exactly 0.3: diffed word by word."""
    old = "Shared words here alpha bravo charlie delta echo foxtrot golf."
    new = "Shared words here hotel india juliet kilo lima mike november."
    assert [o.op for o in word_ops(old, new)] == ["equal", "replace"]
    fewer = "Shared words there hotel india juliet kilo lima mike november."
    assert [o.op for o in word_ops(old, fewer)] == ["replace"]  # 0.2: not paired


def test_sentences_joined_into_one_keep_their_words() -> None:
    """Two sentences merged into one: the second keeps its words, not struck whole."""
    old = "Gusts hit the coast, the weather service said. The storm also toppled trees."
    new = "Gusts hit the coast, the weather service said, and also toppled trees."
    ops = [(w.op, w.old.strip(), w.new.strip()) for w in word_ops(old, new)]
    assert ("equal", "also toppled trees.", "also toppled trees.") in ops
    assert ("delete", "The storm", "") in ops or any(
        op == "replace" and "The storm" in o and "toppled" not in o for op, o, _n in ops
    )
    assert word_ops(old, new) == reference.word_ops(old, new)
