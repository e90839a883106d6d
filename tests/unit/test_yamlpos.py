"""Hostile front matter: aliases, explicit tags, deep nesting and control characters."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mindlex.diagnostic import Diagnostic
from mindlex.source import frontmatter, yamlpos


def _error(text: str) -> yamlpos.YamlError:
    with pytest.raises(yamlpos.YamlError) as info:
        yamlpos.load(text)
    return info.value


@pytest.mark.parametrize(
    "text",
    ["title: &a [*a]", "x: &m {a: *m}", "a: &x 1\nb: *x", "base: &b {k: 1}\nother:\n  <<: *b"],
)
def test_aliases_are_refused_with_a_position(text: str) -> None:
    problem = _error(text)
    assert "alias" in problem.problem
    assert "\n" not in problem.problem


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["aliases:", "  - &l0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        ref = ", ".join([f"*l{n - 1}"] * 9)
        lines.append(f"  - &l{n} [{ref}]")
    start = time.process_time()
    problem = _error("\n".join(lines))
    assert time.process_time() - start < 1.0
    assert problem.line == 2  # the first alias, `*l0`, on the third line
    assert "alias" in problem.problem


@pytest.mark.parametrize(
    "text",
    [
        "title: !!bool maybe",
        "published: !!timestamp abc",
        "title: !!int ''",
        "title: !!str 5",
        "tags: !!set {a, b}",
        "x: !custom value",
        "x: !!python/object:os.system ls",
    ],
)
def test_explicit_tags_are_refused(text: str) -> None:
    problem = _error(text)
    assert "tag" in problem.problem
    assert (problem.line, problem.column) == (0, text.index("!"))


@pytest.mark.parametrize("depth", [60, 980, 50_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    problem = _error("title: " + "[" * depth + "]" * depth)
    assert "nest" in problem.problem


def test_reasonable_nesting_still_loads() -> None:
    data = yamlpos.load("a: [[[[x]]]]\nb: {c: {d: [1, 2]}}")
    assert data == {"a": [[[["x"]]]], "b": {"c": {"d": [1, 2]}}}
    assert data.lc.value("b") == (1, 3)


def test_quoted_and_plain_values_keep_their_types() -> None:
    data = yamlpos.load("a: '5'\nb: 5\nc: 2026-01-31\nd: true\ne: \"x\"")
    assert data["a"] == "5" and data["b"] == 5 and data["d"] is True
    assert str(data["c"]) == "2026-01-31"


def test_nul_byte_gives_one_line_with_its_position() -> None:
    text = "---\ntitle: a\x00b\nsummary: x\n---\nbody\n"
    diag = frontmatter.split(Path("a.md"), text)
    assert isinstance(diag, Diagnostic)
    assert diag.code == "PARSE012"
    assert "\n" not in diag.message
    assert "<unicode string>" not in diag.message
    assert "U+0000" in diag.message
    assert (diag.span.line, diag.span.col) == (2, 9)
