"""``revtrack compare`` input handling, JSON output and ``revtrack eval``, through the real
entry point; every input error is one line naming the file, exit status 2."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import NEW, ROOT, Run, assert_one_line_error, write_pair

from revtrack import SCHEMA


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    return write_pair(tmp_path)


def test_json_output_is_the_schema_with_exit_1(run: Run, pair: tuple[str, str]) -> None:
    """--format json prints Comparison.to_dict() and exits 1 when the versions differ."""
    result = run("compare", *pair, "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["schema"] == SCHEMA
    assert data["old"]["source"] == pair[0] and data["old"]["date"] == "2024-05-01"
    assert data["alignments"][0]["kinds"] == ["figure_update"]
    update = data["alignments"][0]["figures"][0]
    assert (update["old_value"], update["new_value"]) == (14, 22)


def test_same_text_exits_0_in_json(run: Run, pair: tuple[str, str]) -> None:
    """Comparing a file with itself exits 0."""
    assert run("compare", pair[0], pair[0], "-f", "json").code == 0


def test_standard_input_as_new_version(run: Run, pair: tuple[str, str]) -> None:
    """'-' reads the new version from standard input; its source is <stdin>."""
    result = run("compare", pair[0], "-", "-f", "json", stdin=NEW.encode())
    assert result.code == 1
    assert json.loads(result.out)["new"]["source"] == "<stdin>"


def test_empty_file_is_an_empty_version(run: Run, pair: tuple[str, str], tmp_path: Path) -> None:
    """An empty file is valid: every paragraph of the other side is added."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("compare", str(empty), pair[1], "-f", "json")
    assert result.code == 1
    assert [a["kinds"] for a in json.loads(result.out)["alignments"]] == [["added"], ["added"]]


def test_missing_file(run: Run, pair: tuple[str, str], tmp_path: Path) -> None:
    """A missing file is named in a one-line error."""
    missing = str(tmp_path / "nope.txt")
    assert_one_line_error(run("compare", missing, pair[1]), missing, "no such file")


def test_directory(run: Run, pair: tuple[str, str], tmp_path: Path) -> None:
    """A directory is refused by name."""
    assert_one_line_error(run("compare", pair[0], str(tmp_path)), str(tmp_path), "is a directory")


def test_unreadable_file(run: Run, pair: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that cannot be read (permission) is a one-line error naming it."""

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert_one_line_error(run("compare", *pair), pair[0], "permission denied")


def test_binary_file(run: Run, pair: tuple[str, str], tmp_path: Path) -> None:
    """A file with NUL bytes is refused as binary."""
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\x00\x10JFIF")
    assert_one_line_error(run("compare", str(binary), pair[1]), str(binary), "binary")


def test_invalid_utf8_names_offset_and_encoding_option(
    run: Run, pair: tuple[str, str], tmp_path: Path
) -> None:
    """Text that is not UTF-8 is reported with its byte offset and the --encoding way out."""
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 owners said.".encode("cp1252"))
    assert_one_line_error(
        run("compare", str(legacy), pair[1]), str(legacy), "byte offset 3", "--encoding"
    )


def test_encoding_option_reads_legacy_text(run: Run, tmp_path: Path) -> None:
    """--encoding cp1252 reads what UTF-8 cannot."""
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 owners said.".encode("cp1252"))
    result = run("compare", str(legacy), str(legacy), "--encoding", "cp1252", "-f", "json")
    assert result.code == 0
    assert json.loads(result.out)["old"]["paragraphs"] == ["Caf\u00e9 owners said."]


def test_unknown_encoding(run: Run, pair: tuple[str, str]) -> None:
    """An unknown --encoding is a one-line error."""
    assert_one_line_error(run("compare", *pair, "--encoding", "klingon"), "unknown encoding")


def test_invalid_header_date(run: Run, pair: tuple[str, str], tmp_path: Path) -> None:
    """An impossible date in the header is reported with the file name."""
    bad = tmp_path / "bad.txt"
    bad.write_text("date 2024-02-30 Text.", encoding="utf-8")
    assert_one_line_error(run("compare", str(bad), pair[1]), str(bad), "invalid date")


def test_unwritable_html_report_is_one_line_and_leaves_nothing(
    run: Run, pair: tuple[str, str], tmp_path: Path
) -> None:
    """--html into a missing folder fails cleanly, writing no partial file."""
    target = tmp_path / "missing" / "report.html"
    assert_one_line_error(run("compare", *pair, "--html", str(target), "-f", "json"), "report.html")
    assert not target.parent.exists()


def test_html_report_replaces_atomically_and_is_readable(
    run: Run, pair: tuple[str, str], tmp_path: Path
) -> None:
    """--html writes the whole file, readable by others (not a private temp file)."""
    target = tmp_path / "report.html"
    target.write_text("old report")
    result = run("compare", *pair, "--html", str(target), "-f", "json")
    assert result.code == 1
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o044 == 0o044
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_eval_prints_scores(run: Run) -> None:
    """revtrack eval prints precision/recall/F1 rows for pairs, kinds and figures."""
    result = run("eval", str(ROOT / "fixtures" / "pairs"))
    assert result.code == 0
    for row in ("pairs", "split", "merged", "moved", "figure_updates"):
        assert any(line.split()[:1] == [row] for line in result.out.splitlines()), row
    assert "precision" in result.out and "recall" in result.out


def test_eval_on_a_missing_folder(run: Run, tmp_path: Path) -> None:
    """revtrack eval on something that is not a folder is a one-line error."""
    assert_one_line_error(run("eval", str(tmp_path / "nope")), "nope")


def test_installed_script_runs(pair: tuple[str, str]) -> None:
    """The installed console script compares two files end to end."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    script = Path(sys.executable).with_name("revtrack")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "revtrack"]
    done = subprocess.run(
        [*command, "compare", *pair, "-f", "json"], capture_output=True, text=True, env=env,
        cwd=ROOT, timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["summary"]["figure_update"] == 1


ENGINE = ["model", "parse", "options", "align", "figures", "words", "classify", "compare"]


@pytest.mark.parametrize("module", ENGINE)
def test_engine_imports_no_io_libraries(module: str) -> None:
    """The engine modules import neither rich, typer nor sqlite3 (pure stages)."""
    tree = ast.parse((ROOT / "revtrack" / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    assert not names & {"rich", "typer", "click", "sqlite3"}
