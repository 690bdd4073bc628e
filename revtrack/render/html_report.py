"""``Comparison`` -> one self-contained HTML page for reading, sharing and printing.

Editors read revisions in a browser, forward them as e-mail attachments and print them,
so the page must stand entirely on its own: inline CSS and a small inline script, no
fonts, images or requests of any kind, and a Content-Security-Policy that forbids them.
It is built from the ``Comparison`` itself (never from the terminal output), with the
standard library only.

What the page holds, top to bottom:

* a header: the title (the new version's first paragraph, shortened), both dates, the
  time between them, the paragraph counts and the generator;
* a sticky bar with one chip per kind and its count (the chips become filter buttons
  when scripts run) and "previous/next change" controls (``k``/``p``, ``j``/``n``);
* the figure updates table (old, new, delta, percentage, context, link);
* the side-by-side table: one ``<tbody>`` per alignment in the new version's reading
  order, a kind badge as row header, word-level ``<del>``/``<ins>``, changed figures in
  ``<mark>``, splits and merges as ``rowspan``, a "moved away" row where a moved
  paragraph used to stand (linked both ways), unchanged runs folded into ``<details>``.

Paragraph numbers and anchors count from 1, as readers do (``#old-4`` is the old
version's fourth paragraph); the JSON output's indices are 0-based.

Everything the script does is an enhancement: without it every paragraph is readable,
folded runs open with a click, and controls that would do nothing are not shown.
Filtering is done by CSS attribute selectors, so it costs the same on a 30,000-paragraph
report as on a short one; the markup carries no per-word styling.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
from collections.abc import Iterator, Sequence
from html import escape
from string import Template

from .. import __version__
from ..model import (
    KIND_ORDER,
    PARAGRAPH_JOIN,
    Alignment,
    Comparison,
    FigureChange,
    Kind,
    Version,
)
from .safe import clean

COLLAPSE_MIN = 3
"""Runs of at least this many unchanged alignments are folded into ``<details>``.

Shorter runs stay open: folding one or two paragraphs costs the reader a click and saves
no scrolling, and they give the changes around them their context.
"""

TITLE_MAX = 90
"""The title is the new version's first paragraph cut to about this many characters."""

LABELS: dict[Kind, str] = {
    Kind.UNCHANGED: "Unchanged",
    Kind.STYLE: "Style",
    Kind.REWORDED: "Reworded",
    Kind.FIGURE_UPDATE: "Figure update",
    Kind.ADDED: "Added",
    Kind.REMOVED: "Removed",
    Kind.MOVED: "Moved",
    Kind.SPLIT: "Split",
    Kind.MERGED: "Merged",
}

# Text colour on background colour for each kind's badge. Every pair meets WCAG AA for
# normal text (4.5:1); tests/test_html_report.py checks it. The label always says the
# kind, so colour is never the only signal.
PALETTE: dict[Kind, tuple[str, str]] = {
    Kind.UNCHANGED: ("#3b3b3b", "#ebebeb"),
    Kind.STYLE: ("#4d3d00", "#f4ecc4"),
    Kind.REWORDED: ("#0b3d91", "#dbe7fb"),
    Kind.FIGURE_UPDATE: ("#6b2c00", "#ffe0c2"),
    Kind.ADDED: ("#0c5022", "#d3f1dc"),
    Kind.REMOVED: ("#8a1111", "#fbdada"),
    Kind.MOVED: ("#4b1f7a", "#ebdff8"),
    Kind.SPLIT: ("#004c52", "#d0eff2"),
    Kind.MERGED: ("#5c1546", "#f6daed"),
}

# Other foreground/background pairs of the page, also checked for contrast in tests.
INK, PAPER, MUTED, LINK = "#1b1b1b", "#ffffff", "#595959", "#0645ad"
BAR = "#f4f5f7"
DEL_INK, DEL_BG = "#7a0d0d", "#fde0e0"
INS_INK, INS_BG = "#0b4d1f", "#d6f2de"
STYLE_BG = "#efefef"
MARK_BG = "#ffe566"
FOCUS = "#1a4fd6"
CURRENT = "#fff7d1"  # background of the change reached with j/k

CONTRAST_PAIRS: dict[str, tuple[str, str]] = {
    "text": (INK, PAPER),
    "muted": (MUTED, PAPER),
    "link": (LINK, PAPER),
    "bar text": (INK, BAR),
    "bar muted": (MUTED, BAR),
    "bar link": (LINK, BAR),
    "deleted": (DEL_INK, DEL_BG),
    "inserted": (INS_INK, INS_BG),
    "style deleted": (DEL_INK, STYLE_BG),
    "style inserted": (INS_INK, STYLE_BG),
    "figure": (INK, MARK_BG),
    "deleted figure": (DEL_INK, MARK_BG),
    "inserted figure": (INS_INK, MARK_BG),
    "current row text": (INK, CURRENT),
    "current row muted": (MUTED, CURRENT),
    "current row link": (LINK, CURRENT),
    **{f"badge {k.value}": colours for k, colours in PALETTE.items()},
}
"""Every text colour the page sets, on the background it is set on (for the AA test)."""


# ---------------------------------------------------------------------------------------
# Inline style and script. Their SHA-256 hashes go into the Content-Security-Policy, so
# the browser runs exactly these and nothing else (no 'unsafe-inline').


def _kind_rules() -> str:
    """Badge colours and the CSS-only filter: one rule per kind, generated from Kind."""
    rules = []
    for kind in KIND_ORDER:
        ink, bg = PALETTE[kind]
        rules.append(f".k-{kind.value}{{color:{ink};background:{bg}}}")
        rules.append(
            f'#cmp[data-filter="{kind.value}"]>tbody:not([data-k~="{kind.value}"])'
            "{display:none}"
        )
    return "\n".join(rules)


CSS = (
    Template(
        """
:root{--bar:6rem;color-scheme:light}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:${ink};background:${paper};print-color-adjust:exact;
-webkit-print-color-adjust:exact;
font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
[id],.cmp th{scroll-margin-top:calc(var(--bar) + .5rem)}
a{color:${link}}
:focus-visible{outline:3px solid ${focus};outline-offset:2px}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;border:0;
overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.head{padding:1rem 1.25rem .5rem}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 .5rem}
h2{font-size:1.1rem;margin:1.25rem 1.25rem .5rem}
.meta{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0}
.meta div{display:flex;gap:.4rem}
.meta dt{color:${muted}}
.meta dd{margin:0}
.src{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;
overflow-wrap:anywhere}
.gen,.note,.gap,.ghost td{color:${muted}}
.gen{margin:.25rem 0 0;font-size:.85rem}
.note{margin:0 1.25rem .5rem}
.bar{position:sticky;top:0;z-index:2;background:${bar};border-block:1px solid #c9ccd1;
padding:.5rem 1.25rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem}
.chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}
.chip{display:inline-flex;align-items:center;gap:.35rem;border:1px solid currentColor;
border-radius:1rem;padding:.1rem .65rem;font:inherit;font-size:.9rem}
.chip b{font-variant-numeric:tabular-nums}
button.chip{cursor:pointer}
button.chip[aria-pressed="true"]{border-width:3px;padding:0 .55rem;font-weight:600}
button.chip[aria-pressed="true"]::before{content:"\\2713"}
.controls{display:flex;gap:.4rem}
.controls button{font:inherit;font-size:.9rem;cursor:pointer;color:${ink};
background:${paper};border:1px solid #6b6b6b;border-radius:.3rem;padding:.15rem .6rem}
kbd{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8em;border:1px solid #8a8a8a;
border-radius:.2rem;padding:0 .25rem;margin-left:.25rem}
.status{margin:0;font-size:.9rem;color:${muted}}
.status:empty{display:none}
.wrap{overflow-x:auto;margin:0 1.25rem}
table{border-collapse:collapse}
.figs{min-width:100%}
.figs th,.figs td{text-align:left;vertical-align:top;padding:.3rem .6rem;
border-bottom:1px solid #d0d0d0}
.figs .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cmp{width:100%;table-layout:fixed}
.cmp col.ck{width:8.5rem}
.cmp th,.cmp td{vertical-align:top;text-align:left;padding:.4rem .6rem;
border-top:1px solid #d0d0d0}
.cmp thead th{border-top:0;border-bottom:2px solid #8a8a8a}
.cmp td{overflow-wrap:anywhere}
.cmp tbody>tr>th{font-weight:normal}
.cmp p{margin:0;position:relative;padding-left:2.6rem}
.cmp p+p{margin-top:.5rem}
.b{display:inline-block;margin:0 .25rem .25rem 0;padding:0 .4rem;border-radius:.25rem;
font-size:.8rem;font-weight:600;line-height:1.6}
.pn{position:absolute;left:0;top:0;color:${muted};font-size:.8rem;line-height:1.9;
text-decoration:none;font-variant-numeric:tabular-nums}
.pn:hover{text-decoration:underline}
.mv{display:block;font-size:.85rem;margin-bottom:.25rem}
.gap{font-style:italic;font-size:.9rem}
.sm td[rowspan]{box-shadow:inset 4px 0 #00737a}
.sm tr+tr>td{border-top:1px dashed #8a8a8a}
.cur>tr>*{background:${current}}
del,ins{text-decoration-thickness:.1em}
del{color:${del_ink};background:${del_bg};text-decoration:line-through}
ins{color:${ins_ink};background:${ins_bg};text-decoration:underline}
del.s,ins.s{background:${style_bg};text-decoration-style:dotted}
mark.f{background:${mark};color:inherit;font-weight:700;border-bottom:2px solid #8a6d00}
.run>tr>td{padding:0}
.run summary{cursor:pointer;padding:.4rem .6rem;color:${muted}}
.run .cmp{border-top:1px dashed #8a8a8a}
.run thead th{padding:0;border:0}
footer{margin:1.5rem 1.25rem;font-size:.85rem;color:${muted}}
@media screen and (max-width:700px){
.head,.bar{padding-inline:.75rem}
.wrap{margin:0 .5rem}
h2{margin-inline:.75rem}
.note{margin-inline:.75rem}
.bar{gap:.4rem}
.chip{white-space:nowrap;font-size:.8rem}
.cmp,.cmp>tbody{display:block}
.cmp thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.cmp>tbody,.run .cmp>tbody{display:flex;flex-direction:column;
border-top:1px solid #8a8a8a}
.cmp tr{display:contents}
.cmp th,.cmp td{display:block;border:0}
.cmp td.o{order:1}
.cmp td.n{order:2;border-top:1px dashed #c0c0c0}
.cmp td.gap{display:none}
.cmp td.o .pn::before{content:"old "}
.cmp td.n .pn::before{content:"new "}
.cmp p{padding-left:0}
.pn{position:static;display:block}
.sm td[rowspan]{box-shadow:none}
}
@media print{
@page{size:landscape;margin:10mm}
html{font-size:9pt}
.bar{position:static;border:0;padding:0 0 .5rem}
.controls,.status{display:none!important}
.wrap{overflow:visible;margin:0}
.head,h2,.note,footer{margin-inline:0;padding-inline:0}
.cmp col.ck{width:7.5rem}
.cmp tr{break-inside:avoid}
.run summary{list-style:none}
a{color:inherit;text-decoration:none}
}
@media print{details::details-content{content-visibility:visible;display:contents}}
"""
    ).substitute(
        ink=INK,
        paper=PAPER,
        muted=MUTED,
        link=LINK,
        bar=BAR,
        focus=FOCUS,
        del_ink=DEL_INK,
        del_bg=DEL_BG,
        ins_ink=INS_INK,
        ins_bg=INS_BG,
        style_bg=STYLE_BG,
        mark=MARK_BG,
        current=CURRENT,
    )
    + _kind_rules()
    + "\n"
)

# The script: chips become filter buttons, previous/next change with j/k/n/p, folded runs
# open when a link points into them, every run opens for printing. No text from the
# article is ever read or written by it (textContent only for its own messages).
SCRIPT = """
(function () {
  "use strict";
  var d = document, root = d.documentElement, table = d.getElementById("cmp");
  var status = d.getElementById("status"), bar = d.getElementById("bar");
  if (!table) return;
  root.classList.add("js");
  function seen(e) { return e.getClientRects().length > 0; }
  function barHeight() { root.style.setProperty("--bar", bar.offsetHeight + "px"); }
  barHeight();
  addEventListener("resize", barHeight);

  var chips = [].map.call(d.querySelectorAll(".chips [data-kind]"), function (span) {
    var b = d.createElement("button");
    b.type = "button";
    b.className = span.className;
    b.setAttribute("data-kind", span.getAttribute("data-kind"));
    b.setAttribute("aria-pressed", "false");
    while (span.firstChild) b.appendChild(span.firstChild);
    span.parentNode.replaceChild(b, span);
    return b;
  });
  function filter(kind, label) {
    if (kind) table.setAttribute("data-filter", kind);
    else table.removeAttribute("data-filter");
    chips.forEach(function (c) {
      c.setAttribute("aria-pressed", String(c.getAttribute("data-kind") === kind));
    });
    status.textContent = kind ? "Showing only: " + label + ". Select it again to show all."
                              : "Showing all paragraphs.";
  }
  chips.forEach(function (c) {
    c.addEventListener("click", function () {
      var kind = c.getAttribute("data-kind");
      var label = c.querySelector(".lbl").textContent;
      filter(table.getAttribute("data-filter") === kind ? null : kind, label);
    });
  });

  var changes = d.querySelectorAll("#cmp>tbody.c"), cur = -1;
  function inView(e) {
    var r = e.getBoundingClientRect();
    return r.bottom > bar.offsetHeight && r.top < innerHeight;
  }
  function start(step) {
    if (cur >= 0 && seen(changes[cur]) && inView(changes[cur])) return cur;
    var line = bar.offsetHeight + 2, i, top;
    if (step > 0) {
      for (i = 0; i < changes.length; i++) {
        top = changes[i].getBoundingClientRect().top;
        if (seen(changes[i]) && top >= line) return i - 1;
      }
      return changes.length - 1;
    }
    for (i = changes.length - 1; i >= 0; i--) {
      top = changes[i].getBoundingClientRect().top;
      if (seen(changes[i]) && top < line - 4) return i + 1;
    }
    return 0;
  }
  function go(step) {
    var i = start(step);
    do { i += step; } while (i >= 0 && i < changes.length && !seen(changes[i]));
    if (i < 0 || i >= changes.length) {
      status.textContent = step > 0 ? "No later change." : "No earlier change.";
      return;
    }
    if (cur >= 0) changes[cur].classList.remove("cur");
    cur = i;
    var row = changes[i], head = row.querySelector("th");
    row.classList.add("cur");
    head.tabIndex = -1;
    head.focus({ preventScroll: true });
    head.scrollIntoView({ block: "start" });
    status.textContent = "";
  }
  d.querySelectorAll("[data-go]").forEach(function (b) {
    b.addEventListener("click", function () { go(Number(b.getAttribute("data-go"))); });
  });
  d.getElementById("controls").hidden = false;
  d.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
  });

  function reveal(id) {
    var target = id && d.getElementById(id), e;
    if (!target) return;
    for (e = target; e; e = e.parentElement) if (e.tagName === "DETAILS") e.open = true;
    if (!seen(target)) filter(null);
  }
  d.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    if (a) reveal(decodeURIComponent(a.getAttribute("href").slice(1)));
  });
  addEventListener("hashchange", function () {
    reveal(decodeURIComponent(location.hash.slice(1)));
  });
  if (location.hash) {
    reveal(decodeURIComponent(location.hash.slice(1)));
    var t = d.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (t) t.scrollIntoView();
  }

  var opened = [];
  addEventListener("beforeprint", function () {
    d.querySelectorAll("details:not([open])").forEach(function (e) {
      e.open = true;
      opened.push(e);
    });
  });
  addEventListener("afterprint", function () {
    opened.forEach(function (e) { e.open = false; });
    opened = [];
  });
})();
"""


def _sha256(text: str) -> str:
    """A CSP source expression allowing exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    "default-src 'none'; "
    f"style-src {_sha256(CSS)}; "
    f"script-src {_sha256(SCRIPT)}; "
    "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; "
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)
"""Nothing may load; only the page's own style and script (by hash) may apply or run."""


# ---------------------------------------------------------------------------------------
# Escaping and small formatting helpers


def _text(value: str) -> str:
    """Article text as HTML text content: ``&``, ``<`` and ``>`` escaped, and control
    characters and bidi overrides shown as U+FFFD, as the terminal report does.

    >>> _text("<b>\\x1b[31m\\u202eevil")
    '&lt;b&gt;�[31m�evil'
    """
    return escape(clean(value), quote=False)


def _attr(value: str) -> str:
    """Any value as an attribute value (quotes escaped too, controls neutralised)."""
    return escape(clean(value), quote=True)


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """Cut text at a word boundary near ``limit`` characters, marking the cut with "…".

    >>> shorten("Ten people died in the flood on Tuesday.", 20)
    'Ten people died in…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def format_number(value: float) -> str:
    """A figure's value for people: thousands separated, no needless decimals.

    >>> format_number(1100.0), format_number(2.5), format_number(1234.5678)
    ('1,100', '2.5', '1,234.57')
    """
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def _signed(value: float, text: str) -> str:
    """``text`` with the sign of ``value`` in front (a true minus sign, U+2212)."""
    if value > 0:
        return "+" + text
    if value < 0:
        return "\u2212" + text
    return text


def format_delta(change: FigureChange) -> str:
    """``new - old`` with its sign, or an em dash when it is undefined."""
    delta = change.delta
    if delta is None:
        return "\u2014"
    return _signed(delta, format_number(abs(delta)))


def format_percent(change: FigureChange) -> str:
    """The change as a signed percentage of the old value, or an em dash."""
    percent = change.percent
    if percent is None:
        return "\u2014"
    return _signed(round(percent, 1), f"{abs(percent):.1f}%")


def interval(old: _dt.date | None, new: _dt.date | None) -> str:
    """The time between two version dates, in words.

    >>> interval(_dt.date(2023, 10, 11), _dt.date(2023, 10, 12))
    '1 day later'
    """
    if old is None or new is None:
        return "unknown (not both versions are dated)"
    days = (new - old).days
    if days == 0:
        return "same day"
    count = f"{abs(days):,} day{'s' if abs(days) != 1 else ''}"
    if days > 0:
        return f"{count} later"
    return f"{count} earlier (the new version is dated before the old one)"


def page_title(comparison: Comparison) -> str:
    """The new version's first paragraph, shortened; else the file names; else a default."""
    if comparison.new.paragraphs:
        return shorten(comparison.new.paragraphs[0])
    if comparison.old.source or comparison.new.source:
        return f"{comparison.old.source or 'old'} \u2192 {comparison.new.source or 'new'}"
    return "Comparison of two versions"


# ---------------------------------------------------------------------------------------
# Word-level markup inside an alignment

_Segment = tuple[int, int, str]  # (start, end, tag) in joined text; tag "" means plain

_OPEN = {"del": "<del>", "ins": "<ins>", "del s": '<del class="s">', "ins s": '<ins class="s">'}
_CLOSE = {"del": "</del>", "ins": "</ins>", "del s": "</del>", "ins s": "</ins>"}


def _segments(alignment: Alignment, side: str, joined: str) -> list[_Segment]:
    """Which characters of one side's joined text are deleted/inserted, from word ops.

    Whitespace around an edit is left plain, so the strike-through or underline covers
    words, not the gaps after them; a gap between two edits of the same tag is folded
    into them. An empty list (no marks) comes back when the operations do not rebuild
    the text exactly, so a faulty engine result degrades to plain text, never to a
    garbled page.
    """
    raw: list[_Segment] = []
    pos = 0
    for op in alignment.words:
        part = op.old if side == "old" else op.new
        if not part:
            continue
        tag = ""
        if side == "old" and op.op in ("delete", "replace"):
            tag = "del"
        elif side == "new" and op.op in ("insert", "replace"):
            tag = "ins"
        if tag and op.style:
            tag += " s"
        end = pos + len(part)
        core = part.strip()
        if tag and core:
            lead = len(part) - len(part.lstrip())
            if lead:
                raw.append((pos, pos + lead, ""))
            raw.append((pos + lead, pos + lead + len(core), tag))
            if pos + lead + len(core) < end:
                raw.append((pos + lead + len(core), end, ""))
        else:
            raw.append((pos, end, ""))
        pos = end
    if pos != len(joined) or "".join(joined[a:b] for a, b, _ in raw) != joined:
        return []
    merged: list[_Segment] = []
    for i, (start, end, tag) in enumerate(raw):
        if (
            not tag
            and 0 < i < len(raw) - 1
            and raw[i - 1][2]
            and raw[i - 1][2] == raw[i + 1][2]
            and not joined[start:end].strip(" \t")
            and "\n" not in joined[start:end]
        ):
            tag = raw[i - 1][2]
        if merged and merged[-1][2] == tag:
            merged[-1] = (merged[-1][0], end, tag)
        else:
            merged.append((start, end, tag))
    return [s for s in merged if s[2]]


def _marked(text: str, edits: Sequence[_Segment], figures: Sequence[tuple[int, int]]) -> str:
    """One paragraph's HTML: edits (paragraph offsets) and figure spans marked up.

    Figures may straddle an edit's edge; the ``<mark>`` is then closed and reopened
    so elements always nest properly.
    """
    cuts = {0, len(text)}
    for start, end, _ in edits:
        cuts.update((start, end))
    for start, end in figures:
        cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    tag, in_mark = "", False
    e = 0
    for start, end in zip(points, points[1:], strict=False):
        if start == end:
            continue
        while e < len(edits) and edits[e][1] <= start:
            e += 1
        piece_tag = edits[e][2] if e < len(edits) and edits[e][0] <= start else ""
        piece_fig = any(a <= start and end <= b for a, b in figures)
        if piece_tag != tag:
            if in_mark:
                out.append("</mark>")
                in_mark = False
            if tag:
                out.append(_CLOSE[tag])
            if piece_tag:
                out.append(_OPEN[piece_tag])
            tag = piece_tag
        if piece_fig != in_mark:
            out.append('<mark class="f">' if piece_fig else "</mark>")
            in_mark = piece_fig
        out.append(_text(text[start:end]))
    if in_mark:
        out.append("</mark>")
    if tag:
        out.append(_CLOSE[tag])
    return "".join(out)


def _side_html(
    alignment: Alignment, side: str, indices: Sequence[int], paragraphs: Sequence[str]
) -> list[str]:
    """The inner HTML of each paragraph on one side of an alignment."""
    texts = [paragraphs[i] for i in indices]
    kinds = alignment.kinds
    if Kind.ADDED in kinds or Kind.REMOVED in kinds or kinds == (Kind.UNCHANGED,):
        return [_text(t) for t in texts]
    joined = PARAGRAPH_JOIN.join(texts)
    edits = _segments(alignment, side, joined)
    figures: dict[int, list[tuple[int, int]]] = {}
    for change in alignment.figures:
        at = change.old_at if side == "old" else change.new_at
        if at is not None:
            figures.setdefault(at[0], []).append((at[1], at[2]))
    out = []
    offset, e = 0, 0
    for index, text in zip(indices, texts, strict=True):
        end = offset + len(text)
        local: list[_Segment] = []
        while e < len(edits) and edits[e][1] <= offset:
            e += 1
        k = e
        while k < len(edits) and edits[k][0] < end:
            start, stop, tag = edits[k]
            local.append((max(start, offset) - offset, min(stop, end) - offset, tag))
            k += 1
        spans = [(a, b) for a, b in figures.get(index, ()) if 0 <= a < b <= len(text)]
        out.append(_marked(text, local, spans) if local or spans else _text(text))
        offset = end + len(PARAGRAPH_JOIN)
    return out


# ---------------------------------------------------------------------------------------
# Layout: rows, "moved away" rows, folded runs


def _paragraph(side: str, index: int, body: str) -> str:
    """A paragraph with its number, which is also its anchor and a link to itself."""
    n = index + 1
    return f'<p id="{side}-{n}"><a class="pn" href="#{side}-{n}">{n}</a>{body}</p>'


def _badges(kinds: Sequence[Kind]) -> str:
    return " ".join(f'<span class="b k-{k.value}">{LABELS[k]}</span>' for k in kinds)


def _ghost_places(alignments: Sequence[Alignment], old_count: int) -> dict[int, list[int]]:
    """Where each moved old paragraph used to stand: after which alignment (-1: first).

    Its place is right after the alignment holding the nearest earlier old paragraph
    that did not move (removed paragraphs count: they are shown where they stood).
    """
    row_of_old: dict[int, int] = {}
    moved_old: set[int] = set()
    for row, alignment in enumerate(alignments):
        for index in alignment.old:
            if alignment.has(Kind.MOVED):
                moved_old.add(index)
            else:
                row_of_old[index] = row
    places: dict[int, list[int]] = {}
    last = -1
    for index in range(old_count):
        if index in moved_old:
            places.setdefault(last, []).append(index)
        elif index in row_of_old:
            last = row_of_old[index]
    return places


def _alignment_rows(
    alignment: Alignment, comparison: Comparison, came_from: dict[int, str]
) -> str:
    """The ``<tr>`` rows of one alignment: badge, old cells, new cells, with rowspans."""
    old_html = _side_html(alignment, "old", alignment.old, comparison.old.paragraphs)
    new_html = _side_html(alignment, "new", alignment.new, comparison.new.paragraphs)
    rows = max(len(old_html), len(new_html), 1)
    cells: list[list[str]] = [[] for _ in range(rows)]
    span = f' rowspan="{rows}"' if rows > 1 else ""
    cells[0].append(f'<th scope="row"{span}>{_badges(alignment.kinds)}</th>')
    for side, indices, bodies, absent in (
        ("old", alignment.old, old_html, "not in the old version"),
        ("new", alignment.new, new_html, "not in the new version"),
    ):
        cls = side[0]
        if not bodies:
            cells[0].append(f'<td class="{cls} gap"{span}>{absent}</td>')
            continue
        for r, (index, body) in enumerate(zip(indices, bodies, strict=True)):
            extra = rows - len(bodies) + 1 if r == len(bodies) - 1 else 1
            rs = f' rowspan="{extra}"' if extra > 1 else ""
            link = came_from.get(index, "") if side == "old" else ""
            cells[r].append(f'<td class="{cls}"{rs}>{link}{_paragraph(side, index, body)}</td>')
    return "".join(f"<tr>{''.join(row)}</tr>\n" for row in cells)


def _ghost_row(old_index: int, new_index: int | None, arrow: str) -> str:
    """The row left where a moved paragraph used to stand, linking to where it went."""
    n = old_index + 1
    where = f"new \u00b6{new_index + 1}" if new_index is not None else "its new place"
    return (
        f'<tbody class="ghost" data-k="moved"><tr><th scope="row">'
        f'<span class="b k-moved">Moved away</span></th>'
        f'<td class="o" id="was-old-{n}"><a class="mv" href="#old-{n}">'
        f"Old \u00b6{n} moved {arrow} to {where}</a></td>"
        f'<td class="n gap">moved</td></tr></tbody>\n'
    )


def _table_head(comparison: Comparison, hidden: bool = False) -> str:
    """Column headers; a folded run's inner table repeats them for screen readers."""
    cls = ' class="sr"' if hidden else ""
    return (
        f'<colgroup><col class="ck"><col><col></colgroup><thead{cls}><tr>'
        '<th scope="col">Change</th>'
        f'<th scope="col">Old version{_date_suffix(comparison.old)}</th>'
        f'<th scope="col">New version{_date_suffix(comparison.new)}</th>'
        "</tr></thead>\n"
    )


def _date_suffix(version: Version) -> str:
    return f" \u00b7 {version.date.isoformat()}" if version.date else ""


def _run(alignments: Sequence[Alignment], comparison: Comparison) -> str:
    """A folded run of unchanged paragraphs: a ``<details>`` holding their rows."""
    old = [i + 1 for a in alignments for i in a.old]
    new = [i + 1 for a in alignments for i in a.new]
    label = (
        f"{len(alignments):,} unchanged paragraphs "
        f"(old \u00b6{min(old)}\u2013{max(old)}, new \u00b6{min(new)}\u2013{max(new)})"
    )
    rows = "".join(_alignment_rows(a, comparison, {}) for a in alignments)
    return (
        f'<tbody class="run" data-k="unchanged"><tr><td colspan="3"><details>'
        f"<summary>{label}</summary>"
        f'<table class="cmp">{_table_head(comparison, hidden=True)}<tbody>\n{rows}'
        "</tbody></table></details></td></tr></tbody>\n"
    )


def _body(comparison: Comparison) -> Iterator[str]:
    """Every ``<tbody>`` of the side-by-side table, in the new version's reading order."""
    alignments = comparison.alignments
    places = _ghost_places(alignments, len(comparison.old.paragraphs))
    row_of_moved: dict[int, tuple[int, int | None]] = {}
    ghost_row: dict[int, int] = {}
    for row, alignment in enumerate(alignments):
        if alignment.has(Kind.MOVED):
            for index in alignment.old:
                row_of_moved[index] = (row, alignment.new[0] if alignment.new else None)
    for after, indices in places.items():
        for index in indices:
            ghost_row[index] = after

    def ghosts(after: int) -> Iterator[str]:
        for index in places.get(after, ()):
            row, new_index = row_of_moved[index]
            yield _ghost_row(index, new_index, "\u2193" if row > after else "\u2191")

    yield from ghosts(-1)
    pending: list[Alignment] = []

    def flush() -> Iterator[str]:
        if len(pending) >= COLLAPSE_MIN:
            yield _run(pending, comparison)
        else:
            for alignment in pending:
                rows = _alignment_rows(alignment, comparison, {})
                yield f'<tbody data-k="unchanged">{rows}</tbody>\n'
        pending.clear()

    for row, alignment in enumerate(alignments):
        if not alignment.changed:
            pending.append(alignment)
        else:
            yield from flush()
            came_from = {}
            if alignment.has(Kind.MOVED):
                for index in alignment.old:
                    arrow = "\u2191" if ghost_row[index] < row else "\u2193"
                    came_from[index] = (
                        f'<a class="mv" href="#was-old-{index + 1}">'
                        f"{arrow} moved here from old \u00b6{index + 1}\u2019s place</a>"
                    )
            classes = "c sm" if len(alignment.old) > 1 or len(alignment.new) > 1 else "c"
            kinds = " ".join(k.value for k in alignment.kinds)
            rows = _alignment_rows(alignment, comparison, came_from)
            yield f'<tbody class="{classes}" data-k="{kinds}">{rows}</tbody>\n'
        if row in places:
            yield from flush()
            yield from ghosts(row)
    yield from flush()


# ---------------------------------------------------------------------------------------
# Page sections


def _header(comparison: Comparison, title: str, generator: str) -> str:
    def version(label: str, v: Version) -> str:
        date = (
            f'<time datetime="{v.date.isoformat()}">{v.date.isoformat()}</time>'
            if v.date
            else "undated"
        )
        source = f'<span class="src">{_text(v.source)}</span> \u00b7 ' if v.source else ""
        return f"<div><dt>{label}</dt><dd>{source}{date}</dd></div>"

    old_n, new_n = len(comparison.old.paragraphs), len(comparison.new.paragraphs)
    return (
        f'<header class="head"><h1>{_text(title)}</h1>\n<dl class="meta">'
        f"{version('Old', comparison.old)}{version('New', comparison.new)}"
        f"<div><dt>Between</dt><dd>{interval(comparison.old.date, comparison.new.date)}</dd>"
        f"</div><div><dt>Paragraphs</dt><dd>{old_n:,} \u2192 {new_n:,}</dd></div></dl>\n"
        f'<p class="gen">Generated by {_text(generator)}</p></header>\n'
    )


def _bar(comparison: Comparison) -> str:
    chips = []
    for kind in KIND_ORDER:
        count = comparison.summary[kind.value]
        if count:
            chips.append(
                f'<li><span class="chip k-{kind.value}" data-kind="{kind.value}">'
                f'<span class="lbl">{LABELS[kind]}</span> <b>{count:,}</b></span></li>'
            )
    verdict = "" if comparison.changed else '<li class="chip">No differences</li>'
    return (
        '<div class="bar" id="bar">'
        f'<ul class="chips" aria-label="Paragraphs by kind of change">{"".join(chips)}'
        f"{verdict}</ul>\n"
        '<div class="controls" id="controls" hidden>'
        '<button type="button" data-go="-1" aria-keyshortcuts="k p">'
        "Previous change<kbd>k</kbd></button>"
        '<button type="button" data-go="1" aria-keyshortcuts="j n">'
        "Next change<kbd>j</kbd></button></div>"
        '<p class="status" id="status" role="status" aria-live="polite"></p></div>\n'
    )


def _figures(comparison: Comparison) -> str:
    updates = comparison.figure_updates
    head = '<section aria-labelledby="figures-h"><h2 id="figures-h">Figure updates</h2>\n'
    if not updates:
        return head + '<p class="note" id="figures">No figure changed value.</p></section>\n'
    rows = []
    for alignment, change in updates:
        if change.new_at is not None:
            target, label = f"new-{change.new_at[0] + 1}", f"new \u00b6{change.new_at[0] + 1}"
        elif change.old_at is not None:
            target, label = f"old-{change.old_at[0] + 1}", f"old \u00b6{change.old_at[0] + 1}"
        elif alignment.new:
            target, label = f"new-{alignment.new[0] + 1}", f"new \u00b6{alignment.new[0] + 1}"
        else:
            target, label = f"old-{alignment.old[0] + 1}", f"old \u00b6{alignment.old[0] + 1}"
        rows.append(
            f"<tr><td>{_text(change.old or '')}</td><td>{_text(change.new or '')}</td>"
            f'<td class="num">{format_delta(change)}</td>'
            f'<td class="num">{format_percent(change)}</td>'
            f"<td>{_text(change.context)}</td>"
            f'<td><a href="#{target}">{label}</a></td></tr>\n'
        )
    return (
        head
        + '<div class="wrap"><table class="figs" id="figures"><thead><tr>'
        '<th scope="col">Old</th><th scope="col">New</th>'
        '<th scope="col" class="num">Change</th><th scope="col" class="num">Percent</th>'
        '<th scope="col">Context</th><th scope="col">Paragraph</th></tr></thead><tbody>\n'
        + "".join(rows)
        + "</tbody></table></div></section>\n"
    )


def _table(comparison: Comparison) -> Iterator[str]:
    yield (
        '<section aria-labelledby="changes-h"><h2 id="changes-h">Paragraphs side by side</h2>\n'
        '<p class="note">In the new version\u2019s reading order. Deleted words are struck '
        "through, inserted words underlined, changed figures in bold.</p>\n"
        '<div class="wrap"><table class="cmp" id="cmp">'
        '<caption class="sr">Old and new paragraphs aligned, with the kind of change</caption>'
    )
    yield _table_head(comparison)
    if not comparison.alignments:
        yield '<tbody><tr><td colspan="3" class="gap">Both versions are empty.</td></tr></tbody>'
    yield from _body(comparison)
    yield "</table></div></section>\n"


def render_html(comparison: Comparison, *, generator: str | None = None) -> str:
    """The comparison as one self-contained HTML page (a string, UTF-8 when written).

    ``generator`` names the program in the page (default ``revtrack <version>``);
    the output is otherwise a pure function of the comparison, with no timestamp, so
    equal inputs give byte-identical pages.
    """
    generator = generator or f"revtrack {__version__}"
    title = page_title(comparison)
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="{_attr(generator)}">\n',
        f"<title>{_text(title)} \u2014 revtrack</title>\n",
        f"<style>{CSS}</style>\n</head>\n<body>\n",
        _header(comparison, title, generator),
        _bar(comparison),
        "<main>\n",
        _figures(comparison),
    ]
    parts.extend(_table(comparison))
    parts.append(
        "</main>\n<footer>Keys: <kbd>j</kbd>/<kbd>n</kbd> next change, "
        "<kbd>k</kbd>/<kbd>p</kbd> previous change (when scripts run). "
        f"Generated by {_text(generator)}.</footer>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
    return "".join(parts)
