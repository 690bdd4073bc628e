"""Reading versions from files or standard input, and writing reports safely.

This is the I/O edge of the pipeline: everything that touches the file system lives
here, so the engine stays pure. Every failure becomes an ``InputError`` whose message
is one line naming the file and the problem.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .model import Version
from .parse import InputError, decode, holds_nul_bytes, parse_version

STDIN = "-"

CHUNK = 1 << 20
"""Input is read this many bytes at a time, so binary data is refused as soon as it
shows (``/dev/zero`` fails at once instead of filling memory)."""


MAX_BYTES = 256 << 20
"""The most one version may hold. A long report is a few megabytes, and comparing takes
some 40 times its size in memory; an endless stream (``yes |``) or a wrong file stops
here with one line instead of exhausting memory."""


def _binary(source: str, what: str = "NUL bytes") -> InputError:
    return InputError(f"{source}: looks like a binary file (it contains {what})")


def _chunks(name: str, source: str) -> Iterator[bytes]:
    """The bytes of a file, or of standard input for ``-``, a chunk at a time."""
    if not name:
        raise InputError("an input file name is empty")
    try:
        if name == STDIN:
            if sys.stdin is None:
                raise InputError("<stdin>: is closed")
            yield from _read_stream(sys.stdin.buffer)
            return
        with Path(name).open("rb") as handle:
            yield from _read_stream(handle)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as err:
        raise InputError(f"{source}: cannot read ({describe(err)})") from None


def _read_stream(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


def read_bytes(name: str, encoding: str | None = None) -> bytes:
    """The bytes of a file, or of standard input for ``-``.

    Read a chunk at a time, so binary data stops the reading as soon as it shows: a NUL
    byte, or for an encoding whose text holds NUL bytes (UTF-16, UTF-32) eight in a
    row, which hold a NUL character whatever the alignment (``decode`` then checks
    every character).
    """
    source = source_name(name)
    marker = b"\x00" * 8 if holds_nul_bytes(encoding) else b"\x00"
    parts = []
    size = 0
    for chunk in _chunks(name, source):
        if marker in chunk:
            raise _binary(source, "NUL bytes" if len(marker) == 1 else "NUL characters")
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(
                f"{source}: too large for an article version (over {MAX_BYTES >> 20} MiB)"
            )
        parts.append(chunk)
    return b"".join(parts)


def read_version(name: str, encoding: str | None = None) -> Version:
    """Read and parse one article version; ``-`` is standard input."""
    source = source_name(name)
    text = decode(read_bytes(name, encoding), source, encoding)
    return parse_version(text, source)


# ---------------------------------------------------------------------------------------
# Writing reports


def source_name(name: str) -> str:
    """How an input is named in reports and errors: ``<stdin>`` for ``-``."""
    return "<stdin>" if name == STDIN else display_name(name)


def describe(err: OSError) -> str:
    """``no space left on device``: the system's message, as the end of a sentence."""
    message = str(err.strerror or err)
    return message[:1].lower() + message[1:]


def display_name(name: str) -> str:
    """A file name as reports and errors show it: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) become U+FFFD, so the name can be printed and saved."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def report_target(path: str) -> tuple[Path, bool]:
    """Where a report given as ``path`` goes, and whether it is written in place.

    A symbolic link is followed: the report replaces the link's target, never the link.
    A device or a FIFO (``/dev/null``, ``/dev/stdout``) is written into directly, as
    the shell's ``>`` would; a regular file, or a new one, is replaced atomically.
    Raises ``InputError`` when no report can go there (a directory, a missing folder,
    an empty name).
    """
    shown = display_name(path)
    if not path:
        raise InputError("the report's file name is empty")
    try:
        info: os.stat_result | None = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise InputError(f"{shown}: cannot write ({describe(err)})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError(f"{shown}: is a directory, cannot write a report there")
    if info is not None and not stat.S_ISREG(info.st_mode):
        return Path(path), True
    if path.endswith(("/", os.sep)):
        raise InputError(f"{shown}: names a folder, not a file")
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if info is not None and not os.access(target, os.W_OK):
        raise InputError(f"{shown}: permission denied")
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"{shown}: folder {display_name(str(folder))!r} does not exist")
    # The report is written beside its target and renamed into place: the folder must
    # let us create a file there and, when it is sticky (/tmp), replace this one.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{shown}: folder {display_name(str(folder))!r} is not writable")
    if info is not None and _sticky_elsewhere(folder, info):
        raise InputError(
            f"{shown}: belongs to another user in a sticky folder; it cannot be replaced"
        )
    return target, False


def _sticky_elsewhere(folder: Path, info: os.stat_result) -> bool:
    """Whether a sticky folder forbids us to rename over a file someone else owns."""
    try:
        folder_info = folder.stat()
    except OSError:
        return False
    uid = os.geteuid() if hasattr(os, "geteuid") else -1
    return bool(folder_info.st_mode & stat.S_ISVTX) and uid not in (
        0, info.st_uid, folder_info.st_uid
    )


def write_atomic(path: str, text: str) -> None:
    """Write a report all at once: a temporary file beside its target, renamed into place.

    A reader never sees a half-written report, and an existing report is not lost when
    writing fails. A symbolic link is followed (its target is replaced, the link stays)
    and a device or FIFO is written directly (see :func:`report_target`).
    """
    target, in_place = report_target(path)
    shown = display_name(path)
    if in_place:
        try:
            with target.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as err:
            raise InputError(f"{shown}: cannot write ({describe(err)})") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise InputError(f"{shown}: cannot write ({describe(err)})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{shown}: cannot write ({describe(err)})") from None
    except BaseException:  # anything else (Ctrl-C included): no stray temporary file
        Path(tmp).unlink(missing_ok=True)
        raise


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
