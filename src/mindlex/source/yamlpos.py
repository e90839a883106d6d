"""Fast YAML loading (libyaml) that keeps the line and column of every key and item.

The objects returned behave like dicts and lists and carry an `lc` attribute with the same
`line`, `col`, `key()`, `value()` and `item()` accessors as ruamel.yaml's round-trip types, so
diagnostics can point at a field without a slow round-trip parse.

Front matter is data typed by a person, so the loader accepts only plain YAML: no aliases
(`*name`, which allow self-reference and exponential "billion laughs" expansion), no explicit
tags (`!!int`, `!custom`) and no nesting deeper than `MAX_DEPTH`. The tree is built from the
parser's event stream with an explicit stack, never by recursion, so input of any shape costs
time and memory linear in its size.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - libyaml is in the manylinux wheels
    from yaml import SafeLoader as Loader

MAX_DEPTH = 32
"""Lists and mappings nested deeper than this are refused; real front matter uses about 5."""

SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
"""Types a plain scalar may resolve to; anything else (`<<`, `=`) is read as text."""

STR_TAG = "tag:yaml.org,2002:str"


class YamlError(Exception):
    """A YAML problem with a 0-based position, like ruamel's marks."""

    def __init__(self, problem: str, line: int, column: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


class Positions:
    """0-based (line, column) of a container, its keys, values and items."""

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.keys: dict[Any, tuple[int, int]] = {}
        self.values: dict[Any, tuple[int, int]] = {}
        self.items: list[tuple[int, int]] = []

    def key(self, key: Any) -> tuple[int, int]:
        return self.keys[key]

    def value(self, key: Any) -> tuple[int, int]:
        return self.values[key]

    def item(self, index: int) -> tuple[int, int]:
        return self.items[index]


class PosMap(dict[Any, Any]):
    lc: Positions


class PosSeq(list[Any]):
    lc: Positions


class _NoKey:
    """Marks a mapping frame that waits for its next key."""


NO_KEY = _NoKey()


class _Frame:
    """A container being filled, and (for a mapping) the key whose value comes next."""

    __slots__ = ("container", "key", "key_at")

    def __init__(self, container: PosMap | PosSeq) -> None:
        self.container = container
        self.key: Any = NO_KEY
        self.key_at = (0, 0)


def load(text: str) -> Any:
    """Parse one YAML document; raises YamlError with the position of the problem."""
    loader = Loader(text)
    try:
        return _compose(loader)
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        char = exc.character
        what = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        raise YamlError(
            f"the character {what} is not allowed in YAML ({exc.reason}); delete it",
            line,
            column,
        ) from None
    except yaml.MarkedYAMLError as exc:
        unclosed = (exc.context or "").startswith(
            ("while scanning a quoted", "while parsing a flow")
        )
        mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            what = f"{exc.context}: {exc.problem}"
        raise YamlError(
            what.splitlines()[0] if what else "invalid YAML",
            mark.line if mark else 0,
            mark.column if mark else 0,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).splitlines()[0], 0, 0) from None
    finally:
        loader.dispose()


def _position(text: str, offset: int) -> tuple[int, int]:
    """0-based line and column of a UTF-8 byte offset (libyaml counts bytes)."""
    before = text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")
    return before.count("\n"), len(before) - (before.rfind("\n") + 1)


def _compose(loader: Any) -> Any:
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    root = _document(loader)
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        mark = loader.peek_event().start_mark
        raise YamlError("front matter must be a single YAML document", mark.line, mark.column)
    return root


def _document(loader: Any) -> Any:
    stack: list[_Frame] = []
    while True:
        event = loader.get_event()
        mark = event.start_mark
        if isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop().container
            if not stack:
                return done
            continue
        _refuse(event, len(stack))
        value: Any
        if isinstance(event, yaml.ScalarEvent):
            value = _scalar(loader, event)
        else:
            value = PosMap() if isinstance(event, yaml.MappingStartEvent) else PosSeq()
            value.lc = Positions(mark.line, mark.column)
        if stack:
            _attach(stack[-1], value, (mark.line, mark.column))
        if not isinstance(value, PosMap | PosSeq):
            if not stack:
                return value
            continue
        stack.append(_Frame(value))


def _refuse(event: Any, depth: int) -> None:
    """Reject the YAML features front matter has no use for, at their position."""
    mark = event.start_mark
    if isinstance(event, yaml.AliasEvent):
        raise YamlError(
            f"aliases (`*{event.anchor}`) are not allowed in front matter; write the value out",
            mark.line,
            mark.column,
        )
    if getattr(event, "tag", None) is not None:
        raise YamlError(
            f"explicit tags (`{event.tag}`) are not allowed in front matter; "
            "quote the value if it should be text",
            mark.line,
            mark.column,
        )
    if isinstance(event, yaml.CollectionStartEvent) and depth >= MAX_DEPTH:
        raise YamlError(
            f"lists and mappings are nested more than {MAX_DEPTH} levels deep",
            mark.line,
            mark.column,
        )


def _attach(frame: _Frame, value: Any, at: tuple[int, int]) -> None:
    container = frame.container
    if isinstance(container, PosSeq):
        container.append(value)
        container.lc.items.append(at)
        return
    if frame.key is NO_KEY:
        if not isinstance(value, str | int | float | bool) and value is not None:
            raise YamlError("a key must be a plain word", *at)
        if value in container:
            raise YamlError(f'found duplicate key "{value}"', *at)
        frame.key, frame.key_at = value, at
        return
    container[frame.key] = value
    container.lc.keys[frame.key] = frame.key_at
    container.lc.values[frame.key] = at
    frame.key = NO_KEY


def _scalar(loader: Any, event: Any) -> Any:
    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag not in SCALAR_TAGS:
        tag = STR_TAG
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return loader.yaml_constructors[tag](loader, node)
    except (ValueError, TypeError, ArithmeticError, yaml.YAMLError) as exc:
        # e.g. `2026-13-45` looks like a date to YAML but is not one
        raise YamlError(
            f"`{event.value}` is not a valid value ({exc})",
            event.start_mark.line,
            event.start_mark.column,
        ) from None
