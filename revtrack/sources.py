"""Reading versions from files or standard input, and writing reports safely.

This is the I/O edge of the pipeline: everything that touches the file system lives
here, so the engine stays pure. Every failure becomes an ``InputError`` whose message
is one line naming the file and the problem.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .model import Version
from .parse import InputError, decode, parse_version

STDIN = "-"


def read_bytes(name: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    if name == STDIN:
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror or err})") from None


def read_version(name: str, encoding: str | None = None) -> Version:
    """Read and parse one article version; ``-`` is standard input."""
    source = "<stdin>" if name == STDIN else name
    text = decode(read_bytes(name), source, encoding)
    return parse_version(text, source)


def write_atomic(path: str, text: str) -> None:
    """Write a file all at once: a temporary file beside it, renamed into place.

    A reader never sees a half-written report, and an existing report is not lost when
    writing fails.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a directory, cannot write a report there")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {str(folder)!r} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise InputError(f"{path}: cannot write ({err.strerror or err})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({err.strerror or err})") from None


def _mode_for(target: Path) -> int:
    """The mode a report should get: the replaced file's, else what ``open`` would give.

    ``mkstemp`` creates private (0600) files; a report is meant to be shared.
    """
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
