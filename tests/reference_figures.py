"""revtrack.figures as it was before its fast paths (commit c735bae), kept for tests.

The engine's module now reads each figure more cheaply (cached tokens and quantifiers,
plain string tests for years and days, int arithmetic where Decimal would be exact,
Figures filled in without their ``__init__``), and ``diff_figures`` answers at once when
a side is empty or both read the same figures. ``tests/test_figures_fast.py`` checks
that it still gives exactly what this plain copy gives. Copied unchanged but for this
docstring and the absolute import of ``word_key``; every later change of what the
module reads is made here too, and the rules added since (implied units, lead words,
minus signs, numbered names, compound number words, lone-figure pairing, units,
compounds, partitives, slots) are imported from the engine, having no fast path to
check; so are the figure pattern (``_FIGURE``, which every rule edits) and the pairing
itself (``_paired_changes``), so that the plain
``diff_figures`` here is the engine's without its shortcuts (an empty side, the same
figures read alike), which is what the fast-path test compares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# Rules added after that commit have no fast path to check: they are the engine's own.
from revtrack.figures import (
    _CODE_BEFORE,
    _CURRENCIES,
    _FIGURE,
    _GLUED,
    _INDEX_BEFORE,
    _ONE_MEASURE,
    _ROUND_BEFORE,
    _SENTENCE_GAP,
    _TITLED_ID_WORDS,
    _YEAR_RANGE_BEFORE,
    _before,
    _clause_tail,
    _compound_word,
    _content_before,
    _counted_after,
    _is_content,
    _is_minus,
    _is_minus_word,
    _lead,
    _lend_partitive_units,
    _limit_after,
    _outside_links,
    _own_clause,
    _paired_changes,
    _plural_after,
    _spaced_unit,
    _unit,
    _without_scores,
    _word_value,
)


@dataclass(frozen=True)
class Figure:
    """One figure as written: ``text == source[start:end]`` (quantifier included)."""

    text: str
    value: float
    start: int
    end: int
    number: str
    quantifier: str | None
    unit: str | None
    context: str
    # What a figure with no counted noun of its own counts by ellipsis: the unit of the
    # figure before it in the same sentence ("300 people were evacuated and 12 were
    # hurt": 12 counts people). Pairing takes it as a hint, never as a barrier.
    implied_unit: str | None = None
    # The word right before the figure when only a space parts them, lower-cased: the
    # slot it fills ("rose to 52 from 37": "to" and "from").
    lead: str | None = None


# ---------------------------------------------------------------------------------------
# Vocabulary


def _split(words: str) -> list[str]:
    """The words of a (multi-line) string: long vocabularies stay readable."""
    return words.split()


_SMALL = "zero one two three four five six seven eight nine ten eleven twelve thirteen "
_SMALL += "fourteen fifteen sixteen seventeen eighteen nineteen"
_WORD_VALUES = {w: i for i, w in enumerate(_SMALL.split())}
_TENS = _split("twenty thirty forty fifty sixty seventy eighty ninety")
_WORD_VALUES.update({w: 10 * i for i, w in enumerate(_TENS, start=2)})
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 10**3, "million": 10**6,
           "billion": 10**9, "trillion": 10**12}
_ABBREVIATED = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
_QUANTIFIERS = """more than|fewer than|less than|at least|at most|up to|as many as|as few as|
close to|upwards of|in excess of|an estimated|nearly|almost|about|around|over|under|roughly|
approximately|some""".replace("\n", "").split("|")
_NUMBER_WORDS = frozenset(_WORD_VALUES) | frozenset(_SCALES)
_STOP = frozenset(_split("""a an the and or but nor of in on at to for from by with into onto over
under about after before during since until than as per via among between against across
is are was were be been being am has have had do does did will would shall should can could
may might must who whom whose which that this these those there here it its they them their
he him his she her we us our you your i said says say told according also not no so up out
off more most less least some many much other when where while if then such just only still
remain remains"""))
# Words after "one" that make it a pronoun or an idiom rather than a count.
_ONE_IDIOMS = frozenset(_split("of another other day time way point side hand thing who which"))
_ONE_DETERMINERS = frozenset(_split("no any every the this that which each someone anyone"))
# A number right after one of these names something ("Flight 370", "No. 10").
_ID_WORDS = frozenset(_split("""flight route highway interstate article resolution chapter
section no number room gate page channel category level phase boeing airbus apollo version"""))
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTHS = f"{_MONTH_NAMES}|{_MONTH_ABBREVIATIONS}"


def _alt(words: Sequence[str]) -> str:
    """A regex alternation, longest first, spaces matching any run of whitespace."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


# _FIGURE, the pattern itself, is the engine's (imported above).
# Where a figure can start. _FIGURE tried at every position of a text is most of the cost
# of reading it, and almost every position is hopeless, so it is tried only near an
# *anchor*: an ASCII digit, or a number or scale word standing alone ("two", "Million").
# Every figure's number holds one, and what can stand before it in a match is short:
# a quantifier ("in excess of"), then a currency sign ("US$ ") or "half an ". A match
# whose first anchor is A therefore starts in A's own word or in the run of such lead
# words right before it, which _LEAD finds by reading the text backwards from A.
_NUMBER_WORDS_ALT = _alt([*_WORD_VALUES, *_SCALES])
_WORD_ANCHOR = re.compile(rf"(?<![\w-])(?:{_NUMBER_WORDS_ALT})(?!\w)", re.IGNORECASE)
# The same on text folded to ASCII lower case (see _folded): it finds at least every
# position _WORD_ANCHOR finds, much faster, as it needs no case folding.
_FOLDED_WORD = re.compile(rf"(?<![a-z])(?:{_NUMBER_WORDS_ALT})(?![a-z])")
_DIGIT = re.compile(r"[0-9]")
# Most texts have no number word at all, which a byte-level pass over the folded text
# tells faster than _FOLDED_WORD can: every byte but a-z becomes a space, and the
# number words are looked for among the letter runs left.
_LETTER_RUNS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_NUMBER_WORD_BYTES = frozenset(w.encode() for w in [*_WORD_VALUES, *_SCALES])
_LEAD_WORDS = sorted(
    {w for q in _QUANTIFIERS for w in q.split()}
    | {"half", "a", "an", "$", "€", "£"}
    | {sign for sign in _CURRENCIES if len(sign) > 1},
    key=len,
    reverse=True,
)
_LEAD = re.compile(  # backwards: the anchor's word, then lead words, each after a space
    rf"\S*(?:\s+(?:{'|'.join(re.escape(w[::-1]) for w in _LEAD_WORDS)})(?!\w)\S*)*",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"\s*(?:[ap]\.?m\b\.?|o'clock|(?:GMT|UTC|EST|EDT|BST|CET)\b)", re.I)
# Only an abbreviated month takes a dot: after "in June." a number starts a new sentence.
_MONTH_BEFORE = re.compile(
    rf"\b(?:{_MONTH_NAMES}|(?:{_MONTH_ABBREVIATIONS})\.?)\s+(?:[0-9]{{1,2}}\s*[-–]\s*)?$"
)
_MONTH_AFTER = re.compile(rf"\s*(?:of\s+)?(?:{_MONTHS})\b")
_YEAR = re.compile(r"[0-9]{4}")
_LETTERS = re.compile(r"[A-Za-z]+")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# Ranges are two figures: "10-12 people" gives 10 and 12, both counting people, so an
# edit to either end ("10-12" -> "10-15") is reported on its own (12 -> 15).
_RANGE_GAP = re.compile(r"\s*[-–—]\s*|\s+(?:to|and|or)\s+")
_CLAUSE_END = re.compile(r"(?:[,.;:!?][\"'”’)\]]*|[)\]])$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")  # "U.S." ends a word, not a clause


@dataclass
class _Raw:
    """A candidate figure before its unit and context are read."""

    start: int
    end: int
    quant: str | None
    number: str
    base: Decimal
    scale: int
    percent: bool
    currency: str | None
    glued: str | None = None


# ---------------------------------------------------------------------------------------
# Finding figures


def find_figures(text: str) -> list[Figure]:
    """All figures in text, in order of position, non-overlapping.

    >>> [(f.text, f.value, f.unit) for f in find_figures("Nearly 40 houses burned.")]
    [('Nearly 40', 40.0, 'houses')]
    """
    matches = _outside_links(text, _figure_matches(text))
    raws = _without_scores(text, [raw for m in matches if (raw := _read(m, text)) is not None])
    figures: list[Figure] = []
    head_context = ""  # the context of a range's first end, for its second end
    counted: str | None = None  # what the figure before counts (see implied_unit)
    for i, raw in enumerate(raws):
        partner = raws[i + 1] if i + 1 < len(raws) else None
        tail, after_limit = raw.end, _limit_after(text, raws, i + 1)
        if partner and _is_range(text, raw, partner):
            # "between 1.5 and 2 million people": 1.5 borrows million and people;
            # "$10-12 million": 12 borrows the dollar sign.
            if raw.scale == 1:
                raw.scale = partner.scale
            raw.percent = raw.percent or partner.percent
            raw.currency = raw.currency or partner.currency
            partner.currency = partner.currency or raw.currency
            tail = partner.end
            after_limit = _limit_after(text, raws, i + 2)
        after = _words_after(text, tail, after_limit, 4)
        if raw.percent:
            unit: str | None = "percent"
        elif raw.currency:
            unit = _CURRENCIES[raw.currency.lower()]
        elif raw.glued:
            unit = raw.glued
        elif _compound_word(text, raw.end):
            unit = _compound_word(text, raw.end)
        elif _spaced_unit(after):
            unit = _spaced_unit(after)
        else:
            unit = _unit(after)
        implied = None
        if unit is None and counted and not _SENTENCE_GAP.search(
            text, raws[i - 1].end, raw.start
        ):
            implied = counted
        counted = None if raw.percent or raw.currency else unit or implied
        context = _context(text, raw.start, raws[i - 1].end if i else 0, after)
        if not context and figures and _is_range(text, raws[i - 1], raw):
            context = head_context
        head_context = context
        figures.append(Figure(  # text, value, start, end, number, quantifier, unit, context
            text[raw.start:raw.end], float(raw.base * raw.scale), raw.start, raw.end,
            raw.number, raw.quant, unit, context, implied, _lead(text, raw.start),
        ))
    return _lend_partitive_units(text, figures)


def _figure_matches(text: str) -> list[re.Match[str]]:
    """``list(_FIGURE.finditer(text))``, trying the pattern only near anchors.

    Each step finds the first anchor at or after the previous match's end, reads back
    over its lead words, and searches from there: no match can start before that point,
    so the search finds what ``finditer`` would.
    """
    folded = _folded(text)
    if folded is None:
        return list(_FIGURE.finditer(text))
    matches = []
    backwards = text[::-1]
    end = len(text)
    pos = 0
    # The first number-word anchor at or after pos, once looked up; none if no letter
    # run of the folded text is a number word (any other character cannot be in one).
    letter_runs = folded.encode("ascii", "replace").translate(_LETTER_RUNS).split()
    word = end if _NUMBER_WORD_BYTES.isdisjoint(letter_runs) else -1
    while True:
        digit = _DIGIT.search(text, pos)
        if word < pos:
            word = _word_anchor(text, folded, pos)
        anchor = min(digit.start() if digit else end, word)
        if anchor == end:
            break
        lead = _LEAD.match(backwards, end - anchor)  # always matches (maybe nothing)
        back = lead.end() - lead.start() if lead else 0
        match = _FIGURE.search(text, max(pos, anchor - back))
        if match is None:
            break
        matches.append(match)
        pos = match.end()
    return matches


def _folded(text: str) -> str | None:
    """The text lower-cased character for character: a number word in any case is ASCII.

    Every character that _WORD_ANCHOR's case-insensitive match takes for an ASCII
    letter becomes that letter: ``lower()`` does it but for the long s and the dotless
    i, replaced here. None when lower case has another length (a dotted capital I):
    the caller then scans the whole text.
    """
    folded = text.lower()
    if text.isascii():
        return folded
    if len(folded) != len(text):
        return None
    return folded.replace("\u017f", "s").replace("\u0131", "i")


def _word_anchor(text: str, folded: str, pos: int) -> int:
    """Where the first number word anchor at or after ``pos`` starts (``len(text)``: none)."""
    while found := _FOLDED_WORD.search(folded, pos):
        if _WORD_ANCHOR.match(text, found.start()):
            return found.start()
        pos = found.start() + 1
    return len(text)


def _is_range(text: str, head: _Raw, partner: _Raw) -> bool:
    """Whether two adjacent figures are the two ends of one range.

    "10-12", "10 to 12", "10 or 12" and "between 10 and 12" are ranges; a bare "and"
    is a list ("€1,200 and £3bn"), and so are two different currencies.
    """
    gap = _RANGE_GAP.fullmatch(text, head.end, partner.start)
    if gap is None or partner.quant is not None:
        return False
    if head.currency and partner.currency and head.currency != partner.currency:
        return False
    # "rose 12% to $84 million": a percent and an amount are two figures, not a range.
    if head.percent != partner.percent and not (partner.percent and head.base <= partner.base):
        return False
    # "dropped by 14,200 to 1.21 million": a change and a level, not a range; and a
    # range runs from low to high, so 14,200 cannot borrow "million" from 1.21.
    if re.search(r"\bby\s+$", text[max(0, head.start - 10):head.start], re.I):
        return False
    if head.base > partner.base:
        return False
    between = re.search(r"\bbetween\s+$", text[max(0, head.start - 10):head.start], re.I)
    return "and" not in gap.group().lower() or between is not None


def _context(text: str, start: int, limit: int, after: list[str]) -> str:
    """A short phrase for a report: the words after a figure, else those around it.

    Function words at the edges are dropped ("were killed during" -> "were killed"),
    unless nothing else is left ("one of whom is 83" keeps "of whom is").
    """
    words = _own_clause(after)
    while words and words[-1].lower() in _STOP:
        words.pop()
    if len(words) < 2:  # "have killed 1,100 people, officials said" -> "killed people"
        before = _clause_tail(_words_before(text, start, limit, 3 - len(words)))
        while before and before[0].lower() in _STOP:
            before.pop(0)
        words = before + words
    if not words:
        words = _clause_tail(_words_before(text, start, limit, 3)) or after
    if not any(map(_is_content, words)):  # the fast module's fallback, shared
        words = _content_before(text, start) or [w for w in words if _is_content(w)]
    return " ".join(words)


def _read(m: re.Match[str], text: str) -> _Raw | None:
    """The candidate a regex match stands for, or None when it is not a figure."""
    (quant_text, number, cur, digits, abbr, glued, half, article, ascale, atail, word_text,
     and_half, scale_words, pct) = m.group(
        "quant", "number", "cur", "digits", "abbr", "glued", "half", "article", "ascale",
        "atail", "word", "andhalf", "scales", "pct")
    end = m.end()
    quant = " ".join(quant_text.lower().split()) if quant_text else None
    scales = ([ascale] if ascale and not atail else []) + scale_words.split()
    scale = 1
    for word in scales:
        scale *= _SCALES[word.lower()]
    percent = pct is not None
    plain = not ascale and not scales and not percent and not cur
    if plain and _TIME_AFTER.match(text, end):  # "3 p.m.", "ten o'clock"
        return None
    if digits is not None:
        if abbr:  # "£1.2m" is money; a bare "10m" may be metres, "12bn" is a sum
            if glued or (
                not cur and abbr.lower() in ("m", "k") and not _counted_after(abbr, text, end)
            ):
                return None
            scale *= _ABBREVIATED[abbr.lower()]
        elif plain and _is_label(digits, _before(text, m), text, end, quant is not None):
            return None
        base = Decimal(digits.replace(",", ""))
    elif article and atail:
        base = Decimal(100 + _word_value(" ".join(atail.lower().split()[1:])))
    elif article:
        base = Decimal("0.5") if half else Decimal(1)
    else:
        word = " ".join(word_text.lower().replace("-", " ").split())
        if word == "one" and not scales and not and_half and not (
            _ONE_MEASURE.match(text, end + 1) if text[end:end + 1] == "-"
            else _one_counts(quant, _before(text, m), text, end)
        ):
            return None
        if _INDEX_BEFORE.search(_before(text, m)):
            return None
        base = Decimal(_word_value(word)) + (Decimal("0.5") if and_half else 0)
    start = m.start()
    if digits is not None and start == m.start("number") and _is_minus(text, start):
        base, start = -base, start - 1  # "-20 degrees", "fell to −3.5%"
    elif start == m.start("number") and _is_minus_word(text, start):
        base, start = -base, start - len("minus ")
    return _Raw(start, end, quant, number, base, scale, percent, cur,
                _GLUED[glued.lower()] if glued else None)


def _is_label(
    digits: str, before: str, text: str, end: int, quantified: bool = False
) -> bool:
    """True for plain digits that are a year, a date or a name rather than a quantity.

    ``before`` is the text just before the digits, ``end`` where the match ends, and
    ``quantified`` whether a quantifier stands before them: "some 2000 troops" is no
    year, but "around 1990" and "over 2019 election results" are.

    Years are 4-digit numbers from 1800 to 2099 written without a comma ("in 2007"); wire
    style writes quantities from 1,000 up with one, so "2,000 people" is still a figure.
    """
    if _YEAR.fullmatch(digits) and 1800 <= int(digits) <= 2099 and not (
        quantified and _plural_after(text, end)  # "some 2000 troops" counts
    ):
        return True
    if _YEAR_RANGE_BEFORE.search(before):  # the "08" of "2007-08"
        return True
    if digits.isdigit() and 1 <= int(digits) <= 31 and (
        _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(text, end)
    ):
        return True  # "Oct. 11", "11 October", "Oct 11-12"
    if _INDEX_BEFORE.search(before):  # "S&P 500", "FTSE 100", "Group of 20"
        return True
    if _CODE_BEFORE.search(before):  # "HR 1234"
        return True
    if _ROUND_BEFORE.search(before) and not _plural_after(text, end):
        return True
    prev = _prev_word(before)
    if prev is not None and prev[0].isupper() and prev.lower() in _TITLED_ID_WORDS:
        return not before.rstrip().endswith(".")  # "Terminal 2", "Ward 7"
    if prev is None or prev.lower() not in _ID_WORDS:
        return False
    # "No. 10" names something; "boarded the flight. 370 people" starts a sentence.
    return not before.rstrip().endswith(".") or prev.lower() == "no"


def _one_counts(quant: str | None, before: str, text: str, end: int) -> bool:
    """Whether a bare "one" counts something.

    "one soldier was killed" and "at least one" count; "one of the", "no one", "one
    another", "the one who" and "one day" do not. A scale word ("one million") always
    counts and never reaches this test.
    """
    nxt = _NEXT_WORD.match(text, end)
    next_word = nxt.group(1).lower() if nxt else ""
    if next_word == "of" and re.match(r"\s+of\s+(?:the\s+)?[0-9]", text[end:], re.I):
        return True
    if next_word in _ONE_IDIOMS:
        return False
    if quant:
        return True
    # "Police said this. One soldier was killed": a full stop ends the sentence, and
    # the word before it determines nothing in the next one.
    prev = None if before.rstrip().endswith(".") else _prev_word(before)
    if prev is not None and prev.lower() in _ONE_DETERMINERS:
        return False
    return bool(next_word) and next_word not in _STOP


def _prev_word(before: str) -> str | None:
    r"""The ASCII word that ``before`` ends with, then an optional dot and some space.

    What ``re.search(r"([A-Za-z]+)\.?\s+$", before)`` finds, read from the end: the
    search would try every letter of ``before`` as a start.
    """
    stripped = before.rstrip()
    if len(stripped) == len(before):
        return None
    backwards = stripped[::-1]
    word = _LETTERS.match(backwards, 1 if backwards.startswith(".") else 0)
    return word.group()[::-1] if word else None


def _clean(token: str) -> str:
    """A token without surrounding quotes, brackets and punctuation ("U.S." keeps its dot)."""
    word = token.lstrip("\"'“‘([{-–—").rstrip("\"'”’)]}-–—").rstrip(",;:!?")
    if not word.endswith("."):
        return word
    return word if _DOTTED.fullmatch(word) else word.rstrip(".")


_CLAUSE_END_CHARS = frozenset(",.;:!?\"'”’)]")  # what _CLAUSE_END can end with


def _ends_clause(token: str) -> bool:
    if token[-1:] not in _CLAUSE_END_CHARS:
        return False
    core = token.rstrip("\"'”’)]}")
    return bool(_CLAUSE_END.search(token)) and not _DOTTED.fullmatch(core)


def _words_after(text: str, pos: int, limit: int, count: int) -> list[str]:
    """Up to ``count`` words after ``pos`` (and before ``limit``) in the same clause."""
    chunk = text[pos:limit]
    if chunk[:7].lower() == "-strong":  # "a 2,000-strong force" counts the force
        chunk = chunk[len("-strong"):]
    words: list[str] = []
    for token in chunk.split():
        if word := _clean(token):
            words.append(word)
        if len(words) == count or _ends_clause(token):
            break
    return words


def _words_before(text: str, pos: int, limit: int, count: int) -> list[str]:
    """Up to ``count`` words before ``pos`` (and after ``limit``) in the same clause."""
    words: list[str] = []
    for token in reversed(text[limit:pos].split()):
        if len(words) == count or _ends_clause(token):
            break
        if word := _clean(token):
            words.insert(0, word)
    return words


# ---------------------------------------------------------------------------------------
# Pairing figures


def diff_figures(
    old: Sequence[Figure], new: Sequence[Figure]
) -> list[tuple[Figure | None, Figure | None]]:
    """Only the changes between two texts' figures, in order of position.

    ``(o, n)`` is an update (``o.value != n.value``), ``(o, None)`` a removal and
    ``(None, n)`` an addition. Pairs are chosen greedily by score over every plausible
    old/new pair, so an unchanged figure is recognised wherever it moved, and an
    unrelated equal number ("at least 1,000 fighters") cannot hide an update
    ("more than 1,000 people" -> "more than 1,100 people"). Removed figures are placed
    after the new position of the nearest paired figure before them.
    """
    return _paired_changes(old, new)
