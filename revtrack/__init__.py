"""revtrack: show exactly how a news article changed between versions.

Public API:

===========================  ==========================================================
``compare(old, new, ...)``   compare two article texts, return a ``Comparison``
``compare_versions(a, b)``   the same for already-parsed ``Version`` objects
``parse_version(text)``      read one version (dateline header, paragraphs)
``Options``                  every threshold of the engine, with its trade-off explained
``Comparison``               the result: versions, alignments, summary, ``to_dict()``
``Alignment``                old paragraphs matched to new ones, with kinds and word ops
``FigureChange``             a figure updated, added or removed inside an alignment
``WordOp``                   one word-level operation (equal/insert/delete/replace)
``Kind``                     the edit-kind vocabulary
``SCHEMA``                   the JSON schema id of ``Comparison.to_dict()``
===========================  ==========================================================
"""

from .compare import compare, compare_versions
from .model import SCHEMA, Alignment, Comparison, FigureChange, Kind, Version, WordOp
from .options import Options
from .parse import InputError, parse_version

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Alignment",
    "Comparison",
    "FigureChange",
    "InputError",
    "Kind",
    "Options",
    "Version",
    "WordOp",
    "__version__",
    "compare",
    "compare_versions",
    "parse_version",
]
