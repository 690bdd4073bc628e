"""Quality floors on the labelled evaluation set (fixtures/pairs), through the scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from revtrack.evaluate import evaluate_dir

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "pairs"

# Floors sit a little under today's scores so that a regression fails loudly while a
# harmless relabelling does not. Raise them when the engine improves.
FLOORS = {
    "pairs": (0.98, 0.97),
    "unchanged": (0.98, 0.98),
    "style": (0.9, 0.9),
    "reworded": (0.9, 0.85),
    "figure_update": (0.95, 0.95),
    "added": (0.9, 0.95),
    "removed": (0.85, 0.95),
    "moved": (0.9, 0.7),
    "split": (0.95, 0.95),
    "merged": (0.95, 0.95),
    "figure_updates": (0.95, 0.95),
}


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return evaluate_dir(PAIRS)


@pytest.mark.parametrize("row", sorted(FLOORS))
def test_precision_and_recall_floors(report, row: str) -> None:  # type: ignore[no-untyped-def]
    """Each row of the evaluation keeps its precision and recall above the floor."""
    score = report.row(row)
    precision_floor, recall_floor = FLOORS[row]
    assert score.precision >= precision_floor, f"{row} precision {score.precision:.3f}"
    assert score.recall >= recall_floor, f"{row} recall {score.recall:.3f}"


def test_evaluation_set_is_large_enough() -> None:
    """The set keeps at least 20 labelled pairs."""
    assert len([p for p in PAIRS.iterdir() if (p / "expected.json").is_file()]) >= 20
