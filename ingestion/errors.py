"""Errors a file can cause while loading. The loader turns them into results; the CLI prints their message."""

from __future__ import annotations

from shoplens.errors import ShoplensError


class IngestionError(ShoplensError):
    """Base class for ingestion errors a user can fix."""


class FileRefused(IngestionError):
    """A whole file cannot be loaded: empty, unreadable, or its header matches no known format.

    The message names the file and says what to fix; nothing from the file is loaded.
    """
