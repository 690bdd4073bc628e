"""Reading a version: decoding, header, paragraphs, sentences, words."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.parse import (
    _PUNCTUATION,
    _QUOTES,
    InputError,
    decode,
    parse_version,
    sentence_bounds,
    sentences,
    split_header,
    split_paragraphs,
    style_key,
    tokenise,
    word_sentence_bounds,
    word_starts,
)


def test_blank_lines_separate_paragraphs() -> None:
    """One or more blank lines (even with spaces on them) end a paragraph."""
    assert split_paragraphs("One.\n\nTwo.\n \n\t\nThree.") == ["One.", "Two.", "Three."]


def test_lines_inside_a_paragraph_are_joined() -> None:
    """Hard-wrapped lines of one paragraph read as one flow of text."""
    assert split_paragraphs("A long\nwrapped line.\n\nNext.") == ["A long wrapped line.", "Next."]


def test_no_blank_lines_means_one_paragraph_per_line() -> None:
    """A file without any blank line is read one paragraph per non-empty line."""
    assert split_paragraphs("First.\nSecond.\nThird.\n") == ["First.", "Second.", "Third."]


def test_crlf_and_cr_line_endings() -> None:
    """CRLF and CR endings read the same as LF."""
    expected = parse_version("A.\n\nB.").paragraphs
    assert parse_version("A.\r\n\r\nB.").paragraphs == expected
    assert parse_version("A.\r\rB.").paragraphs == expected


def test_bom_is_dropped() -> None:
    """A UTF-8 byte-order mark is not part of the text."""
    assert decode("\ufeffHello".encode(), "a.txt") == "Hello"
    assert parse_version("\ufeffHello").paragraphs == ("Hello",)


def test_date_header_is_the_versions_date_not_text() -> None:
    """A leading 'date YYYY-MM-DD' becomes the date and leaves the first paragraph."""
    version = parse_version("  date 2024-03-05 PORTVALE - Rain fell.\n\nMore rain.")
    assert version.date == dt.date(2024, 3, 5)
    assert version.paragraphs == ("PORTVALE - Rain fell.", "More rain.")


def test_header_alone_on_its_line() -> None:
    """A header on a line of its own leaves no empty paragraph."""
    version = parse_version("date 2024-03-05\nStory.")
    assert version.date == dt.date(2024, 3, 5)
    assert version.paragraphs == ("Story.",)


def test_word_date_later_in_text_is_not_a_header() -> None:
    """Only a header at the very start counts."""
    assert split_header("The date 2024-03-05 was set.") == (None, "The date 2024-03-05 was set.")


def test_invalid_header_date_is_an_error() -> None:
    """An impossible date in the header is reported, naming the file."""
    with pytest.raises(InputError, match=r"old\.txt: line 1: invalid date 2023-02-30"):
        split_header("date 2023-02-30 Text", "old.txt")


def test_binary_file_is_refused() -> None:
    """NUL bytes mean a binary file."""
    with pytest.raises(InputError, match="b.bin: looks like a binary file"):
        decode(b"abc\x00def", "b.bin")


def test_bad_utf8_reports_byte_offset_and_encoding_option() -> None:
    """Invalid UTF-8 is reported with its byte offset and the --encoding way out."""
    # "caf\xc3\xa9" is a valid é; the lone \xef at offset 8 is not UTF-8.
    expected = r"x\.txt: not valid UTF-8 at byte offset 8; pass --encoding"
    with pytest.raises(InputError, match=expected):
        decode(b"caf\xc3\xa9 na\xefve", "x.txt")


def test_encoding_override() -> None:
    """--encoding reads legacy files."""
    assert decode("café".encode("cp1252"), "x.txt", "cp1252") == "café"
    with pytest.raises(InputError, match="unknown encoding 'nope'"):
        decode(b"abc", "x.txt", "nope")


def test_empty_text_is_an_empty_version() -> None:
    """An empty file is valid: a version with no paragraphs."""
    assert parse_version("").paragraphs == ()
    assert parse_version("  \n\n \n").paragraphs == ()


def test_tokens_rebuild_the_text() -> None:
    """Words with their trailing whitespace join back into the text."""
    text = "Killed  1,100 people.\n\nThen more."
    assert "".join(t.text + t.tail for t in tokenise(text)) == text


def test_style_key_ignores_house_style() -> None:
    """Case, punctuation, curly quotes and U.S./US agree; words do not."""
    assert style_key("The U.S. envoy’s “trip”") == style_key('the US envoy\'s "trip"')
    assert style_key("1,200 people") == style_key("1200 people")
    assert style_key("The envoy left") != style_key("The envoy stayed")


def test_style_key_keeps_decimal_points_and_currency_signs() -> None:
    """"1.5%" is not "15%", and "$20" is not "€20"; "1,200" is still "1200"."""
    assert style_key("rose 1.5%") != style_key("rose 15%")
    assert style_key("cost $20") != style_key("cost €20") != style_key("cost 20")
    assert style_key("1,200 people. Then") == style_key("1200 people Then")
    # A time is no decimal: "10.30am" and "10:30am" differ only in house style.
    assert style_key("at 10.30am") == style_key("at 10:30am")


def test_style_key_keeps_emoji() -> None:
    """An emoji says something: "cheered 🎉" -> "cheered 😡" is no house-style change."""
    assert style_key("Fans cheered 🎉.") != style_key("Fans cheered 😡.")
    assert style_key("Fans cheered 🎉🎉🎉") != style_key("Fans cheered 🎉🎉")
    assert style_key("Fans cheered.") != style_key("Fans cheered 🇫🇷.")
    assert style_key("I ❤️ it") == style_key("I ❤ it")  # a variation selector is style



def test_sentences_respect_abbreviations() -> None:
    """Sentences do not end at U.S., Mr. or an initial."""
    text = 'The U.S. envoy met Mr. Oduya and J. Marr. "It went well," he said. Talks end Friday.'
    assert sentences(text) == [
        "The U.S. envoy met Mr. Oduya and J. Marr.",
        '"It went well," he said.',
        "Talks end Friday.",
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["The", "U.S.", "Mr.", "J.", "said.", "left!", "why?", '"Go."', "(Oct.", "4.9.",
             "a.m.", "...", "“Quote.”", "3", "people", "x", "  ", "\u00a0", "Hamas-ruled."]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_text_and_token_sentence_splits_agree(text: str) -> None:
    """sentences() on text splits exactly where sentence_bounds() splits the tokens."""
    tokens = tokenise(text)
    by_tokens = [
        "".join(t.text + t.tail for t in tokens[a:b]).strip() for a, b in sentence_bounds(tokens)
    ]
    assert sentences(text) == by_tokens


def _plain_style_key(text: str) -> str:
    """style_key as first written: one regex pass, for every text."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = re.sub(  # a decimal point is kept, but not in a time ("10.30am")
        r"(?<=[0-9])\.(?=[0-9])(?![0-9]+(?:[ap]\.?m\b|GMT\b|UTC\b|BST\b|CET\b|EST\b|EDT\b))",
        "p", text, flags=re.I,
    )
    text = re.sub(r"(?<![\w.])-(?=[0-9])", "m", text)  # and so is a minus sign
    return " ".join(_PUNCTUATION.sub("", text).casefold().split())


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_style_key_of_ascii_text_takes_the_byte_path_to_the_same_key(text: str) -> None:
    """ASCII text keyed through bytes.translate gets the key the regex path gives."""
    assert style_key(text) == _plain_style_key(text)


_SPLIT_WORDS = ["The", "U.S.", "Mr.", "J.", "said.", "left!", "why?", '"Go."', "(Oct.", "4.9.",
                "a.m.", "...", "“Quote.”", "3", "people", "x", "Hamas-ruled.", "Done.)", "É."]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_SPLIT_WORDS), max_size=30),
    st.lists(st.sampled_from([" ", " ", "  ", "\n\n", "\u00a0", "\t", "\x1c"]), max_size=31),
    st.sampled_from(["", " ", "\n"]),
)
def test_word_starts_and_sentence_bounds_agree_with_tokens(
    words: list[str], spaces: list[str], lead: str
) -> None:
    """The split-words helpers give tokenise()'s starts and sentence_bounds()'s splits."""
    text = lead + "".join(w + (spaces[k] if k < len(spaces) else " ") for k, w in enumerate(words))
    tokens = tokenise(text)
    split = text.split()
    starts = word_starts(text, split)
    assert split == [t.text for t in tokens]
    assert starts == [t.start for t in tokens] + [len(text)]
    assert word_sentence_bounds(text, split, starts) == sentence_bounds(tokens)
