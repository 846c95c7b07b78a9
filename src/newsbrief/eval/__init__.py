"""The evaluation commands of shared/EVALUATION.md: each scores one extractor on shared data."""

from __future__ import annotations

from pathlib import Path

from newsbrief.errors import DataMissingError


def default_shared() -> Path:
    """The shared data folder next to the project root (../shared/data from a clone), looked up when a command
    runs (never at import): from the working directory first, so an installed (non-editable) newsbrief run from a
    clone finds it too."""
    candidates = (Path.cwd().parent / "shared" / "data", Path(__file__).resolve().parents[3].parent / "shared" / "data")
    return next((p for p in candidates if p.is_dir()), candidates[-1])


def data_path(given: str | Path | None, default_relative: str) -> Path:
    """The data folder to score on: ``given`` or ``../shared/data/<default_relative>``; a clear error when absent."""
    path = Path(given) if given else default_shared() / default_relative
    if not path.exists():
        raise DataMissingError(f"evaluation data not found at {path}; pass the folder with --data")
    return path
