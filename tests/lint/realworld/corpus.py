"""Readers for the annotated real-world corpus, shared by the tests and benchmarks/lint_eval.py."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mindlex.config import Config

CORPUS = Path(__file__).parent
FAMILIES = ("LANG", "SAFE", "STAT", "CLAIM", "TPL")
PAGE_LEVEL = frozenset({"SAFE001", "SAFE009", "SAFE011"})
"""Rules about a whole page; scored on pages only."""


def family_of(code: str) -> str:
    """The editor's family of a rule code: CIT008 is STAT, "committed suicide" (LANG008) SAFE."""
    if code == "CIT008":
        return "STAT"
    if code == "LANG008":
        return "SAFE"
    for family in FAMILIES:
        if code.startswith(family):
            return family
    return code.rstrip("0123456789")


@dataclass(frozen=True)
class Page:
    path: Path
    locale: str
    kind: str
    expected: tuple[tuple[str, str], ...]
    body: str


def read_sentences(path: Path) -> list[tuple[int, frozenset[str], str]]:
    """(line number, expected families, sentence) for every annotated line."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        marks, text = line.split("\t", 1)
        families = frozenset() if marks == "-" else frozenset(marks.split(","))
        found.append((number, families, text))
    return found


def read_pages(folder: Path) -> list[Page]:
    pages = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        head, body = path.read_text(encoding="utf-8").split("---\n", 1)
        locale, kind = "en-US", "html" if path.suffix == ".html" else "text"
        expected = []
        for line in head.strip().split("\n"):
            key, _, value = line.partition(": ")
            if key == "locale":
                locale = value
            elif key == "kind":
                kind = value
            elif key == "expect":
                code, _, snippet = value.partition(" ")
                expected.append((code, snippet))
        pages.append(Page(path, locale, kind, tuple(expected), body))
    return pages


@cache
def config_for(locale: str) -> Config:
    """A site config with the given locale and no crisis tables of its own."""
    return Config.model_validate(
        {
            "site": {
                "name": "Evaluation",
                "base_url": "https://example.org/",
                "locale": locale,
                "disclaimer": "",
            },
            "crisis": _US_TABLE if locale == "en-US" else {},
        }
    )


_US_TABLE = {
    "en-US": {
        "emergency": "911",
        "resources": [
            {"name": "988 Suicide & Crisis Lifeline", "contact": "Call or text 988"},
            {"name": "Crisis Text Line", "contact": "Text HOME to 741741"},
        ],
    }
}
