"""Exceptions that cross stage boundaries; content problems are Diagnostics instead."""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

from mindlex.diagnostic import Diagnostic

BUG_EXIT = 70
"""Exit code of a run stopped or spoiled by a bug in mindlex itself (EX_SOFTWARE in
sysexits.h), kept apart from 1 (error findings) and 2 (usage or configuration)."""

INTERNAL = "INTERNAL"
"""Code of the Diagnostic that carries a bug caught while processing one file; the CLI
reports it as a bug, never in the list of findings."""

processing: ContextVar[Path | None] = ContextVar("processing", default=None)
"""The file being processed, so a bug report can name it."""


class MindlexError(Exception):
    """Base class; the CLI maps subclasses to exit codes."""

    exit_code = 1


class ConfigError(MindlexError):
    """mindlex.toml or a command line is unusable: exit 2."""

    exit_code = 2

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []
