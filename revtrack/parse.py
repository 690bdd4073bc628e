"""Text -> Version: decoding, normalisation, the dateline header, paragraphs, sentences, words.

Everything here is a pure function of its arguments. Reading files is done by the
caller (the CLI); this module only turns bytes or text into a ``Version`` and offers the
tokenisers the later stages share, so that every stage agrees on what a word, a sentence
and a paragraph are.

Rules (see the README, "Reading a version"):

* CRLF and CR become LF; a UTF-8 byte-order mark is dropped.
* Paragraphs are blocks separated by one or more blank lines. A text with no blank line
  at all is read one paragraph per non-empty line. Lines inside a paragraph are joined
  with a single space (hard-wrapped copy reads as one flow of text).
* A version may begin with ``date YYYY-MM-DD`` (leading spaces allowed), with the story
  continuing on the same line. That date belongs to the version, not to the text.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, count
from operator import add

from .model import Version


class InputError(ValueError):
    """Input that cannot be read as an article version. The message is one line for users."""


# ---------------------------------------------------------------------------------------
# Decoding


def holds_nul_bytes(encoding: str | None) -> bool:
    """Whether text in ``encoding`` legitimately contains NUL bytes (UTF-16, UTF-32).

    For such an encoding a NUL byte says nothing about binary data; NUL *characters*
    after decoding do.

    >>> holds_nul_bytes("utf-16"), holds_nul_bytes("UTF-32-LE"), holds_nul_bytes("cp1252")
    (True, True, False)
    >>> holds_nul_bytes(None), holds_nul_bytes("klingon")
    (False, False)
    """
    if not encoding:
        return False
    try:
        return b"\x00" in "a".encode(encoding)
    except (LookupError, ValueError):  # unknown, or not a text encoding (rot13, hex)
        return False


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode a file's bytes, refusing binary data and reporting where bad UTF-8 starts.

    Binary data is text with NUL bytes, or with NUL characters once decoded in an
    encoding whose text holds NUL bytes (``--encoding utf-16``).

    >>> decode(b"\\xef\\xbb\\xbfhello", "a.txt")
    'hello'
    """
    wide = holds_nul_bytes(encoding)
    if not wide and b"\x00" in data:
        raise InputError(f"{source}: looks like a binary file (it contains NUL bytes)")
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"{source}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as err:
            raise InputError(
                f"{source}: not valid {encoding} at byte offset {err.start}"
            ) from None
        except UnicodeError as err:  # a codec's own error that names no byte (idna)
            raise InputError(f"{source}: not valid {encoding} ({err})") from None
        if wide and "\x00" in text:
            raise InputError(
                f"{source}: looks like a binary file "
                f"(it contains NUL characters once decoded as {encoding})"
            )
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(
                f"{source}: not valid UTF-8 at byte offset {err.start}; "
                "pass --encoding (for example --encoding cp1252) to read it"
            ) from None
    return text.removeprefix("\ufeff")


# ---------------------------------------------------------------------------------------
# Versions and paragraphs

_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?=\s|\Z)[ \t]*")
_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0]*\n(?:[ \t\f\v\u00a0]*\n)*")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF.

    >>> normalise_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_header(text: str, source: str = "<text>") -> tuple[_dt.date | None, str]:
    """Take a leading ``date YYYY-MM-DD`` header off ``text``.

    >>> split_header(" date 2023-10-11 WASHINGTON - Text")
    (datetime.date(2023, 10, 11), 'WASHINGTON - Text')
    >>> split_header("No header here")
    (None, 'No header here')
    """
    match = _HEADER.match(text)
    if not match:
        return None, text
    year, month, day = (int(g) for g in match.groups())
    try:
        date = _dt.date(year, month, day)
    except ValueError:
        raise InputError(
            f"{source}: line 1: invalid date {match.group(1)}-{match.group(2)}-"
            f"{match.group(3)} in the 'date' header"
        ) from None
    return date, text[match.end() :]


def split_paragraphs(text: str) -> list[str]:
    """Split normalised text into paragraphs (see the module docstring for the rules).

    >>> split_paragraphs("One.\\nstill one.\\n\\n\\nTwo.")
    ['One. still one.', 'Two.']
    >>> split_paragraphs("Line one\\nLine two\\n")
    ['Line one', 'Line two']
    """
    text = text.strip()
    if not text:
        return []
    blocks = _BLANK_LINES.split(text) if _BLANK_LINES.search(text) else text.split("\n")
    paragraphs = []
    for block in blocks:
        if "\n" in block:  # hard-wrapped: one flow of text
            joined = " ".join(line for line in map(str.strip, block.split("\n")) if line)
        else:
            joined = block.strip()
        if joined:
            paragraphs.append(joined)
    return paragraphs


def parse_version(text: str, source: str | None = None) -> Version:
    """Read one article version from text (already decoded)."""
    text = normalise_newlines(text).removeprefix("\ufeff")
    date, body = split_header(text, source or "<text>")
    return Version(source=source, date=date, paragraphs=tuple(split_paragraphs(body)))


# ---------------------------------------------------------------------------------------
# Words


@dataclass(frozen=True)
class Token:
    """A word as it stands in a text: ``text`` is the word, ``tail`` the whitespace after."""

    text: str
    tail: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_TOKEN = re.compile(r"(\S+)(\s*)")


def tokenise(text: str) -> list[Token]:
    """Split text into words with their trailing whitespace; joining them rebuilds it.

    >>> [t.text for t in tokenise("Killed 1,100 people.")]
    ['Killed', '1,100', 'people.']
    """
    return [Token(m.group(1), m.group(2), m.start()) for m in _TOKEN.finditer(text)]


# Punctuation, but not currency signs: "$20 million" and "€20 million" differ in more
# than style; nor pictographs and emoji (U+2600-27BF, U+1F000-1FAFF, flags included):
# "cheered 🎉" -> "cheered 😡" says something else. Their variation selectors and joiners
# go with the punctuation ("❤️" and "❤" are one heart).
_PUNCTUATION = re.compile(r"[^\w\s$€£¥\u2600-\u27bf\U0001f000-\U0001faff]|_")
_ASCII_PUNCTUATION = bytes(c for c in range(128) if _PUNCTUATION.match(chr(c)))
_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
    }
)


_QUOTE_PAIRS = tuple((chr(code), straight) for code, straight in _QUOTES.items())


# A decimal point is part of its number: "1.5%" and "15%" are not the same figure, so
# style keys spell it as a letter ("1p5") that punctuation removal leaves alone; and so
# is a minus sign ("-20" is "m20"; the hyphen of "10-20" or "COVID-19" is not one).
# Both are found by a pattern that starts with its literal sign, which the regex engine
# scans for quickly; the character before is then tested by hand (a pattern starting
# with a look-behind is tried at every position of the text, several times slower).
_SIGN_DIGIT = re.compile(r"[.-][0-9]")
_DOT_DIGIT = re.compile(r"\.[0-9]")
_DASH_DIGIT = re.compile(r"-[0-9]")
_DIGITS = frozenset("0123456789")
# Inside the word only: a style key is the keys of its words put together.
_TIME_TAIL = re.compile(r"[0-9]+(?:[ap]\.?m\b|GMT\b|UTC\b|BST\b|CET\b|EST\b|EDT\b)", re.I)


def _fold(text: str) -> str:
    """NFKC, straight quotes, no punctuation, case folded: ``style_key`` but the spacing.

    ASCII text (most copy) is folded as bytes, where deleting and lowering are table
    look-ups, far cheaper than the regex.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        for curly, straight in _QUOTE_PAIRS:
            if curly in text:
                text = text.replace(curly, straight)
        if not text.isascii():
            return _PUNCTUATION.sub("", _spell_decimal_points(text)).casefold()
    text = _spell_decimal_points(text)
    return text.encode().translate(None, _ASCII_PUNCTUATION).lower().decode()


def _spell_decimal_points(text: str) -> str:
    """Decimal points as ``p`` and minus signs as ``m``, before punctuation goes.

    >>> _spell_decimal_points("-20 to 1.5, 10-20, COVID-19, U.S.-2 and 3.")
    'm20 to 1p5, 10-20, COVID-19, U.S.-2 and 3.'
    """
    if not (
        ("." in text and _DOT_DIGIT.search(text)) or ("-" in text and _DASH_DIGIT.search(text))
    ):
        return text  # most texts and words: no scan or a fast one, no loop
    found = _SIGN_DIGIT.search(text)
    out, last = [], 0
    while found is not None:
        at = found.start()
        before = text[at - 1] if at else " "
        if text[at] == ".":
            # Not in a time: "10.30am" and "10:30am" are one time, in two house styles.
            spelled = "p" if before in _DIGITS and not _TIME_TAIL.match(text, at + 1) else None
        else:
            spelled = "m" if not (before.isalnum() or before in "._") else None
        if spelled:
            out.append(text[last:at])
            out.append(spelled)
            last = at + 1
        found = _SIGN_DIGIT.search(text, at + 1)
    out.append(text[last:])
    return "".join(out)


def style_key(text: str) -> str:
    """Text reduced to what survives house style: case, punctuation, quotes, spacing.

    Two texts with the same key differ only in style. Punctuation is deleted rather
    than replaced by a space, so ``U.S.`` and ``US`` (and ``1,200`` and ``1200``) agree;
    a decimal point between digits is kept (as ``p``) and so are currency signs, so
    ``1.5`` and ``15``, ``$20`` and ``€20`` do not.

    >>> style_key("WASHINGTON :U.S. envoy’s trip") == style_key("Washington: US envoy's trip")
    True
    """
    return " ".join(_fold(text).split())


def style_words(texts: Sequence[str]) -> list[list[str]]:
    """``[style_key(t).split() for t in texts]``, computed in one pass over all the texts.

    Folding each text on its own costs more than the whole job done at once: the texts
    are joined by newlines (a newline inside a text is whitespace to ``style_key``
    anyway), folded together and cut back at the newlines.

    >>> style_words(["U.S. envoy’s trip", "", "Line\\nbreak"])
    [['us', 'envoys', 'trip'], [], ['line', 'break']]
    """
    if not texts:
        return []
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        joined = "\n".join(t.replace("\n", " ") for t in texts)
    return [part.split() for part in _fold(joined).split("\n")]


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """A single word reduced for matching: ``"Gaza."`` and ``gaza`` share a key.

    Cached: a text's vocabulary is small next to its length.

    >>> word_key("“Don’t.”")
    'dont'
    """
    return style_key(word)


# ---------------------------------------------------------------------------------------
# Sentences

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr gov sen rep rev st jr sr inc corp co ltd
    jan feb mar apr aug sep sept oct nov dec no vs etc al approx dept est fig""".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_DOTTED = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")  # U.S, a.m, e.g: letters between dots


_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘("
# The end of a word ending in . ! or ? (closing quotes allowed), the space after it, and
# the next word's first character after any opening quote.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(\s+)(?=[\"'“‘(]*(\S))")


def _ends_sentence(word: str, following: str) -> bool:
    """Whether ``word`` (ending in ``.``/``!``/``?``) ends a sentence before ``following``.

    The next word must start with a capital or a digit, and a full stop does not end a
    sentence after an abbreviation (``Mr.``, ``Oct.``), an initial (``J.``) or a dotted
    word (``U.S.``, ``a.m.``).
    """
    if not following or not (following[0].isupper() or following[0].isdigit()):
        return False
    trimmed = word.rstrip(_CLOSERS)
    if trimmed.endswith("."):
        bare = trimmed.rstrip(".!?").lstrip(_OPENERS)
        if bare.lower() in _ABBREVIATIONS or _DOTTED.fullmatch(bare) or len(bare) == 1:
            return False
    return True


def ends_sentence(word: str, following: str) -> bool:
    """Whether ``word`` ends a sentence before a word starting ``following``: it ends in
    ``.``, ``!`` or ``?`` (closing quotes allowed) and is no abbreviation, initial or
    dotted word. The rule ``sentences`` splits by.

    >>> ends_sentence("Sunday.", "Three"), ends_sentence("Mr.", "Vell"), ends_sentence("said,", "A")
    (True, False, False)
    """
    return bool(_SENTENCE_END.search(word)) and _ends_sentence(word, following)


# word -> whether it can end a sentence before a capital or a digit (_ends_sentence's
# test of the word itself): the same few words end most sentences.
_CAN_END: dict[str, bool] = {}
_CAN_END_LIMIT = 1 << 16


def _can_end(word: str) -> bool:
    """``_ends_sentence(word, "X")``, remembered in ``_CAN_END``."""
    global _CAN_END
    if len(_CAN_END) > _CAN_END_LIMIT:  # start afresh (a new dict: another thread may read)
        _CAN_END = {}
    verdict = _CAN_END[word] = _ends_sentence(word, "X")
    return verdict


def sentence_bounds(tokens: list[Token]) -> list[tuple[int, int]]:
    """Split a token list into sentences, as ``[start, end)`` token index ranges.

    The rule is ``_ends_sentence``'s; ``sentences`` applies the same rule to plain text.
    """
    bounds = []
    start = 0
    for i, token in enumerate(tokens[:-1]):
        if _SENTENCE_END.search(token.text) and _ends_sentence(
            token.text, tokens[i + 1].text.lstrip(_OPENERS)
        ):
            bounds.append((start, i + 1))
            start = i + 1
    if tokens:
        bounds.append((start, len(tokens)))
    return bounds


_WORD = re.compile(r"\S+")
# A word's sentence-ending tail, seen in running text: the word must be followed by space.
_WORD_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")


def word_starts(text: str, words: list[str]) -> list[int]:
    """Where each word of ``words == text.split()`` starts in ``text``, then ``len(text)``.

    ``text[starts[i]:starts[j]]`` is words ``i`` to ``j - 1`` with their trailing
    whitespace, as ``tokenise`` would join them, without building a ``Token`` per word.
    Copy joined by single spaces (the common case) is counted rather than scanned.

    >>> word_starts("Killed  1,100 people.", "Killed  1,100 people.".split())
    [0, 8, 14, 21]
    """
    if text == " ".join(words):
        # Word k starts after k words and k spaces; the end is the text's length.
        starts = list(map(add, accumulate(map(len, words), initial=0), count()))
        starts[-1] = len(text)
        return starts
    starts = [match.start() for match in _WORD.finditer(text)]
    starts.append(len(text))
    return starts


def word_sentence_bounds(
    text: str, words: list[str], starts: list[int]
) -> list[tuple[int, int]]:
    """``sentence_bounds`` for the words of ``text`` (``text.split()`` and ``word_starts``).

    The same rule, but only words ending in ``.``, ``!`` or ``?`` (closing quotes allowed)
    and followed by another word are tested: they are found by one scan of the text
    instead of a test per word.
    """
    bounds = []
    start = 0
    last = len(words) - 1
    can_end = _CAN_END
    for match in _WORD_SENTENCE_END.finditer(text):
        i = bisect_right(starts, match.start()) - 1  # the word the match ends
        if i >= last:
            continue
        following = words[i + 1].lstrip(_OPENERS)
        if not following or not (following[0].isupper() or following[0].isdigit()):
            continue
        word = words[i]
        verdict = can_end.get(word)
        if verdict is None:
            verdict = _can_end(word)
        if verdict:  # _ends_sentence(word, following), its two tests taken apart
            bounds.append((start, i + 1))
            start = i + 1
    if words:
        bounds.append((start, len(words)))
    return bounds


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (the same split as ``sentence_bounds``, on text).

    >>> sentences("The U.S. envoy left. He said: \\"Go.\\" Mr. Smith stayed.")
    ['The U.S. envoy left.', 'He said: "Go."', 'Mr. Smith stayed.']
    >>> sentences("It measured 4.9. Another came at 5 a.m. Tuesday.")
    ['It measured 4.9.', 'Another came at 5 a.m. Tuesday.']
    """
    text = text.strip()
    found, start = [], 0
    for match in _BOUNDARY.finditer(text):
        end = match.start(1)
        if end < len(text) and not text[end - 1].isspace():
            word_start = end - 1
            while word_start > 0 and not text[word_start - 1].isspace():
                word_start -= 1
            if _ends_sentence(text[word_start:end], match.group(2)):
                found.append(text[start:end])
                start = match.end()
    if text:
        found.append(text[start:])
    return found
