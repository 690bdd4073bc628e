"""The ``revtrack`` command line: the only module that imports typer.

It reads files, calls the engine and hands the ``Comparison`` to a renderer. Exit codes
follow diff: 0 no differences, 1 differences, 2 trouble. Trouble is always one line on
standard error naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from . import __version__
from .compare import compare_versions
from .parse import InputError
from .sources import STDIN, read_version

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2

app = typer.Typer(
    name="revtrack",
    help="Show exactly how a news article changed between versions.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


class Format(str, Enum):
    text = "text"
    json = "json"


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit with status 2."""
    print(f"revtrack: error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_TROUBLE)


def _version_callback(value: bool) -> None:
    if value:
        print(f"revtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_version_callback,
                     is_eager=True),
    ] = False,
) -> None:
    """Show exactly how a news article changed between versions.

    Example: revtrack compare old.txt new.txt
    """


@app.command()
def compare(
    old: Annotated[str, typer.Argument(help="The older version (a text file, or - for stdin).")],
    new: Annotated[str, typer.Argument(help="The newer version (a text file, or - for stdin).")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.text,
    encoding: Annotated[
        str | None,
        typer.Option(help="Read both files in this encoding instead of UTF-8 (e.g. cp1252)."),
    ] = None,
) -> None:
    """Compare two versions of an article.

    Exit status: 0 no differences, 1 differences, 2 trouble.

    Example: revtrack compare old.txt new.txt --format json > changes.json
    """
    if old == STDIN and new == STDIN:
        fail("only one of OLD and NEW can be - (standard input)")
    try:
        comparison = compare_versions(read_version(old, encoding), read_version(new, encoding))
    except InputError as err:
        fail(str(err))
    if format is Format.json:
        from .render.json_report import render_json

        _write_stdout(render_json(comparison))
    else:
        from .render.terminal import print_report

        print_report(comparison, Console())
    raise typer.Exit(EXIT_DIFFERENT if comparison.changed else EXIT_SAME)


@app.command("eval")
def evaluate(
    folder: Annotated[Path, typer.Argument(help="Folder of labelled cases (fixtures/pairs).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every mismatch.")] = False,
) -> None:
    """Score alignment and classification against a labelled evaluation set.

    Prints precision, recall and F1 for aligned pairs, for each kind and for figure
    updates.

    Example: revtrack eval fixtures/pairs
    """
    from .evaluate import evaluate_dir, format_report

    if not folder.is_dir():
        fail(f"{folder}: not a folder of labelled cases")
    try:
        report = evaluate_dir(folder)
    except ValueError as err:
        fail(str(err))
    _write_stdout(format_report(report, verbose=verbose))


def _write_stdout(text: str) -> None:
    """Write to stdout; a closed pipe (``| head``) ends quietly, like other Unix tools."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_TROUBLE) from None


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Console-script entry point: runs the app, turning crashes into one line."""
    try:
        app()
    except KeyboardInterrupt:
        print("revtrack: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_TROUBLE)
    except Exception as err:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("REVTRACK_DEBUG"):
            raise
        print(
            f"revtrack: internal error: {type(err).__name__}: {err} "
            "(set REVTRACK_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        sys.exit(EXIT_TROUBLE)
