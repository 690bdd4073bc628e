"""Figures: the numbers a story reports, and which of them changed between two versions.

This module owns two questions the engine asks of plain text:

* ``find_figures``: where are the figures (counts, sums of money, percentages), with the
  quantifier in front ("more than"), their value, and the thing they count ("people")?
* ``diff_figures``: given the figures of an old and a new text, which were updated,
  added or removed?

Wire copy updates tolls and sums in place ("more than 1,000" -> "more than 1,100") while
other numbers are merely reformatted or moved. Pairing by position alone would report
that noise or hide the real update behind an unrelated equal number, so figures are
paired by what they count and by the words around them. Pure functions, standard
library only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .parse import ends_sentence, word_key


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
_CURRENCIES = {
    "$": "dollars", "us$": "dollars", "a$": "australian dollars", "au$": "australian dollars",
    "c$": "canadian dollars", "ca$": "canadian dollars", "nz$": "new zealand dollars",
    "hk$": "hong kong dollars", "s$": "singapore dollars", "€": "euros", "£": "pounds",
}
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
# When a figure was reported, not what it counts: an update moves "on Monday" to "on
# Tuesday" and "at 0930 GMT" to "at 1120 GMT", so these words never tell two figures
# apart or stand for one.
_WHEN = frozenset(_split("""monday tuesday wednesday thursday friday saturday sunday today
tonight yesterday overnight morning afternoon evening night earlier later weekend noon
midnight am pm gmt utc bst cet edt est"""))
# Words after "one" that make it a pronoun or an idiom rather than a count.
_ONE_IDIOMS = frozenset(_split("of another other day time way point side hand thing who which"))
_ONE_DETERMINERS = frozenset(_split("no any every the this that which each someone anyone"))
# A number right after one of these names something ("Flight 370", "No. 10").
_ID_WORDS = frozenset(_split("""flight route highway interstate article resolution chapter
section no number room gate page channel category level phase boeing airbus apollo version"""))
# Words that name a thing by its number only when capitalised, as in "Terminal 2",
# "Ward 7" or a wire headline's "UPDATE 3" ("the line 3 km long" measures; "Building",
# a gerund as often as a name, is left out: "Building 500 homes will cost ...").
_TITLED_ID_WORDS = frozenset(_split("""terminal platform ward line stage camp district
pier precinct proposition measure amendment question unit block zone sector exit runway track
bay reactor game round grade update"""))
_INDEX_BEFORE = re.compile(
    r"(?:\bS&P|\b(?:Nasdaq|FTSE|Fortune|Russell|Stoxx|Nikkei|CAC|DAX|ASX)|\bGroup\s+of)\s+$"
)
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTHS = f"{_MONTH_NAMES}|{_MONTH_ABBREVIATIONS}"


def _alt(words: Sequence[str]) -> str:
    """A regex alternation, longest first, spaces matching any run of whitespace."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


_SCALE = _alt(list(_SCALES))
_UNITS = _alt(_SMALL.split()[1:10])
# "twenty-five", "seven"; and in the pattern, "two hundred (and) fifty" is one number
# (plain "two hundred" is two and a scale, which a range can lend: "two to three hundred").
_WORD_NUMBER = f"(?:(?:{_alt(_TENS)})(?:[-\\s](?:{_UNITS}))?|{_alt(_SMALL.split())})"
# Units written onto the digits ("10km", "45C", "140km/h", "3.2GW"), as they are read:
# a unit's other spellings share a name, so "140kph" and "140km/h" are one figure. A
# lone capital C or F is a temperature; a bare "10m" stays out (metres, or millions?).
_GLUED = {"km/h": "km/h", "kph": "km/h", "km": "km", "mph": "mph", "kg": "kg", "cm": "cm",
          "mm": "mm", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "kw": "kW",
          "mw": "MW", "gw": "GW", "°c": "°C", "c": "°C", "°f": "°F", "f": "°F", "°": "°"}
GLUED_UNITS = frozenset(_GLUED.values())
# "two-thirds" and "one-quarter" are fractions, not a two and a one.
_FRACTIONS = (
    "thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|"
    "hundredths?|thousandths?|halfs?|halves"
)
_FIGURE = re.compile(
    rf"""
    (?:(?<![\w-])(?P<quant>{_alt(_QUANTIFIERS)})\s+)?
    (?P<number>
      (?: (?<![\w$€£/:.,])(?<![A-Za-z]-)          # not inside "G7", "COVID-19", "10:30"
          (?:(?P<cur>(?:US|AU|A|CA|C|NZ|HK|S)\$|\$|€|£)\s?)?
          (?P<digits>(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\.[0-9]+)?)
          (?P<abbr>bn|mn|tn|m|k)?
          (?P<glued>km/h|kph|km|mph|kg|cm|mm|[kmgt]wh|[kmg]w|°(?-i:[CF])?|(?-i:[CF]))?
        | (?<![\w-])(?P<half>half\s+)?(?P<article>an?)\s+(?P<ascale>{_SCALE})
          (?P<atail>(?<=hundred)\s+and\s+{_WORD_NUMBER})?      # "a hundred and fifty"
        | (?<![\w-])(?P<word>{_WORD_NUMBER}(?:\s+hundred\s+(?:and\s+)?{_WORD_NUMBER})?)
          (?P<andhalf>\s+and\s+a\s+half\b)?                  # "two and a half"
      )
      (?P<scales>(?:\s+(?:{_SCALE})\b)*)
      (?P<pct>\s?%|\s+per\s?cent\b)?
    )
    (?![\w%]|[.,:/][0-9]|-(?:{_FRACTIONS})\b|-(?-i:[A-Z]))  # "4th", "1,20", "two-thirds",
    # and "UPDATE 2-Quake kills ..." are not figures
    """,
    re.IGNORECASE | re.VERBOSE,
)
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
_YEAR_RANGE_BEFORE = re.compile(r"[0-9]{4}(?:-[0-9]{1,2})?[-–/]$")  # "2007-08", "2024-03-05"
# A bill's number names it: "HR 1234", "H.R. 1234", "SB 5" (the prefixes of US
# legislatures). Other capitals before a number are results ("the SNP 9", "AfD 152").
_CODE_BEFORE = re.compile(
    r"(?<![\w.&'’-])(?:H\.?R|H\.?B|S\.?B|A\.?B|H\.?J\.?R|S\.?J\.?R|L\.?B|L\.?D)\.? $"
)
# Numbers inside a web address, an e-mail address or an international phone number are
# no figures ("?page=2", "+44 20 7946 0958").
# A stage of a competition named by how many are left: "the last 16", "round of 32".
_ROUND_BEFORE = re.compile(r"\b(?:the\s+(?:last|final)|round\s+of)\s+$", re.IGNORECASE)
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\+[0-9]{1,3}(?:[ -]\(?[0-9]{1,5}\)?){2,}"
)
_LETTERS = re.compile(r"[A-Za-z]+")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# Ranges are two figures: "10-12 people" gives 10 and 12, both counting people, so an
# edit to either end ("10-12" -> "10-15") is reported on its own (12 -> 15).
_RANGE_GAP = re.compile(r"\s*[-–—]\s*|\s+(?:to|and|or)\s+")
_CLAUSE_END = re.compile(r"(?:[,.;:!?][\"'”’)\]]*|[)\]])$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")  # "U.S." ends a word, not a clause
# Where a sentence may end between two figures ("U.S. " too: a unit is implied only
# where both are surely in one sentence).
_SENTENCE_GAP = re.compile(r"[.!?][\"'”’)\]]*\s")


@dataclass
class _Raw:
    """A candidate figure before its unit and context are read."""

    start: int
    end: int
    quant: str | None
    number: str
    base: int | Decimal  # whole numbers as int: they multiply and convert faster
    scale: int
    percent: bool
    currency: str | None
    glued: str | None = None  # a unit written onto the digits, by its name ("km", "°C")


# ---------------------------------------------------------------------------------------
# Finding figures


def find_figures(text: str) -> list[Figure]:
    """All figures in text, in order of position, non-overlapping.

    >>> [(f.text, f.value, f.unit) for f in find_figures("Nearly 40 houses burned.")]
    [('Nearly 40', 40.0, 'houses')]
    """
    matches = _outside_links(text, _figure_matches(text))
    if not matches:
        return []
    raws = _without_scores(text, [raw for m in matches if (raw := _read(m, text)) is not None])
    figures: list[Figure] = []
    head_context = ""  # the context of a range's first end, for its second end
    counted: str | None = None  # what the figure before counts (see implied_unit)
    last = len(raws) - 1
    for i, raw in enumerate(raws):
        partner = raws[i + 1] if i < last else None
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
        elif compound := _compound_word(text, raw.end):
            unit = compound  # "a 12-year sentence" counts years, "200 three-storey houses" storeys
        elif spaced := _spaced_unit(after):
            unit = spaced  # "140 km/h" counts what "140km/h" counts
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
        figures.append(_figure(
            text[raw.start:raw.end], _value(raw), raw.start, raw.end, raw.number, raw.quant,
            unit, context, implied, _lead(text, raw.start),
        ))
    return _lend_partitive_units(text, figures)


def _without_scores(text: str, raws: list[_Raw]) -> list[_Raw]:
    """The candidates less both ends of a score or a tally ("won 2-1", "a 1-1 draw",
    "voted 7-2"): a hyphen between two plain numbers, the first not the smaller, is no
    range (a range runs from low to high), and its two ends are no figures of their own
    (a "1-0" lead becoming a "2-1" win is not a 0 becoming a 2)."""
    dropped: set[int] = set()
    for k in range(len(raws) - 1):
        head, tail = raws[k], raws[k + 1]
        if (
            text[head.end:tail.start] in ("-", "–")
            and _is_tally_end(head) and _is_tally_end(tail)
            and head.base >= tail.base
        ):
            dropped.update((k, k + 1))
    return [raw for k, raw in enumerate(raws) if k not in dropped] if dropped else raws


def _is_tally_end(raw: _Raw) -> bool:
    """A plain number of up to three digits, with nothing around it: a score's end."""
    return (
        raw.number.isdigit() and len(raw.number) <= 3 and raw.quant is None
        and raw.scale == 1 and not raw.percent and raw.currency is None and raw.glued is None
    )


def _outside_links(text: str, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """The matches that are not inside a web or e-mail address or a phone number."""
    if not matches or not ("://" in text or "www." in text or "@" in text or "+" in text):
        return matches  # most texts: no address to look for
    links = [(link.start(), link.end()) for link in _LINK.finditer(text)]
    return [
        m for m in matches
        if not any(start <= m.start("number") < end for start, end in links)
    ]


def _figure(
    text: str, value: float, start: int, end: int, number: str, quantifier: str | None,
    unit: str | None, context: str, implied_unit: str | None, lead: str | None,
) -> Figure:
    """``Figure(text, value, ...)``, filled in directly.

    The frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``,
    which is most of the cost of building one; this gives an equal object for half.
    """
    figure = _new(Figure)
    fields = figure.__dict__
    fields["text"] = text
    fields["value"] = value
    fields["start"] = start
    fields["end"] = end
    fields["number"] = number
    fields["quantifier"] = quantifier
    fields["unit"] = unit
    fields["context"] = context
    fields["implied_unit"] = implied_unit
    fields["lead"] = lead
    return figure


_new = object.__new__
_EXACT = 10**28  # below this, Decimal's default 28-digit context multiplies exactly


def _value(raw: _Raw) -> float:
    """The figure's value: its base times its scale.

    A whole base is an int, and its exact product with the scale converts to the same
    float as the Decimal product would (both round the exact value correctly) while
    that product stays below ``_EXACT``, where Decimal's default 28-digit context starts
    rounding. (A caller who lowered the thread's Decimal precision would see Decimal
    round such products where this does not.)
    """
    base = raw.base
    if isinstance(base, int):
        product = base * raw.scale
        if product < _EXACT:
            return float(product)
        base = Decimal(base)
    return float(base * raw.scale)


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


_LEAD_WORD = re.compile(r"(?<![\w.'’&-])([A-Za-z]+) $")


def _lead(text: str, start: int) -> str | None:
    """The plain word right before ``start`` and one space, lower-cased, else None.

    >>> _lead("The toll rose to 52 from 37.", 17), _lead("Hurt. 52 died.", 6)
    ('to', None)
    """
    found = _LEAD_WORD.search(text, max(0, start - 30), start)
    return found.group(1).lower() if found else None


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
    if not any(map(_is_content, words)):
        # "profit rose 12% to $84 million, helped by" gave "to", and "said Rina
        # Dolmatova, 24, a machine operator" nothing: look further back instead.
        words = _content_before(text, start) or [w for w in words if _is_content(w)]
    return " ".join(words)


_CONJUNCTIONS = frozenset(("and", "or", "but", "while"))
_ARTICLES = frozenset(("the", "a", "an"))
_CLAUSE_OPENERS = _CONJUNCTIONS | {"with"}


def _own_clause(after: list[str]) -> list[str]:
    """The words after a figure that still belong to its clause.

    A conjunction right after the figure ends it ("France $8 million and Italy $5
    million" says nothing about France's pledge after "million"), and so does "with"
    ("46% with half of ballots counted": the ballots are not what the 46% counts). A
    conjunction before a verb or a new subject starts another clause: "37 people and
    destroying hundreds" -> "people", "killed 12 and wounded 40" -> (the words before
    12), "won 14 seats and the Liberals 9" -> "seats"; but "600,000 homes and
    businesses" keeps its nouns.
    """
    if after[:1] and after[0].lower() in _CLAUSE_OPENERS:
        return []
    words = list(after)
    for k, word in enumerate(words[:-1]):
        if word.lower() not in _CONJUNCTIONS:
            continue
        following = words[k + 1]
        if following.lower() in _ARTICLES and k + 2 < len(words):
            following = words[k + 2]
        if following.endswith(("ing", "ed")) or following[:1].isupper():
            del words[k:]
            break
    return words


def _clause_tail(words: list[str]) -> list[str]:
    """The words after the last conjunction: "killed and 40 injured" counts the injured."""
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in _CONJUNCTIONS:
            return words[k + 1:]
    return words


def _is_content(word: str) -> bool:
    """Whether a context word says something ("2013" does): not a function word, a sign
    or a day ("on Monday" says when, not what)."""
    folded = word.lower()
    return any(map(str.isalnum, word)) and folded not in _STOP and folded not in _WHEN


def _content_before(text: str, pos: int, count: int = 3) -> list[str]:
    """Up to ``count`` content words before ``pos``, passing other figures and the comma
    right before it, but not the clause before that.

    >>> _content_before("Its first-half profit rose 12% to $84 million", 34)
    ['first-half', 'profit', 'rose']
    >>> _content_before('"We ran," said Rina Dolmatova, 24, a machine operator', 31)
    ['Rina', 'Dolmatova']
    """
    words: list[str] = []
    start = max(0, pos - 200, text.rfind("\n", 0, pos) + 1)  # this paragraph only
    tokens = text[start:pos].split()
    if start and not text[start - 1].isspace():
        tokens = tokens[1:]  # a word cut by the window
    for k, token in enumerate(reversed(tokens)):
        word = _clean(token)
        if _ends_clause(token) and (k or ends_sentence(token, text[pos:pos + 1] or "X")):
            break  # the clause before, or the sentence before ("on Sunday. Three of")
        if _is_content(word) and not any(map(str.isdigit, word)):
            words.insert(0, word)
            if len(words) == count:
                break
    return words


_PARTITIVE = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _lend_partitive_units(text: str, figures: list[Figure]) -> list[Figure]:
    """"Three of the 11 victims": the three count victims too, and say what they are.

    A figure that names nothing it counts and stands right before "of (the)" and another
    figure takes that figure's counted thing, and its context if it has none of its own.
    """
    for k in range(len(figures) - 1):
        part, whole = figures[k], figures[k + 1]
        if part.unit is None and whole.unit is not None and _PARTITIVE.fullmatch(
            text, part.end, whole.start
        ):
            figures[k] = replace(part, unit=whole.unit, context=part.context or whole.context)
    return figures


def _read(m: re.Match[str], text: str) -> _Raw | None:
    """The candidate a regex match stands for, or None when it is not a figure."""
    # The pattern's groups, in order: quant, number, cur, digits, abbr, glued, half,
    # article, ascale, atail, word, andhalf, scales, pct.
    (quant_text, number, cur, digits, abbr, glued, half, article, ascale, atail, word_text,
     and_half, scale_words, pct) = m.groups()
    end = m.end()
    quant = _quantifier(quant_text) if quant_text else None
    scale = 1
    if ascale or scale_words:
        # "a hundred and fifty" is a base of 150, not a hundred of something.
        for word in ([ascale] if ascale and not atail else []) + scale_words.split():
            scale *= _SCALES[word.lower()]
    percent = pct is not None
    plain = not ascale and not scale_words and not percent and not cur
    if plain and _TIME_AFTER.match(text, end):  # "3 p.m.", "ten o'clock"
        return None
    if digits is not None:
        if abbr:  # "£1.2m" is money; a bare "10m" may be metres, "12bn" is a sum
            if glued or (
                not cur and abbr.lower() in ("m", "k") and not _counted_after(abbr, text, end)
            ):
                return None  # "a 2m wall", "10m waves", but "2m people" and "40k homes" count
            scale *= _ABBREVIATED[abbr.lower()]
        elif plain and _is_label(digits, _before(text, m), text, end, quant is not None):
            return None
        plain_digits = digits.replace(",", "")
        # Whole numbers of up to 28 digits as int (see _value); int() also refuses
        # digit strings past a few thousand digits, which Decimal reads.
        whole = plain_digits.isdigit() and len(plain_digits) <= 28
        base = int(plain_digits) if whole else Decimal(plain_digits)
    elif article:
        if atail:
            base = 100 + _word_value(" ".join(atail.lower().split()[1:]))
        else:
            base = Decimal("0.5") if half else 1
    else:
        word = " ".join(word_text.lower().replace("-", " ").split())
        bare_one = word == "one" and not scale_words and not and_half  # "one million" counts
        if bare_one and not (
            _ONE_MEASURE.match(text, end + 1) if text[end:end + 1] == "-"
            else _one_counts(quant, _before(text, m), text, end)
        ):
            return None  # "one of the", "one-off"; but "a one-year contract" counts
        if _INDEX_BEFORE.search(_before(text, m)):  # "Group of Seven"
            return None
        base = _word_value(word)
        if and_half:
            base = Decimal(base) + Decimal("0.5")
    start = m.start()
    if start == m.start("number"):
        if digits is not None and _is_minus(text, start):
            base, start = -base, start - 1  # "-20 degrees", "fell to −3.5%"
        elif _is_minus_word(text, start):
            base, start = -base, start - len("minus ")  # "minus 20 degrees"
    glued_unit = _GLUED[glued.lower()] if glued else None
    return _Raw(start, end, quant, number, base, scale, percent, cur, glued_unit)


# A measure after "one-" that makes it a count: "a one-year contract", "a one-day visit".
_ONE_MEASURE = re.compile(
    r"(?:year|month|week|day|night|hour|minute|point|game|match|seat|storey|mile|metre|meter"
    r"|kilometre|kilometer)s?\b", re.IGNORECASE
)


def _word_value(word: str) -> int:
    """ "twenty five" -> 25, "two hundred and fifty" -> 250 (lower case, single spaces)."""
    total = 0
    for part in word.split():
        if part == "hundred":
            total *= 100
        elif part != "and":
            total += _WORD_VALUES[part]
    return total


_SPELLED_UNITS = {
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "millimetres": "mm", "millimeters": "mm", "centimetres": "cm", "centimeters": "cm",
    "kilograms": "kg", "kilogrammes": "kg", "kilogram": "kg", "gigawatts": "GW",
    "megawatts": "MW", "kilowatts": "kW", "gigawatt": "GW", "megawatt": "MW",
}
_TEMPERATURE_SCALES = {"celsius": "°C", "centigrade": "°C", "c": "°C", "fahrenheit": "°F",
                       "f": "°F"}


def _spaced_unit(after: list[str]) -> str | None:
    """The name of a unit written after the number ("km/h", "C", "kilometres", "degrees
    Celsius", "miles per hour"), as ``_GLUED`` names it, else None."""
    if not after:
        return None
    word = after[0]
    if word in ("C", "F", "°C", "°F", "°"):
        return _GLUED[word.lower()]
    folded = word.lower()
    if len(folded) > 1 and folded in _GLUED:
        return _GLUED[folded]
    if folded in _SPELLED_UNITS:
        unit = _SPELLED_UNITS[folded]
        return "km/h" if unit == "km" and _per_hour(after) else unit
    if folded in ("miles", "mile") and _per_hour(after):
        return "mph"
    if folded in ("degrees", "degree") and len(after) > 1:
        return _TEMPERATURE_SCALES.get(after[1].lower())
    return None


def _per_hour(after: list[str]) -> bool:
    """Whether a unit word is followed by "per hour" ("kilometres per hour")."""
    return [w.lower() for w in after[1:3]] == ["per", "hour"]


# Counted things a bare "m" or "k" makes millions or thousands of ("2m people", "40k
# homes"); before anything else it may be metres ("10m waves", "the 100m hurdles").
_COUNTED = frozenset(_split("""people voters residents households homes users customers
viewers children refugees jobs barrels tonnes tons visitors passengers subscribers workers
members followers downloads copies doses cases migrants pilgrims fans tourists students
patients employees listeners readers signatures votes"""))


def _counted_after(abbr: str, text: str, end: int) -> bool:
    """Whether a lower-case "m" or "k" right after digits counts the word that follows."""
    if abbr not in ("m", "k"):
        return False  # "3M shares" is a company
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and nxt.group(1).lower() in _COUNTED


_COMPOUND = re.compile(r"-([a-z]+)")


def _compound_word(text: str, end: int) -> str | None:
    """The word a number is joined to by a hyphen, the thing it measures ("12-year
    sentence": year, "three-storey houses": storey), else None ("2,000-strong" counts
    the force after it)."""
    found = _COMPOUND.match(text, end)
    if found is None or found.group(1) == "strong":
        return None
    return found.group(1)


def _limit_after(text: str, raws: list[_Raw], k: int) -> int:
    """Where the words after a figure end: at the next figure from ``raws[k]`` on that is
    no compound ("200 three-storey houses": the 200 counts houses), else the text's end."""
    while k < len(raws) and _compound_word(text, raws[k].end):
        k += 1
    return raws[k].start if k < len(raws) else len(text)


def _is_minus_word(text: str, start: int) -> bool:
    """Whether the word "minus" and one space stand right before ``start``."""
    if start < 6 or text[start - 6:start].lower() != "minus ":
        return False
    return start == 6 or not text[start - 7].isalnum()


def _is_minus(text: str, start: int) -> bool:
    """Whether a minus sign, not a hyphen or a dash, stands right before ``start``."""
    if start == 0 or text[start - 1] not in "-−":
        return False
    return start == 1 or text[start - 2] in " \t\n(\"'“‘["


@lru_cache(maxsize=256)
def _quantifier(written: str) -> str:
    """A quantifier as matched ("More  than"), in lower case with single spaces."""
    return " ".join(written.lower().split())


def _before(text: str, m: re.Match[str]) -> str:
    """The 40 characters before a match's number, where labels and determiners show."""
    start = m.start("number")
    return text[max(0, start - 40):start]


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
    # ``digits`` is ASCII digits with maybe commas and a decimal point: it is a whole
    # number when isdigit(), and whole numbers of one length compare as strings.
    whole = digits.isdigit()
    if whole and len(digits) == 4 and "1800" <= digits <= "2099" and not (
        quantified and _plural_after(text, end)  # "some 2000 troops" counts
    ):
        return True
    if before[-1:] in _RANGE_MARKS and _YEAR_RANGE_BEFORE.search(before):  # "08" of "2007-08"
        return True
    if whole and _day(digits) and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(text, end)):
        return True  # "Oct. 11", "11 October", "Oct 11-12"
    if _INDEX_BEFORE.search(before):  # "S&P 500", "FTSE 100", "Group of 20"
        return True
    if before[-1:] == " " and _CODE_BEFORE.search(before):  # "HR 1234"
        return True
    if _ROUND_BEFORE.search(before) and not _plural_after(text, end):
        return True  # "reach the last 16", "the round of 32"; "the last 16 years" counts
    prev = _prev_word(before)
    if prev is not None and prev[0].isupper() and prev.lower() in _TITLED_ID_WORDS:
        return not before.rstrip().endswith(".")  # "Terminal 2", "Ward 7"
    if prev is None or prev.lower() not in _ID_WORDS:
        return False
    # "No. 10" names something; "boarded the flight. 370 people" starts a sentence.
    return not before.rstrip().endswith(".") or prev.lower() == "no"


def _day(digits: str) -> bool:
    """Whether whole-number ``digits`` could be a day of the month: 1 to 31.

    Read without ``int()`` of the whole string, which refuses a few thousand digits.
    """
    day = digits.lstrip("0")
    return len(day) <= 2 and 1 <= int(day or "0") <= 31


# The last character of a text _YEAR_RANGE_BEFORE can find a match in (its "$" also
# matches before a final newline).
_RANGE_MARKS = frozenset("-–/\n")


def _plural_after(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a plural noun ("troops", "people")."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return False
    word = nxt.group(1).lower()
    return word not in _STOP and _fold(word) != word


def _one_counts(quant: str | None, before: str, text: str, end: int) -> bool:
    """Whether a bare "one" counts something.

    "one soldier was killed" and "at least one" count; "one of the", "no one", "one
    another", "the one who" and "one day" do not. A scale word ("one million") always
    counts and never reaches this test.
    """
    nxt = _NEXT_WORD.match(text, end)
    next_word = nxt.group(1).lower() if nxt else ""
    part = _PARTITIVE.match(text, end) if next_word == "of" else None
    if part and text[part.end():part.end() + 1].isdigit():
        return True  # "one of the 11 victims" counts victims (see _lend_partitive_units)
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


# token -> (_clean(token), _ends_clause(token)). A text's vocabulary is small next to its
# length and the same tokens come back around every figure, so each is read once.
_TOKENS: dict[str, tuple[str, bool]] = {}
_TOKENS_LIMIT = 1 << 16


def _token(token: str) -> tuple[str, bool]:
    """``(_clean(token), _ends_clause(token))``, remembered in ``_TOKENS``."""
    global _TOKENS
    if len(_TOKENS) > _TOKENS_LIMIT:  # start afresh (a new dict: another thread may be reading)
        _TOKENS = {}
    found = _TOKENS[token] = (_clean(token), _ends_clause(token))
    return found


# Tokens split off at once by _words_after/_words_before: enough for their few words
# almost always, without splitting the whole rest of the text; the remainder is split
# only when more is needed.
_SPLIT_AHEAD = 6


def _words_after(text: str, pos: int, limit: int, count: int) -> list[str]:
    """Up to ``count`` words after ``pos`` (and before ``limit``) in the same clause."""
    chunk = text[pos:limit]
    if chunk[:7].lower() == "-strong":  # "a 2,000-strong force" counts the force
        chunk = chunk[len("-strong"):]
    words: list[str] = []
    tokens = chunk.split(None, _SPLIT_AHEAD)
    rest = tokens.pop() if len(tokens) > _SPLIT_AHEAD else ""
    known = _TOKENS
    while True:
        for token in tokens:
            word, ends = known.get(token) or _token(token)
            if word:
                words.append(word)
            if len(words) == count or ends:
                return words
        if not rest:
            return words
        tokens, rest = rest.split(), ""


def _words_before(text: str, pos: int, limit: int, count: int) -> list[str]:
    """Up to ``count`` words before ``pos`` (and after ``limit``) in the same clause."""
    words: list[str] = []
    tokens = text[limit:pos].rsplit(None, _SPLIT_AHEAD)
    rest = tokens.pop(0) if len(tokens) > _SPLIT_AHEAD else ""
    known = _TOKENS
    while True:
        for token in reversed(tokens):
            if len(words) == count:
                return words
            word, ends = known.get(token) or _token(token)
            if ends:
                return words
            if word:
                words.insert(0, word)
        if not rest:
            return words
        tokens, rest = rest.split(), ""


def _unit(after: list[str]) -> str | None:
    """What a figure counts: the last word of the noun phrase after it.

    The phrase ends at a function word, a verb-like -ed/-ing/-ly word or right after a
    plural: "1,000 rebel fighters in" -> "fighters"; "people lack water" -> "people";
    "14 killed" -> None; "two of the hostages" -> "hostages".
    """
    words = [w.lower() for w in after]
    if words[:1] == ["of"]:
        words = words[2:] if words[1:2] and words[1] in _STOP else words[1:]
    phrase: list[str] = []
    for word in words[:4]:
        if _COMPOUND_WORD.fullmatch(word):
            continue  # "200 three-storey houses", "15 16-year-old boys": an adjective
        if (word in _STOP or word in _NUMBER_WORDS or any(map(str.isdigit, word))
                or word.endswith(("ed", "ing", "ly"))) or len(phrase) == 3:
            break
        phrase.append(word)
        if _fold(word) != word:  # a plural ends the noun phrase
            break
    return phrase[-1] if phrase else None


_COMPOUND_WORD = re.compile(rf"(?:[0-9][0-9.,]*|{_NUMBER_WORDS_ALT})-[a-z][a-z-]*")


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
    if not old or not new:  # all added or all removed, in order of position
        return [(o, None) for o in old] + [(None, n) for n in new]
    if len(old) == len(new) and all(map(_same_reading, old, new)):
        # The same figures, in the same order, maybe elsewhere: each pairs with its own
        # copy (no other pair scores higher, and at equal score its copy drifts least),
        # so nothing changed. Most edits leave a paragraph's figures alone.
        return []
    return _paired_changes(old, new)


def _paired_changes(
    old: Sequence[Figure], new: Sequence[Figure]
) -> list[tuple[Figure | None, Figure | None]]:
    """``diff_figures`` without its shortcuts: every plausible pair scored and chosen."""
    old_keys = [_keys(f) for f in old]
    new_keys = [_keys(f) for f in new]
    candidates = []
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            score = _score(o, n, old_keys[i], new_keys[j])
            if score is not None:
                drift = abs((i + 0.5) / len(old) - (j + 0.5) / len(new))
                # Every tie-break is symmetric in old and new, so that swapping the two
                # versions mirrors the result.
                key = (-score, drift, abs(o.start - n.start), o.start + n.start,
                       min(o.text, n.text), max(o.text, n.text))
                candidates.append((key, i, j))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    lone_old = [i for i in range(len(old)) if i not in pairs]
    lone_new = [j for j in range(len(new)) if j not in taken]
    if len(lone_old) == 1 == len(lone_new):
        # One figure left on each side of one paragraph ("The toll stood at 37." ->
        # "The toll now stands at 52."), counting the same thing or nothing named, or
        # of one value ("239 people" -> "239 passengers and crew"): the same figure,
        # its words rewritten around it.
        lone_o, lone_n = old[lone_old[0]], new[lone_new[0]]
        if lone_o.value == lone_n.value or _same_counted(lone_o, lone_n) and (
            lone_o.unit is not None or _same_frame(lone_o, lone_n)
        ) and not _slots_conflict(lone_o.lead, lone_n.lead):  # "reached 7.4" is no "record of 8.3"
            pairs[lone_old[0]] = lone_new[0]
            taken.add(lone_new[0])
    changes: list[tuple[tuple[int, int, int], Figure | None, Figure | None]] = []
    anchor = -1
    for i, o in enumerate(old):
        if i in pairs:
            n = new[pairs[i]]
            anchor = n.start
            if o.value != n.value:
                changes.append(((n.start, 0, 0), o, n))
        else:
            changes.append(((anchor, 1, o.start), o, None))
    changes += [((n.start, 0, 0), None, n) for j, n in enumerate(new) if j not in taken]
    return [(o, n) for _, o, n in sorted(changes, key=lambda c: c[0])]


def _same_reading(old: Figure, new: Figure) -> bool:
    """Whether two figures are read alike: every field equal but where they stand."""
    return (
        old.text == new.text
        and old.value == new.value
        and old.number == new.number
        and old.quantifier == new.quantifier
        and old.unit == new.unit
        and old.context == new.context
        and old.implied_unit == new.implied_unit
        and old.lead == new.lead
    )


@lru_cache(maxsize=1 << 14)
def _fold(word: str) -> str:
    """Simple singular: "Americans" -> "american", "gunmen" -> "gunman", "people" -> "person".

    Cached: the same units and context words come back in every figure pair.
    """
    word = word.lower()
    if word in ("people", "persons"):
        return "person"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _keys(figure: Figure) -> frozenset[str]:
    """The content words of a figure's context, folded for matching."""
    return _context_keys(figure.context)


@lru_cache(maxsize=1 << 14)
def _context_keys(context: str) -> frozenset[str]:
    """``_keys`` of a context. Cached: an unchanged figure has the same context in both."""
    keys = (word_key(w) for w in context.split())
    return frozenset(
        _fold(k) for k in keys
        if k and k not in _STOP and k not in _NUMBER_WORDS and k not in _WHEN
        and not any(map(str.isdigit, k))
    )


_SLOTS = frozenset(_split("to from by at of in on for with over under between"))


def _same_frame(o: Figure, n: Figure) -> bool:
    """Whether two figures with no counted thing stand alike: the same word before them,
    the same quantifier or a context word in common ("toll stood at 37" and "toll now
    stands at 52"; not "the suspect, 24," and "the fire killed 9")."""
    return (
        (o.lead is not None and o.lead == n.lead)
        or (o.quantifier is not None and o.quantifier == n.quantifier)
        or not _keys(o).isdisjoint(_keys(n))
    )


def _same_counted(o: Figure, n: Figure) -> bool:
    """Whether two figures count the same thing as written, or neither names one."""
    if o.unit is None or n.unit is None:
        return o.unit is None and n.unit is None
    return _fold(o.unit) == _fold(n.unit)


def _score(
    o: Figure, n: Figure, old_keys: frozenset[str], new_keys: frozenset[str]
) -> float | None:
    """How well ``o`` and ``n`` match as one figure, or None when they cannot be one.

    A same counted thing is worth most; context overlap next; an equal value (a figure
    that did not change) and an equal quantifier break near-ties. Different counted things
    pair only when the value is equal and the context agrees ("1,000 rebel fighters" ->
    "1,000 rebels"): that hides a rewording, never an update.
    """
    same_value = o.value == n.value
    overlap = 2 * len(old_keys & new_keys) / (len(old_keys) + len(new_keys) or 1)
    unit_score = 0.0
    if o.unit is not None and n.unit is not None:
        if _fold(o.unit) == _fold(n.unit):
            unit_score = 2.0
        elif not (same_value and overlap >= 0.4):
            return None
    elif overlap < 0.3 and not (same_value and o.unit is None and n.unit is None):
        return None  # "killed 14" and "22 Americans": nothing says they are one figure
    else:
        # An implied unit ("... and 12 were hurt") that agrees counts as the same counted
        # thing; one that disagrees rules nothing out: an ellipsis is only a guess.
        old_unit, new_unit = o.unit or o.implied_unit, n.unit or n.implied_unit
        if old_unit is not None and new_unit is not None and _fold(old_unit) == _fold(new_unit):
            unit_score = 2.0
    slot = _slot_bonus(o.lead, n.lead)
    # Other slots and nothing in common but the unit: "reached 7.4 metres" and "the
    # record of 8.3 metres" are two figures.
    if _slots_conflict(o.lead, n.lead) and not same_value and not (
        (old_keys & new_keys) - {_fold(o.unit or "")}
    ):
        return None
    bonus = (1.5 if same_value else 0.0) + (0.25 if o.quantifier == n.quantifier else 0.0)
    return unit_score + 3 * overlap + bonus + slot


# Words before a number that give it the slot of a level: "stood at 37", "rose to 52",
# "were $40 million".
_LEVEL_LEADS = frozenset(_split("to at was were is are stood stands reached hit now"))


def _slot_class(lead: str | None) -> str | None:
    """The slot a lead word gives a number: "level" (at, to, was ...), the preposition
    itself (from, by, of ...), or None for any other word (a verb: "burned 12,400")."""
    if lead in _LEVEL_LEADS:
        return "level"
    return lead if lead in _SLOTS else None


def _slots_conflict(old: str | None, new: str | None) -> bool:
    """Whether both figures stand in a slot, and not the same one."""
    old_slot, new_slot = _slot_class(old), _slot_class(new)
    return old_slot is not None and new_slot is not None and old_slot != new_slot


def _slot_bonus(old: str | None, new: str | None) -> float:
    """+1 when two figures fill the same slot, -1 when they fill different ones.

    The slot a preposition gives a number outweighs an equal value standing in another
    one: in "rose to 1,200 from 950" -> "rose to 1,450 from 1,200" the toll went from
    1,200 to 1,450; the 1,200 after "from" is the old toll quoted, not the same figure
    moved. A level is a level however it is introduced: "The toll stood at 37" ->
    "The toll rose to 52 from 37" is 37 -> 52.
    """
    if old is None or new is None:
        return 0.0
    old_slot = _slot_class(old) or old  # another word (a verb) stands for itself
    new_slot = _slot_class(new) or new
    if not (old in _SLOTS or new in _SLOTS or old_slot == "level" == new_slot):
        return 0.0
    return 1.0 if old_slot == new_slot else -1.0
