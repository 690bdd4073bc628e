"""The HTML report: markup rules on hand-built comparisons, goldens, structure and CLI.

Hand-built ``Comparison`` objects pin down each rendering rule on its own (word marks,
figure marks, splits, merges, moves, folding, escaping); the fixture pairs are then
rendered through the real engine and compared with golden files and checked for
structure (well formed, anchors resolve, every paragraph present).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from htmlcheck import check_report, parse

from revtrack import __version__
from revtrack.compare import compare, compare_versions
from revtrack.model import Alignment, Comparison, FigureChange, Kind, Version, WordOp
from revtrack.parse import decode, parse_version
from revtrack.render import html_report
from revtrack.render.html_report import (
    COLLAPSE_MIN,
    CONTRAST_PAIRS,
    CSS,
    SCRIPT,
    format_delta,
    format_number,
    format_percent,
    interval,
    render_html,
    shorten,
)

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "fixtures" / "pairs"
ESCAPING = ROOT / "fixtures" / "escaping"
SEEDS = ROOT.parent / "shared" / "seeds"
U, R, FU = Kind.UNCHANGED, Kind.REWORDED, Kind.FIGURE_UPDATE


def version(*paragraphs: str, source: str | None = None, date: str | None = None) -> Version:
    return Version(source, dt.date.fromisoformat(date) if date else None, paragraphs)


def same(i: int, j: int) -> Alignment:
    return Alignment((i,), (j,), (U,), 1.0)


def load_pair(folder: Path) -> Comparison:
    """A fixture pair through the real engine, with stable relative source names."""
    versions = []
    for name in ("old.txt", "new.txt"):
        source = f"{folder.name}/{name}"
        versions.append(parse_version(decode((folder / name).read_bytes(), source), source))
    return compare_versions(*versions)


def toll_update() -> Comparison:
    """One paragraph whose death toll rose from 1,000 to 1,100, then one unchanged."""
    old = version("Killed 1,000 people.", "Rain fell.", source="a.txt", date="2024-01-01")
    new = version("Killed 1,100 people.", "Rain fell.", source="b.txt", date="2024-01-03")
    figure = FigureChange("updated", "1,000", "1,100", 1000.0, 1100.0, "killed people",
                          (0, 7, 12), (0, 7, 12))
    words = (WordOp("equal", "Killed ", "Killed "), WordOp("replace", "1,000 ", "1,100 "),
             WordOp("equal", "people.", "people."))
    return Comparison(old, new, (Alignment((0,), (0,), (FU,), 0.8, (figure,), words), same(1, 1)))


# --------------------------------------------------------------------------------------
# Word and figure markup


def test_changed_words_are_struck_and_underlined_with_figures_marked() -> None:
    """A replaced figure is <del> on the old side and <ins> on the new, both in <mark>."""
    page = render_html(toll_update())
    assert '<p id="old-1"><a class="pn" href="#old-1">1</a>Killed <del><mark class="f">' \
        '1,000</mark></del> people.</p>' in page
    assert '<p id="new-1"><a class="pn" href="#new-1">1</a>Killed <ins><mark class="f">' \
        '1,100</mark></ins> people.</p>' in page
    check_report(page, toll_update())


def test_style_only_replacements_are_marked_as_style() -> None:
    """A replace flagged as style renders as <del class="s"> and <ins class="s">."""
    old, new = version("The U.S. envoy left."), version("The US envoy left.")
    words = (WordOp("equal", "The ", "The "), WordOp("replace", "U.S. ", "US ", style=True),
             WordOp("equal", "envoy left.", "envoy left."))
    c = Comparison(old, new, (Alignment((0,), (0,), (Kind.STYLE,), 0.9, (), words),))
    page = render_html(c)
    assert 'The <del class="s">U.S.</del> envoy' in page
    assert 'The <ins class="s">US</ins> envoy' in page


def test_edit_spanning_words_excludes_trailing_space_and_joins_neighbours() -> None:
    """Adjacent edits share one <del>; the space after the last word stays outside it."""
    old, new = version("a b c d"), version("a x d")
    words = (WordOp("equal", "a ", "a "), WordOp("delete", "b ", ""),
             WordOp("replace", "c ", "x "), WordOp("equal", "d", "d"))
    c = Comparison(old, new, (Alignment((0,), (0,), (R,), 0.5, (), words),))
    page = render_html(c)
    assert "</a>a <del>b c</del> d</p>" in page
    assert "</a>a <ins>x</ins> d</p>" in page


def test_figure_straddling_an_edit_keeps_elements_nested() -> None:
    """A figure span crossing a <del> edge is split into two <mark>s, never misnested."""
    old, new = version("more than 1,000 dead"), version("more than 1,100 dead")
    words = (WordOp("equal", "more than ", "more than "), WordOp("replace", "1,000 ", "1,100 "),
             WordOp("equal", "dead", "dead"))
    figure = FigureChange("updated", "more than 1,000", "more than 1,100", 1000.0, 1100.0, "dead",
                          (0, 0, 15), (0, 0, 15))
    c = Comparison(old, new, (Alignment((0,), (0,), (FU,), 0.9, (figure,), words),))
    page = render_html(c)
    assert '<mark class="f">more than </mark><del><mark class="f">1,000</mark></del> dead' in page
    check_report(page, c)


def test_word_ops_that_do_not_rebuild_the_text_fall_back_to_plain_text() -> None:
    """Inconsistent engine output degrades to unmarked paragraphs with the exact text."""
    old, new = version("One two."), version("One three.")
    words = (WordOp("replace", "Bogus ", "Other "),)
    c = Comparison(old, new, (Alignment((0,), (0,), (R,), 0.5, (), words),))
    page = render_html(c)
    assert "<del>" not in page and "<ins>" not in page
    check_report(page, c)


# --------------------------------------------------------------------------------------
# Shapes: added, removed, split, merged, moved, folded runs


def test_added_and_removed_rows_say_which_side_is_missing() -> None:
    """Added rows have an empty old cell saying so, removed rows an empty new cell."""
    c = Comparison(version("Gone."), version("Fresh."), (
        Alignment((), (0,), (Kind.ADDED,), 0.0, (), (WordOp("insert", "", "Fresh."),)),
        Alignment((0,), (), (Kind.REMOVED,), 0.0, (), (WordOp("delete", "Gone.", ""),)),
    ))
    page = render_html(c)
    assert '<td class="o gap">not in the old version</td>' in page
    assert '<td class="n gap">not in the new version</td>' in page
    assert "<ins>" not in page and "<del>" not in page
    check_report(page, c)


def test_split_spans_rows_and_marks_words_in_each_new_paragraph() -> None:
    """A 1:2 split gives the badge and old cell rowspan=2 and one row per new paragraph."""
    old = version("Ten died. Rain fell all day.")
    new = version("Twelve died.", "Rain fell all day.")
    words = (WordOp("replace", "Ten ", "Twelve "), WordOp("equal", "died. ", "died.\n\n"),
             WordOp("equal", "Rain fell all day.", "Rain fell all day."))
    c = Comparison(old, new, (Alignment((0,), (0, 1), (R, Kind.SPLIT), 0.8, (), words),))
    page = render_html(c)
    body = re.search(r'<tbody class="c sm" data-k="reworded split">(.*?)</tbody>', page, re.S)
    assert body is not None
    rows = body.group(1).split("</tr>")[:-1]
    assert len(rows) == 2
    assert '<th scope="row" rowspan="2">' in rows[0] and '<td class="o" rowspan="2">' in rows[0]
    assert '<ins>Twelve</ins> died.</p>' in rows[0] and 'id="new-2"' in rows[1]
    check_report(page, c)


def test_merge_spans_rows_on_the_new_side() -> None:
    """A 2:1 merge gives the new cell rowspan=2 and one row per old paragraph."""
    old, new = version("Ten died.", "Rain fell."), version("Ten died and rain fell.")
    c = Comparison(old, new, (Alignment((0, 1), (0,), (R, Kind.MERGED), 0.7),))
    page = render_html(c)
    assert '<td class="n" rowspan="2"><p id="new-1">' in page
    assert page.index('id="old-1"') < page.index('id="new-1"') < page.index('id="old-2"')
    check_report(page, c)


def test_moved_paragraph_links_to_its_old_place_and_back() -> None:
    """A moved row links to a 'moved away' row at the old position, which links back."""
    old = version("A.", "B.", "C.", "D.")
    new = version("B.", "C.", "D.", "A.")
    c = Comparison(old, new, (same(1, 0), same(2, 1), same(3, 2),
                              Alignment((0,), (3,), (Kind.MOVED,), 1.0)))
    page = render_html(c)
    ghost = page.index('id="was-old-1"')
    moved = page.index('id="old-1"')
    assert ghost < page.index('id="old-2"') < moved, "the ghost row stands where A stood"
    assert '<a class="mv" href="#was-old-1">\u2191 moved here' in page
    assert '<a class="mv" href="#old-1">Old \u00b61 moved \u2193 to new \u00b64</a>' in page
    check_report(page, c)


def test_moved_down_paragraph_ghost_follows_its_old_predecessor() -> None:
    """A paragraph moved up leaves its 'moved away' row after the old paragraph before it."""
    old = version("A.", "B.", "C.", "D.")
    new = version("D.", "A.", "B.", "C.")
    c = Comparison(old, new, (Alignment((3,), (0,), (Kind.MOVED,), 1.0),
                              same(0, 1), same(1, 2), same(2, 3)))
    page = render_html(c)
    assert page.index('id="old-3"') < page.index('id="was-old-4"')
    assert page.index('id="old-4"') < page.index('id="old-1"')
    assert "\u2193 moved here from old \u00b64" in page
    check_report(page, c)


def test_long_unchanged_runs_fold_into_details_and_short_ones_stay_open() -> None:
    """A run of COLLAPSE_MIN unchanged rows is one <details>; a shorter run is not."""
    n = COLLAPSE_MIN
    paras = tuple(f"Paragraph {i}." for i in range(n + 3))
    changed = Alignment((n,), (n,), (R,), 0.5)
    c = Comparison(version(*paras), version(*paras), (
        *(same(i, i) for i in range(n)), changed, same(n + 1, n + 1), same(n + 2, n + 2)))
    page = render_html(c)
    assert page.count("<details>") == 1
    assert f"<summary>{n} unchanged paragraphs (old \u00b61\u2013{n}, new \u00b61\u2013{n})" in page
    details = page[page.index("<details>"):page.index("</details>")]
    assert 'id="old-1"' in details and f'id="old-{n + 1}"' not in details
    assert page.count('<tbody data-k="unchanged">') == 2
    check_report(page, c)


def test_every_row_carries_kind_badges_in_a_row_header() -> None:
    """Each alignment row starts with a <th scope=row> holding a label per kind."""
    page = render_html(toll_update())
    assert '<th scope="row"><span class="b k-figure_update">Figure update</span></th>' in page
    assert '<th scope="row"><span class="b k-unchanged">Unchanged</span></th>' in page


def test_chips_count_each_present_kind_and_filter_rules_exist_for_every_kind() -> None:
    """Chips list each kind with a count; every kind has a CSS filter rule."""
    page = render_html(toll_update())
    assert '<span class="lbl">Figure update</span> <b>1</b>' in page
    assert 'data-kind="unchanged"' in page and 'data-kind="added"' not in page
    for kind in Kind:
        assert f'#cmp[data-filter="{kind.value}"]>tbody:not([data-k~="{kind.value}"])' in CSS


def test_identical_versions_say_no_differences() -> None:
    """A comparison without changes says so in the summary and has no change rows."""
    c = Comparison(version("Same."), version("Same."), (same(0, 0),))
    page = render_html(c)
    assert "No differences" in page and '<tbody class="c' not in page


def test_empty_versions_render_a_valid_page() -> None:
    """Two empty versions give a well-formed page that says both are empty."""
    c = Comparison(version(source="x.txt"), version(source="y.txt"), ())
    page = render_html(c)
    assert "Both versions are empty." in page
    assert "<h1>x.txt \u2192 y.txt</h1>" in page
    check_report(page, c)


# --------------------------------------------------------------------------------------
# Header and figure table


def test_header_shows_title_dates_interval_and_generator() -> None:
    """The header has the new lead as title, both dates, the gap and the generator."""
    page = render_html(toll_update())
    assert "<h1>Killed 1,100 people.</h1>" in page
    assert '<time datetime="2024-01-01">2024-01-01</time>' in page
    assert "<dd>2 days later</dd>" in page
    assert f"Generated by revtrack {__version__}" in page
    assert f'<meta name="generator" content="revtrack {__version__}">' in page


def test_figure_table_lists_update_with_delta_percent_context_and_link() -> None:
    """The figure table row has old, new, +100, +10.0%, context and a link to new ¶1."""
    page = render_html(toll_update())
    assert ('<tr><td>1,000</td><td>1,100</td><td class="num">+100</td>'
            '<td class="num">+10.0%</td><td>killed people</td>'
            '<td><a href="#new-1">new \u00b61</a></td></tr>') in page


def test_figure_table_says_so_when_no_figure_changed() -> None:
    """Without figure updates the section says no figure changed value."""
    c = Comparison(version("A."), version("B."), (Alignment((0,), (0,), (R,), 0.5),))
    assert "No figure changed value." in render_html(c)


@pytest.mark.parametrize(
    ("old", "new", "delta", "percent"),
    [
        (1000.0, 1100.0, "+100", "+10.0%"),
        (14.0, 22.0, "+8", "+57.1%"),
        (2.5, 2.25, "\u22120.25", "\u221210.0%"),
        (0.0, 5.0, "+5", "\u2014"),
        (1_200_000.0, 1_200_000.0, "0", "0.0%"),
    ],
)
def test_delta_and_percent_are_signed_and_readable(
    old: float, new: float, delta: str, percent: str
) -> None:
    """Deltas carry a sign (true minus), thousands separators, and % of the old value."""
    change = FigureChange("updated", "x", "y", old, new, "")
    assert (format_delta(change), format_percent(change)) == (delta, percent)


def test_helpers_format_numbers_titles_and_intervals() -> None:
    """Numbers, shortened titles and intervals read naturally."""
    assert format_number(1234567.0) == "1,234,567"
    assert format_number(0.125) == "0.125"
    assert shorten("word " * 40, 20) == "word word word word\u2026"
    assert shorten("  short  ") == "short"
    assert interval(dt.date(2024, 1, 2), dt.date(2024, 1, 2)) == "same day"
    assert interval(dt.date(2024, 1, 5), dt.date(2024, 1, 2)).startswith("3 days earlier")
    assert interval(None, dt.date(2024, 1, 2)).startswith("unknown")


# --------------------------------------------------------------------------------------
# Safety, self-containment, accessibility, determinism


HOSTILE = ('<script>alert(1)</script> "><img src=x onerror=alert(1)> '
           '<a href="javascript:alert(3)">x</a> </style></script><!-- &amp;')


def test_hostile_text_and_file_names_are_escaped_everywhere() -> None:
    """Article text, title, file names and figure context come out as inert text."""
    figure = FigureChange("updated", HOSTILE, HOSTILE, 1.0, 2.0, HOSTILE, None, None)
    c = Comparison(
        version(HOSTILE, source=HOSTILE),
        version(HOSTILE + " 2", source=HOSTILE),
        (Alignment((0,), (0,), (FU,), 0.9, (figure,),
                   (WordOp("equal", HOSTILE + " ", HOSTILE + " "), WordOp("insert", "", "2"))),),
    )
    page = render_html(c)
    report = check_report(page, c)
    assert "<script>alert" not in page and "<img" not in page and "<a href=\"javascript" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page, "an entity in the text is shown, not interpreted"
    assert sum(1 for tag, _ in report.elements if tag == "script") == 1
    assert all(not h.lower().startswith("javascript") for h in report.hrefs)
    assert HOSTILE in "".join(report.text)


def test_csp_allows_only_the_pages_own_style_and_script_by_hash() -> None:
    """The CSP meta forbids everything but the inline style and script, by SHA-256."""
    report = parse(render_html(toll_update()))
    assert report.csp is not None
    csp = report.csp
    for text in (report.styles[0], report.scripts[0]):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert "base-uri 'none'" in csp and "form-action 'none'" in csp
    assert report.styles[0] == CSS and report.scripts[0] == SCRIPT


def test_page_references_nothing_outside_itself() -> None:
    """No URL scheme appears in the page's own markup, style or script."""
    page = render_html(toll_update())
    assert not re.search(r"(?:https?|ftp|data|javascript):", page, re.I)
    assert "@import" not in CSS and "url(" not in CSS
    assert not re.search(r"\b(fetch|XMLHttpRequest|import\(|WebSocket|eval|innerHTML)\b", SCRIPT)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("name", sorted(CONTRAST_PAIRS))
def test_text_colours_meet_wcag_aa_contrast(name: str) -> None:
    """Every text colour on its background has a contrast ratio of at least 4.5:1."""
    ink, paper = CONTRAST_PAIRS[name]
    light, dark = sorted((_luminance(ink), _luminance(paper)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5
    assert ink in CSS and paper in CSS


def test_semantic_table_with_headers_and_language() -> None:
    """The page declares lang and the comparison table has a caption and column headers."""
    page = render_html(toll_update())
    assert '<html lang="en">' in page
    assert '<table class="cmp" id="cmp"><caption class="sr">' in page
    assert ('<thead><tr><th scope="col">Change</th>'
            '<th scope="col">Old version \u00b7 2024-01-01</th>'
            '<th scope="col">New version \u00b7 2024-01-03</th></tr></thead>') in page
    assert '<th scope="col">Old</th><th scope="col">New</th>' in page


def test_controls_stay_hidden_until_the_script_enables_them() -> None:
    """Without scripts, chips are plain text and the navigation controls are hidden."""
    page = render_html(toll_update())
    assert '<div class="controls" id="controls" hidden>' in page
    chips = page[page.index('<ul class="chips"'):page.index("</ul>")]
    assert "<button" not in chips


def test_rendering_is_deterministic_and_generator_can_be_fixed() -> None:
    """The same comparison renders byte-identically; the generator name is configurable."""
    assert render_html(toll_update()) == render_html(toll_update())
    page = render_html(toll_update(), generator="revtrack test")
    assert "Generated by revtrack test" in page and __version__ not in page


def test_large_comparison_renders_linearly_and_leanly() -> None:
    """30,000 paragraphs render in seconds at under 300 bytes of markup per paragraph."""
    n = 30_000
    paras = tuple(f"Paragraph number {i} says something." for i in range(n))
    news = list(paras)
    alignments = []
    for i in range(n):
        if i % 10 == 0:
            news[i] = paras[i].replace("says", "said")
            words = (WordOp("equal", f"Paragraph number {i} ", f"Paragraph number {i} "),
                     WordOp("replace", "says ", "said "),
                     WordOp("equal", "something.", "something."))
            alignments.append(Alignment((i,), (i,), (R,), 0.8, (), words))
        else:
            alignments.append(same(i, i))
    c = Comparison(version(*paras), version(*news), tuple(alignments))
    page = render_html(c)  # its time is measured in bench/benchmark.py, not here
    text = sum(len(p) for p in paras) + sum(len(p) for p in news)
    assert (len(page.encode()) - text) / (2 * n) < 300
    assert ' style="' not in page
    check_report(page, c)


# --------------------------------------------------------------------------------------
# Fixture pairs through the engine: goldens and structure

PAIR_DIRS = sorted(p for p in PAIRS.iterdir() if p.is_dir()) if PAIRS.is_dir() else []
GOLDEN_DIRS = [*PAIR_DIRS, ESCAPING]


def golden_view(page: str) -> str:
    """The page with its constant style, script and CSP replaced by placeholders.

    Goldens pin the markup that depends on the comparison; the style and script are
    module constants checked by the CSP and browser tests, so a CSS tweak does not
    rewrite every golden file.
    """
    assert page.count(CSS) == 1 and page.count(SCRIPT) == 1 and page.count(html_report.CSP) == 1
    return (
        page.replace(CSS, "/* html_report.CSS */")
        .replace(SCRIPT, "/* html_report.SCRIPT */")
        .replace(html_report.CSP, "html_report.CSP")
    )


@pytest.mark.parametrize("folder", GOLDEN_DIRS, ids=[p.name for p in GOLDEN_DIRS])
def test_fixture_report_matches_golden_and_is_well_formed(folder: Path, golden) -> None:  # type: ignore[no-untyped-def]
    """Each fixture pair renders to its golden HTML, structurally sound."""
    comparison = load_pair(folder)
    page = render_html(comparison, generator="revtrack")
    check_report(page, comparison)
    golden(f"html/{folder.name}.html", golden_view(page))


def test_escaping_fixture_contains_every_hostile_string_as_text() -> None:
    """The escaping fixture's payloads all appear, escaped, as visible text."""
    comparison = load_pair(ESCAPING)
    report = check_report(render_html(comparison), comparison)
    text = "".join(report.text)
    for payload in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
                    "javascript:alert(document.domain)", "</script><script>alert(4)</script>",
                    "<style>body{display:none}</style>", "&lt;b&gt;"):
        assert payload in text


def test_seed_pair_report_is_well_formed() -> None:
    """The real seed pair renders with every paragraph, anchors resolving."""
    olds, news = sorted(SEEDS.glob("001_*.txt")), sorted(SEEDS.glob("000_*.txt"))
    if not (olds and news):
        pytest.skip(f"seed pair not found in {SEEDS} (it lives outside the repository)")
    comparison = compare(olds[0].read_text(encoding="utf-8"), news[0].read_text(encoding="utf-8"),
                         old_source=olds[0].name, new_source=news[0].name)
    report = check_report(render_html(comparison), comparison)
    assert report.tags.get("details", 0) + report.tags.get("tbody", 0) > 0
    assert 'id="figures"' in render_html(comparison)


# --------------------------------------------------------------------------------------
# Command line


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "revtrack", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_cli_html_option_writes_the_report_and_keeps_stdout_for_the_format(
    tmp_path: Path,
) -> None:
    """--html PATH writes the page atomically while --format json still goes to stdout."""
    out = tmp_path / "report.html"
    result = run_cli("compare", str(ESCAPING / "old.txt"), str(ESCAPING / "new.txt"),
                     "--format", "json", "--html", str(out), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("{")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Figure updates" in page
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"], "no temporary file left"


def test_cli_format_html_prints_the_page_and_exit_code_follows_diff(tmp_path: Path) -> None:
    """--format html prints the page; identical inputs exit 0, different ones 1."""
    a = tmp_path / "a.txt"
    a.write_text("One.\n\nTwo.\n", encoding="utf-8")
    result = run_cli("compare", "a.txt", "a.txt", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>") and "No differences" in result.stdout
    result = run_cli("compare", str(ESCAPING / "old.txt"), str(ESCAPING / "new.txt"),
                     "-f", "html", cwd=tmp_path)
    assert result.returncode == 1 and "&lt;script&gt;" in result.stdout


def test_cli_html_to_missing_folder_fails_with_one_line(tmp_path: Path) -> None:
    """An unwritable --html path exits 2 with a single line on stderr naming it."""
    target = tmp_path / "nowhere" / "r.html"
    result = run_cli("compare", str(ESCAPING / "old.txt"), str(ESCAPING / "new.txt"),
                     "-f", "json", "--html", str(target), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(target) in result.stderr


def test_module_has_no_dependencies_beyond_the_standard_library() -> None:
    """The HTML renderer imports only the standard library and revtrack itself."""
    source = Path(html_report.__file__).read_text(encoding="utf-8")
    imported = re.findall(r"^(?:from|import) ([\w.]+)", source, re.M)
    third_party = [m for m in imported if not m.startswith(".") and m.split(".")[0]
                   not in sys.stdlib_module_names and m != "__future__"]
    assert third_party == []
