"""Find and read mindlex.toml; every problem becomes a Diagnostic with a line number."""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mindlex.config.schema import Config
from mindlex.diagnostic import Diagnostic
from mindlex.errors import ConfigError
from mindlex.span import Span

CONFIG_NAME = "mindlex.toml"


def find_root(start: Path) -> Path:
    """The glossary root: `start` or the nearest parent holding mindlex.toml."""
    if not start.exists():
        raise ConfigError(
            f"{start}: this folder does not exist — check the path, "
            "or run `mindlex init` to create a glossary there"
        )
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ConfigError(
        f"{start}: no {CONFIG_NAME} here or in any parent folder — "
        "run `mindlex init` to create a glossary, or pass its folder"
    )


def load_config(start: Path) -> Config:
    """Read and validate the config of the glossary containing `start`."""
    root = find_root(start)
    path = root / CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason}) — save it as UTF-8") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, col = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        message = str(exc).split(" (at ")[0]
        diag = Diagnostic(
            "CONF001",
            f"invalid TOML: {message}",
            Span(path, line, col),
            hint="fix the syntax; see docs/configuration.md",
        )
        raise ConfigError(diag.render(), [diag]) from None
    try:
        config = Config.model_validate({**raw, "root": root})
    except ValidationError as exc:
        diags = [_diagnostic(path, text, err) for err in exc.errors()]
        raise ConfigError("\n".join(d.render() for d in diags), diags) from None
    if not config.content_root.is_dir():
        diag = Diagnostic(
            "CONF006",
            f"`site.content_dir` {config.site.content_dir!r} is not a folder",
            Span(path, _line_of(text, ("site", "content_dir")), 1),
            hint="create the folder, or point content_dir at the folder holding the articles",
        )
        raise ConfigError(diag.render(), [diag])
    return config


def _diagnostic(path: Path, text: str, err: Any) -> Diagnostic:
    loc = tuple(str(p) for p in err["loc"])
    dotted = ".".join(loc)
    line = _line_of(text, loc)
    if err["type"] == "extra_forbidden":
        hint = _suggest(loc)
        return Diagnostic(
            "CONF002",
            f"unknown setting `{dotted}`",
            Span(path, line, 1),
            hint=hint or "remove it; see docs/configuration.md for the settings",
        )
    if err["type"] == "missing":
        return Diagnostic(
            "CONF003",
            f"missing required setting `{dotted}`",
            Span(path, line, 1),
            hint=f"add `{loc[-1]} = ...` under [{'.'.join(loc[:-1]) or 'top level'}]",
        )
    return Diagnostic(
        "CONF004",
        f"`{dotted}`: {err['msg']}",
        Span(path, line, 1),
        hint="see docs/configuration.md for the expected type",
    )


def _suggest(loc: tuple[str, ...]) -> str:
    model: type[BaseModel] = Config
    for part in loc[:-1]:
        field = model.model_fields.get(part)
        annotation = getattr(field, "annotation", None)
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return ""
        model = annotation
    names = [f.alias or n for n, f in model.model_fields.items() if n != "root"]
    close = difflib.get_close_matches(loc[-1], names, n=1)
    return f"did you mean `{close[0]}`?" if close else ""


def _line_of(text: str, loc: tuple[str, ...]) -> int:
    """Best-effort line of a key: tomllib keeps no positions, so look for the table then key."""
    lines = text.splitlines()
    start = 0
    tables = [p for p in loc[:-1] if not p.isdigit()]
    if tables:
        header = "[" + ".".join(tables)
        for i, line in enumerate(lines):
            if line.strip().startswith(header):
                start = i
                break
    key = loc[-1]
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if stripped.startswith((key + " ", key + "=")):
            return i + 1
    return start + 1
