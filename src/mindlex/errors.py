"""Exceptions that cross stage boundaries; content problems are Diagnostics instead."""

from __future__ import annotations

from mindlex.diagnostic import Diagnostic


class MindlexError(Exception):
    """Base class; the CLI maps subclasses to exit codes."""

    exit_code = 1


class ConfigError(MindlexError):
    """mindlex.toml or a command line is unusable: exit 2."""

    exit_code = 2

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []
