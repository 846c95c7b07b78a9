"""The evaluation commands of shared/EVALUATION.md: each scores one extractor on shared data."""

from __future__ import annotations

from pathlib import Path

from newsbrief.errors import DataMissingError

# The shared data folder sits next to the project root (../shared/data from a clone). Looked up from the working
# directory first, so an installed (non-editable) newsbrief run from a clone finds it too.
_CANDIDATES = (Path.cwd().parent / "shared" / "data", Path(__file__).resolve().parents[3].parent / "shared" / "data")
DEFAULT_SHARED = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[-1])


def data_path(given: str | Path | None, default_relative: str) -> Path:
    """The data folder to score on: ``given`` or ``../shared/data/<default_relative>``; a clear error when absent."""
    path = Path(given) if given else DEFAULT_SHARED / default_relative
    if not path.exists():
        raise DataMissingError(f"evaluation data not found at {path}; pass the folder with --data")
    return path
