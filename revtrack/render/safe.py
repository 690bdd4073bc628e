"""Neutralising control characters, shared by every renderer that prints article text.

Article text and file names come from outside: a control character (ESC, BEL, BS, a C1
control such as U+009B) or an explicit bidi embedding or override (U+202A-U+202E,
U+2066-U+2069) could move a terminal's cursor, hide text or reorder what a reader sees,
in a terminal and in a browser alike. Renderers pass such text through :func:`clean`.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls, DEL, C1 controls and explicit bidi embeddings, overrides and isolates."""


def clean(text: str) -> str:
    """Text safe to show, the same length as ``text`` (offsets stay valid).

    Tabs and newlines become spaces; other control characters and explicit bidi
    embeddings (which could move the cursor or reorder the columns) become U+FFFD.

    >>> clean("a\\tb\\x1b[2Jc")
    'a b\\ufffd[2Jc'
    >>> clean("abc\\u202edef")
    'abc\\ufffddef'
    """
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: " " if m.group() in "\t\n" else "\ufffd", text)
