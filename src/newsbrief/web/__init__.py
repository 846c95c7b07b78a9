"""The web UI and JSON API over a newsbrief store (``newsbrief serve``)."""

from __future__ import annotations

from newsbrief.web.app import create_app

__all__ = ["create_app"]
