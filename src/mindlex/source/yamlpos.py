"""Fast YAML loading (libyaml) that keeps the line and column of every key and item.

The objects returned behave like dicts and lists and carry an `lc` attribute with the same
`line`, `col`, `key()`, `value()` and `item()` accessors as ruamel.yaml's round-trip types, so
diagnostics can point at a field without a slow round-trip parse.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - libyaml is in the manylinux wheels
    from yaml import SafeLoader as Loader


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


def load(text: str) -> Any:
    """Parse one YAML document; raises YamlError with the position of the problem."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(loader, node)
    except yaml.MarkedYAMLError as exc:
        unclosed = (exc.context or "").startswith(
            ("while scanning a quoted", "while parsing a flow")
        )
        mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            what = f"{exc.context}: {exc.problem}"
        raise YamlError(what, mark.line if mark else 0, mark.column if mark else 0) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), 0, 0) from None
    finally:
        loader.dispose()


def _build(loader: Any, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        mapping = PosMap()
        mapping.lc = Positions(node.start_mark.line, node.start_mark.column)
        for key_node, value_node in node.value:
            key = _build(loader, key_node)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise YamlError(
                    "a key must be a plain word",
                    key_node.start_mark.line,
                    key_node.start_mark.column,
                )
            if key in mapping:
                raise YamlError(
                    f'found duplicate key "{key}"',
                    key_node.start_mark.line,
                    key_node.start_mark.column,
                )
            mapping[key] = _build(loader, value_node)
            mapping.lc.keys[key] = (key_node.start_mark.line, key_node.start_mark.column)
            mapping.lc.values[key] = (value_node.start_mark.line, value_node.start_mark.column)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        seq = PosSeq()
        seq.lc = Positions(node.start_mark.line, node.start_mark.column)
        for item in node.value:
            seq.append(_build(loader, item))
            seq.lc.items.append((item.start_mark.line, item.start_mark.column))
        return seq
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
        # e.g. `2026-13-45` looks like a date to YAML but is not one
        raise YamlError(
            f"`{node.value}` is not a valid value ({exc})",
            node.start_mark.line,
            node.start_mark.column,
        ) from None
