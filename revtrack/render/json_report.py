"""``Comparison`` -> JSON text (schema ``revtrack.comparison/1``, see the README)."""

from __future__ import annotations

import json

from ..model import Comparison


def render_json(comparison: Comparison, indent: int | None = 2) -> str:
    """The comparison as JSON: exactly ``comparison.to_dict()``, UTF-8 kept readable."""
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=indent) + "\n"
