"""Tests for revtrack.figures: finding figures in wire copy and pairing their changes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revtrack.classify import classify
from revtrack.figures import (
    _FIGURE,
    Figure,
    _figure_matches,
    _prev_word,
    diff_figures,
    find_figures,
)
from revtrack.model import Kind


def texts(sentence: str) -> list[str]:
    return [f.text for f in find_figures(sentence)]


def values(sentence: str) -> list[float]:
    return [f.value for f in find_figures(sentence)]


def changes(old: str, new: str) -> list[tuple[str | None, str | None]]:
    return [
        (o.text if o else None, n.text if n else None)
        for o, n in diff_figures(find_figures(old), find_figures(new))
    ]


# ---------------------------------------------------------------------------------------
# Kinds of figure


def test_digits_with_thousands_separator() -> None:
    """A comma-grouped number is one figure with its numeric value and counted thing."""
    [fig] = find_figures("Flooding forced 12,500 villagers from their homes.")
    assert (fig.text, fig.value, fig.number, fig.unit) == ("12,500", 12500.0, "12,500", "villagers")


def test_plain_and_decimal_digits() -> None:
    """Digits without separators and decimals are read as written."""
    assert values("Crews cleared 1200 tonnes and 3.5 kilometres of track.") == [1200.0, 3.5]


@pytest.mark.parametrize("written", ["45%", "45 percent", "45 per cent"])
def test_percentages(written: str) -> None:
    """Every way of writing a percentage gives value 45 and unit percent."""
    [fig] = find_figures(f"Turnout reached {written} in the north.")
    assert (fig.text, fig.value, fig.unit) == (written, 45.0, "percent")


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [
        ("$3.5 billion", 3.5e9, "dollars"),
        ("€200", 200.0, "euros"),
        ("£1.2m", 1.2e6, "pounds"),
        ("US$40bn", 4e10, "dollars"),
    ],
)
def test_money(written: str, value: float, unit: str) -> None:
    """A currency sign, scale word or abbreviation belongs to the figure and sets its unit."""
    [fig] = find_figures(f"The ministry pledged {written} for reconstruction.")
    assert (fig.text, fig.value, fig.unit) == (written, value, unit)


def test_scale_word_after_digits() -> None:
    """A scale word multiplies the digits before it."""
    [fig] = find_figures("Some 1.2 million people lack clean water.")
    assert (fig.text, fig.value, fig.quantifier, fig.unit) == (
        "Some 1.2 million", 1.2e6, "some", "people"
    )


def test_strong_suffix() -> None:
    """In "2,000-strong" the number counts what follows the compound."""
    [fig] = find_figures("A 2,000-strong militia entered the town.")
    assert (fig.text, fig.value, fig.unit) == ("2,000", 2000.0, "militia")


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("two", 2.0), ("fourteen", 14.0), ("nineteen", 19.0), ("twenty", 20.0),
        ("twenty-two", 22.0), ("a hundred", 100.0), ("a dozen", 12.0), ("two dozen", 24.0),
        ("half a dozen", 6.0), ("a million", 1e6), ("three million", 3e6),
        ("one hundred", 100.0),
    ],
)
def test_numbers_in_words(written: str, value: float) -> None:
    """Numbers written as words, with scale words, have their numeric value."""
    [fig] = find_figures(f"Officials counted {written} trucks at the border.")
    assert (fig.text, fig.value, fig.unit) == (written, value, "trucks")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("One protester was detained.", ["One"]),
        ("Police said one million dollars went missing.", ["one million"]),
        ("At least one was wounded.", ["At least one"]),
        ("One of the guards fled.", []),
        ("No one was hurt.", []),
        ("The rivals blamed one another.", []),
        ("One day the convoy returned.", []),
        ("She was the one who called.", []),
        ("Police confirmed this. One soldier was killed.", ["One"]),
        ("Nobody expected that. One man died.", ["One"]),
    ],
)
def test_one_only_when_it_counts(sentence: str, expected: list[str]) -> None:
    """"one" is a figure when it counts something, not as a pronoun or in an idiom."""
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    "quantifier",
    ["more than", "at least", "about", "nearly", "up to", "almost", "around", "over",
     "fewer than", "less than", "roughly", "approximately", "some", "as many as"],
)
def test_quantifiers_belong_to_the_figure(quantifier: str) -> None:
    """A quantifier right before the number is part of the text and normalised."""
    [fig] = find_figures(f"Medics treated {quantifier} 60 patients overnight.")
    assert (fig.text, fig.quantifier, fig.value) == (f"{quantifier} 60", quantifier, 60.0)


def test_quantifier_case_and_spacing_are_normalised() -> None:
    """The quantifier is lower-cased with single spaces."""
    [fig] = find_figures("More  than 300 flights were cancelled.")
    assert fig.quantifier == "more than"


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge opened in 2007 on Oct 11.",
        "The talks resume on Oct. 11 in Geneva.",
        "Voting ends on 11 October and on March 3.",
        "Trading stopped at 10:30 and resumed at 3 p.m.",
        "She finished 4th, and he came fourth.",
        "COVID-19 cases rose as F-16 jets flew over the G7 summit and an A320 landed.",
        "Hundreds of people, thousands of troops and dozens of cars were stuck.",
        "Since 2007 the club has played in the 2007-08 league.",
        "Flight 370 vanished and Resolution 242 was cited.",
        "Two-thirds of voters and one-quarter of members agreed to a one-off levy.",
        "Leaders of the Group of Seven met.",
        "Terminal 2 and Platform 9 closed, and Ward 7 and Precinct 12 were evacuated.",
        "The S&P 500 and the FTSE 100 fell as the Group of 20 met.",
    ],
)
def test_not_figures(sentence: str) -> None:
    """Dates, years, times, ordinals, names, vague plurals and fractions are not figures."""
    assert find_figures(sentence) == []


def test_range_is_two_figures_sharing_the_counted_thing() -> None:
    """A range gives one figure per end; the first borrows the scale and unit of the second."""
    figs = find_figures("Between 1.5 and 2 million people fled, and 10-12 bridges fell.")
    assert [(f.text, f.value, f.unit) for f in figs] == [
        ("1.5", 1.5e6, "people"), ("2 million", 2e6, "people"),
        ("10", 10.0, "bridges"), ("12", 12.0, "bridges"),
    ]


def test_range_of_money_shares_currency_and_scale() -> None:
    """In "$10-12 million" both ends are millions of dollars."""
    figs = find_figures("The deal was worth $10-12 million.")
    assert [(f.text, f.value, f.unit) for f in figs] == [
        ("$10", 1e7, "dollars"), ("12 million", 1.2e7, "dollars")
    ]


def test_bare_and_is_a_list_not_a_range() -> None:
    """Two amounts joined by a bare "and" keep their own scales."""
    assert values("Repairs cost €1,200 and £3bn.") == [1200.0, 3e9]


def test_range_end_update_is_reported() -> None:
    """Changing one end of a range reports that end only."""
    assert changes("Storms cut power to 10-12 towns.", "Storms cut power to 10-15 towns.") == [
        ("12", "15")
    ]


def test_context_is_a_short_phrase_from_the_text() -> None:
    """Context is the words after the figure, without a dangling function word."""
    [fig] = find_figures("At least 14 Americans were killed during the attack.")
    assert fig.context == "Americans were killed"
    assert fig.unit == "americans"


def test_context_uses_words_before_when_clause_ends() -> None:
    """When the clause ends right after the figure, the words before it give the context."""
    [fig] = find_figures("The toll from the landslide rose to 1,100.")
    assert fig.context == "landslide rose to"
    assert fig.unit is None


@pytest.mark.parametrize(
    ("text", "figure", "context"),
    [
        ("Its quarterly profit rose 12% to $84 million, helped by bookings.", "$84 million",
         "quarterly profit rose"),
        ('"We ran for the roof," said Rina Dolmatova, 24, a machine operator.', "24",
         "Rina Dolmatova"),
    ],
)
def test_context_reaches_further_back_when_nothing_near_says_anything(
    text: str, figure: str, context: str
) -> None:
    """A figure with only function words around it (or none) takes the words before them."""
    [fig] = [f for f in find_figures(text) if f.text == figure]
    assert fig.context == context


def test_unit_skips_adjectives_and_verbs() -> None:
    """The counted thing is the head of the noun phrase, not a following verb."""
    assert [f.unit for f in find_figures("Troops killed 30 rebel gunmen; 14 died.")] == [
        "gunmen", None
    ]


def test_a_figure_without_a_noun_takes_the_unit_before_it_as_a_hint() -> None:
    """ "... and 12 were hurt" counts what the figure before it counted, in one sentence."""
    figs = find_figures("Officials said 300 people were evacuated and 12 were hurt.")
    assert [(f.unit, f.implied_unit) for f in figs] == [("people", None), (None, "people")]
    # Not across a sentence end, and a percentage or a sum is no counted thing.
    assert [f.implied_unit for f in find_figures("Rescuers found 40 people. 12 were hurt.")] == [
        None, None
    ]
    assert [f.implied_unit for f in find_figures("Prices rose 3% to 1,200.")] == [None, None]


# ---------------------------------------------------------------------------------------
# Pairing rules


def test_unrelated_equal_number_does_not_hide_update() -> None:
    """An update is found even when the new text adds another figure with the old value."""
    old = "Government air strikes have killed more than 1,000 people in the capital."
    new = (
        "Government air strikes have killed more than 1,100 people, officials said. "
        "The army said it had killed at least 1,000 rebel fighters."
    )
    result = diff_figures(find_figures(old), find_figures(new))
    assert [(o and o.text, n and n.text) for o, n in result] == [
        ("more than 1,000", "more than 1,100"),
        (None, "at least 1,000"),
    ]
    assert result[0][1] is not None and result[0][1].unit == "people"
    assert result[1][1] is not None and result[1][1].unit == "fighters"


def test_unchanged_figures_are_not_reported() -> None:
    """Figures with the same value and counted thing on both sides give no change."""
    old = "Floods swept the delta, killing 1,200 people. More than 100 people are missing."
    new = (
        "Floods swept the delta on Friday, killing 1,200 people, officials said. "
        "More than 100 people are still missing."
    )
    assert changes(old, new) == []


def test_reformatted_figures_are_not_reported() -> None:
    """Re-writing a number (separator, digits to words) is not a change."""
    assert changes("The blast hurt 1200 people.", "The blast hurt 1,200 people.") == []
    assert changes("Rebels freed 14 Americans.", "Rebels freed fourteen Americans.") == []


def test_updated_toll_has_context() -> None:
    """A changed count is an update whose context names what is counted."""
    [(o, n)] = diff_figures(
        find_figures("At least 14 Americans were killed in the ambush."),
        find_figures("At least 22 Americans were killed in the ambush."),
    )
    assert o is not None and n is not None
    assert (o.value, n.value) == (14.0, 22.0)
    assert "Americans" in n.context


def test_moved_figure_is_not_reported() -> None:
    """A figure that moved to another sentence with the same value is not a change."""
    old = "Rescuers pulled 37 survivors from the rubble. The quake struck before dawn."
    new = "The quake struck before dawn. By noon, rescuers had pulled 37 survivors from the rubble."
    assert changes(old, new) == []


def test_figures_swapped_between_clauses_are_not_reported() -> None:
    """Two counts trading places in a reordered sentence merely moved: no change.

    The unit one of them only implies ("and 12 were hurt") is what tells "300 people
    were evacuated" from "12 people were hurt"; without it, the equal counted noun paired
    300 with 12 and reported an update, a removal and an addition.
    """
    old = "Officials said 300 people were evacuated and 12 were hurt."
    new = "Officials said 12 people were hurt and 300 were evacuated."
    assert changes(old, new) == []
    assert changes(new, old) == []


def test_an_implied_unit_never_keeps_an_update_apart() -> None:
    """An implied unit that disagrees with a written one still lets the counts pair."""
    old = "Troops killed 30 rebel gunmen; 14 died."
    new = "Troops killed 30 rebel gunmen; 16 soldiers died."
    assert changes(old, new) == [("14", "16")]

def test_counts_that_swapped_what_they_count_are_updates() -> None:
    """A transposition corrected ("killed 12 and wounded 40" -> "killed 40 and wounded 12")
    changed both tolls; each count is paired by what it counts, not by its value."""
    old, new = "The attack killed 12 and wounded 40.", "The attack killed 40 and wounded 12."
    assert changes(old, new) == [("12", "40"), ("40", "12")]
    assert changes("Twelve were killed and 40 injured.", "Forty were killed and 12 injured.") == [
        ("Twelve", "Forty"), ("40", "12")
    ]
    [fig] = find_figures("Two were killed and 40 injured.")[1:]
    assert fig.context == "injured"


def test_a_new_toll_quoting_the_old_one_is_an_update_of_the_slot() -> None:
    """"rose to 37 from 20" -> "rose to 52 from 37": the toll went 37 -> 52 (and the
    figure after "from" 20 -> 37), though the old 37 is still in the text."""
    assert changes("The toll rose to 37 from 20.", "The toll rose to 52 from 37.") == [
        ("37", "52"), ("20", "37")
    ]
    assert changes(
        "Inflation rose to 5.2% in May from 4.9% in April.",
        "Inflation rose to 5.4% in June from 5.2% in May.",
    ) == [("5.2%", "5.4%"), ("4.9%", "5.2%")]


def test_the_one_figure_left_on_each_side_is_an_update() -> None:
    """With its words rewritten around it, a paragraph's lone figure still pairs."""
    assert changes("The toll stood at 37.", "The toll now stands at 52.") == [("37", "52")]
    # Not when they count different things, or one counts something and one does not.
    assert changes("Medics treated 25 children.", "Medics treated 31 soldiers.") == [
        ("25", None), (None, "31")
    ]
    assert changes("Police said 12 died.", "It was the third attack in 5 days.") == [
        ("12", None), (None, "5")
    ]

def test_percent_and_money_updates() -> None:
    """Percentages and sums pair with their own kind and report both values."""
    old = "Support fell to 45% as the plan grew to $3.5 billion."
    new = "Support fell to 48% as the plan grew to $4 billion."
    result = diff_figures(find_figures(old), find_figures(new))
    assert [(o.value, n.value) for o, n in result if o and n] == [(45.0, 48.0), (3.5e9, 4e9)]
    assert len(result) == 2


def test_words_to_digits_update() -> None:
    """"two dozen soldiers" -> "30 soldiers" is an update from 24 to 30."""
    [(o, n)] = diff_figures(
        find_figures("Two dozen soldiers guarded the crossing."),
        find_figures("30 soldiers guarded the crossing."),
    )
    assert o is not None and n is not None
    assert (o.text, o.value, n.text, n.value) == ("Two dozen", 24.0, "30", 30.0)


def test_sentence_with_year_and_date_has_no_figures() -> None:
    """A year and a date in one sentence yield no figures and so no changes."""
    assert find_figures("The bridge opened in 2007 on Oct 11.") == []
    assert changes("The bridge opened in 2007.", "The bridge opened in 2008 on Oct 12.") == []


def test_added_and_removed_figures() -> None:
    """Figures without a counterpart are reported as added or removed."""
    old = "Police arrested 40 people. Officers seized 3 rifles."
    new = "Police arrested 40 people. Officials estimated 5,000 marchers."
    assert changes(old, new) == [("3", None), (None, "5,000")]


def test_different_counted_things_are_not_paired() -> None:
    """Figures counting different things are added and removed, not updated."""
    assert changes("Medics treated 25 children.", "Medics treated 31 soldiers.") == [
        ("25", None), (None, "31")
    ]


def test_reworded_counted_thing_with_same_value_is_not_reported() -> None:
    """The same value with a reworded but overlapping counted thing is not a change."""
    assert changes("Troops killed 1,000 rebel fighters.", "Troops killed 1,000 rebels.") == []


def test_unit_less_figures_pair_by_context() -> None:
    """Without a counted thing, matching surrounding words make an update."""
    assert changes(
        "The death toll from the storm rose to 1,000.",
        "The death toll from the storm rose to 1,100.",
    ) == [("1,000", "1,100")]


# ---------------------------------------------------------------------------------------
# Properties

_PHRASES = [
    "more than 1,000 people were killed", "at least 14 Americans died", "45% of voters",
    "$3.5 billion in aid", "two dozen soldiers", "1,200 people", "fourteen Americans",
    "a dozen trucks", "up to 30 percent", "on Oct 11", "in 2007", "one of them",
    "some 300 gunmen", "10-12 houses", "nearly 2 million refugees", "the 1,100 rebels",
]
_WORDS = ["officials", "said", "the", "army", "in", "capital", "on", "Monday", "and"]
_sentences = st.lists(
    st.one_of(st.sampled_from(_PHRASES), st.sampled_from(_WORDS)), min_size=1, max_size=12
).map(lambda parts: " ".join(parts).capitalize() + ".")
_articles = st.lists(_sentences, max_size=5).map(" ".join)


@given(st.one_of(st.text(), _articles))
def test_spans_match_text(text: str) -> None:
    """Every figure's text is exactly its span, and figures are in order without overlap."""
    figures = find_figures(text)
    for fig in figures:
        assert text[fig.start:fig.end] == fig.text
        assert fig.text.endswith(fig.number)
    assert all(a.end <= b.start for a, b in zip(figures, figures[1:], strict=False))


@given(_articles)
def test_no_changes_against_itself(text: str) -> None:
    """Comparing a text's figures with themselves reports nothing."""
    figures = find_figures(text)
    assert diff_figures(figures, figures) == []


def _mirror(pair: tuple[Figure | None, Figure | None]) -> tuple[Figure | None, Figure | None]:
    return pair[1], pair[0]


def _order(pair: tuple[Figure | None, Figure | None]) -> tuple[int, int]:
    return (pair[0].start if pair[0] else -1, pair[1].start if pair[1] else -1)


@given(_articles, _articles)
def test_swapping_versions_mirrors_changes(old: str, new: str) -> None:
    """Swapping old and new swaps added with removed and mirrors every update."""
    forward = diff_figures(find_figures(old), find_figures(new))
    backward = diff_figures(find_figures(new), find_figures(old))
    assert sorted(map(_mirror, forward), key=_order) == sorted(backward, key=_order)
    for o, n in forward:
        assert o is None or n is None or o.value != n.value


def test_percent_then_amount_is_not_a_range() -> None:
    """'rose 12% to $84 million' is 12 percent and 84 million dollars, not a range."""
    values = [f.value for f in find_figures("Profit rose 12% to $84 million.")]
    assert values == [12.0, 84_000_000.0]


def test_change_by_then_level_is_not_a_range() -> None:
    """'dropped by 14,200 to 1.21 million' keeps 14,200 as it is written."""
    values = [f.value for f in find_figures("Unemployment dropped by 14,200 to 1.21 million.")]
    assert values == [14_200.0, 1_210_000.0]


def test_context_stops_at_a_new_clause() -> None:
    """'37 people and destroying homes' gives a context about the people, not the homes."""
    (figure,) = find_figures("A quake killed at least 37 people and destroying many homes.")
    assert "people" in figure.context and "destroying" not in figure.context
    (figure,) = find_figures("Storms left about 600,000 homes and businesses without power.")
    assert figure.context.startswith("homes and businesses")


# ---------------------------------------------------------------------------------------
# Scanning only near anchors finds what scanning everywhere finds

_SCAN_PIECES = [
    "more than", "More  Than", "in excess of", "as many as", "an estimated", "up to", "some",
    "nearly", "about", "half a", "half an", "a", "an", "A", "US$", "us$", "$", "€", "£", "(",
    '"', "“", "-", "–", "/", ":", ",", ".", "%", "per cent", "percent", "1", "14", "1,200",
    "1,20", "3.5", "2007", "10:30", "4th", "G7", "COVID-19", "10-12", "£1.2m", "10m", "2bn",
    "one", "One", "ONE", "two", "twenty", "Twenty-one", "twenty one", "fourteen", "seventeen",
    "sevenfold", "tense", "often", "someone", "dozen", "hundred", "Million", "billion",
    "thousands", "zero", "ſix", "ſome", "\u0131n excess of", "t\u0130n", "\u212a", "people",
    "killed", "Oct.", "p.m.", "o'clock", "-strong", "between", "and", "to", "or", "said.",
]
_SCAN_SPACES = ["", " ", " ", "  ", "\n\n", "\u00a0"]
_scan_texts = st.lists(
    st.tuples(st.sampled_from(_SCAN_PIECES), st.sampled_from(_SCAN_SPACES)), max_size=25
).map(lambda parts: "".join(piece + space for piece, space in parts))
_scan_soup = st.text(alphabet="0123456789 $€£aA,.-%ſıİK(noetwvhfirsu", max_size=40)
_LEADS = ["in", "excess", "of", "more", "than", "half", "a", "an", "An", "US$", "$", "(", "x"]
_scan_leads = st.lists(
    st.sampled_from([*_LEADS, "5", "1,200", "hundred", "million", "one", "Two"]), max_size=12
).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_scan_texts, _scan_soup, _scan_leads))
def test_scanning_near_anchors_finds_every_match(text: str) -> None:
    """_figure_matches gives exactly _FIGURE.finditer's matches, groups included."""
    def spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
        return [(m.span(), m.groupdict()) for m in matches]

    assert spans(_figure_matches(text)) == spans(list(_FIGURE.finditer(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Officials said in excess of  1,200 people died.",  # a three-word quantifier
        "The fund holds (US$ 5 billion) and half a million tonnes.",  # currency, article
        "Often tense, someone said twenty-one of them left.",  # words that are not numbers
        "The dotted \u0130 makes lower case longer: one more, 3 people.",  # no folded copy
        "ſome 40 people and \u0131n excess of 7 trucks.",  # letters that fold to ASCII
        "Half an hundred came, an hundred left, US$5 and £ 3 were paid.",
    ],
)
def test_scanning_near_anchors_examples(text: str) -> None:
    """Lead words, currencies, non-number words and odd case folding are handled."""
    assert [m.span() for m in _figure_matches(text)] == [
        m.span() for m in _FIGURE.finditer(text)
    ]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab.. \n\tZé1-", max_size=10))
def test_previous_word_is_the_trailing_word_regex(before: str) -> None:
    """_prev_word reads from the end what the regex it replaced finds from the start."""
    found = re.search(r"([A-Za-z]+)\.?\s+$", before)
    assert _prev_word(before) == (found.group(1) if found else None)


def test_a_figure_opening_a_sentence_after_a_month_or_id_word_is_found() -> None:
    """A full stop ends the sentence: "in June. 5 people" is not a date, nor "flight. 370"."""
    assert [f.text for f in find_figures("It rained in June. 5 people died.")] == ["5"]
    assert [f.text for f in find_figures("They boarded the flight. 370 people died.")] == ["370"]
    # Abbreviations keep their dot and still name a date or a thing.
    assert find_figures("They met on Oct. 11 in the capital.") == []
    assert find_figures("No. 10 said so.") == []


def test_figure_update_after_a_month_is_reported() -> None:
    from revtrack import Kind, compare

    result = compare("The storm hit in May. 5 people died.", "The storm hit in May. 7 people died.")
    (alignment,) = result.alignments
    assert alignment.kinds == (Kind.FIGURE_UPDATE,)
    assert [(f.old, f.new) for f in alignment.figures] == [("5", "7")]


def test_capitalised_naming_words_only_name_when_capitalised() -> None:
    """"Ward 12" names a ward; "the ward 12 patients shared" counts patients."""
    assert find_figures("Ward 12 reopened.") == []
    assert [f.text for f in find_figures("On the ward 12 patients shared a room.")] == ["12"]


def test_a_quantified_four_digit_number_is_a_count_not_a_year() -> None:
    """"Some 2000 troops" counts troops; a bare "in 2000" stays a year."""
    assert [(f.text, f.value) for f in find_figures("Some 2000 troops crossed in 2000.")] == [
        ("Some 2000", 2000.0)
    ]


def test_billions_need_no_currency_sign() -> None:
    """"12bn euros" is a sum; a bare "10m" may still be metres."""
    assert [(f.value, f.unit) for f in find_figures("It lost 12bn euros.")] == [(12e9, "euros")]
    assert find_figures("He ran 10m.") == []


def test_context_is_the_figures_own_clause() -> None:
    """A conjunction right after a figure ends its clause: the next one is not its context."""
    def contexts(text: str) -> list[str]:
        return [f.context for f in find_figures(text)]

    assert contexts("Germany pledged $10 million, France $8 million and Italy $5 million.") == [
        "Germany pledged", "France", "Italy"
    ]
    assert contexts("Floods killed 1,200 people in the delta.") == ["people in the delta"]
    assert contexts("Okello had 49.2% of the vote against 47.9% for Marai.") == [
        "of the vote", "for Marai"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # Reordered clauses: each figure keeps the words of its own clause.
        ("Sales rose 4% in Europe and 9% in Asia.", "Sales rose 9% in Asia and 5% in Europe.",
         [("4%", "5%")]),
        ("The party won 40% in the north and 25% in the south.",
         "The party won 25% in the south and 40% in the north.", []),
        # Who said it is not what a figure counts.
        ("Officials said 12 died. Police said 30 were hurt.",
         "Officials said 33 were hurt. Police said 12 died.", [("30", "33")]),
        # Lone figures with nothing in common stay a removal and an addition.
        ("The suspect, 24, was arrested at the scene.",
         "The suspect was arrested at the scene after the fire killed 9.",
         [("24", None), (None, "9")]),
        ("The quake had a magnitude of 6.4, the institute said.",
         "The quake killed 6, the institute said.", [("6.4", None), (None, "6")]),
        # A gerund is no naming word; a year after a quantifier is still a year.
        ("Building 500 new homes will cost more.", "Building 800 new homes will cost more.",
         [("500", "800")]),
        ("The plant was built around 1990.", "The plant was built around 1992.", []),
        ("Police clashed with protesters over 2019 election results.",
         "Police clashed with protesters over 2022 election results.", []),
    ],
)
def test_pairing_does_not_invent_updates(
    old: str, new: str, expected: list[tuple[str | None, str | None]]
) -> None:
    """Cases a review of the pairing rules found going wrong."""
    assert changes(old, new) == expected


def test_a_minus_sign_is_part_of_the_number() -> None:
    """"-20 degrees" is -20; the hyphen of a range or a name is no sign."""
    assert [(f.text, f.value) for f in find_figures("It fell to -20 degrees and −3.5%.")] == [
        ("-20", -20.0), ("−3.5%", -3.5)
    ]
    assert [f.value for f in find_figures("Between 10-20 people saw COVID-19 cases.")] == [
        10.0, 20.0
    ]
    assert changes("It fell to -20 degrees.", "It fell to -25 degrees.") == [("-20", "-25")]
    assert changes("It fell to -20 degrees.", "It rose to 20 degrees.") == [("-20", "20")]


def test_the_one_figure_left_on_each_side_with_one_value_is_unchanged() -> None:
    """"239 people" -> "239 passengers and crew": the count stayed, its noun was reworded."""
    old, new = "The plane carried 239 people.", "The plane carried 239 passengers and crew."
    assert changes(old, new) == []


def test_other_dollars_are_sums_of_their_own_currency() -> None:
    """"A$20 million" is a sum, in Australian dollars: "$20 million" is another currency."""
    assert [(f.value, f.unit) for f in find_figures("It raised A$20 million and HK$3bn.")] == [
        (2e7, "australian dollars"), (3e9, "hong kong dollars")
    ]
    assert changes("It cost $20 million.", "It cost A$20 million.") == []  # same value...
    found, _, _ = classify(["It cost $20 million."], ["It cost A$20 million."], (0,), (0,), False)
    assert found == (Kind.REWORDED,)  # ... but not the same money


def test_a_number_in_words_past_a_hundred_is_one_figure() -> None:
    """"Two hundred and fifty" is 250 (AP style spells out a number opening a sentence)."""
    assert [(f.text, f.value) for f in find_figures("Two hundred and fifty people fled.")] == [
        ("Two hundred and fifty", 250.0)
    ]
    assert [f.value for f in find_figures("Two hundred fifty thousand people marched.")] == [
        250_000.0
    ]
    assert changes("Two hundred and fifty people fled.", "Two hundred and sixty people fled.") == [
        ("Two hundred and fifty", "Two hundred and sixty")
    ]
    # "two to three hundred" still lends the hundred to the two.
    assert [f.value for f in find_figures("two to three hundred people")] == [200.0, 300.0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A 27-year-old man got a 12-year sentence.", [("27", 27.0), ("12", 12.0)]),
        ("A 7.8-magnitude quake hit the 5,000-seat arena.", [("7.8", 7.8), ("5,000", 5000.0)]),
        ("The jury heard a two-day summary.", [("two", 2.0)]),
    ],
)
def test_a_number_in_a_hyphenated_compound_is_a_figure(
    sentence: str, expected: list[tuple[str, float]]
) -> None:
    """Ages, sentences, magnitudes and sizes written as compounds are figures, like
    "2,000-strong": an editor checks "27-year-old" -> "28-year-old" as a changed figure."""
    assert [(f.text, f.value) for f in find_figures(sentence)] == expected


def test_hyphenated_compound_updates_and_respellings() -> None:
    assert changes("He got a 10-year sentence.", "He got a 12-year sentence.") == [("10", "12")]
    assert changes("A 7.8-magnitude quake hit.", "A 7.7-magnitude quake hit.") == [("7.8", "7.7")]
    found, _, _ = classify(
        ["A seven-year-old boy died."], ["A 7-year-old boy died."], (0,), (0,), False
    )
    assert found == (Kind.STYLE,)  # the number's spelling, nothing else


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [
        ("10km", 10.0, "km"), ("140km/h", 140.0, "km/h"), ("140kph", 140.0, "km/h"),
        ("45C", 45.0, "°C"), ("45°C", 45.0, "°C"), ("-5C", -5.0, "°C"), ("104F", 104.0, "°F"),
        ("200mm", 200.0, "mm"), ("3.2GW", 3.2, "GW"), ("500MWh", 500.0, "MWh"),
        ("20kg", 20.0, "kg"), ("60mph", 60.0, "mph"),
    ],
)
def test_a_unit_written_onto_the_digits_is_part_of_the_figure(
    written: str, value: float, unit: str
) -> None:
    """ "45C", "10km", "140km/h": weather and disaster copy glues its units on."""
    [fig] = find_figures(f"Officials measured {written} on Monday.")
    assert (fig.text, fig.value, fig.unit) == (written, value, unit)


def test_glued_unit_updates_and_respellings() -> None:
    assert changes("It reached 45C.", "It reached 47C.") == [("45C", "47C")]
    assert changes("Winds of 140 km/h hit.", "Winds of 160km/h hit.") == [("140", "160km/h")]
    for old, new in [("Winds of 140 km/h hit.", "Winds of 140km/h hit."),
                     ("Winds of 140kph hit.", "Winds of 140km/h hit."),
                     ("It reached 45C.", "It reached 45°C.")]:
        found, _, _ = classify([old], [new], (0,), (0,), False)
        assert found == (Kind.STYLE,), (old, new)
    # A bare "10m" may be metres or millions; a lower-case "5c", cents or Celsius: neither.
    assert find_figures("A 10m wall.") == []
    assert find_figures("It costs 5c.") == []


def test_minus_in_words_and_halves_and_a_hundred_and() -> None:
    assert [(f.text, f.value) for f in find_figures("It fell to minus 20 degrees.")] == [
        ("minus 20", -20.0)
    ]
    found, _, _ = classify(["It fell to minus 20 degrees."], ["It fell to -20 degrees."],
                           (0,), (0,), False)
    assert found == (Kind.STYLE,)
    assert [(f.text, f.value) for f in find_figures("About one and a half million fled.")] == [
        ("About one and a half million", 1.5e6)
    ]
    assert [f.value for f in find_figures("He served two and a half years.")] == [2.5]
    assert [(f.text, f.value) for f in find_figures("A hundred and fifty were hurt.")] == [
        ("A hundred and fifty", 150.0)
    ]
    assert changes("A hundred and fifty were hurt.", "A hundred and sixty were hurt.") == [
        ("A hundred and fifty", "A hundred and sixty")
    ]


def test_the_day_of_a_toll_does_not_tell_figures_apart() -> None:
    """The daily toll update moves "on Monday" to "on Tuesday": the toll is still the toll."""
    old = "The death toll rose to 37 on Monday from 20 on Sunday, the ministry said."
    assert changes(old, "The death toll rose to 52 on Tuesday, the ministry said.") == [
        ("37", "52"), ("20", None)
    ]
    new = "The death toll rose to 52 on Tuesday from 37 on Monday, the ministry said."
    assert changes(old, new) == [("37", "52"), ("20", "37")]


@pytest.mark.parametrize(
    ("old", "new", "part"),
    [
        ("Three of the 11 victims were children.", "Four of the 11 victims were children.",
         ("Three", "Four")),
        ("Ten of the 12 members voted.", "Nine of the 12 members voted.", ("Ten", "Nine")),
        ("One of the 11 victims was a child.", "Two of the 11 victims were children.",
         ("One", "Two")),
    ],
)
def test_a_part_of_a_whole_counts_what_the_whole_counts(
    old: str, new: str, part: tuple[str, str]
) -> None:
    """ "Three of the 11 victims": three victims, an update when it becomes four."""
    assert changes(old, new) == [part]
    [three, _] = find_figures(old)
    assert three.unit == "victims" if "victims" in old else three.unit == "members"
    assert three.context  # says what it counts, not nothing


def test_context_never_comes_from_the_sentence_before() -> None:
    text = "Rescuers found the bodies on Sunday. Three of the 11 victims were children."
    [three, _] = find_figures(text)
    assert "Sunday" not in three.context and "found" not in three.context


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Published 2024-03-05 by the agency.", "Published 2024-03-06 by the agency."),
        ("Call +44 20 7946 0958 for details.", "Call +44 20 7946 0959 for details."),
        ("See https://example.com/a/index.html?query=1&x=2 now.",
         "See https://example.com/a/index.html?query=2&x=2 now."),
        ("Write to desk2@agency.org today.", "Write to desk3@agency.org today."),
        ("Bill HR 1234 passed.", "Bill HR 1235 passed."),
    ],
)
def test_dates_addresses_phone_numbers_and_codes_are_not_figures(old: str, new: str) -> None:
    """An ISO date, a web or e-mail address, a phone number or "HR 1234" is no figure."""
    assert find_figures(old) == [] and find_figures(new) == []


def test_a_code_rule_leaves_articles_and_currency_codes_alone() -> None:
    assert [f.text for f in find_figures("A 27-year-old paid USD 500.")] == ["27", "500"]


def test_millions_and_thousands_without_a_currency_sign_before_a_plural() -> None:
    """ "2m people" and "40k homes" are counts; "a 2m wall" may be metres, so no figure."""
    assert changes("Some 2m people voted.", "Some 3m people voted.") == [("Some 2m", "Some 3m")]
    assert [f.value for f in find_figures("The storm left 40k homes dark.")] == [40_000.0]
    assert find_figures("A 2m wall fell.") == []
    found, _, _ = classify(
        ["Nearly 2m people voted."], ["Nearly 2 million people voted."], (0,), (0,), False
    )
    assert found == (Kind.STYLE,)


def test_scores_and_tallies_are_not_figures() -> None:
    """ "a 1-0 lead" -> "beating Sella 2-1" is no 0 -> 2 update; "10-12 people" is a range."""
    old = "Ferrer gave them a 1-0 lead over Sella at halftime."
    new = "They beat Sella 2-1, with Ferrer scoring twice."
    assert changes(old, new) == []
    assert find_figures("The council voted 7-2, and the match ended 1-1.") == []
    assert changes("Between 10-12 people died.", "Between 10-15 people died.") == [("12", "15")]


def test_a_wire_update_number_is_a_name() -> None:
    """ "UPDATE 2-Quake kills at least 23" -> "UPDATE 3-Quake toll rises to 41": 23 -> 41."""
    old = "UPDATE 2-Quake kills at least 23 in western Dravia, dozens trapped"
    new = "UPDATE 3-Quake toll in western Dravia rises to 41, rescuers race to reach trapped"
    assert changes(old, new) == [("at least 23", "41")]
    assert find_figures("UPDATE 3 - Quake toll rises") == []


def test_one_in_a_compound_counts_only_before_a_measure() -> None:
    assert changes("He signed a one-year contract.", "He signed a two-year contract.") == [
        ("one", "two")
    ]
    assert find_figures("A one-off, one-sided payment.") == []


def test_a_count_before_a_numbered_compound_keeps_its_noun() -> None:
    """ "200 three-storey houses": 200 counts houses, three counts storeys."""
    [count, storeys] = find_figures("The council will build 200 three-storey houses.")
    assert (count.unit, storeys.unit) == ("houses", "storey")
    assert changes("They build 200 three-storey houses.", "They build 250 houses.") == [
        ("200", "250"), ("three", None)
    ]
    assert changes("Toyota recalled 1 million four-wheel-drive vehicles.",
                   "Toyota recalled 1.2 million vehicles.") == [("1 million", "1.2 million"),
                                                                ("four", None)]
    assert changes("It freed 24 women and 15 teenage boys.",
                   "It freed 24 women and 15 16-year-old boys.") == [(None, "16")]
    assert [f.unit for f in find_figures("He was jailed for 12 years.")] == ["years"]
    assert [f.unit for f in find_figures("He got a 12-year sentence.")] == ["year"]


def test_signed_market_moves_are_no_phone_numbers() -> None:
    assert changes("The index rose +1.25% to 7,512.", "The index rose +1.40% to 7,512.") == [
        ("1.25%", "1.40%")
    ]
    assert changes("The Dow closed +150.3 points up.", "The Dow closed +180.6 points up.") == [
        ("150.3", "180.6")
    ]


@pytest.mark.parametrize(
    ("old", "new", "update"),
    [
        ("Brent rose 60 cents and WTI 55 cents.", "Brent rose 60 cents and WTI 65 cents.",
         ("55", "65")),
        ("Poll: CDU 30, SPD 16, Greens 14.", "Poll: CDU 30, SPD 15, Greens 14.", ("16", "15")),
        ("DEATH TOLL RISES TO 300 AFTER QUAKE", "DEATH TOLL RISES TO 450 AFTER QUAKE",
         ("300", "450")),
        ("It ended World War II 80 years ago.", "It ended World War II 79 years ago.",
         ("80", "79")),
    ],
)
def test_capitals_before_a_number_are_no_code_unless_a_bill(
    old: str, new: str, update: tuple[str, str]
) -> None:
    """Only a bill's prefix ("HR 1234", "SB 5") names a number; "the SNP 9" is a result."""
    assert changes(old, new) == [update]


def test_a_bare_m_counts_millions_only_of_counted_things() -> None:
    """ "10m waves" are metres high, "3M" is a company: neither is millions."""
    assert find_figures("The tsunami sent 10m waves onto the shore.") == []
    assert find_figures("The 100m hurdles and 3M shares.") == []
    assert [f.value for f in find_figures("Some 2m people voted.")] == [2e6]


def test_units_spelled_out_are_the_units_glued_on() -> None:
    """ "45C (113F)" and "45 degrees Celsius (113 degrees Fahrenheit)" say the same."""
    assert changes("It hit 45C (113F) in Seville.",
                   "It hit 45 degrees Celsius (113 degrees Fahrenheit) in Seville.") == []
    assert changes("It struck 10km below.", "It struck 12 kilometres below.") == [("10km", "12")]
    assert [f.unit for f in find_figures("Winds of 160 kilometres per hour hit.")] == ["km/h"]


def test_scores_with_an_en_dash_are_no_figures_either() -> None:
    assert find_figures("They won 2–1 after extra time.") == []


def test_a_corrected_transposition_with_an_implied_count_is_two_updates() -> None:
    """ "won 14 seats and the Liberals 9": "and the Liberals" opens another clause."""
    assert changes("The Greens won 14 seats and the Liberals 9.",
                   "The Greens won 9 seats and the Liberals 14.") == [("14", "9"), ("9", "14")]


def test_a_level_is_a_level_however_it_is_introduced() -> None:
    """ "stood at 37" -> "rose to 52 from 37": the toll went 37 -> 52; 37 is quoted."""
    assert changes("The toll stood at 37, officials said.",
                   "The toll rose to 52 from 37, officials said.") == [("37", "52"), (None, "37")]


def test_a_with_phrase_is_not_what_a_figure_counts() -> None:
    """ "46% with half of ballots counted": the No vote is not the ballots counted."""
    assert changes('"No" had 46% with half of ballots counted.',
                   '"No" had 49.6% with 94% of ballots counted.') == [("46%", "49.6%"),
                                                                       (None, "94%")]


def test_a_round_named_by_its_number_is_no_figure() -> None:
    assert find_figures("She reached the last 16 at the event and the round of 32.") == []
    assert [f.value for f in find_figures("Prices rose in the last 16 years.")] == [16.0]
    assert changes("She won six matches to reach the last 16.",
                   "She has won seven matches.") == [("six", "seven")]


def test_the_lone_figures_of_other_slots_stay_apart() -> None:
    """ "reached 7.4 metres" -> "above the record of 8.3 metres": the record is new."""
    assert changes("The river reached 7.4 metres.", "It is above the record of 8.3 metres.") == [
        ("7.4", None), (None, "8.3")
    ]


def test_a_time_of_day_is_no_context() -> None:
    assert changes("Shares were up 2.4% at 0930 GMT.", "Shares were up 5.8% at 1120 GMT.") == [
        ("2.4%", "5.8%")
    ]


def test_a_verb_before_a_figure_is_no_slot_to_conflict_with() -> None:
    """ "has burned 12,400 acres" -> "doubled overnight to 31,000 acres" is one area."""
    assert changes("The wildfire has burned 12,400 acres.",
                   "The wildfire more than doubled overnight to 31,000 acres.") == [
        ("12,400", "31,000")
    ]
