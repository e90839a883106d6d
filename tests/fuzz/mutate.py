"""A seeded mutator of the sample articles, for fuzzing the parser, the rules and the renderer.

Each case is one sample article changed by one to three mutations: structural edits of lines
and characters, hostile YAML in the front matter, hostile Markdown and HTML in the body, and
field values of the wrong type. The same seed always gives the same cases, so a failure names
a case that can be run again.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "examples" / "glossary" / "articles"

YAML_PAYLOADS = (
    "title: &a [*a]",
    "x: &m {a: *m}",
    "title: !!bool maybe",
    "published: !!timestamp abc",
    "title: !!int ''",
    "title: !!python/object/apply:os.system ['true']",
    "aliases: [" * 200 + "]" * 200,
    "aliases: " + "[" * 40 + "x" + "]" * 40,
    "published: 2026-13-45",
    "published: 99999999-01-01",
    "title: " + "9" * 5000,
    "title: 0x" + "f" * 400,
    "category: " + "c" * 300,
    "slug: " + "a" * 300,
    "slug: ../../etc/passwd",
    "related: [" + ", ".join(["x"] * 500) + "]",
    "related: [../up, UPPER, 'a b']",
    "summary: \x00",
    "summary: \ufeff\u202e\u200b",
    "status: retired\nreplaced-by: missing",
    "status: retired\nreplaced-by: " + "a" * 300,
    "suppress: [{code: SAFE001}]",
    "suppress: {code: 1}",
    "references: {}",
    "references: [1, [2], {id: 3}]",
    "references:\n  - id: j\n    URL: 'javascript:alert(1)'\n    title: t",
    "references:\n  - id: j\n    DOI: ' javascript:alert(1)'\n    PMID: '<b>'",
    "references:\n  - id: j\n    author: [{family: {x: 1}}]\n    issued: {date-parts: [[a]]}",
    "references:\n  - id: j\n    issued: {date-parts: [[2020, 13, 40]]}\n    title: ''",
    "<<: {title: merged}",
    "? [complex, key]\n: value",
    "%YAML 1.1",
    "---\nsecond: document",
    "title:\ttab",
    "key: 'unclosed",
    "\t- bad indent",
)

BODY_PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    '<img src="http://tracker.example/p.gif">',
    '<a href="javascript:alert(1)">x</a>',
    "<script>alert(1)</script>",
    "<iframe src=//x></iframe>",
    "<svg><style>@import url(x)</style></svg>",
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z]( vbscript:x) [d](data:text/html,x)",
    "![](http://example.org/a.png)",
    "> " * 500 + "deep quote",
    "- " * 300 + "deep list",
    "*" * 5000,
    "[" * 3000 + "]" * 3000,
    "[@" * 2000,
    " ".join(f"[@missing-{n}]" for n in range(300)),
    "[@a; @b, p. 3; @c" * 50,
    "## S\n\n" * 400,
    "## \n\n### \n\n",
    "## FAQ\n\n### \n\n### Q\n\n",
    "| a | b |\n|---|---|\n" + "| x | y |\n" * 300,
    "```\n" + "unclosed fence\n" * 20,
    "&#0; &#x110000; &#xD800; &nbsp;&nonexistent;",
    "\x00\x01\x0b\x0c\x1b[31m",
    "\u202e\u2066\ufeff\U0001f600" * 20,
    "word " * 4000,
    "A sentence without end " * 300,
    "<!-- mindlex: ignore SAFE001 -->",
    "<!-- mindlex: ignore -->" * 20,
    "<!-- unterminated comment",
    "[link][undefined] [ref]: <>",
    "\r\n\r\r\n",
)

TYPE_SWAPS = (
    "",
    "~",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "12",
    "-1.5e400",
    "true",
    "'  '",
    ">-\n  folded",
)


@dataclass(frozen=True)
class Case:
    """One mutated article: where it came from and what was done to it."""

    seed: int
    source: str
    mutations: tuple[str, ...]
    text: str


Mutation = Callable[[random.Random, str], str]


def _front_matter_end(text: str) -> int:
    end = text.find("\n---", 3)
    return end if end > 0 else len(text)


def insert_yaml(rng: random.Random, text: str) -> str:
    end = _front_matter_end(text)
    return text[:end] + "\n" + rng.choice(YAML_PAYLOADS) + text[end:]


def replace_field(rng: random.Random, text: str) -> str:
    end = _front_matter_end(text)
    lines = text[:end].split("\n")
    fields = [i for i, line in enumerate(lines) if line and line[0].isalpha() and ":" in line]
    if not fields:
        return text
    i = rng.choice(fields)
    lines[i] = lines[i].split(":", 1)[0] + ": " + rng.choice(TYPE_SWAPS)
    return "\n".join(lines) + text[end:]


def insert_body(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    start = _front_matter_end(text)
    first = text[:start].count("\n") + 2
    at = rng.randrange(min(first, len(lines)), len(lines) + 1)
    return "\n".join([*lines[:at], rng.choice(BODY_PAYLOADS), *lines[at:]])


def delete_span(rng: random.Random, text: str) -> str:
    if not text:
        return text
    a = rng.randrange(len(text))
    return text[:a] + text[a + rng.randrange(1, 200) :]


def duplicate_span(rng: random.Random, text: str) -> str:
    if not text:
        return text
    a = rng.randrange(len(text))
    piece = text[a : a + rng.randrange(1, 400)]
    return text[:a] + piece * rng.randrange(2, 30) + text[a:]


def shuffle_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def flip_chars(rng: random.Random, text: str) -> str:
    chars = list(text)
    alphabet = "-:#&*!|>[]{}@\t\n '\"\\%`<>\x00\u00a0\u2028é"
    for _ in range(rng.randrange(1, 12)):
        if chars:
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
    return "".join(chars)


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


MUTATIONS: dict[str, Mutation] = {
    "insert_yaml": insert_yaml,
    "replace_field": replace_field,
    "insert_body": insert_body,
    "delete_span": delete_span,
    "duplicate_span": duplicate_span,
    "shuffle_lines": shuffle_lines,
    "flip_chars": flip_chars,
    "truncate": truncate,
}


def samples() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.md"))]


def cases(seed: int, count: int) -> Iterator[Case]:
    """`count` cases; case n depends only on (seed, n), so any one can be rerun alone."""
    originals = samples()
    names = sorted(MUTATIONS)
    for n in range(count):
        rng = random.Random(f"{seed}:{n}")
        name, text = rng.choice(originals)
        applied = tuple(rng.choice(names) for _ in range(rng.randrange(1, 4)))
        for mutation in applied:
            text = MUTATIONS[mutation](rng, text)
        yield Case(n, name, applied, text)
